#include "monitor/RunCharts.h"

#include "monitor/ItemsTableModel.h"
#include "monitor/StatusIcons.h"

#include <QBarCategoryAxis>
#include <QHorizontalStackedBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

namespace sluice::ui {

namespace {
QChartView *makeView(QChart *chart, QWidget *parent)
{
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(240, 160);
    return view;
}
} // namespace

RunCharts::RunCharts(QWidget *parent)
    : QWidget(parent), m_rate(new QLineSeries), m_rateX(new QValueAxis), m_rateY(new QValueAxis), m_countY(new QValueAxis)
{
    auto *rateChart = new QChart;
    rateChart->setTitle(tr("Items finished per second"));
    rateChart->addSeries(m_rate);
    m_rateX->setTitleText(tr("Seconds since the run was opened"));
    m_rateX->setLabelFormat(QStringLiteral("%d"));
    m_rateX->setRange(0, 60);
    m_rateY->setLabelFormat(QStringLiteral("%d"));
    m_rateY->setTickCount(5);
    m_rateY->setRange(0, 10);
    rateChart->addAxis(m_rateX, Qt::AlignBottom);
    rateChart->addAxis(m_rateY, Qt::AlignLeft);
    m_rate->attachAxis(m_rateX);
    m_rate->attachAxis(m_rateY);
    m_rate->setColor(statusColor(ItemStatus::Running));
    m_rate->setPointsVisible(true);

    auto *statusChart = new QChart;
    statusChart->setTitle(tr("Items by status"));
    // Horizontal bars: the status names stay readable in a narrow dock. Stacked, one set per status, so
    // each bar takes its status colour.
    auto *bars = new QHorizontalStackedBarSeries;
    QStringList names;
    for (int s = 0; s < kItemStatusCount; ++s) {
        names << ItemsTableModel::statusText(ItemStatus(s));
        auto *set = new QBarSet(names.last());
        for (int c = 0; c < kItemStatusCount; ++c)
            *set << 0;
        set->setColor(statusColor(ItemStatus(s)));
        set->setBorderColor(statusColor(ItemStatus(s)));
        m_counts.append(set);
        bars->append(set);
    }
    statusChart->addSeries(bars);
    auto *categories = new QBarCategoryAxis;
    categories->append(names);
    statusChart->addAxis(categories, Qt::AlignLeft);
    m_countY->setLabelFormat(QStringLiteral("%d"));
    m_countY->setTickCount(5);
    m_countY->setRange(0, 10);
    statusChart->addAxis(m_countY, Qt::AlignBottom);
    bars->attachAxis(categories);
    bars->attachAxis(m_countY);

    m_rateView = makeView(rateChart, this);
    m_statusView = makeView(statusChart, this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rateView, 3);
    layout->addWidget(m_statusView, 2);
    m_clock.start();
}

void RunCharts::open(const QString &executionId)
{
    m_execution = executionId;
    m_clock.restart();
    m_rate->clear();
    m_rates.clear();
    m_lastFinished = 0;
    m_finished = 0;
    m_bucket = 0;
    for (int s = 0; s < kItemStatusCount; ++s)
        m_counts[s]->replace(s, 0);
    m_rateX->setRange(0, 60);
    m_rateY->setRange(0, 10);
    m_countY->setRange(0, 10);
}

void RunCharts::closeBuckets(qint64 atMs)
{
    // Every bucket that ended before `atMs` gets its rate; the items finished since the last closed bucket
    // count in the first of them (snapshots come ten times a second, so that is the one they fell in).
    const qint64 current = atMs / kBucketMs;
    double top = m_rateY->max();
    while (m_bucket < current) {
        const double rate = double(m_finished - m_lastFinished) * 1000.0 / kBucketMs;
        m_lastFinished = m_finished;
        m_rates.append(rate);
        m_rate->append(double(m_bucket + 1), rate);
        top = std::max(top, rate * 1.15);
        ++m_bucket;
    }
    if (m_rate->count() > kWindowSeconds)
        m_rate->removePoints(0, m_rate->count() - kWindowSeconds);
    m_rateY->setRange(0, std::max(10.0, top));
    m_rateY->applyNiceNumbers();
    const double end = double(std::max<qint64>(60, m_bucket));
    m_rateX->setRange(std::max(0.0, end - kWindowSeconds), end);
}

void RunCharts::applySnapshot(const ProgressSnapshot &snapshot, qint64 atMs)
{
    if (snapshot.executionId != m_execution)
        return;
    if (atMs < 0)
        atMs = m_clock.elapsed();
    closeBuckets(atMs);
    const ItemCounts &counts = snapshot.items;
    m_finished = counts[size_t(ItemStatus::Succeeded)] + counts[size_t(ItemStatus::Failed)]
        + counts[size_t(ItemStatus::Cancelled)];
    qint64 most = 0;
    for (int s = 0; s < kItemStatusCount; ++s) {
        m_counts[s]->replace(s, double(counts[size_t(s)]));
        most = std::max(most, counts[size_t(s)]);
    }
    m_countY->setRange(0, std::max<double>(10, double(most) * 1.1));
    m_countY->applyNiceNumbers();
}

QList<double> RunCharts::rates() const
{
    return m_rates;
}

QList<qint64> RunCharts::statusCounts() const
{
    QList<qint64> values;
    for (int s = 0; s < kItemStatusCount; ++s)
        values.append(qint64(m_counts[s]->at(s)));
    return values;
}

} // namespace sluice::ui
