// The journal and its reader, the same suite on SQLite (a file in a QTemporaryDir) and on PostgreSQL
// ($SLUICE_TEST_PG, which scripts/test provides; without it the PostgreSQL rows are skipped).

#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace sluice;
using Type = JournalRecord::Type;

#define JSON_COMPARE(actual, expected)                                                                         \
    do {                                                                                                       \
        const Json actual_ = (actual);                                                                         \
        const Json expected_ = (expected);                                                                     \
        QVERIFY2(actual_ == expected_, qPrintable(QStringLiteral("%1 != %2")                                   \
                                                      .arg(QString::fromStdString(actual_.dump()),             \
                                                           QString::fromStdString(expected_.dump()))));        \
    } while (false)

namespace {

const QByteArray kDefinition = R"({"StartAt":"Fan","States":{"Fan":{"Type":"Map","End":true}}})";
const char *kWorkflowVersion = "d200ed8e36b22fcd6860b84acf017321a71988b662077bcc8c5ac5740e5a59fb";   // SHA-256 of kDefinition

/// A direct connection for arranging and inspecting what the journal's API does not expose.
class RawDb
{
public:
    explicit RawDb(const QString &location)
    {
        static int counter = 0;
        m_name = QStringLiteral("tst-journal-raw-%1").arg(++counter);
        if (location.startsWith(QLatin1String("postgresql://"))) {
            const QUrl url(location);
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(url.host());
            m_db.setPort(url.port(5432));
            m_db.setUserName(url.userName());
            m_db.setDatabaseName(url.path().mid(1));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(location);
        }
        if (!m_db.open())
            qWarning() << "RawDb:" << m_db.lastError().text();
        else if (m_db.driverName() == QLatin1String("QPSQL"))
            exec(QStringLiteral("SET client_min_messages = WARNING"));
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
        return true;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

std::shared_ptr<const Json> json(Json value)
{
    return std::make_shared<const Json>(std::move(value));
}

JournalRecord record(Type type, const QString &execution, qint64 item, std::string state = {},
                     std::shared_ptr<const Json> payload = {})
{
    JournalRecord r;
    r.type = type;
    r.executionId = execution;
    r.item = item;
    r.state = std::move(state);
    r.payload = std::move(payload);
    r.timeMs = 1700000000000 + item;
    return r;
}

JournalRecord executionStarted(const QString &execution, Json input = Json::object())
{
    JournalRecord r = record(Type::ExecutionStarted, execution, 0, {}, json(std::move(input)));
    r.executionName = "run-" + execution.toStdString();
    r.workflowVersion = kWorkflowVersion;
    return r;
}

JournalRecord executionFinished(const QString &execution, ItemStatus status, Json output = nullptr)
{
    JournalRecord r = record(Type::ExecutionFinished, execution, 0, {}, json(std::move(output)));
    r.status = status;
    return r;
}

/// One Map child through `states`; it fails for good (DLQ) in state `failAt` when that is set.
std::vector<JournalRecord> itemRun(const QString &execution, qint64 item, const std::vector<std::string> &states,
                                   int failAt = -1, const std::string &error = "States.TaskFailed",
                                   const std::string &cause = "boom")
{
    std::vector<JournalRecord> out;
    auto input = json(Json{{"id", item}});
    JournalRecord start = record(Type::ItemStarted, execution, item, states.front(), input);
    start.parent = 0;
    start.index = item - 1;
    start.mapState = "Fan";
    start.businessKey = "sku-" + std::to_string(item);
    out.push_back(start);
    auto current = input;
    for (int s = 0; s < int(states.size()); ++s) {
        out.push_back(record(Type::StateEntered, execution, item, states[size_t(s)], current));
        if (s == failAt) {
            JournalRecord failed = record(Type::TaskFailed, execution, item, states[size_t(s)]);
            failed.attempt = 3;
            failed.error = error;
            failed.cause = cause;
            out.push_back(failed);
            JournalRecord finished = record(Type::ItemFinished, execution, item, states[size_t(s)]);
            finished.status = ItemStatus::Failed;
            finished.error = error;
            finished.cause = cause;
            finished.attempt = 3;
            finished.dlq = true;
            finished.dlqInput = current;
            finished.firstFailureMs = finished.timeMs - 10;
            out.push_back(finished);
            return out;
        }
        auto output = json(Json{{"id", item}, {"step", s}});
        out.push_back(record(Type::StateExited, execution, item, states[size_t(s)], output));
        current = output;
    }
    JournalRecord finished = record(Type::ItemFinished, execution, item, {}, current);
    finished.status = ItemStatus::Succeeded;
    out.push_back(finished);
    return out;
}

const std::vector<std::string> kStates = {"Extract", "Transform", "Load"};

/// Opens the journal and saves the workflow the test executions name.
Result<std::shared_ptr<Journal>> openJournal(const QString &location)
{
    auto journal = Journal::open(location);
    if (journal) {
        auto saved = (*journal)->saveWorkflow(kDefinition, QStringLiteral("fan"));
        if (!saved)
            return saved.error();
        if (*saved != kWorkflowVersion)
            qFatal("kWorkflowVersion is not the hash of kDefinition");
    }
    return journal;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private:
    /// A new, empty store for the current row's back end ("" when the row is to be skipped).
    QString freshStore();
    void backends();

    QTemporaryDir m_dir;
    QString m_pgUrl;       ///< this test's own database on $SLUICE_TEST_PG
    QString m_pgAdminUrl;
    int m_files = 0;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void migratesNewStore_data() { backends(); }
    void migratesNewStore();
    void migratesVersionThreeStoreAndJournalsBaseDir_data() { backends(); }
    void migratesVersionThreeStoreAndJournalsBaseDir();
    void reopensStore_data() { backends(); }
    void reopensStore();
    void refusesNewerSchema_data() { backends(); }
    void refusesNewerSchema();
    void refusesCorruptFile();
    void refusesReadOnlyFile();
    void reportsUnreachableServer();
    void savesWorkflowOnce_data() { backends(); }
    void savesWorkflowOnce();
    void readsBackRunsItemsAndHistory_data() { backends(); }
    void readsBackRunsItemsAndHistory();
    void keepsSucceededOutputOnceAsRootItems_data() { backends(); }
    void keepsSucceededOutputOnceAsRootItems();
    void failedItemLandsWithItsDlqEntry_data() { backends(); }
    void failedItemLandsWithItsDlqEntry();
    void filtersAndPagesDlq_data() { backends(); }
    void filtersAndPagesDlq();
    void recordsReplays_data() { backends(); }
    void recordsReplays();
    void findsUnfinishedRunCutOffMidway_data() { backends(); }
    void findsUnfinishedRunCutOffMidway();
    void continuesItemHistoryAfterReopen_data() { backends(); }
    void continuesItemHistoryAfterReopen();
    void storesLargePayloadOnce_data() { backends(); }
    void storesLargePayloadOnce();
    void groupsCommits_data() { backends(); }
    void groupsCommits();
    void reconnectsWhenPostgresDropsTheConnection();
    void integrityCheckCatchesPlantedInconsistency_data() { backends(); }
    void integrityCheckCatchesPlantedInconsistency();
};

void TestJournal::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestJournal::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pgAdminUrl = qEnvironmentVariable("SLUICE_TEST_PG");
    if (m_pgAdminUrl.isEmpty())
        return;
    // Our own database, so that other tests using the same server run in parallel undisturbed.
    QUrl url(m_pgAdminUrl);
    const QString name = QStringLiteral("sluice_tst_journal_%1").arg(QCoreApplication::applicationPid());
    RawDb admin(m_pgAdminUrl);
    admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
    QVERIFY2(admin.exec(QStringLiteral("CREATE DATABASE %1").arg(name)), "cannot create the test database");
    url.setPath(QLatin1Char('/') + name);
    m_pgUrl = url.toString();
}

void TestJournal::cleanupTestCase()
{
    if (m_pgUrl.isEmpty())
        return;
    RawDb admin(m_pgAdminUrl);
    admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(QUrl(m_pgUrl).path().mid(1)));
}

QString TestJournal::freshStore()
{
    QFETCH(QString, backend);
    if (backend == QLatin1String("sqlite"))
        return m_dir.filePath(QStringLiteral("journal-%1.db").arg(++m_files));
    if (m_pgUrl.isEmpty())
        return {};
    RawDb db(m_pgUrl);
    db.exec(QStringLiteral("DROP SCHEMA public CASCADE"));
    db.exec(QStringLiteral("CREATE SCHEMA public"));
    return m_pgUrl;
}

#define FRESH_STORE(location)                                                                                    \
    const QString location = freshStore();                                                                     \
    if (location.isEmpty())                                                                                    \
        QSKIP("SLUICE_TEST_PG is not set: no PostgreSQL to test against (scripts/test starts one)");

void TestJournal::migratesNewStore()
{
    FRESH_STORE(location);

    auto journal = openJournal(location);

    QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
    RawDb raw(location);
    QCOMPARE(raw.value(QStringLiteral("SELECT value FROM sluice_meta WHERE key = 'schema_version'")).toInt(),
             Journal::kSchemaVersion);
    if (location.endsWith(QLatin1String(".db")))
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto runs = (*reader)->runs();
    QVERIFY(runs);
    QVERIFY(runs->isEmpty());
}

void TestJournal::migratesVersionThreeStoreAndJournalsBaseDir()
{
    FRESH_STORE(location);
    {
        auto journal = openJournal(location);
        QVERIFY(journal);
        (*journal)->append({executionStarted(QStringLiteral("before"))});
        QVERIFY((*journal)->flush());
    }
    {
        // What a store written by version 3 looks like: no item indexes (version 4), no executions.options (5).
        RawDb raw(location);
        for (const char *index : {"items_status", "items_state", "items_error"})
            QVERIFY(raw.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))));
        QVERIFY(raw.exec(QStringLiteral("ALTER TABLE executions DROP COLUMN options")));
        QVERIFY(raw.exec(QStringLiteral("UPDATE sluice_meta SET value = '3' WHERE key = 'schema_version'")));
    }
    QVERIFY(!JournalReader::open(location));   // a reader does not migrate

    auto journal = openJournal(location);

    QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
    JournalRecord started = executionStarted(QStringLiteral("after"));
    started.executionOptions = Json{{"baseDir", "/srv/flows/orders"}}.dump();
    (*journal)->append({started});
    QVERIFY((*journal)->flush());
    RawDb raw(location);
    QCOMPARE(raw.value(QStringLiteral("SELECT value FROM sluice_meta WHERE key = 'schema_version'")).toInt(),
             Journal::kSchemaVersion);
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto before = (*reader)->execution(QStringLiteral("before"));
    QVERIFY(before);
    QCOMPARE(before->baseDir, QString());   // kept from version 3, with nothing journaled for it
    auto after = (*reader)->execution(QStringLiteral("after"));
    QVERIFY(after);
    QCOMPARE(after->baseDir, QStringLiteral("/srv/flows/orders"));
    QCOMPARE((*reader)->executionBaseDir(QStringLiteral("after")).value(), QStringLiteral("/srv/flows/orders"));
    auto unfinished = (*reader)->unfinished();
    QVERIFY(unfinished);
    QCOMPARE(unfinished->size(), 2);
    QCOMPARE(unfinished->at(1).id, QStringLiteral("after"));
    QCOMPARE(unfinished->at(1).baseDir, QStringLiteral("/srv/flows/orders"));
}

