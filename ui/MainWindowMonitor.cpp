// The monitor part of the main window: the store it runs and watches, the Runs dock, the Run action,
// run tabs on the canvas, resume at start and desktop notifications.

#include "MainWindow.h"

#include "dlq/DlqBrowser.h"
#include "editor/EditorDocument.h"
#include "engine/Engine.h"
#include "monitor/ExecutionHistoryView.h"
#include "monitor/ItemDetailView.h"
#include "monitor/ItemsPanel.h"
#include "monitor/MonitorStore.h"
#include "monitor/RunCharts.h"
#include "monitor/RunInputDialog.h"
#include "monitor/RunListModel.h"
#include "monitor/RunView.h"
#include "monitor/RunsPanel.h"
#include "run/RunService.h"
#include "store/Journal.h"
#include "store/StoreWatcher.h"

#include <QAction>
#include <QDateTime>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QToolBar>

namespace sluice::ui {

namespace {

/// Failed items of one run from which a notification is shown (QSettings monitor/failureThreshold).
constexpr qint64 kDefaultFailureThreshold = 100;
/// The Designer and Source tabs come first; run tabs follow and can be closed.
constexpr int kFixedTabs = 2;

} // namespace

void MainWindow::createMonitor()
{
    m_runList = new RunListModel(this);
    m_runsPanel = new RunsPanel(m_runList, this);
    m_runsPanel->setObjectName(QStringLiteral("runsPanel"));
    m_runsDock = new QDockWidget(tr("Runs"), this);
    m_runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsDock->setWidget(m_runsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_runsDock);
    tabifyDockWidget(m_problemsDock, m_runsDock);
    m_problemsDock->raise();
    m_viewMenu->addAction(m_runsDock->toggleViewAction());

    connect(m_runsPanel, &RunsPanel::openRequested, this, [this](const QString &id) { openRun(id); });
    connect(m_runsPanel, &RunsPanel::stopRequested, this, [this](const QString &id) {
        if (!m_runService || !m_runService->stop(id))
            report(tr("This run is not running in this window; stop it where it runs."));
        else
            report(tr("Stopping the run…"));
    });
    connect(m_runsPanel, &RunsPanel::pauseRequested, this, &MainWindow::setRunPaused);
    connect(m_runsPanel, &RunsPanel::rerunRequested, this, &MainWindow::rerun);

    // Run: the designer's workflow, with an input the user gives.
    // Before Help, which stays last.
    auto *runMenu = new QMenu(tr("&Run"), this);
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), runMenu);
    m_runAction = runMenu->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run Workflow…"), this,
                                     &MainWindow::showRunDialog);
    m_runAction->setObjectName(QStringLiteral("actionRun"));
    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_runAction->setToolTip(tr("Run the workflow in the store and watch it (F5)"));
    runMenu->addSeparator();
    runMenu->addAction(m_runsDock->toggleViewAction());
    auto *toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_runAction);

    m_centre->setTabsClosable(true);
    for (int i = 0; i < kFixedTabs; ++i)
        m_centre->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    connect(m_centre, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (index < kFixedTabs)
            return;
        auto *view = qobject_cast<RunView *>(m_centre->widget(index));
        m_centre->removeTab(index);
        if (view) {
            m_runViews.remove(view->executionId());
            view->deleteLater();
        }
    });

    // The store watcher follows the per-state counts of the run tab in front (runs of other processes).
    connect(m_centre, &QTabWidget::currentChanged, this, [this](int index) {
        auto *view = qobject_cast<RunView *>(m_centre->widget(index));
        const ExecutionInfo *run = view ? m_runList->run(view->executionId()) : nullptr;
        if (view && m_watcher && (!m_runList->isLive(view->executionId()) || (run && run->status != ExecutionStatus::Running)))
            m_watcher->setOpenExecution(view->executionId());
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon().isNull() ? style()->standardIcon(QStyle::SP_ComputerIcon)
                                                           : windowIcon(),
                                     this);
        m_tray->setToolTip(QStringLiteral("Sluice"));
        m_tray->show();
    }
}

