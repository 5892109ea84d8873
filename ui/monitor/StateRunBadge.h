#pragma once

#include <QGraphicsItem>

namespace sluice::ui {

/// What a state shows during a run: items in it now, succeeded, failed, retrying or retried.
struct StateLiveCounts
{
    qint64 inState = 0;
    qint64 succeeded = 0;
    qint64 failed = 0;
    qint64 retrying = 0;
    bool operator==(const StateLiveCounts &) const = default;
};

/// The run overlay of one state on the run canvas, a child of its StateItem: a health frame around the
/// card (grey idle, blue busy, amber retrying, green succeeded, red failed), a pill of counts above its
/// top-right corner, and for a Map an items bar under its header. The failed count is a link: the scene
/// asks hitsFailed() on a click. GUI thread.
class StateRunBadge : public QGraphicsItem
{
public:
    enum { Type = UserType + 11 };
    int type() const override { return Type; }

    StateRunBadge(QSizeF card, bool map, QGraphicsItem *parent);

    void setCounts(const StateLiveCounts &counts);
    const StateLiveCounts &counts() const { return m_counts; }
    /// A Map's items: done (succeeded or failed), failed, and all known.
    void setItems(qint64 done, qint64 failed, qint64 total);
    /// The frame follows the card (an open container's card is as wide as the frame).
    void setCard(QSizeF card, QSizeF whole);
    /// True when `itemPos` (this item's coordinates) is on the failed count.
    bool hitsFailed(QPointF itemPos) const;
    /// Where the failed count is drawn (empty when there is none), in this item's coordinates.
    QRectF failedRect() const { return m_counts.failed > 0 ? m_failedRect : QRectF(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void layoutPill();

    StateLiveCounts m_counts;
    QSizeF m_card;
    QSizeF m_whole;
    bool m_map;
    qint64 m_done = 0;
    qint64 m_itemsFailed = 0;
    qint64 m_total = 0;
    QRectF m_pill;
    QRectF m_failedRect;
    QStringList m_parts;
    std::vector<QRectF> m_partRects;
};

} // namespace sluice::ui
