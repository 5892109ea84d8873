// sluice-cli serve and sluice-cli event as a user runs them: real processes, a real webhook call over TCP on
// 127.0.0.1, events put by another process, the event DLQ and its replay, SIGTERM, and the resume at start of
// an execution a stop left running. SQLite store in a QTemporaryDir.

#include "Json.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using sluice::Json;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QByteArray kToken = "tok-3f9a";

QString fixture(const char *name)
{
    return QStringLiteral(SLUICE_FIXTURES "/events/") + QLatin1String(name);
}

/// A running `sluice-cli serve` and the JSON lines it printed.
class Server
{
public:
    bool start(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLUICE_WEBHOOK_TOKEN"), QString::fromLatin1(kToken));
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-cli"), QStringList{QStringLiteral("serve")} + args);
        return m_process.waitForStarted();
    }
    /// The next line that has `key` (lines before it that lack it are skipped).
    Json waitFor(const char *key, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            while (m_next < m_lines.size()) {
                const Json line = m_lines[m_next++];
                if (line.contains(key))
                    return line;
            }
            if (timer.elapsed() > timeoutMs || m_process.state() != QProcess::Running)
                return Json();
            m_process.waitForReadyRead(100);
            m_buffer += m_process.readAllStandardOutput();
            qsizetype nl;
            while ((nl = m_buffer.indexOf('\n')) >= 0) {
                const QByteArray line = m_buffer.left(nl);
                m_buffer.remove(0, nl + 1);
                const Json parsed = Json::parse(line.cbegin(), line.cend(), nullptr, false);
                if (!parsed.is_discarded())
                    m_lines.push_back(parsed);
            }
        }
    }
    /// SIGTERM, then the exit code (-1 for a crash or a hang).
    int terminate()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished();
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QByteArray stderrText() { return m_process.readAllStandardError(); }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

private:
    QProcess m_process;
    QByteArray m_buffer;
    std::vector<Json> m_lines;
    size_t m_next = 0;
};

/// One HTTP POST over a real socket; returns the status code (0 when there was no answer).
int post(quint16 port, const QByteArray &body, const QByteArray &authorization)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return 0;
    socket.write("POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization + "Content-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray response;
    while (socket.waitForReadyRead(10000))
        response += socket.readAll();
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

} // namespace

class TestCliEvents : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    Outcome cli(const QStringList &args)
    {
        QProcess process;
        process.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-cli"), args);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }
    bool writeRules(const QString &file, const QByteArray &text)
    {
        QFile f(file);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
    }

private Q_SLOTS:
    void serveDeliversWebhookAndPutEventsAndStopsOnSigterm();
    void serveLeavesInFlightExecutionsResumableAndResumesThemAtStart();
    void badRulesFileIsAUsageError();
    void eventPutRefusesADetailThatIsNotAnObject();
};

