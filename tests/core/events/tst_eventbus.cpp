// The journaled event bus on SQLite and PostgreSQL: routing to workflow and PutEvent targets with input
// transformers, nothing lost across a crash between arrival and the execution's start, retries with backoff
// (on a hand-set clock), the event DLQ and its replay, and the upgrade of a version-1 store.

#include "EventsTestUtil.h"

#include "engine/Engine.h"
#include "events/Clock.h"
#include "events/EventBus.h"
#include "events/EventStore.h"
#include "events/Rules.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QSignalSpy>

using namespace sluice;
using events_test::RawDb;

namespace {

const qint64 kNow = 1795312800000;   // 2026-11-22T02:00:00Z

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(SLUICE_FIXTURES "/events/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll();
}

/// tests/fixtures/events/orders.rules.json with its workflow and extra target fields filled in.
QByteArray rulesText(const QString &workflow, const QByteArray &extraTargetFields = {})
{
    return fixture("orders.rules.json").replace("@WORKFLOW@", workflow.toUtf8()).replace("@EXTRA@", extraTargetFields);
}

Rules parseRules(const QByteArray &text, const QString &dir)
{
    auto rules = Rules::parse(text, dir);
    if (!rules)
        qFatal("rules: %s", qPrintable(rules.error().toString()));
    return std::move(rules).value();
}

Event order(int id, double total)
{
    return Event::make("shop", "Order Placed", Json{{"id", id}, {"total", total}, {"customer", "Ada"}}, kNow);
}

/// Waits (bounded) until every execution the bus started has finished.
bool settle(EventBus &bus)
{
    for (const Execution &e : bus.running()) {
        if (!e.waitForFinished(20000))
            return false;
    }
    return true;
}

} // namespace

class TestEventBus : public QObject
{
    Q_OBJECT
private:
    events_test::Stores m_stores;

    struct Fixture
    {
        std::shared_ptr<Journal> journal;
        std::unique_ptr<EventStore> store;
        std::unique_ptr<Engine> engine;
        ManualClock clock{kNow};
        std::unique_ptr<EventBus> bus;
    };
    /// Journal, event store, engine and a bus over `rules` at `location`.
    std::unique_ptr<Fixture> open(const QString &location, const QByteArray &rules)
    {
        auto f = std::make_unique<Fixture>();
        auto journal = Journal::open(location);
        if (!journal)
            qFatal("journal: %s", qPrintable(journal.error().message));
        f->journal = journal.value();
        auto store = EventStore::open(location);
        if (!store)
            qFatal("store: %s", qPrintable(store.error().message));
        f->store = std::move(store).value();
        f->engine = std::make_unique<Engine>(2);
        f->bus = std::make_unique<EventBus>(*f->store, parseRules(rules, m_stores.dir()), *f->engine, f->journal,
                                            f->clock, EventBus::Options{});
        return f;
    }
    QString echo() const { return QStringLiteral(SLUICE_FIXTURES "/events/echo.asl.json"); }

private Q_SLOTS:
    void initTestCase() { m_stores.init("tst_eventbus"); }
    void cleanupTestCase() { m_stores.cleanup(); }

    void routesMatchingEventsThroughTheInputTransformer_data() { events_test::backends(); }
    void routesMatchingEventsThroughTheInputTransformer();
    void loseNothingBetweenArrivalAndStart_data() { events_test::backends(); }
    void loseNothingBetweenArrivalAndStart();
    void retriesWithBackoffThenDeadLettersAndReplays_data() { events_test::backends(); }
    void retriesWithBackoffThenDeadLettersAndReplays();
    void putEventTargetFeedsOtherRules_data() { events_test::backends(); }
    void putEventTargetFeedsOtherRules();
    void putEventLoopIsStoppedAndDeadLettered_data() { events_test::backends(); }
    void putEventLoopIsStoppedAndDeadLettered();
    void upgradesAVersionOneStore_data() { events_test::backends(); }
    void upgradesAVersionOneStore();
    void inputTransformerForms();
    void watchedFolderTakesEnvironmentReferences();
};

