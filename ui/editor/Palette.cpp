#include "editor/Palette.h"

#include "StateIcons.h"
#include "editor/GraphScene.h"

#include <QHeaderView>
#include <QMimeData>

namespace sluice::ui {

namespace {
constexpr int kTypeRole = Qt::UserRole + 1;
constexpr int kResourceRole = Qt::UserRole + 2;
} // namespace

QStringList Palette::taskResources()
{
    return {QStringLiteral("sluice:pass"),       QStringLiteral("sluice:fail"),      QStringLiteral("sluice:sleep"),
            QStringLiteral("sluice:http"),       QStringLiteral("sluice:sql"),       QStringLiteral("sluice:file.read"),
            QStringLiteral("sluice:file.write"), QStringLiteral("sluice:shell"),     QStringLiteral("sluice:event.put"),
            QStringLiteral("sluice:event.wait"), awsResource()};
}

QString Palette::awsResource()
{
    return QStringLiteral("arn:aws:states:::lambda:invoke");
}

Palette::Palette(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("palette"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIndentation(10);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(20, 20));
    setUniformRowHeights(true);

    auto *states = new QTreeWidgetItem(this, {tr("States")});
    auto *tasks = new QTreeWidgetItem(this, {tr("Tasks")});
    for (QTreeWidgetItem *group : {states, tasks}) {
        QFont font = group->font(0);
        font.setBold(true);
        group->setFont(0, font);
        group->setFlags(Qt::ItemIsEnabled);
    }
    const struct { StateType type; const char *help; } types[] = {
        {StateType::Task, QT_TR_NOOP("Does work: calls a task resource")},
        {StateType::Choice, QT_TR_NOOP("Branches on rules over the input")},
        {StateType::Map, QT_TR_NOOP("Runs its states for every item of a list or file")},
        {StateType::Parallel, QT_TR_NOOP("Runs branches side by side")},
        {StateType::Pass, QT_TR_NOOP("Passes or reshapes its input")},
        {StateType::Wait, QT_TR_NOOP("Waits for a time or a moment")},
        {StateType::Succeed, QT_TR_NOOP("Ends the execution successfully")},
        {StateType::Fail, QT_TR_NOOP("Ends the execution with an error")},
    };
    for (const auto &t : types) {
        auto *item = new QTreeWidgetItem(states, {QLatin1String(stateTypeName(t.type))});
        item->setIcon(0, stateIcon(t.type));
        item->setToolTip(0, tr(t.help));
        item->setData(0, kTypeRole, QLatin1String(stateTypeName(t.type)));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    for (const QString &resource : taskResources()) {
        const QString label = resource == awsResource() ? tr("AWS ARN (mocked)") : resource;
        auto *item = new QTreeWidgetItem(tasks, {label});
        item->setIcon(0, stateIcon(StateType::Task));
        item->setToolTip(0, resource == awsResource()
                                ? tr("A Step Functions task; runs here through a mock, unchanged on AWS")
                                : tr("A Task with the resource %1").arg(resource));
        item->setData(0, kTypeRole, QStringLiteral("Task"));
        item->setData(0, kResourceRole, resource);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    expandAll();
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const auto type = stateTypeFromName(item->data(0, kTypeRole).toString().toStdString());
        if (type)
            Q_EMIT entryActivated(*type, item->data(0, kResourceRole).toString());
    });
}

QStringList Palette::mimeTypes() const
{
    return {GraphScene::kPaletteMimeType};
}

QMimeData *Palette::mimeData(const QList<QTreeWidgetItem *> &items) const
{
    if (items.isEmpty() || items.first()->data(0, kTypeRole).toString().isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    const QString entry = items.first()->data(0, kTypeRole).toString() + QLatin1Char('\n')
                          + items.first()->data(0, kResourceRole).toString();
    mime->setData(GraphScene::kPaletteMimeType, entry.toUtf8());
    return mime;
}

} // namespace sluice::ui
