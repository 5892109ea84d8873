#pragma once

#include "editor/EditorDocument.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <QStaticText>

#include <vector>

namespace sluice::ui {

class StateItem;

/// A transition on the canvas: Next (solid), a Choice rule (solid, labelled with the rule), Default
/// (labelled), Catch (dashed, labelled with the error names). Follows the route the auto layout chose while
/// its two ends stay where the layout put them, else a curve from the source's port to the target's top.
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    int type() const override { return Type; }

    EdgeItem(StateItem *source, StateItem *target, const EditorDocument::Edge &edge, QGraphicsItem *parent = nullptr);

    StateItem *source() const { return m_source; }
    StateItem *target() const { return m_target; }
    const EditorDocument::Edge &edge() const { return m_edge; }

    /// A route in the parent's coordinates, valid while the ends are at `from` and `to` (their positions).
    void setRoute(std::vector<QPointF> route, QPointF from, QPointF to);
    bool routeDiffers(const std::vector<QPointF> &route) const { return route != m_route; }
    /// Recomputes the path from the ends' current places.
    void updatePath();
    QPainterPath path() const { return m_path; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPointF startPoint() const;
    QPointF endPoint() const;

    StateItem *m_source;
    StateItem *m_target;
    EditorDocument::Edge m_edge;
    std::vector<QPointF> m_route;
    QPointF m_routeFrom;
    QPointF m_routeTo;
    QPainterPath m_path;
    QPolygonF m_arrow;              ///< the arrowhead at the path's end, made with the path (not per paint)
    mutable QPainterPath m_shape;   ///< made when first asked for (hit tests only)
    QPointF m_labelPos;
    QStaticText m_label;
    QRectF m_labelRect;
    QRectF m_bounds;
};

} // namespace sluice::ui