void TestJournal::reopensStore()
{
    FRESH_STORE(location);
    {
        auto journal = openJournal(location);
        QVERIFY(journal);
        (*journal)->append({executionStarted(QStringLiteral("e1"))});
        QVERIFY((*journal)->flush());
    }

    auto again = openJournal(location);

    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto runs = (*reader)->runs();
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().id, QStringLiteral("e1"));
    QCOMPARE(runs->first().status, ExecutionStatus::Running);
}

void TestJournal::refusesNewerSchema()
{
    FRESH_STORE(location);
    {
        auto journal = openJournal(location);
        QVERIFY(journal);
        (*journal)->append({executionStarted(QStringLiteral("e1"))});
        QVERIFY((*journal)->flush());
    }
    {
        RawDb raw(location);
        QVERIFY(raw.exec(QStringLiteral("UPDATE sluice_meta SET value = '99' WHERE key = 'schema_version'")));
    }

    auto journal = openJournal(location);
    auto reader = JournalReader::open(location);

    QVERIFY(!journal);
    QCOMPARE(journal.error().code, ErrorCode::IoError);
    QVERIFY2(journal.error().message.contains(QLatin1String("99")), qPrintable(journal.error().message));
    QVERIFY(journal.error().message.contains(QStringLiteral("version %1").arg(Journal::kSchemaVersion)));
    QVERIFY(!reader);
    RawDb raw(location);
    QCOMPARE(raw.value(QStringLiteral("SELECT value FROM sluice_meta WHERE key = 'schema_version'")).toInt(), 99);
    QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM executions")).toInt(), 1);
}

