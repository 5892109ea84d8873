#include "editor/inspector/HandlerTable.h"

#include "editor/inspector/Completion.h"
#include "editor/inspector/FormFields.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>

namespace sluice::ui {

namespace {

constexpr int kRowJsonRole = Qt::UserRole + 1; // column 0: the row's JSON as loaded (keeps Comment etc.)

std::string s(const QString &text)
{
    return text.toStdString();
}

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

class HandlerTable::Delegate : public QStyledItemDelegate
{
public:
    explicit Delegate(HandlerTable *table) : QStyledItemDelegate(table), m_owner(table) {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        const Column &column = m_owner->m_columns.at(index.column());
        switch (column.kind) {
        case ColumnKind::ErrorList: {
            auto *edit = new QLineEdit(parent);
            new ListCompleter(errorNameSuggestions(), edit);
            return edit;
        }
        case ColumnKind::Path: {
            auto *edit = new QLineEdit(parent);
            addPathCompleter(edit);
            return edit;
        }
        case ColumnKind::Jitter: {
            auto *combo = new QComboBox(parent);
            combo->addItems({QString(), QStringLiteral("NONE"), QStringLiteral("FULL")});
            return combo;
        }
        case ColumnKind::Next: {
            auto *combo = new QComboBox(parent);
            combo->addItems(m_owner->m_names);
            return combo;
        }
        case ColumnKind::Number:
            break;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }

private:
    HandlerTable *m_owner;
};

HandlerTable::HandlerTable(Kind kind, QWidget *parent)
    : InspectorField(kind == Kind::Retry ? QStringLiteral("Retry") : QStringLiteral("Catch"),
                     {kind == Kind::Retry ? QStringLiteral("/Retry") : QStringLiteral("/Catch")}, parent),
      m_kind(kind), m_key(helpKey()), m_table(new QTableWidget(this)), m_add(new QToolButton(this)),
      m_remove(new QToolButton(this)), m_up(new QToolButton(this)), m_down(new QToolButton(this))
{
    setWide(true);
    if (kind == Kind::Retry) {
        m_columns = {{QStringLiteral("ErrorEquals"), tr("Errors"), ColumnKind::ErrorList},
                     {QStringLiteral("IntervalSeconds"), tr("Interval"), ColumnKind::Number},
                     {QStringLiteral("MaxAttempts"), tr("Attempts"), ColumnKind::Number},
                     {QStringLiteral("BackoffRate"), tr("Backoff"), ColumnKind::Number},
                     {QStringLiteral("MaxDelaySeconds"), tr("Max delay"), ColumnKind::Number},
                     {QStringLiteral("JitterStrategy"), tr("Jitter"), ColumnKind::Jitter}};
    } else {
        m_columns = {{QStringLiteral("ErrorEquals"), tr("Errors"), ColumnKind::ErrorList},
                     {QStringLiteral("Next"), tr("Next"), ColumnKind::Next},
                     {QStringLiteral("ResultPath"), tr("Result path"), ColumnKind::Path}};
    }
    const QStringList headerHelp =
        kind == Kind::Retry
            ? QStringList{tr("ErrorEquals: error names, separated by commas (States.ALL matches every "
                             "error)"),
                          tr("IntervalSeconds: seconds before the first retry (default 1)"),
                          tr("MaxAttempts: retries at most (default 3; 0 never retries)"),
                          tr("BackoffRate: multiplies the interval after each attempt (default 2.0)"),
                          tr("MaxDelaySeconds: the longest interval between attempts"),
                          tr("JitterStrategy: FULL randomises each interval (default NONE)")}
            : QStringList{
                  tr("ErrorEquals: error names, separated by commas (States.ALL matches every error)"),
                  tr("Next: the state to run when the error is caught"),
                  tr("ResultPath: where the error output goes in the input (default $; null keeps the "
                     "input)")};

    m_table->setObjectName(m_key);
    m_table->setColumnCount(int(m_columns.size()));
    for (int c = 0; c < m_columns.size(); ++c) {
        auto *header = new QTableWidgetItem(m_columns[c].header);
        header->setToolTip(headerHelp.value(c));
        m_table->setHorizontalHeaderItem(c, header);
    }
    m_table->setItemDelegate(new Delegate(this));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                             QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setMinimumSectionSize(24);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // ErrorEquals takes the width the other columns leave, but never less than a name like
    // States.TaskFailed needs; in a narrow dock the table scrolls sideways instead of hiding the names.
    header->setSectionResizeMode(0, m_columns.size() > 3 ? QHeaderView::Interactive : QHeaderView::Stretch);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_add->setText(tr("Add"));
    m_add->setObjectName(m_key + QStringLiteral(".add"));
    m_add->setToolTip(kind == Kind::Retry ? tr("Add a retrier") : tr("Add a catcher"));
    m_remove->setText(tr("Remove"));
    m_remove->setObjectName(m_key + QStringLiteral(".remove"));
    m_remove->setToolTip(tr("Remove the selected row"));
    m_up->setArrowType(Qt::UpArrow);
    m_up->setObjectName(m_key + QStringLiteral(".up"));
    m_up->setToolTip(tr("Move the selected row up (rows are tried in order)"));
    m_down->setArrowType(Qt::DownArrow);
    m_down->setObjectName(m_key + QStringLiteral(".down"));
    m_down->setToolTip(tr("Move the selected row down (rows are tried in order)"));

    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    for (QToolButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    setEditor(m_table, box);

    connect(m_add, &QToolButton::clicked, this, &HandlerTable::addRow);
    connect(m_remove, &QToolButton::clicked, this, &HandlerTable::removeCurrentRow);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrentRow(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrentRow(1); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            Q_EMIT committed();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, &HandlerTable::updateButtons);
    updateButtons();
}

int HandlerTable::columnOf(const QString &key) const
{
    for (int c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].key == key)
            return c;
    }
    return -1;
}

void HandlerTable::setRow(int row, const Json &object)
{
    for (int c = 0; c < m_columns.size(); ++c) {
        const Column &column = m_columns[c];
        QString text;
        if (object.is_object()) {
            const auto it = object.find(s(column.key));
            if (it != object.end()) {
                if (column.kind == ColumnKind::ErrorList && it->is_array()) {
                    QStringList names;
                    for (const Json &name : *it)
                        names << textFromJson(name);
                    text = names.join(QStringLiteral(", "));
                } else if (it->is_null()) {
                    text = QStringLiteral("null");
                } else {
                    text = textFromJson(*it);
                }
            }
        }
        auto *item = new QTableWidgetItem(text);
        if (c == 0)
            item->setData(kRowJsonRole, q(object.dump()));
        m_table->setItem(row, c, item);
    }
}

Json HandlerTable::rowJson(int row) const
{
    Json object = Json::object();
    if (const QTableWidgetItem *first = m_table->item(row, 0)) {
        try {
            const Json original = Json::parse(first->data(kRowJsonRole).toString().toStdString());
            if (original.is_object())
                object = original;
        } catch (const Json::exception &) {
        }
    }
    for (int c = 0; c < m_columns.size(); ++c) {
        const Column &column = m_columns[c];
        const QTableWidgetItem *item = m_table->item(row, c);
        const QString text = item ? item->text().trimmed() : QString();
        const std::string key = s(column.key);
        if (column.kind == ColumnKind::ErrorList) {
            Json names = Json::array();
            for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (!name.trimmed().isEmpty())
                    names.push_back(s(name.trimmed()));
            }
            if (names.empty())
                object.erase(key);
            else
                object[key] = names;
            continue;
        }
        if (text.isEmpty()) {
            object.erase(key);
        } else if (column.kind == ColumnKind::Path && text == QLatin1String("null")) {
            object[key] = nullptr;
        } else {
            object[key] =
                jsonFromText(text, column.kind == ColumnKind::Number ? TextKind::Number : TextKind::String);
        }
    }
    return object;
}

void HandlerTable::load(const Json &state)
{
    m_loading = true;
    const auto it = state.find(s(m_key));
    const Json list = it != state.end() && it->is_array() ? *it : Json::array();
    m_table->setRowCount(int(list.size()));
    for (size_t i = 0; i < list.size(); ++i)
        setRow(int(i), list[i]);
    m_loading = false;
    fitHeight();
    updateButtons();
}

void HandlerTable::apply(Json &state) const
{
    if (m_table->rowCount() == 0) {
        state.erase(s(m_key));
        return;
    }
    Json list = Json::array();
    for (int r = 0; r < m_table->rowCount(); ++r)
        list.push_back(rowJson(r));
    state[s(m_key)] = list;
}

void HandlerTable::fitColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    if (header->sectionResizeMode(0) != QHeaderView::Interactive)
        return;
    int others = 0;
    for (int c = 1; c < m_table->columnCount(); ++c)
        others += header->sectionSize(c);
    const int minimum = m_table->fontMetrics().horizontalAdvance(QStringLiteral("States.TaskFailed")) + 12;
    header->resizeSection(0, std::max(minimum, m_table->viewport()->width() - others));
}

