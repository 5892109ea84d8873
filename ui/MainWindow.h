#pragma once

#include "Json.h"
#include "LoadedDefinition.h"

#include "engine/Progress.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QModelIndex;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTreeView;
class QSystemTrayIcon;

namespace sluice {
class Journal;
class RunService;
class StoreWatcher;
struct ExecutionResult;
} // namespace sluice

namespace sluice::ui {

class DefinitionLoader;
class DefinitionView;
class EditorDocument;
class GraphScene;
class GraphView;
class Palette;
class ProblemListModel;
class RecentFiles;
class RunListModel;
class MonitorStore;
class RunView;
class RunsPanel;
class DlqBrowser;
class StateInspector;
class StateTreeModel;

/// The main window: the designer canvas in the middle (the definition's text on a second tab), the palette
/// and the states tree on the left, the Inspector on the right, the problems at the bottom. Files open off
/// the GUI thread (DefinitionLoader) into the EditorDocument; every edit is undoable and validated.
/// Lives on the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts opening an ASL definition; definitionShown() follows once it is parsed and on the canvas.
    /// Returns false (and says why in the status bar) if the file cannot be read. A file that is not JSON
    /// is refused with openFailed() and the document already open stays as it was.
    bool openFile(const QString &path);
    /// Opens a Step Functions definition, ASL JSON or YAML (.yaml, .yml), as a new untitled workflow with
    /// unsaved changes (Save asks where and writes ASL JSON). A file that cannot be read or converted is
    /// refused with a banner and openFailed(), and the document already open stays as it was.
    bool importFile(const QString &path);
    /// Writes the definition (core serialize: byte-stable) and its layout sidecar; false if it failed.
    bool saveTo(const QString &path);
    /// Writes the definition for AWS Step Functions (no sidecar); `warnings` gets awsExportWarnings().
    /// File > Export shows those warnings and asks before it writes anything.
    bool exportForAws(const QString &path, QStringList *warnings = nullptr);
    /// One line per state that uses a sluice: resource ("Load uses sluice:http"), which AWS refuses.
    QStringList awsExportWarnings() const;
    /// A new, untitled workflow (asks first if there are unsaved changes).
    bool newWorkflow();
    /// The file shown, empty if none.
    QString currentFile() const { return m_path; }
    /// NAME.layout.json beside NAME.asl.json (or NAME.json).
    static QString layoutPathFor(const QString &definitionPath);

    EditorDocument *document() const { return m_doc; }
    GraphScene *graphScene() const { return m_scene; }
    GraphView *graphView() const { return m_graph; }
    StateTreeModel *statesModel() const { return m_states; }
    ProblemListModel *problemsModel() const { return m_problems; }
    DefinitionView *definitionView() const { return m_view; }
    QTreeView *statesView() const { return m_statesView; }
    QTreeView *problemsView() const { return m_problemsView; }
    QDockWidget *inspectorDock() const { return m_inspectorDock; }
    StateInspector *inspector() const { return m_inspector; }
    QDockWidget *dlqDock() const { return m_dlqDock; }
    DlqBrowser *dlqBrowser() const { return m_dlq; }
    QAction *action(const QString &objectName) const;