void TestEventBus::routesMatchingEventsThroughTheInputTransformer()
{
    EVENTS_FRESH_STORE(location);
    auto f = open(location, rulesText(echo()));
    QSignalSpy started(f->bus.get(), &EventBus::executionStarted);

    QVERIFY(f->bus->put(order(17, 99.5)));
    QVERIFY(f->bus->put(order(18, 5)));                                             // total too small
    QVERIFY(f->bus->put(Event::make("other", "Order Placed", Json{{"total", 50}}, kNow)));   // other source
    QCOMPARE(f->bus->dispatch(), 1);
    QVERIFY(settle(*f->bus));
    QVERIFY(f->journal->flush());

    QCOMPARE(started.count(), 1);
    const QString executionId = started.first().at(0).toString();
    auto reader = JournalReader::open(location);
    QVERIFY(reader);
    auto info = (*reader)->execution(executionId);
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QCOMPARE(info->status, ExecutionStatus::Succeeded);
    QCOMPARE(info->workflowName, QStringLiteral("echo"));
    JSON_VERIFY_EQ(info->output, (Json{{"order", 17}, {"note", "for Ada by orders"}}));
    auto delivered = f->store->deliveries({DeliveryStatus::Delivered, {}, 0, 100});
    QVERIFY(delivered);
    QCOMPARE(delivered->size(), 1);
    QCOMPARE(delivered->first().executionId, executionId);
    QCOMPARE(delivered->first().event.detail["id"].get<int>(), 17);
    auto all = f->store->deliveries({std::nullopt, {}, 0, 100});
    QCOMPARE(all->size(), 1);   // the two other events matched no rule
    auto events = f->store->events();
    QCOMPARE(events->size(), 3);
    QCOMPARE(f->bus->dispatch(), 0);   // nothing is delivered twice
}

void TestEventBus::loseNothingBetweenArrivalAndStart()
{
    EVENTS_FRESH_STORE(location);
    QString chosenId;
    {
        // A first process: one event arrives and is journaled, another is routed and its execution id chosen,
        // then the process dies before either execution starts.
        auto f = open(location, rulesText(echo()));
        QVERIFY(f->store->put(order(1, 20)));
        QVERIFY(f->store->put(order(2, 30)));
        auto unrouted = f->store->unrouted();
        QVERIFY(unrouted);
        QCOMPARE(unrouted->size(), 2);
        QVERIFY(f->store->route(unrouted->at(1).row, {{QStringLiteral("orders"), QStringLiteral("load")}}, kNow));
        auto due = f->store->due(kNow);
        QCOMPARE(due->size(), 1);
        chosenId = QStringLiteral("00000000-0000-4000-8000-000000000002");
        QVERIFY(f->store->setExecution(due->first().id, chosenId));
    }

    // The restart delivers both: the routed one with the execution id chosen before the crash.
    auto f = open(location, rulesText(echo()));
    QSignalSpy started(f->bus.get(), &EventBus::executionStarted);
    QCOMPARE(f->bus->dispatch(), 2);
    QVERIFY(settle(*f->bus));
    QVERIFY(f->journal->flush());

    QCOMPARE(started.count(), 2);
    QStringList ids{started.at(0).at(0).toString(), started.at(1).at(0).toString()};
    QVERIFY(ids.contains(chosenId));
    auto reader = JournalReader::open(location);
    QCOMPARE((*reader)->runs()->size(), 2);
    QCOMPARE((*reader)->execution(chosenId)->output["order"].get<int>(), 2);

    // A crash after the start was journaled but before the delivery was marked: the delivery is attempted
    // again and finds the execution, so the event does not run twice.
    auto delivered = f->store->deliveries({DeliveryStatus::Delivered, {}, 0, 100});
    QCOMPARE(delivered->size(), 2);
    QVERIFY(f->store->failed(delivered->first().id, 0, kNow, false, {}, {}, kNow));   // back to pending
    QCOMPARE(f->bus->dispatch(), 1);
    QVERIFY(settle(*f->bus));
    QCOMPARE(started.count(), 2);
    QCOMPARE((*reader)->runs()->size(), 2);
    QCOMPARE(f->store->deliveries({DeliveryStatus::Delivered, {}, 0, 100})->size(), 2);
}

