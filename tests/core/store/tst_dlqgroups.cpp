// JournalReader::dlqGroups and workflowVersions: DLQ entries written through the real Journal, grouped by
// (error, state) on SQLite (and PostgreSQL when SLUICE_TEST_PG names a server).

#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sluice;

namespace {

using Type = JournalRecord::Type;

struct Failed
{
    const char *error;
    const char *state;
    qint64 timeMs;
    const char *cause;
};

} // namespace

class TestDlqGroups : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    std::shared_ptr<Journal> m_journal;
    std::unique_ptr<JournalReader> m_reader;
    int m_runs = 0;

    /// One execution of a workflow saved as `definition` under "orders", whose items 1..n fail as listed.
    QString writeRun(const QByteArray &definition, const QList<Failed> &failures, QString *version = nullptr)
    {
        auto saved = m_journal->saveWorkflow(definition, QStringLiteral("orders"));
        if (!saved)
            return {};
        const QString id = QStringLiteral("groups-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_runs);
        JournalRecord start;
        start.type = Type::ExecutionStarted;
        start.executionId = id;
        start.executionName = "groups";
        start.workflowVersion = saved.value();
        start.payload = std::make_shared<const Json>(Json::object());
        start.timeMs = 1000;
        std::vector<JournalRecord> records{start};
        qint64 item = 0;
        for (const Failed &f : failures) {
            ++item;
            auto input = std::make_shared<const Json>(Json{{"sku", item}});
            JournalRecord began;
            began.type = Type::ItemStarted;
            began.executionId = id;
            began.item = item;
            began.index = item - 1;
            began.mapState = "Each";
            began.state = f.state;
            began.payload = input;
            began.timeMs = f.timeMs;
            records.push_back(began);
            JournalRecord failed;
            failed.type = Type::ItemFinished;
            failed.executionId = id;
            failed.item = item;
            failed.state = f.state;
            failed.status = ItemStatus::Failed;
            failed.error = f.error;
            failed.cause = f.cause;
            failed.attempt = 2;
            failed.timeMs = f.timeMs;
            failed.dlq = true;
            failed.dlqInput = input;
            records.push_back(failed);
        }
        m_journal->append(std::move(records));
        if (!m_journal->flush(30000))
            return {};
        if (version)
            *version = QString::fromStdString(saved.value());
        return id;
    }

    QList<DlqGroup> groups(const DlqFilter &filter = {})
    {
        auto result = m_reader->dlqGroups(filter);
        if (!result)
            qWarning("%s", qPrintable(result.error().message));
        return result ? result.value() : QList<DlqGroup>{{QStringLiteral("query failed"), {}, -1, -1, -1}};
    }

    static QString describe(const QList<DlqGroup> &groups)
    {
        QStringList parts;
        for (const DlqGroup &g : groups)
            parts << QStringLiteral("%1x%2@%3(open %4, last %5)").arg(g.count).arg(g.error, g.state).arg(g.open).arg(g.lastFailureMs);
        return parts.join(QStringLiteral("; "));
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
        m_reader = std::move(reader).value();
    }

    void cleanup()
    {
        m_reader.reset();
        m_journal.reset();
    }

    void groupsByErrorAndStateBiggestFirst()
    {
        // PostgreSQL keeps the entries of earlier tests: restrict every query to this test's runs.
        QString v1;
        QString v2;
        const QString a = writeRun("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}",
                                   {{"Http.503", "LoadToERP", 5000, "erp down"},
                                    {"Http.503", "LoadToERP", 7000, "erp down"},
                                    {"States.Timeout", "LoadToERP", 6000, "slow"},
                                    {"Http.503", "Transform", 9000, "proxy"},
                                    {"Http.503", "LoadToERP", 6500, "ERP DOWN again"}},
                                   &v1);
        const QString b = writeRun("{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"End\":true}}}",
                                   {{"Http.503", "LoadToERP", 8000, "erp down"}, {"States.Timeout", "LoadToERP", 2000, "slow"}},
                                   &v2);
        QVERIFY(!a.isEmpty() && !b.isEmpty());

        DlqFilter onlyA;
        onlyA.executionId = a;
        const QList<DlqGroup> groupsA = groups(onlyA);
        QCOMPARE(describe(groupsA), QStringLiteral("3xHttp.503@LoadToERP(open 3, last 7000); "
                                                   "1xHttp.503@Transform(open 1, last 9000); "
                                                   "1xStates.Timeout@LoadToERP(open 1, last 6000)"));

        DlqFilter byVersion;
        byVersion.workflowVersion = v2;
        QCOMPARE(describe(groups(byVersion)), QStringLiteral("1xHttp.503@LoadToERP(open 1, last 8000); "
                                                             "1xStates.Timeout@LoadToERP(open 1, last 2000)"));

        // The other filters narrow the groups as they narrow dlq().
        DlqFilter text = onlyA;
        text.causeText = QStringLiteral("erp down");   // case-insensitive, as dlq() matches it
        QCOMPARE(describe(groups(text)), QStringLiteral("3xHttp.503@LoadToERP(open 3, last 7000)"));
        DlqFilter since = onlyA;
        since.sinceMs = 6500;
        QCOMPARE(describe(groups(since)), QStringLiteral("2xHttp.503@LoadToERP(open 2, last 7000); "
                                                         "1xHttp.503@Transform(open 1, last 9000)"));
        DlqFilter stateAndError = onlyA;
        stateAndError.state = QStringLiteral("LoadToERP");
        stateAndError.error = QStringLiteral("States.Timeout");
        QCOMPARE(describe(groups(stateAndError)), QStringLiteral("1xStates.Timeout@LoadToERP(open 1, last 6000)"));

        // The counts agree with the entries dlq() lists for the same filter.
        DlqFilter page = onlyA;
        page.error = QStringLiteral("Http.503");
        page.state = QStringLiteral("LoadToERP");
        page.limit = 100;
        QCOMPARE(m_reader->dlq(page).value().size(), 3);
    }

    void countsOpenEntriesAndFollowsTheStatusFilter()
    {
        const QString a = writeRun("{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Pass\",\"End\":true}}}",
                                   {{"Http.503", "LoadToERP", 5000, "x"},
                                    {"Http.503", "LoadToERP", 5000, "x"},
                                    {"Http.503", "LoadToERP", 5000, "x"}});
        QVERIFY(!a.isEmpty());
        DlqFilter onlyA;
        onlyA.executionId = a;
        onlyA.limit = 10;
        const QList<DlqEntry> entries = m_reader->dlq(onlyA).value();
        QCOMPARE(entries.size(), 3);
        QVERIFY(m_reader->setDlqStatus(entries[0].id, DlqStatus::Discarded));
        QVERIFY(m_reader->setDlqStatus(entries[1].id, DlqStatus::Replayed));

        QCOMPARE(describe(groups(onlyA)), QStringLiteral("3xHttp.503@LoadToERP(open 1, last 5000)"));
        DlqFilter open = onlyA;
        open.status = DlqStatus::Open;
        QCOMPARE(describe(groups(open)), QStringLiteral("1xHttp.503@LoadToERP(open 1, last 5000)"));
        DlqFilter discarded = onlyA;
        discarded.status = DlqStatus::Discarded;
        QCOMPARE(describe(groups(discarded)), QStringLiteral("1xHttp.503@LoadToERP(open 0, last 5000)"));
        DlqFilter none = onlyA;
        none.error = QStringLiteral("No.Such.Error");
        QVERIFY(groups(none).isEmpty());
    }

    void groupsComeFromTheIndexAlone()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QStringLiteral("sqlite"))
            QSKIP("the query plan is checked on SQLite");
        QVERIFY(!writeRun("{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Pass\",\"End\":true}}}",
                          {{"Http.503", "LoadToERP", 5000, "x"}})
                     .isEmpty());
        QString plan;
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plan"));
            db.setDatabaseName(m_store);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT d.error, d.state, count(*), max(d.last_ms),"
                                              " sum(CASE WHEN d.status = 0 THEN 1 ELSE 0 END) FROM dlq d WHERE 1 = 1"
                                              " AND d.status = 0 GROUP BY d.error, d.state ORDER BY 3 DESC, 1, 2")));
            while (query.next())
                plan += query.value(3).toString() + QLatin1Char('\n');
        }
        QSqlDatabase::removeDatabase(QStringLiteral("plan"));
        QVERIFY2(plan.contains(QStringLiteral("COVERING INDEX dlq_group")), qPrintable(plan));
    }

    void aVersionTwoStoreIsMigratedByTheJournal()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QStringLiteral("sqlite"))
            QSKIP("a throw-away SQLite file is taken back to version 2");
        cleanup();
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(m_store);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP INDEX dlq_group")));
            for (const char *index : {"items_status", "items_state", "items_error"})   // version 4
                QVERIFY(query.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))));
            QVERIFY(query.exec(QStringLiteral("ALTER TABLE executions DROP COLUMN options")));   // version 5's
            QVERIFY(query.exec(QStringLiteral("UPDATE sluice_meta SET value = '2' WHERE key = 'schema_version'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        QVERIFY(!JournalReader::open(m_store));   // a reader does not migrate
        auto journal = Journal::open(m_store);
        QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
        journal.value().reset();
        auto reader = JournalReader::open(m_store);
        QVERIFY(reader);
        QVERIFY(reader.value()->dlqGroups({}));
    }

    void listsSavedWorkflowVersions()
    {
        QString v1;
        QString v2;
        QVERIFY(!writeRun("{\"StartAt\":\"D\",\"States\":{\"D\":{\"Type\":\"Pass\",\"End\":true}}}", {}, &v1).isEmpty());
        QVERIFY(!writeRun("{\"StartAt\":\"E\",\"States\":{\"E\":{\"Type\":\"Pass\",\"End\":true}}}", {}, &v2).isEmpty());
        auto versions = m_reader->workflowVersions();
        QVERIFY(versions);
        QStringList found;
        for (const WorkflowVersionInfo &info : versions.value()) {
            if (info.version == v1 || info.version == v2) {
                QCOMPARE(info.name, QStringLiteral("orders"));
                QVERIFY(info.savedMs > 0);
                found << info.version;
            }
        }
        QCOMPARE(found.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDlqGroups)
#include "tst_dlqgroups.moc"