void TestJournal::refusesCorruptFile()
{
    const QString path = m_dir.filePath(QStringLiteral("corrupt.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();

    auto journal = Journal::open(path);
    auto reader = JournalReader::open(path);

    QVERIFY(!journal);
    QCOMPARE(journal.error().code, ErrorCode::IoError);
    QVERIFY2(journal.error().message.contains(QLatin1String("corrupt")), qPrintable(journal.error().message));
    QVERIFY(!reader);
    const QString missing = m_dir.filePath(QStringLiteral("missing.db"));
    QVERIFY(!JournalReader::open(missing));
    QVERIFY(!QFile::exists(missing));
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray(8192, 'x'));
}

void TestJournal::refusesReadOnlyFile()
{
    const QString path = m_dir.filePath(QStringLiteral("readonly.db"));
    {
        auto journal = Journal::open(path);
        QVERIFY(journal);
    }
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));

    auto journal = Journal::open(path);

    QVERIFY(!journal);
    QCOMPARE(journal.error().code, ErrorCode::IoError);
    QVERIFY2(journal.error().message.contains(QLatin1String("read-only")), qPrintable(journal.error().message));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestJournal::reportsUnreachableServer()
{
    // Port 1 on loopback: nothing listens there.
    auto journal = Journal::open(QStringLiteral("postgresql://nobody@127.0.0.1:1/none"));

    QVERIFY(!journal);
    QCOMPARE(journal.error().code, ErrorCode::IoError);
    QVERIFY2(journal.error().message.contains(QLatin1String("cannot connect")), qPrintable(journal.error().message));
}

