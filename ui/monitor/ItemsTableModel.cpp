#include "monitor/ItemsTableModel.h"

#include "monitor/StatusIcons.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace sluice::ui {

namespace {
constexpr int kMaxInFlight = 2;     // page reads queued on the reader at once
constexpr int kMaxWanted = 6;       // pages a view asked for that are still remembered (the newest)
constexpr int kRecountMs = 500;     // a live count is read again at most this often
constexpr int kRefreshPages = 4;    // loaded pages read again when a narrowed filter's selection moved

bool isFinal(ItemStatus status)
{
    return status == ItemStatus::Succeeded || status == ItemStatus::Failed || status == ItemStatus::Cancelled;
}
} // namespace

ItemsTableModel::ItemsTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    // A row never shows an output; the root item's is the whole Map result (95 MB over a million items).
    m_filter.outputs = false;
    m_fetchTimer.setSingleShot(true);
    m_fetchTimer.setInterval(0);
    connect(&m_fetchTimer, &QTimer::timeout, this, &ItemsTableModel::fetchWanted);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ItemsTableModel::flushUpdates);
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(kRecountMs);
    connect(&m_recountTimer, &QTimer::timeout, this, &ItemsTableModel::requestCount);
}

ItemsTableModel::~ItemsTableModel() = default;

void ItemsTableModel::setStore(MonitorStore *store)
{
    if (m_store == store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        connect(m_store, &MonitorStore::countLoaded, this, &ItemsTableModel::onCount);
        connect(m_store, &MonitorStore::itemsLoaded, this, &ItemsTableModel::onItems);
        connect(m_store, &MonitorStore::keysLoaded, this, &ItemsTableModel::onKeys);
    }
    restart();
}

void ItemsTableModel::open(const QString &executionId)
{
    m_execution = executionId;
    restart();
}

void ItemsTableModel::setFilter(const ItemFilter &filter)
{
    m_filter = filter;
    m_filter.afterItem = -1;
    m_filter.offset = 0;
    m_filter.outputs = false;
    restart();
}

void ItemsTableModel::restart()
{
    beginResetModel();
    m_pages.clear();
    m_rowByItem.clear();
    m_wanted.clear();
    m_pending.clear();
    m_keys.clear();
    m_updates.clear();
    m_count = 0;
    m_countTicket = 0;
    m_keysTicket = 0;
    m_error.clear();
    m_membershipDirty = false;
    endResetModel();
    if (!m_store || m_execution.isEmpty())
        return;
    requestCount();
    requestPage(0);
    m_keysTicket = m_store->requestKeys(m_execution, m_filter, kPageSize);
}

int ItemsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int ItemsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ItemRow *ItemsTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const auto it = m_pages.find(row / kPageSize);
    if (it == m_pages.end())
        return nullptr;
    const int offset = row % kPageSize;
    if (offset >= it->second.rows.size())
        return nullptr;
    it->second.used = ++m_useClock;
    return &it->second.rows[offset];
}

int ItemsTableModel::rowOfItem(qint64 item) const
{
    return m_rowByItem.value(item, -1);
}

QString ItemsTableModel::statusText(ItemStatus status)
{
    switch (status) {
    case ItemStatus::Pending: return tr("Pending");
    case ItemStatus::Running: return tr("Running");
    case ItemStatus::Retrying: return tr("Retrying");
    case ItemStatus::Succeeded: return tr("Succeeded");
    case ItemStatus::Failed: return tr("Failed");
    case ItemStatus::Replaying: return tr("Replaying");
    case ItemStatus::Cancelled: return tr("Cancelled");
    }
    return {};
}