void TestEventBus::retriesWithBackoffThenDeadLettersAndReplays()
{
    EVENTS_FRESH_STORE(location);
    const QString workflow = QDir(m_stores.dir()).filePath(QStringLiteral("later-%1.asl.json").arg(backend));
    QFile::remove(workflow);
    auto f = open(location, rulesText(workflow, R"(, "RetryPolicy": {"MaximumRetryAttempts": 2, "IntervalSeconds": 60, "BackoffRate": 2})"));
    QSignalSpy dead(f->bus.get(), &EventBus::deadLettered);
    QVERIFY(f->bus->put(order(7, 70)));

    QCOMPARE(f->bus->dispatch(), 1);                        // fails: the workflow file is missing
    auto pending = f->store->deliveries({DeliveryStatus::Pending, {}, 0, 100});
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->first().attempts, 1);
    QCOMPARE(pending->first().nextMs, kNow + 60000);
    QCOMPARE(pending->first().error, QStringLiteral("Sluice.WorkflowMissing"));
    QCOMPARE(f->bus->dispatch(), 0);                        // not due yet
    f->clock.advance(60000);
    QCOMPARE(f->bus->dispatch(), 1);                        // second try fails, next in 120 s
    f->clock.advance(119000);
    QCOMPARE(f->bus->dispatch(), 0);
    f->clock.advance(1000);
    QCOMPARE(dead.count(), 0);
    QCOMPARE(f->bus->dispatch(), 1);                        // third try fails: retries exhausted

    QCOMPARE(dead.count(), 1);
    auto dlq = f->store->deliveries({DeliveryStatus::Dead, {}, 0, 100});
    QCOMPARE(dlq->size(), 1);
    const Delivery entry = dlq->first();
    QCOMPARE(entry.attempts, 3);
    QCOMPARE(entry.error, QStringLiteral("Sluice.WorkflowMissing"));
    QVERIFY(entry.cause.contains(workflow));
    QCOMPARE(entry.event.detail["id"].get<int>(), 7);       // the event is kept with the entry
    f->clock.advance(3600000);
    QCOMPARE(f->bus->dispatch(), 0);                        // a dead delivery is not tried again by itself

    // The workflow appears; the replay delivers the event.
    QVERIFY(QFile::copy(echo(), workflow));
    QVERIFY(f->store->replay(entry.id, f->clock.nowMs()));
    QSignalSpy started(f->bus.get(), &EventBus::executionStarted);
    QCOMPARE(f->bus->dispatch(), 1);
    QVERIFY(settle(*f->bus));

    QCOMPARE(started.count(), 1);
    auto replayed = f->store->delivery(entry.id);
    QCOMPARE(replayed->status, DeliveryStatus::Delivered);
    QCOMPARE(replayed->replays, 1);
    QVERIFY(!f->store->replay(entry.id, f->clock.nowMs()));   // delivered: nothing to replay
    QVERIFY(!f->store->discard(entry.id, f->clock.nowMs()));
}

