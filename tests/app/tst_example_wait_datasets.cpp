// The wait-for-datasets example as shipped (resources/examples/wait-for-datasets, read in place): the real
// `sluice-cli serve` with its rules (a folder trigger on a real inbox) and connections; a "Report Requested"
// event starts the workflow, whose two parallel branches wait for their files. The sales file arrives, serve
// is stopped with SIGTERM while the stock branch waits, the stock file lands while serve is down, and the
// restarted serve resumes the wait and joins. A file that never comes fails the run with Datasets.NotArrived.

#include "CliProcess.h"
#include "Json.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using cli_test::Outcome;
using cli_test::runCli;
using sluice::Json;

namespace {

QString example(const char *name)
{
    return QStringLiteral(SLUICE_EXAMPLES "/wait-for-datasets/") + QLatin1String(name);
}

} // namespace

class TestExampleWaitDatasets : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    QString m_inbox;
    QString m_warehouse;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WAIT_DATASETS_INBOX"), m_inbox); // the rules' ${env:WAIT_DATASETS_INBOX}
        env.insert(QStringLiteral("WAIT_DATASETS_DB"),
                   m_warehouse); // connections.json's ${env:WAIT_DATASETS_DB}
        return env;
    }
    bool startServe(cli_test::ServeProcess &serve)
    {
        return serve.start({QStringLiteral("--store"), m_store, QStringLiteral("--rules"),
                            example("wait-for-datasets.rules.json"), QStringLiteral("--connections"),
                            example("connections.json"), QStringLiteral("--poll-ms"), QStringLiteral("50"),
                            QStringLiteral("--drain-seconds"), QStringLiteral("1")},
                           environment());
    }
    bool requestReport(const QByteArray &detail)
    {
        return runCli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), m_store,
                       QStringLiteral("--source"), QStringLiteral("sluice.examples.wait-for-datasets"),
                       QStringLiteral("--detail-type"), QStringLiteral("Report Requested"),
                       QStringLiteral("--detail"), QString::fromUtf8(detail)})
                   .exitCode == 0;
    }
    std::vector<Json> history(const QString &id)
    {
        return cli_test::jsonLines(
            runCli({QStringLiteral("history"), id, QStringLiteral("--store"), m_store}).out);
    }
    /// How often the execution's history has `type` for `state`.
    int count(const QString &id, const char *state, const char *type)
    {
        int n = 0;
        for (const Json &e : history(id))
            n += e.value("state", "") == state && e.value("type", "") == type;
        return n;
    }
    /// Polls until `count(id, state, type) >= n`, at most 15 s.
    bool waitForCount(const QString &id, const char *state, const char *type, int n = 1)
    {
        QElapsedTimer timer;
        timer.start();
        while (count(id, state, type) < n) {
            if (timer.elapsed() > 15000)
                return false;
            QTest::qWait(100);
        }
        return true;
    }
    bool drop(const char *name)
    {
        return QFile::copy(example("data/") + QLatin1String(name),
                           QDir(m_inbox).filePath(QLatin1String(name)));
    }

private Q_SLOTS:
    void init()
    {
        static int round = 0;
        const QString dir = m_dir.filePath(QString::number(++round));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/inbox")));
        m_store = dir + QStringLiteral("/store.db");
        m_inbox = dir + QStringLiteral("/inbox");
        m_warehouse = dir + QStringLiteral("/warehouse.db");
    }
    void waitsForBothFilesAcrossARestartThenJoins();
    void aFileThatNeverComesFailsWithDatasetsNotArrived();
};

