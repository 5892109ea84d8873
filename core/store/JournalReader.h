#pragma once

#include "Result.h"
#include "store/StoreFilters.h"
#include "store/StoreRecords.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace sluice {

class StoreConnection;

/// Blocking queries over a journal, on a connection of its own. Lives on the thread that opened it (a
/// worker thread or the CLI, never the GUI thread) and must be used and destroyed there. Every call
/// returns a Result; no exception escapes.
class JournalReader
{
public:
    /// Opens a reader on a store that Journal::open() already created (same location syntax).
    static Result<std::unique_ptr<JournalReader>> open(const QString &location);
    ~JournalReader();

    Result<QList<ExecutionInfo>> runs(const RunFilter &filter = {});
    /// The execution's items by state and status (a scan of its items: for a monitor of a run that
    /// another process writes, not for every frame).
    Result<StateItemCounts> stateCounts(const QString &executionId);
    /// A number that changes when another connection commits to the store: SQLite's data_version (only
    /// this connection's view; cheap), PostgreSQL's next transaction id. For pollers: re-read when it moves.
    Result<qint64> changeCounter();
    /// InvalidArgument when there is no such execution. Without `withPayloads` the input and output are
    /// left null (a large Map's input is tens of MB: a monitor asking for the status should not parse it).
    Result<ExecutionInfo> execution(const QString &executionId, bool withPayloads = true);
    /// A page of the items `filter` selects, by item id (keyset: `afterItem`, then `offset`).
    Result<QList<ItemRow>> items(const QString &executionId, const ItemFilter &filter = {});
    /// How many items `filter` selects (its keyset fields do not apply). By status alone: from the
    /// writer's counts, without a scan.
    Result<qint64> itemCount(const QString &executionId, const ItemFilter &filter = {});
    /// Page keys for jumping anywhere in what `filter` selects: element k is the id of the item at position
    /// (k + 1) * every - 1, so page k + 1 is items(afterItem = keys[k]). One pass over an index (none at all
    /// for an unfiltered execution whose ids are dense).
    Result<QList<qint64>> itemKeys(const QString &executionId, const ItemFilter &filter, int every);
    /// The position of `item` among those `filter` selects (how many come before it).
    Result<qint64> itemPosition(const QString &executionId, const ItemFilter &filter, qint64 item);
    Result<QList<HistoryEvent>> history(const QString &executionId, const HistoryFilter &filter = {});

    Result<QList<DlqEntry>> dlq(const DlqFilter &filter = {});
    /// The entries `filter` selects, grouped by (error, state): biggest group first, then by error and
    /// state. The filter's keyset fields (afterId, limit) do not apply.
    Result<QList<DlqGroup>> dlqGroups(const DlqFilter &filter = {});
    Result<DlqEntry> dlqEntry(qint64 id);
    Result<void> setDlqStatus(qint64 id, DlqStatus status);
    /// Records a replay on the entry; returns the replay's id.
    Result<qint64> addReplay(qint64 dlqId, const ReplayRecord &replay);
    Result<QList<ReplayRecord>> replays(qint64 dlqId);

    /// Every saved workflow version, by name and then newest first.
    Result<QList<WorkflowVersionInfo>> workflowVersions();
    /// The definition bytes saved under `version`.
    Result<QByteArray> workflowDefinition(const QString &version);
    /// The newest version saved under the same workflow name as `version` (`version` itself when it is
    /// the newest); for replaying on the latest version of a workflow.
    Result<QString> latestWorkflowVersion(const QString &version);
    /// The folder the execution's relative task paths resolved against (ExecutionInfo::baseDir), without
    /// reading its input and output; empty when none was journaled. NotFound for an unknown execution.
    Result<QString> executionBaseDir(const QString &executionId);

    /// Every execution still RUNNING, with its unfinished items and where to continue them.
    Result<QList<UnfinishedExecution>> unfinished();

    /// SQLite's integrity_check (PostgreSQL: none) plus the journal's own consistency rules.
    Result<IntegrityReport> integrityCheck();

private:
    explicit JournalReader(std::unique_ptr<StoreConnection> connection);
    Result<qint64> executionNum(const QString &executionId);

    std::unique_ptr<StoreConnection> m_connection;
};

} // namespace sluice
