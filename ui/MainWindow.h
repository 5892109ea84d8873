#pragma once

#include "Json.h"
#include "LoadedDefinition.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QModelIndex;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTreeView;

namespace sluice::ui {

class DefinitionLoader;
class DefinitionView;
class EditorDocument;
class GraphScene;
class GraphView;
class Palette;
class ProblemListModel;
class RecentFiles;
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

Q_SIGNALS:
    /// A definition was loaded and is on screen (valid or not).
    void definitionShown(const QString &path);
    /// Opening `path` failed; the status bar says why.
    void openFailed(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
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
};

} // namespace sluice::ui
