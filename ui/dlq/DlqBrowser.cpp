#include "dlq/DlqBrowser.h"

#include "dlq/DlqDetailPane.h"
#include "dlq/DlqEntryModel.h"
#include "dlq/DlqFilterBar.h"
#include "dlq/DlqGroupModel.h"
#include "dlq/DlqReplayDialog.h"
#include "dlq/DlqReplayJob.h"
#include "dlq/DlqReportDialog.h"
#include "dlq/DlqStoreReader.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QIODevice>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kMaxRefreshRows = 5000;   // a refresh re-reads at most this many loaded rows
constexpr quint32 kStateVersion = 1;
} // namespace

DlqBrowser::DlqBrowser(QWidget *parent)
    : QWidget(parent)
    , m_filterBar(new DlqFilterBar(this))
    , m_toolBar(new QToolBar(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_groups(new DlqGroupModel(this))
    , m_groupView(new QTreeView(m_splitter))
    , m_entries(new DlqEntryModel(this))
    , m_entryView(new QTableView(m_splitter))
    , m_detail(new DlqDetailPane(m_splitter))
    , m_status(new QLabel(this))
{
    qRegisterMetaType<DlqFilter>();
    qRegisterMetaType<ReplayRequest>();
    qRegisterMetaType<ReplayEntryResult>();
    qRegisterMetaType<DlqRow>();
    qRegisterMetaType<DlqEntryDetail>();
    qRegisterMetaType<DlqGroup>();
    qRegisterMetaType<WorkflowVersionInfo>();

    m_groupView->setModel(m_groups);
    m_groupView->setRootIsDecorated(false);
    m_groupView->setUniformRowHeights(true);
    m_groupView->setAllColumnsShowFocus(true);
    m_groupView->setAlternatingRowColors(true);
    m_groupView->setMinimumWidth(260);
    m_groupView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupView->header()->setStretchLastSection(false);
    m_groupView->header()->setSectionResizeMode(DlqGroupModel::GroupColumn, QHeaderView::Stretch);
    m_groupView->header()->setSectionResizeMode(DlqGroupModel::OpenColumn, QHeaderView::ResizeToContents);
    m_groupView->header()->setSectionResizeMode(DlqGroupModel::LastFailureColumn, QHeaderView::ResizeToContents);

    m_entryView->setModel(m_entries);
    m_entryView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_entryView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_entryView->setAlternatingRowColors(true);
    m_entryView->setWordWrap(false);
    m_entryView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_entryView->verticalHeader()->hide();
    m_entryView->verticalHeader()->setDefaultSectionSize(m_entryView->fontMetrics().height() + 8);
    m_entryView->horizontalHeader()->setHighlightSections(false);
    m_entryView->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_entryView->fontMetrics();
    const int digit = metrics.horizontalAdvance(QLatin1Char('0'));
    const std::pair<int, int> widths[] = {{DlqEntryModel::IdColumn, 8 * digit},
                                          {DlqEntryModel::StatusColumn, 13 * digit},
                                          {DlqEntryModel::ErrorColumn, 18 * digit},
                                          {DlqEntryModel::StateColumn, 13 * digit},
                                          {DlqEntryModel::LastFailureColumn, 19 * digit},
                                          {DlqEntryModel::CauseColumn, 40 * digit},
                                          {DlqEntryModel::ReplaysColumn, 20 * digit},
                                          {DlqEntryModel::AttemptsColumn, 9 * digit},
                                          {DlqEntryModel::ExecutionColumn, 28 * digit},
                                          {DlqEntryModel::ItemColumn, 8 * digit}};
    for (const auto &[column, width] : widths)
        m_entryView->setColumnWidth(column, width);

    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setSizes({400, 680, 420});

    m_progress->setVisible(false);
    m_progress->setFormat(tr("%v of %m replayed"));
    m_progress->setMinimumWidth(200);
    m_cancel->setVisible(false);
    m_cancel->setToolTip(tr("Start no further entries; those in flight finish"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    createActions();

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_toolBar, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filterBar);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_status);

    connect(m_filterBar, &DlqFilterBar::filterChanged, this, [this] {
        m_groupError.clear();
        m_groupState.clear();
        reload();
    });
    connect(m_groupView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DlqBrowser::onGroupChosen);
    connect(m_entries, &DlqEntryModel::pageRequested, this,
            [this](qint64 afterId) { requestPage(afterId, DlqStoreReader::kPageSize); });
    connect(m_entryView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DlqBrowser::updateActions);
    connect(m_entryView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DlqBrowser::onCurrentEntryChanged);
    connect(m_entryView, &QWidget::customContextMenuRequested, this, &DlqBrowser::showContextMenu);
    connect(m_cancel, &QPushButton::clicked, this, &DlqBrowser::cancelReplay);

    startReaderThread();
    m_detail->showNothing(tr("Open a store to browse its dead-letter queue."));
    updateActions();
    updateStatus();
}

DlqBrowser::~DlqBrowser()
{
    stopThreads();
}

void DlqBrowser::startReaderThread()
{
    m_readerThread = new QThread;
    m_readerThread->setObjectName(QStringLiteral("dlq-reader"));
    m_reader = new DlqStoreReader;
    m_reader->moveToThread(m_readerThread);
    connect(m_readerThread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(m_reader, &DlqStoreReader::opened, this, &DlqBrowser::onOpened, Qt::QueuedConnection);
    connect(m_reader, &DlqStoreReader::groupsLoaded, this, &DlqBrowser::onGroups, Qt::QueuedConnection);
    connect(m_reader, &DlqStoreReader::pageLoaded, this, &DlqBrowser::onPage, Qt::QueuedConnection);
    connect(m_reader, &DlqStoreReader::entryLoaded, this, &DlqBrowser::onEntry, Qt::QueuedConnection);
    connect(m_reader, &DlqStoreReader::workflowsLoaded, m_filterBar, &DlqFilterBar::setWorkflows, Qt::QueuedConnection);
    connect(m_reader, &DlqStoreReader::discarded, this, &DlqBrowser::onDiscarded, Qt::QueuedConnection);
    connect(m_reader, &DlqStoreReader::exported, this, &DlqBrowser::onExported, Qt::QueuedConnection);
    m_readerThread->start();
}

void DlqBrowser::stopThreads()
{
    // Only at destruction: the reader finishes its current query; a replay starts no further entries
    // and lets those in flight finish, so nothing is left half-recorded.
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    for (QThread *thread : {m_readerThread, m_replayThread}) {
        if (!thread)
            continue;
        thread->quit();
        thread->wait();
        delete thread;
    }
    m_readerThread = nullptr;
    m_replayThread = nullptr;
}

void DlqBrowser::createActions()
{
    auto make = [this](Action which, const QString &text, const QString &tip, const QKeySequence &keys = {}) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);   // the dock's keys, not the window's
        }
        addAction(action);
        m_actions.insert(int(which), action);
        return action;
    };
    QAction *replay = make(Action::Replay, tr("Replay"), tr("Replay the selected entries from the state where they failed"));
    QAction *all = make(Action::ReplayAll, tr("Replay all matching"),
                        tr("Replay every open entry the filter (and the chosen group) selects"));
    QAction *edit = make(Action::EditAndReplay, tr("Edit && replay…"), tr("Edit the entry's input, then replay it"));
    QAction *from = make(Action::ReplayFromState, tr("Replay from state…"),
                         tr("Replay the selected entries from another state of their workflow"));
    QAction *latest = make(Action::LatestVersion, tr("On latest version"),
                           tr("Replays run on the newest version saved under the entry's workflow name"));
    latest->setCheckable(true);
    QAction *discard = make(Action::Discard, tr("Discard"), tr("Mark the selected entries discarded (they are kept)"),
                            QKeySequence::Delete);
    QAction *exportLines = make(Action::Export, tr("Export…"),
                                tr("Write every entry the filter selects to a JSON Lines file, with its replays"),
                                QKeySequence::SaveAs);
    QAction *refreshAction = make(Action::Refresh, tr("Refresh"), tr("Read the DLQ again"), QKeySequence::Refresh);
    QAction *copy = make(Action::CopyInput, tr("Copy input"), tr("Copy the entry's input to the clipboard"),
                         QKeySequence::Copy);

    connect(replay, &QAction::triggered, this, &DlqBrowser::replaySelected);
    connect(all, &QAction::triggered, this, &DlqBrowser::replayAllMatching);
    connect(edit, &QAction::triggered, this, &DlqBrowser::editAndReplay);
    connect(from, &QAction::triggered, this, &DlqBrowser::replayFromState);
    connect(discard, &QAction::triggered, this, &DlqBrowser::discardSelected);
    connect(exportLines, &QAction::triggered, this, &DlqBrowser::exportJsonLines);
    connect(refreshAction, &QAction::triggered, this, &DlqBrowser::refresh);
    connect(copy, &QAction::triggered, m_detail, &DlqDetailPane::copyInput);

    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(replay);
    m_toolBar->addAction(all);
    m_toolBar->addAction(edit);
    m_toolBar->addAction(from);
    m_toolBar->addAction(latest);
    m_toolBar->addSeparator();
    m_toolBar->addAction(discard);
    m_toolBar->addAction(exportLines);
    m_toolBar->addSeparator();
    m_toolBar->addAction(refreshAction);
}

