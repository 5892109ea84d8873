// DlqReplayer, the replay service behind `sluice-cli dlq replay` and the GUI's DLQ browser: a real engine,
// a real SQLite store (and PostgreSQL when SLUICE_TEST_PG names a server), failing items replayed.

#include "../engine/EngineTestUtil.h"
#include "replay/DlqReplayer.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QTemporaryDir>

using namespace sluice;

namespace {

// Each order is rejected `rejections` times; one retry. Up to half may fail (so the run succeeds).
const char *const kOrders = R"json({
  "StartAt": "Load each order",
  "States": {
    "Load each order": {
      "Type": "Map", "ItemsPath": "$.orders", "ToleratedFailurePercentage": 50,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Post",
        "States": {
          "Post": {"Type": "Task", "Resource": "sluice:fail",
                   "Parameters": {"Error": "Http.503", "Cause.$": "States.Format('rejected {}', $.id)", "Attempts.$": "$.rejections"},
                   "ResultSelector": {"posted.$": "$.Cause"},
                   "Retry": [{"ErrorEquals": ["Http.503"], "MaxAttempts": 1}],
                   "End": true}
        }
      },
      "End": true
    }
  }
})json";

} // namespace

class TestDlqReplayer : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    std::shared_ptr<Journal> m_journal;
    std::shared_ptr<JournalReader> m_reader;

    /// Runs the orders workflow over `rejections` (one order each) and returns the execution id.
    QString runOrders(const std::vector<int> &rejections)
    {
        const QByteArray bytes(kOrders);
        auto version = m_journal->saveWorkflow(bytes, QStringLiteral("orders"));
        if (!version)
            return {};
        Json orders = Json::array();
        for (size_t i = 0; i < rejections.size(); ++i)
            orders.push_back({{"id", int(i + 1)}, {"rejections", rejections[i]}});
        ExecutionOptions options;
        options.journal = m_journal;
        options.workflowVersion = version.value();
        options.noDelays = true;
        options.stateMachineName = "orders";
        Engine engine(2);
        const Execution execution = engine.start(test::workflowFrom(Json::parse(kOrders)), {{"orders", orders}}, options);
        execution.waitForFinished();
        m_journal->flush(30000);
        return execution.result().executionId;
    }

    QList<DlqEntry> entriesOf(const QString &execution)
    {
        DlqFilter filter;
        filter.executionId = execution;
        auto entries = allDlqEntries(*m_reader, filter);
        return entries ? entries.value() : QList<DlqEntry>();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == QStringLiteral("postgresql")) {
            m_store = qEnvironmentVariable("SLUICE_TEST_PG");
            if (m_store.isEmpty())
                QSKIP("SLUICE_TEST_PG is not set (scripts/test starts a PostgreSQL server and sets it)");
        } else {
            m_store = m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        }
        auto journal = Journal::open(m_store);
        QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
        m_journal = journal.value();
        auto reader = JournalReader::open(m_store);
        QVERIFY(reader);
        m_reader = std::shared_ptr<JournalReader>(std::move(reader).value());
    }

    void cleanup()
    {
        m_reader.reset();
        m_journal.reset();
    }

    void editedInputSucceedsAndTheParentIsRedriven()
    {
        const QString id = runOrders({0, 5, 0, 7});
        const QList<DlqEntry> entries = entriesOf(id);
        QCOMPARE(entries.size(), 2);

        DlqReplayer replayer(m_journal, m_reader);
        ReplayRequest request;
        request.filter = DlqFilter{};
        request.filter->executionId = id;
        request.input = Json{{"id", 9}, {"rejections", 0}};
        request.noDelays = true;
        request.user = QStringLiteral("tester");
        int total = -1;
        QList<ReplayEntryResult> reported;
        QStringList messages;
        ReplayObserver observer;
        observer.started = [&](int n) { total = n; };
        observer.finished = [&](const ReplayEntryResult &r) { reported.append(r); };
        observer.message = [&](const QString &m) { messages.append(m); };
        auto results = replayer.replay(request, observer);
        QVERIFY(results);
        QCOMPARE(total, 2);
        QCOMPARE(reported.size(), 2);
        for (const ReplayEntryResult &r : results.value())
            QCOMPARE(int(r.outcome), int(ReplayOutcome::Succeeded));
        QVERIFY2(messages.join(u'\n').contains(QStringLiteral("redriven")), qPrintable(messages.join(u'\n')));

        auto entry = m_reader->dlqEntry(entries[0].id);
        QCOMPARE(int(entry.value().status), int(DlqStatus::Replayed));
        auto replays = m_reader->replays(entries[0].id);
        QCOMPARE(replays.value().size(), 1);
        QCOMPARE(replays.value()[0].osUser, QStringLiteral("tester"));
        auto info = m_reader->execution(id);
        QCOMPARE(int(info.value().status), int(ExecutionStatus::Succeeded));
        QVERIFY(QString::fromStdString(info.value().output.dump()).contains(QStringLiteral("rejected 9")));
    }

    void aFailedReplayKeepsTheEntryOpenWithTheNewFailure()
    {
        const QString id = runOrders({0, 5});
        const QList<DlqEntry> entries = entriesOf(id);
        QCOMPARE(entries.size(), 1);
        DlqReplayer replayer(m_journal, m_reader);
        ReplayRequest request;
        request.ids = {entries[0].id, 999999};
        request.input = Json{{"id", 2}, {"rejections", 3}};
        request.noDelays = true;
        auto results = replayer.replay(request);
        QVERIFY(results);
        QCOMPARE(results.value().size(), 2);
        // The unknown id is reported first (it never starts); the real entry fails again with Http.503.
        QCOMPARE(results.value()[0].error, QStringLiteral("Sluice.EntryMissing"));
        QCOMPARE(results.value()[1].error, QStringLiteral("Http.503"));
        QCOMPARE(results.value()[1].cause, QStringLiteral("rejected 2"));
        QCOMPARE(int(m_reader->dlqEntry(entries[0].id).value().status), int(DlqStatus::Open));
        QCOMPARE(m_reader->replays(entries[0].id).value()[0].error, QStringLiteral("Http.503"));
    }

    void cancelStartsNoFurtherEntries()
    {
        const QString id = runOrders({9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0});
        QCOMPARE(entriesOf(id).size(), 6);
        DlqReplayer replayer(m_journal, m_reader);
        ReplayRequest request;
        request.filter = DlqFilter{};
        request.filter->executionId = id;
        request.concurrency = 1;
        request.noDelays = true;
        std::atomic_bool cancel = false;
        ReplayObserver observer;
        observer.finished = [&](const ReplayEntryResult &) { cancel = true; };   // stop after the first
        auto results = replayer.replay(request, observer, &cancel);
        QVERIFY(results);
        QCOMPARE(results.value().size(), 1);
        int stillOpen = 0;
        for (const DlqEntry &e : entriesOf(id))
            stillOpen += e.status == DlqStatus::Open && m_reader->replays(e.id).value().isEmpty();
        QCOMPARE(stillOpen, 5);
    }

    void aNewerDefinitionBecomesTheLatestVersion()
    {
        const QString id = runOrders({0, 4});
        const QList<DlqEntry> entries = entriesOf(id);
        QCOMPARE(entries.size(), 1);
        QByteArray newer(kOrders);
        newer.replace("\"MaxAttempts\": 1", "\"MaxAttempts\": 5");
        DlqReplayer replayer(m_journal, m_reader);
        ReplayRequest request;
        request.ids = {entries[0].id};
        request.definition = newer;
        request.noDelays = true;
        auto results = replayer.replay(request);
        QVERIFY(results);
        QCOMPARE(int(results.value()[0].outcome), int(ReplayOutcome::Succeeded));
        // Saved under the workflow's own name, so it is now that workflow's latest version.
        auto latest = m_reader->latestWorkflowVersion(entries[0].workflowVersion);
        QVERIFY(latest);
        QVERIFY(latest.value() != entries[0].workflowVersion);
        QCOMPARE(m_reader->workflowDefinition(latest.value()).value(), newer);

        request.latestVersion = true;
        QVERIFY(!replayer.replay(request));   // both at once is refused
    }
};

QTEST_GUILESS_MAIN(TestDlqReplayer)
#include "tst_dlqreplayer.moc"
