#include "StateTreeModel.h"

#include "StateIcons.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace sluice::ui {

StateTreeModel::StateTreeModel(QObject *parent) : QStandardItemModel(0, ColumnCount, parent)
{
    setHeaders();
}

void StateTreeModel::setHeaders()
{
    setHorizontalHeaderLabels({tr("State"), tr("Type"), tr("Summary")});
}

void StateTreeModel::setOutline(const std::vector<OutlineNode> &nodes)
{
    clear();
    setColumnCount(ColumnCount);
    setHeaders();
    appendNodes(invisibleRootItem(), nodes);
}

QString StateTreeModel::summary(const OutlineNode &node)
{
    if (node.kind == OutlineNode::Kind::Branch)
        return tr("%n state(s)", nullptr, int(node.children.size()));
    if (!node.type)
        return node.typeName.isEmpty() ? tr("No type") : tr("Unknown type \"%1\"").arg(node.typeName);
    switch (*node.type) {
    case StateType::Task:
        return node.resource;
    case StateType::Wait:
        if (node.seconds)
            return tr("%1 s").arg(QLocale().toString(*node.seconds));
        if (!node.secondsPath.isEmpty())
            return tr("Seconds from %1").arg(node.secondsPath);
        if (!node.timestamp.isEmpty())
            return tr("Until %1").arg(node.timestamp);
        return {};
    case StateType::Choice:
        return tr("%n rule(s)", nullptr, node.ruleCount);
    case StateType::Map:
        return node.distributed ? tr("Distributed") : tr("Inline");
    case StateType::Parallel:
        return tr("%n branch(es)", nullptr, node.branchCount);
    case StateType::Fail:
        return node.error;
    case StateType::Pass:
    case StateType::Succeed:
        return {};
    }
    return {};
}

void StateTreeModel::appendNodes(QStandardItem *parent, const std::vector<OutlineNode> &nodes)
{
    for (const OutlineNode &node : nodes) {
        const bool branch = node.kind == OutlineNode::Kind::Branch;
        auto *name = new QStandardItem(branch ? tr("Branch %1").arg(node.branchIndex + 1) : node.name);
        if (!branch)
            name->setIcon(stateIcon(node.type));
        name->setData(node.pointer, PointerRole);
        name->setData(node.line, LineRole);
        name->setData(node.lastLine, LastLineRole);
        name->setData(branch, IsBranchRole);
        name->setToolTip(branch ? name->text() : tr("%1 (%2)").arg(node.name, node.typeName));

        auto *type = new QStandardItem(branch ? QString() : node.typeName);
        auto *text = new QStandardItem(summary(node));
        text->setToolTip(text->text());
        for (QStandardItem *item : {name, type, text})
            item->setEditable(false);
        parent->appendRow({name, type, text});
        appendNodes(name, node.children);
    }
}

QStandardItem *StateTreeModel::innermostState(QStandardItem *parent, const QString &pointer) const
{
    for (int row = 0; row < parent->rowCount(); ++row) {
        QStandardItem *child = parent->child(row, NameColumn);
        const QString own = child->data(PointerRole).toString();
        if (pointer == own || pointer.startsWith(own + QLatin1Char('/'))) {
            QStandardItem *deeper = innermostState(child, pointer);
            return deeper ? deeper : child;
        }
    }
    return nullptr;
}

void StateTreeModel::markProblems(const std::vector<Error> &problems)
{
    for (const Error &problem : problems) {
        QStandardItem *name = innermostState(invisibleRootItem(), problem.where.pointer);
        if (!name || name->data(IsBranchRole).toBool())
            continue;
        QStandardItem *parent = name->parent() ? name->parent() : invisibleRootItem();
        QStandardItem *summary = parent->child(name->row(), SummaryColumn);
        const int count = name->data(ProblemCountRole).toInt() + 1;
        name->setData(count, ProblemCountRole);
        summary->setIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
        const QString tip = summary->toolTip();
        summary->setToolTip(tip.isEmpty() ? problem.message : tip + QLatin1Char('\n') + problem.message);
    }
}

QModelIndex StateTreeModel::indexOfPointer(const QString &pointer) const
{
    const QModelIndexList found =
        match(index(0, 0), PointerRole, pointer, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

} // namespace sluice::ui
