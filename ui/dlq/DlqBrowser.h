#pragma once

#include "dlq/DlqTypes.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;
class QThread;
class QToolBar;
class QTreeView;

namespace sluice {
class Journal;
}

namespace sluice::ui {

class DlqDetailPane;
class DlqEntryModel;
class DlqFilterBar;
class DlqGroupModel;
class DlqReplayJob;
class DlqReportDialog;
class DlqStoreReader;

/// The dead-letter queue of a store: a filter bar, the entries grouped by error and state, the entries
/// (paged from the journal as the table scrolls), one entry's detail, and the actions on them: replay
/// (the selection, or everything the filter selects), edit & replay, replay from another state or on the
/// latest workflow version, discard, export as JSON Lines.
///
/// Reads run on a reader thread with their own connection and replays on a replay thread; both answer by
/// queued signals, so the GUI thread never waits on SQL or on a replay.
class DlqBrowser : public QWidget
{
    Q_OBJECT
public:
    enum class Action { Replay, ReplayAll, EditAndReplay, ReplayFromState, LatestVersion, Discard, Export, Refresh,
                        CopyInput };

    explicit DlqBrowser(QWidget *parent = nullptr);
    ~DlqBrowser() override;

    /// Opens the store at `location` (a SQLite file or a postgresql:// URL, as Journal::open takes it).
    void setStore(const QString &location);
    QString store() const { return m_location; }
    /// Replays write through `journal` (the application's own) instead of a journal of the browser's.
    /// Call before setStore().
    void setJournal(std::shared_ptr<sluice::Journal> journal);

    /// The filter bar's filter, narrowed to the chosen group.
    sluice::DlqFilter filter() const;
    void setFilter(const sluice::DlqFilter &filter);
    /// Narrows the entries to one group (empty strings: all entries).
    void selectGroup(const QString &error, const QString &state);

    QAction *action(Action which) const;
    /// The ids of the selected entries, in table order.
    QList<qint64> selectedIds() const;
    /// Selects the entries with these ids among the loaded rows.
    void selectIds(const QList<qint64> &ids);
    bool isReplaying() const { return m_replaying; }

    /// The splitter sizes, column widths and the filter, for QSettings.
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

    DlqFilterBar *filterBar() const { return m_filterBar; }
    DlqGroupModel *groupModel() const { return m_groups; }
    QTreeView *groupView() const { return m_groupView; }
    DlqEntryModel *entryModel() const { return m_entries; }
    QTableView *entryView() const { return m_entryView; }
    DlqDetailPane *detailPane() const { return m_detail; }
    QProgressBar *progressBar() const { return m_progress; }
    /// The report of the last replay (null before the first).
    DlqReportDialog *reportDialog() const;

public Q_SLOTS:
    void refresh();
    void replaySelected();
    void replayAllMatching();
    void editAndReplay();
    void replayFromState();
    void discardSelected();
    void exportJsonLines();
    void exportTo(const QString &file);
    void cancelReplay();
    /// Starts `request` on the replay thread (ignored while a replay runs).
    void replay(const sluice::ReplayRequest &request);

Q_SIGNALS:
    void storeOpened(const QString &error);
    /// The groups and the first page of entries are shown, `ms` after the store or filter was set.
    void loaded(qint64 ms);
    void entryShown(qint64 id);
    void replayFinished(const QList<sluice::ReplayEntryResult> &results);
    void discarded(int count);
    void exported(int count, const QString &file, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void updateActions();
    void updateStatus();
    void reload();
    void reloadEntries();
    void requestPage(qint64 afterId, int limit);
    void onOpened(const QString &location, const QString &error);
    void onGroups(Generation generation, const QList<DlqGroup> &groups, const QString &error);
    void onPage(Generation generation, qint64 afterId, const QList<DlqRow> &rows, bool atEnd, const QString &error);
    void onEntry(const DlqEntryDetail &detail);
    void onGroupChosen();
    void onCurrentEntryChanged();
    void onReplayProgress(int done, int total);
    void onReplayFinished(const QList<ReplayEntryResult> &results, const QString &error);
    void onDiscarded(int count, const QString &error);
    void onExported(int count, const QString &file, const QString &error);
    void showContextMenu(const QPoint &pos);
    void openReplayDialog(bool editInput);
    void checkLoaded();
    void startReaderThread();
    void stopThreads();

    QString m_location;
    std::shared_ptr<Journal> m_journal;

    DlqFilterBar *m_filterBar;
    QToolBar *m_toolBar;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QSplitter *m_splitter;
    DlqGroupModel *m_groups;
    QTreeView *m_groupView;
    DlqEntryModel *m_entries;
    QTableView *m_entryView;
    DlqDetailPane *m_detail;
    QLabel *m_status;
    QPointer<DlqReportDialog> m_report;
    QHash<int, QAction *> m_actions;

    QThread *m_readerThread = nullptr;
    DlqStoreReader *m_reader = nullptr;    // lives on m_readerThread
    QThread *m_replayThread = nullptr;
    DlqReplayJob *m_replayJob = nullptr;   // lives on m_replayThread
    std::shared_ptr<std::atomic_bool> m_cancelFlag;

    Generation m_groupGeneration = 0;      // answers to older requests are dropped
    Generation m_pageGeneration = 0;
    QString m_groupError;                  // the chosen group; empty = all entries
    QString m_groupState;
    bool m_storeOpen = false;
    bool m_replaying = false;
    bool m_groupsIn = false;
    bool m_pageIn = false;
    bool m_refreshing = false;
    QList<qint64> m_keepSelection;         // restored after a refresh
    QString m_lastError;
    QElapsedTimer m_sinceReload;
};

} // namespace sluice::ui
