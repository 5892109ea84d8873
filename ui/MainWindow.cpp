#include "MainWindow.h"

#include "dlq/DlqBrowser.h"
#include "editor/inspector/StateInspector.h"
#include "store/Journal.h"
#include "definition/YamlReader.h"

#include "DefinitionLoader.h"
#include "DefinitionView.h"
#include "ProblemListModel.h"
#include "RecentFiles.h"
#include "StateOutline.h"
#include "StateTreeModel.h"
#include "editor/EditorDocument.h"
#include "editor/GraphScene.h"
#include "editor/GraphView.h"
#include "editor/Palette.h"
#include "editor/StateItem.h"
#include "editor/inspector/StateInspector.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastDirKey = QStringLiteral("mainWindow/lastDirectory");
const QString kSnapKey = QStringLiteral("editor/snapToGrid");
const QString kMiniMapKey = QStringLiteral("editor/miniMap");
constexpr int kStatusTimeoutMs = 8000;
constexpr int kRefreshDelayMs = 60;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(new EditorDocument(this))
    , m_scene(new GraphScene(m_doc, this))
    , m_graph(new GraphView(m_scene, this))
    , m_centre(new QTabWidget(this))
    , m_view(new DefinitionView(this))
    , m_states(new StateTreeModel(this))
    , m_problems(new ProblemListModel(this))
    , m_loader(new DefinitionLoader(this))
    , m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_view->setObjectName(QStringLiteral("definitionView"));

    // The canvas, with a banner above it for what could not be opened; the text on a second tab.
    auto *designer = new QWidget(this);
    auto *layout = new QVBoxLayout(designer);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new QLabel(designer);
    m_banner->setObjectName(QStringLiteral("errorBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fde8e8; color: #7f1d1d; border-bottom: 1px solid #f5b5b5; }"));
    m_banner->hide();
    layout->addWidget(m_banner);
    layout->addWidget(m_graph);
    m_centre->setObjectName(QStringLiteral("centreTabs"));
    m_centre->setDocumentMode(true);
    m_centre->addTab(designer, tr("Designer"));
    m_centre->addTab(m_view, tr("Source"));
    setCentralWidget(m_centre);

    m_refresh->setSingleShot(true);
    m_refresh->setInterval(kRefreshDelayMs);
    connect(m_refresh, &QTimer::timeout, this, &MainWindow::refreshFromDocument);
    connect(m_doc, &EditorDocument::changed, m_refresh, qOverload<>(&QTimer::start));
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_scene, &GraphScene::message, this, &MainWindow::report);

    createDocks();
    createActions();
    createMonitor();
    createStatusBar();
    restoreLayout();
    updateTitle();
    updateEditActions();
    m_textIsFile = false;
    refreshFromDocument();
    updateProblemsPlaceholder(false);

    connect(m_loader, &DefinitionLoader::loaded, this, &MainWindow::showDefinition);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::updateEditActions);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::inspectSelection);
}

MainWindow::~MainWindow()
{
    // the scene's items must go before the document they show
    m_graph->setScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
}

