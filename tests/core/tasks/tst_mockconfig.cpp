#include "tasks/MockConfig.h"
#include "tasks/MockTaskResource.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using sluice::ErrorCode;
using sluice::Failure;
using sluice::Json;
using sluice::MockConfig;

Q_DECLARE_METATYPE(Json)

#define COMPARE_JSON(actual, expected)                                                                       \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

namespace {

const QString kFixtures = QStringLiteral(SLUICE_FIXTURES "/tasks/mock");
const Json kLambdaSuccess = {{"StatusCode", 200},
                             {"Payload", {{"StatusCode", 200}, {"body", "Hello from Lambda!"}}}};
const Failure kNotReady{"Lambda.ResourceNotReadyException", "Lambda resource is not ready."};
const Failure kTimedOut{"Lambda.TimeoutException", "Lambda timed out."};

std::optional<ErrorCode> codeFromName(const QString &name)
{
    static const std::map<QString, ErrorCode> codes = {
        {QStringLiteral("BadDefinition"), ErrorCode::BadDefinition},
        {QStringLiteral("UnknownField"), ErrorCode::UnknownField},
        {QStringLiteral("MissingField"), ErrorCode::MissingField},
        {QStringLiteral("WrongType"), ErrorCode::WrongType}};
    const auto it = codes.find(name);
    return it == codes.end() ? std::nullopt : std::optional(it->second);
}

} // namespace

class TestMockConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<MockConfig> m_aws; // the example of the AWS developer guide

    QString copyFixture(const QString &name)
    {
        const QString target = m_dir.filePath(name);
        if (!QFile::exists(target))
            QFile::copy(kFixtures + QLatin1Char('/') + name, target);
        return target;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto loaded = MockConfig::load(copyFixture(QStringLiteral("MockConfigFile.json")));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().toString()));
        m_aws.emplace(std::move(loaded).value());
    }

    void knowsTestCases()
    {
        QVERIFY(m_aws->hasStateMachine("LambdaSQSIntegration"));
        QVERIFY(m_aws->hasTestCase("LambdaSQSIntegration", "HappyPath"));
        QVERIFY(m_aws->hasTestCase("LambdaSQSIntegration", "HybridPath"));
        QVERIFY(!m_aws->hasTestCase("LambdaSQSIntegration", "SadPath"));
        QVERIFY(!m_aws->hasTestCase("Other", "HappyPath"));
        QCOMPARE(m_aws->testCases("LambdaSQSIntegration"),
                 (std::vector<std::string>{"HappyPath", "HybridPath", "RetryPath"}));
    }

    void returnsMockedValue()
    {
        const auto response = m_aws->respond("LambdaSQSIntegration", "HappyPath", "LambdaState", 0);

        QVERIFY(response && response->ok());
        COMPARE_JSON(response->value(), kLambdaSuccess);
    }

    void followsInvocationRanges_data()
    {
        QTest::addColumn<int>("invocation");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("error");
        QTest::newRow("0 throws not ready") << 0 << false << QString::fromStdString(kNotReady.error);
        QTest::newRow("1 in range 1-2") << 1 << false << QString::fromStdString(kTimedOut.error);
        QTest::newRow("2 in range 1-2") << 2 << false << QString::fromStdString(kTimedOut.error);
        QTest::newRow("3 returns") << 3 << true << QString();
        QTest::newRow("4 is past the last range") << 4 << false << QStringLiteral("States.Runtime");
        QTest::newRow("100 is past the last range") << 100 << false << QStringLiteral("States.Runtime");
    }

    void followsInvocationRanges()
    {
        QFETCH(int, invocation);
        QFETCH(bool, succeeds);
        QFETCH(QString, error);

        const auto response = m_aws->respond("LambdaSQSIntegration", "RetryPath", "LambdaState", invocation);

        QVERIFY(response);
        QCOMPARE(response->ok(), succeeds);
        if (succeeds)
            COMPARE_JSON(response->value(), kLambdaSuccess);
        else
            QCOMPARE(QString::fromStdString(response->error().error), error);
    }

    void throwCarriesErrorAndCause()
    {
        const auto response = m_aws->respond("LambdaSQSIntegration", "RetryPath", "LambdaState", 1);

        QVERIFY(response && !response->ok());
        QCOMPARE(response->error(), kTimedOut);
    }

    void pastLastRangeExplainsItself()
    {
        const auto response = m_aws->respond("LambdaSQSIntegration", "HappyPath", "SQSState", 1);

        QVERIFY(response && !response->ok());
        const QString cause = QString::fromStdString(response->error().cause);
        QVERIFY2(cause.contains(QLatin1String("invocation 1")) &&
                     cause.contains(QLatin1String("MockedSQSSuccess")),
                 qPrintable(cause));
    }

    void unmockedStateIsNullopt()
    {
        QVERIFY(!m_aws->respond("LambdaSQSIntegration", "HybridPath", "SQSState", 0));
        QVERIFY(!m_aws->mocksState("LambdaSQSIntegration", "HybridPath", "SQSState"));
        QVERIFY(m_aws->mocksState("LambdaSQSIntegration", "HybridPath", "LambdaState"));
    }

    void unknownTestCaseIsNullopt()
    {
        QVERIFY(!m_aws->respond("LambdaSQSIntegration", "NoSuchCase", "LambdaState", 0));
        QVERIFY(!m_aws->respond("NoSuchMachine", "HappyPath", "LambdaState", 0));
    }

    void mockResourceAnswersByStateAndInvocation()
    {
        auto config = std::make_shared<const MockConfig>(*m_aws);
        sluice::MockTaskResource mock(config, "LambdaSQSIntegration", "RetryPath");
        sluice::TaskCall call;
        call.resource = "arn:aws:states:::lambda:invoke";
        call.stateName = "LambdaState";
        std::vector<sluice::Result<Json, Failure>> answers;
        const auto collect = [&answers](sluice::Result<Json, Failure> r) { answers.push_back(std::move(r)); };

        for (int invocation = 0; invocation < 4; ++invocation) {
            call.invocation = invocation;
            call.attempt = invocation + 1;
            mock.invoke(call, collect);
        }
        call.stateName = "NotMocked";
        call.invocation = 0;
        mock.invoke(call, collect);

        QCOMPARE(answers.size(), std::size_t(5));
        QCOMPARE(answers[0].error(), kNotReady);
        QCOMPARE(answers[1].error(), kTimedOut);
        QCOMPARE(answers[2].error(), kTimedOut);
        COMPARE_JSON(answers[3].value(), kLambdaSuccess);
        QCOMPARE(answers[4].error().error, std::string("States.Runtime"));
        QVERIFY(mock.mocksState("SQSState"));
        QVERIFY(!mock.mocksState("NotMocked"));
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<Json>("config");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("pointer");
        QFile file(kFixtures + QStringLiteral("/invalid_cases.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const auto &c : Json::parse(bytes.cbegin(), bytes.cend())) {
            QTest::newRow(c.at("name").get<std::string>().c_str())
                << c.at("config") << QString::fromStdString(c.at("code").get<std::string>())
                << QString::fromStdString(c.at("pointer").get<std::string>());
        }
    }

    void rejectsMalformed()
    {
        QFETCH(Json, config);
        QFETCH(QString, code);
        QFETCH(QString, pointer);

        const auto parsed = MockConfig::fromJson(config);

        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, codeFromName(code).value());
        QCOMPARE(parsed.error().where.pointer, pointer);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void malformedFileReportsPointerAndPath()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": 5}}}}})");
        file.close();

        const auto loaded = MockConfig::load(path);

        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::WrongType);
        QCOMPARE(loaded.error().where.pointer, QStringLiteral("/MockedResponses/R/0/Throw/Cause"));
        QVERIFY(loaded.error().message.startsWith(path));
    }

    void syntaxErrorReportsLine()
    {
        const auto loaded = MockConfig::load(copyFixture(QStringLiteral("syntax_error.json")));

        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::NotJson);
        QCOMPARE(loaded.error().where.line, 7); // the '}' after the trailing comma
    }

    void missingFileIsIoError()
    {
        const auto loaded = MockConfig::load(m_dir.filePath(QStringLiteral("nope.json")));

        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::IoError);
    }
};

QTEST_GUILESS_MAIN(TestMockConfig)
#include "tst_mockconfig.moc"
