#pragma once

#include "engine/ExecutionResult.h"

#include <QString>

#include <memory>

namespace sluice {

struct ExecutionState;

/// A handle to a running or finished execution. Thread-safe; cheap to copy (shared).
class Execution
{
public:
    explicit Execution(std::shared_ptr<ExecutionState> state);

    QString id() const;
    bool isFinished() const;
    /// The result once finished (status Running before).
    ExecutionResult result() const;
    /// Asks the execution to stop: no item starts another state, pending waits and tasks are dropped,
    /// the execution ends ABORTED. Returns at once.
    void cancel() const;
    /// Pauses the execution: no Map starts another item, items already in flight finish (and their
    /// results count). setPaused(false) continues. Returns at once.
    void setPaused(bool pause) const;
    bool isPaused() const;
    /// Blocks the calling thread until the execution ends or `timeoutMs` passes (-1 = forever).
    /// For the CLI, benchmarks and tests; never call it on the GUI thread.
    bool waitForFinished(int timeoutMs = -1) const;

private:
    std::shared_ptr<ExecutionState> m_state;
};

} // namespace sluice
