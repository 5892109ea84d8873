// sluice:event.put and sluice:event.wait in real executions on a real SQLite store: put from a workflow,
// wait until a matching event arrives (non-matching ones pass by), TimeoutSeconds -> States.Timeout, and a
// wait that survives a restart: an event put while no one waited is found by the resumed wait.

#include "EventsTestUtil.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "events/EventStore.h"
#include "events/EventTasks.h"
#include "tasks/TaskRegistry.h"
#include "tasks/TaskResource.h"

#include <QElapsedTimer>

#include <atomic>
#include <mutex>

using namespace sluice;

namespace {

std::shared_ptr<const Workflow> workflow(const Json &definition)
{
    auto parsed = definition::parse(QByteArray::fromStdString(definition.dump()));
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().toString()));
    return parsed.value();
}

Json waitFor(const Json &pattern, int timeoutSeconds)
{
    return {{"StartAt", "Wait"},
            {"States",
             {{"Wait", {{"Type", "Task"}, {"Resource", "sluice:event.wait"}, {"TimeoutSeconds", timeoutSeconds},
                        {"Parameters", {{"EventPattern", pattern}}}, {"End", true}}}}}};
}

} // namespace

class TestEventTasks : public QObject
{
    Q_OBJECT
private:
    events_test::Stores m_stores;
    QString m_location;
    std::shared_ptr<TaskRegistry> m_tasks;
    std::unique_ptr<EventStore> m_store;

    ExecutionOptions options()
    {
        ExecutionOptions o;
        o.tasks = m_tasks;
        return o;
    }

private Q_SLOTS:
    void initTestCase() { m_stores.init("tst_eventtasks"); }
    void init()
    {
        m_location = m_stores.fresh(QStringLiteral("sqlite"));
        m_tasks = TaskRegistry::withBuiltins();
        QVERIFY(addEventTasks(*m_tasks, m_location, 20));
        auto store = EventStore::open(m_location);
        QVERIFY(store);
        m_store = std::move(store).value();
    }
    void cleanup()
    {
        m_tasks.reset();
        m_store.reset();
    }
    void cleanupTestCase() { m_stores.cleanup(); }

    void putsAnEventFromAWorkflow();
    void waitsForTheMatchingEvent();
    void waitTimesOutWithStatesTimeout();
    void waitFindsWhatArrivedWhileDown();
    void refusesBadParameters();
};

void TestEventTasks::putsAnEventFromAWorkflow()
{
    Engine engine(2);
    const Json definition = {
        {"StartAt", "Tell"},
        {"States",
         {{"Tell", {{"Type", "Task"}, {"Resource", "sluice:event.put"},
                    {"Parameters", {{"Source", "wf"}, {"DetailType", "Counted"}, {"Detail", {{"n.$", "$.n"}}}}},
                    {"End", true}}}}}};

    const Execution execution = engine.start(workflow(definition), Json{{"n", 42}}, options());
    QVERIFY(execution.waitForFinished(10000));

    const ExecutionResult result = execution.result();
    QCOMPARE(result.status, ExecutionStatus::Succeeded);
    auto events = m_store->events();
    QCOMPARE(events->size(), 1);
    QCOMPARE(result.output()["EventId"].get<std::string>(), events->first().event.id);
    QVERIFY(events->first().event.detail == Json({{"n", 42}}));
    QCOMPARE(QString::fromStdString(events->first().event.detailType), QStringLiteral("Counted"));
}

void TestEventTasks::waitsForTheMatchingEvent()
{
    Engine engine(2);
    QVERIFY(m_store->put(Event::make("files", "Object Created", Json{{"name", "sales.csv"}}, 1)));   // before the wait: old
    const Execution execution =
        engine.start(workflow(waitFor(Json{{"source", {"files"}}, {"detail", {{"name", {"sales.csv"}}}}}, 20)),
                     Json::object(), options());
    QTest::qWait(200);
    QVERIFY(!execution.isFinished());

    QVERIFY(m_store->put(Event::make("files", "Object Created", Json{{"name", "stock.csv"}}, 2)));
    QTest::qWait(200);
    QVERIFY(!execution.isFinished());
    QVERIFY(m_store->put(Event::make("files", "Object Created", Json{{"name", "sales.csv"}, {"size", 10}}, 3)));

    QVERIFY(execution.waitForFinished(10000));
    const ExecutionResult result = execution.result();
    QCOMPARE(result.status, ExecutionStatus::Succeeded);
    QCOMPARE(result.output()["detail"]["size"].get<int>(), 10);
}

