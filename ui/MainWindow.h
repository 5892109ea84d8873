#pragma once

#include "LoadedDefinition.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QModelIndex;
class QStackedWidget;
class QTreeView;

namespace sluice::ui {

class DefinitionLoader;
class DefinitionView;
class ProblemListModel;
class RecentFiles;
class StateTreeModel;

/// The main window. For now it shows a definition read-only: its text, a tree of its states and its
/// problems; the designer (issue 4) replaces the centre. Lives on the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts opening an ASL definition read-only; definitionShown() follows once it is parsed.
    /// Returns false (and says why in the status bar) if the file cannot be read.
    bool openFile(const QString &path);
    /// The file shown, empty if none.
    QString currentFile() const { return m_path; }

    StateTreeModel *statesModel() const { return m_states; }
    ProblemListModel *problemsModel() const { return m_problems; }
    DefinitionView *definitionView() const { return m_view; }
    QTreeView *statesView() const { return m_statesView; }
    QTreeView *problemsView() const { return m_problemsView; }

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
    void reload();
    void showAbout();
    void onStateActivated(const QModelIndex &index);
    void onProblemActivated(const QModelIndex &index);
    void updateStatus(int stateCount, int problemCount, bool valid);
    void updateProblemsPlaceholder(bool loaded);

    DefinitionView *m_view;
    StateTreeModel *m_states;
    ProblemListModel *m_problems;
    QTreeView *m_statesView = nullptr;
    QTreeView *m_problemsView = nullptr;
    QStackedWidget *m_problemsStack = nullptr;
    QLabel *m_noProblems = nullptr;
    QDockWidget *m_statesDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_validityLabel = nullptr;
    QAction *m_reloadAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    RecentFiles *m_recent = nullptr;
    DefinitionLoader *m_loader;
    QString m_path;
};

} // namespace sluice::ui
