// The reference scenarios in resources/examples, run as shipped (the definitions, connections and rules
// files are read from there, never copied) by the real sluice-cli processes against the real fixture HTTP
// server, real folders, real openssl and real SQLite files, at a scale that keeps each case a few seconds:
//
//   product-sync   1,050 products (two pages), the ERP refusing 10 of them with 503 until the DLQ replay
//   payment-files  sluice-cli serve with the rules file, a file dropped into the inbox, one transaction in
//                  the DLQ replayed from a chosen stage with an edited input
//
// and each scenario's run.sh, end to end, with a smaller catalogue.

#include "CliProcess.h"
#include "FixtureHttpServer.h"
#include "Json.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <vector>

using sluice::Json;
using sluice::fixtures::FixtureHttpServer;
using cli_test::jsonLines;
using cli_test::Outcome;
using cli_test::ServeProcess;

namespace {

QString example(const char *path)
{
    return QStringLiteral(SLUICE_EXAMPLES "/") + QLatin1String(path);
}

Json jsonOf(const QByteArray &text)
{
    return Json::parse(text.cbegin(), text.cend(), nullptr, false);
}

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExamples : public QObject
{
    Q_OBJECT

    /// Runs a scenario's run.sh to its end.
    static Outcome runScript(const QString &script, const QProcessEnvironment &env, int timeoutMs = 120000)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(script, {});
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }
    static Outcome cli(const QStringList &args, const QProcessEnvironment &env) { return cli_test::runCli(args, env); }
    /// What connections.json reads: the fixture's base URLs and demo secrets; the store in `dir`.
    static QProcessEnvironment productSyncEnvironment(const FixtureHttpServer &server, const QTemporaryDir &dir)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLUICE_STORE"), dir.filePath(QStringLiteral("store.db")));
        env.insert(QStringLiteral("PRODUCT_SYNC_MDM_URL"), server.baseUrl() + QStringLiteral("/mdm"));
        env.insert(QStringLiteral("PRODUCT_SYNC_CRM_URL"), server.baseUrl() + QStringLiteral("/crm"));
        env.insert(QStringLiteral("PRODUCT_SYNC_ERP_URL"), server.baseUrl() + QStringLiteral("/erp"));
        env.insert(QStringLiteral("PRODUCT_SYNC_MDM_TOKEN"), QStringLiteral("t-mdm"));
        env.insert(QStringLiteral("PRODUCT_SYNC_CRM_TOKEN"), QStringLiteral("t-crm"));
        env.insert(QStringLiteral("PRODUCT_SYNC_ERP_API_KEY"), QStringLiteral("k-erp"));
        return env;
    }
    static int count(FixtureHttpServer &server, const char *system)
    {
        sluice::fixtures::FixtureRequest request;
        request.method = "GET";
        request.path = QByteArray("/") + system + "/_count";
        const auto response = server.systems().handle(request);
        return jsonOf(response.body).value("count", -1);
    }

private Q_SLOTS:
    void productSyncSendsErpFailuresToTheDlqAndReplayCompletesTheSync();
    void productSyncStopsWhenMoreThanFivePercentFail();
    void paymentFileDroppedIntoTheInboxIsLoadedAndOneTransactionReplayedFromAStage();
    void runScriptsWorkEndToEnd();
};

