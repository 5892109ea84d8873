// sluice:sql against a real SQLite file and a real PostgreSQL ($SLUICE_TEST_PG, which scripts/test
// provides; without it the PostgreSQL rows are skipped).

#include "tasks/Connections.h"
#include "tasks/SqlResource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

using sluice::Connections;
using sluice::Failure;
using sluice::Json;
using sluice::SqlResource;
using sluice::TaskCall;

namespace {

using Outcome = sluice::Result<Json, Failure>;

struct Answer
{
    std::mutex mutex;
    std::optional<Outcome> outcome; // guarded by mutex
    std::atomic_int calls = 0;

    sluice::TaskCallback callback()
    {
        return [this](Outcome r) {
            const std::lock_guard lock(mutex);
            outcome.emplace(std::move(r));
            ++calls;
        };
    }
    bool wait() { return QTest::qWaitFor([this] { return calls.load() > 0; }, 60000); }
    Outcome get()
    {
        const std::lock_guard lock(mutex);
        return *outcome;
    }
};

Outcome run(SqlResource &sql, Json input)
{
    TaskCall call;
    call.input = std::move(input);
    Answer answer;
    sql.invoke(call, answer.callback());
    if (!answer.wait())
        return Failure{"test.NoAnswer", "no answer in 60 s"};
    return answer.get();
}

/// The test's admin connection to PostgreSQL (creating and dropping its database).
bool adminExec(const QString &url, const QString &statement)
{
    bool ok = false;
    {
        const QUrl u(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("tst-sql-admin"));
        db.setHostName(u.host());
        db.setPort(u.port(5432));
        db.setUserName(u.userName());
        db.setDatabaseName(u.path().mid(1));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(statement);
            if (!ok)
                qWarning() << statement << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-sql-admin"));
    return ok;
}

#define COMPARE_JSON(actual, expected)                                                                       \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

#define VERIFY_OK(outcome) QVERIFY2((outcome).ok(), (outcome).ok() ? "" : (outcome).error().cause.c_str())

} // namespace

class TestSql : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pgAdminUrl;
    QString m_pgUrl; ///< this test's own database
    std::unique_ptr<SqlResource> m_sql;
    int m_tables = 0;

    void backends()
    {
        QTest::addColumn<QString>("connection");
        QTest::newRow("sqlite") << QStringLiteral("lite");
        QTest::newRow("postgres") << QStringLiteral("pg");
    }

    /// The current row's connection name, with a fresh table `name` (id primary key, name, qty, price, ok).
    QString freshTable(std::string *table)
    {
        QFETCH(QString, connection);
        if (connection == QLatin1String("pg") && m_pgUrl.isEmpty())
            return {};
        *table = "t" + std::to_string(++m_tables);
        const Outcome created = run(*m_sql, {{"Connection", connection.toStdString()},
                                             {"Operation", "Execute"},
                                             {"Sql", QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, name TEXT NOT "
                                                                    "NULL, qty BIGINT, price DOUBLE PRECISION, ok BOOLEAN)")
                                                         .arg(QString::fromStdString(*table))
                                                         .toStdString()}});
        if (!created.ok())
            qWarning() << created.error().cause.c_str();
        return connection;
    }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void insertsAndQueriesWithTypes_data() { backends(); }
    void insertsAndQueriesWithTypes();
    void insertsTenThousandRowsInBatches_data() { backends(); }
    void insertsTenThousandRowsInBatches();
    void upsertsByKey_data() { backends(); }
    void upsertsByKey();
    void constraintViolationRollsBackTheBatch_data() { backends(); }
    void constraintViolationRollsBackTheBatch();
    void badSqlIsSqlError_data() { backends(); }
    void badSqlIsSqlError();
    void valuesAreStoredLiterally_data() { backends(); }
    void valuesAreStoredLiterally();
    void refusesBadIdentifiersAndParameters();
    void reconnectsAfterPostgresDropsTheConnection();
    void unreachableDatabaseIsConnectionFailed();
    void unknownProfileIsConnectionFailed();
};

