// sluice-cli over the journal, as a user runs it: a run with failures, the DLQ, replay and the redrive
// of the parent, on a real SQLite file (and on PostgreSQL when SLUICE_TEST_PG names a server).

#include "Json.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>


namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

sluice::Json parse(const QByteArray &bytes)
{
    return sluice::Json::parse(bytes.cbegin(), bytes.cend());
}

std::vector<sluice::Json> lines(const QByteArray &bytes)
{
    std::vector<sluice::Json> result;
    for (const QByteArray &line : bytes.split('\n')) {
        if (!line.trimmed().isEmpty())
            result.push_back(parse(line));
    }
    return result;
}

QString text(const sluice::Json &value)
{
    return QString::fromStdString(value.dump());
}

QString str(const sluice::Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

const char *const kOrders = R"({"orders": [{"id": 1, "rejections": 0}, {"id": 2, "rejections": 5}, {"id": 3, "rejections": 1}, {"id": 4, "rejections": 7}]})";

} // namespace

class TestCliStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;

    Outcome cli(QStringList args, const QByteArray &stdinData = {}, const QString &workingDirectory = {})
    {
        args << QStringLiteral("--store") << m_store;
        QProcess process;
        if (!workingDirectory.isEmpty())
            process.setWorkingDirectory(workingDirectory);
        process.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-cli"), args);
        if (!process.waitForStarted())
            return {};
        if (!stdinData.isEmpty())
            process.write(stdinData);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    /// Runs the orders workflow: items 2 and 4 fail for good (more rejections than retries), 1 and 3 succeed.
    QString runOrders()
    {
        const Outcome o = cli({QStringLiteral("run"), QStringLiteral(SLUICE_FIXTURES "/cli/orders.asl.json"),
                               QStringLiteral("--no-delays"), QStringLiteral("--input-json"), QString::fromUtf8(kOrders)});
        if (o.exitCode != 0 || !o.err.startsWith("execution: "))
            return {};
        return QString::fromUtf8(o.err.mid(11, 36));
    }

private Q_SLOTS:
    void initTestCase_data()   // every test runs on both back ends
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
            // A fresh schema is not needed: every test works on its own new execution ids.
        } else {
            m_store = m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        }
    }

    void runIsJournaled()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        Outcome o = cli({QStringLiteral("show"), id});
        QCOMPARE(o.exitCode, 0);
        const sluice::Json shown = parse(o.out);
        QCOMPARE(str(shown["status"]), QStringLiteral("SUCCEEDED"));
        QCOMPARE(shown["counts"]["failed"].get<int>(), 2);
        QCOMPARE(shown["counts"]["succeeded"].get<int>(), 3);   // two items and the execution's own item 0
        QCOMPARE(str(shown["output"][1]["Error"]), QStringLiteral("Http.503"));

        o = cli({QStringLiteral("runs"), QStringLiteral("--status"), QStringLiteral("SUCCEEDED")});
        QCOMPARE(o.exitCode, 0);
        bool listed = false;
        for (const auto &run : lines(o.out))
            listed = listed || str(run["id"]) == id;
        QVERIFY(listed);

        o = cli({QStringLiteral("items"), id, QStringLiteral("--status"), QStringLiteral("failed")});
        QCOMPARE(o.exitCode, 0);
        const auto failed = lines(o.out);
        QCOMPARE(failed.size(), size_t(2));
        QCOMPARE(str(failed[0]["state"]), QStringLiteral("Post to ERP"));
        QCOMPARE(failed[0]["attempts"].get<int>(), 2);

        o = cli({QStringLiteral("history"), id, QStringLiteral("--item"), QString::number(failed[0]["item"].get<qint64>())});
        QCOMPARE(o.exitCode, 0);
        QStringList types;
        for (const auto &event : lines(o.out))
            types << str(event["type"]);
        QCOMPARE(types, (QStringList{QStringLiteral("ItemStarted"), QStringLiteral("StateEntered"),
                                     QStringLiteral("TaskScheduled"), QStringLiteral("TaskFailed"),
                                     QStringLiteral("TaskRetryScheduled"), QStringLiteral("TaskScheduled"),
                                     QStringLiteral("TaskFailed"), QStringLiteral("ItemFinished")}));
    }

    void dlqListsFailedItemsWithTheirInput()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        const Outcome o = cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id});
        QCOMPARE(o.exitCode, 0);
        const auto entries = lines(o.out);
        QCOMPARE(entries.size(), size_t(2));
        QCOMPARE(str(entries[0]["state"]), QStringLiteral("Post to ERP"));
        QCOMPARE(str(entries[0]["error"]), QStringLiteral("Http.503"));
        QCOMPARE(str(entries[0]["status"]), QStringLiteral("open"));
        QCOMPARE(text(entries[0]["input"]), QStringLiteral(R"({"id":2,"rejections":5})"));
        QCOMPARE(entries[0]["attempts"].get<int>(), 2);

        const Outcome byText = cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id,
                                    QStringLiteral("--text"), QStringLiteral("order 4")});
        QCOMPARE(lines(byText.out).size(), size_t(1));
        const Outcome byError = cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id,
                                     QStringLiteral("--error"), QStringLiteral("Http.404")});
        QCOMPARE(lines(byError.out).size(), size_t(0));
    }

    void replayWithEditedInputRedrivesTheParent()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        const auto entries = lines(cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id}).out);
        QCOMPARE(entries.size(), size_t(2));
        const QString first = QString::number(entries[0]["id"].get<qint64>());
        const QString second = QString::number(entries[1]["id"].get<qint64>());

        // The stored input fails again: the entry stays open and records the new failure.
        Outcome o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), first, QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 1);
        QCOMPARE(str(lines(o.out)[0]["outcome"]), QStringLiteral("failed"));
        o = cli({QStringLiteral("dlq"), QStringLiteral("show"), first});
        QCOMPARE(str(parse(o.out)["status"]), QStringLiteral("open"));
        QCOMPARE(parse(o.out)["replays"].size(), size_t(1));

        // Edited input succeeds; the parent waits for the other entry.
        o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), first, QStringLiteral("--no-delays"),
                 QStringLiteral("--input-json"), QStringLiteral(R"({"id": 2, "rejections": 0})")});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(str(lines(o.out)[0]["outcome"]), QStringLiteral("succeeded"));
        QVERIFY2(o.err.contains("waits for 1 more item"), o.err.constData());
        o = cli({QStringLiteral("dlq"), QStringLiteral("show"), first});
        const sluice::Json shown = parse(o.out);
        QCOMPARE(str(shown["status"]), QStringLiteral("replayed"));
        QCOMPARE(shown["replays"].size(), size_t(2));
        QCOMPARE(shown["replays"][1]["attempt"].get<int>(), 2);
        QCOMPARE(str(shown["replays"][1]["outcome"]), QStringLiteral("succeeded"));

        // The last one: every item of the Map has succeeded, so the execution is redriven.
        o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), second, QStringLiteral("--no-delays"),
                 QStringLiteral("--input-json"), QStringLiteral(R"({"id": 4, "rejections": 0})")});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.err.contains("redriven"), o.err.constData());
        o = cli({QStringLiteral("show"), id});
        const sluice::Json after = parse(o.out);
        QCOMPARE(str(after["status"]), QStringLiteral("SUCCEEDED"));
        QCOMPARE(after["counts"]["failed"].get<int>(), 0);
        QCOMPARE(text(after["output"]),
                 QStringLiteral(R"([{"posted":"ERP rejected order 1"},{"posted":"ERP rejected order 2"},)"
                                R"({"posted":"ERP rejected order 3"},{"posted":"ERP rejected order 4"}])"));
    }

    void replayFromAnotherFolderResolvesPathsAsTheRunDid()
    {
        // A Map of sluice:shell items running ./check.sh (relative: the definition's folder); item "b" fails
        // for good until the file ok-b exists there. One item only: a failed Map does not wait for others.
        QTemporaryDir flow;
        QTemporaryDir elsewhere;
        QFile script(flow.filePath(QStringLiteral("check.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\n"
                     "read -r item\n"
                     "case \"$item\" in\n"
                     "  *'\"b\"'*) test -f ok-b || { echo '{\"Error\": \"Check.Missing\", \"Cause\": \"no ok-b\"}' >&2; exit 3; };;\n"
                     "esac\n"
                     "echo '{\"checked\": true}'\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString file = flow.filePath(QStringLiteral("check.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
            "ItemProcessor": {"StartAt": "Check", "States": {
                "Check": {"Type": "Task", "Resource": "sluice:shell", "End": true,
                          "Parameters": {"Command": "./check.sh", "Input.$": "$"}}}}}}})");
        f.close();
        Outcome o = cli({QStringLiteral("run"), file, QStringLiteral("--input-json"),
                         QStringLiteral(R"({"items": [{"name": "b"}]})")},
                        {}, elsewhere.path());
        QVERIFY2(o.err.startsWith("execution: "), o.err.constData());
        const QString id = QString::fromUtf8(o.err.mid(11, 36));
        const auto entries = lines(cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id}).out);
        QCOMPARE(entries.size(), size_t(1));
        QCOMPARE(str(entries[0]["error"]), QStringLiteral("Check.Missing"));
        QFile marker(flow.filePath(QStringLiteral("ok-b")));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();

        // Replayed from another folder: ./check.sh and ok-b are still found in the definition's folder.
        o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), QString::number(entries[0]["id"].get<qint64>())}, {},
                elsewhere.path());

        QVERIFY2(o.exitCode == 0, o.err.constData());
        QCOMPARE(str(lines(o.out)[0]["outcome"]), QStringLiteral("succeeded"));
        const QByteArray replayed = o.err;
        o = cli({QStringLiteral("show"), id});
        QVERIFY2(str(parse(o.out)["status"]) == QStringLiteral("SUCCEEDED"), (o.out + replayed).constData());
    }

    void bulkReplayOfAFilter()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        // Replaying both with their stored input fails again; each gets its line and stays open.
        const Outcome o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), QStringLiteral("--all"),
                               QStringLiteral("--execution"), id, QStringLiteral("--concurrency"), QStringLiteral("2"),
                               QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 1);
        const auto report = lines(o.out);
        QCOMPARE(report.size(), size_t(2));
        for (const auto &line : report) {
            QCOMPARE(str(line["outcome"]), QStringLiteral("failed"));
            QCOMPARE(str(line["error"]), QStringLiteral("Http.503"));
        }
    }

    void replayFromAStateThatIsGoneIsAClearError()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        const auto entries = lines(cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id}).out);
        const Outcome o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), QString::number(entries[0]["id"].get<qint64>()),
                               QStringLiteral("--from-state"), QStringLiteral("Nowhere")});
        QCOMPARE(o.exitCode, 1);
        const auto report = lines(o.out);
        QCOMPARE(report.size(), size_t(1));
        QVERIFY(str(report[0]["cause"]).contains(QStringLiteral("'Nowhere' is not in this version")));
    }

    void replayOnTheLatestVersion()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        // A newer version of the same workflow (same name) retries often enough for every order.
        QFile original(QStringLiteral(SLUICE_FIXTURES "/cli/orders.asl.json"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray definition = original.readAll();
        QVERIFY(definition.contains("\"MaxAttempts\": 1"));
        definition.replace("\"MaxAttempts\": 1", "\"MaxAttempts\": 9");
        const QString newer = m_dir.filePath(QStringLiteral("orders-v2.asl.json"));
        QFile file(newer);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(definition);
        file.close();
        Outcome o = cli({QStringLiteral("run"), newer, QStringLiteral("--name"), QStringLiteral("orders"),
                         QStringLiteral("--no-delays"), QStringLiteral("--input-json"), QStringLiteral(R"({"orders": []})")});
        QCOMPARE(o.exitCode, 0);

        o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), QStringLiteral("--all"), QStringLiteral("--execution"), id,
                 QStringLiteral("--latest-version"), QStringLiteral("--no-delays")});
        QVERIFY2(o.exitCode == 0, o.err.constData());
        const auto report = lines(o.out);
        QCOMPARE(report.size(), size_t(2));
        for (const auto &line : report)
            QCOMPARE(str(line["outcome"]), QStringLiteral("succeeded"));
        QVERIFY2(o.err.contains("redriven"), o.err.constData());
        QCOMPARE(str(parse(cli({QStringLiteral("show"), id}).out)["status"]), QStringLiteral("SUCCEEDED"));

        // A newer definition file and the latest saved version exclude each other.
        o = cli({QStringLiteral("dlq"), QStringLiteral("replay"), QStringLiteral("--all"), QStringLiteral("--latest-version"),
                 QStringLiteral("--definition"), newer});
        QCOMPARE(o.exitCode, 2);
    }

    void discardAndExport()
    {
        const QString id = runOrders();
        QVERIFY(!id.isEmpty());
        const auto entries = lines(cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id}).out);
        const QString first = QString::number(entries[0]["id"].get<qint64>());
        QCOMPARE(cli({QStringLiteral("dlq"), QStringLiteral("discard"), first}).exitCode, 0);
        const Outcome open = cli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--execution"), id,
                                  QStringLiteral("--status"), QStringLiteral("open")});
        QCOMPARE(lines(open.out).size(), size_t(1));
        const Outcome exported = cli({QStringLiteral("dlq"), QStringLiteral("export"), QStringLiteral("--execution"), id});
        QCOMPARE(exported.exitCode, 0);
        const auto all = lines(exported.out);
        QCOMPARE(all.size(), size_t(2));   // discarded entries are kept
        QCOMPARE(str(all[0]["status"]), QStringLiteral("discarded"));
        QVERIFY(all[0].contains("replays"));
    }

    void noStoreKeepsTheRunInMemory()
    {
        QVERIFY(!runOrders().isEmpty());   // the store exists; the next run stays out of it
        const Outcome o = cli({QStringLiteral("run"), QStringLiteral(SLUICE_FIXTURES "/cli/orders.asl.json"),
                               QStringLiteral("--no-delays"), QStringLiteral("--no-store"), QStringLiteral("--input-json"),
                               QString::fromUtf8(kOrders)});
        QCOMPARE(o.exitCode, 0);
        const QString id = QString::fromUtf8(o.err.mid(11, 36));
        QCOMPARE(cli({QStringLiteral("show"), id}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_cli_store.moc"