QAction *DlqBrowser::action(Action which) const
{
    return m_actions.value(int(which));
}

DlqReportDialog *DlqBrowser::reportDialog() const
{
    return m_report;
}

void DlqBrowser::setJournal(std::shared_ptr<Journal> journal)
{
    m_journal = std::move(journal);
}

void DlqBrowser::setStore(const QString &location)
{
    m_location = location;
    m_storeOpen = false;
    m_lastError.clear();
    ++m_groupGeneration;
    ++m_pageGeneration;
    m_entries->setActive(false);
    m_entries->clear();
    m_groups->setGroups({});
    m_detail->showNothing();
    m_sinceReload.start();
    m_groupsIn = m_pageIn = false;
    if (m_replayJob) {
        m_replayJob->deleteLater();   // after the run in progress, if any: events on its thread run in order
        m_replayJob = nullptr;
    }
    QMetaObject::invokeMethod(m_reader, [reader = m_reader, location] { reader->open(location); }, Qt::QueuedConnection);
    updateActions();
    updateStatus();
}

void DlqBrowser::onOpened(const QString &location, const QString &error)
{
    if (location != m_location)
        return;
    m_storeOpen = error.isEmpty();
    m_lastError = error;
    Q_EMIT storeOpened(error);
    if (!m_storeOpen) {
        m_detail->showNothing(tr("The store could not be opened."));
        updateActions();
        updateStatus();
        return;
    }
    m_entries->setActive(true);
    QMetaObject::invokeMethod(m_reader, [reader = m_reader] { reader->loadWorkflows(); }, Qt::QueuedConnection);
    reload();
}

