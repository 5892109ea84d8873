// The run service on a real SQLite store: journaled start, stop, pause/resume, rerun with the same input,
// and continuing an execution a previous process left running.

#include "run/RunService.h"

#include "engine/Engine.h"
#include "replay/DlqReplayer.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sluice;

namespace {

/// A Map over $.items whose every item sleeps `seconds` in a task, at most `concurrency` at a time.
QByteArray sleepyMap(double seconds, int concurrency)
{
    const Json definition = {
        {"StartAt", "Each"},
        {"States",
         {{"Each",
           {{"Type", "Map"}, {"ItemsPath", "$.items"}, {"MaxConcurrency", concurrency},
            {"ItemProcessor",
             {{"ProcessorConfig", {{"Mode", "DISTRIBUTED"}, {"ExecutionType", "STANDARD"}}},
              {"StartAt", "Nap"},
              {"States",
               {{"Nap", {{"Type", "Task"}, {"Resource", "sluice:sleep"}, {"Parameters", {{"Seconds", seconds}}},
                         {"End", true}}}}}}},
            {"End", true}}}}}};
    return QByteArray::fromStdString(definition.dump());
}

Json itemsInput(int n)
{
    Json items = Json::array();
    for (int i = 0; i < n; ++i)
        items.push_back({{"sku", i}});
    return {{"items", items}};
}

ExecutionOptions named(const char *name)
{
    ExecutionOptions options;
    options.stateMachineName = name;
    return options;
}

} // namespace

