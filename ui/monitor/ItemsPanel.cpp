#include "monitor/ItemsPanel.h"

#include "monitor/ItemsTableModel.h"
#include "monitor/MonitorStore.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kTypingMs = 300;   // text filters apply once typing pauses
}

ItemsPanel::ItemsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new ItemsTableModel(this))
    , m_status(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_error(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_typing(new QTimer(this))
{
    m_state->setEditable(true);
    m_state->setInsertPolicy(QComboBox::NoInsert);
    m_state->setMinimumContentsLength(14);
    m_error->setClearButtonEnabled(true);
    m_text->setClearButtonEnabled(true);
    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingMs);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    // A million rows: fixed heights, so the header keeps no per-row sizes and nothing per row is measured.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(false);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const std::pair<int, int> widths[] = {{ItemsTableModel::IndexColumn, 9 * digit},
                                          {ItemsTableModel::KeyColumn, 18 * digit},
                                          {ItemsTableModel::StateColumn, 18 * digit},
                                          {ItemsTableModel::StatusColumn, 14 * digit},
                                          {ItemsTableModel::AttemptsColumn, 10 * digit},
                                          {ItemsTableModel::ErrorColumn, 22 * digit},
                                          {ItemsTableModel::DurationColumn, 12 * digit}};
    for (const auto &[column, width] : widths)
        m_view->setColumnWidth(column, width);
    m_view->horizontalHeader()->setSectionResizeMode(ItemsTableModel::ErrorColumn, QHeaderView::Stretch);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_status);
    bar->addWidget(m_state);
    bar->addWidget(m_error, 1);
    bar->addWidget(m_text, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    retranslate();

    connect(m_status, &QComboBox::currentIndexChanged, this, &ItemsPanel::applyFilter);
    connect(m_state, &QComboBox::currentTextChanged, this, [this] { m_typing->start(); });
    connect(m_error, &QLineEdit::textChanged, this, [this] { m_typing->start(); });
    connect(m_text, &QLineEdit::textChanged, this, [this] { m_typing->start(); });
    connect(m_typing, &QTimer::timeout, this, &ItemsPanel::applyFilter);
    connect(m_model, &ItemsTableModel::countChanged, this, &ItemsPanel::updateSummary);
    connect(m_model, &ItemsTableModel::failed, this, &ItemsPanel::updateSummary);
    connect(m_model, &ItemsTableModel::rowsInvalidated, this, &ItemsPanel::restoreSelection);
    connect(m_model, &ItemsTableModel::pageLoaded, this, [this] {
        if (m_selectedItem >= 0 && currentItem() != m_selectedItem)
            restoreSelection();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (m_applying)
            return;
        const QVariant item = current.data(ItemsTableModel::ItemIdRole);
        m_selectedItem = item.isValid() ? item.toLongLong() : -1;
        Q_EMIT itemActivated(m_selectedItem);
    });
    updateSummary();
}

ItemsPanel::~ItemsPanel() = default;

void ItemsPanel::retranslate()
{
    const int status = m_status->currentIndex();
    QSignalBlocker block(m_status);
    m_status->clear();
    m_status->addItem(tr("All statuses"), -1);
    for (int s = 0; s < kItemStatusCount; ++s)
        m_status->addItem(ItemsTableModel::statusText(ItemStatus(s)), s);
    m_status->setCurrentIndex(std::max(0, status));
    m_state->lineEdit()->setPlaceholderText(tr("Any state"));
    m_error->setPlaceholderText(tr("Error name"));
    m_text->setPlaceholderText(tr("Search business key, error, cause"));
    m_status->setToolTip(tr("Show only items with this status"));
    m_state->setToolTip(tr("Show only items in (or ended in) this state"));
    m_error->setToolTip(tr("Show only items whose last error has exactly this name"));
    m_text->setToolTip(tr("Show only items whose business key, error name or cause contains this text"));
    updateSummary();
}

void ItemsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ItemsPanel::setStore(MonitorStore *store)
{
    m_store = store;
    m_model->setStore(store);
}