DlqFilter DlqBrowser::filter() const
{
    DlqFilter filter = m_filterBar->filter();
    if (!m_groupError.isEmpty() || !m_groupState.isEmpty()) {
        filter.error = m_groupError;
        filter.state = m_groupState;
    }
    return filter;
}

void DlqBrowser::setFilter(const DlqFilter &filter)
{
    m_filterBar->setFilter(filter);
    m_groupError.clear();
    m_groupState.clear();
    reload();
}

void DlqBrowser::selectGroup(const QString &error, const QString &state)
{
    const int row = m_groups->rowOf(error, state);
    m_groupView->setCurrentIndex(m_groups->index(row, 0));   // onGroupChosen() reloads the entries
    if (row == 0 && (!m_groupError.isEmpty() || !m_groupState.isEmpty())) {
        m_groupError.clear();
        m_groupState.clear();
        reloadEntries();
    }
}

void DlqBrowser::reload()
{
    if (!m_storeOpen)
        return;
    m_sinceReload.start();
    m_groupsIn = false;
    const Generation generation = ++m_groupGeneration;
    const DlqFilter barFilter = m_filterBar->filter();
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, barFilter, generation] { reader->loadGroups(barFilter, generation); },
        Qt::QueuedConnection);
    reloadEntries();
}