void TestSql::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Json profiles = {{"lite", {{"database", m_dir.filePath(QStringLiteral("data.db")).toStdString()}}},
                     {"down", {{"database", "postgresql://nobody@127.0.0.1:1/nothing"}}}};
    m_pgAdminUrl = qEnvironmentVariable("SLUICE_TEST_PG");
    if (!m_pgAdminUrl.isEmpty()) {
        const QString name = QStringLiteral("sluice_tst_sql_%1").arg(QCoreApplication::applicationPid());
        adminExec(m_pgAdminUrl, QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
        QVERIFY(adminExec(m_pgAdminUrl, QStringLiteral("CREATE DATABASE %1").arg(name)));
        QUrl url(m_pgAdminUrl);
        url.setPath(QLatin1Char('/') + name);
        m_pgUrl = url.toString();
        profiles["pg"] = {{"database", m_pgUrl.toStdString()}};
    }
    auto connections = Connections::fromJson(profiles, m_dir.filePath(QStringLiteral("connections.json")));
    QVERIFY(connections);
    m_sql = std::make_unique<SqlResource>(std::make_shared<const Connections>(std::move(connections).value()));
}

void TestSql::cleanupTestCase()
{
    m_sql.reset(); // closes the connections first
    if (!m_pgUrl.isEmpty())
        adminExec(m_pgAdminUrl, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(QUrl(m_pgUrl).path().mid(1)));
}

#define FRESH_TABLE(connection, table)                                                                         \
    std::string table;                                                                                         \
    const QString connection = freshTable(&table);                                                           \
    if (connection.isEmpty())                                                                                  \
        QSKIP("SLUICE_TEST_PG is not set: no PostgreSQL to test against (scripts/test starts one)");

void TestSql::insertsAndQueriesWithTypes()
{
    FRESH_TABLE(connection, table);
    const Json rows = Json::array({{{"id", 1}, {"name", "apple"}, {"qty", 5000000000LL}, {"price", 1.25}, {"ok", true}},
                                   {{"id", 2}, {"name", "pear"}, {"qty", nullptr}, {"price", 0.5}, {"ok", false}},
                                   {{"id", 3}, {"name", "plum"}}});

    const Outcome inserted = run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", table},
                                          {"Rows", rows}});
    const Outcome positional = run(*m_sql, {{"Connection", connection.toStdString()},
                                            {"Sql", ("SELECT id, name, qty, price FROM " + table + " WHERE id >= ? ORDER BY id")},
                                            {"Parameters", {2}}});
    const Outcome named = run(*m_sql, {{"Connection", connection.toStdString()},
                                       {"Sql", ("SELECT name, qty FROM " + table + " WHERE name = :name")},
                                       {"Parameters", {{"name", "apple"}}}});

    VERIFY_OK(inserted);
    QCOMPARE(inserted.value()["RowsAffected"].get<int>(), 3);
    VERIFY_OK(positional);
    COMPARE_JSON(positional.value()["Rows"],
                 Json::array({{{"id", 2}, {"name", "pear"}, {"qty", nullptr}, {"price", 0.5}},
                              {{"id", 3}, {"name", "plum"}, {"qty", nullptr}, {"price", nullptr}}}));
    VERIFY_OK(named);
    COMPARE_JSON(named.value()["Rows"], Json::array({{{"name", "apple"}, {"qty", 5000000000LL}}}));

    const Outcome updated = run(*m_sql, {{"Connection", connection.toStdString()},
                                         {"Operation", "Execute"},
                                         {"Sql", ("UPDATE " + table + " SET qty = ? WHERE id <= ?")},
                                         {"Parameters", {7, 2}}});
    VERIFY_OK(updated);
    QCOMPARE(updated.value()["RowsAffected"].get<int>(), 2);
}

void TestSql::insertsTenThousandRowsInBatches()
{
    FRESH_TABLE(connection, table);
    Json rows = Json::array();
    for (int i = 0; i < 10000; ++i)
        rows.push_back({{"id", i}, {"name", "item " + std::to_string(i)}, {"qty", i * 3}, {"price", i / 4.0}});
    QElapsedTimer clock;
    clock.start();

    const Outcome inserted = run(*m_sql, {{"Connection", connection.toStdString()}, {"Operation", "Insert"},
                                          {"Table", table}, {"Rows", rows}});

    const qint64 ms = clock.elapsed();
    VERIFY_OK(inserted);
    QCOMPARE(inserted.value()["RowsAffected"].get<int>(), 10000);
    qInfo("inserted 10,000 rows into %s in %lld ms", qPrintable(connection), ms);
    const Outcome counted = run(*m_sql, {{"Connection", connection.toStdString()},
                                         {"Sql", ("SELECT count(*) AS n, sum(qty) AS s FROM " + table)}});
    VERIFY_OK(counted);
    QCOMPARE(counted.value()["Rows"][0]["n"].get<qint64>(), 10000);
    QCOMPARE(counted.value()["Rows"][0]["s"].get<qint64>(), qint64(3) * 9999 * 10000 / 2);
}

