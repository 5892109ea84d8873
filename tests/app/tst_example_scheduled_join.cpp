// The scheduled-join example as shipped (resources/examples/scheduled-join, read in place): the real
// `sluice-cli serve` with its rules and connections, the daily cron rule fired on a real timer by a clock
// started two seconds before 02:00 UTC (--clock-start), two nights with real SQLite files: the first loads
// the good orders and records the bad ones, the second retries them after the sources fixed two of them.
// Checks the tables, the failed records and their retry, the notification events and their counts, and clean
// exits on SIGTERM.

#include "CliProcess.h"
#include "Json.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using cli_test::Outcome;
using cli_test::runCli;
using sluice::Json;

namespace {

QString example(const char *name)
{
    return QStringLiteral(SLUICE_EXAMPLES "/scheduled-join/") + QLatin1String(name);
}

/// The rows of `sql` on the SQLite file at `path`, as JSON objects.
Json query(const QString &path, const QString &sql)
{
    Json rows = Json::array();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                while (q.next()) {
                    Json row = Json::object();
                    for (int i = 0; i < q.record().count(); ++i) {
                        const QVariant v = q.value(i);
                        const std::string name = q.record().fieldName(i).toStdString();
                        if (v.isNull())
                            row[name] = nullptr;
                        else if (v.typeId() == QMetaType::Double)
                            row[name] = v.toDouble();
                        else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
                            row[name] = v.toLongLong();
                        else
                            row[name] = v.toString().toStdString();
                    }
                    rows.push_back(std::move(row));
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return rows;
}

} // namespace

class TestExampleScheduledJoin : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    QString m_warehouse;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SCHEDULED_JOIN_DB"),
                   m_warehouse); // connections.json: ${env:SCHEDULED_JOIN_DB}
        return env;
    }
    std::vector<Json> events()
    {
        return cli_test::jsonLines(
            runCli({QStringLiteral("event"), QStringLiteral("list"), QStringLiteral("--store"), m_store})
                .out);
    }
    /// One night: serve with its clock just before 02:00 UTC of `day`, until the join it starts has finished
    /// and the rules have routed its notification; then SIGTERM. The execution as `show` prints it.
    Json night(const QString &day, int expectedAlerts)
    {
        cli_test::ServeProcess serve;
        if (!serve.start({QStringLiteral("--store"), m_store, QStringLiteral("--rules"),
                          example("scheduled-join.rules.json"), QStringLiteral("--connections"),
                          example("connections.json"), QStringLiteral("--poll-ms"), QStringLiteral("50"),
                          QStringLiteral("--clock-start"), day + QStringLiteral("T01:59:58Z")},
                         environment()))
            return Json();
        const Json started = serve.waitFor("execution", 15000);
        if (!started.is_object()) {
            qWarning("serve started no execution: %s", serve.stderrText().constData());
            return Json();
        }
        if (started.value("rule", "") != "nightly-join")
            return Json();
        const Json shown = cli_test::waitUntilFinished(
            m_store, QString::fromStdString(started["execution"].get<std::string>()));
        QElapsedTimer routed;
        routed.start();
        auto alerts = [this] {
            int n = 0;
            for (const Json &e : events())
                n += e.value("detail-type", "") == "Failed Orders";
            return n;
        };
        while (alerts() < expectedAlerts && routed.elapsed() < 10000)
            QTest::qWait(100);
        const int exitCode = serve.terminate();
        return exitCode == 0 ? shown : Json{{"serveExit", exitCode}};
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("store.db"));
        m_warehouse = m_dir.filePath(QStringLiteral("warehouse.db"));
    }
    void twoNightsLoadRecordAndRetryFailedOrders();
    void clockStartNeedsAnRfc3339Time();
};

