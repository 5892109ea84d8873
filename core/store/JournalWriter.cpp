#include "store/JournalWriter_p.h"

#include "engine/ExecutionResult.h"
#include "store/ItemDelta_p.h"
#include "store/PostgresWriteBackend_p.h"
#include "store/RecordEncoder_p.h"
#include "store/Schema_p.h"
#include "store/SqliteWriteBackend_p.h"
#include "store/StoreConnection_p.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <chrono>
#include <map>

#ifdef Q_OS_UNIX
#include <ctime>
#endif

Q_LOGGING_CATEGORY(lcJournal, "sluice.store.journal")

namespace sluice {

namespace {

/// At most this many records per transaction: bounds a commit's memory and latency.
constexpr qint64 kMaxBatchUnits = 20000;
/// append() waits (for the writer, not for I/O of its own) once this many records are queued, so a
/// producer faster than the disk cannot take all memory.
constexpr qint64 kMaxQueuedUnits = 100000;

bool isFinal(int status)
{
    const auto s = ItemStatus(status);
    return s == ItemStatus::Succeeded || s == ItemStatus::Failed || s == ItemStatus::Cancelled;
}

std::optional<std::string> nonEmpty(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    return text;
}

/// ExecutionFinished: Succeeded → SUCCEEDED, Cancelled → ABORTED, Failed → FAILED, or the ExecutionStatus
/// named in `error` (ABORTED, TIMED_OUT) when the engine puts one there.
ExecutionStatus executionStatusOf(const JournalRecord &record)
{
    switch (record.status) {
    case ItemStatus::Succeeded:
        return ExecutionStatus::Succeeded;
    case ItemStatus::Cancelled:
        return ExecutionStatus::Aborted;
    default:
        break;
    }
    for (ExecutionStatus status : {ExecutionStatus::Aborted, ExecutionStatus::TimedOut, ExecutionStatus::Failed}) {
        if (record.error == executionStatusName(status))
            return status;
    }
    return ExecutionStatus::Failed;
}

qint64 threadCpuUs()
{
#ifdef Q_OS_UNIX
    timespec now{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0)
        return qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
#endif
    return 0;
}

qint64 unitsOf(const std::vector<JournalRecord> &records)
{
    qint64 units = 0;
    for (const JournalRecord &record : records)
        units += record.encoded ? record.encoded->recordCount() : 1;
    return units;
}

qint64 unitsOf(const std::variant<std::vector<JournalRecord>, WriteBatch::Workflow> &block)
{
    if (const auto *records = std::get_if<std::vector<JournalRecord>>(&block))
        return unitsOf(*records);
    return 1;
}

} // namespace

JournalWriter::JournalWriter(QString location, Journal::Backend backend)
    : m_location(std::move(location)), m_backend(backend)
{
    setObjectName(QStringLiteral("sluice-journal-writer"));
}

JournalWriter::~JournalWriter()
{
    stop();
}

Result<void> JournalWriter::startWriting()
{
    {
        std::lock_guard lock(m_mutex);
        m_started = true;
    }
    start();
    std::unique_lock lock(m_mutex);
    m_committed.wait(lock, [this] { return m_opened.has_value(); });
    return *m_opened;
}

void JournalWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_started)
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    m_committed.notify_all();   // an append() waiting for room
    wait();
}

void JournalWriter::enqueue(std::vector<JournalRecord> records)
{
    if (records.empty())
        return;
    const qint64 units = unitsOf(records);
    std::vector<Block> trash;
    {
        std::unique_lock lock(m_mutex);
        takeTrash(trash, 4);
        if (m_queuedUnits > kMaxQueuedUnits)
            m_committed.wait(lock, [this] { return m_queuedUnits <= kMaxQueuedUnits / 2 || m_stopping; });
        m_queue.emplace_back(std::move(records));
        m_queuedUnits += units;
        m_enqueued += units;
    }
    m_wake.notify_one();
}

void JournalWriter::takeTrash(std::vector<Block> &out, int count)
{
    for (int i = 0; i < count && !m_trash.empty(); ++i) {
        out.push_back(std::move(m_trash.front()));
        m_trash.pop_front();
    }
}

void JournalWriter::enqueue(WriteBatch::Workflow workflow)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.emplace_back(std::move(workflow));
        m_queuedUnits += 1;
        m_enqueued += 1;
    }
    m_wake.notify_one();
}

bool JournalWriter::waitCommitted(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    const qint64 target = m_enqueued;
    return m_committed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this, target] {
        return m_done >= target || (m_opened && !m_opened->ok());
    }) && m_done >= target;
}

Journal::Stats JournalWriter::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::optional<Error> JournalWriter::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

