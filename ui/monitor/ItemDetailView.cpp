#include "monitor/ItemDetailView.h"

#include "monitor/JsonDiff.h"
#include "monitor/JsonTreeView.h"
#include "monitor/StatusIcons.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kEventRole = Qt::UserRole + 1;   // the row's index in m_events
constexpr int kMaxEvents = 100000;

QString compact(const Json &value)
{
    if (value.is_null())
        return {};
    QString text = QString::fromStdString(value.dump());
    if (text.size() > 120)
        text = text.left(119) + QChar(0x2026);
    return text;
}
} // namespace

ItemDetailView::ItemDetailView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_timeline(new QTreeWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_input(new JsonTreeView(this))
    , m_output(new JsonTreeView(this))
    , m_diff(new QTreeWidget(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_timeline->setColumnCount(TimelineColumnCount);
    m_timeline->setHeaderLabels({tr("Time"), tr("Event"), tr("State"), tr("Attempt"), tr("Details")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->header()->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_timeline->setColumnWidth(TimeColumn, 11 * digit);
    m_timeline->setColumnWidth(EventColumn, 19 * digit);
    m_timeline->setColumnWidth(StateColumn, 16 * digit);
    m_timeline->setColumnWidth(AttemptColumn, 8 * digit);

    m_diff->setColumnCount(DiffColumnCount);
    m_diff->setHeaderLabels({tr("Change"), tr("Path"), tr("Input"), tr("Output")});
    m_diff->setRootIsDecorated(false);
    m_diff->setUniformRowHeights(true);
    m_diff->setColumnWidth(ChangeColumn, 10 * digit);
    m_diff->setColumnWidth(PathColumn, 22 * digit);
    m_diff->setColumnWidth(BeforeColumn, 22 * digit);

    m_tabs->addTab(m_input, tr("Input"));
    m_tabs->addTab(m_output, tr("Output"));
    m_tabs->addTab(m_diff, tr("Diff"));
    m_input->showNothing(tr("Pick a state in the timeline"));
    m_output->showNothing(tr("Pick a state in the timeline"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_timeline);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    m_title->setText(tr("No item selected"));

    connect(m_timeline, &QTreeWidget::currentItemChanged, this, &ItemDetailView::onTimelineRow);
}

void ItemDetailView::setStore(MonitorStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store)
        connect(m_store, &MonitorStore::historyLoaded, this, &ItemDetailView::onHistory);
}

void ItemDetailView::open(const QString &executionId, qint64 item)
{
    m_execution = executionId;
    m_item = item;
    m_events.clear();
    m_timeline->clear();
    m_diff->clear();
    m_input->showNothing(tr("Pick a state in the timeline"));
    m_output->showNothing(tr("Pick a state in the timeline"));
    if (item < 0 || !m_store) {
        m_ticket = 0;
        m_title->setText(tr("No item selected"));
        return;
    }
    m_title->setText(tr("Item %1: reading its history…").arg(item));
    HistoryFilter filter;
    filter.item = item;
    filter.limit = kMaxEvents;
    m_ticket = m_store->requestHistory(executionId, filter);
}

QString ItemDetailView::eventName(JournalRecord::Type type)
{
    using Type = JournalRecord::Type;
    switch (type) {
    case Type::ExecutionStarted: return tr("Execution started");
    case Type::ExecutionFinished: return tr("Execution finished");
    case Type::ItemStarted: return tr("Item started");
    case Type::StateEntered: return tr("State entered");
    case Type::StateExited: return tr("State exited");
    case Type::TaskScheduled: return tr("Task scheduled");
    case Type::TaskSucceeded: return tr("Task succeeded");
    case Type::TaskFailed: return tr("Task failed");
    case Type::TaskRetryScheduled: return tr("Retry scheduled");
    case Type::ItemFinished: return tr("Item finished");
    case Type::Encoded: return {};
    }
    return {};
}

void ItemDetailView::onHistory(Ticket ticket, const QList<HistoryEvent> &events, const QString &error)
{
    if (ticket != m_ticket)
        return;
    m_ticket = 0;
    if (!error.isEmpty()) {
        m_title->setText(tr("Item %1: cannot read its history: %2").arg(m_item).arg(error));
        Q_EMIT loaded(error);
        return;
    }
    m_events = events;
    using Type = JournalRecord::Type;
    const qint64 start = events.isEmpty() ? 0 : events.first().timeMs;
    const QColor failedColour = statusColor(ItemStatus::Failed);
    const QColor retryColour = statusColor(ItemStatus::Retrying);
    QList<QTreeWidgetItem *> rows;
    for (int i = 0; i < events.size(); ++i) {
        const HistoryEvent &event = events[i];
        auto *row = new QTreeWidgetItem;
        row->setData(TimeColumn, kEventRole, i);
        row->setText(TimeColumn, QStringLiteral("+%1").arg(durationText(event.timeMs - start)));
        row->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
        row->setText(EventColumn, eventName(event.type));
        row->setText(StateColumn, event.state);
        if (event.attempt > 0)
            row->setText(AttemptColumn, QString::number(event.attempt));
        QString detail;
        switch (event.type) {
        case Type::TaskFailed:
            detail = event.cause.isEmpty() ? event.error : QStringLiteral("%1: %2").arg(event.error, event.cause);
            for (int c = 0; c < TimelineColumnCount; ++c)
                row->setForeground(c, failedColour);
            break;
        case Type::TaskRetryScheduled:
            detail = tr("next attempt in %1").arg(durationText(event.delayMs));
            for (int c = 0; c < TimelineColumnCount; ++c)
                row->setForeground(c, retryColour);
            break;
        case Type::ItemFinished:
            row->setIcon(EventColumn, statusIcon(event.status));
            detail = event.error.isEmpty() ? compact(event.payload)
                                           : QStringLiteral("%1: %2").arg(event.error, event.cause);
            if (event.status == ItemStatus::Failed) {
                for (int c = 0; c < TimelineColumnCount; ++c)
                    row->setForeground(c, failedColour);
            }
            break;
        case Type::StateEntered: {
            QFont font = row->font(EventColumn);
            font.setBold(true);
            row->setFont(EventColumn, font);
            row->setFont(StateColumn, font);
            detail = compact(event.payload);
            break;
        }
        default:
            detail = compact(event.payload);
            break;
        }
        row->setText(DetailColumn, detail);
        row->setToolTip(DetailColumn, detail);
        rows.append(row);
    }
    m_timeline->addTopLevelItems(rows);
    const HistoryEvent *last = events.isEmpty() ? nullptr : &events.last();
    m_title->setText(tr("Item %1: %n event(s)", nullptr, int(events.size())).arg(m_item)
                     + (last && last->type == Type::ItemFinished
                            ? QStringLiteral(" · %1").arg(durationText(last->timeMs - start))
                            : QString()));
    Q_EMIT loaded(QString());
}

bool ItemDetailView::showState(const QString &state, int visit)
{
    for (int i = 0; i < m_events.size(); ++i) {
        const HistoryEvent &event = m_events[i];
        if (event.type != JournalRecord::Type::StateEntered || event.state != state || visit-- > 0)
            continue;
        m_timeline->setCurrentItem(m_timeline->topLevelItem(i));
        return true;
    }
    return false;
}

void ItemDetailView::onTimelineRow()
{
    const QTreeWidgetItem *row = m_timeline->currentItem();
    if (!row)
        return;
    const int index = row->data(TimeColumn, kEventRole).toInt();
    // The visit the row belongs to: back to where its state was entered.
    for (int i = index; i >= 0; --i) {
        const auto type = m_events[i].type;
        if (type == JournalRecord::Type::StateEntered || type == JournalRecord::Type::ItemStarted) {
            if (m_events[i].state == m_events[index].state || m_events[index].state.isEmpty()) {
                showVisit(i);
                return;
            }
        }
    }
}

void ItemDetailView::showVisit(int enteredEvent)
{
    using Type = JournalRecord::Type;
    // An item's start names its first state, which it then enters: that entry is the visit.
    if (m_events[enteredEvent].type == Type::ItemStarted && enteredEvent + 1 < m_events.size()
        && m_events[enteredEvent + 1].type == Type::StateEntered)
        ++enteredEvent;
    const HistoryEvent &entered = m_events[enteredEvent];
    Json input = entered.payload;
    // The journal keeps each payload once: a state's output is the next state's input (its StateEntered),
    // or the item's output when the state ends the item (ItemFinished).
    bool haveOutput = false;
    Json output;
    for (int i = enteredEvent + 1; i < m_events.size() && !haveOutput; ++i) {
        const HistoryEvent &event = m_events[i];
        if (event.type == Type::StateEntered)
            break;
        if (event.type == Type::StateExited && event.state == entered.state) {
            if (!event.payload.is_null()) {
                output = event.payload;
                haveOutput = true;
            } else if (i + 1 < m_events.size() && (m_events[i + 1].type == Type::StateEntered
                                                   || m_events[i + 1].type == Type::ItemFinished)) {
                output = m_events[i + 1].payload;
                haveOutput = true;
            }
            break;
        }
        if (event.type == Type::ItemFinished && event.status == ItemStatus::Succeeded) {
            output = event.payload;
            haveOutput = true;
        }
    }
    m_input->setJson(input);
    if (haveOutput)
        m_output->setJson(output);
    else
        m_output->showNothing(tr("The state has no output: it did not finish"));
    m_tabs->setTabText(0, tr("Input of %1").arg(entered.state));
    m_tabs->setTabText(1, tr("Output of %1").arg(entered.state));

    m_diff->clear();
    if (!haveOutput)
        return;
    const QList<JsonChange> changes = jsonDiff(input, output);
    QList<QTreeWidgetItem *> rows;
    for (const JsonChange &change : changes) {
        auto *row = new QTreeWidgetItem;
        QColor colour;
        switch (change.kind) {
        case JsonChange::Added:
            row->setText(ChangeColumn, tr("added"));
            colour = QColor(0x1e, 0x8e, 0x3e);
            break;
        case JsonChange::Removed:
            row->setText(ChangeColumn, tr("removed"));
            colour = QColor(0xc5, 0x22, 0x1f);
            break;
        case JsonChange::Changed:
            row->setText(ChangeColumn, tr("changed"));
            colour = QColor(0xb0, 0x6a, 0x00);
            break;
        }
        for (int c = 0; c < DiffColumnCount; ++c)
            row->setForeground(c, colour);
        row->setText(PathColumn, change.path);
        if (change.kind != JsonChange::Added)
            row->setText(BeforeColumn, compact(change.before));
        if (change.kind != JsonChange::Removed)
            row->setText(AfterColumn, compact(change.after));
        rows.append(row);
    }
    if (rows.isEmpty()) {
        auto *same = new QTreeWidgetItem;
        same->setText(ChangeColumn, tr("The output is the input, unchanged"));
        same->setFirstColumnSpanned(true);
        rows.append(same);
    }
    m_diff->addTopLevelItems(rows);
    for (QTreeWidgetItem *row : rows) {
        if (row->text(PathColumn).isEmpty() && rows.size() == 1)
            row->setFirstColumnSpanned(true);
    }
    m_tabs->setTabText(2, tr("Diff (%n change(s))", nullptr, int(changes.size())));
}

} // namespace sluice::ui
