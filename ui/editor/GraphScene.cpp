#include "editor/GraphScene.h"

#include "editor/EdgeItem.h"
#include "editor/EditorStyle.h"
#include "editor/LayeredLayout.h"
#include "editor/StateItem.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QPainter>
#include <QPalette>
#include <QApplication>
#include <QStyleOptionGraphicsItem>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace sluice::ui {

using namespace editorstyle;

const QString GraphScene::kPaletteMimeType = QStringLiteral("application/x-sluice-palette");

namespace {

QString kindKey(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Next: return QStringLiteral("next");
    case EdgeKind::Default: return QStringLiteral("default");
    case EdgeKind::ChoiceRule: return QStringLiteral("rule");
    case EdgeKind::Catch: return QStringLiteral("catch");
    }
    return {};
}

} // namespace

GraphScene::GraphScene(EditorDocument *document, QObject *parent) : QGraphicsScene(parent), m_doc(document)
{
    // A BSP index makes every edit pay for re-indexing hundreds of items; a linear scan of a thousand
    // bounding rectangles per paint costs far less (bench_editor).
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(m_doc, &EditorDocument::changed, this, &GraphScene::sync);
    connect(m_doc, &EditorDocument::layoutChanged, this, &GraphScene::sync);
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::onSelectionChanged);
    sync();
}

GraphScene::~GraphScene()
{
    // items go with the scene; forget them first so no slot touches them
    disconnect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::onSelectionChanged);
}

QString GraphScene::ownerOf(const QString &scope)
{
    if (scope.isEmpty())
        return {};
    QString s = scope;
    if (s.endsWith(QLatin1String("/ItemProcessor")) || s.endsWith(QLatin1String("/Iterator")))
        return s.left(s.lastIndexOf(QLatin1Char('/')));
    // ".../Branches/N"
    s = s.left(s.lastIndexOf(QLatin1Char('/')));
    return s.left(s.lastIndexOf(QLatin1Char('/')));
}

QString GraphScene::edgeKey(const EditorDocument::Edge &edge)
{
    return edge.from + QLatin1Char('|') + kindKey(edge.kind) + QLatin1Char('|') + QString::number(edge.index);
}

QSizeF GraphScene::nodeSize(const QString &pointer, const QHash<QString, QPointF> &positions) const
{
    const auto type = m_doc->typeOf(pointer);
    const bool container = type == StateType::Parallel || type == StateType::Map;
    if (!container || m_doc->layout().collapsed.contains(pointer))
        return QSizeF(kNodeWidth, kNodeHeight);
    double maxX = kNodeWidth - 2 * kContainerPad;
    double maxY = 0;
    for (const QString &scope : m_doc->childScopes(pointer)) {
        for (const QString &child : m_doc->statesIn(scope)) {
            const QPointF pos = positions.value(child);
            const QSizeF size = nodeSize(child, positions);
            maxX = std::max(maxX, pos.x() + size.width());
            maxY = std::max(maxY, pos.y() + size.height() + 24);   // room for an end mark
        }
    }
    return QSizeF(std::ceil(maxX + 2 * kContainerPad), std::ceil(kNodeHeight + kContainerPad + maxY + kContainerPad));
}

void GraphScene::layoutMachine(const QString &scope, QHash<QString, QPointF> &positions,
                               QHash<QString, Route> &routes) const
{
    QStringList states = m_doc->statesIn(scope);
    if (states.isEmpty())
        return;
    // the start first: the layout's depth-first search begins there, so loops point back up to it
    const QString start = StateRef::pointer(scope, m_doc->startAt(scope));
    if (const qsizetype i = states.indexOf(start); i > 0)
        states.move(i, 0);
    for (const QString &st : std::as_const(states)) {
        const auto type = m_doc->typeOf(st);
        if ((type == StateType::Parallel || type == StateType::Map) && !m_doc->layout().collapsed.contains(st))
            layoutContainer(st, positions, routes);
    }
    QHash<QString, int> index;
    std::vector<QSizeF> sizes;
    for (const QString &st : std::as_const(states)) {
        index.insert(st, int(sizes.size()));
        sizes.push_back(nodeSize(st, positions));
    }
    std::vector<std::pair<int, int>> edges;
    std::vector<EditorDocument::Edge> docEdges;
    for (const QString &st : std::as_const(states)) {
        for (const auto &e : m_doc->edgesFrom(st)) {
            edges.emplace_back(index.value(e.from), index.value(e.to));
            docEdges.push_back(e);
        }
    }
    LayeredLayout::Options options;
    options.layerGap = kLayerGap;
    options.nodeGap = kNodeGap;
    const auto result = LayeredLayout::layout(sizes, edges, options);
    for (const QString &st : std::as_const(states))
        positions.insert(st, result.positions[size_t(index.value(st))]);
    for (size_t e = 0; e < docEdges.size(); ++e) {
        routes.insert(edgeKey(docEdges[e]), Route{result.routes[e], positions.value(docEdges[e].from),
                                                  positions.value(docEdges[e].to)});
    }
}

