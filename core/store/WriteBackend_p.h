#pragma once

#include "Result.h"
#include "store/EventCodec_p.h"

#include <QByteArray>

#include <optional>
#include <string>
#include <vector>

namespace sluice {

/// What one group commit writes, aggregated by the writer: one row per item and one events chunk per item.
struct WriteBatch
{
    struct Item
    {
        qint64 exec = 0;
        qint64 item = 0;
        qint64 parent = 0;
        qint64 index = -1;
        std::optional<std::string> mapState;
        std::optional<std::string> businessKey;
        std::optional<std::string> state;
        int status = 0;
        int attempts = 0;
        std::optional<std::string> error;
        std::optional<std::string> cause;
        qint64 updatedMs = 0;
        std::optional<std::string> output;
        qint64 firstSeq = 1;
        int previousStatus = -1;   ///< the status its row had before this batch (-1: no row yet)
        EventCodec events;
    };
    /// Items per (execution, status) gained or lost in this batch, kept in item_counts.
    struct CountDelta
    {
        qint64 exec = 0;
        int status = 0;
        qint64 delta = 0;
    };
    struct Dlq
    {
        qint64 exec = 0;
        qint64 item = 0;
        std::string workflow;
        std::string state;
        std::optional<std::string> input;
        std::string error;
        std::string cause;
        int attempts = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
    };
    struct ExecutionEnd
    {
        qint64 exec = 0;
        int status = 0;
        qint64 stoppedMs = 0;
        std::optional<std::string> output;
        std::optional<std::string> error;
        std::optional<std::string> cause;
    };
    struct Workflow
    {
        std::string version;
        std::string name;
        QByteArray definition;
        qint64 savedMs = 0;
    };

    std::vector<Workflow> workflows;
    std::vector<Item> items;
    std::vector<EventCodec::LargePayload> payloads;
    std::vector<Dlq> dlq;
    std::vector<ExecutionEnd> ends;
    std::vector<CountDelta> counts;
};

/// An execution row as the writer inserts it.
struct ExecutionStart
{
    std::string id;
    std::string name;
    std::string workflow;
    std::optional<std::string> input;
    qint64 startedMs = 0;
    std::optional<std::string> options;   ///< JournalRecord::executionOptions
};

/// The writer's view of an execution it writes to.
struct ExecutionRef
{
    qint64 num = 0;
    std::string workflow;
    bool createdHere = false;   ///< inserted by this writer: its items are new, no need to look them up
};

/// The journaled state of an item the writer has not seen in this session.
struct ItemState
{
    qint64 lastSeq = 0;
    int status = 0;
    int attempts = 0;
    bool exists = false;   ///< the item has a row
};

/// How the writer thread talks to one back end; lives on the writer thread. Every call is inside
/// begin()/commit() except reconnect().
class WriteBackend
{
public:
    virtual ~WriteBackend() = default;
    virtual Result<void> begin() = 0;
    virtual Result<void> commit() = 0;
    virtual void rollback() = 0;
    /// Inserts the execution unless it exists; returns its key.
    virtual Result<ExecutionRef> startExecution(const ExecutionStart &start) = 0;
    /// The execution's key, or num 0 when it is unknown.
    virtual Result<ExecutionRef> findExecution(const std::string &id) = 0;
    virtual Result<ItemState> itemState(qint64 exec, qint64 item) = 0;
    virtual Result<void> write(const WriteBatch &batch) = 0;
    /// After a failure: make the connection usable again (PostgreSQL went away).
    virtual Result<void> reconnect() { return {}; }
};

} // namespace sluice