void MainWindow::createDocks()
{
    m_palette = new Palette(this);
    connect(m_palette, &Palette::entryActivated, this,
            [this](StateType type, const QString &resource) { addFromPalette(int(type), resource); });
    m_paletteDock = new QDockWidget(tr("Palette"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);

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
    splitDockWidget(m_paletteDock, m_statesDock, Qt::Vertical);

    // The Inspector edits the one selected state; each committed edit is one undoable document command.
    m_inspector = new StateInspector(this);
    m_inspector->setObjectName(QStringLiteral("inspector"));
    connect(m_inspector, &StateInspector::stateEdited, this, &MainWindow::applyInspectorEdit);
    connect(m_inspector, &StateInspector::renameRequested, this, &MainWindow::applyInspectorRename);
    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

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

    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsDock->setWidget(m_problemsStack);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);

    // The dead-letter queue of the default store (SLUICE_STORE or the user's data folder), beside the
    // problems. It opens the store (on its own reader thread) the first time the dock is shown.
    m_dlq = new DlqBrowser(this);
    m_dlq->setObjectName(QStringLiteral("dlqBrowser"));
    m_dlqDock = new QDockWidget(tr("Dead-letter queue"), this);
    m_dlqDock->setObjectName(QStringLiteral("dlqDock"));
    m_dlqDock->setWidget(m_dlq);
    addDockWidget(Qt::BottomDockWidgetArea, m_dlqDock);
    tabifyDockWidget(m_problemsDock, m_dlqDock);
    m_problemsDock->raise();
    connect(m_dlqDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && !m_dlqOpened) {
            m_dlqOpened = true;
            m_dlq->setStore(m_storeLocation.isEmpty() ? Journal::defaultLocation() : m_storeLocation);
            // Groups, filters and a page of entries need more room than the problems list.
            if (m_dlqDock->height() < 300)
                resizeDocks({m_dlqDock}, {300}, Qt::Vertical);
        }
    });

    // Sensible first-run sizes; restoreLayout() replaces them with the user's own.
    resizeDocks({m_paletteDock, m_inspectorDock}, {280, 300}, Qt::Horizontal);   // the states tree shows its Type column
    resizeDocks({m_paletteDock, m_statesDock}, {330, 260}, Qt::Vertical);
    resizeDocks({m_problemsDock}, {130}, Qt::Vertical);
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::createActions()
{
    const auto named = [this](QAction *a, const char *name, QKeySequence key = {}) {
        a->setObjectName(QLatin1String(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        return a;
    };
    // Canvas actions fire only while the canvas has the focus, so the text views keep their own keys.
    const auto canvas = [this](QAction *a) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_graph->addAction(a);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    named(file->addAction(tr("&New"), this, &MainWindow::newWorkflow), "actionNew", QKeySequence::New)
        ->setStatusTip(tr("Start a new workflow"));
    QAction *open = named(file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog), "actionOpen",
                          QKeySequence::Open);
    open->setStatusTip(tr("Open a workflow definition (.asl.json; a YAML file opens as a new workflow)"));

    QMenu *recentMenu = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentFiles(recentMenu, this);
    connect(m_recent, &RecentFiles::fileChosen, this, [this](const QString &path) {
        if (!maybeSave())
            return;
        if (!openFile(path))
            m_recent->remove(path);   // gone or unreadable: the status bar said why, the menu forgets it
    });
    named(file->addAction(tr("&Save"), this, &MainWindow::save), "actionSave", QKeySequence::Save);
    named(file->addAction(tr("Save &As…"), this, &MainWindow::saveAs), "actionSaveAs", QKeySequence::SaveAs);
    file->addSeparator();
    named(file->addAction(tr("&Import ASL…"), this, &MainWindow::showImportDialog), "actionImport")
        ->setStatusTip(tr("Open a Step Functions definition (JSON or YAML) as a new, untitled workflow"));
    named(file->addAction(tr("&Export for AWS…"), this, &MainWindow::showExportDialog), "actionExport")
        ->setStatusTip(tr("Write the definition for AWS Step Functions"));
    file->addSeparator();
    m_reloadAction = named(file->addAction(tr("Re&load"), this, &MainWindow::reload), "actionReload",
                           QKeySequence::Refresh);
    m_reloadAction->setStatusTip(tr("Read the definition again from disk"));
    m_reloadAction->setEnabled(false);

    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    if (quit->shortcut().isEmpty())   // some platform themes define no Quit key; Ctrl+Q is what people expect
        quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    QAction *redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    edit->addAction(named(undo, "actionUndo", QKeySequence::Undo));
    edit->addAction(named(redo, "actionRedo", QKeySequence::Redo));
    edit->addSeparator();
    canvas(named(edit->addAction(tr("Cu&t"), this, &MainWindow::cutSelection), "actionCut", QKeySequence::Cut));
    canvas(named(edit->addAction(tr("&Copy"), this, &MainWindow::copySelection), "actionCopy", QKeySequence::Copy));
    canvas(named(edit->addAction(tr("&Paste"), this, &MainWindow::pasteClipboard), "actionPaste",
                 QKeySequence::Paste));
    canvas(named(edit->addAction(tr("D&uplicate"), this, &MainWindow::duplicateSelection), "actionDuplicate",
                 QKeySequence(Qt::CTRL | Qt::Key_D)));
    canvas(named(edit->addAction(tr("&Delete"), this, &MainWindow::deleteSelection), "actionDelete",
                 QKeySequence::Delete));
    canvas(named(edit->addAction(tr("Select &All"), m_scene,
                                 [this]() {
                                     for (QGraphicsItem *item : m_scene->items())
                                         if (item->flags() & QGraphicsItem::ItemIsSelectable)
                                             item->setSelected(true);
                                 }),
                 "actionSelectAll", QKeySequence::SelectAll));
    edit->addSeparator();
    canvas(named(edit->addAction(tr("Re&name"), this, &MainWindow::renameSelection), "actionRename",
                 QKeySequence(Qt::Key_F2)));
    canvas(named(edit->addAction(tr("Set as &Start"), this, &MainWindow::setSelectionAsStart), "actionSetStart"));
    canvas(named(edit->addAction(tr("&End Here"), this, &MainWindow::toggleSelectionEnd), "actionToggleEnd"));
    canvas(named(edit->addAction(tr("Group into &Parallel"), this,
                                 [this]() { groupSelection(int(StateType::Parallel)); }),
                 "actionGroupParallel", QKeySequence(Qt::CTRL | Qt::Key_G)));
    canvas(named(edit->addAction(tr("Group into &Map"), this, [this]() { groupSelection(int(StateType::Map)); }),
                 "actionGroupMap", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G)));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    named(m_viewMenu->addAction(tr("Zoom &In"), m_graph, &GraphView::zoomIn), "actionZoomIn", QKeySequence::ZoomIn);
    named(m_viewMenu->addAction(tr("Zoom &Out"), m_graph, &GraphView::zoomOut), "actionZoomOut",
          QKeySequence::ZoomOut);
    named(m_viewMenu->addAction(tr("&Fit Workflow"), m_graph, &GraphView::fitAll), "actionFit",
          QKeySequence(Qt::CTRL | Qt::Key_0));
    named(m_viewMenu->addAction(tr("Zoom to &Selection"), m_graph, &GraphView::zoomToSelection),
          "actionZoomSelection", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0));
    named(m_viewMenu->addAction(tr("&Arrange Automatically"), m_scene, &GraphScene::autoLayout), "actionAutoLayout",
          QKeySequence(Qt::CTRL | Qt::Key_L));
    QSettings settings;
    QAction *snap = named(m_viewMenu->addAction(tr("S&nap to Grid")), "actionSnap");
    snap->setCheckable(true);
    snap->setChecked(settings.value(kSnapKey, false).toBool());
    m_scene->setSnapToGrid(snap->isChecked());
    connect(snap, &QAction::toggled, this, [this](bool on) {
        m_scene->setSnapToGrid(on);
        QSettings().setValue(kSnapKey, on);
    });
    QAction *miniMap = named(m_viewMenu->addAction(tr("&Overview Map")), "actionMiniMap");
    miniMap->setCheckable(true);
    miniMap->setChecked(settings.value(kMiniMapKey, true).toBool());
    m_graph->setMiniMapVisible(miniMap->isChecked());
    connect(miniMap, &QAction::toggled, this, [this](bool on) {
        m_graph->setMiniMapVisible(on);
        QSettings().setValue(kMiniMapKey, on);
    });
    named(m_viewMenu->addAction(tr("Show S&ource"), this,
                                [this]() { m_centre->setCurrentIndex(m_centre->currentIndex() == 0 ? 1 : 0); }),
          "actionShowSource", QKeySequence(Qt::CTRL | Qt::Key_U));
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_paletteDock->toggleViewAction());
    m_viewMenu->addAction(m_statesDock->toggleViewAction());
    m_viewMenu->addAction(m_inspectorDock->toggleViewAction());
    m_viewMenu->addAction(m_problemsDock->toggleViewAction());
    m_viewMenu->addAction(m_dlqDock->toggleViewAction());

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
    m_zoomLabel = new QLabel(this);
    m_fileLabel->setObjectName(QStringLiteral("fileLabel"));
    m_countLabel->setObjectName(QStringLiteral("stateCountLabel"));
    m_validityLabel->setObjectName(QStringLiteral("validityLabel"));
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    for (QLabel *label : {m_fileLabel, m_countLabel, m_validityLabel, m_zoomLabel})
        label->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_fileLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_validityLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    const auto showZoom = [this](double zoom) { m_zoomLabel->setText(tr("%1 %").arg(qRound(zoom * 100))); };
    connect(m_graph, &GraphView::zoomChanged, this, showZoom);
    showZoom(1.0);
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
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

