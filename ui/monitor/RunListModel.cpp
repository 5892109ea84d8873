#include "monitor/RunListModel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace sluice::ui {

namespace {

qint64 total(const ItemCounts &c)
{
    qint64 n = 0;
    for (qint64 v : c)
        n += v;
    return n;
}

qint64 done(const ItemCounts &c)
{
    return c[size_t(ItemStatus::Succeeded)] + c[size_t(ItemStatus::Failed)] + c[size_t(ItemStatus::Cancelled)];
}

QString durationText(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    if (s < 60)
        return RunListModel::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    if (s < 3600)
        return RunListModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return RunListModel::tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
}

} // namespace

RunListModel::RunListModel(QObject *parent) : QAbstractTableModel(parent) {}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunListModel::statusText(ExecutionStatus status)
{
    switch (status) {
    case ExecutionStatus::Running:
        return tr("Running");
    case ExecutionStatus::Succeeded:
        return tr("Succeeded");
    case ExecutionStatus::Failed:
        return tr("Failed");
    case ExecutionStatus::Aborted:
        return tr("Stopped");
    case ExecutionStatus::TimedOut:
        return tr("Timed out");
    }
    return {};
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const ExecutionInfo &info = row.info;
    const qint64 stopped = info.stoppedMs > 0 ? info.stoppedMs : QDateTime::currentMSecsSinceEpoch();
    switch (role) {
    case IdRole:
        return info.id;
    case StatusRole:
        return int(info.status);
    case DoneRole:
        return done(info.counts);
    case TotalRole:
        return total(info.counts);
    case FailedRole:
        return info.counts[size_t(ItemStatus::Failed)];
    case PausedRole:
        return row.paused;
    case LiveRole:
        return row.live;
    case Qt::ToolTipRole:
        return tr("Execution %1").arg(info.id) +
               (info.error.isEmpty() ? QString() : QStringLiteral("\n%1: %2").arg(info.error, info.cause));
    case Qt::ForegroundRole:
        if (index.column() == Status && info.status == ExecutionStatus::Failed)
            return QColor(0xc6, 0x28, 0x28);
        if (index.column() == Failed && info.counts[size_t(ItemStatus::Failed)] > 0)
            return QColor(0xc6, 0x28, 0x28);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Duration || index.column() == Failed)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        break;
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Workflow:
            return info.workflowName;
        case Status:
            return int(info.status);
        case Started:
            return info.startedMs;
        case Duration:
            return stopped - info.startedMs;
        case Progress: {
            const qint64 t = total(info.counts);
            return t > 0 ? double(done(info.counts)) / double(t) : 0.0;
        }
        case Failed:
            return info.counts[size_t(ItemStatus::Failed)];
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Workflow:
        return info.workflowName.isEmpty() ? info.name : info.workflowName;
    case Status:
        if (row.paused && info.status == ExecutionStatus::Running)
            return tr("Paused");
        return statusText(info.status);
    case Started:
    {
        // Today's runs by their time; older ones with the date.
        const QDateTime started = QDateTime::fromMSecsSinceEpoch(info.startedMs);
        if (started.date() == QDate::currentDate())
            return QLocale().toString(started.time(), QLocale::ShortFormat);
        return QLocale().toString(started, QLocale::ShortFormat);
    }
    case Duration:
        return durationText(stopped - info.startedMs);
    case Progress:
        return tr("%1 / %2").arg(QLocale().toString(done(info.counts)), QLocale().toString(total(info.counts)));
    case Failed:
        return QLocale().toString(info.counts[size_t(ItemStatus::Failed)]);
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Workflow:
        return tr("Workflow");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case Progress:
        return tr("Progress");
    case Failed:
        return tr("Failed");
    }
    return {};
}

void RunListModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunListModel::setRuns(const QList<ExecutionInfo> &runs)
{
    QSet<QString> seen;
    for (const ExecutionInfo &info : runs) {
        seen.insert(info.id);
        const int at = rowOf(info.id);
        if (at < 0) {
            // Newest first: the store lists new runs at the top.
            int pos = 0;
            while (pos < m_rows.size() && m_rows[pos].info.startedMs > info.startedMs)
                ++pos;
            beginInsertRows({}, pos, pos);
            m_rows.insert(pos, Row{info, false, false, false});
            endInsertRows();
            m_index.clear();
            for (int i = 0; i < m_rows.size(); ++i)
                m_index.insert(m_rows[i].info.id, i);
            continue;
        }
        Row &row = m_rows[at];
        const ItemCounts liveCounts = row.info.counts;
        const bool keepLive = row.liveCounts && info.status == ExecutionStatus::Running;
        row.info = info;
        if (keepLive)
            row.info.counts = liveCounts;   // the engine's snapshot is newer than the last commit
        emitRowChanged(at);
    }
    // Runs that fell out of the store's list (deleted stores, limits); live ones stay.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!seen.contains(m_rows[i].info.id) && !m_rows[i].live) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].info.id, i);
}

void RunListModel::addLive(const QString &executionId, const QString &workflow, qint64 startedMs)
{
    const int at = rowOf(executionId);
    if (at >= 0) {
        m_rows[at].live = true;
        emitRowChanged(at);
        return;
    }
    Row row;
    row.info.id = executionId;
    row.info.workflowName = workflow;
    row.info.startedMs = startedMs;
    row.live = true;
    beginInsertRows({}, 0, 0);
    m_rows.prepend(row);
    endInsertRows();
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].info.id, i);
}

void RunListModel::applySnapshot(const ProgressSnapshot &snapshot)
{
    const int at = rowOf(snapshot.executionId);
    if (at < 0)
        return;
    Row &row = m_rows[at];
    row.info.counts = snapshot.items;
    row.liveCounts = !snapshot.final;
    emitRowChanged(at);
}

void RunListModel::setPaused(const QString &executionId, bool paused)
{
    const int at = rowOf(executionId);
    if (at < 0)
        return;
    m_rows[at].paused = paused;
    emitRowChanged(at);
}

int RunListModel::rowOf(const QString &executionId) const
{
    return m_index.value(executionId, -1);
}

const ExecutionInfo *RunListModel::run(const QString &executionId) const
{
    const int at = rowOf(executionId);
    return at < 0 ? nullptr : &m_rows[at].info;
}

bool RunListModel::isLive(const QString &executionId) const
{
    const int at = rowOf(executionId);
    return at >= 0 && m_rows[at].live;
}

bool RunListModel::isPaused(const QString &executionId) const
{
    const int at = rowOf(executionId);
    return at >= 0 && m_rows[at].paused;
}

} // namespace sluice::ui
