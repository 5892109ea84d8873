#pragma once

#include "Json.h"
#include "engine/ItemStatus.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace sluice {

/// Records already encoded by a JournalSink::Encoder on the thread that reported them. Opaque to the
/// engine, which only hands it on.
class EncodedRecords
{
public:
    virtual ~EncodedRecords() = default;
    virtual qint64 recordCount() const = 0;   ///< how many records went in
};

/// One fact the engine reports about a run, in the order it happened for that item. Plain value.
struct JournalRecord
{
    enum class Type : quint8 {
        ExecutionStarted,    ///< executionName, workflowVersion, executionOptions, payload = execution input
        ExecutionFinished,   ///< executionStatus; payload = output, or error/cause; or outputInRootItem
        ItemStarted,         ///< item, parent, mapState, index, businessKey, state (first state), payload = input
        StateEntered,        ///< state, payload = the state's raw input (what a resume or replay restarts with)
        StateExited,         ///< state, payload = the state's output
        TaskScheduled,       ///< state, attempt, payload = the task's effective input (parameters)
        TaskSucceeded,       ///< state, attempt, payload = the task's result
        TaskFailed,          ///< state, attempt, error, cause
        TaskRetryScheduled,  ///< state, attempt (the next one), delayMs
        ItemFinished,        ///< status Succeeded/Failed/Cancelled; payload = output; when failed for good:
                             ///< dlq = true, state = the state it failed in, dlqInput = that state's raw input
        Encoded,             ///< executionId; `encoded` holds records of that execution (JournalSink::Encoder)
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
    /// ExecutionStarted: the Sluice-side settings of the run as a JSON object text ({"baseDir": ...}), or empty.
    std::string executionOptions;
    std::string businessKey;       ///< ItemStarted, when the Map names one
    /// ExecutionFinished, succeeded: the output is the one the root item's ItemFinished carried just
    /// before (item 0's output), so the journal keeps it once, there, instead of a second copy.
    bool outputInRootItem = false;

    // ItemFinished, failed for good
    bool dlq = false;
    std::shared_ptr<const Json> dlqInput;
    qint64 firstFailureMs = 0;

    std::shared_ptr<const EncodedRecords> encoded;   ///< Encoded
};

/// Where the engine writes what happens. Implementations (core/store) group records into transactions
/// on their own thread; append() never blocks on I/O. Thread-safe: called from every engine worker.
class JournalSink
{
public:
    virtual ~JournalSink() = default;
    /// Takes records in order; records of one item always arrive in the order they happened.
    virtual void append(std::vector<JournalRecord> records) = 0;

    /// Encodes records on the thread that reports them (an engine worker), so that the sink's own thread
    /// only writes. Not thread-safe: one per worker, used under the worker's lock.
    class Encoder
    {
    public:
        virtual ~Encoder() = default;
        /// Encodes the record now. Its payloads are read during the call only, so they may point at the
        /// caller's live values (a non-owning shared_ptr) instead of copies.
        virtual void add(const JournalRecord &record) = 0;
        /// Records added since the last take().
        virtual qint64 pending() const = 0;
        /// Everything added since the last take(), as one record of type Encoded, for append().
        virtual JournalRecord take() = 0;
    };
    /// An encoder for one worker of the execution `executionId`, or nullptr: then records are appended as
    /// they are, and their payloads must own their values.
    virtual std::unique_ptr<Encoder> encoder(const QString & /*executionId*/) { return nullptr; }
};

} // namespace sluice