void TestEventTasks::waitTimesOutWithStatesTimeout()
{
    Engine engine(2);
    QElapsedTimer timer;
    timer.start();

    const Execution execution = engine.start(workflow(waitFor(Json{{"source", {"never"}}}, 1)), Json::object(), options());
    QVERIFY(execution.waitForFinished(10000));

    QCOMPARE(execution.result().status, ExecutionStatus::Failed);
    QCOMPARE(QString::fromStdString(execution.result().failure.error), QStringLiteral("States.Timeout"));
    QVERIFY(timer.elapsed() >= 900);
}

void TestEventTasks::waitFindsWhatArrivedWhileDown()
{
    TaskCall call;
    call.resource = "sluice:event.wait";
    call.input = Json{{"EventPattern", {{"source", {"partner"}}}}};
    call.executionId = "exec-1";
    call.itemId = 3;
    call.stateName = "Wait for partner";
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    call.cancelled = cancelled;
    std::mutex mutex;
    std::vector<Result<Json, Failure>> answers;
    auto collect = [&](Result<Json, Failure> r) {
        const std::lock_guard lock(mutex);
        answers.push_back(std::move(r));
    };
    auto count = [&] {
        const std::lock_guard lock(mutex);
        return answers.size();
    };

    // The first process waits, then goes down (its wait ends cancelled, as at shutdown).
    m_tasks->find("sluice:event.wait")->invoke(call, collect);
    QTest::qWait(200);
    cancelled->store(true);
    QTRY_COMPARE_WITH_TIMEOUT(count(), size_t(1), 5000);
    QVERIFY(!answers[0]);
    m_tasks.reset();

    // While no one waits, the event arrives.
    QVERIFY(m_store->put(Event::make("partner", "Delivered", Json{{"file", "b.csv"}}, 5)));

    // The restarted process resumes the task: the same wait finds it at once.
    auto restarted = TaskRegistry::withBuiltins();
    QVERIFY(addEventTasks(*restarted, m_location, 20));
    call.cancelled = std::make_shared<std::atomic_bool>(false);
    call.attempt = 1;
    restarted->find("sluice:event.wait")->invoke(call, collect);
    QTRY_COMPARE_WITH_TIMEOUT(count(), size_t(2), 5000);
    QVERIFY(answers[1]);
    QCOMPARE(answers[1].value()["detail"]["file"].get<std::string>(), std::string("b.csv"));

    // Another item's wait started after the event: it does not take it.
    call.itemId = 4;
    restarted->find("sluice:event.wait")->invoke(call, collect);
    QTest::qWait(300);
    QCOMPARE(count(), size_t(2));
}

void TestEventTasks::refusesBadParameters()
{
    Engine engine(2);
    const Json badPattern = waitFor(Json{{"source", "not-an-array"}}, 5);
    const Json badPut = {{"StartAt", "Tell"},
                         {"States",
                          {{"Tell", {{"Type", "Task"}, {"Resource", "sluice:event.put"},
                                     {"Parameters", {{"Source", "wf"}}}, {"End", true}}}}}};

    const Execution a = engine.start(workflow(badPattern), Json::object(), options());
    const Execution b = engine.start(workflow(badPut), Json::object(), options());
    QVERIFY(a.waitForFinished(10000) && b.waitForFinished(10000));

    QCOMPARE(QString::fromStdString(a.result().failure.error), QStringLiteral("States.Runtime"));
    QVERIFY(QString::fromStdString(a.result().failure.cause).contains(QStringLiteral("/EventPattern/source")));
    QCOMPARE(QString::fromStdString(b.result().failure.error), QStringLiteral("States.Runtime"));
    QCOMPARE(m_store->events()->size(), 0);
}

QTEST_GUILESS_MAIN(TestEventTasks)
#include "tst_eventtasks.moc"
