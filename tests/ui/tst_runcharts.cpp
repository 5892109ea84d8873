// The run charts, fed with the snapshots the real engine publishes while a Map runs: the status bars end
// at the run's final counts, the rate line holds one point per second whose sum is the items finished.

#include "../core/engine/EngineTestUtil.h"
#include "monitor/RunCharts.h"

#include <QChartView>
#include <QDir>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

using namespace sluice;

namespace {
const char *const kMap = R"json({
  "StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentage": 100,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Check", "States": {
      "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 270, "Next": "Reject"}],
                "Default": "Wait"},
      "Wait": {"Type": "Wait", "Seconds": 0, "End": true},
      "Reject": {"Type": "Fail", "Error": "Too.Big", "Cause": "n over 270"}}},
    "End": true}}})json";
}

class TestRunCharts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheSnapshotsOfARealRun()
    {
        Json items = Json::array();
        for (int n = 1; n <= 300; ++n)
            items.push_back({{"n", n}});
        QMutex mutex;
        std::vector<ProgressSnapshot> snapshots;   // guarded by mutex
        ExecutionOptions options;
        options.onProgress = [&](const ProgressSnapshot &snapshot) {
            QMutexLocker lock(&mutex);
            snapshots.push_back(snapshot);
        };
        Engine engine(2);
        const ExecutionResult result = test::runToEnd(engine, Json::parse(kMap), {{"items", items}}, options);
        QCOMPARE(result.status, ExecutionStatus::Succeeded);
        QVERIFY(!snapshots.empty());

        ui::RunCharts charts;
        charts.resize(900, 280);
        charts.show();
        charts.open(result.executionId);
        // Replayed as if they arrived 100 ms apart: 10 per second.
        for (size_t i = 0; i < snapshots.size(); ++i)
            charts.applySnapshot(snapshots[i], qint64(i) * 100);
        ProgressSnapshot other = snapshots.back();
        other.executionId = QStringLiteral("another run");
        other.items[size_t(ItemStatus::Failed)] = 999;
        charts.applySnapshot(other, qint64(snapshots.size()) * 100);   // not this run's: ignored
        charts.applySnapshot(snapshots.back(), qint64(snapshots.size() + 10) * 100);   // closes the last second

        const ItemCounts &last = snapshots.back().items;
        const QList<qint64> bars = charts.statusCounts();
        QCOMPARE(bars[int(ItemStatus::Failed)], last[size_t(ItemStatus::Failed)]);
        QCOMPARE(bars[int(ItemStatus::Succeeded)], last[size_t(ItemStatus::Succeeded)]);
        QCOMPARE(bars[int(ItemStatus::Failed)], qint64(30));   // n = 271..300
        double finished = 0;
        for (double rate : charts.rates())
            finished += rate;
        QCOMPARE(qint64(finished), last[size_t(ItemStatus::Succeeded)] + last[size_t(ItemStatus::Failed)]);
        QCOMPARE(charts.rates().size(), int((snapshots.size() + 10) / 10));

        const QString dir = qEnvironmentVariable("SLUICE_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QTest::qWait(100);   // the charts lay out their axes again after the ranges changed
            QVERIFY(charts.grab().save(dir + QStringLiteral("/run-charts.png")));
        }
    }
};

QTEST_MAIN(TestRunCharts)
#include "tst_runcharts.moc"