void TestExamples::productSyncSendsErpFailuresToTheDlqAndReplayCompletesTheSync()
{
    constexpr int kProducts = 1050;   // two pages of IDs (1,000 a page)
    FixtureHttpServer server(kProducts);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    std::set<std::string> rejected;
    for (int i = 1; i <= 10; ++i)
        rejected.insert(QStringLiteral("P%1").arg(i * 101, 6, 10, QLatin1Char('0')).toStdString());
    const Json switches = server.systems().control(
        {{"system", "erp"}, {"reject", Json(rejected)}, {"rejectStatus", 503}});
    QVERIFY2(!switches.contains("error"), switches.dump().c_str());

    QTemporaryDir dir;
    const QProcessEnvironment env = productSyncEnvironment(server, dir);
    const QString connections = example("product-sync/connections.json");

    // The first run: every product reaches the CRM, the ERP refuses 10 after their retries.
    const Outcome first =
        cli({QStringLiteral("run"), example("product-sync/product-sync.asl.json"), QStringLiteral("--connections"), connections}, env);
    // Within ToleratedFailurePercentage (5%): the run succeeds and its output says what is missing.
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const Json output = jsonOf(first.out);
    QCOMPARE(QString::fromStdString(output.value("status", "")), QStringLiteral("INCOMPLETE"));
    QCOMPARE(output.value("inDlq", 0), 10);
    QCOMPARE(output.value("products", 0), kProducts);
    const QString execution = QString::fromUtf8(first.err).section(QStringLiteral("execution: "), 1).section(QLatin1Char('\n'), 0, 0);
    QVERIFY2(!execution.isEmpty(), first.err.constData());
    QCOMPARE(count(server, "crm"), kProducts);
    QCOMPARE(count(server, "erp"), kProducts - 10);
    // Three MDM calls per product (master data, prices, stock), two pages of IDs.
    const Json stats = server.systems().stats();
    QCOMPARE(stats["requests"].value("GET /mdm/products/{id}", 0), kProducts);
    QCOMPARE(stats["requests"].value("GET /mdm/products/{id}/stock", 0), kProducts);
    QCOMPARE(stats["requests"].value("GET /mdm/products", 0), 2);
    QCOMPARE(stats["requests"].value("PUT /erp (switched)", 0), 10 * 4);   // each refused call and its 3 retries

    // The DLQ holds exactly the refused products, at the Parallel that loads both systems.
    const Outcome dlq = cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), execution}, env);
    QCOMPARE(dlq.exitCode, 0);
    const auto entries = jsonLines(dlq.out);
    QCOMPARE(entries.size(), size_t(10));
    std::set<std::string> inDlq;
    for (const Json &e : entries) {
        QCOMPARE(QString::fromStdString(e.value("error", "")), QStringLiteral("Http.503"));
        QCOMPARE(QString::fromStdString(e.value("state", "")), QStringLiteral("Load into CRM and ERP"));
        inDlq.insert(e["input"].value("id", ""));
        QVERIFY(e["input"].contains("price"));   // the built, nested product: a replay needs no MDM call
    }
    QVERIFY(inDlq == rejected);

    // The ERP recovers; replaying the execution's DLQ completes the sync and redrives the execution.
    server.systems().control({{"system", "erp"}, {"clearRejects", true}});
    const Outcome replay = cli({QStringLiteral("dlq"), QStringLiteral("replay"), QStringLiteral("--all"), QStringLiteral("--execution"),
                                execution, QStringLiteral("--connections"), connections},
                               env);
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    int succeeded = 0;
    for (const Json &line : jsonLines(replay.out))
        succeeded += line.value("outcome", "") == "succeeded";
    QCOMPARE(succeeded, 10);
    QVERIFY2(replay.err.contains("redriven from Sync products: SUCCEEDED"), replay.err.constData());
    QCOMPARE(count(server, "crm"), kProducts);
    QCOMPARE(count(server, "erp"), kProducts);

    const Json shown = jsonOf(cli({QStringLiteral("show"), execution}, env).out);
    QCOMPARE(QString::fromStdString(shown.value("status", "")), QStringLiteral("SUCCEEDED"));
    QCOMPARE(QString::fromStdString(shown["output"].value("status", "")), QStringLiteral("COMPLETE"));
    QCOMPARE(shown["output"].value("inDlq", -1), 0);
    const auto open = jsonLines(cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), execution,
                                     QStringLiteral("--status"), QStringLiteral("open")},
                                    env)
                                    .out);
    QVERIFY(open.empty());
}

void TestExamples::productSyncStopsWhenMoreThanFivePercentFail()
{
    // The ERP is down for every call: past 5% failed products the Map stops instead of hammering it.
    FixtureHttpServer server(200);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    server.systems().control({{"system", "erp"}, {"failSeconds", 600}});
    QTemporaryDir dir;
    const QProcessEnvironment env = productSyncEnvironment(server, dir);

    const Outcome run = cli({QStringLiteral("run"), example("product-sync/product-sync.asl.json"), QStringLiteral("--connections"),
                             example("product-sync/connections.json"), QStringLiteral("--no-delays")},
                            env);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(QString::fromStdString(jsonOf(run.out).value("Error", "")), QStringLiteral("ProductSync.Aborted"));
    QCOMPARE(count(server, "erp"), 0);
    QVERIFY2(count(server, "crm") < 200, "the Map went on after the threshold");
    const QString execution = QString::fromUtf8(run.err).section(QStringLiteral("execution: "), 1).section(QLatin1Char('\n'), 0, 0);
    const Json shown = jsonOf(cli({QStringLiteral("show"), execution}, env).out);
    QCOMPARE(QString::fromStdString(shown.value("status", "")), QStringLiteral("FAILED"));
    // Stopped just past the threshold (5% of 200 = 10): not every product was tried.
    QVERIFY2(shown["counts"].value("failed", 0) > 10, shown.dump().c_str());
    QVERIFY2(shown["counts"].value("succeeded", 0) + shown["counts"].value("failed", 0) < 200, shown.dump().c_str());
}