void TestSql::upsertsByKey()
{
    FRESH_TABLE(connection, table);
    QVERIFY(run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", table},
                         {"Rows", Json::array({{{"id", 1}, {"name", "a"}, {"qty", 1}}, {{"id", 2}, {"name", "b"}, {"qty", 2}}})}})
                .ok());

    // id 2 changes, id 3 is new and appears twice: its last row wins, as one-by-one upserts would give.
    const Outcome upserted = run(*m_sql, {{"Connection", connection.toStdString()}, {"Operation", "Upsert"},
                                          {"Table", table}, {"Key", {"id"}},
                                          {"Rows", Json::array({{{"id", 2}, {"name", "B"}, {"qty", 20}},
                                                                {{"id", 3}, {"name", "c"}, {"qty", 3}},
                                                                {{"id", 3}, {"name", "C"}, {"qty", 30}}})}});
    VERIFY_OK(upserted);
    const Outcome all = run(*m_sql, {{"Connection", connection.toStdString()},
                                     {"Sql", ("SELECT id, name, qty FROM " + table + " ORDER BY id")}});
    VERIFY_OK(all);
    COMPARE_JSON(all.value()["Rows"], Json::array({{{"id", 1}, {"name", "a"}, {"qty", 1}},
                                                   {{"id", 2}, {"name", "B"}, {"qty", 20}},
                                                   {{"id", 3}, {"name", "C"}, {"qty", 30}}}));
}

void TestSql::constraintViolationRollsBackTheBatch()
{
    FRESH_TABLE(connection, table);
    QVERIFY(run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", table},
                         {"Rows", {{"id", 1}, {"name", "first"}}}})
                .ok());
    Json rows = Json::array();
    for (int i = 100; i < 1300; ++i)   // three statements' worth, the duplicate in the last one
        rows.push_back({{"id", i}, {"name", "n"}});
    rows.push_back({{"id", 1}, {"name", "duplicate"}});

    const Outcome duplicate = run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", table},
                                           {"Rows", rows}});
    const Outcome notNull = run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", table},
                                         {"Rows", {{"id", 5}, {"name", nullptr}}}});

    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().error, std::string("Sql.ConstraintViolation"));
    QVERIFY(!notNull.ok());
    QCOMPARE(notNull.error().error, std::string("Sql.ConstraintViolation"));
    const Outcome counted = run(*m_sql, {{"Connection", connection.toStdString()},
                                         {"Sql", ("SELECT count(*) AS n FROM " + table)}});
    VERIFY_OK(counted);
    QCOMPARE(counted.value()["Rows"][0]["n"].get<int>(), 1);   // nothing of the failed batches
}

void TestSql::badSqlIsSqlError()
{
    FRESH_TABLE(connection, table);
    const Outcome syntax = run(*m_sql, {{"Connection", connection.toStdString()}, {"Sql", "SELEC nonsense FROM"}});
    const Outcome noTable = run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", "no_such_table"},
                                         {"Rows", {{"a", 1}}}});
    QVERIFY(!syntax.ok());
    QCOMPARE(syntax.error().error, std::string("Sql.Error"));
    QVERIFY2(syntax.error().cause.find("SELEC nonsense") != std::string::npos, syntax.error().cause.c_str());
    QVERIFY(!noTable.ok());
    QCOMPARE(noTable.error().error, std::string("Sql.Error"));
    // The connection still works after errors.
    QVERIFY(run(*m_sql, {{"Connection", connection.toStdString()}, {"Sql", "SELECT 1 AS one"}}).ok());
}

