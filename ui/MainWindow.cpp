#include "MainWindow.h"

#include "DefinitionLoader.h"
#include "DefinitionView.h"
#include "ProblemListModel.h"
#include "RecentFiles.h"
#include "StateTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>

namespace sluice::ui {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastDirKey = QStringLiteral("mainWindow/lastDirectory");
constexpr int kStatusTimeoutMs = 8000;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_view(new DefinitionView(this))
    , m_states(new StateTreeModel(this))
    , m_problems(new ProblemListModel(this))
    , m_loader(new DefinitionLoader(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Sluice"));
    m_view->setObjectName(QStringLiteral("definitionView"));
    setCentralWidget(m_view);

    createDocks();
    createActions();
    createStatusBar();
    restoreLayout();

    connect(m_loader, &DefinitionLoader::loaded, this, &MainWindow::showDefinition);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_statesView = new QTreeView(this);
    m_statesView->setObjectName(QStringLiteral("statesView"));
    m_statesView->setModel(m_states);
    m_statesView->setUniformRowHeights(true);
    m_statesView->setAllColumnsShowFocus(true);
    m_statesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_statesView->header()->setStretchLastSection(true);
    m_statesView->header()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_statesView, &QTreeView::clicked, this, &MainWindow::onStateActivated);
    connect(m_statesView, &QTreeView::activated, this, &MainWindow::onStateActivated);
    connect(m_statesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())   // arrow keys walk the states as clicks do
                    onStateActivated(current);
            });

    m_statesDock = new QDockWidget(tr("States"), this);
    m_statesDock->setObjectName(QStringLiteral("statesDock"));
    m_statesDock->setWidget(m_statesView);
    addDockWidget(Qt::LeftDockWidgetArea, m_statesDock);

    m_problemsView = new QTreeView(this);
    m_problemsView->setObjectName(QStringLiteral("problemsView"));
    m_problemsView->setModel(m_problems);
    m_problemsView->setRootIsDecorated(false);
    m_problemsView->setUniformRowHeights(true);
    m_problemsView->setAllColumnsShowFocus(true);
    m_problemsView->header()->setStretchLastSection(true);
    connect(m_problemsView, &QTreeView::clicked, this, &MainWindow::onProblemActivated);
    connect(m_problemsView, &QTreeView::activated, this, &MainWindow::onProblemActivated);

    m_problemsView->header()->resizeSection(ProblemListModel::LocationColumn, 90);
    m_problemsView->header()->resizeSection(ProblemListModel::KindColumn, 170);
    m_problemsView->header()->resizeSection(ProblemListModel::PointerColumn, 260);

    // An empty list says nothing; say that there is nothing wrong instead.
    m_noProblems = new QLabel(this);
    m_noProblems->setAlignment(Qt::AlignCenter);
    m_noProblems->setForegroundRole(QPalette::PlaceholderText);
    m_noProblems->setAutoFillBackground(true);
    m_noProblems->setBackgroundRole(QPalette::Base);
    m_problemsStack = new QStackedWidget(this);
    m_problemsStack->addWidget(m_noProblems);
    m_problemsStack->addWidget(m_problemsView);
    updateProblemsPlaceholder(false);

    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsDock->setWidget(m_problemsStack);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);

    // Sensible first-run sizes; restoreLayout() replaces them with the user's own.
    resizeDocks({m_statesDock}, {420}, Qt::Horizontal);
    resizeDocks({m_problemsDock}, {140}, Qt::Vertical);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a workflow definition (.asl.json)"));

    QMenu *recentMenu = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentFiles(recentMenu, this);
    connect(m_recent, &RecentFiles::fileChosen, this, [this](const QString &path) {
        if (!openFile(path))
            m_recent->remove(path);   // gone or unreadable: the status bar said why, the menu forgets it
    });

    m_reloadAction = file->addAction(tr("Re&load"), this, &MainWindow::reload);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setStatusTip(tr("Read the definition again from disk"));
    m_reloadAction->setEnabled(false);

    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    if (quit->shortcut().isEmpty())   // some platform themes define no Quit key; Ctrl+Q is what people expect
        quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_statesDock->toggleViewAction());
    m_viewMenu->addAction(m_problemsDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Sluice"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createStatusBar()
{
    m_fileLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    m_validityLabel = new QLabel(this);
    m_fileLabel->setObjectName(QStringLiteral("fileLabel"));
    m_countLabel->setObjectName(QStringLiteral("stateCountLabel"));
    m_validityLabel->setObjectName(QStringLiteral("validityLabel"));
    for (QLabel *label : {m_fileLabel, m_countLabel, m_validityLabel})
        label->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_fileLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_validityLabel);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

bool MainWindow::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile() || !info.isReadable()) {
        const QString why = !info.exists() ? tr("Cannot open %1: the file does not exist.")
                          : !info.isFile() ? tr("Cannot open %1: it is not a file.")
                                           : tr("Cannot open %1: permission denied.");
        statusBar()->showMessage(why.arg(QDir::toNativeSeparators(path)), kStatusTimeoutMs);
        Q_EMIT openFailed(path);
        return false;
    }
    statusBar()->showMessage(tr("Opening %1…").arg(info.fileName()));
    m_loader->load(info.absoluteFilePath());
    return true;
}