void DlqBrowser::reloadEntries()
{
    m_pageIn = false;
    ++m_pageGeneration;
    m_detail->showNothing();
    m_entries->clear();
    if (m_entries->canFetchMore({}))
        m_entries->fetchMore({});
    updateActions();
    updateStatus();
}

void DlqBrowser::refresh()
{
    if (!m_storeOpen) {
        if (!m_location.isEmpty())
            setStore(m_location);
        return;
    }
    m_keepSelection = selectedIds();
    m_refreshing = true;
    const Generation generation = ++m_groupGeneration;
    const DlqFilter barFilter = m_filterBar->filter();
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, barFilter, generation] { reader->loadGroups(barFilter, generation); },
        Qt::QueuedConnection);
    ++m_pageGeneration;
    requestPage(0, qBound(DlqStoreReader::kPageSize, m_entries->rowCount(), kMaxRefreshRows));
    QMetaObject::invokeMethod(m_reader, [reader = m_reader] { reader->loadWorkflows(); }, Qt::QueuedConnection);
}

void DlqBrowser::requestPage(qint64 afterId, int limit)
{
    DlqFilter page = filter();
    page.afterId = afterId;
    page.limit = limit;
    const Generation generation = m_pageGeneration;
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, page, generation] { reader->loadPage(page, generation); }, Qt::QueuedConnection);
}

void DlqBrowser::onGroups(Generation generation, const QList<DlqGroup> &groups, const QString &error)
{
    if (generation != m_groupGeneration)
        return;
    m_lastError = error;
    {
        const QSignalBlocker blocker(m_groupView->selectionModel());
        m_groups->setGroups(groups);
        const int row = m_groups->rowOf(m_groupError, m_groupState);
        m_groupView->setCurrentIndex(m_groups->index(row, 0));
    }
    QStringList states;
    QStringList errors;
    for (const DlqGroup &g : groups) {
        if (!states.contains(g.state))
            states.append(g.state);
        if (!errors.contains(g.error))
            errors.append(g.error);
    }
    m_filterBar->addChoices(states, errors);
    if ((!m_groupError.isEmpty() || !m_groupState.isEmpty()) && m_groups->rowOf(m_groupError, m_groupState) == 0) {
        // The chosen group has gone (every entry of it discarded or filtered out): show all entries.
        m_groupError.clear();
        m_groupState.clear();
        reloadEntries();
    }
    m_groupsIn = true;
    checkLoaded();
    updateActions();
    updateStatus();
}

void DlqBrowser::onPage(Generation generation, qint64 afterId, const QList<DlqRow> &rows, bool atEnd,
                        const QString &error)
{
    if (generation != m_pageGeneration)
        return;
    if (!error.isEmpty()) {
        m_lastError = error;
        m_entries->pageFailed();
        updateStatus();
        return;
    }
    if (afterId == 0) {
        m_entries->replaceRows(rows, atEnd);
        if (m_refreshing) {
            m_refreshing = false;
            selectIds(m_keepSelection);
            m_keepSelection.clear();
            if (m_detail->entryId() > 0) {
                const qint64 id = m_detail->entryId();
                QMetaObject::invokeMethod(m_reader, [reader = m_reader, id] { reader->loadEntry(id); },
                                          Qt::QueuedConnection);
            }
        }
        m_pageIn = true;
        checkLoaded();
    } else {
        m_entries->appendPage(afterId, rows, atEnd);
    }
    updateActions();
    updateStatus();
}