void GraphScene::layoutContainer(const QString &pointer, QHash<QString, QPointF> &positions,
                                 QHash<QString, Route> &routes) const
{
    const QStringList scopes = m_doc->childScopes(pointer);
    if (m_doc->typeOf(pointer) != StateType::Parallel) {
        for (const QString &scope : scopes)
            layoutMachine(scope, positions, routes);
        return;
    }
    // branches side by side, each under its label
    double x = 0;
    for (const QString &scope : scopes) {
        QHash<QString, QPointF> local;
        QHash<QString, Route> localRoutes;
        layoutMachine(scope, local, localRoutes);
        const QStringList states = m_doc->statesIn(scope);
        double width = 0;
        for (const QString &st : states)
            width = std::max(width, local.value(st).x() + nodeSize(st, local).width());
        const QPointF shift(x + 10, kBranchLabel + 8);
        for (auto it = local.begin(); it != local.end(); ++it)
            positions.insert(it.key(), states.contains(it.key()) ? it.value() + shift : it.value());
        for (auto it = localRoutes.begin(); it != localRoutes.end(); ++it) {
            Route route = it.value();
            if (states.contains(it.key().section(QLatin1Char('|'), 0, 0))) {
                for (QPointF &p : route.points)
                    p += shift;
                route.from += shift;
                route.to += shift;
            }
            routes.insert(it.key(), route);
        }
        x += width + 20 + kBranchGap;
    }
}

QHash<QString, QPointF> GraphScene::computeLayout()
{
    QHash<QString, QPointF> positions;
    QHash<QString, Route> routes;
    layoutMachine(QString(), positions, routes);
    // states inside collapsed containers keep their places, or get some
    for (const QString &p : m_doc->statePointers()) {
        if (!positions.contains(p)) {
            const auto &existing = m_doc->layout().positions;
            if (existing.contains(p)) {
                positions.insert(p, existing.value(p));
            } else {
                const QString scope = StateRef::scopeOf(p);
                if (!positions.contains(m_doc->statesIn(scope).value(0)) || m_doc->statesIn(scope).value(0) == p) {
                    QHash<QString, QPointF> local;
                    layoutMachine(scope, local, routes);
                    for (auto it = local.begin(); it != local.end(); ++it) {
                        if (!positions.contains(it.key()))
                            positions.insert(it.key(), it.value());
                    }
                }
            }
        }
    }
    m_routes = routes;
    return positions;
}

void GraphScene::autoLayout()
{
    const QHash<QString, QPointF> positions = computeLayout();
    m_doc->moveStates(positions);
}

void GraphScene::placeMissing()
{
    const auto &existing = m_doc->layout().positions;
    QHash<QString, QPointF> placed;
    std::function<void(const QString &)> walk = [&](const QString &scope) {
        const QStringList states = m_doc->statesIn(scope);
        int missing = 0;
        for (const QString &st : states)
            missing += existing.contains(st) ? 0 : 1;
        if (missing > 0 && missing == states.size()) {
            QHash<QString, QPointF> local;
            layoutMachine(scope, local, m_routes);
            for (auto it = local.begin(); it != local.end(); ++it) {
                if (!existing.contains(it.key()))
                    placed.insert(it.key(), it.value());
            }
            return;
        }
        if (missing > 0) {
            double bottom = 0;
            for (const QString &st : states) {
                if (existing.contains(st))
                    bottom = std::max(bottom, existing.value(st).y() + nodeSize(st, existing).height());
            }
            for (const QString &st : states) {
                if (!existing.contains(st)) {
                    bottom += kLayerGap;
                    placed.insert(st, QPointF(0, bottom));
                    bottom += kNodeHeight;
                }
            }
        }
        for (const QString &st : states) {
            for (const QString &child : m_doc->childScopes(st))
                walk(child);
        }
    };
    walk(QString());
    if (!placed.isEmpty())
        m_doc->placeStates(placed);
}

