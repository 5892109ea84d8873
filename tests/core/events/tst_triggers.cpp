// Triggers that put events, against real parts: schedules on a hand-set clock (missed fires after a downtime,
// CatchUp once/none, no double fire across restarts), files in a real folder with real timers (size-stable and
// .done markers, each file once across restarts), and the webhook over real TCP on 127.0.0.1.

#include "EventsTestUtil.h"

#include "events/Clock.h"
#include "events/EventStore.h"
#include "events/FileTrigger.h"
#include "events/Rules.h"
#include "events/ScheduleTrigger.h"
#include "events/WebhookTrigger.h"
#include "paths/Timestamp.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QThread>

using namespace sluice;

namespace {

qint64 ms(const char *rfc3339)
{
    return *timestamp::parseMs(rfc3339);
}

Rules scheduleRules(const char *catchUp)
{
    const QByteArray text = QByteArray("{\"Rules\": [{\"Name\": \"every5\", \"ScheduleExpression\": \"rate(5 minutes)\", "
                                       "\"CatchUp\": \"") +
                            catchUp + "\", \"Targets\": [{\"Id\": \"t\", \"Workflow\": \"w.asl.json\"}]}]}";
    auto rules = Rules::parse(text, QStringLiteral("/"));
    if (!rules)
        qFatal("%s", qPrintable(rules.error().toString()));
    return std::move(rules).value();
}

struct Response
{
    int status = 0;
    QByteArray headers;
    Json body;
};

/// Sends raw bytes to 127.0.0.1:port over a real socket and reads the whole response.
Response send(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray bytes;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        bytes += socket.readAll();
    }
    bytes += socket.readAll();
    Response response;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (!bytes.startsWith("HTTP/1.1 ") || end < 0)
        return response;
    response.status = bytes.mid(9, 3).toInt();
    response.headers = bytes.left(end);
    const QByteArray body = bytes.mid(end + 4);
    response.body = Json::parse(body.cbegin(), body.cend(), nullptr, false);
    return response;
}