void DlqBrowser::checkLoaded()
{
    if (m_groupsIn && m_pageIn && m_sinceReload.isValid()) {
        const qint64 ms = m_sinceReload.elapsed();
        m_sinceReload.invalidate();
        Q_EMIT loaded(ms);
    }
}

void DlqBrowser::onGroupChosen()
{
    const QModelIndex current = m_groupView->currentIndex();
    const QString error = current.data(DlqGroupModel::ErrorRole).toString();
    const QString state = current.data(DlqGroupModel::StateRole).toString();
    if (error == m_groupError && state == m_groupState)
        return;
    m_groupError = error;
    m_groupState = state;
    reloadEntries();
}

QList<qint64> DlqBrowser::selectedIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_entryView->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : rows)
        ids.append(m_entries->rowAt(row).entry.id);
    return ids;
}

void DlqBrowser::selectIds(const QList<qint64> &ids)
{
    QItemSelection selection;
    int first = -1;
    for (qint64 id : ids) {
        const int row = m_entries->rowOf(id);
        if (row < 0)
            continue;
        if (first < 0)
            first = row;
        selection.select(m_entries->index(row, 0), m_entries->index(row, DlqEntryModel::ColumnCount - 1));
    }
    if (first >= 0)
        m_entryView->selectionModel()->setCurrentIndex(m_entries->index(first, 0), QItemSelectionModel::NoUpdate);
    m_entryView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    updateActions();
}

void DlqBrowser::onCurrentEntryChanged()
{
    const QModelIndex current = m_entryView->currentIndex();
    if (!current.isValid()) {
        m_detail->showNothing();
        updateActions();
        return;
    }
    const qint64 id = m_entries->rowAt(current.row()).entry.id;
    QMetaObject::invokeMethod(m_reader, [reader = m_reader, id] { reader->loadEntry(id); }, Qt::QueuedConnection);
    updateActions();
}

void DlqBrowser::onEntry(const DlqEntryDetail &detail)
{
    const QModelIndex current = m_entryView->currentIndex();
    if (!current.isValid() || m_entries->rowAt(current.row()).entry.id != detail.entry.id)
        return;   // the user has moved on
    m_detail->showDetail(detail);
    updateActions();
    Q_EMIT entryShown(detail.entry.id);
}

void DlqBrowser::updateActions()
{
    const int selected = int(m_entryView->selectionModel()->selectedRows().size());
    const bool idle = m_storeOpen && !m_replaying;
    action(Action::Replay)->setEnabled(idle && selected > 0);
    action(Action::ReplayAll)->setEnabled(idle && m_groups->total() > 0);
    action(Action::EditAndReplay)->setEnabled(idle && selected == 1);
    action(Action::ReplayFromState)->setEnabled(idle && selected > 0);
    action(Action::LatestVersion)->setEnabled(m_storeOpen);
    action(Action::Discard)->setEnabled(idle && selected > 0);
    action(Action::Export)->setEnabled(m_storeOpen);
    action(Action::Refresh)->setEnabled(!m_location.isEmpty());
    action(Action::CopyInput)->setEnabled(m_detail->entryId() > 0);
}

