#pragma once

#include "Result.h"
#include "store/Journal.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <memory>

struct sqlite3;

namespace sluice {

/// Prepares `sql` on `query` (forward only), binds `values` in order and runs it; false on any failure
/// (query.lastError() says why). The readers' one way of running a parameterised statement.
bool runPrepared(QSqlQuery &query, const QString &sql, const QVariantList &values);

/// One named QSqlDatabase connection to a store (SQLite file or PostgreSQL URL), removed when destroyed.
/// Belongs to the thread that opened it.
class StoreConnection
{
public:
    /// Connects; for SQLite also refuses read-only and corrupt files. `purpose` goes into the unique name.
    static Result<std::unique_ptr<StoreConnection>> open(const QString &location, const char *purpose);
    ~StoreConnection();

    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;

    QSqlDatabase &db() { return m_db; }
    Journal::Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Journal::Backend::Sqlite; }
    const QString &location() const { return m_location; }

    /// The native handle of a SQLite connection (nullptr for PostgreSQL).
    sqlite3 *sqliteHandle() const;

    /// Runs one statement; the error names `what`.
    Result<void> exec(const QString &sql, const char *what);
    /// Turns a failed Qt Sql call into an Error naming the store and `what`.
    Error error(const QSqlError &sqlError, const char *what) const;

private:
    StoreConnection() = default;

    QSqlDatabase m_db;
    QString m_name;
    QString m_location;
    Journal::Backend m_backend = Journal::Backend::Sqlite;
};

/// True for "postgresql://…" and "postgres://…".
bool isPostgresLocation(const QString &location);

} // namespace sluice
