// sluice:http against the real fixture HTTP server on 127.0.0.1 (tests/fixtures/http), and the
// fixture's own switches.

#include "../engine/EngineTestUtil.h"
#include "FixtureHttpServer.h"
#include "engine/Engine.h"
#include "tasks/Connections.h"
#include "tasks/HttpResource.h"
#include "tasks/TaskRegistry.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

using sluice::Failure;
using sluice::HttpLimits;
using sluice::HttpResource;
using sluice::Json;
using sluice::TaskCall;
using sluice::fixtures::FixtureHttpServer;

#define COMPARE_JSON(actual, expected)                                                                       \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

namespace {

using Outcome = sluice::Result<Json, Failure>;
const QString kHost = QStringLiteral("127.0.0.1");

/// Answers that arrive on the resource's network thread, in arrival order.
struct Answers
{
    std::mutex mutex;
    std::vector<Outcome> outcomes;   // guarded by mutex
    std::atomic_int count = 0;

    sluice::TaskCallback callback()
    {
        return [this](Outcome r) {
            {
                const std::lock_guard lock(mutex);
                outcomes.push_back(std::move(r));
            }
            ++count;
        };
    }
    bool waitFor(int n, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return count.load() >= n; }, timeoutMs);
    }
    Outcome at(int i)
    {
        const std::lock_guard lock(mutex);
        return outcomes.at(size_t(i));
    }
};

TaskCall callWith(Json input)
{
    TaskCall call;
    call.resource = "sluice:http";
    call.stateName = "Call";
    call.input = std::move(input);
    return call;
}

/// One call, waited for.
Outcome call(HttpResource &http, Json input, std::string idempotencyKey = {}, int timeoutMs = 15000)
{
    Answers answers;
    TaskCall c = callWith(std::move(input));
    c.idempotencyKey = std::move(idempotencyKey);
    http.invoke(c, answers.callback());
    if (!answers.waitFor(1, timeoutMs))
        return Failure{"test.NoAnswer", "no answer in time"};
    return answers.at(0);
}

QString failureText(const Outcome &o)
{
    return o ? QStringLiteral("succeeded: ") + QString::fromStdString(o.value().dump())
             : QString::fromStdString(o.error().error + ": " + o.error().cause);
}

// Each evaluates its outcome expression once (it may be a call).
#define VERIFY_OK(expr)                                                                                      \
    do {                                                                                                     \
        const Outcome verified_ = (expr);                                                                    \
        QVERIFY2(verified_.ok(), qPrintable(failureText(verified_)));                                        \
    } while (false)
