#pragma once

#include "engine/Progress.h"
#include "store/StoreRecords.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace sluice::ui {

/// Every execution of a store, newest first: the rows the store watcher reads (any process's runs),
/// with the counts of the runs this process runs kept live from the engine's snapshots. A small list
/// (the newest few hundred runs), so a QSortFilterProxyModel sorts and filters it. GUI thread.
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Workflow, Status, Started, Duration, Progress, Failed, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,   ///< the execution id
        StatusRole,                  ///< ExecutionStatus as int
        DoneRole,                    ///< items finished (succeeded, failed or cancelled)
        TotalRole,                   ///< items known
        FailedRole,                  ///< items failed
        PausedRole,                  ///< paused by this process
        LiveRole,                    ///< run by this process's engine
        SortRole,                    ///< the column's value for sorting
    };

    explicit RunListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The runs as the store holds them (StoreWatcher::runsRead). Rows are matched by id: changed rows
    /// become dataChanged, new ones are inserted, gone ones removed; live counts are kept.
    void setRuns(const QList<sluice::ExecutionInfo> &runs);
    /// A run this process started: shown at once, before the store has it.
    void addLive(const QString &executionId, const QString &workflow, qint64 startedMs);
    /// A snapshot of a live run: its counts (and, when final, its end) follow at once.
    void applySnapshot(const sluice::ProgressSnapshot &snapshot);
    void setPaused(const QString &executionId, bool paused);

    int rowOf(const QString &executionId) const;
    const sluice::ExecutionInfo *run(const QString &executionId) const;
    bool isLive(const QString &executionId) const;
    bool isPaused(const QString &executionId) const;

    /// Status words ("Running", "Succeeded", ...), translated.
    static QString statusText(sluice::ExecutionStatus status);

private:
    struct Row
    {
        sluice::ExecutionInfo info;
        bool live = false;
        bool paused = false;
        bool liveCounts = false;   ///< counts came from a snapshot (newer than the store's)
    };
    void emitRowChanged(int row);

    QList<Row> m_rows;
    QHash<QString, int> m_index;   ///< id -> row
};

} // namespace sluice::ui
