#pragma once

#include "store/WriteBackend_p.h"

#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace sluice {

class WalCheckpointer;

/// The journal's hot path on SQLite: prepared statements through the C API on the writer's own
/// connection (QSqlDriver::handle()). Lives on the writer thread. The write-ahead log is copied into the
/// database by a WalCheckpointer thread; the writer itself checkpoints only to let the log start over.
class SqliteWriteBackend final : public WriteBackend
{
public:
    SqliteWriteBackend(sqlite3 *db, QString location);
    ~SqliteWriteBackend() override;   ///< finalizes the statements (before the connection closes)

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    Result<ExecutionRef> startExecution(const ExecutionStart &start) override;
    Result<ExecutionRef> findExecution(const std::string &id) override;
    Result<ItemState> itemState(qint64 exec, qint64 item) override;
    Result<void> write(const WriteBatch &batch) override;

private:
    enum Statement {
        Begin,
        Commit,
        Rollback,
        InsertExecution,
        FindExecution,
        ItemRow,
        ItemLastSeq,
        UpsertItem,
        InsertEvents,
        InsertPayload,
        InsertDlq,
        EndExecution,
        InsertWorkflow,
        AddCount,
        StatementCount
    };
    Result<sqlite3_stmt *> statement(Statement which);
    Error failure(const char *what) const;
    Result<void> run(sqlite3_stmt *stmt, const char *what);
    static int walCommitted(void *self, sqlite3 *db, const char *name, int frames);

    std::unique_ptr<WalCheckpointer> m_checkpointer;
    int m_walFrames = 0;       ///< frames in the log after the last commit
    int m_requestedAt = 0;     ///< m_walFrames when the last background checkpoint was asked for

    sqlite3 *m_db;
    QString m_location;
    sqlite3_stmt *m_statements[StatementCount] = {};
};

} // namespace sluice