void TestJournal::savesWorkflowOnce()
{
    FRESH_STORE(location);
    auto journal = Journal::open(location);
    QVERIFY(journal);
    const QByteArray definition = R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})";

    auto first = (*journal)->saveWorkflow(definition, QStringLiteral("pass"));
    auto second = (*journal)->saveWorkflow(definition, QStringLiteral("pass again"));

    QVERIFY(first);
    QVERIFY(second);
    QCOMPARE(*first, QCryptographicHash::hash(definition, QCryptographicHash::Sha256).toHex().toStdString());
    QCOMPARE(*second, *first);
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto stored = (*reader)->workflowDefinition(QString::fromStdString(*first));
    QVERIFY(stored);
    QCOMPARE(*stored, definition);
    QVERIFY(!(*reader)->workflowDefinition(QStringLiteral("nope")));
    RawDb raw(location);
    QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM workflows")).toInt(), 1);
}

void TestJournal::readsBackRunsItemsAndHistory()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-1");
    (*journal)->append({executionStarted(e, Json{{"items", 3}})});
    JournalRecord root = record(Type::ItemStarted, e, 0, "Fan", json(Json{{"items", 3}}));
    (*journal)->append({root, record(Type::StateEntered, e, 0, "Fan", root.payload)});
    for (qint64 item = 1; item <= 3; ++item)
        (*journal)->append(itemRun(e, item, kStates));
    JournalRecord rootDone = record(Type::ItemFinished, e, 0, "Fan", json(Json::array({1, 2, 3})));
    rootDone.status = ItemStatus::Succeeded;
    (*journal)->append({record(Type::StateExited, e, 0, "Fan", rootDone.payload), rootDone,
                        executionFinished(e, ItemStatus::Succeeded, Json::array({1, 2, 3}))});
    (*journal)->append({executionStarted(QStringLiteral("exec-2"))});

    QVERIFY((*journal)->flush());

    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto runs = (*reader)->runs();
    QVERIFY(runs);
    QCOMPARE(runs->size(), 2);
    QCOMPARE(runs->at(0).id, QStringLiteral("exec-2"));   // newest first
    QCOMPARE(runs->at(1).status, ExecutionStatus::Succeeded);
    auto succeeded = (*reader)->runs(RunFilter{ExecutionStatus::Succeeded, 10, 0});
    QVERIFY(succeeded);
    QCOMPARE(succeeded->size(), 1);

    auto info = (*reader)->execution(e);
    QVERIFY(info);
    QCOMPARE(info->name, QStringLiteral("run-exec-1"));
    QCOMPARE(info->workflowVersion, QString::fromLatin1(kWorkflowVersion));
    JSON_COMPARE(info->input, (Json{{"items", 3}}));
    JSON_COMPARE(info->output, Json::array({1, 2, 3}));
    QCOMPARE(info->counts[size_t(ItemStatus::Succeeded)], 4);
    QVERIFY(info->stoppedMs > 0);
    QVERIFY(!(*reader)->execution(QStringLiteral("nope")));

    auto items = (*reader)->items(e);
    QVERIFY(items);
    QCOMPARE(items->size(), 4);
    const ItemRow &second = items->at(2);
    QCOMPARE(second.item, 2);
    QCOMPARE(second.index, 1);
    QCOMPARE(second.mapState, QStringLiteral("Fan"));
    QCOMPARE(second.businessKey, QStringLiteral("sku-2"));
    QCOMPARE(second.state, QStringLiteral("Load"));
    QCOMPARE(second.status, ItemStatus::Succeeded);
    JSON_COMPARE(second.output, (Json{{"id", 2}, {"step", 2}}));
    auto page = (*reader)->items(e, ItemFilter{std::nullopt, QString(), 1, 2});
    QVERIFY(page);
    QCOMPARE(page->size(), 2);
    QCOMPARE(page->at(0).item, 2);

    auto history = (*reader)->history(e, HistoryFilter{2, -1, 0, 100});
    QVERIFY(history);
    QCOMPARE(history->size(), 8);
    QCOMPARE(history->at(0).type, Type::ItemStarted);
    QCOMPARE(history->at(0).seq, 1);
    QCOMPARE(history->at(1).type, Type::StateEntered);
    QCOMPARE(history->at(1).state, QStringLiteral("Extract"));
    JSON_COMPARE(history->at(1).payload, (Json{{"id", 2}}));
    QCOMPARE(history->at(4).type, Type::StateExited);
    QCOMPARE(history->at(4).state, QStringLiteral("Transform"));
    JSON_COMPARE(history->at(4).payload, (Json{{"id", 2}, {"step", 1}}));
    JSON_COMPARE(history->at(5).payload, history->at(4).payload);   // the next state's input
    QCOMPARE(history->at(7).type, Type::ItemFinished);
    QCOMPARE(history->at(7).status, ItemStatus::Succeeded);
    JSON_COMPARE(history->at(7).payload, (Json{{"id", 2}, {"step", 2}}));

    // Paging the whole execution by (item, seq).
    QList<HistoryEvent> all;
    HistoryFilter filter;
    filter.limit = 5;
    for (;;) {
        auto next = (*reader)->history(e, filter);
        QVERIFY(next);
        if (next->isEmpty())
            break;
        all += *next;
        filter.afterItem = next->last().item;
        filter.afterSeq = next->last().seq;
    }
    QCOMPARE(all.size(), 4 + 3 * 8);
    for (qsizetype i = 1; i < all.size(); ++i)
        QVERIFY(std::pair(all[i - 1].item, all[i - 1].seq) < std::pair(all[i].item, all[i].seq));
}

