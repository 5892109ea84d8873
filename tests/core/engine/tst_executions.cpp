// Executions as a whole: scale, cancellation, timers, progress snapshots, limits, ItemReader streaming.

#include "EngineTestUtil.h"
#include "engine/RetryPolicy.h"
#include "tasks/TaskRegistry.h"
#include "tasks/TaskResource.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <thread>

using namespace sluice;

namespace {

Json mapOver(const Json &processorStates, const std::string &start, const Json &extra = Json::object())
{
    Json map = {{"Type", "Map"},
                {"ItemProcessor",
                 {{"ProcessorConfig", {{"Mode", "DISTRIBUTED"}, {"ExecutionType", "STANDARD"}}},
                  {"StartAt", start},
                  {"States", processorStates}}},
                {"End", true}};
    map.update(extra);
    return {{"StartAt", "M"}, {"States", {{"M", map}}}};
}

/// A task resource that records when each attempt arrives, then fails the first `failures` of them.
class RecordingResource : public TaskResource
{
public:
    explicit RecordingResource(int failures) : m_failures(failures) { m_clock.start(); }
    void invoke(const TaskCall &call, TaskCallback done) override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_times.push_back(m_clock.elapsed());
            m_keys.push_back(call.idempotencyKey);
        }
        if (call.attempt <= m_failures)
            done(Failure{"Http.503", "busy"});
        else
            done(Json(call.attempt));
    }
    std::vector<qint64> times()
    {
        QMutexLocker lock(&m_mutex);
        return m_times;
    }
    std::vector<std::string> keys()
    {
        QMutexLocker lock(&m_mutex);
        return m_keys;
    }

private:
    const int m_failures;
    QElapsedTimer m_clock;
    QMutex m_mutex;
    std::vector<qint64> m_times;        // guarded by m_mutex
    std::vector<std::string> m_keys;    // guarded by m_mutex
};

/// A slow task on its own thread that may send heartbeats while it works.
class SlowResource : public TaskResource
{
public:
    SlowResource(int workMs, int heartbeatEveryMs) : m_workMs(workMs), m_everyMs(heartbeatEveryMs) {}
    ~SlowResource() override
    {
        for (auto &t : m_threads)
            t.join();
    }
    void invoke(const TaskCall &call, TaskCallback done) override
    {
        m_threads.emplace_back([this, call, done = std::move(done)]() {
            for (int waited = 0; waited < m_workMs; waited += 50) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                if (m_everyMs > 0 && waited % m_everyMs == 0 && call.heartbeat)
                    call.heartbeat();
            }
            done(Json("done"));
        });
    }

private:
    const int m_workMs;
    const int m_everyMs;
    std::vector<std::thread> m_threads;
};

} // namespace

