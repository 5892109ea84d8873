#include "editor/EdgeItem.h"

#include "editor/EditorStyle.h"
#include "editor/StateItem.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QWidget>

#include <cmath>

namespace sluice::ui {

using namespace editorstyle;

namespace {

constexpr double kArrow = 9;
constexpr double kLabelMaxWidth = 170;
/// Below this zoom a label's text would be a few pixels high: it is left out (the node summaries too).
constexpr double kLabelZoom = 0.6;

QColor edgeColor(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Catch: return QColor(0xdc, 0x26, 0x26);
    case EdgeKind::Default: return QColor(0x80, 0x88, 0x94);
    case EdgeKind::ChoiceRule: return QColor(0xb4, 0x63, 0x05);
    case EdgeKind::Next: break;
    }
    return QColor(0x6b, 0x72, 0x80);
}

} // namespace

EdgeItem::EdgeItem(StateItem *source, StateItem *target, const EditorDocument::Edge &edge, QGraphicsItem *parent)
    : QGraphicsItem(parent), m_source(source), m_target(target), m_edge(edge)
{
    setZValue(-1);
    setAcceptHoverEvents(false);
    setFlag(ItemIsSelectable, false);
    if (!m_edge.label.isEmpty() && m_edge.kind != EdgeKind::Next) {
        QFont font;
        font.setPointSizeF(font.pointSizeF() * 0.85);
        const QFontMetricsF metrics(font);
        m_label.setText(metrics.elidedText(m_edge.label, Qt::ElideRight, kLabelMaxWidth));
        m_label.setTextFormat(Qt::PlainText);
        m_label.prepare(QTransform(), font);
    }
    updatePath();
}

void EdgeItem::setRoute(std::vector<QPointF> route, QPointF from, QPointF to)
{
    m_route = std::move(route);
    m_routeFrom = from;
    m_routeTo = to;
    updatePath();
}

QPointF EdgeItem::startPoint() const
{
    const QRectF card = m_source->cardRect();
    double x = card.center().x();
    if (m_edge.kind == EdgeKind::Catch)
        x = card.left() + card.width() * 0.82;
    else if (m_edge.kind == EdgeKind::ChoiceRule || m_edge.kind == EdgeKind::Default)
        x = card.center().x();
    const QPointF local(x, m_source->isOpenContainer() ? m_source->size().height() : card.bottom());
    return mapFromItem(m_source, local);
}

QPointF EdgeItem::endPoint() const
{
    return mapFromItem(m_target, QPointF(m_target->cardRect().center().x(), 0));
}

void EdgeItem::updatePath()
{
    prepareGeometryChange();
    QPainterPath path;
    const QPointF start = startPoint();
    const QPointF end = endPoint();
    const bool routed = m_route.size() >= 2 && m_source->pos() == m_routeFrom && m_target->pos() == m_routeTo;
    if (routed) {
        std::vector<QPointF> points = m_route;
        // The route leaves from the card's centre; the port of this kind of edge may sit elsewhere on the
        // bottom edge, still inside the node's own column.
        const bool upward = points.back().y() < points.front().y();
        if (!upward) {
            points.front() = start;
            if (points.size() > 2)
                points[1].setX(start.x());
            points.back() = end;
        }
        path.moveTo(points.front());
        for (size_t i = 1; i < points.size(); ++i) {
            const QPointF a = points[i - 1];
            const QPointF b = points[i];
            if (std::abs(a.x() - b.x()) < 0.5) {
                path.lineTo(b);
            } else {
                const double midY = (a.y() + b.y()) / 2;
                path.cubicTo(QPointF(a.x(), midY), QPointF(b.x(), midY), b);
            }
        }
        m_labelPos = upward ? path.pointAtPercent(0.5) : points.back() - QPointF(0, 15);
    } else if (end.y() > start.y() + 8) {
        const double dy = std::max(30.0, (end.y() - start.y()) / 2);
        path.moveTo(start);
        path.cubicTo(start + QPointF(0, dy), end - QPointF(0, dy), end);
        m_labelPos = end - QPointF(0, 15);
    } else {
        // A loop back up: out to the right of both nodes and in from above.
        const double side = std::max(mapFromItem(m_source, m_source->cardRect().topRight()).x(),
                                     mapFromItem(m_target, m_target->cardRect().topRight()).x())
                            + 40;
        path.moveTo(start);
        path.cubicTo(start + QPointF(0, 40), QPointF(side, start.y() + 40), QPointF(side, (start.y() + end.y()) / 2));
        path.cubicTo(QPointF(side, end.y() - 40), end - QPointF(0, 40), end);
        m_labelPos = QPointF(side, (start.y() + end.y()) / 2);
    }
    m_path = path;
    // The arrowhead points along the path's last piece: from its last control point (or the point before
    // it) to the tip. Measuring the path (pointAtPercent, angleAtPercent) in every paint cost more than
    // drawing it.
    m_arrow.clear();
    if (m_path.elementCount() >= 2) {
        const QPointF tip = m_path.elementAt(m_path.elementCount() - 1);
        QPointF from = tip;
        for (int i = m_path.elementCount() - 2; i >= 0 && QLineF(from, tip).length() < 0.01; --i)
            from = m_path.elementAt(i);
        const QLineF last(from, tip);
        if (last.length() >= 0.01) {
            const QPointF back = (tip - from) / last.length();
            const QPointF normal(-back.y(), back.x());
            m_arrow << tip << tip - back * kArrow + normal * (kArrow * 0.5) << tip - back * kArrow - normal * (kArrow * 0.5);
        }
    }
    m_shape = QPainterPath();
    m_labelRect = QRectF();
    if (!m_label.text().isEmpty()) {
        const QSizeF size = m_label.size() + QSizeF(10, 4);
        m_labelRect = QRectF(m_labelPos - QPointF(size.width() / 2, size.height() / 2), size);
    }
    m_bounds = m_path.boundingRect().adjusted(-kArrow, -kArrow, kArrow, kArrow).united(m_labelRect);
    update();
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    if (m_shape.isEmpty() && !m_path.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(8);
        m_shape = stroker.createStroke(m_path);
    }
    return m_shape;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor color = edgeColor(m_edge.kind);
    QPen pen(color, lod < kDetailZoom ? 1.0 : 1.6);
    pen.setCosmetic(lod < kDetailZoom);
    if (m_edge.kind == EdgeKind::Catch)
        pen.setStyle(Qt::DashLine);
    else if (m_edge.kind == EdgeKind::Default)
        pen.setStyle(Qt::DashDotLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (lod < kDetailZoom)
        return;

    // arrowhead along the last piece of the path
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);

    if (!m_labelRect.isNull() && lod >= kLabelZoom) {
        const QPalette palette = QApplication::palette();   // as the canvas background: the system's light or dark palette
        QColor fill = palette.color(QPalette::Base);
        fill.setAlpha(235);
        painter->setBrush(fill);
        painter->setPen(QPen(color.lighter(150), 1));
        painter->drawRoundedRect(m_labelRect, 4, 4);
        painter->setPen(palette.color(QPalette::Base).lightness() > 128 ? color.darker(125) : color.lighter(150));
        painter->drawStaticText(m_labelRect.topLeft() + QPointF(5, 2), m_label);
    }
}

} // namespace sluice::ui