void TestJournal::keepsSucceededOutputOnceAsRootItems()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-once");
    (*journal)->append({executionStarted(e, Json{{"items", 2}})});
    JournalRecord root = record(Type::ItemStarted, e, 0, "Fan", json(Json{{"items", 2}}));
    (*journal)->append({root, record(Type::StateEntered, e, 0, "Fan", root.payload)});
    for (qint64 item = 1; item <= 2; ++item)
        (*journal)->append(itemRun(e, item, kStates));
    JournalRecord rootDone = record(Type::ItemFinished, e, 0, "Fan", json(Json::array({"a", "b"})));
    rootDone.status = ItemStatus::Succeeded;
    JournalRecord finished = executionFinished(e, ItemStatus::Succeeded);
    finished.outputInRootItem = true;   // as the engine says when item 0's ItemFinished carried the output
    (*journal)->append({rootDone, finished});

    QVERIFY((*journal)->flush());

    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto info = (*reader)->execution(e);
    QVERIFY(info);
    QCOMPARE(info->status, ExecutionStatus::Succeeded);
    RawDb raw(location);
    QVERIFY(raw.value(QStringLiteral("SELECT count(*) FROM executions WHERE output IS NULL")).toInt() == 1);
    JSON_COMPARE(info->output, Json::array({"a", "b"}));
}

void TestJournal::failedItemLandsWithItsDlqEntry()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-f");
    (*journal)->append({executionStarted(e)});

    (*journal)->append(itemRun(e, 1, kStates, 1, "Http.500", "server said no"));
    QVERIFY((*journal)->flush());

    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto items = (*reader)->items(e, ItemFilter{ItemStatus::Failed, QString(), -1, 10});
    QVERIFY(items);
    QCOMPARE(items->size(), 1);
    QCOMPARE(items->first().error, QStringLiteral("Http.500"));
    QCOMPARE(items->first().attempts, 3);
    auto dlq = (*reader)->dlq();
    QVERIFY(dlq);
    QCOMPARE(dlq->size(), 1);
    const DlqEntry &entry = dlq->first();
    QCOMPARE(entry.executionId, e);
    QCOMPARE(entry.item, 1);
    QCOMPARE(entry.state, QStringLiteral("Transform"));
    JSON_COMPARE(entry.input, (Json{{"id", 1}, {"step", 0}}));
    QCOMPARE(entry.error, QStringLiteral("Http.500"));
    QCOMPARE(entry.cause, QStringLiteral("server said no"));
    QCOMPARE(entry.attempts, 3);
    QCOMPARE(entry.workflowVersion, QString::fromLatin1(kWorkflowVersion));
    QCOMPARE(entry.status, DlqStatus::Open);
    QVERIFY(entry.firstFailureMs < entry.lastFailureMs);
    auto again = (*reader)->dlqEntry(entry.id);
    QVERIFY(again);
    JSON_COMPARE(again->input, entry.input);
    QVERIFY(!(*reader)->dlqEntry(entry.id + 1000));
    // Same transaction: the status and the entry were committed by one group commit.
    QCOMPARE((*journal)->stats().failedCommits, 0);
    auto check = (*reader)->integrityCheck();
    QVERIFY(check);
    QVERIFY2(check->ok(), qPrintable(check->problems.join(QLatin1Char('\n'))));
}

