#pragma once

#include "Json.h"
#include "Result.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace sluice {

/// Everything a task resource is told about one invocation.
struct TaskCall
{
    std::string resource;           ///< as written in the definition: "sluice:http", an ARN, ...
    Json input;                     ///< the effective parameters (after InputPath and Parameters)
    std::string stateName;
    std::string stateMachineName;   ///< for mocks and $$.StateMachine.Name
    std::string executionId;
    qint64 itemId = 0;
    int attempt = 1;                ///< 1 for the first try, 2 for the first retry, ...
    int invocation = 0;             ///< 0-based count of this state's invocations for this item (mock ranges)
    std::string idempotencyKey;     ///< "<execution>/<item>/<state>/<attempt>": pass it on where possible
    double timeoutSeconds = 0;      ///< 0 = none; the engine enforces it too
    QString baseDir;                ///< ExecutionOptions::baseDir: relative paths in Parameters resolve against it
    std::shared_ptr<const std::atomic_bool> cancelled;   ///< set when the execution is cancelled or timed out
    /// Tells the engine the task is alive (HeartbeatSeconds restarts). Callable from any thread, any number
    /// of times until `done` is called; empty when the state has no HeartbeatSeconds.
    std::function<void()> heartbeat;
};

/// Called exactly once per invocation with the task's result or its Failure; may be called on any thread.
using TaskCallback = std::function<void(Result<Json, Failure>)>;

/// A task resource (the local equivalent of a Lambda function or a service integration).
/// invoke() is called on an engine worker thread and must not block it: slow work goes to the
/// resource's own thread or an event loop, and `done` is called when it ends. Implementations are
/// shared between threads and must be thread-safe.
class TaskResource
{
public:
    virtual ~TaskResource() = default;
    virtual void invoke(const TaskCall &call, TaskCallback done) = 0;
};

} // namespace sluice
