#include "editor/StateItem.h"

#include "editor/EdgeItem.h"
#include "editor/EditorStyle.h"
#include "editor/GraphScene.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace sluice::ui {

using namespace editorstyle;

namespace {

constexpr double kIconSize = 22;
constexpr double kTextLeft = 46;
constexpr double kBadge = 9;
constexpr double kMarkerSpace = 26;   ///< room above for "Start", below for the end mark

/// Below this zoom the one-line summary is left out: at 0.88 of the name's size it would be a grey smudge
/// of 4 pixels, and half the text the canvas draws.
constexpr double kSummaryZoom = 0.6;

// Fonts follow the application's font; paint() asks for them hundreds of times per frame, so they are made
// again only when that font changes.
struct NodeFonts
{
    QFont app;
    QFont name;      ///< bold
    QFont summary;   ///< a little smaller
};

const NodeFonts &nodeFonts()
{
    static NodeFonts fonts;
    static bool ready = false;
    const QFont app;
    if (!ready || !(app == fonts.app)) {
        ready = true;
        fonts.app = app;
        fonts.name = app;
        fonts.name.setBold(true);
        fonts.summary = app;
        fonts.summary.setPointSizeF(app.pointSizeF() * 0.88);
    }
    return fonts;
}

const QFont &nameFont() { return nodeFonts().name; }
const QFont &summaryFont() { return nodeFonts().summary; }

} // namespace

StateItem::StateItem(const NodeInfo &info, QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    m_size = QSizeF(kNodeWidth, kNodeHeight);
    setInfo(info);
}

void StateItem::setInfo(const NodeInfo &info)
{
    if (info == m_info && !m_nameText.text().isEmpty())
        return;
    prepareGeometryChange();
    m_info = info;
    setToolTip(info.problems.isEmpty() ? QString() : info.problems.join(QLatin1Char('\n')));
    if (!isOpenContainer())
        m_size = QSizeF(kNodeWidth, kNodeHeight);
    updateTexts();
    update();
}

void StateItem::updateTexts()
{
    const double room = m_size.width() - kTextLeft - 14 - (m_info.container ? 26 : 0);
    const QFont name = nameFont();
    m_nameText.setText(QFontMetricsF(name).elidedText(m_info.name, Qt::ElideRight, room));
    m_nameText.setTextFormat(Qt::PlainText);
    m_nameText.prepare(QTransform(), name);
    const QFont summary = summaryFont();
    m_summaryText.setText(QFontMetricsF(summary).elidedText(m_info.summary, Qt::ElideMiddle, room));
    m_summaryText.setTextFormat(Qt::PlainText);
    m_summaryText.prepare(QTransform(), summary);
}

void StateItem::setSize(QSizeF size)
{
    if (size == m_size)
        return;
    prepareGeometryChange();
    m_size = size;
    updateTexts();
    update();
}

QPointF StateItem::contentOrigin()
{
    return QPointF(kContainerPad, kNodeHeight + kContainerPad);
}

void StateItem::setBranches(const std::vector<std::pair<QString, QRectF>> &branches)
{
    m_branches = branches;
    update();
}

QRectF StateItem::cardRect() const
{
    return QRectF(0, 0, m_size.width(), kNodeHeight);
}

QPointF StateItem::portPos() const
{
    return QPointF(m_size.width() / 2, isOpenContainer() ? m_size.height() : kNodeHeight);
}

bool StateItem::hitsPort(QPointF itemPos) const
{
    if (m_info.type == StateType::Succeed || m_info.type == StateType::Fail)
        return false;
    return QLineF(itemPos, portPos()).length() <= kPortRadius + 4;
}

QRectF StateItem::toggleRect() const
{
    return m_info.container ? QRectF(m_size.width() - 30, 17, 22, 22) : QRectF();
}

QRectF StateItem::nameRect() const
{
    return QRectF(kTextLeft - 4, 6, m_size.width() - kTextLeft - 8, 24);
}

