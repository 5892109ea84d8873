#include "monitor/JsonTreeView.h"

#include "monitor/JsonDiff.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kMaxChildren = 2000;   // a node shows this many children, then says how many more there are

QString scalarText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.dump());   // quoted, as JSON writes it
    return QString::fromStdString(value.dump());
}
} // namespace

JsonTreeView::JsonTreeView(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_matches(new QLabel(this)), m_tree(new QTreeWidget(this))
{
    m_search->setPlaceholderText(tr("Search keys and values"));
    m_search->setClearButtonEnabled(true);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(KeyColumn, 180);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("Copy path"), m_tree);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setShortcutContext(Qt::WidgetShortcut);
    copy->setToolTip(tr("Copy the JSONPath of this node, like $.order.lines[2]"));
    m_tree->addAction(copy);
    auto *copyValue = new QAction(tr("Copy value"), m_tree);
    m_tree->addAction(copyValue);
    connect(copy, &QAction::triggered, this, &JsonTreeView::copyCurrentPath);
    connect(copyValue, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_tree->currentItem())
            QApplication::clipboard()->setText(item->data(ValueColumn, PathRole).toString());
    });
    connect(m_search, &QLineEdit::textChanged, this, &JsonTreeView::search);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);
}

void JsonTreeView::setJson(const Json &value)
{
    m_tree->clear();
    auto *root = new QTreeWidgetItem(m_tree);
    root->setText(KeyColumn, QStringLiteral("$"));
    fill(root, QStringLiteral("$"), value);
    root->setExpanded(true);
    for (int i = 0; i < root->childCount() && i < 50; ++i)
        root->child(i)->setExpanded(root->child(i)->childCount() <= 20);
    if (!m_search->text().isEmpty())
        search(m_search->text());
}

void JsonTreeView::showNothing(const QString &text)
{
    m_tree->clear();
    auto *item = new QTreeWidgetItem(m_tree);
    item->setText(KeyColumn, text);
    item->setForeground(KeyColumn, palette().brush(QPalette::Disabled, QPalette::Text));
    item->setFirstColumnSpanned(true);
    item->setFlags(Qt::NoItemFlags);
}

void JsonTreeView::fill(QTreeWidgetItem *node, const QString &path, const Json &value)
{
    node->setData(KeyColumn, PathRole, path);
    node->setData(ValueColumn, PathRole, QString::fromStdString(value.dump()));
    if (value.is_object()) {
        node->setText(ValueColumn, tr("{%n key(s)}", nullptr, int(value.size())));
        node->setForeground(ValueColumn, palette().brush(QPalette::Disabled, QPalette::Text));
        int n = 0;
        for (auto it = value.begin(); it != value.end() && n < kMaxChildren; ++it, ++n) {
            auto *child = new QTreeWidgetItem(node);
            child->setText(KeyColumn, QString::fromStdString(it.key()));
            fill(child, jsonPathChild(path, it.key()), it.value());
        }
    } else if (value.is_array()) {
        node->setText(ValueColumn, tr("[%n element(s)]", nullptr, int(value.size())));
        node->setForeground(ValueColumn, palette().brush(QPalette::Disabled, QPalette::Text));
        for (size_t i = 0; i < value.size() && i < size_t(kMaxChildren); ++i) {
            auto *child = new QTreeWidgetItem(node);
            child->setText(KeyColumn, QStringLiteral("[%1]").arg(i));
            fill(child, jsonPathIndex(path, i), value[i]);
        }
    } else {
        node->setText(ValueColumn, scalarText(value));
        QColor colour = value.is_string() ? QColor(0x0b, 0x6e, 0x4f)
                        : value.is_number() ? QColor(0x1f, 0x4e, 0xb4)
                                            : QColor(0x8a, 0x3f, 0xb0);
        node->setForeground(ValueColumn, colour);
        return;
    }
    const size_t size = value.size();
    if (size > size_t(kMaxChildren)) {
        auto *more = new QTreeWidgetItem(node);
        more->setText(KeyColumn, tr("… %n more not shown", nullptr, int(size - kMaxChildren)));
        more->setFlags(Qt::NoItemFlags);
    }
}

int JsonTreeView::search(const QString &text)
{
    int matches = 0;
    QTreeWidgetItem *first = nullptr;
    const QBrush none;
    const QBrush mark(QColor(0xff, 0xe5, 0x8f));
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        QTreeWidgetItem *item = *it;
        const bool hit = !text.isEmpty()
            && (item->text(KeyColumn).contains(text, Qt::CaseInsensitive)
                || (item->childCount() == 0 && item->text(ValueColumn).contains(text, Qt::CaseInsensitive)));
        for (int c = 0; c < ColumnCount; ++c)
            item->setBackground(c, hit ? mark : none);
        if (!hit)
            continue;
        ++matches;
        if (!first)
            first = item;
        for (QTreeWidgetItem *up = item->parent(); up; up = up->parent())
            up->setExpanded(true);
    }
    if (first) {
        m_tree->setCurrentItem(first);
        m_tree->scrollToItem(first);
    }
    m_matches->setText(text.isEmpty() ? QString() : tr("%n match(es)", nullptr, matches));
    return matches;
}

QString JsonTreeView::currentPath() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(KeyColumn, PathRole).toString() : QString();
}

void JsonTreeView::copyCurrentPath()
{
    const QString path = currentPath();
    if (!path.isEmpty())
        QApplication::clipboard()->setText(path);
}

QTreeWidgetItem *JsonTreeView::itemAt(const QString &path) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(KeyColumn, PathRole).toString() == path)
            return *it;
    }
    return nullptr;
}

} // namespace sluice::ui
