#pragma once

// Private to core/engine: the data of a running execution and the item interpreter.
//
//   Engine::start ──► ExecutionState ──► root ItemRun (item 0) ──► Interpreter::run(item)
//                                             │ Task ──► TaskResource::invoke ──► resume on the item's worker
//                                             │ Wait/Retry ──► Runtime::after ──► resume
//                                             │ Map ──► MapRun ──chunks──► child ItemRuns (items 1..n)
//                                             │ Parallel ──► ParallelRun ──► branch ItemRuns (same item)
//                                             ▼
//                                  ItemRun::onDone ──► parent (execution, MapRun, ParallelRun)
//
// An ItemRun is only ever touched on its own worker thread; MapRun and ParallelRun are shared by
// workers and guard their counters with a mutex.

#include "Json.h"
#include "definition/Workflow.h"
#include "engine/Execution.h"
#include "engine/ExecutionOptions.h"
#include "engine/JournalSink.h"
#include "engine/Progress.h"
#include "engine/Runtime.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QPointer>
#include <QWaitCondition>

#include <atomic>
#include <memory>
#include <map>
#include <unordered_map>

namespace sluice {

class Engine;
class TaskRegistry;
struct ItemRun;
struct MapRun;

/// A Runtime that may go away (the Engine's destructor) while task callbacks are still out.
struct RuntimeHandle
{
    QMutex mutex;
    Runtime *runtime = nullptr;   // guarded by mutex

    bool post(int worker, Runtime::Job job);
    bool after(int worker, qint64 delayMs, const void *owner, Runtime::Job job);
    void cancelTimers(const void *owner);
};

/// Per-worker progress accumulator (one per worker, so updates rarely contend).
struct ProgressShard
{
    QMutex mutex;
    std::unordered_map<const State *, StateCounts> states;   // guarded by mutex (deltas)
    ItemCounts items{};                                        // guarded by mutex (deltas)
    std::unordered_map<ItemId, ItemUpdate> changed;           // guarded by mutex
    std::vector<JournalRecord> journal;                       // guarded by mutex, in order per item
    std::unique_ptr<JournalSink::Encoder> encoder;            // guarded by mutex; when the journal encodes
};

/// One slot of a resumed Map: finished (with its result) or to continue at a state with an input.
struct ResumedSlot
{
    bool finished = false;
    bool succeeded = true;
    Json output;           // finished and succeeded
    std::string outputText;   // the same as JSON text, parsed only when the Map completes (then `output` is null)
    Failure failure;       // finished and failed
    qint64 item = 0;       // not finished: the item's id
    std::string state;     //   the state it continues at
    Json input;            //   with this input
};

/// A scope that can be aborted as a whole: an execution, a Map run (INLINE: its first failure stops the
/// rest), a Parallel state (a failed branch stops the others). Scopes nest.
struct AbortScope
{
    std::atomic_bool aborted{false};
    std::shared_ptr<AbortScope> parent;
    bool isAborted() const
    {
        for (const AbortScope *s = this; s; s = s->parent.get()) {
            if (s->aborted.load(std::memory_order_relaxed))
                return true;
        }
        return false;
    }
};

struct ExecutionState : std::enable_shared_from_this<ExecutionState>
{
    QString id;
    std::string name;
    std::shared_ptr<const Workflow> workflow;
    ExecutionOptions options;
    /// Released when the execution ends, so that a late task callback on a resource's own thread never
    /// holds the last reference to the resource that runs it.
    std::atomic<std::shared_ptr<TaskRegistry>> tasks;
    std::shared_ptr<RuntimeHandle> runtime;
    int workers = 1;
    QPointer<Engine> engine;

    Json input;
    Json contextBase;          // Execution.*, StateMachine.*, merged with options.context
    qint64 startedMs = 0;
    QElapsedTimer clock;

    std::shared_ptr<AbortScope> scope = std::make_shared<AbortScope>();   // cancelled, timed out, finished
    std::shared_ptr<JournalSink> journal;   // none: in memory only
    bool journalEncodes = false;            // every shard has an encoder: records may borrow payloads
    bool journalsExecution = true;          // false for an item restart: the execution is not its to end
    bool rootOutputJournaled = false;       // item 0's ItemFinished carried the output (ExecutionFinished need not)
    bool usesExecutionInput = false;    // the definition reads $$.Execution.Input (copy it into $$ then)
    std::shared_ptr<std::atomic_bool> cancelFlag = std::make_shared<std::atomic_bool>(false);
    std::atomic<qint64> nextItemId{1};
    std::atomic_uint nextWorker{0};