bool MainWindow::maybeSave()
{
    if (m_doc->undoStack()->isClean())
        return true;
    const QString name = m_path.isEmpty() ? tr("The new workflow") : QFileInfo(m_path).fileName();
    const auto answer = QMessageBox::warning(this, tr("Unsaved Changes"),
                                             tr("%1 has changes that are not saved. Save them?").arg(name),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

QString MainWindow::layoutPathFor(const QString &definitionPath)
{
    QString base = definitionPath;
    if (base.endsWith(QLatin1String(".asl.json")))
        base.chop(9);
    else if (base.endsWith(QLatin1String(".json")))
        base.chop(5);
    return base + QStringLiteral(".layout.json");
}

bool MainWindow::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (definition::isYamlPath(path) && info.isFile())   // YAML becomes a new ASL JSON document
        return importFile(path);
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
    // The layout beside it, if any; a broken one is ignored (the workflow is laid out afresh).
    EditorLayout layout;
    QFile sidecar(layoutPathFor(definition.path));
    if (sidecar.open(QIODevice::ReadOnly)) {
        if (auto parsed = EditorDocument::parseLayout(sidecar.readAll()))
            layout = *parsed;
    }
    const bool sameFile = definition.path == m_path;
    const QStringList selected = m_scene->selectedStates();
    const auto loaded = m_doc->load(definition.text.toUtf8(), layout);
    if (!loaded) {
        // Not a definition at all: say so, and keep what is open.
        const QString message = tr("Cannot open %1: %2")
                                    .arg(QFileInfo(definition.path).fileName(), loaded.error().message);
        m_banner->setText(message);
        m_banner->show();
        statusBar()->showMessage(message, kStatusTimeoutMs);
        Q_EMIT openFailed(definition.path);
        return;
    }
    m_banner->hide();
    m_refresh->stop();
    const int scroll = m_view->verticalScrollBar()->value();
    m_path = definition.path;
    m_view->setDefinitionText(definition.text);
    m_textIsFile = true;
    if (sameFile)   // a reload keeps the reader's place
        m_view->verticalScrollBar()->setValue(scroll);
    const QString selectedRow =
        m_statesView->currentIndex().siblingAtColumn(0).data(StateTreeModel::PointerRole).toString();
    m_states->setOutline(definition.outline);
    m_states->markProblems(definition.problems);
    m_statesView->expandAll();
    if (sameFile && !selectedRow.isEmpty())   // a reload keeps the selected state selected
        m_statesView->setCurrentIndex(m_states->indexOfPointer(selectedRow));
    m_statesView->resizeColumnToContents(StateTreeModel::NameColumn);
    m_statesView->resizeColumnToContents(StateTreeModel::TypeColumn);
    m_problems->setProblems(definition.problems);
    for (int column = 0; column < ProblemListModel::MessageColumn; ++column) {
        const int minimum = m_problemsView->columnWidth(column);   // never shrink below the default
        m_problemsView->resizeColumnToContents(column);
        m_problemsView->setColumnWidth(column, qMax(minimum, m_problemsView->columnWidth(column) + 12));
    }
    updateProblemsPlaceholder(true);
    if (sameFile) {
        for (const QString &p : selected) {
            if (StateItem *item = m_scene->stateItem(p))
                item->setSelected(true);
        }
    } else {
        m_graph->fitAll();
    }

    const QFileInfo info(definition.path);
    setWindowFilePath(definition.path);
    updateTitle();
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

void MainWindow::refreshFromDocument()
{
    m_refresh->stop();
    const QByteArray text = m_doc->serialized();
    const int scroll = m_view->verticalScrollBar()->value();
    m_view->setDefinitionText(QString::fromUtf8(text));
    m_view->verticalScrollBar()->setValue(scroll);
    m_textIsFile = false;
    const auto outline = outline::fromJson(text);
    m_states->setOutline(outline);
    m_states->markProblems(m_doc->problems());
    m_statesView->expandAll();
    m_problems->setProblems(m_doc->problems());
    inspectSelection();
    updateProblemsPlaceholder(true);
    updateStatus(outline::stateCount(outline), int(m_doc->problems().size()), m_doc->isValid());
    if (!m_doc->problems().empty() && !m_problemsDock->isVisible() && isVisible())
        m_problemsDock->show();
    updateEditActions();
}

void MainWindow::updateTitle()
{
    const QString name = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
    setWindowTitle(tr("%1[*] – Sluice").arg(name));
    setWindowModified(!m_doc->undoStack()->isClean());
}

void MainWindow::updateEditActions()
{
    const QStringList selected = m_scene ? m_scene->selectedStates() : QStringList();
    const bool any = !selected.isEmpty();
    for (const char *name : {"actionCut", "actionCopy", "actionDuplicate", "actionDelete", "actionGroupParallel",
                             "actionGroupMap", "actionZoomSelection"}) {
        if (QAction *a = action(QLatin1String(name)))
            a->setEnabled(any);
    }
    for (const char *name : {"actionRename", "actionSetStart", "actionToggleEnd"}) {
        if (QAction *a = action(QLatin1String(name)))
            a->setEnabled(selected.size() == 1);
    }
    if (QAction *a = action(QStringLiteral("actionToggleEnd")); a && selected.size() == 1) {
        const OrderedJson *st = m_doc->state(selected.first());
        a->setCheckable(true);
        a->setChecked(st && st->is_object() && st->value("End", false) == true);
    }
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

void MainWindow::report(const QString &message)
{
    statusBar()->showMessage(message, kStatusTimeoutMs);
}

bool MainWindow::newWorkflow()
{
    if (!maybeSave())
        return false;
    m_doc->clear();
    m_path.clear();
    m_banner->hide();
    setWindowFilePath(QString());
    m_fileLabel->clear();
    m_reloadAction->setEnabled(false);
    refreshFromDocument();
    updateTitle();
    m_graph->fitAll();
    return true;
}

void MainWindow::showOpenDialog()
{
    if (!maybeSave())
        return;
    QSettings settings;
    const QString dir = m_path.isEmpty() ? settings.value(kLastDirKey).toString() : QFileInfo(m_path).path();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workflow"), dir,
        tr("Workflow definitions (*.asl.json *.json *.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastDirKey, QFileInfo(path).path());
    openFile(path);
}

void MainWindow::showImportDialog()
{
    if (!maybeSave())
        return;
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import ASL"), settings.value(kLastDirKey).toString(),
        tr("Step Functions definitions (*.json *.asl *.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastDirKey, QFileInfo(path).path());
    importFile(path);
}

bool MainWindow::importFile(const QString &path)
{
    const auto fail = [this, &path](const QString &why) {
        const QString message = tr("Cannot import %1: %2").arg(QFileInfo(path).fileName(), why);
        m_banner->setText(message);
        m_banner->show();
        report(message);
        Q_EMIT openFailed(path);
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QByteArray bytes = file.readAll();
    if (definition::isYamlPath(path)) {
        auto yaml = definition::readYaml(bytes);
        if (!yaml)
            return fail(yaml.error().message);
        bytes = yaml->json;
    }
    const auto loaded = m_doc->load(bytes);
    if (!loaded)
        return fail(loaded.error().message);
    m_banner->hide();
    m_path.clear();   // an import is a new workflow: Save asks where, and writes ASL JSON
    m_doc->undoStack()->resetClean();   // not saved anywhere yet: closing asks
    setWindowFilePath(QString());
    m_fileLabel->clear();
    m_reloadAction->setEnabled(false);
    refreshFromDocument();
    updateTitle();
    m_graph->fitAll();
    report(tr("Imported %1").arg(QFileInfo(path).fileName()));
    // Queued, as after openFile(): a caller connects once the call has returned.
    QMetaObject::invokeMethod(this, [this, path]() { Q_EMIT definitionShown(path); }, Qt::QueuedConnection);
    return true;
}

bool MainWindow::save()
{
    return m_path.isEmpty() ? saveAs() : saveTo(m_path);
}

bool MainWindow::saveAs()
{
    QSettings settings;
    const QString dir = m_path.isEmpty() ? settings.value(kLastDirKey).toString() : m_path;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Workflow"), dir,
                                                tr("Workflow definitions (*.asl.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".asl.json");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString &path)
{
    const auto write = [this](const QString &target, const QByteArray &bytes) {
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            report(tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(target), file.errorString()));
            return false;
        }
        return true;
    };
    if (!write(path, m_doc->serialized()) || !write(layoutPathFor(path), m_doc->layoutJson()))
        return false;
    m_path = QFileInfo(path).absoluteFilePath();
    m_doc->undoStack()->setClean();
    setWindowFilePath(m_path);
    m_fileLabel->setText(QFileInfo(m_path).fileName());
    m_reloadAction->setEnabled(true);
    m_recent->add(m_path);
    updateTitle();
    report(tr("Saved %1").arg(QFileInfo(m_path).fileName()));
    return true;
}

QStringList MainWindow::awsExportWarnings() const
{
    QStringList lines;
    for (const EditorDocument::ResourceUse &use : m_doc->sluiceResourceUses())
        lines << tr("%1 uses %2").arg(use.state, use.resource);
    return lines;
}

bool MainWindow::exportForAws(const QString &path, QStringList *warnings)
{
    if (warnings)
        *warnings = awsExportWarnings();
    QSaveFile file(path);
    const QByteArray bytes = m_doc->serialized();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        report(tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    report(tr("Exported %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::showExportDialog()
{
    if (!m_doc->isValid()) {
        report(tr("The definition has problems; fix them before exporting."));
        return;
    }
    const QStringList warnings = awsExportWarnings();
    if (!warnings.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Export for AWS"),
                        tr("%n state(s) use Sluice's own resources, which AWS Step Functions does not accept. "
                           "Replace them with AWS resources before deploying.",
                           nullptr, int(warnings.size())),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("exportWarning"));
        box.setInformativeText(warnings.join(QLatin1Char('\n')));
        QPushButton *anyway = box.addButton(tr("Export Anyway"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != anyway)
            return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export for AWS"), QString(),
                                                      tr("ASL definitions (*.json)"));
    if (!path.isEmpty())
        exportForAws(path);
}

void MainWindow::reload()
{
    if (!m_path.isEmpty() && maybeSave())
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
    const QString pointer = name.data(StateTreeModel::PointerRole).toString();
    if (!pointer.isEmpty() && m_doc->hasState(pointer))
        m_scene->selectState(pointer);
    const int line = name.data(StateTreeModel::LineRole).toInt();
    if (line <= 0) {
        statusBar()->showMessage(tr("This state's position in the text is unknown."), kStatusTimeoutMs);
        return;
    }
    m_view->showRange(line, name.data(StateTreeModel::LastLineRole).toInt());
}

void MainWindow::onProblemActivated(const QModelIndex &index)
{
    const QString state = m_doc->stateOfPointer(index.data(ProblemListModel::PointerRole).toString());
    if (!state.isEmpty()) {
        m_scene->selectState(state);
        inspectSelection();
        // The Inspector takes pointers relative to the state: "/States/Load/Retry/0" -> "/Retry/0".
        const QString pointer = index.data(ProblemListModel::PointerRole).toString();
        if (pointer.startsWith(state) && m_centre->currentWidget() != m_view) {
            m_inspectorDock->show();
            m_inspector->focusField(pointer.mid(state.size()));
        }
    }
    const int line = index.data(ProblemListModel::LineRole).toInt();
    if (line <= 0)
        return;
    m_view->goTo(line, index.data(ProblemListModel::ColumnRole).toInt());
    if (m_centre->currentWidget() == m_view)
        m_view->setFocus();
}

// --- the Inspector -----------------------------------------------------------------------------------------

void MainWindow::inspectSelection()
{
    const QStringList selected = m_scene ? m_scene->selectedStates() : QStringList();
    const OrderedJson *state = selected.size() == 1 ? m_doc->state(selected.first()) : nullptr;
    if (!state) {
        m_inspected.clear();
        m_inspector->clear();
        return;
    }
    m_inspected = selected.first();
    QStringList names = m_doc->allNames().values();
    names.sort();
    const QString name = m_inspected.section(u'/', -1).replace(QStringLiteral("~1"), QStringLiteral("/"))
                             .replace(QStringLiteral("~0"), QStringLiteral("~"));
    // Same name, JSON and names as shown: the Inspector keeps focus and half-typed text.
    m_inspector->setState(name, Json::parse(state->dump()), names);
}

void MainWindow::applyInspectorEdit(const QString &name, const Json &stateJson)
{
    const QString pointer = m_inspected.isEmpty() ? m_doc->pointerOf(name) : m_inspected;
    if (const auto done = m_doc->replaceState(pointer, stateJson); !done)
        report(done.error().message);
}

void MainWindow::applyInspectorRename(const QString &oldName, const QString &newName)
{
    const QString pointer = m_inspected.isEmpty() ? m_doc->pointerOf(oldName) : m_inspected;
    const auto renamed = m_doc->renameState(pointer, newName);
    if (!renamed) {
        report(renamed.error().message);
        inspectSelection();   // show the old name again
        return;
    }
    m_scene->selectState(renamed.value());
    inspectSelection();
}

// --- edits -----------------------------------------------------------------------------------------------

void MainWindow::copySelection()
{
    const QStringList selected = m_scene->selectedStates();
    if (!selected.isEmpty())
        QApplication::clipboard()->setMimeData(m_doc->copy(selected));
}

void MainWindow::cutSelection()
{
    const QStringList selected = m_scene->selectedStates();
    if (selected.isEmpty())
        return;
    QApplication::clipboard()->setMimeData(m_doc->copy(selected));
    deleteSelection();
}

void MainWindow::pasteClipboard()
{
    const auto result = m_doc->paste(QApplication::clipboard()->mimeData(), m_scene->currentScope(), QPointF(40, 40));
    if (!result) {
        report(result.error().message);
        return;
    }
    m_scene->clearSelection();
    for (const QString &p : *result) {
        if (StateItem *item = m_scene->stateItem(p))
            item->setSelected(true);
    }
}

void MainWindow::duplicateSelection()
{
    const auto result = m_doc->duplicate(m_scene->selectedStates());
    if (!result) {
        report(result.error().message);
        return;
    }
    m_scene->clearSelection();
    for (const QString &p : *result) {
        if (StateItem *item = m_scene->stateItem(p))
            item->setSelected(true);
    }
}

void MainWindow::deleteSelection()
{
    const auto result = m_doc->deleteStates(m_scene->selectedStates());
    if (!result)
        report(result.error().message);
}

void MainWindow::renameSelection()
{
    const QStringList selected = m_scene->selectedStates();
    if (selected.size() == 1) {
        m_centre->setCurrentIndex(0);
        m_graph->startRename(selected.first());
    }
}

void MainWindow::groupSelection(int stateType)
{
    const auto result = m_doc->group(m_scene->selectedStates(), StateType(stateType));
    if (!result) {
        report(result.error().message);
        return;
    }
    m_scene->selectState(*result);
}

void MainWindow::setSelectionAsStart()
{
    const QStringList selected = m_scene->selectedStates();
    if (selected.size() != 1)
        return;
    if (const auto result = m_doc->setStartAt(selected.first()); !result)
        report(result.error().message);
}

void MainWindow::toggleSelectionEnd()
{
    const QStringList selected = m_scene->selectedStates();
    if (selected.size() != 1)
        return;
    const OrderedJson *st = m_doc->state(selected.first());
    const bool end = st && st->is_object() && st->value("End", false) == true;
    if (const auto result = m_doc->setEnd(selected.first(), !end); !result)
        report(result.error().message);
}

void MainWindow::addFromPalette(int stateType, const QString &resource)
{
    // Into the middle of what the canvas shows, or onto the edge that passes there.
    m_centre->setCurrentIndex(0);
    const QPointF centre = m_graph->mapToScene(m_graph->viewport()->rect().center());
    m_scene->dropEntry(StateType(stateType), resource, centre);
}

} // namespace sluice::ui
