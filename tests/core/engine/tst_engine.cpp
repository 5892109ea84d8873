// The engine against the spec's examples and Step Functions' behaviour, one fixture row per case
// (tests/fixtures/engine/*.json), plus the Choice operators table.

#include "EngineTestUtil.h"

#include <QDir>

using namespace sluice;
Q_DECLARE_METATYPE(sluice::Json)

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_engine = std::make_unique<Engine>(2); }
    void cleanupTestCase() { m_engine.reset(); }

    void specCases_data()
    {
        QTest::addColumn<Json>("testCase");
        const QDir dir(QStringLiteral(SLUICE_FIXTURES "/engine"));
        for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            if (file == QStringLiteral("choice_ops.json"))
                continue;
            const Json cases = test::readJsonFile(dir.filePath(file));
            for (const Json &c : cases)
                QTest::newRow(qPrintable(file + QStringLiteral(": ") + QString::fromStdString(c["name"].get<std::string>())))
                    << c;
        }
    }
    void specCases()
    {
        QFETCH(Json, testCase);
        const ExecutionResult result = test::runToEnd(*m_engine, testCase["definition"], testCase["input"],
                                                      test::optionsFrom(testCase.value("options", Json())));
        if (testCase.contains("output")) {
            if (result.status != ExecutionStatus::Succeeded)
                QFAIL(qPrintable(QStringLiteral("expected success, got %1").arg(QString::fromStdString(result.toJson().dump()))));
            QCOMPARE(QString::fromStdString(result.output().dump()), QString::fromStdString(testCase["output"].dump()));
        } else {
            QCOMPARE(int(result.status), int(ExecutionStatus::Failed));
            QCOMPARE(QString::fromStdString(result.failure.error),
                     QString::fromStdString(testCase["error"].get<std::string>()));
            if (testCase.contains("cause"))
                QCOMPARE(QString::fromStdString(result.failure.cause),
                         QString::fromStdString(testCase["cause"].get<std::string>()));
            if (testCase.contains("cause_contains"))
                QVERIFY2(result.failure.cause.find(testCase["cause_contains"].get<std::string>()) != std::string::npos,
                         result.failure.cause.c_str());
        }
    }

    void choiceOperators_data()
    {
        QTest::addColumn<Json>("row");
        const Json rows = test::readJsonFile(QStringLiteral(SLUICE_FIXTURES "/engine/choice_ops.json"));
        int i = 0;
        for (const Json &r : rows)
            QTest::newRow(qPrintable(QStringLiteral("%1 %2 #%3").arg(QString::fromStdString(r["op"].get<std::string>()),
                                                                     QString::fromStdString(r["value"].dump()))
                                         .arg(i++)))
                << r;
    }
    void choiceOperators()
    {
        QFETCH(Json, row);
        const std::string op = row["op"].get<std::string>();
        Json rule = {{"Variable", "$.value"}, {"Next", "Yes"}};
        Json input = {{"value", row["value"]}};
        if (row.contains("other")) {
            rule[op] = "$.other";
            input["other"] = row["other"];
        } else {
            rule[op] = row["operand"];
        }
        const Json definition = {{"StartAt", "C"},
                                 {"States",
                                  {{"C", {{"Type", "Choice"}, {"Choices", Json::array({rule})}, {"Default", "No"}}},
                                   {"Yes", {{"Type", "Pass"}, {"Result", true}, {"End", true}}},
                                   {"No", {{"Type", "Pass"}, {"Result", false}, {"End", true}}}}}};
        const ExecutionResult result = test::runToEnd(*m_engine, definition, input);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(result.output().get<bool>(), row["match"].get<bool>());
    }

private:
    std::unique_ptr<Engine> m_engine;
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