void DlqBrowser::updateStatus()
{
    if (m_location.isEmpty()) {
        m_status->setText(tr("No store is open."));
        return;
    }
    if (!m_lastError.isEmpty()) {
        m_status->setText(tr("Error: %1").arg(m_lastError));
        return;
    }
    if (!m_storeOpen) {
        m_status->setText(tr("Opening %1…").arg(m_location));
        return;
    }
    const QString loadedText = tr("%n loaded", nullptr, int(m_entries->rowCount()));
    if (!m_groupError.isEmpty() || !m_groupState.isEmpty()) {
        const int row = m_groups->rowOf(m_groupError, m_groupState);
        const qint64 count = row > 0 ? m_groups->groups().at(row - 1).count : 0;
        m_status->setText(tr("%1 entries with %2 at %3 · %4")
                              .arg(QLocale().toString(count))
                              .arg(m_groupError, m_groupState, loadedText));
    } else {
        m_status->setText(tr("%1 entries in %2 groups · %3")
                              .arg(QLocale().toString(m_groups->total()))
                              .arg(m_groups->groups().size())
                              .arg(loadedText));
    }
}

void DlqBrowser::replay(const ReplayRequest &request)
{
    if (m_replaying || !m_storeOpen)
        return;
    if (!m_replayThread) {
        m_replayThread = new QThread;
        m_replayThread->setObjectName(QStringLiteral("dlq-replay"));
        m_replayThread->start();
    }
    if (!m_replayJob) {
        m_replayJob = new DlqReplayJob(m_location, m_journal);
        m_replayJob->moveToThread(m_replayThread);
        connect(m_replayThread, &QThread::finished, m_replayJob, &QObject::deleteLater);
        connect(m_replayJob, &DlqReplayJob::progress, this, &DlqBrowser::onReplayProgress, Qt::QueuedConnection);
        connect(m_replayJob, &DlqReplayJob::finished, this, &DlqBrowser::onReplayFinished, Qt::QueuedConnection);
    }
    m_replaying = true;
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_progress->setRange(0, 0);   // busy until the entries are selected
    m_progress->setVisible(true);
    m_cancel->setEnabled(true);
    m_cancel->setVisible(true);
    m_status->setText(tr("Replaying…"));
    QMetaObject::invokeMethod(
        m_replayJob, [job = m_replayJob, request, cancel = m_cancelFlag] { job->run(request, cancel); },
        Qt::QueuedConnection);
    updateActions();
}

void DlqBrowser::replaySelected()
{
    ReplayRequest request;
    request.ids = selectedIds();
    request.latestVersion = action(Action::LatestVersion)->isChecked();
    if (!request.ids.isEmpty())
        replay(request);
}

void DlqBrowser::replayAllMatching()
{
    ReplayRequest request;
    request.filter = filter();
    request.latestVersion = action(Action::LatestVersion)->isChecked();
    replay(request);
}

void DlqBrowser::editAndReplay()
{
    openReplayDialog(true);
}

void DlqBrowser::replayFromState()
{
    openReplayDialog(false);
}

void DlqBrowser::openReplayDialog(bool editInput)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || m_replaying || (editInput && ids.size() != 1))
        return;
    const QModelIndex current = m_entryView->currentIndex();
    const int row = current.isValid() ? current.row() : m_entries->rowOf(ids.first());
    const DlqEntry entry = m_entries->rowAt(row).entry;
    // The states come with the entry's detail; until it has arrived only the failed state is offered.
    const QStringList states = m_detail->entryId() == entry.id ? m_detail->detail().states : QStringList{entry.state};
    const QString title = editInput ? tr("Edit & replay entry %1").arg(entry.id)
                                    : tr("Replay %n entry(s) from another state", nullptr, int(ids.size()));
    auto *dialog = new DlqReplayDialog(title, editInput ? std::optional<Json>(entry.input) : std::nullopt, states,
                                       entry.state, action(Action::LatestVersion)->isChecked(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!editInput)
        dialog->stateChoice()->setFocus();
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids] {
        ReplayRequest request;
        request.ids = ids;
        request.input = dialog->input();
        request.fromState = dialog->fromState();
        request.latestVersion = dialog->latestVersion();
        replay(request);
    });
    dialog->open();
}

void DlqBrowser::cancelReplay()
{
    if (!m_replaying || !m_cancelFlag)
        return;
    m_cancelFlag->store(true);
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling: replays in flight finish, no further ones start…"));
}