void TestJournal::filtersAndPagesDlq()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString a = QStringLiteral("exec-a");
    const QString b = QStringLiteral("exec-b");
    (*journal)->append({executionStarted(a), executionStarted(b)});
    for (qint64 item = 1; item <= 250; ++item) {
        const QString &e = item % 5 == 0 ? b : a;
        const int failAt = int(item % 3);
        const std::string error = item % 2 ? "Http.500" : "States.Timeout";
        const std::string cause = item % 10 == 0 ? "Disk FULL on node " + std::to_string(item) : "refused";
        (*journal)->append(itemRun(e, item, kStates, failAt, error, cause));
    }
    QVERIFY((*journal)->flush());
    auto reader = JournalReader::open(location);
    QVERIFY(reader);

    // Keyset pages of 100: 100, 100, 50, ascending and without overlap.
    QList<qint64> ids;
    DlqFilter filter;
    for (;;) {
        auto page = (*reader)->dlq(filter);
        QVERIFY(page);
        if (page->isEmpty())
            break;
        QVERIFY(page->size() <= 100);
        for (const DlqEntry &entry : *page)
            ids.append(entry.id);
        filter.afterId = page->last().id;
    }
    QCOMPARE(ids.size(), 250);
    for (qsizetype i = 1; i < ids.size(); ++i)
        QVERIFY(ids[i - 1] < ids[i]);

    auto count = [&](DlqFilter f) {
        f.limit = 1000;
        auto page = (*reader)->dlq(f);
        return page ? int(page->size()) : -1;
    };
    DlqFilter byExecution;
    byExecution.executionId = b;
    QCOMPARE(count(byExecution), 50);
    DlqFilter byState;
    byState.state = QStringLiteral("Extract");
    QCOMPARE(count(byState), 83);   // item % 3 == 0
    DlqFilter byError;
    byError.error = QStringLiteral("States.Timeout");
    QCOMPARE(count(byError), 125);
    DlqFilter byCause;
    byCause.causeText = QStringLiteral("disk full");   // case-insensitive
    QCOMPARE(count(byCause), 25);
    DlqFilter combined = byExecution;
    combined.causeText = QStringLiteral("disk full");
    QCOMPARE(count(combined), 25);   // item % 10 == 0 are all in exec-b
    DlqFilter byWorkflow;
    byWorkflow.workflowVersion = QString::fromLatin1(kWorkflowVersion);
    QCOMPARE(count(byWorkflow), 250);
    byWorkflow.workflowVersion = QStringLiteral("other");
    QCOMPARE(count(byWorkflow), 0);
    DlqFilter byTime;
    byTime.sinceMs = 1700000000000 + 101;
    byTime.untilMs = 1700000000000 + 201;
    QCOMPARE(count(byTime), 100);
    DlqFilter literal;
    literal.causeText = QStringLiteral("100%");   // % is literal, not a wildcard
    QCOMPARE(count(literal), 0);

    QVERIFY((*reader)->setDlqStatus(ids[0], DlqStatus::Discarded));
    QVERIFY((*reader)->setDlqStatus(ids[1], DlqStatus::Discarded));
    DlqFilter discarded;
    discarded.status = DlqStatus::Discarded;
    QCOMPARE(count(discarded), 2);
    QVERIFY(!(*reader)->setDlqStatus(999999, DlqStatus::Discarded));
}

void TestJournal::recordsReplays()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-r");
    (*journal)->append({executionStarted(e)});
    (*journal)->append(itemRun(e, 1, kStates, 2));
    QVERIFY((*journal)->flush());
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto dlq = (*reader)->dlq();
    QVERIFY(dlq && dlq->size() == 1);
    const qint64 id = dlq->first().id;

    ReplayRecord first{0, 1700000001000, QStringLiteral("alice"), 1, ReplayOutcome::Failed,
                       QStringLiteral("Http.500"), QStringLiteral("still down"), e, 1};
    ReplayRecord second{0, 1700000002000, QStringLiteral("bob"), 2, ReplayOutcome::Succeeded, {}, {}, e, 1};
    auto firstId = (*reader)->addReplay(id, first);
    auto secondId = (*reader)->addReplay(id, second);
    QVERIFY((*reader)->setDlqStatus(id, DlqStatus::Replayed));

    QVERIFY(firstId);
    QVERIFY(secondId);
    QVERIFY(*firstId < *secondId);
    auto replays = (*reader)->replays(id);
    QVERIFY(replays);
    QCOMPARE(replays->size(), 2);
    QCOMPARE(replays->at(0).osUser, QStringLiteral("alice"));
    QCOMPARE(replays->at(0).outcome, ReplayOutcome::Failed);
    QCOMPARE(replays->at(0).cause, QStringLiteral("still down"));
    QCOMPARE(replays->at(1).attempt, 2);
    QCOMPARE(replays->at(1).outcome, ReplayOutcome::Succeeded);
    QCOMPARE(replays->at(1).newExecutionId, e);
    QCOMPARE(replays->at(1).newItem, 1);
    QCOMPARE((*reader)->dlqEntry(id)->status, DlqStatus::Replayed);
    QVERIFY(!(*reader)->addReplay(id + 100, first));
    auto none = (*reader)->replays(id + 100);
    QVERIFY(none && none->isEmpty());
}