void TestSql::valuesAreStoredLiterally()
{
    FRESH_TABLE(connection, table);
    const std::vector<std::string> nasty = {"Robert'); DROP TABLE " + table + "; --", "it's \"quoted\"",
                                            "back\\slash", ":name ? $1 %s", "ünï ✓"};
    Json rows = Json::array();
    for (std::size_t i = 0; i < nasty.size(); ++i)
        rows.push_back({{"id", i}, {"name", nasty[i]}});

    const Outcome inserted = run(*m_sql, {{"Connection", connection.toStdString()}, {"Table", table},
                                          {"Rows", rows}});
    const Outcome found = run(*m_sql, {{"Connection", connection.toStdString()},
                                       {"Sql", ("SELECT id FROM " + table + " WHERE name = :n")},
                                       {"Parameters", {{"n", nasty[0]}}}});
    const Outcome all = run(*m_sql, {{"Connection", connection.toStdString()},
                                     {"Sql", ("SELECT name FROM " + table + " ORDER BY id")}});

    VERIFY_OK(inserted);
    VERIFY_OK(found);
    COMPARE_JSON(found.value()["Rows"], Json::array({{{"id", 0}}}));
    VERIFY_OK(all);
    QCOMPARE(all.value()["Rows"].size(), nasty.size());
    for (std::size_t i = 0; i < nasty.size(); ++i)
        QCOMPARE(all.value()["Rows"][i]["name"].get<std::string>(), nasty[i]);
}

void TestSql::refusesBadIdentifiersAndParameters()
{
    const std::vector<Json> inputs = {
        {{"Connection", "lite"}, {"Table", "t; DROP TABLE x"}, {"Rows", {{"a", 1}}}},
        {{"Connection", "lite"}, {"Table", "t"}, {"Rows", {{"a\" = 1; --", 1}}}},
        {{"Connection", "lite"}, {"Table", "a.b.c"}, {"Rows", {{"a", 1}}}},
        {{"Connection", "lite"}, {"Operation", "Upsert"}, {"Table", "t"}, {"Rows", {{"a", 1}}}},
        {{"Connection", "lite"}, {"Operation", "Drop"}, {"Sql", "x"}},
        {{"Connection", "lite"}, {"Sql", "SELECT 1"}, {"Parameters", "1"}},
        {{"Connection", "lite"}, {"Sql", "SELECT 1"}, {"Table", "t"}},
        {{"Sql", "SELECT 1"}},
    };
    for (const Json &input : inputs) {
        const Outcome outcome = run(*m_sql, input);
        QVERIFY2(!outcome.ok(), input.dump().c_str());
        QCOMPARE(outcome.error().error, std::string("States.Runtime"));
    }
}

void TestSql::reconnectsAfterPostgresDropsTheConnection()
{
    if (m_pgUrl.isEmpty())
        QSKIP("SLUICE_TEST_PG is not set: no PostgreSQL to test against (scripts/test starts one)");
    VERIFY_OK(run(*m_sql, {{"Connection", "pg"}, {"Sql", "SELECT 1 AS one"}}));
    QVERIFY(adminExec(m_pgAdminUrl, QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                   "datname = '%1' AND pid <> pg_backend_pid()")
                                        .arg(QUrl(m_pgUrl).path().mid(1))));

    const Outcome dropped = run(*m_sql, {{"Connection", "pg"}, {"Sql", "SELECT 2 AS two"}});
    const Outcome again = run(*m_sql, {{"Connection", "pg"}, {"Sql", "SELECT 3 AS three"}});

    // The call that meets the dead session fails as a connection failure (Retry can wait for it) ...
    QVERIFY(!dropped.ok());
    QCOMPARE(dropped.error().error, std::string("Sql.ConnectionFailed"));
    // ... and the next one connects anew.
    VERIFY_OK(again);
    COMPARE_JSON(again.value()["Rows"], Json::array({{{"three", 3}}}));
}

void TestSql::unreachableDatabaseIsConnectionFailed()
{
    QElapsedTimer clock;
    clock.start();
    const Outcome outcome = run(*m_sql, {{"Connection", "down"}, {"Sql", "SELECT 1"}});
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().error, std::string("Sql.ConnectionFailed"));
    QVERIFY2(outcome.error().cause.find("\"down\"") != std::string::npos, outcome.error().cause.c_str());
}

void TestSql::unknownProfileIsConnectionFailed()
{
    const Outcome outcome = run(*m_sql, {{"Connection", "ghost"}, {"Sql", "SELECT 1"}});
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().error, std::string("Sql.ConnectionFailed"));
    QVERIFY2(outcome.error().cause.find("ghost") != std::string::npos, outcome.error().cause.c_str());
}

QTEST_GUILESS_MAIN(TestSql)
#include "tst_sql.moc"
