#include "monitor/StateRunBadge.h"

#include "editor/EditorStyle.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

namespace sluice::ui {

namespace {

using editorstyle::kContainerPad;
using editorstyle::kRadius;

const QColor kIdle(0x9e, 0x9e, 0x9e);
const QColor kBusy(0x1e, 0x88, 0xe5);
const QColor kRetrying(0xf5, 0x9e, 0x0b);
const QColor kGood(0x2e, 0x9d, 0x4f);
const QColor kBad(0xd3, 0x2f, 0x2f);

QFont pillFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    return font;
}

} // namespace

StateRunBadge::StateRunBadge(QSizeF card, bool map, QGraphicsItem *parent)
    : QGraphicsItem(parent), m_card(card), m_whole(card), m_map(map)
{
    setZValue(5);
    setAcceptedMouseButtons(Qt::NoButton);   // the scene handles clicks (hitsFailed)
    layoutPill();
}

void StateRunBadge::setCounts(const StateLiveCounts &counts)
{
    if (counts == m_counts)
        return;
    prepareGeometryChange();
    m_counts = counts;
    layoutPill();
    update();
}

void StateRunBadge::setItems(qint64 done, qint64 failed, qint64 total)
{
    if (done == m_done && failed == m_itemsFailed && total == m_total)
        return;
    m_done = done;
    m_itemsFailed = failed;
    m_total = total;
    update();
}

void StateRunBadge::setCard(QSizeF card, QSizeF whole)
{
    if (card == m_card && whole == m_whole)
        return;
    prepareGeometryChange();
    m_card = card;
    m_whole = whole;
    layoutPill();
}

void StateRunBadge::layoutPill()
{
    const QLocale locale;
    m_parts.clear();
    // ▶ in it now, ✓ succeeded, ✗ failed, ↻ retries: zeros left out, but always one part.
    if (m_counts.inState > 0)
        m_parts << QStringLiteral("▶ %1").arg(locale.toString(m_counts.inState));
    if (m_counts.succeeded > 0 || (m_counts.inState == 0 && m_counts.failed == 0))
        m_parts << QStringLiteral("✓ %1").arg(locale.toString(m_counts.succeeded));
    if (m_counts.retrying > 0)
        m_parts << QStringLiteral("↻ %1").arg(locale.toString(m_counts.retrying));
    if (m_counts.failed > 0)
        m_parts << QStringLiteral("✗ %1").arg(locale.toString(m_counts.failed));
    const QFontMetricsF metrics(pillFont());
    const double pad = 7;
    double width = pad;
    m_partRects.clear();
    for (const QString &part : std::as_const(m_parts)) {
        const double w = metrics.horizontalAdvance(part);
        m_partRects.emplace_back(width, 0, w, 0);
        width += w + pad;
    }
    const double height = metrics.height() + 4;
    m_pill = QRectF(m_card.width() - width - 6, -height - 3, width, height);
    m_failedRect = {};
    for (size_t i = 0; i < m_partRects.size(); ++i) {
        QRectF &r = m_partRects[i];
        r = QRectF(m_pill.left() + r.left(), m_pill.top(), r.width(), height);
        if (m_parts[qsizetype(i)].startsWith(QStringLiteral("✗")))
            m_failedRect = r.adjusted(-pad / 2, 0, pad / 2, 0);
    }
}

bool StateRunBadge::hitsFailed(QPointF itemPos) const
{
    return m_counts.failed > 0 && m_failedRect.contains(itemPos);
}

QRectF StateRunBadge::boundingRect() const
{
    return QRectF(-4, m_pill.top() - 1, std::max(m_whole.width(), m_card.width()) + 8,
                  std::max(m_whole.height(), m_card.height()) - m_pill.top() + 6);
}

void StateRunBadge::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor health = m_counts.failed > 0      ? kBad
                          : m_counts.retrying > 0  ? kRetrying
                          : m_counts.inState > 0   ? kBusy
                          : m_counts.succeeded > 0 ? kGood
                                                   : kIdle;
    // The health frame around the card.
    QPen frame(health, 3);
    painter->setPen(frame);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(QPointF(0, 0), m_card).adjusted(-2, -2, 2, 2), kRadius + 2, kRadius + 2);

    // The pill of counts, in the health colour; the failed part red and underlined as a link.
    painter->setPen(Qt::NoPen);
    painter->setBrush(health.lighter(185));
    painter->drawRoundedRect(m_pill, m_pill.height() / 2, m_pill.height() / 2);
    painter->setPen(QPen(health.darker(120), 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_pill, m_pill.height() / 2, m_pill.height() / 2);
    QFont font = pillFont();
    for (size_t i = 0; i < m_partRects.size(); ++i) {
        const QString &part = m_parts[qsizetype(i)];
        const bool failed = part.startsWith(QStringLiteral("✗"));
        QFont f = font;
        f.setUnderline(failed);
        painter->setFont(f);
        painter->setPen(failed ? kBad.darker(130) : QColor(0x21, 0x21, 0x21));
        painter->drawText(m_partRects[i], Qt::AlignCenter, part);
    }

    // A Map's items bar, under its header.
    if (m_map && m_total > 0) {
        // Along the bottom of the header card, clear of the states inside an open Map.
        const QRectF bar(12, m_card.height() - 9, m_card.width() - 24, 5);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xe0, 0xe0, 0xe0));
        painter->drawRoundedRect(bar, 3, 3);
        const double ok = double(m_done - m_itemsFailed) / double(m_total);
        const double bad = double(m_itemsFailed) / double(m_total);
        painter->setBrush(kGood);
        painter->drawRect(QRectF(bar.left(), bar.top(), bar.width() * ok, bar.height()));
        painter->setBrush(kBad);
        painter->drawRect(QRectF(bar.left() + bar.width() * ok, bar.top(), bar.width() * bad, bar.height()));
    }
}

} // namespace sluice::ui