void TestExampleScheduledJoin::twoNightsLoadRecordAndRetryFailedOrders()
{
    // Night 1: four good orders, three bad ones, one cancelled.
    const Json first = night(QStringLiteral("2026-03-01"), 1);

    QVERIFY2(first.is_object() && first.value("status", "") == "SUCCEEDED", first.dump().c_str());
    QCOMPARE(QString::fromStdString(first["output"]["runDate"].get<std::string>()),
             QStringLiteral("2026-03-01"));
    QVERIFY2(first["output"]["counts"] ==
                 (Json{{"loaded", 4}, {"failed", 3}, {"skipped", 1}, {"retried", 0}, {"recovered", 0}}),
             first["output"].dump().c_str());
    const Json loaded =
        query(m_warehouse, QStringLiteral("SELECT order_id, customer_id, customer_name, email, country, "
                                          "amount, currency FROM customer_orders ORDER BY order_id"));
    QCOMPARE(loaded.size(), size_t(4));
    QVERIFY(loaded[0]["order_id"] == Json("O-1001"));
    // Cleaned: the customer's latest row, trimmed and upper-cased codes, the amount as a number.
    QVERIFY2(loaded[1] == (Json{{"order_id", "O-1002"},
                                {"customer_id", "C-102"},
                                {"customer_name", "Grace Hopper"},
                                {"email", "grace.hopper@example.org"},
                                {"country", "US"},
                                {"amount", 35.5},
                                {"currency", "USD"}}),
             loaded[1].dump().c_str());
    QVERIFY2(loaded[3] == (Json{{"order_id", "O-1008"},
                                {"customer_id", "C-103"},
                                {"customer_name", "Müller, Jörg"},
                                {"email", "joerg.mueller@example.de"},
                                {"country", "DE"},
                                {"amount", 60.0},
                                {"currency", "EUR"}}),
             loaded[3].dump().c_str());
    const Json failed = query(
        m_warehouse,
        QStringLiteral("SELECT order_id, reason, state, attempts FROM failed_orders ORDER BY order_id"));
    QVERIFY2(failed == Json::parse(R"([
        {"order_id": "O-1003", "reason": "unknown customer C-107", "state": "open", "attempts": 1},
        {"order_id": "O-1004", "reason": "amount is not a number: 12,5O", "state": "open", "attempts": 1},
        {"order_id": "O-1005", "reason": "invalid order date: 2026-02-30", "state": "open", "attempts": 1}])"),
             failed.dump().c_str());

    // Night 2: C-107 exists now and O-1005 came again with its real date; O-1004 is still wrong, O-1011 is
    // new and bad.
    const Json second = night(QStringLiteral("2026-03-02"), 2);

    QVERIFY2(second.is_object() && second.value("status", "") == "SUCCEEDED", second.dump().c_str());
    QVERIFY2(second["output"]["counts"] ==
                 (Json{{"loaded", 5}, {"failed", 2}, {"skipped", 0}, {"retried", 3}, {"recovered", 2}}),
             second["output"].dump().c_str());
    const Json after = query(
        m_warehouse,
        QStringLiteral(
            "SELECT order_id, customer_name, order_date, loaded_on FROM customer_orders ORDER BY order_id"));
    QCOMPARE(after.size(), size_t(9));
    QVERIFY2(after[2] == (Json{{"order_id", "O-1003"},
                               {"customer_name", "Katherine Johnson"},
                               {"order_date", "2026-02-28"},
                               {"loaded_on", "2026-03-02"}}),
             after[2].dump().c_str());
    QVERIFY2(after[3] == (Json{{"order_id", "O-1005"},
                               {"customer_name", "Linus Pauling"},
                               {"order_date", "2026-02-28"},
                               {"loaded_on", "2026-03-02"}}),
             after[3].dump().c_str());
    const Json retried = query(
        m_warehouse,
        QStringLiteral(
            "SELECT order_id, reason, state, attempts, resolved_on FROM failed_orders ORDER BY order_id"));
    QVERIFY2(retried == Json::parse(R"([
        {"order_id": "O-1003", "reason": "unknown customer C-107", "state": "resolved", "attempts": 1, "resolved_on": "2026-03-02"},
        {"order_id": "O-1004", "reason": "amount is not a number: 12,5O", "state": "open", "attempts": 2, "resolved_on": null},
        {"order_id": "O-1005", "reason": "invalid order date: 2026-02-30", "state": "resolved", "attempts": 1, "resolved_on": "2026-03-02"},
        {"order_id": "O-1011", "reason": "unknown customer C-108", "state": "open", "attempts": 1, "resolved_on": null}])"),
             retried.dump().c_str());

    // The bus: each night's schedule event at 02:00, the join's notification with its counts, and the alert
    // the rule failed-orders-alert derived from it.
    std::map<std::string, std::vector<Json>> byType;
    for (const Json &e : events())
        byType[e["detail-type"].get<std::string>()].push_back(e);
    QCOMPARE(byType["Scheduled Event"].size(), size_t(2));
    QVERIFY(byType["Scheduled Event"][0]["time"] == Json("2026-03-01T02:00:00Z"));
    QVERIFY(byType["Scheduled Event"][1]["time"] == Json("2026-03-02T02:00:00Z"));
    QCOMPARE(byType["Join Finished"].size(), size_t(2));
    const Json &notified = byType["Join Finished"][1];
    QVERIFY(notified["source"] == Json("sluice.examples.scheduled-join"));
    QVERIFY2(notified["detail"] == (Json{{"runDate", "2026-03-02"},
                                         {"runId", second["name"]},
                                         {"loaded", 5},
                                         {"failed", 2},
                                         {"skipped", 0},
                                         {"retried", 3},
                                         {"recovered", 2}}),
             notified.dump().c_str());
    QCOMPARE(byType["Failed Orders"].size(), size_t(2));
    QVERIFY(byType["Failed Orders"][1]["detail"]["failed"] == Json(2));
}

void TestExampleScheduledJoin::clockStartNeedsAnRfc3339Time()
{
    const Outcome o = runCli({QStringLiteral("serve"), QStringLiteral("--store"), m_store,
                              QStringLiteral("--clock-start"), QStringLiteral("tomorrow at two")});

    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("--clock-start"), o.err.constData());
}

QTEST_GUILESS_MAIN(TestExampleScheduledJoin)
#include "tst_example_scheduled_join.moc"
