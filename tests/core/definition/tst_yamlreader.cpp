// YAML definitions: what each YAML form becomes in JSON, the key order, and errors with line and column.

#include "definition/Parser.h"
#include "definition/YamlReader.h"

#include <QFile>
#include <QTest>

using namespace sluice;
using definition::readYaml;

namespace {

QByteArray readFixture(const char *name)
{
    QFile file(QStringLiteral(SLUICE_FIXTURES "/yaml/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", name);
    return file.readAll();
}

/// The JSON value YAML `value: TEXT` gives for its key.
nlohmann::ordered_json valueOf(const QByteArray &yamlValue)
{
    const auto converted = readYaml("value: " + yamlValue + '\n');
    if (!converted)
        qFatal("%s", qPrintable(converted.error().toString()));
    return nlohmann::ordered_json::parse(converted->json.toStdString()).at("value");
}

} // namespace

class TestYamlReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convertsADefinitionKeepingKeyOrder()
    {
        const auto converted = readYaml(readFixture("catalogue-retry.asl.yaml"));
        QVERIFY2(converted, converted ? "" : qPrintable(converted.error().toString()));
        // Byte for byte: keys in the YAML's order (Path before Format, Method before Url.$), the anchored
        // Retry written out twice, the folded Comment joined into one line.
        QCOMPARE(converted->json, readFixture("catalogue-retry.asl.json"));
        QVERIFY(definition::parse(converted->json).ok());
    }