    // pause: Maps start no new items while set; the Maps that held back are pumped again on resume
    std::atomic_bool paused{false};
    QMutex pauseMutex;
    std::vector<std::shared_ptr<MapRun>> heldMaps;   // guarded by pauseMutex; kept alive while held

    // progress
    std::vector<std::unique_ptr<ProgressShard>> shards;
    QMutex progressMutex;
    std::map<std::string, StateCounts> stateTotals;   // guarded by progressMutex
    ItemCounts itemTotals{};                          // guarded by progressMutex

    // result
    mutable QMutex mutex;
    QWaitCondition finishedCondition;
    bool finishing = false;    // guarded by mutex: finish() has begun (it runs once)
    bool finished = false;     // guarded by mutex: finish() is done, waiters may go
    ExecutionResult result;    // guarded by mutex

    int pickWorker() { return int(nextWorker.fetch_add(1, std::memory_order_relaxed) % unsigned(workers)); }
    ProgressShard &shard(int worker) { return *shards[size_t(worker < 0 ? 0 : worker) % shards.size()]; }

    void finish(ExecutionStatus status, Json output, Failure failure);
    /// Pauses (no Map starts another item; those in flight finish) or resumes the execution.
    void setPaused(bool pause);
    /// Called by a Map (under its own mutex) before it starts items: true when paused, and the Map is
    /// then remembered and pumped again on resume.
    bool holdWhilePaused(const std::shared_ptr<MapRun> &map);
    void publishProgress(bool final);
    void flushJournal();
    void scheduleProgress();
};

/// What a finished item (or branch) hands to whoever started it.
using ItemDone = std::function<void(ItemRun &run, Result<Json, Failure> outcome)>;

struct ItemRun : std::enable_shared_from_this<ItemRun>
{
    std::shared_ptr<ExecutionState> exec;
    ItemId id;
    ItemId parent;
    qint64 index = -1;
    const State *mapState = nullptr;     // the Map this item belongs to
    bool isBranch = false;               // a Parallel branch: part of its parent item, not an item
    bool dlqOnFailure = true;            // false for a replayed item: its DLQ entry records the new failure
    std::shared_ptr<MapRun> map;         // the Map run this item belongs to (told when it ends)
    std::shared_ptr<AbortScope> scope;   // aborted when the execution, its Map or its Parallel stops
    int worker = 0;

    const StateMachine *machine = nullptr;
    const State *state = nullptr;
    Json input;                          // raw input of the current state
    ItemStatus status = ItemStatus::Pending;

    // the current state's attempt bookkeeping
    std::vector<int> retryCounts;        // per Retrier
    int attempt = 1;
    qint64 enteredMs = 0;                // ms since epoch when the state was entered
    qint64 firstFailureMs = 0;           // the first failure in the current state (for the DLQ)
    quint64 generation = 0;              // bumps when the state is left, so late callbacks are ignored
    quint64 heartbeats = 0;              // bumps with each heartbeat of the task that is out
    std::unordered_map<const State *, int> invocations;   // task invocations per state (mock ranges)

    // task state, while a task is out
    bool inInvoke = false;
    bool syncDone = false;
    std::optional<Result<Json, Failure>> syncResult;

    Json context;                        // lazily built $$ for the current state
    bool contextValid = false;
    bool waiting = false;                // in a Wait state; input already holds the output

    ItemDone onDone;

    /// Set on a resumed item that sits in a Map state: what its Map's items had done (by slot).
    std::shared_ptr<const std::map<qint64, ResumedSlot>> resumedSlots;

    bool aborted() const { return scope->isAborted(); }
};

/// Interprets items. Stateless: every function runs on the item's worker.
namespace interpreter {
void start(const std::shared_ptr<ItemRun> &run);     ///< post the item to its worker
void run(const std::shared_ptr<ItemRun> &run);       ///< advance the item until it suspends or ends
void resumeWith(const std::shared_ptr<ItemRun> &run, quint64 generation, Result<Json, Failure> outcome);
const Json &contextOf(ItemRun &run);
void enterState(ItemRun &run, const State *state);   ///< resets per-state bookkeeping, counts the entry
void setStatus(ItemRun &run, ItemStatus status, const Failure *failure = nullptr);
/// Queues a record for the journal (no-op without one); fills in execution, item and time.
void journal(ItemRun &run, JournalRecord record);
/// A record's payload: `value` itself where the journal encodes it at once (journal() before `value`
/// changes), else a copy.
std::shared_ptr<const Json> journalPayload(const ItemRun &run, const Json &value);
} // namespace interpreter

} // namespace sluice
