// sluice-cli as a user runs it: the real binary in a real process, its stdout, stderr and exit code.

#include "Json.h"

#include <QDir>
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

Outcome runCli(const QStringList &args, const QByteArray &stdinData = {})
{
    static QTemporaryDir storeDir;   // every run journals into a store of this test's own
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SLUICE_STORE"), storeDir.filePath(QStringLiteral("journal.db")));
    process.setProcessEnvironment(env);
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

QString example(const char *name)
{
    return QStringLiteral(SLUICE_EXAMPLES "/") + QLatin1String(name);
}

QString fixture(const char *name)
{
    return QStringLiteral(SLUICE_FIXTURES "/") + QLatin1String(name);
}

sluice::Json parse(const QByteArray &bytes)
{
    return sluice::Json::parse(bytes.cbegin(), bytes.cend());
}

QString text(const sluice::Json &value)
{
    return QString::fromStdString(value.dump());
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList{QStringLiteral("--help")};
        QTest::newRow("validate") << QStringList{QStringLiteral("validate"), QStringLiteral("--help")};
        QTest::newRow("run") << QStringList{QStringLiteral("run"), QStringLiteral("--help")};
    }
    void helpForEveryCommand()
    {
        QFETCH(QStringList, args);
        const Outcome o = runCli(args);
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.out.contains("sluice-cli"));
    }

    void unknownCommandIsAUsageError()
    {
        const Outcome o = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("unknown command"));
    }

    void validateAcceptsTheExamples()
    {
        const Outcome o = runCli({QStringLiteral("validate"), example("hello.asl.json"), example("catalogue-sync.asl.json")});
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.err.isEmpty());
    }

    void validateReportsFileLineColumnPointer()
    {
        const QString file = fixture("definitions/invalid/catch-missing-next.asl.json");
        const Outcome o = runCli({QStringLiteral("validate"), file});
        QCOMPARE(o.exitCode, 2);
        const QList<QByteArray> lines = o.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QCOMPARE(QString::fromUtf8(lines.first()).section(QStringLiteral(": "), 0, 0), file + QStringLiteral(":4:64"));
        QVERIFY(lines.first().contains(": /States/A/Catch/0: "));
    }

    void validateReportsEveryProblem()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("two.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Succeed"}}})");
        f.close();
        const Outcome o = runCli({QStringLiteral("validate"), file});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.trimmed().split('\n').size() >= 2, o.err.constData());   // bad Next and unreachable B
    }

    void validateRefusesNotJson()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("broken.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}");
        f.close();
        const Outcome o = runCli({QStringLiteral("validate"), file});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith((file + QStringLiteral(":3:")).toUtf8()), o.err.constData());
    }

    void validateAndRunAcceptYaml()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("hello.asl.yaml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("StartAt: Greet\n"
                "States:\n"
                "  Greet:\n"
                "    Type: Pass\n"
                "    Parameters:\n"
                "      greeting.$: States.Format('Hello, {}!', $.name)\n"
                "      count: \"1\"\n"
                "    End: true\n");
        f.close();
        QCOMPARE(runCli({QStringLiteral("validate"), file}).exitCode, 0);
        const Outcome o = runCli({QStringLiteral("run"), file, QStringLiteral("--no-store"), QStringLiteral("--input-json"),
                                  QStringLiteral(R"({"name": "Ada"})")});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(text(parse(o.out)), text(sluice::Json{{"count", "1"}, {"greeting", "Hello, Ada!"}}));
    }

    void validateReportsYamlLinesAndMalformedYaml()
    {
        QTemporaryDir dir;
        const QString invalid = dir.filePath(QStringLiteral("invalid.yml"));
        QFile f(invalid);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n");
        f.close();
        Outcome o = runCli({QStringLiteral("validate"), invalid});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith((invalid + QStringLiteral(":5:11: /States/A/Next: ")).toUtf8()), o.err.constData());

        const QString malformed = dir.filePath(QStringLiteral("malformed.yaml"));
        QFile g(malformed);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("StartAt: A\nStates:\n  A: {Type: Pass, End: [true\n");
        g.close();
        o = runCli({QStringLiteral("run"), malformed, QStringLiteral("--no-store")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("not valid YAML (line 4, column 1)"), o.err.constData());
    }

    void runPrintsTheOutput()
    {
        const Outcome o = runCli({QStringLiteral("run"), example("hello.asl.json"), QStringLiteral("--input-json"),
                                  QStringLiteral(R"({"name": "Ada"})"), QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(text(parse(o.out)), text(sluice::Json{{"greeting", "Hello, Ada!"}, {"polite", true}}));
    }

    void runReadsInputFromAFileAndStdin()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("in.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"name": "Grace"})");
        f.close();
        Outcome o = runCli({QStringLiteral("run"), example("hello.asl.json"), QStringLiteral("--input"), file,
                            QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(QString::fromStdString(parse(o.out)["greeting"].get<std::string>()), QStringLiteral("Hello, Grace!"));
        o = runCli({QStringLiteral("run"), example("hello.asl.json"), QStringLiteral("--input"), QStringLiteral("-"),
                    QStringLiteral("--no-delays")},
                   R"({"name": "Linus"})");
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(QString::fromStdString(parse(o.out)["greeting"].get<std::string>()), QStringLiteral("Hello, Linus!"));
    }

    void runFailurePrintsErrorAndCause()
    {
        const Outcome o = runCli({QStringLiteral("run"), example("hello.asl.json"), QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 1);
        const sluice::Json error = parse(o.out);
        QCOMPARE(error["Error"].get<std::string>(), std::string("States.Runtime"));
        QVERIFY(error["Cause"].get<std::string>().find("$.name") != std::string::npos);
    }

    void runTakesInputNested10000Deep()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("pass.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$[0][0][0]", "End": true}}})");
        f.close();
        const Outcome o = runCli({QStringLiteral("run"), file, QStringLiteral("--input"), QStringLiteral("-")},
                                 QByteArray(10000, '[') + QByteArray(10000, ']'));
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.out.startsWith("[[[[") && o.out.trimmed().size() == 2 * 9997);
    }

    void runFailWithoutCauseLeavesCauseOut()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("fail.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Only.Error"}}})");
        f.close();
        const Outcome o = runCli({QStringLiteral("run"), file});
        QCOMPARE(o.exitCode, 1);
        QCOMPARE(text(parse(o.out)), text(sluice::Json{{"Error", "Only.Error"}}));
    }

    void runRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("not JSON") << QByteArray("{\"name\": ") << QByteArray("not valid JSON");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"name\": \"\xff\xfe\"}") << QByteArray("not valid JSON");
        QTest::newRow("nested 100,000 deep") << (QByteArray(100000, '[') + QByteArray(100000, ']'))
                                            << QByteArray("nested deeper than 10000 levels");
    }
    void runRefusesBadInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const Outcome o = runCli({QStringLiteral("run"), example("hello.asl.json"), QStringLiteral("--input"), QStringLiteral("-")},
                                 input);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains(expected), o.err.constData());
        QVERIFY(o.out.isEmpty());
    }

    void runRefusesAnInvalidDefinition()
    {
        const QString file = fixture("definitions/invalid/catch-missing-next.asl.json");
        const Outcome o = runCli({QStringLiteral("run"), file});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("/States/A/Catch/0"));
        QVERIFY(o.out.isEmpty());
    }

    void runWithMockConfig_data()
    {
        QTest::addColumn<QString>("testCase");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("happy") << QStringLiteral("HappyPath") << 0 << QByteArray(R"({"enriched":{"score":7,"sku":"A-1"}})");
        QTest::newRow("retried") << QStringLiteral("ThrottledThenOk") << 0 << QByteArray(R"({"enriched":{"score":9,"sku":"A-1"}})");
        QTest::newRow("caught") << QStringLiteral("Broken") << 1 << QByteArray(R"({"Cause":"boom","Error":"Enrich.Failed"})");
    }
    void runWithMockConfig()
    {
        QFETCH(QString, testCase);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, expected);
        const Outcome o = runCli({QStringLiteral("run"), fixture("cli/lambda.asl.json"), QStringLiteral("--mock-config"),
                                  fixture("cli/mocks.json"), QStringLiteral("--test-case"), testCase,
                                  QStringLiteral("--name"), QStringLiteral("Enricher"), QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, exitCode);
        QCOMPARE(o.out.trimmed(), expected);
    }

    void runWithUnknownTestCaseIsAUsageError()
    {
        const Outcome o = runCli({QStringLiteral("run"), fixture("cli/lambda.asl.json"), QStringLiteral("--mock-config"),
                                  fixture("cli/mocks.json"), QStringLiteral("--test-case"), QStringLiteral("Nope"),
                                  QStringLiteral("--name"), QStringLiteral("Enricher")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("Nope"));
    }

    void runWithContextAndName()
    {
        QTemporaryDir dir;
        const QString context = dir.filePath(QStringLiteral("context.json"));
        QFile f(context);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"Execution": {"Name": "nightly-2026-11-21", "StartTime": "2026-11-21T02:00:00Z"}})");
        f.close();
        const Outcome o = runCli({QStringLiteral("run"), fixture("cli/context.asl.json"), QStringLiteral("--context"),
                                  context, QStringLiteral("--name"), QStringLiteral("Catalogue")});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(text(parse(o.out)), text(sluice::Json{{"execution", "nightly-2026-11-21"}, {"machine", "Catalogue"},
                                             {"started", "2026-11-21T02:00:00Z"}}));
    }

    void runTheCatalogueExample()
    {
        const Outcome o = runCli({QStringLiteral("run"), example("catalogue-sync.asl.json"), QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(parse(o.out)["products"].get<int>(), 46);
    }

    void runTimesOutPerTaskEvenWithNoDelays()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("slow.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "sluice:sleep", "Parameters": {"Seconds": 10}, "TimeoutSeconds": 1, "End": true}}})");
        f.close();
        const Outcome o = runCli({QStringLiteral("run"), file, QStringLiteral("--no-delays")});
        QCOMPARE(o.exitCode, 1);
        QCOMPARE(QString::fromStdString(parse(o.out)["Error"].get<std::string>()), QStringLiteral("States.Timeout"));
    }

    void runShellAndFileWriteEndToEnd()
    {
        // A Map prices each item with a shell script (any language would do); an item the script refuses
        // is caught by the name the script gave; the results go to a JSON Lines file beside the definition.
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("price.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\n"
                     "read -r item\n"
                     "case \"$item\" in\n"
                     "  *'\"qty\":0'*) echo '{\"Error\": \"Price.NoQuantity\", \"Cause\": \"qty is 0\"}' >&2; exit 4;;\n"
                     "esac\n"
                     "echo \"{\\\"item\\\": $item, \\\"currency\\\": \\\"$CURRENCY\\\"}\"\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString file = dir.filePath(QStringLiteral("price.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "Price", "States": {
            "Price": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.priced",
                "ItemProcessor": {"StartAt": "Shell", "States": {
                    "Shell": {"Type": "Task", "Resource": "sluice:shell",
                              "Parameters": {"Command": "./price.sh", "Input.$": "$", "Environment": {"CURRENCY": "EUR"}},
                              "Catch": [{"ErrorEquals": ["Price.NoQuantity"], "ResultPath": "$.error", "Next": "Refused"}],
                              "End": true},
                    "Refused": {"Type": "Pass", "End": true}}},
                "Next": "Write"},
            "Write": {"Type": "Task", "Resource": "sluice:file.write",
                      "Parameters": {"Path": "out/priced.jsonl", "Records.$": "$.priced"}, "End": true}}})");
        f.close();

        const Outcome o = runCli({QStringLiteral("run"), file, QStringLiteral("--input-json"),
                                  QStringLiteral(R"({"items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 0}]})")});

        QVERIFY2(o.exitCode == 0, o.err.constData());
        const sluice::Json result = parse(o.out);
        QCOMPARE(result["Records"].get<int>(), 2);
        QFile written(dir.filePath(QStringLiteral("out/priced.jsonl")));
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = written.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(text(parse(lines[0])), text(sluice::Json{{"currency", "EUR"}, {"item", {{"qty", 2}, {"sku", "a"}}}}));
        QCOMPARE(parse(lines[1])["error"]["Error"].get<std::string>(), std::string("Price.NoQuantity"));
        QCOMPARE(parse(lines[1])["error"]["Cause"].get<std::string>(), std::string("qty is 0"));
    }

    void runSqlThroughConnectionsNextToTheStore()
    {
        QTemporaryDir dir;
        QFile connections(dir.filePath(QStringLiteral("connections.json")));
        QVERIFY(connections.open(QIODevice::WriteOnly));
        connections.write(R"({"shop": {"database": "shop.db"}})");   // relative to the connections file
        connections.close();
        const QString file = dir.filePath(QStringLiteral("sql.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"json({"StartAt": "Create", "States": {
            "Create": {"Type": "Task", "Resource": "sluice:sql", "ResultPath": null, "Next": "Load",
                       "Parameters": {"Connection": "shop", "Operation": "Execute",
                                      "Sql": "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, name TEXT)"}},
            "Load": {"Type": "Task", "Resource": "sluice:sql", "ResultPath": null, "Next": "Read",
                     "Parameters": {"Connection": "shop", "Operation": "Upsert", "Table": "orders", "Key": ["id"],
                                    "Rows.$": "$.orders"}},
            "Read": {"Type": "Task", "Resource": "sluice:sql", "End": true,
                     "Parameters": {"Connection": "shop", "Sql": "SELECT id, name FROM orders WHERE id > ? ORDER BY id",
                                    "Parameters": [0]}}}})json");
        f.close();

        // No --connections: connections.json next to the store is taken.
        const Outcome o = runCli({QStringLiteral("run"), file, QStringLiteral("--store"),
                                  dir.filePath(QStringLiteral("journal.db")), QStringLiteral("--input-json"),
                                  QStringLiteral("{\"orders\": [{\"id\": 1, \"name\": \"x'); DROP TABLE orders; --\"}, "
                                                 "{\"id\": 2, \"name\": \"b\"}]}")});

        QVERIFY2(o.exitCode == 0, o.err.constData());
        QCOMPARE(text(parse(o.out)["Rows"]),
                 text(sluice::Json::array({{{"id", 1}, {"name", "x'); DROP TABLE orders; --"}}, {{"id", 2}, {"name", "b"}}})));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("shop.db"))));
    }

    void runRefusesConnectionsWithASecretInClear()
    {
        QTemporaryDir dir;
        QFile connections(dir.filePath(QStringLiteral("clear.json")));
        QVERIFY(connections.open(QIODevice::WriteOnly));
        connections.write("{\"wh\": {\"database\": \"postgresql://etl@127.0.0.1/dw\", \"password\": \"hunter2\"}}");
        connections.close();

        const Outcome o = runCli({QStringLiteral("run"), example("hello.asl.json"), QStringLiteral("--connections"),
                                  connections.fileName()});

        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("/wh/password"), o.err.constData());
        QVERIFY(!o.err.contains("hunter2"));
    }

    void dlqReplayTakesTheConnections()
    {
        // An item refused by a CHECK constraint lands in the DLQ; replaying it with a corrected input
        // needs the same connection profiles, given with --connections.
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("journal.db"));
        const QString profiles = dir.filePath(QStringLiteral("profiles.json"));
        QFile connections(profiles);
        QVERIFY(connections.open(QIODevice::WriteOnly));
        connections.write(R"({"shop": {"database": "shop.db"}})");
        connections.close();
        const QString file = dir.filePath(QStringLiteral("load.asl.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"json({"StartAt": "Create", "States": {
            "Create": {"Type": "Task", "Resource": "sluice:sql", "ResultPath": null, "Next": "Load",
                       "Parameters": {"Connection": "shop", "Operation": "Execute",
                                      "Sql": "CREATE TABLE stock (sku TEXT PRIMARY KEY, qty INTEGER CHECK (qty > 0))"}},
            "Load": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentage": 100, "End": true,
                     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                       "StartAt": "Insert", "States": {
                         "Insert": {"Type": "Task", "Resource": "sluice:sql", "End": true,
                                    "Parameters": {"Connection": "shop", "Table": "stock", "Rows.$": "$"}}}}}}})json");
        f.close();
        const Outcome run = runCli({QStringLiteral("run"), file, QStringLiteral("--store"), store,
                                    QStringLiteral("--connections"), profiles, QStringLiteral("--input-json"),
                                    QStringLiteral(R"({"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 0}]})")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString execution = QString::fromUtf8(run.err.mid(11, 36));
        const Outcome listed = runCli({QStringLiteral("dlq"), QStringLiteral("list"), QStringLiteral("--store"), store,
                                       QStringLiteral("--execution"), execution});
        QCOMPARE(listed.exitCode, 0);
        const sluice::Json entry = parse(listed.out.trimmed().split('\n').first());
        QCOMPARE(entry["error"].get<std::string>(), std::string("Sql.ConstraintViolation"));
        const QString id = QString::number(entry["id"].get<qint64>());
        const QString fixed = QStringLiteral(R"({"sku": "b", "qty": 5})");

        const Outcome without = runCli({QStringLiteral("dlq"), QStringLiteral("replay"), id, QStringLiteral("--store"),
                                        store, QStringLiteral("--input-json"), fixed});
        const Outcome with = runCli({QStringLiteral("dlq"), QStringLiteral("replay"), id, QStringLiteral("--store"), store,
                                     QStringLiteral("--input-json"), fixed, QStringLiteral("--connections"), profiles});

        QCOMPARE(without.exitCode, 1);   // no profile "shop" without the file
        QCOMPARE(parse(without.out)["error"].get<std::string>(), std::string("Sql.ConnectionFailed"));
        QVERIFY2(with.exitCode == 0, (with.out + with.err).constData());
        QCOMPARE(parse(with.out)["outcome"].get<std::string>(), std::string("succeeded"));
        const QString check = dir.filePath(QStringLiteral("check.asl.json"));
        QFile c(check);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(R"json({"StartAt": "Q", "States": {"Q": {"Type": "Task", "Resource": "sluice:sql", "End": true,
                  "Parameters": {"Connection": "shop", "Sql": "SELECT sku, qty FROM stock ORDER BY sku"}}}})json");
        c.close();
        const Outcome rows = runCli({QStringLiteral("run"), check, QStringLiteral("--no-store"), QStringLiteral("--connections"),
                                     profiles});
        QCOMPARE(rows.exitCode, 0);
        QCOMPARE(text(parse(rows.out)["Rows"]),
                 text(sluice::Json::array({{{"qty", 1}, {"sku", "a"}}, {{"qty", 5}, {"sku", "b"}}})));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
