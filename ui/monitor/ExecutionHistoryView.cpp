#include "monitor/ExecutionHistoryView.h"

#include "monitor/ItemDetailView.h"
#include "monitor/StatusIcons.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

ExecutionHistoryModel::ExecutionHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void ExecutionHistoryModel::setStore(MonitorStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        connect(m_store, &MonitorStore::executionLoaded, this, &ExecutionHistoryModel::onExecution);
        connect(m_store, &MonitorStore::historyLoaded, this, &ExecutionHistoryModel::onHistory);
    }
}

void ExecutionHistoryModel::open(const QString &executionId)
{
    beginResetModel();
    m_execution = executionId;
    m_events.clear();
    m_startedMs = 0;
    m_pageTicket = 0;
    m_atEnd = !m_store || executionId.isEmpty();
    endResetModel();
    if (!m_atEnd) {
        // The start time first (elapsed times count from it), then the first page.
        m_executionTicket = m_store->requestExecution(executionId);
        m_pageTicket = 1;   // nothing else is fetched until the execution is in
    }
}

void ExecutionHistoryModel::onExecution(Ticket ticket, const ExecutionInfo &execution, const QString &error)
{
    if (ticket != m_executionTicket)
        return;
    m_executionTicket = 0;
    m_pageTicket = 0;
    if (!error.isEmpty()) {
        m_atEnd = true;
        Q_EMIT pageLoaded(0, error);
        return;
    }
    m_startedMs = execution.startedMs;
    fetchMore({});
}

bool ExecutionHistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_pageTicket == 0;
}

void ExecutionHistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || !m_store)
        return;
    HistoryFilter filter;
    filter.limit = kPageSize;
    if (!m_events.isEmpty()) {
        filter.afterItem = m_events.last().item;
        filter.afterSeq = m_events.last().seq;
    }
    m_pageTicket = m_store->requestHistory(m_execution, filter);
}

void ExecutionHistoryModel::onHistory(Ticket ticket, const QList<HistoryEvent> &events, const QString &error)
{
    if (ticket != m_pageTicket)
        return;
    m_pageTicket = 0;
    if (!error.isEmpty()) {
        m_atEnd = true;
        Q_EMIT pageLoaded(0, error);
        return;
    }
    m_atEnd = events.size() < kPageSize;
    if (!events.isEmpty()) {
        beginInsertRows({}, int(m_events.size()), int(m_events.size() + events.size() - 1));
        m_events += events;
        endInsertRows();
    }
    Q_EMIT pageLoaded(int(events.size()), QString());
}

int ExecutionHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int ExecutionHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExecutionHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const HistoryEvent &event = m_events[index.row()];
    using Type = JournalRecord::Type;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case IdColumn: return index.row() + 1;
        case TypeColumn: return ItemDetailView::eventName(event.type);
        case ItemColumn: return event.item;
        case StateColumn: return event.state;
        case ElapsedColumn: return durationText(std::max<qint64>(0, event.timeMs - m_startedMs));
        case DetailsColumn:
            switch (event.type) {
            case Type::TaskFailed:
            case Type::ItemFinished:
                if (!event.error.isEmpty())
                    return tr("%1: %2").arg(event.error, event.cause);
                return event.type == Type::ItemFinished ? QVariant(QString::fromLatin1(itemStatusName(event.status)))
                                                        : QVariant();
            case Type::TaskRetryScheduled:
                return tr("attempt %1 in %2").arg(event.attempt).arg(durationText(event.delayMs));
            case Type::TaskScheduled:
                return tr("attempt %1").arg(event.attempt);
            default:
                return {};
            }
        }
    }
    if (role == Qt::ForegroundRole) {
        if (event.type == Type::TaskFailed || (event.type == Type::ItemFinished && event.status == ItemStatus::Failed))
            return statusColor(ItemStatus::Failed);
        if (event.type == Type::TaskRetryScheduled)
            return statusColor(ItemStatus::Retrying);
    }
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == ItemColumn
                                          || index.column() == ElapsedColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ExecutionHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("ID");
    case TypeColumn: return tr("Type");
    case ItemColumn: return tr("Item");
    case StateColumn: return tr("State");
    case ElapsedColumn: return tr("Elapsed");
    case DetailsColumn: return tr("Details");
    }
    return {};
}

ExecutionHistoryView::ExecutionHistoryView(QWidget *parent)
    : QWidget(parent), m_model(new ExecutionHistoryModel(this)), m_view(new QTableView(this)), m_summary(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->setColumnWidth(ExecutionHistoryModel::IdColumn, 8 * digit);
    m_view->setColumnWidth(ExecutionHistoryModel::TypeColumn, 19 * digit);
    m_view->setColumnWidth(ExecutionHistoryModel::ItemColumn, 8 * digit);
    m_view->setColumnWidth(ExecutionHistoryModel::StateColumn, 18 * digit);
    m_view->setColumnWidth(ExecutionHistoryModel::ElapsedColumn, 11 * digit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    m_summary->setText(tr("No run is open."));
    connect(m_model, &ExecutionHistoryModel::pageLoaded, this, [this](int, const QString &error) {
        if (!error.isEmpty())
            m_summary->setText(tr("Cannot read the history: %1").arg(error));
        else if (m_model->atEnd())
            m_summary->setText(tr("%n event(s)", nullptr, m_model->rowCount()));
        else
            m_summary->setText(tr("%n event(s) loaded; scroll for more", nullptr, m_model->rowCount()));
    });
}

void ExecutionHistoryView::setStore(MonitorStore *store)
{
    m_model->setStore(store);
}

void ExecutionHistoryView::open(const QString &executionId)
{
    m_model->open(executionId);
}

} // namespace sluice::ui