void TestCliEvents::serveDeliversWebhookAndPutEventsAndStopsOnSigterm()
{
    const QString store = path(QStringLiteral("serve.db"));
    const QString later = path(QStringLiteral("later.asl.json"));
    const QString rules = path(QStringLiteral("serve.rules.json"));
    QVERIFY(writeRules(rules, QByteArray(R"({"Rules": [
        {"Name": "hook", "EventPattern": {"source": ["sluice.webhook"]},
         "Targets": [{"Id": "echo", "Workflow": "ECHO", "InputPath": "$.detail"}]},
        {"Name": "cli", "EventPattern": {"source": ["cli"], "detail": {"n": [{"numeric": [">", 0]}]}},
         "Targets": [{"Id": "echo", "Workflow": "ECHO", "InputPath": "$.detail"}]},
        {"Name": "broken", "EventPattern": {"source": ["cli.broken"]},
         "Targets": [{"Id": "later", "Workflow": "LATER", "RetryPolicy": {"MaximumRetryAttempts": 0}}]}],
      "Triggers": {"Webhook": {"Port": 0, "MaxBodyBytes": 1000}}})")
                                     .replace("ECHO", fixture("echo.asl.json").toUtf8())
                                     .replace("LATER", later.toUtf8())));
    Server server;
    QVERIFY(server.start({QStringLiteral("--store"), store, QStringLiteral("--rules"), rules, QStringLiteral("--poll-ms"),
                          QStringLiteral("50")}));
    const Json ready = server.waitFor("ready");
    QVERIFY2(ready.contains("webhookPort"), server.stderrText().constData());
    const quint16 port = ready["webhookPort"].get<quint16>();

    // The webhook: refused without the token, accepted with it, and the execution runs on the body.
    QCOMPARE(post(port, R"({"order": 1})", {}), 401);
    QCOMPARE(post(port, R"({"order": 1})", "Authorization: Bearer " + kToken + "\r\n"), 202);
    const Json first = server.waitFor("execution");
    QCOMPARE(QString::fromStdString(first.value("rule", "")), QStringLiteral("hook"));

    // Another process puts an event on the same store.
    const Outcome put = cli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), store,
                             QStringLiteral("--source"), QStringLiteral("cli"), QStringLiteral("--detail-type"),
                             QStringLiteral("Test"), QStringLiteral("--detail"), QStringLiteral(R"({"n": 2})")});
    QCOMPARE(put.exitCode, 0);
    const Json second = server.waitFor("execution");
    QCOMPARE(QString::fromStdString(second.value("rule", "")), QStringLiteral("cli"));

    // A target that cannot be delivered lands in the event DLQ; once fixed, a replay delivers it.
    QCOMPARE(cli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), store, QStringLiteral("--source"),
                  QStringLiteral("cli.broken"), QStringLiteral("--detail-type"), QStringLiteral("Test")})
                 .exitCode,
             0);
    const Json dead = server.waitFor("dead");
    QCOMPARE(QString::fromStdString(dead.value("error", "")), QStringLiteral("Sluice.WorkflowMissing"));
    const Outcome listed = cli({QStringLiteral("event"), QStringLiteral("dlq"), QStringLiteral("list"),
                                QStringLiteral("--store"), store});
    QCOMPARE(listed.exitCode, 0);
    const Json entry = Json::parse(listed.out.toStdString());
    QCOMPARE(entry["id"].get<qint64>(), dead["dead"].get<qint64>());
    QCOMPARE(QString::fromStdString(entry["event"]["source"].get<std::string>()), QStringLiteral("cli.broken"));
    QVERIFY(QFile::copy(fixture("echo.asl.json"), later));
    const Outcome replayed = cli({QStringLiteral("event"), QStringLiteral("dlq"), QStringLiteral("replay"),
                                  QString::number(entry["id"].get<qint64>()), QStringLiteral("--store"), store});
    QCOMPARE(replayed.exitCode, 0);
    const Json third = server.waitFor("execution");
    QCOMPARE(QString::fromStdString(third.value("rule", "")), QStringLiteral("broken"));

    QCOMPARE(server.terminate(), 0);
    const Outcome shown = cli({QStringLiteral("show"), QString::fromStdString(first["execution"].get<std::string>()),
                               QStringLiteral("--store"), store});
    QCOMPARE(shown.exitCode, 0);
    const Json execution = Json::parse(shown.out.toStdString());
    QCOMPARE(QString::fromStdString(execution["status"].get<std::string>()), QStringLiteral("SUCCEEDED"));
    QVERIFY(execution["output"] == Json({{"order", 1}}));
    const Outcome events = cli({QStringLiteral("event"), QStringLiteral("list"), QStringLiteral("--store"), store});
    QCOMPARE(events.out.count('\n'), 3);   // the 401 put nothing
}

