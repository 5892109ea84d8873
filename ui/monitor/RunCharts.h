#pragma once

#include "engine/Progress.h"

#include <QElapsedTimer>
#include <QWidget>

class QChart;
class QChartView;
class QBarSet;
class QBarCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace sluice::ui {

/// Two charts for the open run, fed by the engine's snapshots: items finished per second over time (a
/// line, one point per kBucketMs) and the items by status now (bars in the status colours). Built on
/// QtCharts (a library kept by Qt) rather than drawn by hand. Lives in the sluice_charts library, which
/// links Qt6::Charts, so sluice_ui does not.
class RunCharts : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kBucketMs = 1000;
    static constexpr int kWindowSeconds = 300;   // the rate line keeps the last five minutes

    explicit RunCharts(QWidget *parent = nullptr);

    /// Starts over for `executionId` (its snapshots only are taken).
    void open(const QString &executionId);
    /// Takes a snapshot; `atMs` is when it arrived (ms since open(); -1: now).
    void applySnapshot(const sluice::ProgressSnapshot &snapshot, qint64 atMs = -1);

    /// Items finished per second, one value per completed bucket, oldest first.
    QList<double> rates() const;
    /// The status bars' values, by ItemStatus.
    QList<qint64> statusCounts() const;
    QChartView *rateView() const { return m_rateView; }
    QChartView *statusView() const { return m_statusView; }

private:
    void closeBuckets(qint64 atMs);

    QString m_execution;
    QElapsedTimer m_clock;
    QLineSeries *m_rate;
    QValueAxis *m_rateX;
    QValueAxis *m_rateY;
    QList<QBarSet *> m_counts;   // one per ItemStatus, each with its value in its own category
    QValueAxis *m_countY;
    QChartView *m_rateView;
    QChartView *m_statusView;
    qint64 m_lastFinished = 0;   // finished items at the end of the last closed bucket
    qint64 m_finished = 0;       // finished items in the newest snapshot
    qint64 m_bucket = 0;         // the bucket being filled (index from open())
    QList<double> m_rates;
};

} // namespace sluice::ui
