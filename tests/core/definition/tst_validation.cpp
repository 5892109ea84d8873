#include "definition/Parser.h"

#include "DefinitionFixtures.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sluice;

/// Every invalid fixture breaks exactly one rule: validate() reports exactly that problem, with the
/// code, JSON pointer, line and column recorded in invalid/expected.json, and parse() reports the same.
class TestValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsTheBrokenRule_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<bool>("hasPointer");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        const Json expected =
            Json::parse(fixtures::read(fixtures::definitionsDir() + QStringLiteral("/invalid/expected.json"))
                            .toStdString());
        const QStringList files = fixtures::definitionFiles(QStringLiteral("invalid"));
        QCOMPARE(qsizetype(expected.size()), files.size());
        for (const QString &file : files) {
            const std::string name = file.chopped(int(sizeof(".asl.json") - 1)).toStdString();
            QVERIFY2(expected.contains(name), qPrintable(file));
            const Json &row = expected[name];
            const auto code = fixtures::errorCodeFromName(row["code"].get<std::string>());
            QVERIFY2(code, qPrintable(file));
            QTest::newRow(name.c_str())
                << file << int(*code) << QString::fromStdString(row.value("pointer", std::string()))
                << row.contains("pointer") << row["line"].get<int>() << row["column"].get<int>();
        }
    }

    void reportsTheBrokenRule()
    {
        QFETCH(QString, file);
        QFETCH(int, code);
        QFETCH(QString, pointer);
        QFETCH(bool, hasPointer);
        QFETCH(int, line);
        QFETCH(int, column);
        const QByteArray bytes = fixtures::definition(QStringLiteral("invalid"), file);

        const std::vector<Error> errors = definition::validate(bytes);
        const auto parsed = definition::parse(bytes);

        QVERIFY2(errors.size() == 1,
                 qPrintable(QStringLiteral("expected one error, got:\n") + fixtures::describe(errors)));
        const Error &e = errors.front();
        QVERIFY2(int(e.code) == code, qPrintable(e.toString()));
        if (hasPointer)
            QCOMPARE(e.where.pointer, pointer);
        QCOMPARE(e.where.line, line);
        QCOMPARE(e.where.column, column);
        QVERIFY(!e.message.isEmpty());
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, e.code);
        QCOMPARE(parsed.error().message, e.message);
        QCOMPARE(parsed.error().where.pointer, e.where.pointer);
    }

    void validFixturesHaveNoProblems_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : fixtures::definitionFiles(QStringLiteral("valid")))
            QTest::newRow(qPrintable(file)) << file;
    }

    void validFixturesHaveNoProblems()
    {
        QFETCH(QString, file);
        const auto errors = definition::validate(fixtures::definition(QStringLiteral("valid"), file));
        QVERIFY2(errors.empty(), qPrintable(fixtures::describe(errors)));
    }

    void collectsEveryProblemInDocumentOrder()
    {
        const QByteArray bytes = R"({
  "StartAt": "A",
  "Foo": 1,
  "States": {
    "A": {"Type": "Task", "Resource": "sluice:http", "Next": "Lod", "TimeoutSeconds": 0},
    "Load": {"Type": "Pass", "Next": "A", "Bogus": true},
    "Orphan": {"Type": "Wait", "Seconds": -1, "End": true}
  }
})";

        const auto errors = definition::validate(bytes);
        const auto parsed = definition::parse(bytes);

        QStringList pointers;
        for (const auto &e : errors)
            pointers << e.where.pointer;
        QCOMPARE(pointers,
                 (QStringList{QStringLiteral("/Foo"), QStringLiteral("/States/A/Next"),
                              QStringLiteral("/States/A/TimeoutSeconds"), QStringLiteral("/States/Load"),
                              QStringLiteral("/States/Load/Bogus"), QStringLiteral("/States/Orphan"),
                              QStringLiteral("/States/Orphan/Seconds")}));
        QCOMPARE(errors[3].code, ErrorCode::Unreachable);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().where.pointer, QStringLiteral("/Foo"));
        QCOMPARE(parsed.error().where.line, 3);
        QCOMPARE(parsed.error().where.column, 10);
    }

    void suggestsTheStateMeant()
    {
        const auto errors = definition::validate(
            fixtures::definition(QStringLiteral("invalid"), QStringLiteral("next-unknown.asl.json")));

        QCOMPARE(errors.size(), size_t(1));
        QCOMPARE(errors.front().message,
                 QStringLiteral(
                     "Next names 'Lod', which is not a state in this state machine; did you mean 'Load'?"));
    }

    void explainsScopeOfTransitions()
    {
        const auto errors = definition::validate(
            fixtures::definition(QStringLiteral("invalid"), QStringLiteral("next-other-scope.asl.json")));

        QCOMPARE(errors.size(), size_t(1));
        QVERIFY2(errors.front().message.contains(QStringLiteral("another state machine")),
                 qPrintable(errors.front().message));
    }

    void namesTheMisplacedField()
    {
        const auto pass = definition::validate(
            fixtures::definition(QStringLiteral("invalid"), QStringLiteral("field-not-allowed.asl.json")));
        const auto typo = definition::validate(
            fixtures::definition(QStringLiteral("invalid"), QStringLiteral("field-typo.asl.json")));

        QCOMPARE(pass.front().message, QStringLiteral("Field 'Resource' is not allowed in a Pass state"));
        QCOMPARE(typo.front().message,
                 QStringLiteral("Field 'Commnet' is not allowed in a Pass state; did you mean 'Comment'?"));
    }

    void refusesJsonataClearly()
    {
        const auto errors = definition::validate(
            fixtures::definition(QStringLiteral("invalid"), QStringLiteral("jsonata.asl.json")));

        QVERIFY2(errors.front().message.contains(QStringLiteral("not supported yet")),
                 qPrintable(errors.front().message));
    }

    void reportsEachUnreachableState()
    {
        const QByteArray bytes = R"({"StartAt": "A", "States": {
            "A": {"Type": "Succeed"}, "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Pass", "Next": "B"}}})";

        const auto errors = definition::validate(bytes);

        QCOMPARE(errors.size(), size_t(2));
        QCOMPARE(errors[0].where.pointer, QStringLiteral("/States/B"));
        QCOMPARE(errors[1].where.pointer, QStringLiteral("/States/C"));
        QCOMPARE(errors[0].code, ErrorCode::Unreachable);
    }

    void reachesThroughChoiceAndCatch()
    {
        const QByteArray bytes = R"({"StartAt": "A", "States": {
            "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "B"}], "Default": "C"},
            "B": {"Type": "Task", "Resource": "sluice:http", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "D"}], "End": true},
            "C": {"Type": "Succeed"}, "D": {"Type": "Fail"}}})";

        QVERIFY2(definition::validate(bytes).empty(),
                 qPrintable(fixtures::describe(definition::validate(bytes))));
    }

    void manyProblemsOnOneLineStayFast()
    {
        // a minified definition (one line) with thousands of problems: locating them must stay linear
        nlohmann::ordered_json states = nlohmann::ordered_json::object();
        for (int i = 0; i < 5000; ++i)
            states["S" + std::to_string(i)] = {
                {"Type", "Pass"}, {"Bogus", i}, {"Next", "Nowhere" + std::to_string(i)}};
        const nlohmann::ordered_json doc = {{"StartAt", "S0"}, {"States", states}};
        const std::string text = doc.dump();
        QElapsedTimer timer;
        timer.start();

        const auto errors = definition::validate(QByteArray::fromStdString(text));

        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(errors.size(), size_t(5000 * 2 + 4999)); // Bogus, Next, and every state but S0 unreachable
        QCOMPARE(errors.back().where.line, 1);
        QCOMPARE(errors.back().where.column, int(text.rfind("\"Nowhere4999\"")) + 1);
    }

    void duplicateStateNamesAreRefused()
    {
        const QByteArray bytes = "{\"StartAt\": \"A\", \"States\": {\n\"A\": {\"Type\": "
                                 "\"Succeed\"},\n\"A\": {\"Type\": \"Succeed\"}}}";

        const auto errors = definition::validate(bytes);

        QCOMPARE(errors.size(), size_t(1));
        QCOMPARE(errors.front().where.line, 3);
        QCOMPARE(errors.front().where.column, 6);
        QVERIFY(errors.front().message.contains(QStringLiteral("more than once")));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