void TestCliEvents::serveLeavesInFlightExecutionsResumableAndResumesThemAtStart()
{
    const QString store = path(QStringLiteral("resume.db"));
    const QString rules = path(QStringLiteral("resume.rules.json"));
    QVERIFY(writeRules(rules, QByteArray(R"({"Rules": [{"Name": "slow", "EventPattern": {"source": ["cli"]},
        "Targets": [{"Id": "wait", "Workflow": "WAIT"}]}]})")
                                     .replace("WAIT", fixture("wait.asl.json").toUtf8())));
    QString executionId;
    {
        Server server;
        QVERIFY(server.start({QStringLiteral("--store"), store, QStringLiteral("--rules"), rules, QStringLiteral("--poll-ms"),
                              QStringLiteral("50"), QStringLiteral("--drain-seconds"), QStringLiteral("1")}));
        QVERIFY(server.waitFor("ready").is_object());
        QCOMPARE(cli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), store,
                      QStringLiteral("--source"), QStringLiteral("cli"), QStringLiteral("--detail-type"), QStringLiteral("T")})
                     .exitCode,
                 0);
        const Json started = server.waitFor("execution");
        QVERIFY(started.is_object());
        executionId = QString::fromStdString(started["execution"].get<std::string>());

        QCOMPARE(server.terminate(), 0);   // the Wait state has 29 s to go: left running
    }
    Outcome shown = cli({QStringLiteral("show"), executionId, QStringLiteral("--store"), store});
    QCOMPARE(QString::fromStdString(Json::parse(shown.out.toStdString())["status"].get<std::string>()),
             QStringLiteral("RUNNING"));

    Server again;
    QVERIFY(again.start({QStringLiteral("--store"), store, QStringLiteral("--rules"), rules, QStringLiteral("--no-delays")}));
    const Json ready = again.waitFor("ready");
    QCOMPARE(ready["resumed"].get<int>(), 1);
    QElapsedTimer waited;
    waited.start();
    QString status;
    while (waited.elapsed() < 20000) {
        shown = cli({QStringLiteral("show"), executionId, QStringLiteral("--store"), store});
        status = QString::fromStdString(Json::parse(shown.out.toStdString())["status"].get<std::string>());
        if (status != QStringLiteral("RUNNING"))
            break;
        QTest::qWait(100);
    }
    QCOMPARE(status, QStringLiteral("SUCCEEDED"));
    QVERIFY(Json::parse(shown.out.toStdString())["output"] == "waited");
    QCOMPARE(again.terminate(), 0);
}

void TestCliEvents::badRulesFileIsAUsageError()
{
    const QString rules = path(QStringLiteral("bad.rules.json"));
    QVERIFY(writeRules(rules, "{\"Rules\": [{\"Name\": \"r\",\n  \"EventPattern\": {\"source\": [{\"prefix\": 1}]},\n"
                              "  \"Targets\": [{\"Id\": \"t\", \"Workflow\": \"w\"}]}]}"));

    const Outcome o = cli({QStringLiteral("serve"), QStringLiteral("--store"), path(QStringLiteral("bad.db")),
                           QStringLiteral("--rules"), rules});

    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("2:") && o.err.contains("/Rules/0/EventPattern/source/0/prefix"), o.err.constData());
}

void TestCliEvents::eventPutRefusesADetailThatIsNotAnObject()
{
    const QString store = path(QStringLiteral("put.db"));

    const Outcome notObject = cli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), store,
                                   QStringLiteral("--source"), QStringLiteral("s"), QStringLiteral("--detail-type"),
                                   QStringLiteral("t"), QStringLiteral("--detail"), QStringLiteral("[1]")});
    const Outcome notJson = cli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), store,
                                 QStringLiteral("--source"), QStringLiteral("s"), QStringLiteral("--detail-type"),
                                 QStringLiteral("t"), QStringLiteral("--detail"), QStringLiteral("{x")});
    const Outcome noSource = cli({QStringLiteral("event"), QStringLiteral("put"), QStringLiteral("--store"), store,
                                  QStringLiteral("--detail-type"), QStringLiteral("t")});

    QCOMPARE(notObject.exitCode, 2);
    QCOMPARE(notJson.exitCode, 2);
    QVERIFY(notJson.err.contains("line 1"));
    QCOMPARE(noSource.exitCode, 2);
    const Outcome listed = cli({QStringLiteral("event"), QStringLiteral("list"), QStringLiteral("--store"), store});
    QVERIFY(listed.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliEvents)
#include "tst_cli_events.moc"