void DlqBrowser::onReplayProgress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
}

void DlqBrowser::onReplayFinished(const QList<ReplayEntryResult> &results, const QString &error)
{
    const bool cancelled = m_cancelFlag && m_cancelFlag->load();
    m_replaying = false;
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    if (m_report)
        m_report->close();
    m_report = new DlqReportDialog(results, cancelled, error, this);
    m_report->setAttribute(Qt::WA_DeleteOnClose);
    m_report->show();
    updateActions();
    Q_EMIT replayFinished(results);
    refresh();
}

void DlqBrowser::discardSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || m_replaying)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Discard entries"),
                                tr("Discard %n DLQ entry(s)? They stay in the store with their history, marked "
                                   "discarded, and are no longer replayed.",
                                   nullptr, int(ids.size())),
                                QMessageBox::Cancel, this);
    QPushButton *yes = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box->setDefaultButton(yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, yes, ids] {
        if (box->clickedButton() != yes)
            return;
        QMetaObject::invokeMethod(m_reader, [reader = m_reader, ids] { reader->discard(ids); }, Qt::QueuedConnection);
    });
    box->open();
}

void DlqBrowser::onDiscarded(int count, const QString &error)
{
    m_lastError = error;
    Q_EMIT discarded(count);
    refresh();
}

void DlqBrowser::exportJsonLines()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString file = QFileDialog::getSaveFileName(this, tr("Export DLQ entries"), folder + QStringLiteral("/dlq.jsonl"),
                                                      tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!file.isEmpty())
        exportTo(file);
}

void DlqBrowser::exportTo(const QString &file)
{
    if (!m_storeOpen)
        return;
    const DlqFilter all = filter();
    m_status->setText(tr("Exporting to %1…").arg(file));
    QMetaObject::invokeMethod(m_reader, [reader = m_reader, all, file] { reader->exportTo(all, file); },
                              Qt::QueuedConnection);
}

void DlqBrowser::onExported(int count, const QString &file, const QString &error)
{
    if (error.isEmpty())
        m_status->setText(tr("%n entry(s) exported to %1", nullptr, count).arg(file));
    else
        m_status->setText(tr("Export to %1 failed: %2").arg(file, error));
    Q_EMIT exported(count, file, error);
}

void DlqBrowser::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (Action which : {Action::Replay, Action::EditAndReplay, Action::ReplayFromState, Action::LatestVersion}) {
        menu.addAction(action(which));
    }
    menu.addSeparator();
    menu.addAction(action(Action::Discard));
    menu.addSeparator();
    menu.addAction(action(Action::CopyInput));
    menu.addAction(action(Action::Export));
    menu.exec(m_entryView->viewport()->mapToGlobal(pos));
}

void DlqBrowser::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        updateStatus();
}

QByteArray DlqBrowser::saveState() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    const DlqFilter f = m_filterBar->filter();
    out << kStateVersion << m_splitter->saveState() << m_entryView->horizontalHeader()->saveState() << f.workflowVersion
        << f.executionId << f.state << f.error << f.causeText << (f.status ? int(*f.status) : -1)
        << action(Action::LatestVersion)->isChecked();
    return bytes;
}

void DlqBrowser::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 version = 0;
    QByteArray splitter;
    QByteArray header;
    DlqFilter f;
    int status = -1;
    bool latest = false;
    in >> version;
    if (version != kStateVersion)
        return;
    in >> splitter >> header >> f.workflowVersion >> f.executionId >> f.state >> f.error >> f.causeText >> status >> latest;
    if (in.status() != QDataStream::Ok)
        return;
    m_splitter->restoreState(splitter);
    m_entryView->horizontalHeader()->restoreState(header);
    if (status >= 0 && status <= int(DlqStatus::Discarded))
        f.status = DlqStatus(status);
    action(Action::LatestVersion)->setChecked(latest);
    setFilter(f);
}

} // namespace sluice::ui
