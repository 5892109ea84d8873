#pragma once

#include "store/WriteBackend_p.h"

#include <QHash>
#include <QSqlQuery>

namespace sluice {

class StoreConnection;

/// The journal's writes on PostgreSQL through QPSQL: multi-row INSERTs (upserts) per group commit.
/// Lives on the writer thread, on the writer's connection.
class PostgresWriteBackend final : public WriteBackend
{
public:
    explicit PostgresWriteBackend(StoreConnection &connection);

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    Result<ExecutionRef> startExecution(const ExecutionStart &start) override;
    Result<ExecutionRef> findExecution(const std::string &id) override;
    Result<ItemState> itemState(qint64 exec, qint64 item) override;
    Result<void> write(const WriteBatch &batch) override;
    Result<void> reconnect() override;

private:
    /// A prepared multi-row statement for `rows` rows of `columns` values, cached per (kind, rows).
    QSqlQuery &multiRow(int kind, const QString &head, int columns, int rows, const QString &tail);
    Result<void> exec(QSqlQuery &query, const char *what);

    StoreConnection &m_connection;
    QHash<qint64, QSqlQuery> m_multiRow;
};

} // namespace sluice
