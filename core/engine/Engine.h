#pragma once

#include "Json.h"
#include "definition/Workflow.h"
#include "engine/Execution.h"
#include "engine/ExecutionOptions.h"

#include <QObject>

#include <memory>

namespace sluice {

class Runtime;

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

    int workerCount() const;

Q_SIGNALS:
    /// Emitted from a worker thread (so queued to receivers elsewhere) when an execution ends.
    void executionFinished(const sluice::ExecutionResult &result);
    /// Emitted from a worker thread with each coalesced progress snapshot.
    void progress(const sluice::ProgressSnapshot &snapshot);

private:
    std::unique_ptr<Runtime> m_runtime;
    struct Registry;
    std::unique_ptr<Registry> m_registry;
};

} // namespace sluice