void TestExampleWaitDatasets::waitsForBothFilesAcrossARestartThenJoins()
{
    QString id;
    {
        cli_test::ServeProcess serve;
        QVERIFY(startServe(serve));
        QVERIFY(serve.waitFor("ready").is_object());
        QVERIFY(requestReport(R"({"date": "2026-03-01"})"));
        const Json started = serve.waitFor("execution");
        QVERIFY2(started.is_object(), serve.stderrText().constData());
        QVERIFY(started["rule"] == Json("report-requested"));
        id = QString::fromStdString(started["execution"].get<std::string>());
        QVERIFY(waitForCount(id, "Wait for sales file", "TaskScheduled"));
        QVERIFY(waitForCount(id, "Wait for stock file", "TaskScheduled"));

        // The sales file: its branch goes on, the stock branch and the join wait.
        QVERIFY(drop("sales-2026-03-01.csv"));
        QVERIFY(waitForCount(id, "Sales ready", "StateEntered"));
        QTest::qWait(300);
        QVERIFY(cli_test::show(m_store, id)["status"] == Json("RUNNING"));
        QCOMPARE(count(id, "Wait for stock file", "StateExited"), 0);
        QCOMPARE(count(id, "Join sales and stock", "StateEntered"), 0);

        QCOMPARE(serve.terminate(), 0); // SIGTERM while waiting: a clean exit, the execution left to resume
    }
    QVERIFY(cli_test::show(m_store, id)["status"] == Json("RUNNING"));
    QVERIFY(drop("stock-2026-03-01.csv")); // lands while serve is down

    cli_test::ServeProcess again;
    QVERIFY(startServe(again));
    const Json ready = again.waitFor("ready");
    QVERIFY2(ready.is_object(), again.stderrText().constData());
    QVERIFY(ready["resumed"] == Json(1));
    const Json shown = cli_test::waitUntilFinished(m_store, id);

    QVERIFY2(shown.value("status", "") == "SUCCEEDED", shown.dump().c_str());
    const Json &output = shown["output"];
    QVERIFY2(output["reorder"] == Json::array({"A-100", "B-200", "D-400"}), output.dump().c_str());
    QVERIFY(output["sales"]["file"] == Json("sales-2026-03-01.csv"));
    QVERIFY(output["sales"]["read"] == Json(7) &&
            output["sales"]["kept"] == Json(5)); // a bad qty, a missing sku
    QVERIFY(output["stock"]["read"] == Json(7) && output["stock"]["kept"] == Json(6)); // a negative count
    QVERIFY2(output["report"][0] == (Json{{"report_date", "2026-03-01"},
                                          {"sku", "A-100"},
                                          {"sold", 8},
                                          {"revenue", 79.92},
                                          {"on_hand", 14},
                                          {"reorder", 1}}),
             output["report"][0].dump().c_str());
    QCOMPARE(count(id, "Join sales and stock", "StateEntered"), 1); // once, after both

    // The table, in the example's warehouse file.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(m_warehouse);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT sku, sold, on_hand, reorder FROM stock_report ORDER BY sku")));
        QStringList rows;
        while (q.next())
            rows << QStringLiteral("%1 %2 %3 %4")
                        .arg(q.value(0).toString())
                        .arg(q.value(1).toInt())
                        .arg(q.value(2).toInt())
                        .arg(q.value(3).toInt());
        QCOMPARE(rows, (QStringList{QStringLiteral("A-100 8 14 1"), QStringLiteral("B-200 3 5 1"),
                                    QStringLiteral("C-300 0 12 0"), QStringLiteral("D-400 4 6 1"),
                                    QStringLiteral("E-500 0 8 0")}));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));

    // The bus: both arrivals, and the notification with the counts.
    int arrivals = 0;
    Json joined;
    for (const Json &e : cli_test::jsonLines(
             runCli({QStringLiteral("event"), QStringLiteral("list"), QStringLiteral("--store"), m_store})
                 .out)) {
        arrivals += e["source"] == Json("sluice.file");
        if (e["detail-type"] == Json("Datasets Joined"))
            joined = e;
    }
    QCOMPARE(arrivals, 2);
    QVERIFY2(joined.is_object(), "no Datasets Joined event");
    QVERIFY(joined["detail"]["skus"] == Json(5));
    QVERIFY(joined["detail"]["reorder"] == output["reorder"]);
    QVERIFY(joined["detail"]["sales"]["kept"] == Json(5));
    QCOMPARE(again.terminate(), 0);
}

void TestExampleWaitDatasets::aFileThatNeverComesFailsWithDatasetsNotArrived()
{
    cli_test::ServeProcess serve;
    QVERIFY(startServe(serve));
    QVERIFY(serve.waitFor("ready").is_object());
    QVERIFY(drop("sales-2026-03-01.csv")); // another day's file: not the one awaited
    QVERIFY(requestReport(R"({"date": "2026-03-02", "timeoutSeconds": 1})"));
    const Json started = serve.waitFor("execution");
    QVERIFY(started.is_object());
    const QString id = QString::fromStdString(started["execution"].get<std::string>());

    const Json shown = cli_test::waitUntilFinished(m_store, id);

    QVERIFY2(shown.value("status", "") == "FAILED", shown.dump().c_str());
    QVERIFY(shown["error"] == Json("Datasets.NotArrived"));
    QVERIFY2(shown.value("cause", "").find("did not arrive") != std::string::npos, shown.dump().c_str());
    const Outcome dlq =
        runCli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--store"), m_store});
    QVERIFY2(dlq.out.contains("Datasets.NotArrived"), dlq.out.constData()); // kept for a replay
    QCOMPARE(serve.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestExampleWaitDatasets)
#include "tst_example_wait_datasets.moc"
