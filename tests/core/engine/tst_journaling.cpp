// What the engine tells the journal: every transition in order per item, and items that fail for good
// marked for the DLQ with the input that replays their state.

#include "EngineTestUtil.h"
#include "engine/JournalSink.h"

#include <QMutex>

using namespace sluice;

namespace {

/// Collects records in memory, in the order append() received them.
class CollectingSink : public JournalSink
{
public:
    void append(std::vector<JournalRecord> records) override
    {
        QMutexLocker lock(&m_mutex);
        for (auto &r : records)
            m_records.push_back(std::move(r));
    }
    std::vector<JournalRecord> records()
    {
        QMutexLocker lock(&m_mutex);
        return m_records;
    }

private:
    QMutex m_mutex;
    std::vector<JournalRecord> m_records;   // guarded by m_mutex
};

using Type = JournalRecord::Type;

} // namespace

class TestJournaling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordsEveryTransitionAndTheDlq()
    {
        const Json definition = {
            {"StartAt", "Prepare"},
            {"States",
             {{"Prepare", {{"Type", "Pass"}, {"Result", "x"}, {"ResultPath", "$.tag"}, {"Next", "Each"}}},
              {"Each",
               {{"Type", "Map"}, {"ItemsPath", "$.items"}, {"ToleratedFailureCount", 5},
                {"ItemProcessor",
                 {{"ProcessorConfig", {{"Mode", "DISTRIBUTED"}, {"ExecutionType", "STANDARD"}}},
                  {"StartAt", "Load"},
                  {"States",
                   {{"Load", {{"Type", "Task"}, {"Resource", "sluice:fail"},
                              {"Parameters", {{"Error", "Http.503"}, {"Cause", "down"}, {"Attempts.$", "$.failures"}}},
                              {"Retry", Json::array({{{"ErrorEquals", {"Http.503"}}, {"MaxAttempts", 1}}})},
                              {"ResultPath", Json()}, {"Next", "Done"}}},
                    {"Done", {{"Type", "Succeed"}}}}}}},
                {"End", true}}}}}};
        // item 1 succeeds at once, item 2 after one retry, item 3 fails for good (2 failures > 1 retry)
        const Json input = {{"items", Json::array({{{"failures", 0}}, {{"failures", 1}}, {{"failures", 2}}})}};
        auto sink = std::make_shared<CollectingSink>();
        ExecutionOptions options;
        options.journal = sink;
        options.workflowVersion = "v1";
        options.noDelays = true;
        Engine engine(2);
        const ExecutionResult result = test::runToEnd(engine, definition, input, options);
        QCOMPARE(int(result.status), int(ExecutionStatus::Succeeded));

        const auto records = sink->records();
        QVERIFY(!records.empty());
        QCOMPARE(int(records.front().type), int(Type::ExecutionStarted));
        QCOMPARE(QString::fromStdString(records.front().workflowVersion), QStringLiteral("v1"));
        QCOMPARE(int(records.back().type), int(Type::ExecutionFinished));
        QCOMPARE(QString::fromStdString(records.back().executionStatus), QStringLiteral("SUCCEEDED"));

        std::map<qint64, std::vector<const JournalRecord *>> byItem;
        for (const auto &r : records) {
            QCOMPARE(r.executionId, result.executionId);
            if (r.type != Type::ExecutionStarted && r.type != Type::ExecutionFinished)
                byItem[r.item].push_back(&r);
        }
        QCOMPARE(byItem.size(), size_t(4));   // the root and three Map items

        int dlq = 0;
        for (const auto &[item, list] : byItem) {
            QCOMPARE(int(list.front()->type), int(Type::ItemStarted));
            QCOMPARE(int(list.back()->type), int(Type::ItemFinished));
            if (item == 0)
                continue;
            QCOMPARE(QString::fromStdString(list.front()->mapState), QStringLiteral("Each"));
            const JournalRecord &last = *list.back();
            if (last.status == ItemStatus::Failed) {
                ++dlq;
                QVERIFY(last.dlq);
                QCOMPARE(QString::fromStdString(last.state), QStringLiteral("Load"));
                QCOMPARE(QString::fromStdString(last.error), QStringLiteral("Http.503"));
                QCOMPARE(last.attempt, 2);
                QVERIFY(last.dlqInput);
                QCOMPARE(QString::fromStdString(last.dlqInput->dump()), QStringLiteral(R"({"failures":2})"));
                QVERIFY(last.firstFailureMs > 0 && last.firstFailureMs <= last.timeMs);
            } else {
                QVERIFY(!last.dlq);
            }
            // Entered Load, then (after any retries) exited it and entered Done, or failed in it.
            std::vector<int> types;
            for (const JournalRecord *r : list)
                types.push_back(int(r->type));
            QVERIFY(std::count(types.begin(), types.end(), int(Type::TaskScheduled)) >= 1);
        }
        QCOMPARE(dlq, 1);
    }

    void aMapThatFailsIsNotADlqEntryOfItsOwn()
    {
        const Json definition = {{"StartAt", "M"},
                                 {"States", {{"M", {{"Type", "Map"}, {"ItemProcessor", {{"StartAt", "F"}, {"States", {{"F", {{"Type", "Fail"}, {"Error", "Bad"}}}}}}}, {"End", true}}}}}};
        auto sink = std::make_shared<CollectingSink>();
        ExecutionOptions options;
        options.journal = sink;
        Engine engine(2);
        const ExecutionResult result = test::runToEnd(engine, definition, Json::array({1}), options);
        QCOMPARE(int(result.status), int(ExecutionStatus::Failed));
        int dlq = 0;
        for (const auto &r : sink->records()) {
            if (r.type == Type::ItemFinished && r.dlq) {
                ++dlq;
                QCOMPARE(r.item, qint64(1));
                QCOMPARE(QString::fromStdString(r.state), QStringLiteral("F"));
            }
        }
        QCOMPARE(dlq, 1);
    }
};

QTEST_GUILESS_MAIN(TestJournaling)
#include "tst_journaling.moc"