#define VERIFY_ERROR(expr, name)                                                                             \
    do {                                                                                                     \
        const Outcome verified_ = (expr);                                                                    \
        QVERIFY2(!verified_.ok(), qPrintable(failureText(verified_)));                                       \
        QCOMPARE(QString::fromStdString(verified_.error().error), QStringLiteral(name));                     \
    } while (false)

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class TestHttp : public QObject
{
    Q_OBJECT

    std::unique_ptr<FixtureHttpServer> m_server;

    std::string url(const char *path) const { return (m_server->baseUrl() + QLatin1String(path)).toStdString(); }
    Json stats() const { return m_server->systems().stats(); }
    void control(const Json &command)
    {
        const Json result = m_server->systems().control(command);
        QVERIFY2(!result.contains("error"), result.dump().c_str());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<FixtureHttpServer>(25);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void init() { control({{"reset", true}, {"products", 25}}); }

    void cleanupTestCase() { m_server.reset(); }

    void getParsesJson()
    {
        HttpResource http;
        const Outcome o = call(http, {{"Url", url("/echo/a")}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["StatusCode"], Json(200));
        COMPARE_JSON(o.value()["Headers"]["content-type"], Json("application/json"));
        COMPARE_JSON(o.value()["Body"]["method"], Json("GET"));
        COMPARE_JSON(o.value()["Body"]["path"], Json("/echo/a"));
    }

    void postJsonBody()
    {
        HttpResource http;
        const Json body = {{"sku", "A-1"}, {"qty", 3}, {"tags", {"x", "ü"}}};
        const Outcome o = call(http, {{"Method", "post"}, {"Url", url("/echo")}, {"Body", body}});
        VERIFY_OK(o);
        const Json &echo = o.value()["Body"];
        COMPARE_JSON(echo["method"], Json("POST"));
        COMPARE_JSON(echo["headers"]["content-type"], Json("application/json"));
        COMPARE_JSON(echo["json"], body);
    }

    void textBodyAndContentTypeHeader()
    {
        HttpResource http;
        Outcome o = call(http, {{"Method", "PUT"}, {"Url", url("/echo")}, {"Body", "plain text é"}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["headers"]["content-type"], Json("text/plain; charset=utf-8"));
        COMPARE_JSON(o.value()["Body"]["body"], Json("plain text é"));

        o = call(http, {{"Method", "POST"}, {"Url", url("/echo")}, {"Headers", {{"Content-Type", "text/csv"}}},
                        {"Body", "a,b\n1,2\n"}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["headers"]["content-type"], Json("text/csv"));
        COMPARE_JSON(o.value()["Body"]["body"], Json("a,b\n1,2\n"));
    }

    void queryIsEncoded()
    {
        HttpResource http;
        const Json query = {{"q", "a+b&c=d é/?#%"}, {"n", 5}, {"flag", true}, {"list", {"x", "y z"}}};
        const Outcome o = call(http, {{"Url", url("/echo?pre=1")}, {"Query", query}});
        VERIFY_OK(o);
        const Json &args = o.value()["Body"]["args"];
        COMPARE_JSON(args["pre"], Json("1"));
        COMPARE_JSON(args["q"], Json("a+b&c=d é/?#%"));
        COMPARE_JSON(args["n"], Json("5"));
        COMPARE_JSON(args["flag"], Json("true"));
        COMPARE_JSON(args["list"], (Json{"x", "y z"}));
    }

    void headersAndIdempotencyKey()
    {
        HttpResource http;
        Outcome o = call(http, {{"Url", url("/echo")}, {"Headers", {{"X-Trace", "abc"}, {"X-Count", 7}}}},
                         "exec-1/4/Load/2");
        VERIFY_OK(o);
        const Json &headers = o.value()["Body"]["headers"];
        COMPARE_JSON(headers["x-trace"], Json("abc"));
        COMPARE_JSON(headers["x-count"], Json("7"));
        COMPARE_JSON(headers["idempotency-key"], Json("exec-1/4/Load/2"));

        // A key given in Headers wins over the engine's.
        o = call(http, {{"Url", url("/echo")}, {"Headers", {{"Idempotency-Key", "mine"}}}}, "exec-1/4/Load/3");
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["headers"]["idempotency-key"], Json("mine"));
        COMPARE_JSON(stats()["idempotencyKeys"], Json(2));
    }

    void connectionProfileGivesBaseUrlAndHeaders()
    {
        qputenv("TST_HTTP_CRM_TOKEN", "s3cret");
        const Json profiles = {{"crm", {{"baseUrl", url("/echo/crm/")},
                                        {"headers", {{"Authorization", "Bearer ${env:TST_HTTP_CRM_TOKEN}"},
                                                     {"X-Tenant", "north"}}}}},
                               {"nobase", {{"headers", {{"X-Tenant", "south"}}}}},
                               {"unset", {{"baseUrl", "${env:TST_HTTP_NOT_SET_ANYWHERE}"}}}};
        auto connections = sluice::Connections::fromJson(profiles, QStringLiteral("test profiles"));
        QVERIFY2(connections, connections ? "" : qPrintable(connections.error().message));
        HttpResource http(std::make_shared<const sluice::Connections>(std::move(connections).value()));

        // A path is joined to the base URL (one slash between them); the profile's headers go along.
        Outcome o = call(http, {{"Connection", "crm"}, {"Method", "PUT"}, {"Url", "/products/P000001"}, {"Body", {{"a", 1}}}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["path"], Json("/echo/crm/products/P000001"));
        COMPARE_JSON(o.value()["Body"]["headers"]["authorization"], Json("Bearer s3cret"));
        COMPARE_JSON(o.value()["Body"]["headers"]["x-tenant"], Json("north"));
        // Without Url the base URL itself; Headers win over the profile's.
        o = call(http, {{"Connection", "crm"}, {"Headers", {{"x-tenant", "west"}}}, {"Query", {{"page", 2}}}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["path"], Json("/echo/crm/"));
        COMPARE_JSON(o.value()["Body"]["query"], Json("page=2"));
        COMPARE_JSON(o.value()["Body"]["headers"]["x-tenant"], Json("west"));
        // An absolute Url is used as it is, without the profile's secrets.
        o = call(http, {{"Connection", "crm"}, {"Url", url("/echo/direct")}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["path"], Json("/echo/direct"));
        QVERIFY(!o.value()["Body"]["headers"].contains("authorization"));

        // Unknown profile, no baseUrl, unset variable: bad Parameters, nothing sent.
        control({{"resetStats", true}});
        VERIFY_ERROR(call(http, {{"Connection", "nope"}, {"Url", "/x"}}), "States.Runtime");
        VERIFY_ERROR(call(http, {{"Connection", "nobase"}, {"Url", "/x"}}), "States.Runtime");
        o = call(http, {{"Connection", "unset"}, {"Url", "/x"}});
        VERIFY_ERROR(o, "States.Runtime");
        QVERIFY2(o.error().cause.find("TST_HTTP_NOT_SET_ANYWHERE") != std::string::npos, o.error().cause.c_str());
        VERIFY_ERROR(call(http, {{"Connection", 7}, {"Url", "/x"}}), "States.Runtime");
        COMPARE_JSON(stats()["total"], Json(0));
        qunsetenv("TST_HTTP_CRM_TOKEN");
    }

    void responseTypes()
    {
        HttpResource http;
        Outcome o = call(http, {{"Url", url("/large/300000")}});
        VERIFY_OK(o);
        QVERIFY(o.value()["Body"].is_string());
        QCOMPARE(o.value()["Body"].get_ref<const std::string &>().size(), size_t(300000));

        o = call(http, {{"Url", url("/echo")}, {"ResponseType", "text"}});
        VERIFY_OK(o);
        QVERIFY(o.value()["Body"].is_string());
        QVERIFY(Json::parse(o.value()["Body"].get<std::string>()).contains("method"));

        o = call(http, {{"Url", url("/large/10")}, {"ResponseType", "json"}});
        VERIFY_ERROR(o, "Http.InvalidResponse");
        o = call(http, {{"Url", url("/malformed")}});
        VERIFY_ERROR(o, "Http.InvalidResponse");
        QVERIFY(o.error().cause.find("not JSON") != std::string::npos);
    }

    void errorStatusesAreNamed_data()
    {
        QTest::addColumn<int>("status");
        for (int status : {400, 401, 404, 409, 422, 429, 500, 502, 503, 504})
            QTest::addRow("%d", status) << status;
    }

    void errorStatusesAreNamed()
    {
        QFETCH(int, status);
        HttpResource http;
        const Outcome o = call(http, {{"Url", m_server->baseUrl().toStdString() + "/status/" + std::to_string(status)}});
        QVERIFY(!o.ok());
        QCOMPARE(o.error().error, "Http." + std::to_string(status));
        const Json cause = Json::parse(o.error().cause);
        COMPARE_JSON(cause["StatusCode"], Json(status));
        QVERIFY(cause.contains("Reason"));
        COMPARE_JSON(Json::parse(cause["Body"].get<std::string>())["status"], Json(status));
    }

    void notFoundCauseCarriesTheBody()
    {
        HttpResource http;
        const Outcome o = call(http, {{"Url", url("/mdm/products/P999999")}});
        VERIFY_ERROR(o, "Http.404");
        const Json cause = Json::parse(o.error().cause);
        COMPARE_JSON(cause["StatusCode"], Json(404));
        COMPARE_JSON(cause["Reason"], Json("Not Found"));
        QVERIFY(cause["Url"].get<std::string>().find("/mdm/products/P999999") != std::string::npos);
        QVERIFY(cause["Body"].get<std::string>().find("no product P999999") != std::string::npos);
    }

    void badParametersAreNamed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("not an object") << QByteArray("\"http://x\"") << "object";
        QTest::addRow("no Url") << QByteArray("{\"Method\": \"GET\"}") << "Url";
        QTest::addRow("relative Url") << QByteArray("{\"Url\": \"/echo\"}") << "absolute";
        QTest::addRow("ftp Url") << QByteArray("{\"Url\": \"ftp://127.0.0.1/x\"}") << "absolute";
        QTest::addRow("bad method") << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"Method\": \"GE T\"}") << "Method";
        QTest::addRow("header injection")
            << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"Headers\": {\"X\": \"a\\r\\nB: c\"}}") << "line breaks";
        QTest::addRow("header object")
            << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"Headers\": {\"X\": {\"a\": 1}}}") << "header";
        QTest::addRow("query not object") << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"Query\": \"a=1\"}") << "Query";
        QTest::addRow("query nested") << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"Query\": {\"a\": {\"b\": 1}}}")
                                      << "Query.a";
        QTest::addRow("timeout zero") << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"TimeoutSeconds\": 0}")
                                      << "TimeoutSeconds";
        QTest::addRow("response type") << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"ResponseType\": \"xml\"}")
                                       << "ResponseType";
        QTest::addRow("unknown parameter") << QByteArray("{\"Url\": \"http://127.0.0.1/\", \"Uri\": \"x\"}") << "Uri";
    }

    void badParametersAreNamed()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, mentions);
        HttpResource http;
        const Outcome o = call(http, Json::parse(input.toStdString()));
        VERIFY_ERROR(o, "States.Runtime");
        QVERIFY2(QString::fromStdString(o.error().cause).contains(mentions), o.error().cause.c_str());
        COMPARE_JSON(stats()["total"], Json(0));   // nothing was sent
    }

    void timeoutIsNamed()
    {
        HttpResource http;
        QElapsedTimer clock;
        clock.start();
        const Outcome o = call(http, {{"Url", url("/delay/5000")}, {"TimeoutSeconds", 0.3}});
        VERIFY_ERROR(o, "Http.Timeout");
        QVERIFY2(clock.elapsed() >= 250 && clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    }

    void stateTimeoutAbortsTheRequest()
    {
        HttpResource http;
        Answers answers;
        TaskCall c = callWith({{"Url", url("/delay/5000")}});
        c.timeoutSeconds = 0.3;   // the state's TimeoutSeconds: the engine's error name, and the request stops
        QElapsedTimer clock;
        clock.start();
        http.invoke(c, answers.callback());
        QVERIFY(answers.waitFor(1));
        const Outcome o = answers.at(0);
        VERIFY_ERROR(o, "States.Timeout");
        QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    }

    void connectionRefusedIsNamed()
    {
        HttpResource http;
        const Outcome o = call(http, {{"Url", "http://127.0.0.1:" + std::to_string(closedPort()) + "/x"}});
        VERIFY_ERROR(o, "Http.ConnectionRefused");
        QVERIFY(Json::parse(o.error().cause).contains("Message"));
    }

    void unknownHostIsNamed()
    {
        HttpResource http;
        // .invalid never resolves (RFC 6761).
        const Outcome o = call(http, {{"Url", "http://no-such-host.invalid/x"}, {"TimeoutSeconds", 20}}, {}, 30000);
        VERIFY_ERROR(o, "Http.HostNotFound");
    }

    void tlsErrorIsNamed()
    {
        HttpResource http;
        // https to the plain-HTTP fixture: the TLS handshake fails.
        const std::string https = "https://127.0.0.1:" + std::to_string(m_server->port()) + "/echo";
        const Outcome o = call(http, {{"Url", https}, {"TimeoutSeconds", 10}});
        VERIFY_ERROR(o, "Http.TlsError");
    }

    void httpsWorksWithATrustedCertificate()
    {
        FixtureHttpServer tls;
        QVERIFY2(tls.startTls(QStringLiteral(SLUICE_FIXTURES "/http/tls/server.crt"),
                              QStringLiteral(SLUICE_FIXTURES "/http/tls/server.key")),
                 qPrintable(tls.errorString()));
        const std::string url = (tls.baseUrl() + QStringLiteral("/mdm/products/P000001")).toStdString();
        QVERIFY(url.starts_with("https://"));
        HttpResource http;

        // Self-signed: no system trusts it, so the handshake fails with a TLS error.
        Outcome o = call(http, {{"Url", url}, {"TimeoutSeconds", 10}});
        VERIFY_ERROR(o, "Http.TlsError");

        QVERIFY(!http.addCaCertificates(QStringLiteral(SLUICE_FIXTURES "/http/tls/missing.crt")));
        QVERIFY(http.addCaCertificates(QStringLiteral(SLUICE_FIXTURES "/http/tls/server.crt")));
        o = call(http, {{"Url", url}, {"TimeoutSeconds", 10}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["id"], Json("P000001"));
        COMPARE_JSON(tls.systems().stats()["total"], Json(1));
    }

    void keepAliveReusesConnections()
    {
        HttpResource http;
        for (int i = 0; i < 40; ++i) {
            const Outcome o = call(http, {{"Url", url("/echo")}});
            VERIFY_OK(o);
        }
        const Json s = stats();
        COMPARE_JSON(s["total"], Json(40));
        QVERIFY2(s["connections"].get<int>() <= 2, s.dump().c_str());
    }

    void concurrencyLimitIsNeverExceeded()
    {
        HttpResource http;
        http.setLimits(kHost, HttpLimits{3, 0, 1});
        Answers answers;
        for (int i = 0; i < 12; ++i)
            http.invoke(callWith({{"Url", url("/delay/150")}}), answers.callback());
        QVERIFY(answers.waitFor(12));
        for (int i = 0; i < 12; ++i)
            VERIFY_OK(answers.at(i));
        const Json s = stats();
        QVERIFY2(s["maxInFlight"].get<int>() <= 3, s.dump().c_str());
        QVERIFY2(s["maxInFlight"].get<int>() >= 2, s.dump().c_str());   // the limit is not a queue of one
        QCOMPARE(http.hostStats(kHost).maxInFlight, size_t(3));
        QCOMPARE(http.hostStats(kHost).sent, quint64(12));
    }

    void rateLimitIsRespected()
    {
        HttpResource http;
        http.setLimits(kHost, HttpLimits{0, 20, 1});   // 20 requests/s, no burst
        Answers answers;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 21; ++i)
            http.invoke(callWith({{"Url", url("/echo")}}), answers.callback());
        QVERIFY(answers.waitFor(21));
        const qint64 ms = clock.elapsed();
        // The first request goes at once, the 20 others one every 50 ms: 1,000 ms at the least.
        QVERIFY2(ms >= 950, qPrintable(QString::number(ms)));
        QVERIFY2(ms < 6000, qPrintable(QString::number(ms)));
        COMPARE_JSON(stats()["total"], Json(21));
    }

    void rateBurst()
    {
        HttpResource http;
        http.setLimits(kHost, HttpLimits{0, 2, 5});   // 5 at once, then 2 per second
        Answers answers;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 6; ++i)
            http.invoke(callWith({{"Url", url("/echo")}}), answers.callback());
        QVERIFY(answers.waitFor(5, 3000));
        const qint64 firstFive = clock.elapsed();
        QVERIFY(answers.waitFor(6));
        const qint64 all = clock.elapsed();
        // Without the burst the first five would take 2,000 ms; the sixth waits for a token (500 ms).
        QVERIFY2(firstFive < 1500, qPrintable(QString::number(firstFive)));
        QVERIFY2(all >= 450, qPrintable(QString::number(all)));
    }

    void pauseHoldsCallsAndResumeSendsThem()
    {
        HttpResource http;
        http.pauseHost(kHost);
        QVERIFY(http.isPaused(kHost));
        Answers answers;
        for (int i = 0; i < 5; ++i)
            http.invoke(callWith({{"Url", url("/echo")}, {"TimeoutSeconds", 0.3}}), answers.callback());
        QTest::qWait(1000);   // more than the calls' timeout: paused calls do not time out
        QCOMPARE(answers.count.load(), 0);
        COMPARE_JSON(stats()["total"], Json(0));
        QCOMPARE(http.hostStats(kHost).queued, size_t(5));
        QCOMPARE(http.pendingCount(), size_t(5));

        http.resumeHost(kHost);
        QVERIFY(answers.waitFor(5));
        for (int i = 0; i < 5; ++i)
            VERIFY_OK(answers.at(i));
        COMPARE_JSON(stats()["total"], Json(5));
        QCOMPARE(http.pendingCount(), size_t(0));
    }

    void pauseLetsSentRequestsFinish()
    {
        HttpResource http;
        Answers answers;
        http.invoke(callWith({{"Url", url("/delay/300")}}), answers.callback());
        QVERIFY(QTest::qWaitFor([&] { return stats()["inFlight"] == 1; }, 5000));
        http.pauseHost(kHost);
        http.invoke(callWith({{"Url", url("/echo")}}), answers.callback());
        QVERIFY(answers.waitFor(1));
        VERIFY_OK(answers.at(0));
        QTest::qWait(200);
        QCOMPARE(answers.count.load(), 1);
        http.resumeHost(kHost);
        QVERIFY(answers.waitFor(2));
        VERIFY_OK(answers.at(1));
    }

    void cancellationAbortsTheRequest()
    {
        HttpResource http;
        Answers answers;
        auto flag = std::make_shared<std::atomic_bool>(false);
        TaskCall c = callWith({{"Url", url("/delay/5000")}});
        c.cancelled = flag;
        QElapsedTimer clock;
        clock.start();
        http.invoke(c, answers.callback());
        QVERIFY(QTest::qWaitFor([&] { return stats()["inFlight"] == 1; }, 5000));
        *flag = true;
        QVERIFY(answers.waitFor(1, 4000));
        VERIFY_ERROR(answers.at(0), "States.Runtime");
        QCOMPARE(answers.at(0).error().cause, std::string("cancelled"));
        QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
        // The server sees the connection go: its request is no longer in flight.
        QVERIFY(QTest::qWaitFor([&] { return stats()["inFlight"] == 0; }, 3000));
    }

    void cancellationWhileQueued()
    {
        HttpResource http;
        http.pauseHost(kHost);
        Answers answers;
        auto flag = std::make_shared<std::atomic_bool>(false);
        TaskCall c = callWith({{"Url", url("/echo")}});
        c.cancelled = flag;
        http.invoke(c, answers.callback());
        QTest::qWait(150);
        *flag = true;
        QVERIFY(answers.waitFor(1, 3000));
        VERIFY_ERROR(answers.at(0), "States.Runtime");
        COMPARE_JSON(stats()["total"], Json(0));
        QCOMPARE(http.pendingCount(), size_t(0));
    }

    /// HeartbeatSeconds 1 on a call that waits 2.5 s (paused, then slow): the resource's heartbeats keep it
    /// alive, through the Engine.
    void heartbeatsKeepAWaitingCallAlive()
    {
        auto http = std::make_shared<HttpResource>();
        auto tasks = sluice::TaskRegistry::withBuiltins();
        tasks->add("sluice:http", http);
        const Json definition = {
            {"StartAt", "Call"},
            {"States",
             {{"Call",
               {{"Type", "Task"},
                {"Resource", "sluice:http"},
                {"HeartbeatSeconds", 1},
                {"Parameters", {{"Url", url("/delay/1200")}}},
                {"ResultSelector", {{"status.$", "$.StatusCode"}}},
                {"End", true}}}}}};
        http->pauseHost(kHost);
        std::thread resumer([http] {
            std::this_thread::sleep_for(std::chrono::milliseconds(1300));
            http->resumeHost(kHost);
        });
        sluice::Engine engine(2);
        sluice::ExecutionOptions options;
        options.tasks = tasks;
        const auto result = sluice::test::runToEnd(engine, definition, Json::object(), options);
        resumer.join();
        QVERIFY2(result.status == sluice::ExecutionStatus::Succeeded, result.toJson().dump().c_str());
        COMPARE_JSON(result.output(), (Json{{"status", 200}}));
    }

    /// A call cancelled just before it is sent gives its slot back: with one slot, the next call still goes.
    void cancelledBeforeSendingFreesItsSlot()
    {
        HttpResource http;
        http.setLimits(kHost, HttpLimits{1, 0, 1});
        http.pauseHost(kHost);
        Answers answers;
        auto flag = std::make_shared<std::atomic_bool>(false);
        TaskCall c = callWith({{"Url", url("/echo")}});
        c.cancelled = flag;
        http.invoke(c, answers.callback());
        *flag = true;
        http.resumeHost(kHost);   // usually before the cancellation sweep sees it: the send step drops it
        QVERIFY(answers.waitFor(1));
        VERIFY_ERROR(answers.at(0), "States.Runtime");
        QCOMPARE(http.hostStats(kHost).inFlight, size_t(0));
        VERIFY_OK(call(http, {{"Url", url("/echo")}}));
        COMPARE_JSON(stats()["total"], Json(1));
    }

    void destroyingAnswersPendingCalls()
    {
        Answers answers;
        {
            HttpResource http;
            http.invoke(callWith({{"Url", url("/delay/5000")}}), answers.callback());
            QVERIFY(QTest::qWaitFor([&] { return stats()["inFlight"] == 1; }, 5000));
            http.pauseHost(kHost);
            http.invoke(callWith({{"Url", url("/echo")}}), answers.callback());
        }
        QCOMPARE(answers.count.load(), 2);
        VERIFY_ERROR(answers.at(0), "States.Runtime");
        VERIFY_ERROR(answers.at(1), "States.Runtime");
    }

    /// A real workflow: the ERP answers 503 for a second; the Task's Retry on the Http.5xx family waits it
    /// out, and every attempt carried its own idempotency key.
    void retryInAWorkflowUntilTheServerRecovers()
    {
        control({{"system", "erp"}, {"failSeconds", 2}});
        const Json definition = {
            {"StartAt", "Load"},
            {"States",
             {{"Load",
               {{"Type", "Task"},
                {"Resource", "sluice:http"},
                {"Parameters",
                 {{"Method", "PUT"}, {"Url.$", "States.Format('{}/erp/items/{}', $.base, $.id)"}, {"Body.$", "$.record"}}},
                {"Retry",
                 {{{"ErrorEquals", {"Http.4xx"}}, {"MaxAttempts", 0}},
                  {{"ErrorEquals", {"Http.5xx"}}, {"IntervalSeconds", 1}, {"BackoffRate", 1}, {"MaxAttempts", 10}}}},
                {"ResultSelector", {{"status.$", "$.StatusCode"}, {"created.$", "$.Body.created"}}},
                {"End", true}}}}}};
        const Json input = {{"base", m_server->baseUrl().toStdString()}, {"id", "P000007"}, {"record", {{"name", "lamp"}}}};
        sluice::Engine engine(2);
        sluice::ExecutionOptions options;
        options.tasks = sluice::TaskRegistry::withBuiltins();
        QElapsedTimer clock;
        clock.start();
        const auto result = sluice::test::runToEnd(engine, definition, input, options);
        QCOMPARE(int(result.status), int(sluice::ExecutionStatus::Succeeded));
        COMPARE_JSON(result.output(), (Json{{"status", 201}, {"created", true}}));
        QVERIFY2(clock.elapsed() >= 1900, qPrintable(QString::number(clock.elapsed())));

        const Json s = stats();
        const int failed = s["requests"].value("PUT /erp (switched)", 0);
        QVERIFY2(failed >= 2, s.dump().c_str());
        COMPARE_JSON(s["requests"]["PUT /erp/items/{id}"], Json(1));
        COMPARE_JSON(s["idempotencyKeys"], Json(failed + 1));   // one key per attempt
        HttpResource http;
        COMPARE_JSON(call(http, {{"Url", url("/erp/items/P000007")}}).value()["Body"], (Json{{"name", "lamp"}}));
    }

    void catchTakesAClientError()
    {
        control({{"system", "crm"}, {"reject", {"P000003"}}, {"rejectStatus", 422}});
        const Json definition = {
            {"StartAt", "Load"},
            {"States",
             {{"Load",
               {{"Type", "Task"},
                {"Resource", "sluice:http"},
                {"Parameters", {{"Method", "PUT"}, {"Url", url("/crm/products/P000003")}, {"Body", {{"a", 1}}}}},
                {"Retry", {{{"ErrorEquals", {"Http.5xx"}}, {"MaxAttempts", 3}}}},
                {"Catch", {{{"ErrorEquals", {"Http.4xx"}}, {"Next", "Rejected"}}}},
                {"End", true}}},
              {"Rejected", {{"Type", "Pass"}, {"Parameters", {{"error.$", "$.Error"}}}, {"End", true}}}}}};
        sluice::Engine engine(2);
        const auto result = sluice::test::runToEnd(engine, definition, Json::object());
        QCOMPARE(int(result.status), int(sluice::ExecutionStatus::Succeeded));
        COMPARE_JSON(result.output(), (Json{{"error", "Http.422"}}));
        COMPARE_JSON(stats()["total"], Json(1));   // a 4xx is not retried
    }

    // ---- the fixture server's own switches, through HTTP ----

    void fixtureMdmPagesAndProducts()
    {
        HttpResource http;
        Outcome o = call(http, {{"Url", url("/mdm/products")}, {"Query", {{"page", 2}, {"pageSize", 10}}}});
        VERIFY_OK(o);
        const Json &page = o.value()["Body"];
        QCOMPARE(page["items"].size(), size_t(10));
        COMPARE_JSON(page["items"][0], Json("P000011"));
        COMPARE_JSON(page["total"], Json(25));
        COMPARE_JSON(page["nextPage"], Json(3));
        o = call(http, {{"Url", url("/mdm/products?page=3&pageSize=10")}});
        VERIFY_OK(o);
        QCOMPARE(o.value()["Body"]["items"].size(), size_t(5));
        QVERIFY(o.value()["Body"]["nextPage"].is_null());

        const Outcome product = call(http, {{"Url", url("/mdm/products/P000025")}});
        const Outcome again = call(http, {{"Url", url("/mdm/products/P000025")}});
        VERIFY_OK(product);
        COMPARE_JSON(product.value()["Body"], again.value()["Body"]);   // deterministic
        COMPARE_JSON(product.value()["Body"]["id"], Json("P000025"));
        const Outcome prices = call(http, {{"Url", url("/mdm/products/P000025/prices")}});
        VERIFY_OK(prices);
        COMPARE_JSON(prices.value()["Body"]["currency"], Json("EUR"));
        const Outcome stock = call(http, {{"Url", url("/mdm/products/P000025/stock")}});
        VERIFY_OK(stock);
        QCOMPARE(stock.value()["Body"]["warehouses"].size(), size_t(3));
        VERIFY_ERROR(call(http, {{"Url", url("/mdm/products/P000026")}}), "Http.404");

        const Json s = stats();
        COMPARE_JSON(s["requests"]["GET /mdm/products"], Json(2));
        COMPARE_JSON(s["requests"]["GET /mdm/products/{id}"], Json(3));
        COMPARE_JSON(s["requests"]["GET /mdm/products/{id}/prices"], Json(1));
    }

    void fixtureStoresRecords()
    {
        HttpResource http;
        VERIFY_OK(call(http, {{"Method", "PUT"}, {"Url", url("/crm/products/P000001")}, {"Body", {{"v", 1}}}}));
        const Outcome replaced =
            call(http, {{"Method", "PUT"}, {"Url", url("/crm/products/P000001")}, {"Body", {{"v", 2}}}});
        VERIFY_OK(replaced);
        COMPARE_JSON(replaced.value()["StatusCode"], Json(200));
        VERIFY_OK(call(http, {{"Method", "PUT"}, {"Url", url("/erp/items/P000002")}, {"Body", {{"w", 1}}}}));
        COMPARE_JSON(call(http, {{"Url", url("/crm/products/P000001")}}).value()["Body"], (Json{{"v", 2}}));
        COMPARE_JSON(call(http, {{"Url", url("/crm/_count")}}).value()["Body"]["count"], Json(1));
        COMPARE_JSON(call(http, {{"Url", url("/erp/_count")}}).value()["Body"]["count"], Json(1));
        VERIFY_ERROR(call(http, {{"Method", "PUT"}, {"Url", url("/erp/items/P000003")}, {"Body", "not json"}}),
                     "Http.400");
    }

    void fixtureControlSwitches()
    {
        HttpResource http;
        auto post = [&](const Json &command) {
            return call(http, {{"Method", "POST"}, {"Url", url("/_control")}, {"Body", command}});
        };
        VERIFY_OK(post({{"system", "erp"}, {"reject", {"P000002"}}, {"rejectStatus", 500}}));
        VERIFY_ERROR(call(http, {{"Method", "PUT"}, {"Url", url("/erp/items/P000002")}, {"Body", Json::object()}}),
                     "Http.500");
        VERIFY_OK(call(http, {{"Method", "PUT"}, {"Url", url("/erp/items/P000001")}, {"Body", Json::object()}}));

        VERIFY_OK(post({{"system", "erp"}, {"failRequests", 2}}));
        VERIFY_ERROR(call(http, {{"Url", url("/erp/items/P000001")}}), "Http.503");
        VERIFY_ERROR(call(http, {{"Url", url("/erp/items/P000001")}}), "Http.503");
        VERIFY_OK(call(http, {{"Url", url("/erp/items/P000001")}}));
        VERIFY_OK(call(http, {{"Url", url("/crm/_count")}}));   // other systems are untouched

        VERIFY_OK(post({{"system", {"crm", "erp"}}, {"failSeconds", 1}}));
        VERIFY_ERROR(call(http, {{"Url", url("/crm/products/P000001")}}), "Http.503");
        QTest::qWait(1100);
        VERIFY_ERROR(call(http, {{"Url", url("/crm/products/P000001")}}), "Http.404");   // up again, no record

        VERIFY_OK(post({{"system", "mdm"}, {"slowMs", 300}}));
        QElapsedTimer clock;
        clock.start();
        VERIFY_OK(call(http, {{"Url", url("/mdm/products/P000001")}}));
        QVERIFY2(clock.elapsed() >= 280, qPrintable(QString::number(clock.elapsed())));

        VERIFY_ERROR(post({{"system", "nope"}, {"slowMs", 1}}), "Http.400");
        VERIFY_ERROR(post({{"slowMs", 1}}), "Http.400");   // which system?
        VERIFY_ERROR(post({{"typo", true}}), "Http.400");
        VERIFY_ERROR(call(http, {{"Method", "POST"}, {"Url", url("/_control")}, {"Body", "{"}}), "Http.400");

        const Outcome statsReply = call(http, {{"Url", url("/_stats")}});
        VERIFY_OK(statsReply);
        QVERIFY(statsReply.value()["Body"]["total"].get<int>() >= 8);
        const Outcome reset = post({{"reset", true}});
        VERIFY_OK(reset);
        QVERIFY(reset.value()["Body"]["systems"].empty());
        COMPARE_JSON(stats()["total"], Json(0));
        VERIFY_OK(call(http, {{"Method", "PUT"}, {"Url", url("/erp/items/P000002")}, {"Body", Json::object()}}));
    }

    void fixtureProgramPrintsItsPortAndStopsOnSigterm()
    {
        QProcess program;
        program.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-fixture-http"), {QStringLiteral("--products"), QStringLiteral("3")});
        QVERIFY2(program.waitForStarted(5000), qPrintable(program.errorString()));
        QVERIFY(program.waitForReadyRead(5000));
        const int port = program.readLine().trimmed().toInt();
        QVERIFY(port > 0);
        HttpResource http;
        const Outcome o = call(http, {{"Url", "http://127.0.0.1:" + std::to_string(port) + "/mdm/products"}});
        VERIFY_OK(o);
        COMPARE_JSON(o.value()["Body"]["total"], Json(3));
        program.terminate();   // SIGTERM
        QVERIFY(program.waitForFinished(5000));
        QCOMPARE(program.exitStatus(), QProcess::NormalExit);
        QCOMPARE(program.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