void GraphScene::sync()
{
    if (m_syncing)
        return;
    m_syncing = true;
    std::optional<QSignalBlocker> blockSelection(std::in_place, this);   // items coming and going are not the user's selection
    const QStringList selected = selectedStates();

    placeMissing();

    QHash<QString, QStringList> problems;
    for (const Error &e : m_doc->problems()) {
        const QString st = m_doc->stateOfPointer(e.where.pointer);
        if (!st.isEmpty())
            problems[st] << e.message;
    }
    const QStringList pointers = m_doc->statePointers();

    // What should be on the canvas: states not inside a collapsed container, with their parents.
    QHash<QString, QString> wanted;   // pointer -> owner ("" at the top)
    for (const QString &p : pointers) {
        const QString owner = ownerOf(StateRef::scopeOf(p));
        if (!owner.isEmpty() && (!wanted.contains(owner) || m_doc->layout().collapsed.contains(owner)))
            continue;
        wanted.insert(p, owner);
    }
    // Items that go (or move to another parent) take their edges with them; edges first, they point at items.
    QStringList doomed;
    for (auto it = m_items.begin(); it != m_items.end(); ++it) {
        const auto w = wanted.constFind(it.key());
        const QGraphicsItem *parent = it.value()->parentItem();
        const QString parentPointer = parent ? static_cast<const StateItem *>(parent)->pointer() : QString();
        if (w == wanted.cend() || w.value() != parentPointer)
            doomed << it.key();
    }
    if (!doomed.isEmpty()) {
        QSet<EdgeItem *> gone;
        for (const QString &p : std::as_const(doomed)) {
            // the item and everything nested in it
            for (auto it = m_items.begin(); it != m_items.end(); ++it) {
                if (it.key() == p || it.key().startsWith(p + QLatin1Char('/'))) {
                    for (EdgeItem *edge : it.value()->edges())
                        gone.insert(edge);
                }
            }
        }
        removeEdges(gone);
        std::sort(doomed.begin(), doomed.end(), [](const QString &a, const QString &b) { return a.size() < b.size(); });
        for (const QString &p : std::as_const(doomed)) {
            if (!m_items.contains(p))
                continue;   // went with its parent
            const QString prefix = p + QLatin1Char('/');
            for (auto it = m_items.begin(); it != m_items.end();)
                it = it.key().startsWith(prefix) ? m_items.erase(it) : std::next(it);   // deleted with their parent
            delete m_items.take(p);
        }
    }

    // one lookup per machine, not per state (a JSON pointer is parsed for each lookup)
    QHash<QString, const OrderedJson *> machines;
    const auto stateJson = [this, &machines](const QString &pointer, const OrderedJson **machineOut) {
        const QString scope = StateRef::scopeOf(pointer);
        auto m = machines.find(scope);
        if (m == machines.end())
            m = machines.insert(scope, m_doc->machineAt(scope));
        *machineOut = m.value();
        return &(*m.value())["States"][StateRef::nameOf(pointer).toStdString()];
    };
    for (const QString &p : pointers) {
        const auto w = wanted.constFind(p);
        if (w == wanted.cend())
            continue;
        const QString scope = StateRef::scopeOf(p);
        const OrderedJson *machineJson = nullptr;
        const OrderedJson *st = stateJson(p, &machineJson);
        NodeInfo info;
        info.pointer = p;
        info.name = StateRef::nameOf(p);
        info.summary = EditorDocument::summaryOf(*st);
        info.type = m_doc->typeOf(p);
        info.container = info.type == StateType::Parallel || info.type == StateType::Map;
        info.collapsed = m_doc->layout().collapsed.contains(p);
        info.start = machineJson->value("StartAt", std::string()) == info.name.toStdString();
        info.end = info.type == StateType::Succeed || info.type == StateType::Fail
                   || (st->is_object() && st->value("End", false) == true);
        info.problems = problems.value(p);
        StateItem *item = m_items.value(p);
        if (!item) {
            StateItem *parent = w.value().isEmpty() ? nullptr : m_items.value(w.value());
            item = new StateItem(info, parent);
            if (!parent)
                addItem(item);
            m_items.insert(p, item);
        } else {
            item->setInfo(info);
        }
    }

    syncGeometry();
    syncEdges(stateJson);
    for (const QString &p : selected) {
        if (StateItem *item = m_items.value(p))
            item->setSelected(true);
    }
    m_syncing = false;
    blockSelection.reset();
    // grow the scene with the drawing, with a margin to scroll into
    setSceneRect(itemsBoundingRect().adjusted(-400, -300, 400, 300));
}

