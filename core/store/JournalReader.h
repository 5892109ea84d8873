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
    /// InvalidArgument when there is no such execution.
    Result<ExecutionInfo> execution(const QString &executionId);
    Result<QList<ItemRow>> items(const QString &executionId, const ItemFilter &filter = {});
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

    std::unique_ptr<StoreConnection> m_connection;
};

} // namespace sluice