QRectF StateItem::boundingRect() const
{
    return QRectF(-kBadge, -kMarkerSpace, m_size.width() + 2 * kBadge, m_size.height() + 2 * kMarkerSpace);
}

QPainterPath StateItem::shape() const
{
    QPainterPath path;
    if (isOpenContainer()) {
        // only the header and the frame's border pick the container; the inside belongs to its states
        path.addRect(cardRect());
        QPainterPath frame;
        frame.addRect(QRectF(QPointF(0, 0), m_size));
        QPainterPath inner;
        inner.addRect(QRectF(QPointF(6, kNodeHeight), m_size - QSizeF(12, kNodeHeight + 6)));
        path = path.united(frame.subtracted(inner));
    } else {
        path.addRoundedRect(cardRect(), kRadius, kRadius);
    }
    path.addEllipse(portPos(), kPortRadius + 4, kPortRadius + 4);
    return path;
}

void StateItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    Q_UNUSED(widget)
    const QPalette palette = QApplication::palette();   // as the canvas background: the system's light or dark palette
    const QColor accent = typeColor(m_info.type);
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF card = cardRect();
    const bool dark = palette.color(QPalette::Base).lightness() < 128;

    if (lod < kDetailZoom) {
        // far out: blocks of colour, no text
        if (isOpenContainer()) {
            painter->setPen(QPen(accent, 0));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(QRectF(QPointF(0, 0), m_size));
        }
        painter->fillRect(card, selected ? palette.color(QPalette::Highlight) : accent);
        if (!m_info.problems.isEmpty())
            painter->fillRect(QRectF(card.right() - 24, 0, 24, 24), QColor(0xdc, 0x26, 0x26));
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor base = palette.color(QPalette::Base);
    const QColor border = selected ? palette.color(QPalette::Highlight) : (dark ? base.lighter(180) : QColor(0xcb, 0xd2, 0xdc));

    if (isOpenContainer()) {
        QColor tint = accent;
        tint.setAlpha(dark ? 40 : 18);
        QColor frame = accent;
        frame.setAlpha(150);
        painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : frame, selected ? 2 : 1.2));
        painter->setBrush(tint);
        painter->drawRoundedRect(QRectF(QPointF(0, 0), m_size).adjusted(0.5, 0.5, -0.5, -0.5), kRadius + 2, kRadius + 2);
        painter->setPen(QPen(frame, 1));
        painter->drawLine(QPointF(0, kNodeHeight), QPointF(m_size.width(), kNodeHeight));
        painter->setFont(summaryFont());
        for (const auto &[label, rect] : m_branches) {
            painter->setPen(QPen(frame, 1, Qt::DashLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(rect, 6, 6);
            painter->setPen(palette.color(QPalette::PlaceholderText));
            painter->drawText(QRectF(rect.left() + 8, rect.top() + 2, rect.width() - 16, kBranchLabel - 4),
                              Qt::AlignLeft | Qt::AlignVCenter, label);
        }
    } else {
        if (m_info.container) {   // collapsed: a stack of cards
            painter->setPen(QPen(border, 1));
            painter->setBrush(base.darker(dark ? 90 : 104));
            painter->drawRoundedRect(card.translated(6, 6).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
            painter->drawRoundedRect(card.translated(3, 3).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
        }
        painter->setPen(QPen(border, selected ? 2 : 1));
        painter->setBrush(base);
        painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
        // the type's colour as a stripe on the left (a rectangle clip is cheap, path operations are not)
        painter->save();
        painter->setClipRect(QRectF(card.left(), card.top(), 6, card.height()));
        painter->setPen(Qt::NoPen);
        painter->setBrush(accent);
        painter->drawRoundedRect(card.adjusted(1, 1, -1, -1), kRadius - 1, kRadius - 1);
        painter->restore();
    }

    // icon, name, summary
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    // The icon rendered at the size it takes on the device, so it is copied, not scaled, and stays crisp.
    const int iconPixels = int(std::ceil(kIconSize * lod * dpr));
    const QPixmap &icon = typeIcon(m_info.type, std::clamp(iconPixels, 8, 128));
    painter->setRenderHint(QPainter::SmoothPixmapTransform, std::abs(icon.width() - kIconSize * lod * dpr) > 0.5);
    painter->drawPixmap(QRectF(16, (kNodeHeight - kIconSize) / 2, kIconSize, kIconSize), icon, icon.rect());
    painter->setPen(palette.color(QPalette::Text));
    painter->setFont(nameFont());
    painter->drawStaticText(QPointF(kTextLeft, m_info.summary.isEmpty() ? 19 : 10), m_nameText);
    if (!m_info.summary.isEmpty() && lod >= kSummaryZoom) {
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->setFont(summaryFont());
        painter->drawStaticText(QPointF(kTextLeft, 32), m_summaryText);
    }

    if (m_info.container) {
        const QRectF toggle = toggleRect();
        painter->setPen(QPen(palette.color(QPalette::PlaceholderText), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(toggle.adjusted(3, 3, -3, -3), 3, 3);
        const QPointF c = toggle.center();
        painter->drawLine(c - QPointF(4, 0), c + QPointF(4, 0));
        if (m_info.collapsed)
            painter->drawLine(c - QPointF(0, 4), c + QPointF(0, 4));
    }

    // Start above, end mark below
    const QColor markColor = dark ? QColor(0xe2, 0xe8, 0xf0) : QColor(0x33, 0x41, 0x55);
    if (m_info.start) {
        const QString text = QCoreApplication::translate("sluice::ui::StateItem", "Start");
        QFont font = summaryFont();
        font.setBold(true);
        const QFontMetricsF metrics(font);
        const double w = metrics.horizontalAdvance(text) + 16;
        const QRectF pill(m_size.width() / 2 - w / 2, -kMarkerSpace + 1, w, 18);
        painter->setPen(Qt::NoPen);
        painter->setBrush(markColor);
        painter->drawRoundedRect(pill, 9, 9);
        painter->setPen(base);
        painter->setFont(font);
        painter->drawText(pill, Qt::AlignCenter, text);
        painter->setPen(QPen(markColor, 1.5));
        painter->drawLine(QPointF(m_size.width() / 2, pill.bottom()), QPointF(m_size.width() / 2, 0));
    }
    if (m_info.end) {
        const QPointF c(m_size.width() / 2, m_size.height() + 14);
        painter->setPen(QPen(markColor, 1.5));
        painter->drawLine(QPointF(c.x(), m_size.height()), c - QPointF(0, 7));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(c, 7, 7);
        painter->setBrush(markColor);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(c, 4, 4);
    } else if (m_hover || selected) {
        if (m_info.type != StateType::Succeed && m_info.type != StateType::Fail) {
            painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
            painter->setBrush(base);
            painter->drawEllipse(portPos(), kPortRadius, kPortRadius);
        }
    }

    if (!m_info.problems.isEmpty()) {
        const QPointF c(m_size.width() - 2, 2);
        painter->setPen(QPen(base, 1.5));
        painter->setBrush(QColor(0xdc, 0x26, 0x26));
        painter->drawEllipse(c, kBadge, kBadge);
        QFont font = summaryFont();
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(QRectF(c - QPointF(kBadge, kBadge), QSizeF(2 * kBadge, 2 * kBadge)), Qt::AlignCenter,
                          m_info.problems.size() > 9 ? QStringLiteral("!") : QString::number(m_info.problems.size()));
    }
}

QVariant StateItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    auto *graph = qobject_cast<GraphScene *>(scene());
    if (change == ItemPositionChange && graph && graph->snapToGrid()) {
        const QPointF origin = parentItem() ? contentOrigin() : QPointF();
        const QPointF p = value.toPointF() - origin;
        return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid) + origin;
    }
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *edge : m_edges)
            edge->updatePath();
    }
    return QGraphicsItem::itemChange(change, value);
}

void StateItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void StateItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace sluice::ui