void GraphScene::removeEdges(const QSet<EdgeItem *> &edges)
{
    if (edges.isEmpty())
        return;
    for (EdgeItem *edge : edges) {
        for (StateItem *end : {edge->source(), edge->target()}) {
            auto &list = end->edges();
            list.erase(std::remove(list.begin(), list.end(), edge), list.end());
        }
        m_edgeByKey.remove(m_edgeByKey.key(edge));
    }
    m_edges.erase(std::remove_if(m_edges.begin(), m_edges.end(), [&edges](EdgeItem *e) { return edges.contains(e); }),
                  m_edges.end());
    for (EdgeItem *edge : edges)
        delete edge;
}

void GraphScene::syncGeometry()
{
    const auto &positions = m_doc->layout().positions;
    const QStringList pointers = m_doc->statePointers();
    for (auto it = pointers.rbegin(); it != pointers.rend(); ++it) {
        StateItem *item = m_items.value(*it);
        if (!item)
            continue;
        const QSizeF size = nodeSize(*it, positions);
        const QPointF origin = item->parentItem() ? StateItem::contentOrigin() : QPointF();
        const QPointF pos = origin + positions.value(*it);
        if (size != item->size() || pos != item->pos()) {
            // it and everything inside it moved (as far as edges drawn in scene terms are concerned)
            m_moved.insert(item);
            item->setSize(size);
            item->setPos(pos);
        }
        if (item->info().type == StateType::Parallel && item->isOpenContainer()) {
            std::vector<std::pair<QString, QRectF>> branches;
            const QStringList scopes = m_doc->childScopes(*it);
            for (int b = 0; b < scopes.size(); ++b) {
                QRectF box;
                for (const QString &child : m_doc->statesIn(scopes[b]))
                    box = box.united(QRectF(positions.value(child), nodeSize(child, positions)));
                if (box.isNull())
                    continue;
                const QRectF rect = box.adjusted(-10, -kBranchLabel - 4, 10, 22).translated(origin.isNull() ? StateItem::contentOrigin() : StateItem::contentOrigin());
                branches.emplace_back(tr("Branch %1").arg(b + 1), rect);
            }
            item->setBranches(branches);
        }
    }
}