void TestEventBus::putEventTargetFeedsOtherRules()
{
    EVENTS_FRESH_STORE(location);
    const QByteArray rules = QByteArray(R"({"Rules": [
        {"Name": "forward", "EventPattern": {"source": ["shop"]},
         "Targets": [{"Id": "notify", "PutEvent": {"Source": "sluice.notify", "DetailType": "Order Seen"},
                      "InputPath": "$.detail"}]},
        {"Name": "notified", "EventPattern": {"source": ["sluice.notify"], "detail": {"id": [3]}},
         "Targets": [{"Id": "run", "Workflow": ")") + echo().toUtf8() + "\"" + R"(}]}]})";
    auto f = open(location, rules);
    QSignalSpy started(f->bus.get(), &EventBus::executionStarted);

    QVERIFY(f->bus->put(order(3, 1)));
    QCOMPARE(f->bus->dispatch(), 1);   // forward puts the notification
    QCOMPARE(f->bus->dispatch(), 1);   // notified starts the workflow
    QVERIFY(settle(*f->bus));
    QVERIFY(f->journal->flush());

    QCOMPARE(started.count(), 1);
    auto reader = JournalReader::open(location);
    const Json output = (*reader)->execution(started.first().at(0).toString())->output;
    QCOMPARE(QString::fromStdString(output["source"].get<std::string>()), QStringLiteral("sluice.notify"));
    QCOMPARE(QString::fromStdString(output["detail-type"].get<std::string>()), QStringLiteral("Order Seen"));
    QCOMPARE(output["detail"]["id"].get<int>(), 3);
    QVERIFY(output["resources"] == Json::array({"rule/forward"}));
    QCOMPARE(f->store->events()->size(), 2);
}

void TestEventBus::putEventLoopIsStoppedAndDeadLettered()
{
    EVENTS_FRESH_STORE(location);
    // ping puts a pong, pong puts a ping: without a guard they would put events for ever.
    const QByteArray rules = R"({"Rules": [
        {"Name": "ping", "EventPattern": {"source": ["shop", "sluice.pong"]},
         "Targets": [{"Id": "to-pong", "PutEvent": {"Source": "sluice.ping", "DetailType": "Ping"}, "InputPath": "$.detail"}]},
        {"Name": "pong", "EventPattern": {"source": ["sluice.ping"]},
         "Targets": [{"Id": "to-ping", "PutEvent": {"Source": "sluice.pong", "DetailType": "Pong"}, "InputPath": "$.detail"}]}]})";
    auto f = open(location, rules);
    QSignalSpy dead(f->bus.get(), &EventBus::deadLettered);

    QVERIFY(f->bus->put(order(1, 10)));
    int rounds = 0;
    while (f->bus->dispatch() > 0 && rounds < 100)
        ++rounds;

    QCOMPARE(rounds, 17);                        // 16 events put by PutEvent targets, the 17th attempt refused
    QCOMPARE(f->store->events()->size(), 17);    // the order and the 16 it led to
    QCOMPARE(dead.count(), 1);
    auto dlq = f->store->deliveries({DeliveryStatus::Dead, {}, 0, 100});
    QCOMPARE(dlq->size(), 1);
    const Delivery entry = dlq->first();
    QCOMPARE(entry.error, QStringLiteral("Sluice.EventLoop"));
    QCOMPARE(entry.attempts, 1);                 // not retried: a loop fails the same way every time
    QVERIFY2(entry.cause.contains(QStringLiteral("ping → pong → ping")), qPrintable(entry.cause));
    QCOMPARE(entry.event.resources.size(), std::size_t(16));
    QCOMPARE(entry.event.resources.front(), std::string("rule/ping"));
}

void TestEventBus::upgradesAVersionOneStore()
{
    EVENTS_FRESH_STORE(location);
    {
        auto journal = Journal::open(location);
        QVERIFY(journal);
        QVERIFY((*journal)->saveWorkflow("{}", QStringLiteral("kept")));
    }
    {
        // What a store written by the previous version looks like: no bus tables, version 1.
        RawDb raw(location);
        for (const char *table : {"bus_events", "bus_deliveries", "bus_marks"})
            QVERIFY(raw.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
        QVERIFY(raw.exec(QStringLiteral("DROP INDEX dlq_group")));   // version 3's
        for (const char *index : {"items_status", "items_state", "items_error"})   // version 4's
            QVERIFY(raw.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))));
        QVERIFY(raw.exec(QStringLiteral("ALTER TABLE executions DROP COLUMN options")));   // version 5's
        QVERIFY(raw.exec(QStringLiteral("UPDATE sluice_meta SET value = '1' WHERE key = 'schema_version'")));
    }

    auto store = EventStore::open(location);

    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    QVERIFY((*store)->put(order(1, 1)));
    RawDb raw(location);
    QCOMPARE(raw.value(QStringLiteral("SELECT value FROM sluice_meta WHERE key = 'schema_version'")).toInt(),
             Journal::kSchemaVersion);
    QCOMPARE(raw.value(QStringLiteral("SELECT name FROM workflows")).toString(), QStringLiteral("kept"));
    QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM bus_events")).toInt(), 1);
}