QVariant ItemsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count)
        return {};
    const ItemRow *row = rowAt(index.row());
    if (!row) {
        if (role == Qt::DisplayRole)
            wantPage(index.row() / kPageSize);
        if (role == LoadedRole)
            return false;
        return {};
    }
    switch (role) {
    case LoadedRole: return true;
    case ItemIdRole: return row->item;
    case StatusRole: return int(row->status);
    case Qt::DisplayRole:
        switch (index.column()) {
        case IndexColumn: return row->index < 0 ? QVariant(QStringLiteral("–")) : QVariant(row->index);
        case KeyColumn: return row->businessKey;
        case StateColumn: return row->state;
        case StatusColumn: return statusText(row->status);
        case AttemptsColumn: return row->attempts;
        case ErrorColumn: return row->error;
        case DurationColumn: {
            if (row->startedMs <= 0)
                return {};
            const qint64 end = isFinal(row->status) ? row->updatedMs : QDateTime::currentMSecsSinceEpoch();
            return durationText(std::max<qint64>(0, end - row->startedMs));
        }
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return statusIcon(row->status);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn || (index.column() == ErrorColumn && row->status == ItemStatus::Failed))
            return statusColor(row->status);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn && !row->cause.isEmpty())
            return row->cause;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IndexColumn || index.column() == AttemptsColumn || index.column() == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant ItemsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn: return tr("Index");
    case KeyColumn: return tr("Business key");
    case StateColumn: return tr("State");
    case StatusColumn: return tr("Status");
    case AttemptsColumn: return tr("Attempts");
    case ErrorColumn: return tr("Last error");
    case DurationColumn: return tr("Duration");
    }
    return {};
}

void ItemsTableModel::wantPage(int page) const
{
    // The newest wish first; wishes for rows long scrolled past are forgotten.
    m_wanted.removeAll(page);
    m_wanted.append(page);
    while (m_wanted.size() > kMaxWanted)
        m_wanted.removeFirst();
    if (!m_fetchTimer.isActive())
        m_fetchTimer.start();
}

void ItemsTableModel::fetchWanted()
{
    while (!m_wanted.isEmpty() && m_pending.size() < kMaxInFlight) {
        const int page = m_wanted.takeLast();
        if (m_pages.count(page) || std::find(m_pending.cbegin(), m_pending.cend(), page) != m_pending.cend())
            continue;
        requestPage(page);
    }
}

void ItemsTableModel::requestPage(int page)
{
    if (!m_store || m_execution.isEmpty())
        return;
    ItemFilter filter = m_filter;
    filter.limit = kPageSize;
    if (page == 0) {
        filter.afterItem = -1;
    } else if (page - 1 < m_keys.size()) {
        filter.afterItem = m_keys[page - 1];
    } else if (const auto before = m_pages.find(page - 1);
               before != m_pages.end() && before->second.rows.size() == kPageSize) {
        filter.afterItem = before->second.rows.last().item;
    } else {
        // No key at hand yet (the keys are still on their way): skip rows in the query.
        filter.afterItem = -1;
        filter.offset = qint64(page) * kPageSize;
    }
    m_pending.insert(m_store->requestItems(m_execution, filter), page);
}

void ItemsTableModel::requestCount()
{
    if (m_store && !m_execution.isEmpty())
        m_countTicket = m_store->requestCount(m_execution, m_filter);
}

void ItemsTableModel::onCount(Ticket ticket, qint64 count, const QString &error)
{
    if (ticket != m_countTicket)
        return;
    m_countTicket = 0;
    if (!error.isEmpty()) {
        m_error = error;
        Q_EMIT failed(error);
        return;
    }
    const bool moved = m_membershipDirty;
    m_membershipDirty = false;
    const qint64 before = m_count;
    setCount(count);
    if (moved) {
        invalidateRows();
    } else if (count > before) {
        // New items append at the end: the page that held the old end gets its new rows, and the keys grow.
        const int last = int((before - 1) / kPageSize);
        if (before > 0 && m_pages.count(last) && m_pages[last].rows.size() < kPageSize)
            requestPage(last);
        m_keysTicket = m_store->requestKeys(m_execution, m_filter, kPageSize);
    }
    Q_EMIT countChanged(m_count);
}

void ItemsTableModel::setCount(qint64 count)
{
    count = std::min<qint64>(count, std::numeric_limits<int>::max());
    if (count > m_count) {
        beginInsertRows({}, int(m_count), int(count - 1));
        m_count = count;
        endInsertRows();
    } else if (count < m_count) {
        beginRemoveRows({}, int(count), int(m_count - 1));
        m_count = count;
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            if (qint64(it->first) * kPageSize >= count) {
                for (const ItemRow &row : it->second.rows)
                    m_rowByItem.remove(row.item);
                it = m_pages.erase(it);
            } else {
                ++it;
            }
        }
        endRemoveRows();
    }
}