void TestJournal::findsUnfinishedRunCutOffMidway()
{
    FRESH_STORE(location);
    const QString e = QStringLiteral("exec-cut");
    {
        auto journal = openJournal(location);
        QVERIFY(journal);
        (*journal)->append({executionStarted(e, Json{{"n", 5}})});
        JournalRecord root = record(Type::ItemStarted, e, 0, "Fan", json(Json{{"n", 5}}));
        (*journal)->append({root, record(Type::StateEntered, e, 0, "Fan", root.payload)});
        (*journal)->append(itemRun(e, 1, kStates));       // succeeded
        (*journal)->append(itemRun(e, 2, kStates));       // succeeded
        (*journal)->append(itemRun(e, 3, kStates, 0));    // failed for good
        auto fourth = itemRun(e, 4, kStates);
        fourth.resize(5);   // started, Extract entered/exited, Transform entered, exited — cut before Load
        (*journal)->append(fourth);
        auto fifth = itemRun(e, 5, kStates);
        fifth.resize(2);    // started, Extract entered
        (*journal)->append(fifth);
        // A finished execution is not unfinished.
        (*journal)->append({executionStarted(QStringLiteral("done")),
                            executionFinished(QStringLiteral("done"), ItemStatus::Succeeded)});
        QVERIFY((*journal)->flush());
    }   // the process "dies" here: no ItemFinished, no ExecutionFinished

    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto unfinished = (*reader)->unfinished();

    QVERIFY(unfinished);
    QCOMPARE(unfinished->size(), 1);
    const UnfinishedExecution &run = unfinished->first();
    QCOMPARE(run.id, e);
    QCOMPARE(run.workflowVersion, QString::fromLatin1(kWorkflowVersion));
    JSON_COMPARE(Json::parse(run.inputText), (Json{{"n", 5}}));
    QCOMPARE(run.maxItem, 5);
    QCOMPARE(run.items.size(), 3);
    const UnfinishedItem &root = run.items[0];
    QCOMPARE(root.item, 0);
    QCOMPARE(root.state, QStringLiteral("Fan"));
    JSON_COMPARE(root.input, (Json{{"n", 5}}));
    QCOMPARE(root.finishedChildren.size(), 3);
    QCOMPARE(root.finishedChildren[0].index, 0);
    QCOMPARE(root.finishedChildren[0].status, ItemStatus::Succeeded);
    JSON_COMPARE(Json::parse(root.finishedChildren[0].outputText), (Json{{"id", 1}, {"step", 2}}));
    JSON_COMPARE(Json::parse(root.finishedChildren[1].outputText), (Json{{"id", 2}, {"step", 2}}));
    QCOMPARE(root.finishedChildren[2].index, 2);
    QCOMPARE(root.finishedChildren[2].status, ItemStatus::Failed);
    QCOMPARE(root.finishedChildren[2].error, QStringLiteral("States.TaskFailed"));
    const UnfinishedItem &fourth = run.items[1];
    QCOMPARE(fourth.item, 4);
    QCOMPARE(fourth.index, 3);
    QCOMPARE(fourth.mapState, QStringLiteral("Fan"));
    QCOMPARE(fourth.state, QStringLiteral("Transform"));
    JSON_COMPARE(fourth.input, (Json{{"id", 4}, {"step", 0}}));
    QVERIFY(fourth.finishedChildren.isEmpty());
    const UnfinishedItem &fifth = run.items[2];
    QCOMPARE(fifth.item, 5);
    QCOMPARE(fifth.state, QStringLiteral("Extract"));
    JSON_COMPARE(fifth.input, (Json{{"id", 5}}));
    QCOMPARE(fifth.businessKey, QStringLiteral("sku-5"));
}

void TestJournal::continuesItemHistoryAfterReopen()
{
    FRESH_STORE(location);
    const QString e = QStringLiteral("exec-resume");
    auto records = itemRun(e, 1, kStates);
    {
        auto journal = openJournal(location);
        QVERIFY(journal);
        (*journal)->append({executionStarted(e)});
        (*journal)->append(std::vector<JournalRecord>(records.begin(), records.begin() + 3));
    }
    {
        auto journal = openJournal(location);   // "resumed": the rest of the item's records
        QVERIFY(journal);
        (*journal)->append(std::vector<JournalRecord>(records.begin() + 3, records.end()));
        (*journal)->append({executionFinished(e, ItemStatus::Succeeded)});
        QVERIFY((*journal)->flush());
    }

    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto history = (*reader)->history(e, HistoryFilter{1, -1, 0, 100});
    QVERIFY(history);
    QCOMPARE(history->size(), int(records.size()));
    for (qsizetype i = 0; i < history->size(); ++i) {
        QCOMPARE(history->at(i).seq, i + 1);
        QCOMPARE(history->at(i).type, records[size_t(i)].type);
    }
    auto later = (*reader)->history(e, HistoryFilter{1, -1, 4, 100});
    QVERIFY(later);
    QCOMPARE(later->size(), int(records.size()) - 4);
    QCOMPARE(later->first().seq, 5);
    auto check = (*reader)->integrityCheck();
    QVERIFY(check);
    QVERIFY2(check->ok(), qPrintable(check->problems.join(QLatin1Char('\n'))));
}

void TestJournal::storesLargePayloadOnce()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-big");
    (*journal)->append({executionStarted(e)});
    const Json big = Json{{"blob", std::string(5000, 'z')}};
    for (qint64 item = 1; item <= 3; ++item) {
        JournalRecord start = record(Type::ItemStarted, e, item, "A", json(big));   // equal, not the same object
        (*journal)->append({start, record(Type::StateEntered, e, item, "A", json(big))});
    }
    QVERIFY((*journal)->flush());

    RawDb raw(location);
    JSON_COMPARE(raw.value(QStringLiteral("SELECT count(*) FROM payloads")).toInt(), 1);
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto history = (*reader)->history(e, HistoryFilter{3, -1, 0, 10});
    QVERIFY(history);
    QCOMPARE(history->size(), 2);
    JSON_COMPARE(history->at(0).payload, big);
    JSON_COMPARE(history->at(1).payload, big);
}

