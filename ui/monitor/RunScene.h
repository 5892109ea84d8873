#pragma once

#include "editor/GraphScene.h"

namespace sluice::ui {

/// The editor's scene, read-only, for a run: nothing moves, connects, renames or drops; a click selects a
/// state and reports it, and a click on a state's failed count reports that. GUI thread.
class RunScene : public GraphScene
{
    Q_OBJECT
public:
    using GraphScene::GraphScene;

Q_SIGNALS:
    void stateClicked(const QString &stateName);
    void failedClicked(const QString &stateName);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
};

} // namespace sluice::ui