void MainWindow::startMonitor(const QString &location)
{
    if (!m_storeLocation.isEmpty())
        return;
    m_storeLocation = location;
    statusBar()->showMessage(tr("Opening the store %1…").arg(location));
    m_watcher = new StoreWatcher(location, 250, this);
    connect(m_watcher, &StoreWatcher::runsRead, this, [this](const QList<ExecutionInfo> &runs) {
        m_runList->setRuns(runs);
        for (const ExecutionInfo &run : runs) {
            if (RunView *view = m_runViews.value(run.id); view && (!m_runList->isLive(run.id) || run.status != ExecutionStatus::Running))
                view->setStatus(run);
        }
    });
    connect(m_watcher, &StoreWatcher::executionRead, this,
            [this](const ExecutionInfo &execution, const StateItemCounts &states) {
                // A run of another process, or one that has ended here (a replay may still change it).
                RunView *view = m_runViews.value(execution.id);
                if (view && (!m_runList->isLive(execution.id) || execution.status != ExecutionStatus::Running))
                    view->applyStoreCounts(execution, states);
            });
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, location]() {
        auto journal = Journal::open(location);
        std::shared_ptr<Journal> opened = journal ? journal.value() : nullptr;
        const QString error = journal ? QString() : journal.error().message;
        QMetaObject::invokeMethod(
            qApp, [self, opened, error]() {
                if (self)
                    self->onJournalOpened(opened, error);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::onJournalOpened(std::shared_ptr<Journal> journal, const QString &error)
{
    if (!journal) {
        report(tr("Cannot open the store %1: %2").arg(m_storeLocation, error));
        Q_EMIT monitorReady(error);
        return;
    }
    m_runService = std::make_shared<RunService>(journal);
    Engine *engine = &m_runService->engine();
    connect(engine, &Engine::progress, this, &MainWindow::onSnapshot, Qt::QueuedConnection);
    connect(engine, &Engine::executionFinished, this, &MainWindow::onExecutionFinished, Qt::QueuedConnection);
    connect(m_runService.get(), &RunService::pausedChanged, m_runList, &RunListModel::setPaused,
            Qt::QueuedConnection);
    m_dlq->setJournal(journal);
    m_watcher->start();

    // Whatever the last session (or a killed process) left running continues, on a worker thread.
    QPointer<MainWindow> self(this);
    std::shared_ptr<RunService> service = m_runService;
    QThreadPool::globalInstance()->start([self, service]() {
        auto resumed = service->resumeUnfinished();
        QStringList ids;
        QStringList problems;
        if (resumed) {
            for (const Resumed &r : resumed.value()) {
                if (r.execution)
                    ids << r.id;
                else
                    problems << QStringLiteral("%1: %2").arg(r.id, r.error);
            }
        } else {
            problems << resumed.error().message;
        }
        QMetaObject::invokeMethod(
            qApp, [self, ids, problems]() {
                if (!self)
                    return;
                for (const QString &id : ids)
                    self->m_runList->addLive(id, QString(), QDateTime::currentMSecsSinceEpoch());
                if (!problems.isEmpty())
                    self->report(tr("Could not resume: %1").arg(problems.join(QStringLiteral("; "))));
                else if (!ids.isEmpty())
                    self->report(tr("Resumed %n unfinished run(s).", nullptr, int(ids.size())));
                else
                    self->report(tr("Store %1 open: no unfinished runs.").arg(self->m_storeLocation));
                Q_EMIT self->resumed(int(ids.size()));
            },
            Qt::QueuedConnection);
    });
    Q_EMIT monitorReady(QString());
}

void MainWindow::onSnapshot(const ProgressSnapshot &snapshot)
{
    m_runList->applySnapshot(snapshot);
    ProgressSnapshot counts;   // what a run tab opened later needs: the counts, not the changed rows
    counts.executionId = snapshot.executionId;
    counts.states = snapshot.states;
    counts.items = snapshot.items;
    counts.final = snapshot.final;
    m_lastSnapshot.insert(snapshot.executionId, std::move(counts));
    if (RunView *view = m_runViews.value(snapshot.executionId))
        view->applySnapshot(snapshot);

    const qint64 failed = snapshot.items[size_t(ItemStatus::Failed)];
    const qint64 threshold = QSettings().value(QStringLiteral("monitor/failureThreshold"), kDefaultFailureThreshold)
                                 .toLongLong();
    if (failed >= threshold && !m_failureNotified.contains(snapshot.executionId)) {
        m_failureNotified.insert(snapshot.executionId);
        const ExecutionInfo *run = m_runList->run(snapshot.executionId);
        notify(tr("Run failures"), tr("%1: %n item(s) failed.", nullptr, int(std::min<qint64>(failed, INT_MAX)))
                                       .arg(run && !run->workflowName.isEmpty() ? run->workflowName
                                                                                : snapshot.executionId));
    }
}

void MainWindow::onExecutionFinished(const ExecutionResult &result)
{
    const ExecutionInfo *run = m_runList->run(result.executionId);
    const QString name = run && !run->workflowName.isEmpty() ? run->workflowName : result.executionId;
    notify(tr("Run finished"), tr("%1 ended: %2").arg(name, RunListModel::statusText(result.status)));
    // From now on its counts come from the store, where DLQ replays change them.
    if (RunView *view = m_runViews.value(result.executionId); view && m_centre->currentWidget() == view)
        m_watcher->setOpenExecution(result.executionId);
    m_watcher->refresh();
}

void MainWindow::notify(const QString &title, const QString &text)
{
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 5000);
    statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, text), 8000);
    Q_EMIT notified(title, text);
}