void TestEventBus::inputTransformerForms()
{
    const QByteArray text = fixture("transformers.rules.json");
    const Rules rules = parseRules(text, QStringLiteral("/base"));
    const Event event = Event::make("s", "t", Json{{"n", 2}, {"o", {{"a", 1}}}, {"q", "say \"hi\""},
                                                   {"items", Json::array({Json{{"sku", "A"}}, Json{{"sku", "B"}}})}},
                                    kNow);
    const Json json = event.toJson();
    auto input = [&](const char *id) {
        auto result = rules.target("r", id)->input.apply(json, "r");
        return result ? result.value() : Json("FAILED " + result.error().cause);
    };

    QCOMPARE(rules.target("r", "whole")->workflowPath, QStringLiteral("/base/w.asl.json"));
    QCOMPARE(QString::fromStdString(rules.target("r", "whole")->stateMachineName), QStringLiteral("w"));
    JSON_VERIFY_EQ(input("whole"), json);
    JSON_VERIFY_EQ(input("constant"), (Json{{"fixed", true}}));
    JSON_VERIFY_EQ(input("path"), Json::array({"A", "B"}));
    JSON_VERIFY_EQ(input("string"), Json("2 items, {\"a\":1}, null"));
    JSON_VERIFY_EQ(input("json"), (Json{{"n", 2}, {"o", {{"a", 1}}}, {"q", "say \"hi\""}, {"t", "say \"hi\""},
                                        {"id", "2026-11-22T02:00:00Z"}}));
    JSON_VERIFY_EQ(input("text"), Json("Got 2 items"));

    // A malformed rules file names the place.
    const auto bad = Rules::parse(R"({"Rules": [{"Name": "r", "EventPattern": {"source": ["s"]},
        "Targets": [{"Id": "t", "Workflow": "w", "RetryPolicy": {"MaximumRetryAttempts": -1}}]}]})",
                                  QStringLiteral("/base"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().where.pointer, QStringLiteral("/Rules/0/Targets/0/RetryPolicy/MaximumRetryAttempts"));
    QCOMPARE(bad.error().where.line, 2);
    const auto badPattern = Rules::parse(R"({"Rules": [{"Name": "r", "EventPattern": {"source": "s"}, "Targets": [{"Id": "t", "Workflow": "w"}]}]})",
                                         QStringLiteral("/base"));
    QCOMPARE(badPattern.error().where.pointer, QStringLiteral("/Rules/0/EventPattern/source"));
    const auto badSchedule = Rules::parse(R"j({"Rules": [{"Name": "r", "ScheduleExpression": "rate(1 minutes)", "Targets": [{"Id": "t", "Workflow": "w"}]}]})j",
                                          QStringLiteral("/base"));
    QCOMPARE(badSchedule.error().where.pointer, QStringLiteral("/Rules/0/ScheduleExpression"));
    const auto unknown = Rules::parse(R"({"Rules": [{"Name": "r", "EventPatern": {}, "Targets": []}]})", QStringLiteral("/base"));
    QCOMPARE(unknown.error().code, ErrorCode::UnknownField);
    QCOMPARE(unknown.error().where.pointer, QStringLiteral("/Rules/0/EventPatern"));
}

void TestEventBus::watchedFolderTakesEnvironmentReferences()
{
    const QByteArray text = R"({"Rules": [],
        "Triggers": {"Files": [{"Name": "inbox", "Folder": "${env:SLUICE_TEST_INBOX}/sales"}]}})";
    qunsetenv("SLUICE_TEST_INBOX");

    const auto unset = Rules::parse(text, QStringLiteral("/base"));

    QVERIFY(!unset);
    QCOMPARE(unset.error().where.pointer, QStringLiteral("/Triggers/Files/0/Folder"));
    QCOMPARE(unset.error().where.line, 2);
    QVERIFY2(unset.error().message.contains(QStringLiteral("SLUICE_TEST_INBOX")), qPrintable(unset.error().message));

    qputenv("SLUICE_TEST_INBOX", "/data/inbox");
    const auto absolute = Rules::parse(text, QStringLiteral("/base"));
    qputenv("SLUICE_TEST_INBOX", "drop");
    const auto relative = Rules::parse(text, QStringLiteral("/base"));
    qunsetenv("SLUICE_TEST_INBOX");

    QVERIFY(absolute);
    QCOMPARE(absolute->files.at(0).folder, QStringLiteral("/data/inbox/sales"));
    QCOMPARE(absolute->files.at(0).name, QStringLiteral("inbox"));
    QVERIFY(relative);
    QCOMPARE(relative->files.at(0).folder, QStringLiteral("/base/drop/sales"));   // relative: to the rules file
}

QTEST_GUILESS_MAIN(TestEventBus)
#include "tst_eventbus.moc"