class TestExecutions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapOf100000Items()
    {
        Engine engine(2);
        Json items = Json::array();
        for (int i = 0; i < 100000; ++i)
            items.push_back({{"id", i}, {"price", i % 100}});
        const Json definition = mapOver(
            {{"Label", {{"Type", "Pass"}, {"Parameters", {{"id.$", "$.id"}, {"label.$", "States.Format('#{}', $.id)"}, {"price.$", "$.price"}}}, {"Next", "Route"}}},
             {"Route", {{"Type", "Choice"}, {"Choices", Json::array({{{"Variable", "$.price"}, {"NumericGreaterThan", 50}, {"Next", "High"}}})}, {"Default", "Low"}}},
             {"High", {{"Type", "Pass"}, {"Result", "high"}, {"ResultPath", "$.tier"}, {"End", true}}},
             {"Low", {{"Type", "Pass"}, {"Result", "low"}, {"ResultPath", "$.tier"}, {"End", true}}}},
            "Label");
        ProgressSnapshot last;
        QMutex mutex;
        ExecutionOptions options;
        options.onProgress = [&](const ProgressSnapshot &s) {
            QMutexLocker lock(&mutex);
            if (s.final)
                last = s;
        };
        const ExecutionResult result = test::runToEnd(engine, definition, std::move(items), options, 120000);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(result.output().size(), size_t(100000));
        QCOMPARE(QString::fromStdString(result.output()[77].dump()),
                 QStringLiteral(R"({"id":77,"label":"#77","price":77,"tier":"high"})"));
        QCOMPARE(QString::fromStdString(result.output()[99999]["label"].get<std::string>()), QStringLiteral("#99999"));
        QMutexLocker lock(&mutex);
        QVERIFY(last.final);
        QCOMPARE(last.items[size_t(ItemStatus::Succeeded)], qint64(100001));   // 100,000 items and item 0
        QCOMPARE(last.states["Label"].entered, qint64(100000));
        QCOMPARE(last.states["High"].succeeded + last.states["Low"].succeeded, qint64(100000));
        QCOMPARE(last.states["High"].succeeded, qint64(49000));
        QCOMPARE(last.states["Label"].inState, qint64(0));
    }

    void cancelStopsAWaitingExecution()
    {
        Engine engine(2);
        const Json definition = {{"StartAt", "W"}, {"States", {{"W", {{"Type", "Wait"}, {"Seconds", 3600}, {"End", true}}}}}};
        const Execution execution = engine.start(test::workflowFrom(definition), Json::object());
        QVERIFY(!execution.waitForFinished(100));
        QElapsedTimer timer;
        timer.start();
        execution.cancel();
        QVERIFY(execution.waitForFinished(2000));
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(int(execution.result().status), int(ExecutionStatus::Aborted));
    }

    void cancelStopsAMapMidway()
    {
        Engine engine(2);
        Json items = Json::array();
        for (int i = 0; i < 2000; ++i)
            items.push_back(i);
        const Json definition = mapOver({{"S", {{"Type", "Task"}, {"Resource", "sluice:sleep"}, {"Parameters", {{"Seconds", 0.2}}}, {"End", true}}}},
                                        "S", {{"MaxConcurrency", 10}});
        const Execution execution = engine.start(test::workflowFrom(definition), items);
        QVERIFY(!execution.waitForFinished(300));
        execution.cancel();
        QVERIFY(execution.waitForFinished(2000));
        QCOMPARE(int(execution.result().status), int(ExecutionStatus::Aborted));
    }

    void waitsRunOnTimersNotThreads()
    {
        // 2,000 items each waiting 300 ms on 2 workers: done in about 300 ms, not 2,000 x 300 ms.
        Engine engine(2);
        Json items = Json::array();
        for (int i = 0; i < 2000; ++i)
            items.push_back(i);
        const Json definition = mapOver({{"W", {{"Type", "Wait"}, {"Seconds", 0}, {"Next", "W2"}}},
                                         {"W2", {{"Type", "Task"}, {"Resource", "sluice:sleep"}, {"Parameters", {{"Seconds", 0.3}}}, {"End", true}}}},
                                        "W");
        QElapsedTimer timer;
        timer.start();
        const ExecutionResult result = test::runToEnd(engine, definition, items);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }

    void retryDelaysFollowBackoff_data()
    {
        QTest::addColumn<double>("interval");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("maxDelay");
        QTest::addColumn<int>("retry");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("first retry is the interval") << 1.0 << 2.0 << 0.0 << 0 << qint64(1000);
        QTest::newRow("second doubles") << 1.0 << 2.0 << 0.0 << 1 << qint64(2000);
        QTest::newRow("fifth") << 3.0 << 1.5 << 0.0 << 4 << qint64(15188);
        QTest::newRow("capped by MaxDelaySeconds") << 1.0 << 2.0 << 5.0 << 6 << qint64(5000);
        QTest::newRow("rate 1 stays flat") << 2.0 << 1.0 << 0.0 << 9 << qint64(2000);
    }
    void retryDelaysFollowBackoff()
    {
        QFETCH(double, interval);
        QFETCH(double, rate);
        QFETCH(double, maxDelay);
        QFETCH(int, retry);
        QFETCH(qint64, expectedMs);
        Retrier r;
        r.intervalSeconds = interval;
        r.backoffRate = rate;
        if (maxDelay > 0)
            r.maxDelaySeconds = maxDelay;
        QCOMPARE(retry::delayMs(r, retry), expectedMs);
        r.jitterFull = true;   // FULL jitter: a random share of the same delay
        QCOMPARE(retry::delayMs(r, retry, [] { return 0.25; }), qint64(std::llround(double(expectedMs) * 0.25)));
        QCOMPARE(retry::delayMs(r, retry, [] { return 0.0; }), qint64(0));
    }

    void retryTimingEndToEnd()
    {
        // IntervalSeconds 1, BackoffRate 2, MaxDelaySeconds 3: retries after 1 s, 2 s, then 3 s (not 4 s).
        auto tasks = TaskRegistry::withBuiltins();
        auto recorder = std::make_shared<RecordingResource>(3);
        tasks->add("test:record", recorder);
        const Json definition = {{"StartAt", "T"},
                                 {"States", {{"T", {{"Type", "Task"}, {"Resource", "test:record"},
                                  {"Retry", Json::array({{{"ErrorEquals", {"Http.503"}}, {"IntervalSeconds", 1}, {"BackoffRate", 2.0}, {"MaxAttempts", 3}, {"MaxDelaySeconds", 3}}})},
                                  {"End", true}}}}}};
        Engine engine(2);
        ExecutionOptions options;
        options.tasks = tasks;
        const ExecutionResult result = test::runToEnd(engine, definition, Json::object(), options, 20000);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(result.output().get<int>(), 4);
        const auto times = recorder->times();
        QCOMPARE(times.size(), size_t(4));
        const qint64 expected[] = {1000, 2000, 3000};
        for (int i = 0; i < 3; ++i) {
            const qint64 gap = times[size_t(i + 1)] - times[size_t(i)];
            QVERIFY2(gap >= expected[i] - 5 && gap < expected[i] + 400, qPrintable(QStringLiteral("retry %1 after %2 ms").arg(i + 1).arg(gap)));
        }
        const auto keys = recorder->keys();
        QVERIFY(keys[0] != keys[1]);   // each attempt gets its own idempotency key
        QVERIFY(QString::fromStdString(keys[3]).endsWith(QStringLiteral("/0/T/4")));
    }

    void noDelaysSkipsRetryIntervals()
    {
        auto tasks = TaskRegistry::withBuiltins();
        auto recorder = std::make_shared<RecordingResource>(3);
        tasks->add("test:record", recorder);
        const Json definition = {{"StartAt", "T"},
                                 {"States", {{"T", {{"Type", "Task"}, {"Resource", "test:record"},
                                  {"Retry", Json::array({{{"ErrorEquals", {"States.ALL"}}, {"IntervalSeconds", 100}, {"MaxAttempts", 3}}})},
                                  {"End", true}}}}}};
        Engine engine(2);
        ExecutionOptions options;
        options.tasks = tasks;
        options.noDelays = true;
        QElapsedTimer timer;
        timer.start();
        const ExecutionResult result = test::runToEnd(engine, definition, Json::object(), options);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QVERIFY(timer.elapsed() < 2000);
    }

    void heartbeatSecondsNeedsHeartbeats_data()
    {
        QTest::addColumn<int>("heartbeatEveryMs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("beating") << 300 << QStringLiteral("\"done\"");
        QTest::newRow("silent") << 0 << QStringLiteral("States.HeartbeatTimeout");
    }
    void heartbeatSecondsNeedsHeartbeats()
    {
        QFETCH(int, heartbeatEveryMs);
        QFETCH(QString, expected);
        auto tasks = TaskRegistry::withBuiltins();
        auto slow = std::make_shared<SlowResource>(1600, heartbeatEveryMs);
        tasks->add("test:slow", slow);
        const Json definition = {{"StartAt", "T"},
                                 {"States", {{"T", {{"Type", "Task"}, {"Resource", "test:slow"}, {"HeartbeatSeconds", 1},
                                                    {"TimeoutSeconds", 10}, {"End", true}}}}}};
        Engine engine(2);
        ExecutionOptions options;
        options.tasks = tasks;
        const ExecutionResult result = test::runToEnd(engine, definition, Json::object(), options);
        const QString got = result.status == ExecutionStatus::Succeeded ? QString::fromStdString(result.output().dump())
                                                                        : QString::fromStdString(result.failure.error);
        QCOMPARE(got, expected);
    }

    void executionTimeoutSeconds()
    {
        Engine engine(2);
        const Json definition = {{"StartAt", "W"}, {"TimeoutSeconds", 1},
                                 {"States", {{"W", {{"Type", "Wait"}, {"Seconds", 60}, {"End", true}}}}}};
        const ExecutionResult result = test::runToEnd(engine, definition, Json::object());
        QCOMPARE(int(result.status), int(ExecutionStatus::TimedOut));
        QCOMPARE(QString::fromStdString(result.failure.error), QStringLiteral("States.Timeout"));
    }

    void payloadLimitGivesDataLimitExceeded()
    {
        Engine engine(2);
        const Json definition = {{"StartAt", "P"}, {"States", {{"P", {{"Type", "Pass"}, {"End", true}}}}}};
        Json big = Json::object();
        big["blob"] = std::string(50 * 1024 * 1024, 'x');   // 50 MB
        ExecutionOptions options;
        options.maxPayloadBytes = 262144;
        const ExecutionResult result = test::runToEnd(engine, definition, std::move(big), options);
        QCOMPARE(int(result.status), int(ExecutionStatus::Failed));
        QCOMPARE(QString::fromStdString(result.failure.error), QStringLiteral("States.DataLimitExceeded"));

        // Without a limit the same 50 MB input goes through.
        Json again = Json::object();
        again["blob"] = std::string(50 * 1024 * 1024, 'x');
        const ExecutionResult ok = test::runToEnd(engine, definition, std::move(again));
        QCOMPARE(int(ok.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(ok.output()["blob"].get_ref<const std::string &>().size(), size_t(50 * 1024 * 1024));
    }

    void deeplyNestedInputDoesNotCrash()
    {
        Engine engine(2);
        std::string text;
        for (int i = 0; i < 10000; ++i)
            text += "{\"a\":";
        text += "1";
        for (int i = 0; i < 10000; ++i)
            text += "}";
        Json deep = Json::parse(text);
        const Json definition = {{"StartAt", "P"}, {"States", {{"P", {{"Type", "Pass"}, {"Parameters", {{"inner.$", "$.a.a.a"}}}, {"End", true}}}}}};
        const ExecutionResult result = test::runToEnd(engine, definition, std::move(deep));
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QVERIFY(result.output()["inner"].is_object());
    }

    void itemReaderStreamsACsvFile()
    {
        QTemporaryDir dir;
        QFile csv(dir.filePath(QStringLiteral("catalogue.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("sku,name,price\n");
        for (int i = 0; i < 5000; ++i)
            csv.write(QStringLiteral("SKU-%1,\"Item, number %1\",%2\n").arg(i).arg(i % 90).toUtf8());
        csv.close();
        Engine engine(2);
        const Json definition = mapOver(
            {{"Price", {{"Type", "Choice"}, {"Choices", Json::array({{{"Variable", "$.price"}, {"StringEquals", "7"}, {"Next", "Seven"}}})}, {"Default", "Other"}}},
             {"Seven", {{"Type", "Pass"}, {"Result", 1}, {"End", true}}},
             {"Other", {{"Type", "Pass"}, {"Result", 0}, {"End", true}}}},
            "Price",
            {{"ItemReader", {{"Resource", "arn:aws:states:::s3:getObject"},
                             {"ReaderConfig", {{"InputType", "CSV"}, {"CSVHeaderLocation", "FIRST_ROW"}}},
                             {"Parameters", {{"Bucket", dir.path().toStdString()}, {"Key", "catalogue.csv"}}}}},
             {"MaxConcurrency", 50}});
        const ExecutionResult result = test::runToEnd(engine, definition, Json::object());
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(result.output().size(), size_t(5000));
        int sevens = 0;
        for (const Json &r : result.output())
            sevens += r.get<int>();
        QCOMPARE(sevens, 56);   // i % 90 == 7 for i < 5000
    }

    void itemReaderJsonLinesWithMaxItemsAndBadLine()
    {
        QTemporaryDir dir;
        QFile lines(dir.filePath(QStringLiteral("in.jsonl")));
        QVERIFY(lines.open(QIODevice::WriteOnly));
        for (int i = 0; i < 100; ++i)
            lines.write(QStringLiteral("{\"n\": %1}\n").arg(i).toUtf8());
        lines.write("{not json}\n");
        lines.close();
        Engine engine(2);
        ExecutionOptions options;
        options.baseDir = dir.path();
        const Json definition = mapOver({{"P", {{"Type", "Pass"}, {"OutputPath", "$.n"}, {"End", true}}}}, "P",
                                        {{"ItemReader", {{"Resource", "sluice:file.read"},
                                                         {"ReaderConfig", {{"InputType", "JSONL"}, {"MaxItems", 10}}},
                                                         {"Parameters", {{"Path", "in.jsonl"}}}}}});
        const ExecutionResult limited = test::runToEnd(engine, definition, Json::object(), options);
        QCOMPARE(int(limited.status), int(ExecutionStatus::Succeeded));
        QCOMPARE(QString::fromStdString(limited.output().dump()), QStringLiteral("[0,1,2,3,4,5,6,7,8,9]"));

        Json all = definition;
        all["States"]["M"]["ItemReader"]["ReaderConfig"].erase("MaxItems");
        const ExecutionResult broken = test::runToEnd(engine, all, Json::object(), options);
        QCOMPARE(int(broken.status), int(ExecutionStatus::Failed));
        QCOMPARE(QString::fromStdString(broken.failure.error), QStringLiteral("States.ItemReaderFailed"));
        QVERIFY2(broken.failure.cause.find("101") != std::string::npos, broken.failure.cause.c_str());
    }

    void resultWriterWritesManifestAndResultFiles()
    {
        QTemporaryDir dir;
        Engine engine(2);
        ExecutionOptions options;
        options.baseDir = dir.path();
        options.stateMachineName = "Export";
        const Json definition = mapOver(
            {{"C", {{"Type", "Choice"}, {"Choices", Json::array({{{"Variable", "$.n"}, {"NumericEquals", 2}, {"Next", "Bad"}}})}, {"Default", "Ok"}}},
             {"Bad", {{"Type", "Fail"}, {"Error", "Item.Bad"}, {"Cause", "two"}}},
             {"Ok", {{"Type", "Pass"}, {"Parameters", {{"doubled.$", "States.MathAdd($.n, $.n)"}}}, {"End", true}}}},
            "C",
            {{"ItemsPath", "$.items"}, {"ToleratedFailureCount", 1},
             {"ResultWriter", {{"Resource", "arn:aws:states:::s3:putObject"}, {"Parameters", {{"Bucket", "out"}, {"Prefix", "jobs"}}}}}});
        const Json input = {{"items", Json::array({{{"n", 1}}, {{"n", 2}}, {{"n", 3}}})}};
        const ExecutionResult result = test::runToEnd(engine, definition, input, options);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        const Json &out = result.output();
        QCOMPARE(QString::fromStdString(out["ResultWriterDetails"]["Bucket"].get<std::string>()), QStringLiteral("out"));
        const QString key = QString::fromStdString(out["ResultWriterDetails"]["Key"].get<std::string>());
        QVERIFY(key.startsWith(QStringLiteral("jobs/")) && key.endsWith(QStringLiteral("/manifest.json")));
        QVERIFY(QString::fromStdString(out["MapRunArn"].get<std::string>()).contains(QStringLiteral(":mapRun:Export/M:")));

        const Json manifest = test::readJsonFile(QDir(dir.filePath(QStringLiteral("out"))).filePath(key));
        QCOMPARE(manifest["ResultFiles"]["SUCCEEDED"].size(), size_t(1));
        QCOMPARE(manifest["ResultFiles"]["FAILED"].size(), size_t(1));
        const QString folder = QFileInfo(QDir(dir.filePath(QStringLiteral("out"))).filePath(key)).absolutePath();
        const Json succeeded = test::readJsonFile(folder + QStringLiteral("/SUCCEEDED_0.json"));
        QCOMPARE(succeeded.size(), size_t(2));
        QCOMPARE(QString::fromStdString(succeeded[1]["Output"].get<std::string>()), QStringLiteral(R"({"doubled":6})"));
        QCOMPARE(QString::fromStdString(succeeded[1]["Input"].get<std::string>()), QStringLiteral(R"({"n":3})"));
        const Json failed = test::readJsonFile(folder + QStringLiteral("/FAILED_0.json"));
        QCOMPARE(failed.size(), size_t(1));
        QCOMPARE(QString::fromStdString(failed[0]["Error"].get<std::string>()), QStringLiteral("Item.Bad"));
        QCOMPARE(QString::fromStdString(failed[0]["Status"].get<std::string>()), QStringLiteral("FAILED"));
    }

    void progressReportsFailedItems()
    {
        Engine engine(2);
        Json items = Json::array();
        for (int i = 0; i < 10; ++i)
            items.push_back(i);
        const Json definition = mapOver(
            {{"C", {{"Type", "Choice"}, {"Choices", Json::array({{{"Variable", "$"}, {"NumericLessThan", 3}, {"Next", "Bad"}}})}, {"Default", "Ok"}}},
             {"Bad", {{"Type", "Fail"}, {"Error", "Item.Bad"}, {"Cause", "small"}}},
             {"Ok", {{"Type", "Pass"}, {"End", true}}}},
            "C", {{"ToleratedFailurePercentage", 50}});
        QMutex mutex;
        std::map<qint64, ItemUpdate> rows;
        ProgressSnapshot last;
        ExecutionOptions options;
        options.onProgress = [&](const ProgressSnapshot &s) {
            QMutexLocker lock(&mutex);
            for (const ItemUpdate &u : s.changed)
                rows[u.id.value] = u;
            if (s.final)
                last = s;
        };
        const ExecutionResult result = test::runToEnd(engine, definition, items, options);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));
        QMutexLocker lock(&mutex);
        QCOMPARE(last.items[size_t(ItemStatus::Failed)], qint64(3));
        QCOMPARE(last.items[size_t(ItemStatus::Succeeded)], qint64(8));
        int failedRows = 0;
        for (const auto &[id, u] : rows) {
            if (u.status == ItemStatus::Failed) {
                ++failedRows;
                QCOMPARE(QString::fromStdString(u.error), QStringLiteral("Item.Bad"));
                QCOMPARE(QString::fromStdString(u.state), QStringLiteral("Bad"));
                QCOMPARE(QString::fromStdString(u.mapState), QStringLiteral("M"));
                QVERIFY(u.index >= 0 && u.index < 3);
            }
        }
        QCOMPARE(failedRows, 3);
        QCOMPARE(rows.size(), size_t(11));
    }

    void engineShutsDownWithRunningExecutions()
    {
        auto engine = std::make_unique<Engine>(2);
        const Json definition = {{"StartAt", "T"}, {"States", {{"T", {{"Type", "Task"}, {"Resource", "sluice:sleep"}, {"Parameters", {{"Seconds", 30}}}, {"End", true}}}}}};
        const Execution execution = engine->start(test::workflowFrom(definition), Json::object());
        QTest::qWait(50);
        engine.reset();   // must not hang or crash while the sleep is out
        QVERIFY(execution.waitForFinished(1000));
        QCOMPARE(int(execution.result().status), int(ExecutionStatus::Aborted));
    }
};

QTEST_GUILESS_MAIN(TestExecutions)
#include "tst_executions.moc"
