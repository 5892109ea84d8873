#pragma once

#include "editor/EditorDocument.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>
#include <vector>

class QGraphicsLineItem;

namespace sluice::ui {

class EdgeItem;
class StateItem;

/// The canvas: draws an EditorDocument as nodes (StateItem; Map and Parallel hold their states) and edges
/// (EdgeItem), and turns gestures into document edits: moving nodes, dragging from a node's port onto
/// another node to connect, the collapse toggle, and drops from the palette (onto an edge: insert; into a
/// container: add there). It never edits the definition itself; it re-reads the document when it changes.
/// States without a position are laid out automatically (LayeredLayout, containers first, recursively).
/// Lives on the GUI thread.
class GraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    /// The MIME type of a palette entry: "Type" or "Task\nRESOURCE".
    static const QString kPaletteMimeType;

    explicit GraphScene(EditorDocument *document, QObject *parent = nullptr);
    ~GraphScene() override;

    EditorDocument *document() const { return m_doc; }
    StateItem *stateItem(const QString &pointer) const { return m_items.value(pointer); }
    int stateItemCount() const { return int(m_items.size()); }
    const std::vector<EdgeItem *> &edgeItems() const { return m_edges; }

    /// Pointers of the selected states, in document order.
    QStringList selectedStates() const;
    /// Selects one state (opening collapsed containers around it) and clears the rest of the selection.
    void selectState(const QString &pointer);
    /// Where pasted or dropped states go: the machine of the selected state, else the top level.
    QString currentScope() const;

    bool snapToGrid() const { return m_snap && !m_syncing; }
    void setSnapToGrid(bool snap) { m_snap = snap; }

    /// Lays out every state again (one undo step).
    void autoLayout();
    /// Positions for every state of the document as the automatic layout places them (no edit).
    QHash<QString, QPointF> computeLayout();

    /// A palette entry dropped at `scenePos`: on an edge inserts, in a container adds there, else adds to
    /// the top level. Returns false (and emits message()) if the document refused.
    bool dropEntry(StateType type, const QString &resource, QPointF scenePos);

    /// Starts a connection from `from` as a port drag would; finishConnection() completes it.
    bool connectStates(const QString &from, const QString &to);

Q_SIGNALS:
    /// Something the user should read, e.g. why a connection was refused.
    void message(const QString &text);
    /// A double-click on a state's name asks to rename it in place.
    void renameRequested(const QString &pointer);
    /// The selection changed; `pointer` is the one selected state, or empty.
    void currentStateChanged(const QString &pointer);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    struct Route
    {
        std::vector<QPointF> points;   ///< in the scope's coordinates
        QPointF from;                  ///< the ends' stored positions when routed
        QPointF to;
    };

    void sync();
    void syncGeometry();
    using StateLookup = std::function<const OrderedJson *(const QString &pointer, const OrderedJson **machine)>;
    void syncEdges(const StateLookup &stateJson);
    void removeEdges(const QSet<EdgeItem *> &edges);
    void placeMissing();
    void onSelectionChanged();

    /// The state holding `scope` ("" for the top level).
    static QString ownerOf(const QString &scope);
    /// Size of a state's node given positions (open containers wrap their states).
    QSizeF nodeSize(const QString &pointer, const QHash<QString, QPointF> &positions) const;
    /// Lays out the machine at `scope` (and the machines inside it) into `positions`, scope-relative.
    void layoutMachine(const QString &scope, QHash<QString, QPointF> &positions, QHash<QString, Route> &routes) const;
    void layoutContainer(const QString &pointer, QHash<QString, QPointF> &positions, QHash<QString, Route> &routes) const;
    static QString edgeKey(const EditorDocument::Edge &edge);
    StateItem *stateItemAt(QPointF scenePos, const StateItem *except = nullptr) const;
    EdgeItem *edgeItemAt(QPointF scenePos) const;
    /// The machine a point falls in: the innermost open container's (the branch under it), else "".
    QString scopeAt(QPointF scenePos, QPointF *scopeOrigin) const;

    EditorDocument *m_doc;
    QHash<QString, StateItem *> m_items;
    std::vector<EdgeItem *> m_edges;
    QHash<QString, EdgeItem *> m_edgeByKey;   ///< from|kind|index>to|label
    QSet<StateItem *> m_moved;                ///< items whose place or size changed in this sync
    QHash<QString, Route> m_routes;
    bool m_snap = false;
    bool m_syncing = false;
    StateItem *m_connectFrom = nullptr;
    QGraphicsLineItem *m_connectLine = nullptr;
    StateItem *m_pressed = nullptr;
    QPointF m_pressPos;
};

} // namespace sluice::ui
