#pragma once

#include "engine/Progress.h"
#include "monitor/StateRunBadge.h"
#include "store/StoreRecords.h"

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

class QLabel;
class QSplitter;
class QTabWidget;
class QTimer;
class QGraphicsSimpleTextItem;

namespace sluice::ui {

class EditorDocument;
class GraphView;
class RunScene;
class StateItem;
class StateRunBadge;

/// One run on the canvas: the workflow version it ran (the definition from the store) drawn read-only by
/// the editor's scene, every state with its live counts and health (StateRunBadge), edges with their
/// throughput, Map containers with an items bar. Counts come from the engine's snapshots (a run of this
/// process: applySnapshot) or from the store watcher (a run another process writes: applyStoreCounts).
/// Clicking a state emits stateClicked(); a failed count emits dlqRequested(). A bottom tab area takes the
/// item table, item detail, history and charts (addBottomTab); snapshot() passes every snapshot on to them.
/// The definition is read on a worker thread. GUI thread.
class RunView : public QWidget
{
    Q_OBJECT
public:
    RunView(const QString &storeLocation, const QString &executionId, QWidget *parent = nullptr);
    ~RunView() override;

    QString executionId() const { return m_executionId; }
    QString workflowName() const { return m_workflowName; }
    bool isLoaded() const { return m_loaded; }
    GraphView *graphView() const { return m_view; }
    RunScene *runScene() const { return m_scene; }
    QTabWidget *bottomTabs() const { return m_bottom; }
    /// Adds a panel to the bottom area (items table, item detail, history, charts).
    int addBottomTab(QWidget *widget, const QString &title);
    /// The overlay of the state named `name` (nullptr before the definition is on the canvas).
    StateRunBadge *badge(const QString &name) const;
    /// The throughput text of the edges leaving `name` (first edge), for tests.
    QString edgeLabel(const QString &name) const;

    /// A snapshot of this run from the engine (other executions' are ignored).
    void applySnapshot(const sluice::ProgressSnapshot &snapshot);
    /// The run as the store has it (a run another process writes): items by state and status.
    void applyStoreCounts(const sluice::ExecutionInfo &execution, const sluice::StateItemCounts &states);
    /// The run's status line (status, items) changed.
    void setStatus(const sluice::ExecutionInfo &execution);

Q_SIGNALS:
    /// The definition is on the canvas (or could not be read: `error`).
    void loaded(const QString &error);
    /// A state was clicked: the item table filters to it.
    void stateClicked(const QString &stateName);
    /// The failed count of a state was clicked: show its DLQ entries.
    void dlqRequested(const QString &executionId, const QString &stateName);
    /// Every snapshot of this run, passed on to the bottom panels.
    void snapshot(const sluice::ProgressSnapshot &snapshot);

private:
    void onDefinition(const QByteArray &definition, const QString &workflowName, const QString &error);
    void buildOverlay();
    void paintCounts();

    QString m_location;
    QString m_executionId;
    QString m_workflowName;
    bool m_loaded = false;
    EditorDocument *m_doc;
    RunScene *m_scene;
    GraphView *m_view;
    QTabWidget *m_bottom;
    QSplitter *m_splitter;
    QLabel *m_status;
    QHash<QString, StateRunBadge *> m_badges;                           ///< by state name
    QHash<QString, QList<QGraphicsSimpleTextItem *>> m_edgeLabels;      ///< by source state name, per edge
    QHash<QString, bool> m_edgeIsCatch;
    QHash<QString, StateLiveCounts> m_counts;                          ///< by state name
    QHash<QString, qint64> m_left;                                     ///< exits per state at the last rate
    QHash<QString, double> m_rates;                                    ///< exits per second per state
    QElapsedTimer m_rateClock;
    QTimer *m_paintTimer;   ///< repaints the canvas at most four times a second while a run goes
    qint64 m_itemsDone = 0;
    qint64 m_itemsFailed = 0;
    qint64 m_itemsTotal = 0;
    qint64 m_itemsRunning = 0;
};

} // namespace sluice::ui