void GraphScene::syncEdges(const StateLookup &stateJson)
{
    // Edges are kept while they lead the same way with the same label; only new ones are made, and only the
    // ones whose ends moved or changed size are redrawn.
    QHash<QString, EdgeItem *> keep;
    std::vector<std::tuple<QString, StateItem *, StateItem *, EditorDocument::Edge>> create;
    for (const QString &p : m_doc->statePointers()) {
        StateItem *item = m_items.value(p);
        if (!item)
            continue;
        const OrderedJson *machineJson = nullptr;
        const OrderedJson *st = stateJson(p, &machineJson);
        for (const auto &e : EditorDocument::edgesFrom(p, *st, *machineJson)) {
            StateItem *target = m_items.value(e.to);
            if (!target || target == item)
                continue;
            const QString key = edgeKey(e) + QLatin1Char('>') + e.to + QLatin1Char('|') + e.label;
            if (EdgeItem *existing = m_edgeByKey.value(key))
                keep.insert(key, existing);
            else
                create.emplace_back(key, item, target, e);
        }
    }
    QSet<EdgeItem *> gone;
    for (auto it = m_edgeByKey.begin(); it != m_edgeByKey.end(); ++it) {
        if (!keep.contains(it.key()))
            gone.insert(it.value());
    }
    removeEdges(gone);
    const auto routeFor = [this](const EditorDocument::Edge &e, QGraphicsItem *parent, std::vector<QPointF> *points,
                                 QPointF *from, QPointF *to) {
        const auto route = m_routes.constFind(edgeKey(e));
        if (route == m_routes.cend())
            return false;
        const QPointF origin = parent ? StateItem::contentOrigin() : QPointF();
        *points = route->points;
        for (QPointF &pt : *points)
            pt += origin;
        *from = origin + route->from;
        *to = origin + route->to;
        return true;
    };
    for (EdgeItem *edge : std::as_const(m_edges)) {
        std::vector<QPointF> points;
        QPointF from, to;
        if (routeFor(edge->edge(), edge->parentItem(), &points, &from, &to) && edge->routeDiffers(points))
            edge->setRoute(std::move(points), from, to);
        else if (m_moved.contains(edge->source()) || m_moved.contains(edge->target()))
            edge->updatePath();
    }
    for (auto &[key, item, target, e] : create) {
        QGraphicsItem *parent = item->parentItem();
        auto *edge = new EdgeItem(item, target, e, parent);
        if (!parent)
            addItem(edge);
        std::vector<QPointF> points;
        QPointF from, to;
        if (routeFor(e, parent, &points, &from, &to))
            edge->setRoute(std::move(points), from, to);
        item->edges().push_back(edge);
        target->edges().push_back(edge);
        m_edges.push_back(edge);
        m_edgeByKey.insert(key, edge);
    }
    m_moved.clear();
}

QStringList GraphScene::selectedStates() const
{
    QStringList out;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == StateItem::Type)
            out << static_cast<StateItem *>(item)->pointer();
    }
    const QStringList order = m_doc->statePointers();
    std::sort(out.begin(), out.end(), [&order](const QString &a, const QString &b) {
        return order.indexOf(a) < order.indexOf(b);
    });
    return out;
}

void GraphScene::selectState(const QString &pointer)
{
    QString p = pointer;
    while (!p.isEmpty() && !m_items.contains(p))
        p = ownerOf(StateRef::scopeOf(p));   // inside a collapsed container: select the container
    clearSelection();
    if (StateItem *item = m_items.value(p)) {
        item->setSelected(true);
        for (QGraphicsView *view : views())
            view->ensureVisible(item, 60, 60);
    }
}

QString GraphScene::currentScope() const
{
    const QStringList selected = selectedStates();
    return selected.isEmpty() ? QString() : StateRef::scopeOf(selected.first());
}

void GraphScene::onSelectionChanged()
{
    const QStringList selected = selectedStates();
    Q_EMIT currentStateChanged(selected.size() == 1 ? selected.first() : QString());
}

StateItem *GraphScene::stateItemAt(QPointF scenePos, const StateItem *except) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == StateItem::Type && item != except)
            return static_cast<StateItem *>(item);
    }
    return nullptr;
}

EdgeItem *GraphScene::edgeItemAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(QRectF(scenePos - QPointF(5, 5), QSizeF(10, 10)))) {
        if (item->type() == EdgeItem::Type)
            return static_cast<EdgeItem *>(item);
    }
    return nullptr;
}

QString GraphScene::scopeAt(QPointF scenePos, QPointF *scopeOrigin) const
{
    StateItem *best = nullptr;
    for (auto it = m_items.begin(); it != m_items.end(); ++it) {
        StateItem *item = it.value();
        if (!item->isOpenContainer() || !QRectF(item->scenePos(), item->size()).contains(scenePos))
            continue;
        if (!best || it.key().size() > best->pointer().size())
            best = item;
    }
    *scopeOrigin = QPointF();
    if (!best)
        return {};
    const QStringList scopes = m_doc->childScopes(best->pointer());
    if (scopes.isEmpty())
        return {};
    *scopeOrigin = best->scenePos() + StateItem::contentOrigin();
    if (scopes.size() == 1)
        return scopes.first();
    // the branch whose states lie nearest
    const QPointF local = scenePos - *scopeOrigin;
    QString nearest = scopes.first();
    double bestDistance = 1e300;
    for (const QString &scope : scopes) {
        for (const QString &st : m_doc->statesIn(scope)) {
            const QPointF c = m_doc->layout().positions.value(st) + QPointF(kNodeWidth / 2, kNodeHeight / 2);
            const double d = std::abs(c.x() - local.x());
            if (d < bestDistance) {
                bestDistance = d;
                nearest = scope;
            }
        }
    }
    return nearest;
}

