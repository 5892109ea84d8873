#pragma once

#include "Result.h"
#include "store/Journal.h"
#include "store/WriteBackend_p.h"

#include <QThread>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

namespace sluice {

class StoreConnection;

/// The journal's writer thread: takes everything queued since its last commit, aggregates it per item and
/// writes it in one transaction on its own connection. A failed commit is rolled back and retried with the
/// same records until it succeeds (nothing queued is dropped). Created by Journal on the caller's thread;
/// run() lives on the thread it starts.
class JournalWriter final : public QThread
{
public:
    JournalWriter(QString location, Journal::Backend backend);
    ~JournalWriter() override;   ///< stop()s

    /// Starts the thread and waits until its connection is open.
    Result<void> startWriting();
    /// Commits what is queued, then ends the thread.
    void stop();

    void enqueue(std::vector<JournalRecord> records);
    void enqueue(WriteBatch::Workflow workflow);
    /// Waits until everything enqueued before the call is committed.
    bool waitCommitted(int timeoutMs);

    const QString &location() const { return m_location; }
    Journal::Backend backend() const { return m_backend; }
    Journal::Stats stats() const;
    std::optional<Error> lastError() const;

protected:
    void run() override;

private:
    using Block = std::variant<std::vector<JournalRecord>, WriteBatch::Workflow>;
    struct Key
    {
        qint64 exec;
        qint64 item;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        size_t operator()(const Key &key) const noexcept
        {
            return std::hash<qint64>()(key.exec * 1000003 ^ key.item);
        }
    };

    Result<void> writeBlocks(WriteBackend &backend, const std::deque<Block> &blocks);
    /// `payloadText`: the record's payload already serialized (then its `payload` is not read).
    Result<void> apply(WriteBackend &backend, const JournalRecord &record, WriteBatch &batch,
                       std::unordered_map<Key, size_t, KeyHash> &index, const std::string *payloadText = nullptr);
    /// The batch's slot for the item, created (from the writer's cache or the store) when it has none yet.
    Result<size_t> slotFor(WriteBackend &backend, const ExecutionRef &ref, qint64 itemId, bool startsHere,
                           WriteBatch &batch, std::unordered_map<Key, size_t, KeyHash> &index);
    Result<ExecutionRef> execution(WriteBackend &backend, const QString &id);
    void takeTrash(std::vector<Block> &out, int count);   // m_mutex held

    const QString m_location;
    const Journal::Backend m_backend;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;        // the writer waits for work
    std::condition_variable m_committed;   // flush() waits for commits
    std::deque<Block> m_queue;             // guarded by m_mutex
    qint64 m_queuedUnits = 0;              // guarded by m_mutex
    qint64 m_enqueued = 0;                 // guarded by m_mutex
    qint64 m_done = 0;                     // guarded by m_mutex
    bool m_stopping = false;               // guarded by m_mutex
    bool m_started = false;                // guarded by m_mutex
    std::optional<Result<void>> m_opened;  // guarded by m_mutex
    std::optional<Error> m_lastError;      // guarded by m_mutex
    Journal::Stats m_stats;                // guarded by m_mutex
    std::deque<Block> m_trash;             // guarded by m_mutex; committed blocks, freed by enqueue()

    // Writer-thread state: cleared after a failed commit, so a retry re-reads it from the store.
    std::unordered_map<std::string, ExecutionRef> m_executions;
    std::unordered_map<Key, ItemState, KeyHash> m_items;
    QString m_lastExecutionId;
    std::optional<ExecutionRef> m_lastExecution;
    std::optional<Key> m_lastKey;
    size_t m_lastSlot = 0;
};

} // namespace sluice