class TestRunService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_location = m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_counter));
        auto journal = Journal::open(m_location);
        QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
        m_journal = journal.value();
    }
    void cleanup() { m_journal.reset(); }

    void startsAJournaledRun()
    {
        RunService service(m_journal);
        QSignalSpy started(&service, &RunService::executionStarted);

        auto execution = service.start(sleepyMap(0, 4), itemsInput(20), named("Nap"));

        QVERIFY(execution);
        QCOMPARE(started.count(), 1);
        QVERIFY(execution->waitForFinished(20000));
        QCOMPARE(execution->result().status, ExecutionStatus::Succeeded);
        QVERIFY(m_journal->flush());
        auto reader = JournalReader::open(m_location);
        QVERIFY(reader);
        auto info = reader.value()->execution(execution->id());
        QVERIFY(info);
        QCOMPARE(info->status, ExecutionStatus::Succeeded);
        QCOMPARE(info->workflowName, QStringLiteral("Nap"));
        QCOMPARE(info->counts[size_t(ItemStatus::Succeeded)], 21);   // 20 items and the root
        QVERIFY(service.running().isEmpty());
    }

    void refusesABrokenDefinition()
    {
        RunService service(m_journal);
        auto execution = service.start("{\"StartAt\": \"Nowhere\"}", Json::object());
        QVERIFY(!execution);
        QVERIFY(!execution.error().message.isEmpty());
    }

    void stopAbortsTheRun()
    {
        RunService service(m_journal);
        auto execution = service.start(sleepyMap(0.05, 2), itemsInput(200), named("Nap"));
        QVERIFY(execution);
        QTRY_VERIFY(service.running().contains(execution->id()));

        QVERIFY(service.stop(execution->id()));

        QVERIFY(execution->waitForFinished(10000));
        QCOMPARE(execution->result().status, ExecutionStatus::Aborted);
        QVERIFY(!service.stop(execution->id()));   // already over
        QVERIFY(m_journal->flush());
        auto reader = JournalReader::open(m_location);
        QCOMPARE(reader.value()->execution(execution->id())->status, ExecutionStatus::Aborted);
    }

    void pauseLetsInFlightItemsFinishAndStartsNoNewOnes()
    {
        RunService service(m_journal);
        QSignalSpy pausedChanged(&service, &RunService::pausedChanged);
        std::atomic<qint64> succeeded{0};
        ExecutionOptions options = named("Nap");
        options.snapshotIntervalMs = 20;
        options.onProgress = [&succeeded](const ProgressSnapshot &s) {
            succeeded = s.items[size_t(ItemStatus::Succeeded)];
        };
        auto execution = service.start(sleepyMap(0.02, 2), itemsInput(60), std::move(options));
        QVERIFY(execution);
        QTRY_VERIFY(succeeded >= 4);

        QVERIFY(service.setPaused(execution->id(), true));
        QVERIFY(service.isPaused(execution->id()));
        QCOMPARE(pausedChanged.count(), 1);
        QTest::qWait(300);   // the two items in flight finish
        const qint64 atPause = succeeded;
        QTest::qWait(500);

        QCOMPARE(succeeded.load(), atPause);   // nothing new started
        QVERIFY(atPause < 60);
        QVERIFY(!execution->isFinished());

        QVERIFY(service.setPaused(execution->id(), false));
        QVERIFY(execution->waitForFinished(20000));
        QCOMPARE(execution->result().status, ExecutionStatus::Succeeded);
        QCOMPARE(execution->result().output().size(), size_t(60));
        QCOMPARE(pausedChanged.count(), 2);
    }

    void rerunUsesTheSameInputAndVersion()
    {
        RunService service(m_journal);
        auto first = service.start(sleepyMap(0, 4), itemsInput(3), named("Nap"));
        QVERIFY(first);
        QVERIFY(first->waitForFinished(10000));
        QVERIFY(m_journal->flush());

        auto again = service.rerun(first->id());

        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        QVERIFY(again->id() != first->id());
        QVERIFY(again->waitForFinished(10000));
        QVERIFY(m_journal->flush());
        auto reader = JournalReader::open(m_location);
        auto a = reader.value()->execution(first->id());
        auto b = reader.value()->execution(again->id());
        QVERIFY(a && b);
        QCOMPARE(b->workflowVersion, a->workflowVersion);
        QCOMPARE(b->workflowName, QStringLiteral("Nap"));
        QVERIFY(b->input == a->input);
        QCOMPARE(b->status, ExecutionStatus::Succeeded);
        QVERIFY(!service.rerun(QStringLiteral("no-such-run")));
    }

    void resumesWhatAnotherProcessLeftRunning()
    {
        // What a killed process leaves: the execution and its root item journaled, nothing finished.
        const QByteArray definition = R"({"StartAt": "Tag", "States": {
            "Tag": {"Type": "Pass", "Result": "resumed", "ResultPath": "$.tag", "End": true}}})";
        const QString id = QStringLiteral("left-running");
        {
            auto version = m_journal->saveWorkflow(definition, QStringLiteral("Tagger"));
            QVERIFY(version);
            auto input = std::make_shared<const Json>(Json{{"n", 1}});
            JournalRecord started;
            started.type = JournalRecord::Type::ExecutionStarted;
            started.executionId = id;
            started.executionName = "left-running";
            started.workflowVersion = version.value();
            started.payload = input;
            started.timeMs = 1700000000000;
            JournalRecord root = started;
            root.type = JournalRecord::Type::ItemStarted;
            root.state = "Tag";
            JournalRecord entered = root;
            entered.type = JournalRecord::Type::StateEntered;
            m_journal->append({started, root, entered});
            QVERIFY(m_journal->flush());
        }
        RunService service(m_journal);

        auto resumed = service.resumeUnfinished();

        QVERIFY(resumed);
        QCOMPARE(resumed->size(), size_t(1));
        QCOMPARE(resumed->front().id, id);
        QVERIFY(resumed->front().execution);
        QVERIFY(resumed->front().execution->waitForFinished(10000));
        QVERIFY(service.execution(id));
        QVERIFY(m_journal->flush());
        auto reader = JournalReader::open(m_location);
        auto info = reader.value()->execution(id);
        QCOMPARE(info->status, ExecutionStatus::Succeeded);
        QVERIFY(info->output == (Json{{"n", 1}, {"tag", "resumed"}}));
        auto again = service.resumeUnfinished();
        QVERIFY(again && again->empty());
    }

    void replayInTheSameProcessMovesTheItemCounts()
    {
        // The journal that wrote the run also journals its replay (the GUI's case): the replayed item's
        // failure must leave the counts, not stay beside its success.
        const QByteArray definition = R"({"StartAt": "Each", "States": {"Each": {"Type": "Map",
            "ItemsPath": "$.items", "ToleratedFailurePercentage": 100, "ItemProcessor": {"ProcessorConfig":
            {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Load", "States": {"Load":
            {"Type": "Task", "Resource": "sluice:fail", "Parameters": {"Error": "Http.503", "Cause": "down",
            "Attempts.$": "$.failures"}, "End": true}}}, "End": true}}})";
        RunService service(m_journal);
        auto execution = service.start(definition, Json{{"items", {{{"failures", 0}}, {{"failures", 9}}, {{"failures", 0}}}}});
        QVERIFY(execution && execution->waitForFinished(10000));
        QVERIFY(m_journal->flush());
        std::shared_ptr<JournalReader> reader(JournalReader::open(m_location).value().release());
        QCOMPARE(reader->execution(execution->id())->counts[size_t(ItemStatus::Failed)], 1);

        DlqReplayer replayer(m_journal, reader);
        ReplayRequest request;
        DlqFilter filter;
        filter.executionId = execution->id();
        request.filter = filter;
        request.input = Json{{"failures", 0}};
        auto results = replayer.replay(request);

        QVERIFY(results);
        QCOMPARE(results->size(), 1);
        QCOMPARE(results->first().outcome, ReplayOutcome::Succeeded);
        QVERIFY(m_journal->flush());
        const ExecutionInfo info = reader->execution(execution->id()).value();
        QCOMPARE(info.counts[size_t(ItemStatus::Failed)], 0);
        QCOMPARE(info.counts[size_t(ItemStatus::Succeeded)], 4);   // three items and the root
        QCOMPARE(info.counts[size_t(ItemStatus::Replaying)], 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_location;
    int m_counter = 0;
    std::shared_ptr<Journal> m_journal;
};

QTEST_GUILESS_MAIN(TestRunService)
#include "tst_runservice.moc"
