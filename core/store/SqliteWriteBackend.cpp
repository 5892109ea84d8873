#include "store/SqliteWriteBackend_p.h"

#include "store/WalCheckpointer_p.h"

#include <sqlite3.h>

#include <algorithm>

namespace sluice {

namespace {

const char *const kSql[] = {
    "BEGIN IMMEDIATE",   // take the write lock up front: a read-then-write transaction could fail to upgrade
    "COMMIT",
    "ROLLBACK",
    "INSERT INTO executions(id, name, workflow, input, status, started_ms, options) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)"
    " ON CONFLICT(id) DO NOTHING",
    "SELECT num, workflow FROM executions WHERE id = ?1",
    "SELECT status, attempts, chunk_n FROM items WHERE exec = ?1 AND item = ?2",
    "SELECT max(seq + n - 1) FROM events WHERE exec = ?1 AND item = ?2",
    "INSERT INTO items(exec, item, parent, map_state, idx, bkey, state, status, attempts, error, cause, updated_ms,"
    " output, chunk_n, chunk) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    " ON CONFLICT(exec, item) DO UPDATE SET state = coalesce(excluded.state, state), status = excluded.status,"
    " attempts = excluded.attempts, error = coalesce(excluded.error, error), cause = coalesce(excluded.cause, cause),"
    " updated_ms = excluded.updated_ms, output = coalesce(excluded.output, output)",
    "INSERT INTO events(exec, item, seq, n, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO payloads(hash, body) VALUES (?1, ?2) ON CONFLICT(hash) DO NOTHING",
    "INSERT INTO dlq(exec, item, workflow, state, input, error, cause, attempts, first_ms, last_ms, status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0)",
    "UPDATE executions SET status = ?2, stopped_ms = ?3, output = ?4, error = ?5, cause = ?6 WHERE num = ?1",
    "INSERT INTO workflows(version, name, definition, saved_ms) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT(version) DO NOTHING",
    "INSERT INTO item_counts(exec, status, n) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(exec, status) DO UPDATE SET n = n + excluded.n",
};
static_assert(std::size(kSql) == 14);

/// The writer asks the checkpointer for a pass each time the log has grown by this many frames (16 MB of
/// 8 KB pages, as often as `PRAGMA wal_autocheckpoint` did on the writer before).
constexpr int kCheckpointFrames = 2000;
/// Past this many frames the writer checkpoints itself after a commit, copying only what the background
/// passes have not: a log that a concurrent writer keeps appending to is never all copied, so it would
/// never start over and would grow with the run.
constexpr int kRestartFrames = 16000;

void bindText(sqlite3_stmt *stmt, int index, std::string_view text)
{
    sqlite3_bind_text(stmt, index, text.data(), int(text.size()), SQLITE_STATIC);
}

void bindText(sqlite3_stmt *stmt, int index, const std::optional<std::string> &text)
{
    if (text)
        bindText(stmt, index, std::string_view(*text));
    else
        sqlite3_bind_null(stmt, index);
}

void bindBlob(sqlite3_stmt *stmt, int index, std::string_view bytes)
{
    sqlite3_bind_blob(stmt, index, bytes.data(), int(bytes.size()), SQLITE_STATIC);
}

} // namespace

SqliteWriteBackend::SqliteWriteBackend(sqlite3 *db, QString location) : m_db(db), m_location(std::move(location))
{
    m_checkpointer = std::make_unique<WalCheckpointer>(m_location);
    if (m_checkpointer->startCheckpointing())
        sqlite3_wal_hook(m_db, &SqliteWriteBackend::walCommitted, this);   // replaces the automatic checkpoint
    else
        m_checkpointer.reset();   // the connection keeps checkpointing itself (PRAGMA wal_autocheckpoint)
}

SqliteWriteBackend::~SqliteWriteBackend()
{
    if (m_checkpointer) {
        sqlite3_wal_hook(m_db, nullptr, nullptr);
        m_checkpointer.reset();
    }
    for (sqlite3_stmt *stmt : m_statements)
        sqlite3_finalize(stmt);
}

Error SqliteWriteBackend::failure(const char *what) const
{
    const int code = sqlite3_errcode(m_db);
    QString message = QStringLiteral("store %1: %2 failed: %3").arg(m_location, QLatin1String(what),
                                                                    QString::fromUtf8(sqlite3_errmsg(m_db)));
    if (code == SQLITE_READONLY)
        message = QStringLiteral("the store %1 is read-only: %2").arg(m_location, message);
    return Error{ErrorCode::IoError, message, {}};
}

Result<sqlite3_stmt *> SqliteWriteBackend::statement(Statement which)
{
    sqlite3_stmt *&stmt = m_statements[which];
    if (!stmt) {
        if (sqlite3_prepare_v3(m_db, kSql[which], -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
            return failure("preparing a statement");
    }
    return stmt;
}

Result<void> SqliteWriteBackend::run(sqlite3_stmt *stmt, const char *what)
{
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return failure(what);
    return {};
}

Result<void> SqliteWriteBackend::begin()
{
    auto stmt = statement(Begin);
    return stmt ? run(*stmt, "BEGIN") : Result<void>(stmt.error());
}

int SqliteWriteBackend::walCommitted(void *self, sqlite3 *, const char *, int frames)
{
    static_cast<SqliteWriteBackend *>(self)->m_walFrames = frames;
    return SQLITE_OK;
}

Result<void> SqliteWriteBackend::commit()
{
    auto stmt = statement(Commit);
    if (!stmt)
        return stmt.error();
    if (auto done = run(*stmt, "COMMIT"); !done)
        return done;
    if (!m_checkpointer)
        return {};
    if (m_walFrames < m_requestedAt)
        m_requestedAt = 0;   // the log started over
    if (m_walFrames >= kRestartFrames) {
        // Busy (a background pass is running) or not all copied (a reader needs older pages): next commit.
        (void)sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        m_requestedAt = 0;
    } else if (m_walFrames - m_requestedAt >= kCheckpointFrames) {
        m_checkpointer->request();
        m_requestedAt = m_walFrames;
    }
    return {};
}

void SqliteWriteBackend::rollback()
{
    if (!sqlite3_get_autocommit(m_db)) {
        if (auto stmt = statement(Rollback))
            (void)run(*stmt, "ROLLBACK");
    }
}

Result<ExecutionRef> SqliteWriteBackend::startExecution(const ExecutionStart &start)
{
    auto stmt = statement(InsertExecution);
    if (!stmt)
        return stmt.error();
    bindText(*stmt, 1, std::string_view(start.id));
    bindText(*stmt, 2, std::string_view(start.name));
    bindText(*stmt, 3, std::string_view(start.workflow));
    bindText(*stmt, 4, start.input);
    sqlite3_bind_int64(*stmt, 5, start.startedMs);
    bindText(*stmt, 6, start.options);
    const int rc = sqlite3_step(*stmt);
    const bool created = rc == SQLITE_DONE && sqlite3_changes(m_db) > 0;
    sqlite3_reset(*stmt);
    sqlite3_clear_bindings(*stmt);
    if (rc != SQLITE_DONE)
        return failure("inserting an execution");
    auto found = findExecution(start.id);
    if (found)
        found->createdHere = created;
    return found;
}

Result<ExecutionRef> SqliteWriteBackend::findExecution(const std::string &id)
{
    auto stmt = statement(FindExecution);
    if (!stmt)
        return stmt.error();
    bindText(*stmt, 1, std::string_view(id));
    ExecutionRef ref;
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_ROW) {
        ref.num = sqlite3_column_int64(*stmt, 0);
        ref.workflow = reinterpret_cast<const char *>(sqlite3_column_text(*stmt, 1));
    }
    sqlite3_reset(*stmt);
    sqlite3_clear_bindings(*stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return failure("finding an execution");
    return ref;
}

Result<ItemState> SqliteWriteBackend::itemState(qint64 exec, qint64 item)
{
    ItemState state;
    for (Statement which : {ItemRow, ItemLastSeq}) {
        auto stmt = statement(which);
        if (!stmt)
            return stmt.error();
        sqlite3_bind_int64(*stmt, 1, exec);
        sqlite3_bind_int64(*stmt, 2, item);
        const int rc = sqlite3_step(*stmt);
        if (rc == SQLITE_ROW) {
            if (which == ItemRow) {
                state.status = sqlite3_column_int(*stmt, 0);
                state.attempts = sqlite3_column_int(*stmt, 1);
                state.lastSeq = sqlite3_column_int64(*stmt, 2);
                state.exists = true;
            } else {
                state.lastSeq = std::max(state.lastSeq, sqlite3_column_int64(*stmt, 0));
            }
        }
        sqlite3_reset(*stmt);
        sqlite3_clear_bindings(*stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return failure("reading an item");
    }
    return state;
}

Result<void> SqliteWriteBackend::write(const WriteBatch &batch)
{
    if (!batch.workflows.empty()) {
        auto stmt = statement(InsertWorkflow);
        if (!stmt)
            return stmt.error();
        for (const auto &workflow : batch.workflows) {
            bindText(*stmt, 1, std::string_view(workflow.version));
            bindText(*stmt, 2, std::string_view(workflow.name));
            bindBlob(*stmt, 3, std::string_view(workflow.definition.constData(), size_t(workflow.definition.size())));
            sqlite3_bind_int64(*stmt, 4, workflow.savedMs);
            if (auto done = run(*stmt, "saving a workflow"); !done)
                return done;
        }
    }
    if (!batch.payloads.empty()) {
        auto stmt = statement(InsertPayload);
        if (!stmt)
            return stmt.error();
        for (const auto &payload : batch.payloads) {
            bindBlob(*stmt, 1, payload.hash);
            bindText(*stmt, 2, std::string_view(payload.body));
            if (auto done = run(*stmt, "storing a payload"); !done)
                return done;
        }
    }
    if (!batch.items.empty()) {
        auto upsert = statement(UpsertItem);
        if (!upsert)
            return upsert.error();
        auto events = statement(InsertEvents);
        if (!events)
            return events.error();
        for (const auto &item : batch.items) {
            sqlite3_stmt *s = *upsert;
            sqlite3_bind_int64(s, 1, item.exec);
            sqlite3_bind_int64(s, 2, item.item);
            sqlite3_bind_int64(s, 3, item.parent);
            bindText(s, 4, item.mapState);
            sqlite3_bind_int64(s, 5, item.index);
            bindText(s, 6, item.businessKey);
            bindText(s, 7, item.state);
            sqlite3_bind_int(s, 8, item.status);
            sqlite3_bind_int(s, 9, item.attempts);
            bindText(s, 10, item.error);
            bindText(s, 11, item.cause);
            sqlite3_bind_int64(s, 12, item.updatedMs);
            bindText(s, 13, item.output);
            // The first chunk of an item's events rides in its row; the row is new exactly then.
            const bool inRow = item.firstSeq == 1;
            sqlite3_bind_int(s, 14, inRow ? item.events.count() : 0);
            if (inRow)
                bindBlob(s, 15, item.events.data());
            else
                sqlite3_bind_null(s, 15);
            if (auto done = run(s, "writing an item"); !done)
                return done;
            if (inRow || item.events.count() == 0)
                continue;
            s = *events;
            sqlite3_bind_int64(s, 1, item.exec);
            sqlite3_bind_int64(s, 2, item.item);
            sqlite3_bind_int64(s, 3, item.firstSeq);
            sqlite3_bind_int(s, 4, item.events.count());
            bindBlob(s, 5, item.events.data());
            if (auto done = run(s, "writing events"); !done)
                return done;
        }
    }
    if (!batch.dlq.empty()) {
        auto stmt = statement(InsertDlq);
        if (!stmt)
            return stmt.error();
        for (const auto &entry : batch.dlq) {
            sqlite3_bind_int64(*stmt, 1, entry.exec);
            sqlite3_bind_int64(*stmt, 2, entry.item);
            bindText(*stmt, 3, std::string_view(entry.workflow));
            bindText(*stmt, 4, std::string_view(entry.state));
            bindText(*stmt, 5, entry.input);
            bindText(*stmt, 6, std::string_view(entry.error));
            bindText(*stmt, 7, std::string_view(entry.cause));
            sqlite3_bind_int(*stmt, 8, entry.attempts);
            sqlite3_bind_int64(*stmt, 9, entry.firstMs);
            sqlite3_bind_int64(*stmt, 10, entry.lastMs);
            if (auto done = run(*stmt, "writing a DLQ entry"); !done)
                return done;
        }
    }
    if (!batch.counts.empty()) {
        auto stmt = statement(AddCount);
        if (!stmt)
            return stmt.error();
        for (const auto &count : batch.counts) {
            sqlite3_bind_int64(*stmt, 1, count.exec);
            sqlite3_bind_int(*stmt, 2, count.status);
            sqlite3_bind_int64(*stmt, 3, count.delta);
            if (auto done = run(*stmt, "counting items"); !done)
                return done;
        }
    }
    if (!batch.ends.empty()) {
        auto stmt = statement(EndExecution);
        if (!stmt)
            return stmt.error();
        for (const auto &end : batch.ends) {
            sqlite3_bind_int64(*stmt, 1, end.exec);
            sqlite3_bind_int(*stmt, 2, end.status);
            sqlite3_bind_int64(*stmt, 3, end.stoppedMs);
            bindText(*stmt, 4, end.output);
            bindText(*stmt, 5, end.error);
            bindText(*stmt, 6, end.cause);
            if (auto done = run(*stmt, "finishing an execution"); !done)
                return done;
        }
    }
    return {};
}

} // namespace sluice