void HandlerTable::resizeEvent(QResizeEvent *event)
{
    InspectorField::resizeEvent(event);
    fitColumns();
    fitHeight();
}

void HandlerTable::fitHeight()
{
    fitColumns();
    int height = m_table->horizontalHeader()->sizeHint().height() + m_table->frameWidth() * 2;
    for (int r = 0; r < m_table->rowCount(); ++r)
        height += m_table->rowHeight(r);
    if (m_table->rowCount() == 0)
        height += m_table->verticalHeader()->defaultSectionSize();
    if (m_table->horizontalHeader()->length() > m_table->viewport()->width())
        height += m_table->horizontalScrollBar()->sizeHint().height();
    m_table->setFixedHeight(height + 2);
}

void HandlerTable::updateButtons()
{
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_table->rowCount());
}

void HandlerTable::addRow()
{
    // States.ALL must come last: a new row goes before a trailing catch-all and never repeats it
    int at = m_table->rowCount();
    bool hasAll = false;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, 0) && m_table->item(r, 0)->text().contains(QLatin1String("States.ALL"))) {
            hasAll = true;
            at = r;
        }
    }
    Json object = {{"ErrorEquals", Json::array({hasAll ? errors::kTaskFailed : errors::kAll})}};
    if (m_kind == Kind::Catch) {
        QString next;
        for (const QString &name : m_names) {
            if (name != m_self) {
                next = name;
                break;
            }
        }
        object["Next"] = s(next.isEmpty() ? m_self : next);
    }
    m_loading = true;
    m_table->insertRow(at);
    setRow(at, object);
    m_loading = false;
    m_table->setCurrentCell(at, 0);
    fitHeight();
    updateButtons();
    Q_EMIT committed();
}

