#include "monitor/RunScene.h"

#include "editor/StateItem.h"
#include "monitor/StateRunBadge.h"

#include <QGraphicsSceneMouseEvent>

namespace sluice::ui {

void RunScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    event->accept();
    if (event->button() != Qt::LeftButton)
        return;
    // Innermost first: a state inside a Map wins over the Map's frame.
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (item->type() == StateRunBadge::Type) {
            auto *badge = static_cast<StateRunBadge *>(item);
            if (badge->hitsFailed(badge->mapFromScene(event->scenePos()))) {
                auto *state = static_cast<StateItem *>(badge->parentItem());
                Q_EMIT failedClicked(state->info().name);
                return;
            }
        }
    }
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (item->type() == StateItem::Type) {
            auto *state = static_cast<StateItem *>(item);
            clearSelection();
            state->setSelected(true);
            Q_EMIT stateClicked(state->info().name);
            return;
        }
    }
    clearSelection();
}

void RunScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    event->accept();   // nothing moves on a run's canvas
}

void RunScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    event->accept();
}

void RunScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    event->accept();   // no renaming
}

} // namespace sluice::ui