void TestExamples::paymentFileDroppedIntoTheInboxIsLoadedAndOneTransactionReplayedFromAStage()
{
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QFAIL("openssl is needed (scripts/lib.sh installs it)");
    QTemporaryDir home;
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral("inbox")));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SLUICE_STORE"), home.filePath(QStringLiteral("store.db")));
    env.insert(QStringLiteral("PAYMENTS_HOME"), home.path());
    env.insert(QStringLiteral("PAYMENT_FILE_KEY"), QStringLiteral("sluice-demo-key-not-a-secret"));
    env.insert(QStringLiteral("PAYMENT_TOKEN_KEY"), QStringLiteral("test-token-key"));
    const QString connections = example("payment-files/connections.json");

    ServeProcess server;
    QVERIFY(server.start({QStringLiteral("--rules"), example("payment-files/rules.json"), QStringLiteral("--connections"),
                          connections, QStringLiteral("--poll-ms"), QStringLiteral("100")},
                         env));
    QVERIFY2(server.waitFor("ready").is_object(), server.stderrText().constData());

    // Dropped into the inbox: the folder trigger starts the workflow once the file is complete.
    const QString dropped = home.filePath(QStringLiteral("inbox/payments-2026-11-21.csv.enc"));
    QVERIFY(QFile::copy(example("payment-files/data/payments-2026-11-21.csv.enc"), dropped + QStringLiteral(".part")));
    QVERIFY(QFile::rename(dropped + QStringLiteral(".part"), dropped));
    const Json started = server.waitFor("execution");
    QVERIFY2(started.is_object(), server.stderrText().constData());
    QCOMPARE(QString::fromStdString(started.value("rule", "")), QStringLiteral("payment-file-arrived"));
    const QString execution = QString::fromStdString(started["execution"].get<std::string>());
    Json shown;
    QVERIFY(QTest::qWaitFor(
        [&] {
            shown = jsonOf(cli({QStringLiteral("show"), execution}, env).out);
            return shown.value("status", "RUNNING") != "RUNNING";
        },
        30000));
    QCOMPARE(QString::fromStdString(shown.value("status", "")), QStringLiteral("SUCCEEDED"));
    QCOMPARE(QString::fromStdString(shown["output"].value("status", "")), QStringLiteral("INCOMPLETE"));
    QCOMPARE(shown["output"].value("inDlq", 0), 1);

    // 11 of 12 transactions in the table, every one archived, no card number in clear anywhere.
    auto rows = [&] {
        std::map<std::string, std::string> currencies;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(home.filePath(QStringLiteral("payments.db")));
            if (db.open()) {
                QSqlQuery q(QStringLiteral("SELECT txn_id, currency, card_token FROM payments"), db);
                while (q.next()) {
                    currencies[q.value(0).toString().toStdString()] = q.value(1).toString().toStdString();
                    if (!q.value(2).toString().startsWith(QLatin1String("tok_")))
                        currencies["untokenized"] = q.value(2).toString().toStdString();
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return currencies;
    };
    auto loaded = rows();
    QCOMPARE(loaded.size(), size_t(11));
    QVERIFY(!loaded.contains("T-20261121-0008"));
    const QString archive = home.filePath(QStringLiteral("archive/payments-2026-11-21.jsonl"));
    QCOMPARE(jsonLines(readAll(archive)).size(), size_t(12));
    QVERIFY(!QFile::exists(home.filePath(QStringLiteral("work/payments-2026-11-21.csv"))));   // the plaintext is gone
    for (const QString &file : {archive, home.filePath(QStringLiteral("work/payments-2026-11-21.tokenized.jsonl")),
                                home.filePath(QStringLiteral("store.db")), home.filePath(QStringLiteral("payments.db"))}) {
        const QByteArray bytes = readAll(file) + readAll(file + QStringLiteral("-wal"));
        QVERIFY2(!bytes.isEmpty() || file.endsWith(QLatin1String("-wal")), qPrintable(file));
        QVERIFY2(!bytes.contains("4111111111111111") && !bytes.contains("5555555555554444"), qPrintable(file));
    }

    // The malformed transaction (currency "EURO") is the one DLQ entry, at the load, with its input.
    const auto entries = jsonLines(cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), execution}, env).out);
    QCOMPARE(entries.size(), size_t(1));
    const Json &entry = entries.front();
    QCOMPARE(QString::fromStdString(entry.value("error", "")), QStringLiteral("Sql.ConstraintViolation"));
    QCOMPARE(QString::fromStdString(entry.value("state", "")), QStringLiteral("Load transaction"));
    QCOMPARE(QString::fromStdString(entry["input"]["txn"].value("txn_id", "")), QStringLiteral("T-20261121-0008"));
    const QString id = QString::number(entry["id"].get<qint64>());

    // Replayed as it is, it fails again and stays open.
    Outcome replay = cli({QStringLiteral("dlq"), QStringLiteral("replay"), id, QStringLiteral("--connections"), connections}, env);
    QVERIFY2(jsonOf(replay.out.split('\n').first()).value("outcome", "") == "failed", replay.out.constData());

    // Replayed from the archive stage with the currency corrected: archived again, loaded, and the file's
    // execution is redriven to SUCCEEDED.
    Json corrected = entry["input"];
    corrected["txn"]["currency"] = "EUR";
    replay = cli({QStringLiteral("dlq"), QStringLiteral("replay"), id, QStringLiteral("--from-state"), QStringLiteral("Archive transaction"),
                  QStringLiteral("--input-json"), QString::fromStdString(corrected.dump()), QStringLiteral("--connections"), connections},
                 env);
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    QVERIFY2(jsonOf(replay.out.split('\n').first()).value("outcome", "") == "succeeded", replay.out.constData());
    QVERIFY2(replay.err.contains("redriven from Split into transactions: SUCCEEDED"), replay.err.constData());
    loaded = rows();
    QCOMPARE(loaded.size(), size_t(12));
    QCOMPARE(QString::fromStdString(loaded["T-20261121-0008"]), QStringLiteral("EUR"));
    const auto archived = jsonLines(readAll(archive));
    QCOMPARE(archived.size(), size_t(13));
    QCOMPARE(QString::fromStdString(archived.back().value("currency", "")), QStringLiteral("EUR"));
    shown = jsonOf(cli({QStringLiteral("show"), execution}, env).out);
    QCOMPARE(QString::fromStdString(shown.value("status", "")), QStringLiteral("SUCCEEDED"));
    QCOMPARE(QString::fromStdString(shown["output"].value("status", "")), QStringLiteral("LOADED"));
    QCOMPARE(shown["output"].value("transactions", 0), 12);
    const Json history = jsonOf(cli({QStringLiteral("dlq"), QStringLiteral("show"), id}, env).out);
    QCOMPARE(history["replays"].size(), size_t(2));

    QCOMPARE(server.terminate(), 0);
}

void TestExamples::runScriptsWorkEndToEnd()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SLUICE_STORE"));
    env.remove(QStringLiteral("PAYMENTS_HOME"));
    env.insert(QStringLiteral("SLUICE_BIN"), QStringLiteral(SLUICE_BIN_DIR));
    env.insert(QStringLiteral("PRODUCT_SYNC_PRODUCTS"), QStringLiteral("200"));
    env.insert(QStringLiteral("PRODUCT_SYNC_REJECTS"), QStringLiteral("5"));

    const Outcome products = runScript(example("product-sync/run.sh"), env);
    QVERIFY2(products.exitCode == 0, (products.out + products.err).constData());
    QVERIFY2(products.out.contains("5 entries"), products.out.constData());
    QVERIFY2(products.out.contains("SUCCEEDED; CRM 200, ERP 200 of 200 products; 0 DLQ entries still open"),
             products.out.constData());

    const Outcome payments = runScript(example("payment-files/run.sh"), env);
    QVERIFY2(payments.exitCode == 0, (payments.out + payments.err).constData());
    QVERIFY2(payments.out.contains("OK: all 12 transactions are loaded"), payments.out.constData());
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
