#pragma once

#include "definition/Workflow.h"

#include <QGraphicsItem>
#include <QStaticText>
#include <QStringList>

#include <optional>
#include <vector>

namespace sluice::ui {

class EdgeItem;

/// What a node shows; the scene fills it in from the document.
struct NodeInfo
{
    QString pointer;
    QString name;
    QString summary;
    std::optional<StateType> type;
    bool container = false;    ///< Parallel or Map
    bool collapsed = false;
    bool start = false;        ///< its machine's StartAt
    bool end = false;          ///< End: true, Succeed or Fail
    QStringList problems;      ///< the validator's messages for this state

    bool operator==(const NodeInfo &) const = default;
};

/// One state on the canvas: a card with its type's icon and colour, name and one-line summary; a Map or
/// Parallel is a frame that holds its states (child items), or a card when collapsed. It paints and
/// reports gestures; edits go through the document. Drawn in less detail when zoomed far out.
class StateItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    int type() const override { return Type; }

    explicit StateItem(const NodeInfo &info, QGraphicsItem *parent = nullptr);

    const NodeInfo &info() const { return m_info; }
    QString pointer() const { return m_info.pointer; }
    void setInfo(const NodeInfo &info);

    /// The card, or the frame when an open container.
    QSizeF size() const { return m_size; }
    void setSize(QSizeF size);
    /// Where the contained states' coordinates start, relative to this item (containers).
    static QPointF contentOrigin();
    /// Branch labels and their places (Parallel), relative to this item.
    void setBranches(const std::vector<std::pair<QString, QRectF>> &branches);

    bool isOpenContainer() const { return m_info.container && !m_info.collapsed; }
    /// The header card's rectangle (the whole item for a plain state).
    QRectF cardRect() const;
    /// The port to drag a connection from: bottom centre of the card.
    QPointF portPos() const;
    bool hitsPort(QPointF itemPos) const;
    /// The collapse/expand toggle of a container, in item coordinates.
    QRectF toggleRect() const;
    /// The name's rectangle, where a double-click renames.
    QRectF nameRect() const;

    std::vector<EdgeItem *> &edges() { return m_edges; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void updateTexts();

    NodeInfo m_info;
    QSizeF m_size;
    QStaticText m_nameText;
    QStaticText m_summaryText;
    std::vector<std::pair<QString, QRectF>> m_branches;
    std::vector<EdgeItem *> m_edges;
    bool m_hover = false;
};

} // namespace sluice::ui
