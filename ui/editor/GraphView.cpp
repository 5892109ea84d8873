#include "editor/GraphView.h"

#include "editor/EditorStyle.h"
#include "editor/GraphScene.h"
#include "editor/StateItem.h"

#include <QDragEnterEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace sluice::ui {

namespace {
constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 4.0;
constexpr double kZoomStep = 1.25;
constexpr int kMiniMapWidth = 200;
constexpr int kMiniMapHeight = 140;

/// "Task\nsluice:http" -> (Task, sluice:http)
bool parseEntry(const QMimeData *data, StateType *type, QString *resource)
{
    if (!data->hasFormat(GraphScene::kPaletteMimeType))
        return false;
    const QStringList parts = QString::fromUtf8(data->data(GraphScene::kPaletteMimeType)).split(QLatin1Char('\n'));
    const auto t = stateTypeFromName(parts.value(0).toStdString());
    if (!t)
        return false;
    *type = *t;
    *resource = parts.value(1);
    return true;
}
} // namespace

GraphView::GraphView(GraphScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_scene(scene), m_miniMap(nullptr)
{
    setObjectName(QStringLiteral("graphView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    m_miniMap = new MiniMap(this, this);
    placeMiniMap();
    connect(scene, &GraphScene::renameRequested, this, &GraphView::startRename);
    connect(scene, &QGraphicsScene::sceneRectChanged, m_miniMap, &MiniMap::refresh);
}

void GraphView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(zoom, zoom));
    m_miniMap->viewport()->update();
    Q_EMIT zoomChanged(zoom);
}

void GraphView::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void GraphView::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void GraphView::fitAll()
{
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    if (bounds.isEmpty())
        return;
    fitInView(bounds, Qt::KeepAspectRatio);
    setZoom(std::min(1.0, transform().m11()));   // never blow a small workflow up
    centerOn(bounds.center());
}

void GraphView::zoomToSelection()
{
    QRectF bounds;
    for (QGraphicsItem *item : m_scene->selectedItems())
        bounds = bounds.united(item->sceneBoundingRect());
    if (bounds.isEmpty()) {
        fitAll();
        return;
    }
    bounds.adjust(-60, -60, 60, 60);
    fitInView(bounds, Qt::KeepAspectRatio);
    setZoom(std::min(1.5, transform().m11()));
    centerOn(bounds.center());
}

void GraphView::setMiniMapVisible(bool visible)
{
    m_miniMap->setVisible(visible);
}

void GraphView::startRename(const QString &pointer)
{
    StateItem *item = m_scene->stateItem(pointer);
    if (!item)
        return;
    finishRename(false);
    m_renaming = pointer;
    m_rename = new QLineEdit(viewport());
    m_rename->setObjectName(QStringLiteral("renameEditor"));
    m_rename->setText(item->info().name);
    m_rename->selectAll();
    const QRect rect = mapFromScene(item->mapToScene(item->nameRect())).boundingRect();
    m_rename->setGeometry(rect.adjusted(0, 0, 0, 4));
    m_rename->show();
    m_rename->setFocus();
    connect(m_rename, &QLineEdit::returnPressed, this, [this]() { finishRename(true); });
    connect(m_rename, &QLineEdit::editingFinished, this, [this]() { finishRename(true); });
}

void GraphView::finishRename(bool commit)
{
    if (!m_rename)
        return;
    QLineEdit *editor = m_rename;
    m_rename = nullptr;
    const QString pointer = std::exchange(m_renaming, QString());
    const QString name = editor->text();
    editor->hide();
    editor->deleteLater();
    if (!commit)
        return;
    const auto result = m_scene->document()->renameState(pointer, name);
    if (!result)
        Q_EMIT m_scene->message(result.error().message);
    else
        m_scene->selectState(*result);
    setFocus();
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(kZoomStep, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panStart = event->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->pos() - m_panStart;
        m_panStart = event->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && event->button() == Qt::MiddleButton) {
        m_panning = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void GraphView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(GraphScene::kPaletteMimeType))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void GraphView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(GraphScene::kPaletteMimeType))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void GraphView::dropEvent(QDropEvent *event)
{
    StateType type;
    QString resource;
    if (parseEntry(event->mimeData(), &type, &resource)) {
        m_scene->dropEntry(type, resource, mapToScene(event->position().toPoint()));
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dropEvent(event);
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMiniMap();
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    if (m_miniMap)
        m_miniMap->viewport()->update();
}

void GraphView::placeMiniMap()
{
    if (!m_miniMap)
        return;
    const QRect area = viewport()->geometry();
    m_miniMap->setGeometry(area.right() - kMiniMapWidth - 12, area.bottom() - kMiniMapHeight - 12, kMiniMapWidth,
                           kMiniMapHeight);
    m_miniMap->refresh();
}

// --- minimap -------------------------------------------------------------------------------------------

MiniMap::MiniMap(GraphView *main, QWidget *parent) : QGraphicsView(main->scene(), parent), m_main(main)
{
    setObjectName(QStringLiteral("miniMap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setRenderHints(QPainter::Antialiasing);
    setCacheMode(QGraphicsView::CacheNone);
    setToolTip(tr("Overview: click to move there"));
}

void MiniMap::refresh()
{
    const QRectF bounds = scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    if (!bounds.isEmpty())
        fitInView(bounds, Qt::KeepAspectRatio);
    viewport()->update();
}

void MiniMap::drawForeground(QPainter *painter, const QRectF &rect)
{
    Q_UNUSED(rect)
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(40);
    painter->setBrush(fill);
    painter->setPen(QPen(palette().color(QPalette::Highlight), 0));
    painter->drawRect(visible);
}

void MiniMap::mousePressEvent(QMouseEvent *event)
{
    m_main->centerOn(mapToScene(event->pos()));
    viewport()->update();
}

void MiniMap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_main->centerOn(mapToScene(event->pos()));
        viewport()->update();
    }
}

void MiniMap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refresh();
}

void MiniMap::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    refresh();
}

void MiniMap::wheelEvent(QWheelEvent *event)
{
    event->accept();
}

} // namespace sluice::ui