void HandlerTable::removeCurrentRow()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_loading = true;
    m_table->removeRow(row);
    m_loading = false;
    fitHeight();
    updateButtons();
    Q_EMIT committed();
}

void HandlerTable::moveCurrentRow(int delta)
{
    const int row = m_table->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_table->rowCount())
        return;
    const int column = std::max(0, m_table->currentColumn());
    m_loading = true;
    const Json a = rowJson(row);
    const Json b = rowJson(to);
    setRow(row, b);
    setRow(to, a);
    m_loading = false;
    m_table->setCurrentCell(to, column);
    updateButtons();
    Q_EMIT committed();
}

void HandlerTable::showProblems(const QList<FieldProblem> &problems)
{
    m_loading = true;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        for (int c = 0; c < m_table->columnCount(); ++c) {
            if (QTableWidgetItem *item = m_table->item(r, c)) {
                item->setData(Qt::BackgroundRole, QVariant());
                item->setToolTip(QString());
            }
        }
    }
    QStringList messages;
    const QString prefix = QLatin1Char('/') + m_key + QLatin1Char('/');
    for (const FieldProblem &p : problems) {
        if (!p.pointer.startsWith(prefix)) {
            messages << p.message;
            continue;
        }
        const QStringList parts = p.pointer.mid(prefix.size()).split(QLatin1Char('/'));
        bool ok = false;
        const int row = parts.value(0).toInt(&ok);
        int column = std::max(0, columnOf(parts.value(1)));
        messages << tr("Row %1: %2").arg(row + 1).arg(p.message);
        if (QTableWidgetItem *item = ok ? m_table->item(row, column) : nullptr) {
            item->setData(Qt::BackgroundRole, QColor(0xd3, 0x2f, 0x2f, 70));
            item->setToolTip(p.message);
        }
    }
    m_loading = false;
    markInvalid(m_table, !messages.isEmpty());
    setMessage(messages);
}

void HandlerTable::focusPointer(const QString &pointer)
{
    const QString prefix = QLatin1Char('/') + m_key + QLatin1Char('/');
    if (pointer.startsWith(prefix)) {
        const QStringList parts = pointer.mid(prefix.size()).split(QLatin1Char('/'));
        bool ok = false;
        const int row = parts.value(0).toInt(&ok);
        if (ok && row < m_table->rowCount())
            m_table->setCurrentCell(row, std::max(0, columnOf(parts.value(1))));
    }
    m_table->setFocus(Qt::OtherFocusReason);
}

} // namespace sluice::ui