    void scalarsFollowTheCoreSchema_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("quoted one is a string") << QByteArray(R"("1")") << QByteArray(R"("1")");
        QTest::newRow("single-quoted one") << QByteArray("'1'") << QByteArray(R"("1")");
        QTest::newRow("plain one is a number") << QByteArray("1") << QByteArray("1");
        QTest::newRow("negative") << QByteArray("-42") << QByteArray("-42");
        QTest::newRow("plus sign") << QByteArray("+5") << QByteArray("5");
        QTest::newRow("leading zero is decimal") << QByteArray("012") << QByteArray("12");
        QTest::newRow("hex") << QByteArray("0x1F") << QByteArray("31");
        QTest::newRow("octal") << QByteArray("0o17") << QByteArray("15");
        QTest::newRow("beyond int64") << QByteArray("18446744073709551615") << QByteArray("18446744073709551615");
        QTest::newRow("float") << QByteArray("1.5") << QByteArray("1.5");
        QTest::newRow("exponent") << QByteArray("1e3") << QByteArray("1000.0");
        QTest::newRow("leading dot") << QByteArray(".5") << QByteArray("0.5");
        QTest::newRow("true") << QByteArray("true") << QByteArray("true");
        QTest::newRow("True") << QByteArray("True") << QByteArray("true");
        QTest::newRow("FALSE") << QByteArray("FALSE") << QByteArray("false");
        QTest::newRow("quoted true is a string") << QByteArray(R"("true")") << QByteArray(R"("true")");
        QTest::newRow("yes is a string (YAML 1.2)") << QByteArray("yes") << QByteArray(R"("yes")");
        QTest::newRow("null") << QByteArray("null") << QByteArray("null");
        QTest::newRow("tilde") << QByteArray("~") << QByteArray("null");
        QTest::newRow("nothing") << QByteArray("") << QByteArray("null");
        QTest::newRow("quoted null is a string") << QByteArray(R"("null")") << QByteArray(R"("null")");
        QTest::newRow("empty quotes") << QByteArray(R"("")") << QByteArray(R"("")");
        QTest::newRow("tagged str") << QByteArray("!!str 12") << QByteArray(R"("12")");
        QTest::newRow("tagged float") << QByteArray("!!float 3") << QByteArray("3.0");
        QTest::newRow("path") << QByteArray("$.items[0].price") << QByteArray(R"("$.items[0].price")");
        QTest::newRow("version-like") << QByteArray("1.0.2") << QByteArray(R"("1.0.2")");
        QTest::newRow("time-like") << QByteArray("2024-01-01T10:00:00Z") << QByteArray(R"("2024-01-01T10:00:00Z")");
        QTest::newRow("flow list") << QByteArray("[1, \"1\", a, true]") << QByteArray(R"([1,"1","a",true])");
        QTest::newRow("flow map keeps order") << QByteArray("{z: 1, a: 2}") << QByteArray(R"({"z":1,"a":2})");
        QTest::newRow("numeric key is a string") << QByteArray("{1: one}") << QByteArray(R"({"1":"one"})");
    }

    void scalarsFollowTheCoreSchema()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, json);
        QCOMPARE(QByteArray::fromStdString(valueOf(yaml).dump()), json);
    }

    void anchorsAliasesAndMergeKeys()
    {
        const QByteArray yaml = R"(defaults: &defaults
  IntervalSeconds: 1
  MaxAttempts: 3
  BackoffRate: 2
A:
  <<: *defaults
  MaxAttempts: 7
  ErrorEquals: [States.ALL]
B: [*defaults, *defaults]
C:
  <<: [{x: 1, y: 1}, {y: 2, z: 2}]
)";
        const auto converted = readYaml(yaml);
        QVERIFY2(converted, converted ? "" : qPrintable(converted.error().toString()));
        const auto json = nlohmann::ordered_json::parse(converted->json.toStdString());
        // The merged keys stand where << stands; the mapping's own MaxAttempts wins over the merged one.
        QCOMPARE(QByteArray::fromStdString(json.at("A").dump()),
                 QByteArray(R"({"IntervalSeconds":1,"BackoffRate":2,"MaxAttempts":7,"ErrorEquals":["States.ALL"]})"));
        QCOMPARE(json.at("B").size(), std::size_t(2));
        QVERIFY(json.at("B").at(1) == json.at("defaults"));
        // Of two merged mappings, the first wins.
        QCOMPARE(QByteArray::fromStdString(json.at("C").dump()), QByteArray(R"({"x":1,"y":1,"z":2})"));
    }

    void multiLineStrings()
    {
        const QByteArray yaml = "literal: |\n  SELECT *\n    FROM t\n  WHERE a = 1\n"
                                "folded: >\n  one\n  two\n\n  three\n"
                                "stripped: |-\n  no newline\n"
                                "kept: |+\n  two newlines\n\n"
                                "plain: a long\n  plain line\n"
                                "quoted: \"a\\tb\\u00e9\"\n";
        const auto converted = readYaml(yaml);
        QVERIFY2(converted, converted ? "" : qPrintable(converted.error().toString()));
        const auto json = nlohmann::ordered_json::parse(converted->json.toStdString());
        QCOMPARE(json.at("literal").get<std::string>(), std::string("SELECT *\n  FROM t\nWHERE a = 1\n"));
        QCOMPARE(json.at("folded").get<std::string>(), std::string("one two\nthree\n"));
        QCOMPARE(json.at("stripped").get<std::string>(), std::string("no newline"));
        QCOMPARE(json.at("kept").get<std::string>(), std::string("two newlines\n\n"));
        QCOMPARE(json.at("plain").get<std::string>(), std::string("a long plain line"));
        QCOMPARE(json.at("quoted").get<std::string>(), std::string("a\tb\xc3\xa9"));
    }

    void refusesWithLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("says");
        QTest::newRow("unclosed flow list") << QByteArray("StartAt: A\nStates:\n  A: {Type: Pass, End: [true\n")
                                            << 4 << 1 << QStringLiteral("end of sequence flow not found");
        QTest::newRow("bad indentation") << QByteArray("StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n")
                                         << 5 << 4 << QStringLiteral("line 5, column 4");
        QTest::newRow("key twice") << QByteArray("StartAt: A\nStates:\n  A:\n    Type: Pass\n    Type: Task\n")
                                   << 5 << 5 << QStringLiteral("\"Type\" appears twice");
        QTest::newRow("CloudFormation tag") << QByteArray("StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: !Sub arn:${X}\n")
                                            << 5 << 15 << QStringLiteral("!Sub");
        QTest::newRow("infinity") << QByteArray("StartAt: A\nTimeoutSeconds: .inf\n") << 2 << 17
                                  << QStringLiteral("cannot be written in JSON");
        QTest::newRow("two documents") << QByteArray("StartAt: A\n---\nStartAt: B\n") << 3 << 1
                                       << QStringLiteral("2 YAML documents");
        QTest::newRow("a list") << QByteArray("- StartAt: A\n") << 1 << 1 << QStringLiteral("not a list");
        QTest::newRow("complex key") << QByteArray("? [a, b]\n: 1\n") << 1 << 3 << QStringLiteral("plain value");
        QTest::newRow("alias to itself") << QByteArray("a: &x [1, *x]\n") << 0 << 0 << QString();
    }

    void refusesWithLineAndColumn()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, says);
        const auto converted = readYaml(yaml);
        if (line == 0) {   // only that it is refused (or read finitely), never a hang or a crash
            QVERIFY(!converted || converted->json.size() < 100000);
            return;
        }
        QVERIFY(!converted);
        QCOMPARE(converted.error().code, ErrorCode::NotYaml);
        QCOMPARE(converted.error().where.line, line);
        QCOMPARE(converted.error().where.column, column);
        QVERIFY2(converted.error().message.contains(says), qPrintable(converted.error().message));
        QVERIFY2(converted.error().message.contains(QStringLiteral("line %1, column %2").arg(line).arg(column)),
                 qPrintable(converted.error().message));
    }

    void problemsPointIntoTheYaml()
    {
        const QByteArray yaml = "StartAt: A\n"
                                "States:\n"
                                "  A:\n"
                                "    Type: Pass\n"
                                "    Next: Nowhere\n";
        const auto converted = readYaml(yaml);
        QVERIFY(converted);
        std::vector<Error> problems = definition::validate(converted->json);
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(problems.front().where.pointer, QStringLiteral("/States/A/Next"));
        converted->relocate(problems.front());
        QCOMPARE(problems.front().where.line, 5);
        QCOMPARE(problems.front().where.column, 11);
        // A field that is missing points at its state.
        QCOMPARE(converted->locate(QStringLiteral("/States/A/Resource")).line, 4);
    }

    void recognisesYamlFiles()
    {
        QVERIFY(definition::isYamlPath(QStringLiteral("a/b.asl.yaml")));
        QVERIFY(definition::isYamlPath(QStringLiteral("B.YML")));
        QVERIFY(!definition::isYamlPath(QStringLiteral("b.asl.json")));
        QVERIFY(!definition::isYamlPath(QStringLiteral("yaml")));
    }
};

QTEST_GUILESS_MAIN(TestYamlReader)
#include "tst_yamlreader.moc"
