#pragma once

#include <QGraphicsView>
#include <QPointer>

#include <QLineEdit>

namespace sluice::ui {

class GraphScene;
class MiniMap;

/// The view on the canvas: zoom (Ctrl+wheel, actions), fit, zoom to selection, rubber-band selection,
/// panning with the middle button, drops from the palette, renaming a state in place, and a minimap in
/// the corner. Lives on the GUI thread.
class GraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphView(GraphScene *scene, QWidget *parent = nullptr);

    GraphScene *graphScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    void fitAll();
    void zoomToSelection();
    /// Opens the in-place editor on a state's name.
    void startRename(const QString &pointer);
    QLineEdit *renameEditor() const { return m_rename; }
    MiniMap *miniMap() const { return m_miniMap; }
    void setMiniMapVisible(bool visible);

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void placeMiniMap();
    void finishRename(bool commit);

    GraphScene *m_scene;
    MiniMap *m_miniMap;
    QPointer<QLineEdit> m_rename;
    QString m_renaming;
    bool m_panning = false;
    QPoint m_panStart;
};

/// An overview of the whole canvas with the visible part framed; click or drag to move there.
class MiniMap : public QGraphicsView
{
    Q_OBJECT
public:
    MiniMap(GraphView *main, QWidget *parent = nullptr);
    void refresh();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    GraphView *m_main;
};

} // namespace sluice::ui