void JournalWriter::run()
{
    std::unique_ptr<StoreConnection> connection;
    std::unique_ptr<WriteBackend> backend;
    Result<void> opened;
    if (auto open = StoreConnection::open(m_location, "writer"); !open) {
        opened = open.error();
    } else {
        connection = std::move(*open);
        opened = Schema::configure(*connection);
        if (opened) {
            if (connection->isSqlite() && !connection->sqliteHandle())
                opened = Error{ErrorCode::IoError, QStringLiteral("store %1: the SQLite driver gives no native "
                                                                  "handle").arg(m_location), {}};
            else if (connection->isSqlite())
                backend = std::make_unique<SqliteWriteBackend>(connection->sqliteHandle(), m_location);
            else
                backend = std::make_unique<PostgresWriteBackend>(*connection);
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_opened = opened;
    }
    m_committed.notify_all();
    if (!opened)
        return;

    for (;;) {
        std::deque<Block> blocks;
        qint64 units = 0;
        {
            std::unique_lock lock(m_mutex);
            if (m_queue.empty() && !m_trash.empty()) {
                // Idle: free what the appending threads have not taken.
                std::deque<Block> trash;
                trash.swap(m_trash);
                lock.unlock();
                trash.clear();
                lock.lock();
            }
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty())
                break;
            while (!m_queue.empty() && units < kMaxBatchUnits) {
                units += unitsOf(m_queue.front());
                blocks.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            m_queuedUnits -= units;
        }
        m_committed.notify_all();   // append() may wait for room

        for (int failures = 0;; ++failures) {
            auto written = writeBlocks(*backend, blocks);
            if (written) {
                std::lock_guard lock(m_mutex);
                m_done += units;
                ++m_stats.transactions;
                m_stats.records += units;
                m_stats.writerCpuUs = threadCpuUs();
                m_lastError.reset();
                break;
            }
            backend->rollback();
            m_lastExecution.reset();
            m_executions.clear();
            m_items.clear();
            bool stopping = false;
            {
                std::lock_guard lock(m_mutex);
                m_lastError = written.error();
                ++m_stats.failedCommits;
                stopping = m_stopping;
            }
            qCWarning(lcJournal).noquote() << "commit failed, retrying:" << written.error().message;
            if (stopping && failures >= 20) {
                qCCritical(lcJournal) << "giving up on" << units << "journal records at shutdown";
                std::lock_guard lock(m_mutex);
                m_done += units;   // lets flush() and the destructor return; the records are lost
                break;
            }
            QThread::msleep(std::min(2000, 50 << std::min(failures, 6)));
            if (auto reconnected = backend->reconnect(); !reconnected)
                qCWarning(lcJournal).noquote() << reconnected.error().message;
        }
        {
            // Freed by the threads that append (a few blocks per append), where the memory came from.
            std::lock_guard lock(m_mutex);
            for (Block &block : blocks)
                m_trash.push_back(std::move(block));
        }
        m_committed.notify_all();
    }
    {
        std::lock_guard lock(m_mutex);
        m_trash.clear();
    }
    backend.reset();   // finalizes statements before the connection closes
    connection.reset();
}

Result<ExecutionRef> JournalWriter::execution(WriteBackend &backend, const QString &qid)
{
    if (m_lastExecution && qid == m_lastExecutionId)
        return *m_lastExecution;
    const std::string id = qid.toStdString();
    if (auto it = m_executions.find(id); it != m_executions.end()) {
        m_lastExecutionId = qid;
        m_lastExecution = it->second;
        return it->second;
    }
    auto found = backend.findExecution(id);
    if (!found)
        return found;
    if (found->num == 0) {
        // Records of an execution whose start was never journaled: keep them under a placeholder row.
        found = backend.startExecution({id, id, std::string(), std::nullopt, QDateTime::currentMSecsSinceEpoch(),
                                         std::nullopt});
        if (!found)
            return found;
    }
    m_executions.emplace(id, *found);
    m_lastExecutionId = qid;
    m_lastExecution = *found;
    return found;
}

Result<void> JournalWriter::apply(WriteBackend &backend, const JournalRecord &record, WriteBatch &batch,
                                  std::unordered_map<Key, size_t, KeyHash> &index, const std::string *payloadText)
{
    using Type = JournalRecord::Type;
    const qint64 time = record.timeMs ? record.timeMs : QDateTime::currentMSecsSinceEpoch();

    if (record.type == Type::ExecutionStarted) {
        const std::string id = record.executionId.toStdString();
        ExecutionStart start{id, record.executionName, record.workflowVersion, std::nullopt, time,
                             nonEmpty(record.executionOptions)};
        if (payloadText)
            start.input = *payloadText;
        else if (record.payload)
            start.input = record.payload->dump();
        auto ref = backend.startExecution(start);
        if (!ref)
            return ref.error();
        m_executions[id] = *ref;
        m_lastExecution.reset();
        return {};
    }
    if (record.type == Type::Encoded) {
        const auto *encoded = dynamic_cast<const EncodedBatch *>(record.encoded.get());
        if (!encoded)
            return {};
        for (const EncodedBatch::Other &other : encoded->others) {
            if (auto applied = apply(backend, other.record, batch, index, other.payloadText ? &*other.payloadText : nullptr);
                !applied)
                return applied;
        }
        if (encoded->items.empty())
            return {};
        auto ref = execution(backend, record.executionId);   // after the others: one may start the execution
        if (!ref)
            return ref.error();
        batch.payloads.insert(batch.payloads.end(), encoded->payloads.begin(), encoded->payloads.end());
        for (const EncodedBatch::Item &chunk : encoded->items) {
            auto position = slotFor(backend, *ref, chunk.item, chunk.delta.started && !chunk.delta.restarted, batch,
                                    index);
            if (!position)
                return position.error();
            WriteBatch::Item &item = batch.items[*position];
            item.events.appendChunk(chunk.events, chunk.count);
            chunk.delta.applyTo(item, ref->num, ref->workflow, batch.dlq);
        }
        m_lastKey.reset();
        return {};
    }

    auto ref = execution(backend, record.executionId);
    if (!ref)
        return ref.error();
    if (record.type == Type::ExecutionFinished) {
        WriteBatch::ExecutionEnd end{ref->num, int(executionStatusOf(record)), time, std::nullopt,
                                     nonEmpty(record.error), nonEmpty(record.cause)};
        // With outputInRootItem the output is kept once, as item 0's (JournalReader::execution reads it there).
        if (record.status == ItemStatus::Succeeded && !record.outputInRootItem) {
            if (payloadText)
                end.output = *payloadText;
            else if (record.payload)
                end.output = record.payload->dump();
        }
        batch.ends.push_back(std::move(end));
        return {};
    }

    // A replay starts an item the store already has (failed): its row and counts move from there.
    const bool startsHere = record.type == Type::ItemStarted && record.status != ItemStatus::Replaying;
    auto position = slotFor(backend, *ref, record.item, startsHere, batch, index);
    if (!position)
        return position.error();
    WriteBatch::Item &item = batch.items[*position];
    ItemDelta delta;
    delta.add(record, time, item.events, batch.payloads);
    delta.applyTo(item, ref->num, ref->workflow, batch.dlq);
    return {};
}

Result<size_t> JournalWriter::slotFor(WriteBackend &backend, const ExecutionRef &ref, qint64 itemId, bool startsHere,
                                      WriteBatch &batch, std::unordered_map<Key, size_t, KeyHash> &index)
{
    const Key key{ref.num, itemId};
    size_t position;
    if (m_lastKey && *m_lastKey == key && m_lastSlot < batch.items.size()) {
        position = m_lastSlot;   // records of one item mostly come together
    } else if (auto slot = index.find(key); slot != index.end()) {
        position = slot->second;
    } else {
        ItemState state;
        if (auto cached = m_items.find(key); cached != m_items.end()) {
            state = cached->second;
        } else if (!(startsHere && ref.createdHere)) {
            auto stored = backend.itemState(ref.num, itemId);
            if (!stored)
                return stored.error();
            state = *stored;
        }
        WriteBatch::Item &item = batch.items.emplace_back();
        item.previousStatus = state.exists ? state.status : -1;
        item.exec = ref.num;
        item.item = itemId;
        item.status = state.status;
        item.attempts = state.attempts;
        item.firstSeq = state.lastSeq + 1;
        position = batch.items.size() - 1;
        index.emplace(key, position);
    }
    m_lastKey = key;
    m_lastSlot = position;
    return position;
}

Result<void> JournalWriter::writeBlocks(WriteBackend &backend, const std::deque<Block> &blocks)
{
    if (auto begun = backend.begin(); !begun)
        return begun;
    WriteBatch batch;
    std::unordered_map<Key, size_t, KeyHash> index;
    m_lastKey.reset();
    qint64 units = 0;
    for (const Block &block : blocks)
        units += unitsOf(block);
    batch.items.reserve(size_t(units / 4 + 16));
    index.reserve(size_t(units / 4 + 16));
    for (const Block &block : blocks) {
        if (const auto *workflow = std::get_if<WriteBatch::Workflow>(&block)) {
            batch.workflows.push_back(*workflow);
            continue;
        }
        for (const JournalRecord &record : std::get<std::vector<JournalRecord>>(block)) {
            if (auto applied = apply(backend, record, batch, index); !applied)
                return applied;
        }
    }
    // Item counts per status move with the items: one small upsert per (execution, status) and batch.
    std::map<std::pair<qint64, int>, qint64> deltas;
    for (const WriteBatch::Item &item : batch.items) {
        if (item.previousStatus == item.status)
            continue;
        if (item.previousStatus >= 0)
            --deltas[{item.exec, item.previousStatus}];
        ++deltas[{item.exec, item.status}];
    }
    for (const auto &[key, delta] : deltas) {
        if (delta != 0)
            batch.counts.push_back({key.first, key.second, delta});
    }
    if (auto written = backend.write(batch); !written)
        return written;
    if (auto committed = backend.commit(); !committed)
        return committed;

    // Remember where open items stand; a finished item is looked up again should it ever continue (replay).
    for (const WriteBatch::Item &item : batch.items) {
        const Key key{item.exec, item.item};
        if (isFinal(item.status))
            m_items.erase(key);
        else
            m_items[key] = ItemState{item.firstSeq + item.events.count() - 1, item.status, item.attempts, true};
    }
    return {};
}

} // namespace sluice