void TestJournal::groupsCommits()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-many");
    (*journal)->append({executionStarted(e)});
    QVERIFY((*journal)->flush());
    const qint64 before = (*journal)->stats().transactions;
    const qint64 recordsBefore = (*journal)->stats().records;

    int appended = 0;
    for (qint64 item = 1; item <= 1000; ++item) {
        for (JournalRecord &r : itemRun(e, item, kStates)) {
            (*journal)->append({std::move(r)});   // one record per append, as many engine workers would
            ++appended;
        }
    }
    QVERIFY((*journal)->flush());

    const Journal::Stats stats = (*journal)->stats();
    QCOMPARE(stats.records - recordsBefore, appended);
    qInfo() << appended << "appends in" << stats.transactions - before << "transactions";
    QVERIFY(stats.transactions - before < appended / 20);
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto info = (*reader)->execution(e);
    QVERIFY(info);
    QCOMPARE(info->counts[size_t(ItemStatus::Succeeded)], 1000);
}

void TestJournal::integrityCheckCatchesPlantedInconsistency()
{
    FRESH_STORE(location);
    auto journal = openJournal(location);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-i");
    QVERIFY((*journal)->saveWorkflow("{}", QStringLiteral("w")));
    JournalRecord start = executionStarted(e);
    start.workflowVersion = QCryptographicHash::hash("{}", QCryptographicHash::Sha256).toHex().toStdString();
    (*journal)->append({start});
    (*journal)->append(itemRun(e, 1, kStates, 1));
    (*journal)->append(itemRun(e, 2, kStates, 1));
    (*journal)->append(itemRun(e, 3, kStates));
    QVERIFY((*journal)->flush());
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto clean = (*reader)->integrityCheck();
    QVERIFY(clean);
    QVERIFY2(clean->ok(), qPrintable(clean->problems.join(QLatin1Char('\n'))));

    {
        RawDb raw(location);
        QVERIFY(raw.exec(QStringLiteral("DELETE FROM dlq WHERE item = 1")));   // a failed item loses its entry
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO dlq(exec, item, workflow, state, input, error, cause, attempts,"
                                        " first_ms, last_ms, status) SELECT exec, item, workflow, state, input,"
                                        " error, cause, attempts, first_ms, last_ms, status FROM dlq WHERE item = 2")));
        QVERIFY(raw.exec(QStringLiteral("UPDATE item_counts SET n = n + 5 WHERE status = %1")
                             .arg(int(ItemStatus::Succeeded))));   // a count that drifted
    }
    auto planted = (*reader)->integrityCheck();

    QVERIFY(planted);
    QVERIFY(!planted->ok());
    const QString problems = planted->problems.join(QLatin1Char('\n'));
    QVERIFY2(problems.contains(QLatin1String("item 1 of execution exec-i failed but has no DLQ entry")),
             qPrintable(problems));
    QVERIFY2(problems.contains(QLatin1String("item 2 of execution exec-i has 2 open DLQ entries")),
             qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("the item count of execution exec-i for status %1 is 6")
                                   .arg(int(ItemStatus::Succeeded))),
             qPrintable(problems));
}

void TestJournal::reconnectsWhenPostgresDropsTheConnection()
{
    if (m_pgUrl.isEmpty())
        QSKIP("SLUICE_TEST_PG is not set: no PostgreSQL to test against (scripts/test starts one)");
    RawDb(m_pgUrl).exec(QStringLiteral("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
    auto journal = openJournal(m_pgUrl);
    QVERIFY(journal);
    const QString e = QStringLiteral("exec-drop");
    (*journal)->append({executionStarted(e)});
    (*journal)->append(itemRun(e, 1, kStates));
    QVERIFY((*journal)->flush());

    {
        // The server ends the writer's session, as when it restarts or a network link drops.
        RawDb admin(m_pgUrl);
        QVERIFY(admin.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                          " WHERE datname = current_database() AND pid <> pg_backend_pid()")));
    }
    (*journal)->append(itemRun(e, 2, kStates));
    (*journal)->append({executionFinished(e, ItemStatus::Succeeded)});

    QVERIFY((*journal)->flush(20000));
    QVERIFY((*journal)->stats().failedCommits >= 1);
    QVERIFY(!(*journal)->lastWriteError());
    auto reader = JournalReader::open(m_pgUrl);
    QVERIFY(reader);
    auto info = (*reader)->execution(e);
    QVERIFY(info);
    QCOMPARE(info->status, ExecutionStatus::Succeeded);
    QCOMPARE(info->counts[size_t(ItemStatus::Succeeded)], 2);
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
