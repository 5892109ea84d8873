#include "store/PostgresWriteBackend_p.h"

#include "store/StoreConnection_p.h"

#include <QSqlError>
#include <QVariant>

namespace sluice {

namespace {

constexpr int kRowsPerStatement = 200;

QVariant text(const std::string &value)
{
    return QString::fromStdString(value);
}

QVariant text(const std::optional<std::string> &value)
{
    return value ? QVariant(QString::fromStdString(*value)) : QVariant(QMetaType(QMetaType::QString));
}

QVariant bytes(const std::string &value)
{
    return QByteArray(value.data(), qsizetype(value.size()));
}

enum Kind { Items, Events, Payloads, Dlq };

} // namespace

PostgresWriteBackend::PostgresWriteBackend(StoreConnection &connection) : m_connection(connection) {}

Result<void> PostgresWriteBackend::exec(QSqlQuery &query, const char *what)
{
    if (!query.exec())
        return m_connection.error(query.lastError(), what);
    return {};
}

Result<void> PostgresWriteBackend::begin()
{
    if (!m_connection.db().transaction())
        return m_connection.error(m_connection.db().lastError(), "BEGIN");
    return {};
}

Result<void> PostgresWriteBackend::commit()
{
    if (!m_connection.db().commit())
        return m_connection.error(m_connection.db().lastError(), "COMMIT");
    return {};
}

void PostgresWriteBackend::rollback()
{
    m_connection.db().rollback();
}

Result<void> PostgresWriteBackend::reconnect()
{
    m_multiRow.clear();
    m_connection.db().close();
    if (!m_connection.db().open())
        return m_connection.error(m_connection.db().lastError(), "reconnecting");
    return {};
}

Result<ExecutionRef> PostgresWriteBackend::startExecution(const ExecutionStart &start)
{
    QSqlQuery query(m_connection.db());
    query.prepare(QStringLiteral("INSERT INTO executions(id, name, workflow, input, status, started_ms, options)"
                                 " VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT(id) DO NOTHING"));
    query.addBindValue(text(start.id));
    query.addBindValue(text(start.name));
    query.addBindValue(text(start.workflow));
    query.addBindValue(text(start.input));
    query.addBindValue(start.startedMs);
    query.addBindValue(text(start.options));
    if (auto done = exec(query, "inserting an execution"); !done)
        return done.error();
    const bool created = query.numRowsAffected() > 0;
    auto found = findExecution(start.id);
    if (found)
        found->createdHere = created;
    return found;
}

Result<ExecutionRef> PostgresWriteBackend::findExecution(const std::string &id)
{
    QSqlQuery query(m_connection.db());
    query.prepare(QStringLiteral("SELECT num, workflow FROM executions WHERE id = ?"));
    query.addBindValue(text(id));
    if (auto done = exec(query, "finding an execution"); !done)
        return done.error();
    ExecutionRef ref;
    if (query.next()) {
        ref.num = query.value(0).toLongLong();
        ref.workflow = query.value(1).toString().toStdString();
    }
    return ref;
}

Result<ItemState> PostgresWriteBackend::itemState(qint64 exec, qint64 item)
{
    QSqlQuery query(m_connection.db());
    query.prepare(QStringLiteral("SELECT (SELECT status FROM items WHERE exec = ? AND item = ?),"
                                 " (SELECT attempts FROM items WHERE exec = ? AND item = ?),"
                                 " GREATEST((SELECT chunk_n FROM items WHERE exec = ? AND item = ?),"
                                 " (SELECT max(seq + n - 1) FROM events WHERE exec = ? AND item = ?))"));
    for (int i = 0; i < 4; ++i) {
        query.addBindValue(exec);
        query.addBindValue(item);
    }
    if (auto done = this->exec(query, "reading an item"); !done)
        return done.error();
    ItemState state;
    if (query.next()) {
        state.exists = !query.value(0).isNull();
        state.status = query.value(0).toInt();
        state.attempts = query.value(1).toInt();
        state.lastSeq = query.value(2).toLongLong();
    }
    return state;
}

QSqlQuery &PostgresWriteBackend::multiRow(int kind, const QString &head, int columns, int rows, const QString &tail)
{
    const qint64 key = qint64(kind) << 32 | rows;
    auto it = m_multiRow.find(key);
    if (it != m_multiRow.end())
        return *it;
    QString row = QStringLiteral("(");
    for (int c = 0; c < columns; ++c)
        row += c ? QStringLiteral(", ?") : QStringLiteral("?");
    row += QLatin1Char(')');
    QString sql = head;
    for (int r = 0; r < rows; ++r) {
        if (r)
            sql += QStringLiteral(", ");
        sql += row;
    }
    sql += tail;
    QSqlQuery query(m_connection.db());
    query.prepare(sql);
    return *m_multiRow.insert(key, query);
}

Result<void> PostgresWriteBackend::write(const WriteBatch &batch)
{
    QSqlDatabase &db = m_connection.db();
    for (const auto &workflow : batch.workflows) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO workflows(version, name, definition, saved_ms) VALUES (?, ?, ?, ?)"
                                     " ON CONFLICT(version) DO NOTHING"));
        query.addBindValue(text(workflow.version));
        query.addBindValue(text(workflow.name));
        query.addBindValue(workflow.definition);
        query.addBindValue(workflow.savedMs);
        if (auto done = exec(query, "saving a workflow"); !done)
            return done;
    }

    for (size_t start = 0; start < batch.payloads.size(); start += kRowsPerStatement) {
        const int rows = int(std::min<size_t>(kRowsPerStatement, batch.payloads.size() - start));
        QSqlQuery &query = multiRow(Payloads, QStringLiteral("INSERT INTO payloads(hash, body) VALUES "), 2, rows,
                                    QStringLiteral(" ON CONFLICT(hash) DO NOTHING"));
        for (int r = 0; r < rows; ++r) {
            const auto &payload = batch.payloads[start + size_t(r)];
            query.addBindValue(bytes(payload.hash));
            query.addBindValue(text(payload.body));
        }
        if (auto done = exec(query, "storing payloads"); !done)
            return done;
    }

    for (size_t start = 0; start < batch.items.size(); start += kRowsPerStatement) {
        const int rows = int(std::min<size_t>(kRowsPerStatement, batch.items.size() - start));
        QSqlQuery &query = multiRow(
            Items,
            QStringLiteral("INSERT INTO items(exec, item, parent, map_state, idx, bkey, state, status, attempts, error,"
                           " cause, updated_ms, output, chunk_n, chunk) VALUES "),
            15, rows,
            QStringLiteral(" ON CONFLICT(exec, item) DO UPDATE SET state = coalesce(excluded.state, items.state),"
                           " status = excluded.status, attempts = excluded.attempts,"
                           " error = coalesce(excluded.error, items.error), cause = coalesce(excluded.cause, items.cause),"
                           " updated_ms = excluded.updated_ms, output = coalesce(excluded.output, items.output)"));
        for (int r = 0; r < rows; ++r) {
            const auto &item = batch.items[start + size_t(r)];
            query.addBindValue(item.exec);
            query.addBindValue(item.item);
            query.addBindValue(item.parent);
            query.addBindValue(text(item.mapState));
            query.addBindValue(item.index);
            query.addBindValue(text(item.businessKey));
            query.addBindValue(text(item.state));
            query.addBindValue(item.status);
            query.addBindValue(item.attempts);
            query.addBindValue(text(item.error));
            query.addBindValue(text(item.cause));
            query.addBindValue(item.updatedMs);
            query.addBindValue(text(item.output));
            // The first chunk of an item's events rides in its row; the row is new exactly then.
            const bool inRow = item.firstSeq == 1;
            query.addBindValue(inRow ? item.events.count() : 0);
            query.addBindValue(inRow ? bytes(item.events.data()) : QVariant(QMetaType(QMetaType::QByteArray)));
        }
        if (auto done = exec(query, "writing items"); !done)
            return done;
    }

    std::vector<const WriteBatch::Item *> withEvents;
    withEvents.reserve(batch.items.size());
    for (const auto &item : batch.items) {
        if (item.events.count() > 0 && item.firstSeq > 1)
            withEvents.push_back(&item);
    }
    for (size_t start = 0; start < withEvents.size(); start += kRowsPerStatement) {
        const int rows = int(std::min<size_t>(kRowsPerStatement, withEvents.size() - start));
        QSqlQuery &query = multiRow(Events, QStringLiteral("INSERT INTO events(exec, item, seq, n, data) VALUES "), 5,
                                    rows, QString());
        for (int r = 0; r < rows; ++r) {
            const auto &item = *withEvents[start + size_t(r)];
            query.addBindValue(item.exec);
            query.addBindValue(item.item);
            query.addBindValue(item.firstSeq);
            query.addBindValue(item.events.count());
            query.addBindValue(bytes(item.events.data()));
        }
        if (auto done = exec(query, "writing events"); !done)
            return done;
    }

    for (const auto &entry : batch.dlq) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO dlq(exec, item, workflow, state, input, error, cause, attempts,"
                                     " first_ms, last_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"));
        query.addBindValue(entry.exec);
        query.addBindValue(entry.item);
        query.addBindValue(text(entry.workflow));
        query.addBindValue(text(entry.state));
        query.addBindValue(text(entry.input));
        query.addBindValue(text(entry.error));
        query.addBindValue(text(entry.cause));
        query.addBindValue(entry.attempts);
        query.addBindValue(entry.firstMs);
        query.addBindValue(entry.lastMs);
        if (auto done = exec(query, "writing a DLQ entry"); !done)
            return done;
    }

    for (const auto &count : batch.counts) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO item_counts(exec, status, n) VALUES (?, ?, ?)"
                                     " ON CONFLICT(exec, status) DO UPDATE SET n = item_counts.n + excluded.n"));
        query.addBindValue(count.exec);
        query.addBindValue(count.status);
        query.addBindValue(count.delta);
        if (auto done = exec(query, "counting items"); !done)
            return done;
    }

    for (const auto &end : batch.ends) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE executions SET status = ?, stopped_ms = ?, output = ?, error = ?,"
                                     " cause = ? WHERE num = ?"));
        query.addBindValue(end.status);
        query.addBindValue(end.stoppedMs);
        query.addBindValue(text(end.output));
        query.addBindValue(text(end.error));
        query.addBindValue(text(end.cause));
        query.addBindValue(end.exec);
        if (auto done = exec(query, "finishing an execution"); !done)
            return done;
    }
    return {};
}

} // namespace sluice