void MainWindow::showRunDialog()
{
    if (!m_runService) {
        report(tr("The store is not open yet."));
        return;
    }
    const QString name = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).completeBaseName();
    RunInputDialog dialog(name, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    runWorkflow(dialog.input());   // a copy: the dialog keeps its own
}

bool MainWindow::runWorkflow(Json input)
{
    if (!m_runService) {
        report(tr("The store is not open yet."));
        return false;
    }
    QString name = m_path.isEmpty() ? QStringLiteral("Untitled") : QFileInfo(m_path).fileName();
    for (const char *suffix : {".asl.json", ".json"}) {
        if (name.endsWith(QLatin1String(suffix))) {
            name.chop(int(qstrlen(suffix)));
            break;
        }
    }
    startRun(m_doc->serialized(), name, m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath(),
             std::move(input));
    return true;
}

void MainWindow::startRun(const QByteArray &definition, const QString &name, const QString &baseDir, Json input)
{
    report(tr("Starting %1…").arg(name));
    QPointer<MainWindow> self(this);
    std::shared_ptr<RunService> service = m_runService;
    // Saving the workflow version is a store write: off the GUI thread.
    // The input moves along (a large Map's input is hundreds of MB as JSON values: never copied here).
    auto owned = std::make_shared<Json>(std::move(input));
    QThreadPool::globalInstance()->start([self, service, definition, name, baseDir, owned]() {
        ExecutionOptions options;
        options.stateMachineName = name.toStdString();
        options.baseDir = baseDir;
        auto started = service->start(definition, std::move(*owned), std::move(options));
        const QString id = started ? started.value().id() : QString();
        const QString error = started ? QString() : started.error().message;
        QMetaObject::invokeMethod(
            qApp, [self, id, name, error]() {
                if (!self)
                    return;
                if (!error.isEmpty()) {
                    self->report(tr("Cannot run %1: %2").arg(name, error));
                    return;
                }
                self->m_runList->addLive(id, name, QDateTime::currentMSecsSinceEpoch());
                if (auto last = self->m_lastSnapshot.constFind(id); last != self->m_lastSnapshot.cend())
                    self->m_runList->applySnapshot(*last);
                self->openRun(id);
                self->m_runsDock->show();
                self->m_runsPanel->selectRun(id);
                Q_EMIT self->runStarted(id);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::rerun(const QString &executionId)
{
    if (!m_runService) {
        report(tr("The store is not open yet."));
        return;
    }
    QPointer<MainWindow> self(this);
    std::shared_ptr<RunService> service = m_runService;
    QThreadPool::globalInstance()->start([self, service, executionId]() {
        auto started = service->rerun(executionId);
        const QString id = started ? started.value().id() : QString();
        const QString error = started ? QString() : started.error().message;
        QMetaObject::invokeMethod(
            qApp, [self, id, error, executionId]() {
                if (!self)
                    return;
                if (!error.isEmpty()) {
                    self->report(tr("Cannot rerun: %1").arg(error));
                    return;
                }
                const ExecutionInfo *before = self->m_runList->run(executionId);
                self->m_runList->addLive(id, before ? before->workflowName : QString(),
                                         QDateTime::currentMSecsSinceEpoch());
                self->openRun(id);
                Q_EMIT self->runStarted(id);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::setRunPaused(const QString &executionId, bool pause)
{
    if (!m_runService || !m_runService->setPaused(executionId, pause)) {
        report(tr("This run is not running in this window; pause it where it runs."));
        return;
    }
    m_runList->setPaused(executionId, pause);
    report(pause ? tr("Paused: no new item starts; items in flight finish.") : tr("Resumed."));
}

RunView *MainWindow::openRun(const QString &executionId)
{
    if (executionId.isEmpty() || m_storeLocation.isEmpty())
        return nullptr;
    if (RunView *view = m_runViews.value(executionId)) {
        m_centre->setCurrentWidget(view);
        return view;
    }
    auto *view = new RunView(m_storeLocation, executionId, m_centre);
    view->setObjectName(QStringLiteral("runView"));
    m_runViews.insert(executionId, view);
    const ExecutionInfo *run = m_runList->run(executionId);
    const QString title = run && !run->workflowName.isEmpty() ? run->workflowName : tr("Run");
    const int index = m_centre->addTab(view, tr("%1 · %2").arg(title, executionId.left(8)));
    m_centre->setTabToolTip(index, tr("Execution %1").arg(executionId));
    m_centre->setCurrentIndex(index);
    connect(view, &RunView::dlqRequested, this, &MainWindow::showDlqFor);
    addRunPanels(view);
    connect(view, &RunView::loaded, this, [this, view, executionId](const QString &error) {
        if (!error.isEmpty())
            return;
        if (auto last = m_lastSnapshot.constFind(executionId); last != m_lastSnapshot.cend())
            view->applySnapshot(*last);
    });
    if (m_runList->isLive(executionId)) {
        if (auto last = m_lastSnapshot.constFind(executionId); last != m_lastSnapshot.cend())
            view->applySnapshot(*last);
    } else {
        m_watcher->setOpenExecution(executionId);   // another process's run: counts from the store
    }
    return view;
}

void MainWindow::addRunPanels(RunView *view)
{
    if (!m_monitorStore) {
        // One reader thread for every run tab's items, item detail and history.
        m_monitorStore = new MonitorStore(this);
        m_monitorStore->open(m_storeLocation);
    }
    const QString executionId = view->executionId();
    auto *items = new ItemsPanel(view);
    items->setObjectName(QStringLiteral("itemsPanel"));
    items->setStore(m_monitorStore);
    items->open(executionId);
    auto *detail = new ItemDetailView(view);
    detail->setObjectName(QStringLiteral("itemDetail"));
    detail->setStore(m_monitorStore);
    auto *history = new ExecutionHistoryView(view);
    history->setObjectName(QStringLiteral("executionHistory"));
    history->setStore(m_monitorStore);
    history->open(executionId);
    auto *charts = new RunCharts(view);
    charts->setObjectName(QStringLiteral("runCharts"));
    charts->open(executionId);

    // The items and the selected item's detail side by side: walking the table shows each item's story.
    auto *itemsSplit = new QSplitter(Qt::Horizontal, view);
    itemsSplit->addWidget(items);
    itemsSplit->addWidget(detail);
    itemsSplit->setStretchFactor(0, 3);
    itemsSplit->setStretchFactor(1, 2);
    const int itemsTab = view->addBottomTab(itemsSplit, tr("Items"));
    view->addBottomTab(history, tr("History"));
    view->addBottomTab(charts, tr("Charts"));
    QTabWidget *tabs = view->bottomTabs();
    connect(view, &RunView::snapshot, items, &ItemsPanel::applySnapshot);
    connect(view, &RunView::snapshot, charts, [charts](const ProgressSnapshot &snapshot) { charts->applySnapshot(snapshot); });
    connect(view, &RunView::stateClicked, items, [items, tabs, itemsTab](const QString &state) {
        items->setStateFilter(state);
        tabs->setCurrentIndex(itemsTab);
    });
    connect(items, &ItemsPanel::itemActivated, detail, [detail, executionId](qint64 item) {
        if (item >= 0)
            detail->open(executionId, item);
    });
}

RunView *MainWindow::runView(const QString &executionId) const
{
    return m_runViews.value(executionId);
}

void MainWindow::showDlqFor(const QString &executionId, const QString &state)
{
    m_dlqDock->show();
    m_dlqDock->raise();
    DlqFilter filter;
    filter.executionId = executionId;
    filter.state = state;
    m_dlq->setFilter(filter);
}

} // namespace sluice::ui