void ItemsTableModel::invalidateRows()
{
    // Read the pages looked at last again (they replace their rows in place, so nothing blinks); forget
    // the others and the keys, which no longer hold.
    std::vector<std::pair<quint64, int>> byUse;
    for (const auto &[page, content] : m_pages)
        byUse.emplace_back(content.used, page);
    std::sort(byUse.begin(), byUse.end(), std::greater<>());
    m_keys.clear();
    for (size_t i = 0; i < byUse.size(); ++i) {
        const int page = byUse[i].second;
        if (i < size_t(kRefreshPages)) {
            ItemFilter filter = m_filter;
            filter.limit = kPageSize;
            filter.offset = qint64(page) * kPageSize;
            m_pending.insert(m_store->requestItems(m_execution, filter), page);
        } else {
            for (const ItemRow &row : m_pages[page].rows)
                m_rowByItem.remove(row.item);
            m_pages.erase(page);
        }
    }
    m_keysTicket = m_store->requestKeys(m_execution, m_filter, kPageSize);
    Q_EMIT rowsInvalidated();
}

void ItemsTableModel::onItems(Ticket ticket, const QList<ItemRow> &rows, const QString &error)
{
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end())
        return;
    const int page = *it;
    m_pending.erase(it);
    if (!error.isEmpty()) {
        m_error = error;
        Q_EMIT failed(error);
        return;
    }
    const int first = page * kPageSize;
    if (first >= m_count) {
        fetchWanted();
        return;
    }
    Page &slot = m_pages[page];
    for (const ItemRow &row : slot.rows)
        m_rowByItem.remove(row.item);
    slot.rows = rows.mid(0, int(std::min<qint64>(rows.size(), m_count - first)));
    slot.used = ++m_useClock;
    // Updates that came after the read was sent are newer than what it read.
    for (int i = 0; i < slot.rows.size(); ++i) {
        ItemRow &row = slot.rows[i];
        m_rowByItem.insert(row.item, first + i);
        if (const auto update = m_updates.find(row.item); update != m_updates.end()) {
            row.state = QString::fromStdString(update->second.state);
            row.status = update->second.status;
            row.attempts = update->second.attempts;
            row.error = QString::fromStdString(update->second.error);
            row.cause = QString::fromStdString(update->second.cause);
        }
    }
    dropOldPages();
    if (!slot.rows.isEmpty())
        Q_EMIT dataChanged(index(first, 0), index(first + int(slot.rows.size()) - 1, ColumnCount - 1));
    Q_EMIT pageLoaded(page);
    fetchWanted();
}

void ItemsTableModel::onKeys(Ticket ticket, const QList<qint64> &keys, const QString &error)
{
    if (ticket != m_keysTicket)
        return;
    m_keysTicket = 0;
    if (error.isEmpty())
        m_keys = keys;
}

void ItemsTableModel::dropOldPages()
{
    while (int(m_pages.size()) > kMaxPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                       [](const auto &a, const auto &b) { return a.second.used < b.second.used; });
        for (const ItemRow &row : oldest->second.rows)
            m_rowByItem.remove(row.item);
        m_pages.erase(oldest);
    }
}

void ItemsTableModel::applySnapshot(const ProgressSnapshot &snapshot)
{
    if (snapshot.executionId != m_execution)
        return;
    for (const ItemUpdate &update : snapshot.changed)
        m_updates[update.id.value] = update;
    if (snapshot.final || !m_flushTimer.isActive())
        m_flushTimer.start();
}

void ItemsTableModel::flushUpdates()
{
    if (m_updates.empty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::vector<int> changed;
    bool unseen = false;
    for (const auto &[item, update] : m_updates) {
        const int row = m_rowByItem.value(item, -1);
        if (row < 0) {
            unseen = true;
            continue;
        }
        ItemRow &target = m_pages[row / kPageSize].rows[row % kPageSize];
        target.state = QString::fromStdString(update.state);
        target.status = update.status;
        target.attempts = update.attempts;
        target.error = QString::fromStdString(update.error);
        target.cause = QString::fromStdString(update.cause);
        target.updatedMs = now;
        if (target.startedMs <= 0)
            target.startedMs = now;
        changed.push_back(row);
    }
    m_updates.clear();
    std::sort(changed.begin(), changed.end());
    for (size_t i = 0; i < changed.size();) {
        size_t j = i;
        while (j + 1 < changed.size() && changed[j + 1] == changed[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(changed[i], 0), index(changed[j], ColumnCount - 1));
        i = j + 1;
    }
    // A narrowed filter may now select other items; new items may have appeared.
    if (m_filter.narrows())
        m_membershipDirty = true;
    if ((unseen || m_filter.narrows()) && !m_recountTimer.isActive())
        m_recountTimer.start();
}

} // namespace sluice::ui
