#pragma once

#include "Json.h"
#include "definition/Workflow.h"
#include "engine/Execution.h"
#include "engine/ExecutionOptions.h"

#include <QObject>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace sluice {

class Runtime;
struct ExecutionState;

/// Where and how to restart one item of a journaled execution: a DLQ replay (the item starts again at the
/// state it failed in), or a redrive of the execution's root item from a Map whose items are all done.
struct ItemRestart
{
    qint64 item = 0;
    qint64 parent = 0;
    qint64 index = -1;
    std::string mapState;                ///< the Map the item belongs to (empty for the root item)
    std::string state;                   ///< the state to start in; any state machine of the workflow
    Json input;                          ///< that state's raw input
    std::optional<Json> stateResult;     ///< the state's result is known (a redriven Map): apply
                                         ///< ResultSelector/ResultPath/OutputPath to it and go on
    bool finishesExecution = false;      ///< the root item: its end is the execution's end (journaled)
};

/// Where a journaled execution stood when its process stopped: what Engine::resume() continues from.
struct ResumePoint
{
    struct Child   ///< a Map item that had already finished
    {
        qint64 index = -1;
        bool succeeded = true;
        Json output;
        std::string outputText;   ///< or the output as JSON text: parsed only when the Map completes
        std::string error;
        std::string cause;
    };
    struct Item    ///< an item that had not finished: it continues at `state` with `input`
    {
        qint64 item = 0;
        qint64 parent = 0;
        qint64 index = -1;
        std::string mapState;
        std::string state;
        Json input;
        std::map<std::string, Json> enteredInputs;   ///< root item: each state's input at its last entry
        std::vector<Child> finishedChildren;   ///< when it is in a Map state
    };
    Json executionInput;
    std::string executionInputText;  ///< or as JSON text: parsed only if the execution needs it again
    qint64 startedMs = 0;
    qint64 maxItem = 0;              ///< new items get ids above it
    std::vector<Item> items;         ///< by item id; the root item (0) among them
};

/// Runs workflows. start() returns at once; the work happens on the engine's worker threads
/// (one per core by default), never on the caller's thread. Items flow between states as parsed
/// JSON values; a Map's iterations are dispatched in chunks so that no QObject or signal exists per item.
/// The Engine object itself lives on the thread that made it; it must outlive its executions' callbacks
/// (its destructor cancels every running execution and stops the workers).
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(int workers = 0, QObject *parent = nullptr);
    ~Engine() override;

    Execution start(std::shared_ptr<const Workflow> workflow, Json input, ExecutionOptions options = {});

    /// Runs one item again inside an existing execution (options.executionId names it). The returned
    /// execution ends when the item does; its result is the item's. Error UnknownState when the state is
    /// not in `workflow` (a newer version that dropped it).
    Result<Execution> restart(std::shared_ptr<const Workflow> workflow, ItemRestart item, ExecutionOptions options);

    /// Continues a journaled execution that was left running (options.executionId names it): the root item
    /// from its last committed state; in a Map, finished items keep their results, unfinished ones continue
    /// from their last committed state and the rest start as usual. Delivery is at least once: a task that
    /// started without a recorded result runs again.
    Result<Execution> resume(std::shared_ptr<const Workflow> workflow, ResumePoint point, ExecutionOptions options);

    int workerCount() const;

Q_SIGNALS:
    /// Emitted from a worker thread (so queued to receivers elsewhere) when an execution ends.
    void executionFinished(const sluice::ExecutionResult &result);
    /// Emitted from a worker thread with each coalesced progress snapshot.
    void progress(const sluice::ProgressSnapshot &snapshot);

private:
    std::shared_ptr<ExecutionState> prepare(std::shared_ptr<const Workflow> workflow, ExecutionOptions options);

    std::unique_ptr<Runtime> m_runtime;
    struct Registry;
    std::unique_ptr<Registry> m_registry;
};

} // namespace sluice