void ItemsPanel::open(const QString &location, const QString &executionId)
{
    if (!m_ownStore)
        m_ownStore = std::make_unique<MonitorStore>();
    m_ownStore->open(location);
    setStore(m_ownStore.get());
    open(executionId);
}

void ItemsPanel::open(const QString &executionId)
{
    m_selectedItem = -1;
    m_model->open(executionId);
}

QString ItemsPanel::executionId() const
{
    return m_model->executionId();
}

ItemFilter ItemsPanel::filter() const
{
    ItemFilter filter;
    const int status = m_status->currentData().toInt();
    if (status >= 0)
        filter.status = ItemStatus(status);
    filter.state = m_state->currentText().trimmed();
    filter.error = m_error->text().trimmed();
    filter.text = m_text->text().trimmed();
    return filter;
}

void ItemsPanel::applyFilter()
{
    m_typing->stop();
    const ItemFilter next = filter();
    const ItemFilter now = m_model->filter();
    if (next.status == now.status && next.state == now.state && next.error == now.error && next.text == now.text)
        return;
    m_model->setFilter(next);
    // The selected item keeps its selection when the new filter still selects it.
    restoreSelection();
}

void ItemsPanel::setStateFilter(const QString &state)
{
    m_state->setCurrentText(state);
    applyFilter();
}

void ItemsPanel::setStatusFilter(std::optional<ItemStatus> status)
{
    m_status->setCurrentIndex(status ? int(*status) + 1 : 0);
    applyFilter();
}

void ItemsPanel::setErrorFilter(const QString &error)
{
    m_error->setText(error);
    applyFilter();
}

void ItemsPanel::setTextFilter(const QString &text)
{
    m_text->setText(text);
    applyFilter();
}

void ItemsPanel::setStates(const QStringList &states)
{
    const QString current = m_state->currentText();
    QSignalBlocker block(m_state);
    m_state->clear();
    m_state->addItem(QString());
    m_state->addItems(states);
    m_state->setCurrentText(current);
}

qint64 ItemsPanel::currentItem() const
{
    const QVariant item = m_view->currentIndex().data(ItemsTableModel::ItemIdRole);
    return item.isValid() ? item.toLongLong() : -1;
}

bool ItemsPanel::selectItem(qint64 item)
{
    const int row = m_model->rowOfItem(item);
    if (row < 0)
        return false;
    m_selectedItem = item;
    m_applying = true;
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_applying = false;
    return true;
}

void ItemsPanel::restoreSelection()
{
    // Rows moved under a narrowed filter: find the selected item again where it now is (if it is loaded;
    // otherwise when its page comes in), without touching the scroll position.
    if (m_selectedItem < 0)
        return;
    const int row = m_model->rowOfItem(m_selectedItem);
    if (row < 0 || m_view->currentIndex().row() == row)
        return;
    const int scroll = m_view->verticalScrollBar()->value();
    m_applying = true;
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_applying = false;
    m_view->verticalScrollBar()->setValue(scroll);
}

void ItemsPanel::applySnapshot(const ProgressSnapshot &snapshot)
{
    m_model->applySnapshot(snapshot);
    // The state filter offers every state the run has entered so far.
    if (snapshot.executionId != m_model->executionId())
        return;
    QStringList states;
    for (int i = 1; i < m_state->count(); ++i)
        states.append(m_state->itemText(i));
    bool grew = false;
    for (const auto &[name, counts] : snapshot.states) {
        const QString state = QString::fromStdString(name);
        if (counts.entered > 0 && !states.contains(state)) {
            states.append(state);
            grew = true;
        }
    }
    if (grew) {
        states.sort();
        setStates(states);
    }
}

void ItemsPanel::updateSummary()
{
    if (!m_model->lastError().isEmpty()) {
        m_summary->setText(tr("Cannot read the items: %1").arg(m_model->lastError()));
        return;
    }
    if (m_model->executionId().isEmpty()) {
        m_summary->setText(tr("No run is open."));
        return;
    }
    const qint64 count = m_model->count();
    m_summary->setText(m_model->filter().narrows() ? tr("%n item(s) match the filter", nullptr, int(count))
                                                   : tr("%n item(s)", nullptr, int(count)));
}

} // namespace sluice::ui
