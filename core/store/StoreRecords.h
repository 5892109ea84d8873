#pragma once

#include "Json.h"
#include "engine/ExecutionResult.h"
#include "engine/ItemStatus.h"
#include "engine/JournalSink.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>
#include <string_view>

// What JournalReader returns: plain value types, safe to copy across threads.

namespace sluice {

/// The life of a DLQ entry.
enum class DlqStatus { Open, Replaying, Replayed, Discarded };

/// "open", "replaying", "replayed", "discarded" as the journal and the CLI spell them.
const char *dlqStatusName(DlqStatus status);
std::optional<DlqStatus> dlqStatusFromName(std::string_view name);

/// How one replay of a DLQ entry ended.
enum class ReplayOutcome { Succeeded, Failed };

/// "succeeded", "failed".
const char *replayOutcomeName(ReplayOutcome outcome);
std::optional<ReplayOutcome> replayOutcomeFromName(std::string_view name);

/// "RUNNING", ... back to the enum (executionStatusName() goes the other way).
std::optional<ExecutionStatus> executionStatusFromName(std::string_view name);

/// One execution. runs() fills everything but `input`, `output` and `counts`; execution() fills all.
struct ExecutionInfo
{
    QString id;
    QString name;
    QString workflowVersion;   ///< SHA-256 hex of the definition
    QString workflowName;      ///< the name it was saved under (empty when unknown)
    ExecutionStatus status = ExecutionStatus::Running;
    qint64 startedMs = 0;      ///< ms since the epoch
    qint64 stoppedMs = 0;      ///< 0 while running
    Json input;
    Json output;               ///< when SUCCEEDED
    QString error;             ///< when FAILED, ABORTED or TIMED_OUT
    QString cause;
    ItemCounts counts{};       ///< items by ItemStatus
    QString baseDir;           ///< relative task paths resolved against it (journaled with it; empty when not)
};

/// Items by the state they are in (or ended in), per status: the per-state counts a monitor paints.
using StateItemCounts = QMap<QString, ItemCounts>;

/// One item's current row.
struct ItemRow
{
    qint64 item = 0;
    qint64 parent = 0;
    qint64 index = -1;         ///< index within its Map (-1 for the root item)
    QString mapState;
    QString businessKey;
    QString state;             ///< the state it is in (or ended in)
    ItemStatus status = ItemStatus::Pending;
    int attempts = 0;
    QString error;             ///< last error name, if any
    QString cause;
    qint64 updatedMs = 0;
    qint64 startedMs = 0;      ///< when it started (its first event)
    Json output;               ///< when finished and ItemFilter::outputs (null otherwise)
};

/// One event of an item's history. `seq` counts from 1 per item; pages go by (item, seq).
struct HistoryEvent
{
    qint64 item = 0;
    qint64 seq = 0;
    JournalRecord::Type type = JournalRecord::Type::StateEntered;
    QString state;
    qint64 timeMs = 0;
    int attempt = 0;
    ItemStatus status = ItemStatus::Running;   ///< ItemFinished
    Json payload;              ///< input, output, parameters or result, as the type says (null when none)
    QString error;
    QString cause;
    qint64 delayMs = 0;        ///< TaskRetryScheduled
};

/// One item that failed for good.
struct DlqEntry
{
    qint64 id = 0;
    QString executionId;
    qint64 item = 0;
    QString workflowVersion;
    QString state;             ///< the state it failed in
    Json input;                ///< that state's raw input: what a replay restarts with
    QString error;
    QString cause;
    int attempts = 0;
    qint64 firstFailureMs = 0;
    qint64 lastFailureMs = 0;
    DlqStatus status = DlqStatus::Open;
};

/// One replay of a DLQ entry.
struct ReplayRecord
{
    qint64 id = 0;             ///< assigned by addReplay()
    qint64 timeMs = 0;
    QString osUser;
    int attempt = 0;           ///< 1 for the first replay of the entry
    ReplayOutcome outcome = ReplayOutcome::Failed;
    QString error;
    QString cause;
    QString newExecutionId;    ///< the execution the replay ran in (the same one for an in-place replay)
    qint64 newItem = -1;       ///< the item it ran as, -1 when unknown
};

/// One group of DLQ entries: those with the same error name that failed in the same state.
struct DlqGroup
{
    QString error;
    QString state;
    qint64 count = 0;          ///< entries in the group (that the filter selects)
    qint64 open = 0;           ///< of which are open
    qint64 lastFailureMs = 0;  ///< the latest last failure among them
};

/// One saved workflow version.
struct WorkflowVersionInfo
{
    QString version;           ///< SHA-256 hex of the definition
    QString name;              ///< the name it was saved under
    qint64 savedMs = 0;
};

/// A finished child of a Map parent, for a resume to put back into the Map's result.
struct FinishedChild
{
    qint64 item = 0;
    qint64 index = -1;
    ItemStatus status = ItemStatus::Succeeded;   ///< Succeeded, Failed or Cancelled
    /// When Succeeded: its output as the journal holds it (JSON text). Not parsed here: a resume of a large
    /// Map would wait for a million parses before its first new item; the engine parses it when it needs it.
    std::string outputText;
    QString error;             ///< when Failed
    QString cause;
};

/// An item that had not finished when its process stopped: where to continue it.
struct UnfinishedItem
{
    qint64 item = 0;
    qint64 parent = 0;
    qint64 index = -1;
    QString mapState;
    QString businessKey;
    ItemStatus status = ItemStatus::Running;
    QString state;             ///< its last StateEntered state (the first state when none was entered)
    Json input;                ///< that state's raw input (the item's input when none was entered)
    int attempts = 0;
    /// The root item only: each state's input at its last StateEntered. When the item stopped inside a
    /// Parallel's branch, the resume runs that Parallel again from its start, with the input it was entered with.
    std::map<std::string, Json> enteredInputs;
    /// When this item sits in a Map (or Parallel) state: its children that already finished, by index.
    QList<FinishedChild> finishedChildren;
};

/// An execution still RUNNING in the journal, with everything a resume needs.
struct UnfinishedExecution
{
    QString id;
    QString name;
    QString workflowVersion;
    /// The execution's input as JSON text: a resume parses it only where the workflow reads it again
    /// ($$.Execution.Input) or must start over; for a large Map it is tens of MB.
    std::string inputText;
    qint64 startedMs = 0;
    qint64 maxItem = 0;        ///< the highest item id journaled: new items continue above it
    QString baseDir;           ///< as ExecutionInfo::baseDir
    QList<UnfinishedItem> items;   ///< items not in a final status, by item id
};

/// What integrityCheck() found. Empty `problems` = consistent.
struct IntegrityReport
{
    QStringList problems;
    bool ok() const { return problems.isEmpty(); }
};

} // namespace sluice

Q_DECLARE_METATYPE(sluice::ExecutionInfo)
Q_DECLARE_METATYPE(sluice::StateItemCounts)
Q_DECLARE_METATYPE(sluice::ItemRow)
Q_DECLARE_METATYPE(sluice::HistoryEvent)
Q_DECLARE_METATYPE(sluice::DlqEntry)
Q_DECLARE_METATYPE(sluice::ReplayRecord)
Q_DECLARE_METATYPE(sluice::DlqGroup)
Q_DECLARE_METATYPE(sluice::WorkflowVersionInfo)
