#include "dlq/DlqEntryModel.h"

#include <QDateTime>
#include <QPainter>
#include <QPixmap>

namespace sluice::ui {

DlqEntryModel::DlqEntryModel(QObject *parent) : QAbstractTableModel(parent) {}

int DlqEntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DlqEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DlqEntryModel::statusText(DlqStatus status)
{
    switch (status) {
    case DlqStatus::Open:
        return tr("Open");
    case DlqStatus::Replaying:
        return tr("Replaying");
    case DlqStatus::Replayed:
        return tr("Replayed");
    case DlqStatus::Discarded:
        return tr("Discarded");
    }
    return {};
}

QString DlqEntryModel::outcomeText(ReplayOutcome outcome)
{
    return outcome == ReplayOutcome::Succeeded ? tr("Succeeded") : tr("Failed again");
}

QString DlqEntryModel::timeText(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString DlqEntryModel::shortTimeText(qint64 ms)
{
    if (ms <= 0)
        return {};
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    return time.date() == QDate::currentDate() ? time.toString(QStringLiteral("HH:mm:ss"))
                                               : time.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QIcon DlqEntryModel::statusIcon(DlqStatus status)
{
    static QIcon icons[4];
    QIcon &icon = icons[int(status)];
    if (icon.isNull()) {
        static const QColor colors[4] = {QColor(0xd6, 0x45, 0x3d), QColor(0x2f, 0x7e, 0xd8), QColor(0x2e, 0x9e, 0x5b),
                                         QColor(0x8a, 0x8f, 0x98)};
        for (int size : {12, 16, 24}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(Qt::NoPen);
            painter.setBrush(colors[int(status)]);
            const qreal margin = size / 4.0;
            painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    return icon;
}

QVariant DlqEntryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const DlqRow &row = m_rows.at(index.row());
    const DlqEntry &e = row.entry;
    switch (role) {
    case IdRole:
        return e.id;
    case StatusRole:
        return int(e.status);
    case ErrorRole:
        return e.error;
    case StateRole:
        return e.state;
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(statusIcon(e.status)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == AttemptsColumn || index.column() == ItemColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == CauseColumn)
            return e.cause;
        if (index.column() == ReplaysColumn && row.replayCount > 0 && !row.lastReplay.error.isEmpty())
            return QStringLiteral("%1: %2").arg(row.lastReplay.error, row.lastReplay.cause);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return e.id;
        case StatusColumn:
            return statusText(e.status);
        case ErrorColumn:
            return e.error;
        case StateColumn:
            return e.state;
        case CauseColumn: {
            QString cause = e.cause;
            cause.replace(QLatin1Char('\n'), QLatin1Char(' '));
            return cause;
        }
        case AttemptsColumn:
            return e.attempts;
        case LastFailureColumn:
            return timeText(e.lastFailureMs);
        case ExecutionColumn:
            return e.executionId;
        case ItemColumn:
            return e.item;
        case ReplaysColumn:
            if (row.replayCount == 0)
                return QString();
            return tr("%1 × · last: %2").arg(row.replayCount).arg(outcomeText(row.lastReplay.outcome));
        }
        return {};
    }
    return {};
}

QVariant DlqEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Entry");
    case StatusColumn:
        return tr("Status");
    case ErrorColumn:
        return tr("Error");
    case StateColumn:
        return tr("State");
    case CauseColumn:
        return tr("Cause");
    case AttemptsColumn:
        return tr("Attempts");
    case LastFailureColumn:
        return tr("Last failure");
    case ExecutionColumn:
        return tr("Execution");
    case ItemColumn:
        return tr("Item");
    case ReplaysColumn:
        return tr("Replays");
    }
    return {};
}

bool DlqEntryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_active && !m_atEnd && !m_loading;
}

void DlqEntryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    Q_EMIT pageRequested(lastId());
}

void DlqEntryModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_loading = false;
    endResetModel();
}

void DlqEntryModel::setActive(bool active)
{
    m_active = active;
}

void DlqEntryModel::appendPage(qint64 afterId, const QList<DlqRow> &rows, bool atEnd)
{
    if (afterId != lastId())
        return;   // an answer to a request made before the rows changed
    m_loading = false;
    m_atEnd = atEnd;
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
    m_rows.append(rows);
    endInsertRows();
}

void DlqEntryModel::replaceRows(const QList<DlqRow> &rows, bool atEnd)
{
    m_loading = false;
    m_atEnd = atEnd;
    bool same = rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i)
        same = rows[i].entry.id == m_rows[i].entry.id;
    if (same) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void DlqEntryModel::pageFailed()
{
    m_loading = false;
    m_atEnd = true;   // do not ask again and again; a refresh starts over
}

int DlqEntryModel::rowOf(qint64 id) const
{
    // Rows are ordered by id.
    auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                               [](const DlqRow &row, qint64 value) { return row.entry.id < value; });
    return it != m_rows.cend() && it->entry.id == id ? int(it - m_rows.cbegin()) : -1;
}

} // namespace sluice::ui
