#pragma once

#include "Json.h"
#include "engine/ItemStatus.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace sluice {

/// One fact the engine reports about a run, in the order it happened for that item. Plain value.
struct JournalRecord
{
    enum class Type : quint8 {
        ExecutionStarted,    ///< executionName, workflowVersion, payload = execution input
        ExecutionFinished,   ///< executionStatus; payload = output, or error/cause
        ItemStarted,         ///< item, parent, mapState, index, businessKey, state (first state), payload = input
        StateEntered,        ///< state, payload = the state's raw input (what a resume or replay restarts with)
        StateExited,         ///< state, payload = the state's output
        TaskScheduled,       ///< state, attempt, payload = the task's effective input (parameters)
        TaskSucceeded,       ///< state, attempt, payload = the task's result
        TaskFailed,          ///< state, attempt, error, cause
        TaskRetryScheduled,  ///< state, attempt (the next one), delayMs
        ItemFinished,        ///< status Succeeded/Failed/Cancelled; payload = output; when failed for good:
                             ///< dlq = true, state = the state it failed in, dlqInput = that state's raw input
    };

    Type type = Type::StateEntered;
    QString executionId;
    qint64 item = 0;
    qint64 parent = 0;
    qint64 index = -1;
    std::string mapState;
    std::string state;
    ItemStatus status = ItemStatus::Running;
    int attempt = 0;
    qint64 timeMs = 0;
    qint64 delayMs = 0;
    std::shared_ptr<const Json> payload;
    std::string error;
    std::string cause;

    // ExecutionStarted / ExecutionFinished
    std::string executionName;
    std::string executionStatus;   ///< ExecutionFinished: RUNNING, SUCCEEDED, FAILED, ABORTED, TIMED_OUT
    std::string workflowVersion;   ///< content hash of the definition (see Journal::saveWorkflow)
    std::string businessKey;       ///< ItemStarted, when the Map names one

    // ItemFinished, failed for good
    bool dlq = false;
    std::shared_ptr<const Json> dlqInput;
    qint64 firstFailureMs = 0;
};

/// Where the engine writes what happens. Implementations (core/store) group records into transactions
/// on their own thread; append() never blocks on I/O. Thread-safe: called from every engine worker.
class JournalSink
{
public:
    virtual ~JournalSink() = default;
    /// Takes records in order; records of one item always arrive in the order they happened.
    virtual void append(std::vector<JournalRecord> records) = 0;
};

} // namespace sluice