void MainWindow::showDefinition(const LoadedDefinition &definition)
{
    if (!definition.readable) {
        statusBar()->showMessage(tr("Cannot open %1: %2")
                                     .arg(QDir::toNativeSeparators(definition.path), definition.readError),
                                 kStatusTimeoutMs);
        Q_EMIT openFailed(definition.path);
        return;
    }
    const bool sameFile = definition.path == m_path;
    const int scroll = m_view->verticalScrollBar()->value();
    m_path = definition.path;
    m_view->setDefinitionText(definition.text);
    if (sameFile)   // a reload keeps the reader's place
        m_view->verticalScrollBar()->setValue(scroll);
    const QString selected = m_statesView->currentIndex().siblingAtColumn(0).data(StateTreeModel::PointerRole).toString();
    m_states->setOutline(definition.outline);
    m_states->markProblems(definition.problems);
    m_statesView->expandAll();
    if (sameFile && !selected.isEmpty())   // a reload keeps the selected state selected
        m_statesView->setCurrentIndex(m_states->indexOfPointer(selected));
    m_statesView->resizeColumnToContents(StateTreeModel::NameColumn);
    m_statesView->resizeColumnToContents(StateTreeModel::TypeColumn);
    m_problems->setProblems(definition.problems);
    for (int column = 0; column < ProblemListModel::MessageColumn; ++column) {
        const int minimum = m_problemsView->columnWidth(column);   // never shrink below the default
        m_problemsView->resizeColumnToContents(column);
        m_problemsView->setColumnWidth(column, qMax(minimum, m_problemsView->columnWidth(column) + 12));
    }
    updateProblemsPlaceholder(true);

    const QFileInfo info(definition.path);
    setWindowTitle(tr("%1 – Sluice").arg(info.fileName()));
    setWindowFilePath(definition.path);
    m_fileLabel->setText(info.fileName());
    m_fileLabel->setToolTip(QDir::toNativeSeparators(definition.path));
    updateStatus(definition.stateCount, int(definition.problems.size()), definition.isValid());
    m_reloadAction->setEnabled(true);
    m_recent->add(definition.path);
    if (!definition.problems.empty() && !m_problemsDock->isVisible())
        m_problemsDock->show();
    statusBar()->showMessage(tr("Opened %1").arg(info.fileName()), kStatusTimeoutMs);
    Q_EMIT definitionShown(definition.path);
}

void MainWindow::updateProblemsPlaceholder(bool loaded)
{
    const bool empty = m_problems->rowCount() == 0;
    m_noProblems->setText(loaded ? tr("No problems: the definition is valid.") : tr("No definition open."));
    m_problemsStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_noProblems) : m_problemsView);
}

void MainWindow::updateStatus(int stateCount, int problemCount, bool valid)
{
    m_countLabel->setText(tr("%n state(s)", nullptr, stateCount));
    m_validityLabel->setText(valid ? tr("Valid") : tr("%n problem(s)", nullptr, problemCount));
    m_problemsDock->setWindowTitle(problemCount > 0 ? tr("Problems (%1)").arg(problemCount) : tr("Problems"));
}

void MainWindow::showOpenDialog()
{
    QSettings settings;
    const QString dir = m_path.isEmpty() ? settings.value(kLastDirKey).toString() : QFileInfo(m_path).path();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workflow"), dir,
        tr("Workflow definitions (*.asl.json *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastDirKey, QFileInfo(path).path());
    openFile(path);
}

void MainWindow::reload()
{
    if (!m_path.isEmpty())
        openFile(m_path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Sluice"),
                       tr("<h3>Sluice %1</h3>"
                          "<p>Design, run and monitor ETL workflows written in the Amazon States Language.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::onStateActivated(const QModelIndex &index)
{
    const QModelIndex name = index.siblingAtColumn(StateTreeModel::NameColumn);
    const int line = name.data(StateTreeModel::LineRole).toInt();
    if (line <= 0) {
        statusBar()->showMessage(tr("This state's position in the text is unknown."), kStatusTimeoutMs);
        return;
    }
    m_view->showRange(line, name.data(StateTreeModel::LastLineRole).toInt());
}

void MainWindow::onProblemActivated(const QModelIndex &index)
{
    const int line = index.data(ProblemListModel::LineRole).toInt();
    if (line <= 0)
        return;
    m_view->goTo(line, index.data(ProblemListModel::ColumnRole).toInt());
    m_view->setFocus();
}

} // namespace sluice::ui