    // ---- the monitor (MainWindowMonitor.cpp) ----
    /// Opens the store at `location` for running and watching (on a worker thread), resumes the executions
    /// it shows as unfinished (reported in the status bar) and starts watching it for runs of any process.
    /// monitorReady() follows. The GUI's main calls it with Journal::defaultLocation().
    void startMonitor(const QString &location);
    QString storeLocation() const { return m_storeLocation; }
    /// The engine and journal of the store, once monitorReady() said so (else nullptr).
    sluice::RunService *runService() const { return m_runService.get(); }
    QDockWidget *runsDock() const { return m_runsDock; }
    RunsPanel *runsPanel() const { return m_runsPanel; }
    RunListModel *runListModel() const { return m_runList; }
    /// Starts the designer's workflow with `input` in the store; its RunView opens when it has started
    /// (runStarted()). False (and the status bar says why) when there is nothing to run yet.
    bool runWorkflow(Json input);
    /// Shows the run on the canvas as a tab in the middle (opens it if needed).
    RunView *openRun(const QString &executionId);
    RunView *runView(const QString &executionId) const;
    /// Shows the DLQ dock filtered to the execution and state.
    void showDlqFor(const QString &executionId, const QString &state);

Q_SIGNALS:
    /// A definition was loaded and is on screen (valid or not).
    void definitionShown(const QString &path);
    /// Opening `path` failed; the status bar says why.
    void openFailed(const QString &path);
    /// The monitor's store is open (or could not be: `error`).
    void monitorReady(const QString &error);
    /// Unfinished executions of the store were resumed at start.
    void resumed(int count);
    /// A run started from the designer (or rerun) has its execution id.
    void runStarted(const QString &executionId);
    /// A desktop notification was shown (or would have been, where there is no tray).
    void notified(const QString &title, const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// The run tab's bottom panels: items (filtered by a clicked state), item detail, history, charts.
    void addRunPanels(RunView *view);
    void createActions();
    void createDocks();
    void createStatusBar();
    void restoreLayout();
    void saveLayout() const;

    void showDefinition(const LoadedDefinition &definition);
    void showOpenDialog();
    void showImportDialog();
    bool save();
    bool saveAs();
    void showExportDialog();
    void reload();
    void showAbout();
    /// Asks what to do with unsaved changes; false if the user cancelled.
    bool maybeSave();
    void onStateActivated(const QModelIndex &index);
    void onProblemActivated(const QModelIndex &index);
    void updateStatus(int stateCount, int problemCount, bool valid);
    void updateProblemsPlaceholder(bool loaded);
    void updateTitle();
    /// After an edit: the text, the states tree and the problems follow the document (coalesced).
    void refreshFromDocument();
    void updateEditActions();

    void copySelection();
    void cutSelection();
    void pasteClipboard();
    void duplicateSelection();
    void deleteSelection();
    void renameSelection();
    void groupSelection(int stateType);
    void setSelectionAsStart();
    void toggleSelectionEnd();
    void addFromPalette(int stateType, const QString &resource);
    void report(const QString &message);
    void inspectSelection();
    void applyInspectorEdit(const QString &name, const Json &stateJson);
    void applyInspectorRename(const QString &oldName, const QString &newName);

    void createMonitor();
    void onJournalOpened(std::shared_ptr<sluice::Journal> journal, const QString &error);
    void onSnapshot(const sluice::ProgressSnapshot &snapshot);
    void onExecutionFinished(const sluice::ExecutionResult &result);
    void showRunDialog();
    void startRun(const QByteArray &definition, const QString &name, const QString &baseDir, Json input);
    void rerun(const QString &executionId);
    void setRunPaused(const QString &executionId, bool pause);
    void notify(const QString &title, const QString &text);

    EditorDocument *m_doc;
    GraphScene *m_scene;
    GraphView *m_graph;
    QTabWidget *m_centre;
    QLabel *m_banner = nullptr;
    DefinitionView *m_view;
    StateTreeModel *m_states;
    ProblemListModel *m_problems;
    Palette *m_palette = nullptr;
    QTreeView *m_statesView = nullptr;
    QTreeView *m_problemsView = nullptr;
    QStackedWidget *m_problemsStack = nullptr;
    QLabel *m_noProblems = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_statesDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_dlqDock = nullptr;
    DlqBrowser *m_dlq = nullptr;
    bool m_dlqOpened = false;
    StateInspector *m_inspector = nullptr;
    QString m_inspected;   ///< pointer of the state the Inspector shows, or empty
    QLabel *m_fileLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_validityLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QAction *m_reloadAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    RecentFiles *m_recent = nullptr;
    DefinitionLoader *m_loader;
    QTimer *m_refresh;
    QString m_path;
    bool m_textIsFile = false;   ///< the source view shows the file as read (not yet edited)

    // the monitor
    QString m_storeLocation;
    std::shared_ptr<sluice::RunService> m_runService;   ///< shared with the worker threads that start runs
    sluice::StoreWatcher *m_watcher = nullptr;
    RunListModel *m_runList = nullptr;
    RunsPanel *m_runsPanel = nullptr;
    QDockWidget *m_runsDock = nullptr;
    QAction *m_runAction = nullptr;
    QHash<QString, QPointer<RunView>> m_runViews;
    MonitorStore *m_monitorStore = nullptr;   ///< the run tabs' reader thread (items, detail, history)
    QHash<QString, sluice::ProgressSnapshot> m_lastSnapshot;   ///< live runs' latest counts (no rows)
    QSet<QString> m_failureNotified;                           ///< runs whose failures crossed the threshold
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace sluice::ui