QByteArray post(const QByteArray &body, const QByteArray &auth, const QByteArray &extra = {})
{
    return "POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + auth + extra +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestTriggers : public QObject
{
    Q_OBJECT
private:
    events_test::Stores m_stores;
    QString m_location;
    std::unique_ptr<EventStore> m_store;

private Q_SLOTS:
    void initTestCase() { m_stores.init("tst_triggers"); }
    void init()
    {
        m_location = m_stores.fresh(QStringLiteral("sqlite"));
        auto store = EventStore::open(m_location);
        QVERIFY(store);
        m_store = std::move(store).value();
    }
    void cleanup() { m_store.reset(); }
    void cleanupTestCase() { m_stores.cleanup(); }

    void scheduleStartsFromNowTheFirstTime();
    void scheduleCatchesUpOnceAfterDowntime();
    void scheduleReportsButSkipsWithCatchUpNone();
    void scheduleFiresOnTheRealTimer();
    void triggerMarksOnPostgres();
    void fileWaitsUntilSizeIsStable();
    void fileWaitsForDoneMarker();
    void fileRefusesMissingFolder();
    void webhookAnswersEveryCase();
};

void TestTriggers::scheduleStartsFromNowTheFirstTime()
{
    const Rules rules = scheduleRules("once");
    ManualClock clock(ms("2026-11-22T02:03:00Z"));
    ScheduleTrigger trigger(*m_store, rules, clock);
    QSignalSpy missed(&trigger, &ScheduleTrigger::missed);
    QSignalSpy fired(&trigger, &ScheduleTrigger::fired);

    trigger.start();
    clock.set(ms("2026-11-22T02:04:59Z"));
    trigger.poll();
    clock.set(ms("2026-11-22T02:05:00Z"));
    trigger.poll();
    trigger.poll();

    QCOMPARE(missed.count(), 0);
    QCOMPARE(fired.count(), 1);
    QCOMPARE(fired.first().at(1).toLongLong(), ms("2026-11-22T02:05:00Z"));
    auto events = m_store->events();
    QCOMPARE(events->size(), 1);
    const StoredEvent e = events->first();
    QCOMPARE(e.onlyRule, QStringLiteral("every5"));
    QCOMPARE(QString::fromStdString(e.event.source), QStringLiteral("aws.events"));
    QCOMPARE(QString::fromStdString(e.event.detailType), QStringLiteral("Scheduled Event"));
    QCOMPARE(QString::fromStdString(e.event.toJson()["time"].get<std::string>()), QStringLiteral("2026-11-22T02:05:00Z"));
    QVERIFY(e.event.resources == std::vector<std::string>{"rule/every5"});
    trigger.stop();
}

void TestTriggers::scheduleCatchesUpOnceAfterDowntime()
{
    const Rules rules = scheduleRules("once");
    ManualClock clock(ms("2026-11-22T02:05:00Z"));
    {
        ScheduleTrigger first(*m_store, rules, clock);
        first.start();   // remembers 02:05 as its start
        first.stop();
    }
    // Down from 02:05 to 02:23: 02:10, 02:15 and 02:20 were missed.
    clock.set(ms("2026-11-22T02:23:00Z"));
    ScheduleTrigger second(*m_store, rules, clock);
    QSignalSpy missed(&second, &ScheduleTrigger::missed);
    QSignalSpy fired(&second, &ScheduleTrigger::fired);

    second.start();

    QCOMPARE(missed.count(), 1);
    QCOMPARE(missed.first().at(1).toLongLong(), qint64(3));
    QCOMPARE(missed.first().at(3).toLongLong(), ms("2026-11-22T02:20:00Z"));
    QCOMPARE(fired.count(), 1);
    auto events = m_store->events();
    QCOMPARE(events->size(), 1);
    const Json detail = events->first().event.detail;
    QVERIFY(detail["catchUp"] == true);
    QCOMPARE(detail["missedCount"].get<int>(), 3);
    QVERIFY(detail["missedFireTimes"] ==
            Json::array({"2026-11-22T02:10:00.000Z", "2026-11-22T02:15:00.000Z", "2026-11-22T02:20:00.000Z"}));
    second.stop();

    // A restart right away neither reports nor fires again.
    ScheduleTrigger third(*m_store, rules, clock);
    QSignalSpy missedAgain(&third, &ScheduleTrigger::missed);
    third.start();
    clock.set(ms("2026-11-22T02:25:00Z"));
    third.poll();
    third.stop();
    QCOMPARE(missedAgain.count(), 0);
    QCOMPARE(m_store->events()->size(), 2);   // the catch-up and 02:25 on time
}

void TestTriggers::scheduleReportsButSkipsWithCatchUpNone()
{
    const Rules rules = scheduleRules("none");
    ManualClock clock(ms("2026-11-22T00:00:00Z"));
    {
        ScheduleTrigger first(*m_store, rules, clock);
        first.start();
        first.stop();
    }
    clock.set(ms("2026-11-23T00:00:30Z"));   // a day later: 288 fires missed
    ScheduleTrigger second(*m_store, rules, clock);
    QSignalSpy missed(&second, &ScheduleTrigger::missed);

    second.start();
    clock.set(ms("2026-11-23T00:05:00Z"));
    second.poll();
    second.stop();

    QCOMPARE(missed.count(), 1);
    QCOMPARE(missed.first().at(1).toLongLong(), qint64(288));
    QCOMPARE(missed.first().at(2).value<QList<qint64>>().size(), 100);
    auto events = m_store->events();
    QCOMPARE(events->size(), 1);   // only 00:05 on time
    QCOMPARE(QString::fromStdString(events->first().event.toJson()["time"].get<std::string>()),
             QStringLiteral("2026-11-23T00:05:00Z"));
}

void TestTriggers::scheduleFiresOnTheRealTimer()
{
    // rate(1 minute) on the system clock would take a minute; a clock set just before a fire time shows the
    // timer arming to it: the fire arrives through the event loop, not through a poll() call.
    const auto rules = Rules::parse("{\"Rules\": [{\"Name\": \"m\", \"ScheduleExpression\": \"rate(1 minute)\", "
                                    "\"Targets\": [{\"Id\": \"t\", \"Workflow\": \"w\"}]}]}",
                                    QStringLiteral("/"));
    QVERIFY(rules);
    const qint64 fire = (QDateTime::currentMSecsSinceEpoch() / 60000 + 1) * 60000;
    ManualClock clock(fire - 150);
    ScheduleTrigger trigger(*m_store, rules.value(), clock);
    QSignalSpy fired(&trigger, &ScheduleTrigger::fired);
    trigger.start();
    QCOMPARE(fired.count(), 0);
    clock.set(fire);   // the timer was armed for ~150 ms from now

    QVERIFY(fired.wait(5000));
    QCOMPARE(fired.first().at(1).toLongLong(), fire);
    trigger.stop();
}

void TestTriggers::triggerMarksOnPostgres()
{
    const QString location = m_stores.fresh(QStringLiteral("postgres"));
    if (location.isEmpty())
        QSKIP("SLUICE_TEST_PG is not set: no PostgreSQL to test against (scripts/test starts one)");
    auto opened = EventStore::open(location);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    EventStore &store = **opened;
    const Rules rules = scheduleRules("once");
    ManualClock clock(ms("2026-11-22T02:05:00Z"));
    {
        ScheduleTrigger first(store, rules, clock);
        first.start();
        first.stop();
    }
    clock.set(ms("2026-11-22T02:23:00Z"));
    ScheduleTrigger second(store, rules, clock);
    QSignalSpy missed(&second, &ScheduleTrigger::missed);

    second.start();
    second.poll();
    second.stop();

    QCOMPARE(missed.count(), 1);
    QCOMPARE(store.events()->size(), 1);
    const Event file = Event::make("sluice.file", "Object Created", Json::object(), 0);
    const TriggerMark mark{QStringLiteral("file"), QStringLiteral("inbox"), QStringLiteral("a.csv"), 1000};
    QCOMPARE(store.putWithMark(file, {}, mark).value(), true);
    QCOMPARE(store.putWithMark(Event::make("sluice.file", "Object Created", Json::object(), 0), {}, mark).value(), false);
    QCOMPARE(store.events()->size(), 2);
}

void TestTriggers::fileWaitsUntilSizeIsStable()
{
    QTemporaryDir inbox;
    FileWatchConfig config;
    config.name = QStringLiteral("inbox");
    config.folder = inbox.path();
    config.pattern = QStringLiteral("*.csv");
    config.stableMs = 1000;   // far longer than the pauses between writes below, even on a loaded machine
    config.pollMs = 50;
    SystemClock clock;
    auto trigger = std::make_unique<FileTrigger>(*m_store, config, clock);
    QSignalSpy arrived(trigger.get(), &FileTrigger::arrived);
    QVERIFY(trigger->start());

    QFile file(inbox.filePath(QStringLiteral("sales.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("sku,qty\n");
    file.flush();
    QVERIFY(events_test::writeFile(inbox.filePath(QStringLiteral("notes.txt")), "not a csv"));
    for (int i = 0; i < 12; ++i) {   // still being written: 12 x 100 ms, longer than StableMs in total
        QTest::qWait(100);
        file.write("A-1,2\n");
        file.flush();
    }
    QCOMPARE(arrived.count(), 0);
    file.close();

    QVERIFY(arrived.wait(5000));
    QTest::qWait(400);
    QCOMPARE(arrived.count(), 1);
    auto events = m_store->events();
    QCOMPARE(events->size(), 1);
    const Json detail = events->first().event.detail;
    QCOMPARE(detail["name"].get<std::string>(), std::string("sales.csv"));
    QCOMPARE(detail["size"].get<int>(), 8 + 12 * 6);
    QCOMPARE(QString::fromStdString(events->first().event.source), QStringLiteral("sluice.file"));

    // A restart remembers the file; a new version of it (newer time) is a new arrival.
    trigger.reset();
    trigger = std::make_unique<FileTrigger>(*m_store, config, clock);
    QSignalSpy again(trigger.get(), &FileTrigger::arrived);
    QVERIFY(trigger->start());
    QTest::qWait(500);
    QCOMPARE(again.count(), 0);
    QTest::qWait(20);   // a modification time the earlier one cannot have
    QVERIFY(events_test::writeFile(inbox.filePath(QStringLiteral("sales.csv")), "sku,qty\nB-2,1\n"));
    QVERIFY(again.wait(5000));
    QCOMPARE(m_store->events()->size(), 2);
}

void TestTriggers::fileWaitsForDoneMarker()
{
    QTemporaryDir inbox;
    FileWatchConfig config;
    config.folder = inbox.path();
    config.name = config.folder;
    config.doneMarker = true;
    config.pollMs = 50;
    SystemClock clock;
    FileTrigger trigger(*m_store, config, clock);
    QSignalSpy arrived(&trigger, &FileTrigger::arrived);
    QVERIFY(trigger.start());

    QVERIFY(events_test::writeFile(inbox.filePath(QStringLiteral("payments.dat")), "1234"));
    QTest::qWait(400);   // complete by size long ago, but no marker yet
    QCOMPARE(arrived.count(), 0);
    QVERIFY(events_test::writeFile(inbox.filePath(QStringLiteral("payments.dat.done")), ""));

    QVERIFY(arrived.wait(5000));
    QCOMPARE(arrived.first().at(0).toString(), inbox.filePath(QStringLiteral("payments.dat")));
    QTest::qWait(200);
    QCOMPARE(arrived.count(), 1);   // the marker itself is no arrival
}

void TestTriggers::fileRefusesMissingFolder()
{
    FileWatchConfig config;
    config.folder = m_stores.dir() + QStringLiteral("/no-such-folder");
    SystemClock clock;
    FileTrigger trigger(*m_store, config, clock);

    const auto started = trigger.start();

    QVERIFY(!started);
    QVERIFY(started.error().message.contains(QStringLiteral("no-such-folder")));
}

void TestTriggers::webhookAnswersEveryCase()
{
    WebhookConfig config;
    config.maxBodyBytes = 64;
    SystemClock clock;
    WebhookTrigger webhook(*m_store, config, "s3cret", clock);
    const auto port = webhook.listen();
    QVERIFY2(port, qPrintable(port ? QString() : port.error().message));
    const QByteArray order = R"({"id": 17, "total": 99.5})";

    const Response noToken = send(*port, post(order, {}));
    const Response wrongToken = send(*port, post(order, "Authorization: Bearer nope\r\n"));
    const Response tooLarge = send(*port, post(QByteArray(65, ' '), "X-Sluice-Token: s3cret\r\n"));
    const Response notJson = send(*port, post("{\"id\": ", "X-Sluice-Token: s3cret\r\n"));
    const Response notObject = send(*port, post("[1, 2]", "X-Sluice-Token: s3cret\r\n"));
    const Response get = send(*port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const Response chunked = send(*port, "POST / HTTP/1.1\r\nX-Sluice-Token: s3cret\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QCOMPARE(m_store->events()->size(), 0);   // nothing refused was put
    const Response bearer = send(*port, post(order, "Authorization: Bearer s3cret\r\n"));
    const Response header = send(*port, post(R"({"id": 18})", "X-Sluice-Token: s3cret\r\n", "X-Sluice-Detail-Type: Order Placed\r\n"));

    QCOMPARE(noToken.status, 401);
    QVERIFY(noToken.headers.contains("WWW-Authenticate: Bearer"));
    QCOMPARE(wrongToken.status, 401);
    QCOMPARE(tooLarge.status, 413);
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notObject.status, 400);
    QCOMPARE(get.status, 405);
    QCOMPARE(chunked.status, 411);
    QCOMPARE(bearer.status, 202);
    QCOMPARE(header.status, 202);
    auto events = m_store->events();
    QCOMPARE(events->size(), 2);
    QCOMPARE(QString::fromStdString(bearer.body["id"].get<std::string>()), QString::fromStdString(events->at(0).event.id));
    QVERIFY(events->at(0).event.detail == Json::parse(order.toStdString()));
    QCOMPARE(QString::fromStdString(events->at(0).event.source), QStringLiteral("sluice.webhook"));
    QCOMPARE(QString::fromStdString(events->at(0).event.detailType), QStringLiteral("Webhook"));
    QVERIFY(events->at(0).event.resources == std::vector<std::string>{"/orders"});
    QCOMPARE(QString::fromStdString(events->at(1).event.detailType), QStringLiteral("Order Placed"));

    // A body sent in pieces, after Expect: 100-continue, as curl does for larger bodies.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, *port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /slow HTTP/1.1\r\nX-Sluice-Token: s3cret\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0 || (socket.waitForReadyRead(10), false), 5000);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 100 Continue"));
    socket.write("{\"a\":");
    QTest::qWait(50);
    socket.write(" 12}");
    QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0 || (socket.waitForReadyRead(10), false), 5000);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 202"));
    QCOMPARE(m_store->events()->size(), 3);

    WebhookTrigger noTokenConfigured(*m_store, config, {}, clock);
    QVERIFY(!noTokenConfigured.listen());
}

QTEST_GUILESS_MAIN(TestTriggers)
#include "tst_triggers.moc"