bool GraphScene::dropEntry(StateType type, const QString &resource, QPointF scenePos)
{
    const QPointF half(kNodeWidth / 2, kNodeHeight / 2);
    const auto snapped = [this](QPointF p) {
        return m_snap ? QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid) : p;
    };
    if (EdgeItem *edge = edgeItemAt(scenePos)) {
        const QGraphicsItem *parent = edge->parentItem();
        const QPointF origin = parent ? parent->scenePos() + StateItem::contentOrigin() : QPointF();
        const auto result = m_doc->insertOnEdge(edge->edge().from, edge->edge().kind, edge->edge().index, type,
                                                resource, snapped(scenePos - origin - half));
        if (!result) {
            Q_EMIT message(result.error().message);
            return false;
        }
        selectState(*result);
        return true;
    }
    QPointF origin;
    const QString scope = scopeAt(scenePos, &origin);
    const auto result = m_doc->addState(scope, type, resource, snapped(scenePos - origin - half));
    if (!result) {
        Q_EMIT message(result.error().message);
        return false;
    }
    selectState(*result);
    return true;
}

bool GraphScene::connectStates(const QString &from, const QString &to)
{
    const auto result = m_doc->connectAuto(from, to);
    if (!result) {
        Q_EMIT message(result.error().message);
        return false;
    }
    return true;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (StateItem *item = stateItemAt(event->scenePos())) {
            const QPointF local = item->mapFromScene(event->scenePos());
            if (item->info().container && item->toggleRect().contains(local)) {
                const QString pointer = item->pointer();
                m_doc->setCollapsed(pointer, !item->info().collapsed);
                event->accept();
                return;
            }
            if (item->hitsPort(local)) {
                m_connectFrom = item;
                const QPointF port = item->mapToScene(item->portPos());
                QPen pen(QApplication::palette().color(QPalette::Highlight), 1.5, Qt::DashLine);
                m_connectLine = addLine(QLineF(port, event->scenePos()), pen);
                m_connectLine->setZValue(1000);
                event->accept();
                return;
            }
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        m_connectLine->setLine(QLineF(m_connectLine->line().p1(), event->scenePos()));
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        StateItem *target = stateItemAt(event->scenePos(), m_connectFrom);
        const QString from = m_connectFrom->pointer();
        m_connectFrom = nullptr;
        if (target)
            connectStates(from, target->pointer());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    QHash<QString, QPointF> moved;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() != StateItem::Type)
            continue;
        auto *state = static_cast<StateItem *>(item);
        const QPointF origin = state->parentItem() ? StateItem::contentOrigin() : QPointF();
        const QPointF stored = state->pos() - origin;
        if (m_doc->layout().positions.value(state->pointer()) != stored)
            moved.insert(state->pointer(), stored);
    }
    if (!moved.isEmpty())
        m_doc->moveStates(moved);
}

void GraphScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (StateItem *item = stateItemAt(event->scenePos())) {
        if (item->nameRect().contains(item->mapFromScene(event->scenePos()))) {
            Q_EMIT renameRequested(item->pointer());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void GraphScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette palette = QApplication::palette();
    const QColor base = palette.color(QPalette::Window);
    const bool dark = base.lightness() < 128;
    painter->fillRect(rect, dark ? base.darker(115) : base.lighter(103));
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kDetailZoom)
        return;
    QColor line = palette.color(QPalette::Mid);
    line.setAlpha(dark ? 50 : 40);
    painter->setPen(QPen(line, 0));
    const double step = kGrid * 2;
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    QVarLengthArray<QLineF, 256> lines;
    for (double x = left; x < rect.right(); x += step)
        lines.append(QLineF(x, rect.top(), x, rect.bottom()));
    for (double y = top; y < rect.bottom(); y += step)
        lines.append(QLineF(rect.left(), y, rect.right(), y));
    painter->drawLines(lines.data(), int(lines.size()));
}

} // namespace sluice::ui
