#include "store/JournalReader.h"

#include "store/EventCodec_p.h"
#include "store/Schema_p.h"
#include "store/StoreConnection_p.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <future>
#include <map>

namespace sluice {

namespace {

Json parseJson(const QVariant &value)
{
    if (value.isNull())
        return nullptr;
    const QByteArray text = value.toByteArray();
    if (text.isEmpty())
        return nullptr;
    return Json::parse(text.cbegin(), text.cend(), nullptr, false);   // discarded (not throwing) when damaged
}

Json parseJson(const std::string &text)
{
    return Json::parse(text, nullptr, false);
}

Error notFound(const QString &what)
{
    return Error{ErrorCode::InvalidArgument, what, {}};
}

bool isFinalStatus(ItemStatus status)
{
    return status == ItemStatus::Succeeded || status == ItemStatus::Failed || status == ItemStatus::Cancelled;
}

const char *kExecutionColumns = "e.id, e.name, e.workflow, w.name, e.status, e.started_ms, e.stopped_ms, e.error,"
                                " e.cause, e.options";

/// The base folder in an executions.options object (see Schema, version 5), or empty.
QString baseDirOf(const QVariant &options)
{
    if (options.isNull())
        return {};
    const QByteArray text = options.toByteArray();
    const Json object = Json::parse(text.cbegin(), text.cend(), nullptr, false);
    if (!object.is_object() || !object.contains("baseDir") || !object["baseDir"].is_string())
        return {};
    return QString::fromStdString(object["baseDir"].get<std::string>());
}

ExecutionInfo executionFrom(const QSqlQuery &query)
{
    ExecutionInfo info;
    info.id = query.value(0).toString();
    info.name = query.value(1).toString();
    info.workflowVersion = query.value(2).toString();
    info.workflowName = query.value(3).toString();
    info.status = ExecutionStatus(query.value(4).toInt());
    info.startedMs = query.value(5).toLongLong();
    info.stoppedMs = query.value(6).toLongLong();
    info.error = query.value(7).toString();
    info.cause = query.value(8).toString();
    info.baseDir = baseDirOf(query.value(9));
    return info;
}

const char *kDlqColumns = "d.id, e.id, d.item, d.workflow, d.state, d.input, d.error, d.cause, d.attempts, d.first_ms,"
                          " d.last_ms, d.status";

DlqEntry dlqFrom(const QSqlQuery &query)
{
    DlqEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.executionId = query.value(1).toString();
    entry.item = query.value(2).toLongLong();
    entry.workflowVersion = query.value(3).toString();
    entry.state = query.value(4).toString();
    entry.input = parseJson(query.value(5));
    entry.error = query.value(6).toString();
    entry.cause = query.value(7).toString();
    entry.attempts = query.value(8).toInt();
    entry.firstFailureMs = query.value(9).toLongLong();
    entry.lastFailureMs = query.value(10).toLongLong();
    entry.status = DlqStatus(query.value(11).toInt());
    return entry;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

Error sqliteFailure(sqlite3 *db, const QString &location, const char *what)
{
    return Error{ErrorCode::IoError, QStringLiteral("store %1: %2 failed: %3")
                                         .arg(location, QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db))),
                 {}};
}

/// The first column of the first row of `sql` (one int64 parameter) as bytes; empty when NULL or no row.
std::optional<std::string> sqliteText(sqlite3 *db, const char *sql, qint64 key, std::string_view blobKey = {})
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return std::nullopt;
    if (blobKey.empty())
        sqlite3_bind_int64(stmt, 1, key);
    else
        sqlite3_bind_blob(stmt, 1, blobKey.data(), int(blobKey.size()), SQLITE_STATIC);
    std::string text;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(stmt, 0));
        if (bytes)
            text.assign(bytes, size_t(sqlite3_column_bytes(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return std::nullopt;
    return text;
}

/// Where an open item continues (SQLite): its last StateEntered (or its start) and that state's input, from
/// the chunk in its row (`rowChunk`: count, bytes) and its later chunks, decoded here without a history page.
/// Inputs at least this large are parsed on a thread of their own while unfinished() reads on.
constexpr size_t kParseApart = 64 * 1024;

/// Sets open.state and open.input from the item's last StateEntered (or ItemStarted); an input of
/// kParseApart bytes or more is left in `deferred` as text, for the caller to parse.
Result<void> continuation(sqlite3 *db, const QString &location, qint64 exec, UnfinishedItem &open,
                          const std::pair<int, std::string> &rowChunk, std::string &deferred)
{
    auto damaged = [&] {
        return Error{ErrorCode::IoError,
                     QStringLiteral("store %1: the history of item %2 is damaged").arg(location).arg(open.item), {}};
    };
    std::vector<EventCodec::Decoded> events;
    if (rowChunk.first > 0 && !EventCodec::decode(rowChunk.second, rowChunk.first, events))
        return damaged();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT n, data FROM events WHERE exec = ?1 AND item = ?2 ORDER BY seq", -1, &stmt,
                           nullptr)
        != SQLITE_OK)
        return sqliteFailure(db, location, "reading an item's events");
    sqlite3_bind_int64(stmt, 1, exec);
    sqlite3_bind_int64(stmt, 2, open.item);
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(stmt, 1));
        ok = EventCodec::decode(std::string_view(bytes ? bytes : "", size_t(sqlite3_column_bytes(stmt, 1))),
                                sqlite3_column_int(stmt, 0), events);
    }
    sqlite3_finalize(stmt);
    if (!ok)
        return damaged();
    if (rc != SQLITE_DONE)
        return sqliteFailure(db, location, "reading an item's events");
    const EventCodec::Decoded *from = nullptr;
    std::map<std::string, const EventCodec::Decoded *> lastEntered;   // the root item's, by state
    for (const EventCodec::Decoded &event : events) {
        if (event.type == JournalRecord::Type::StateEntered || event.type == JournalRecord::Type::ItemStarted)
            from = &event;
        if (open.item == 0 && event.type == JournalRecord::Type::StateEntered)
            lastEntered[event.state] = &event;
    }
    if (!from)
        return {};
    // `deferred`: where a large input is left as text (the open item's own input), or null to parse it here.
    auto inputOf = [&](const EventCodec::Decoded &event, Json *into, std::string *deferred) -> Result<void> {
        if (!event.hasPayload)
            return {};
        if (event.payloadKind == EventCodec::Hashed) {
            auto body = sqliteText(db, "SELECT body FROM payloads WHERE hash = ?1", 0, event.payload);
            if (!body)
                return sqliteFailure(db, location, "reading a payload");
            if (deferred && body->size() >= kParseApart)
                *deferred = std::move(*body);
            else
                *into = parseJson(*body);
        } else if (event.payloadKind != EventCodec::ItemOutput) {
            *into = parseJson(event.payload);
        }
        return {};
    };
    open.state = QString::fromStdString(from->state);
    if (auto done = inputOf(*from, &open.input, &deferred); !done)
        return done;
    for (const auto &[state, event] : lastEntered) {
        if (event == from)
            continue;   // resume needs the enclosing Parallel's input, never the open state's own again
        if (auto done = inputOf(*event, &open.enteredInputs[state], nullptr); !done)
            return done;
    }
    return {};
}

/// The WHERE conditions of a DLQ filter over `dlq d` (without the keyset), appended to `sql` as " AND ...".
void appendDlqConditions(const DlqFilter &filter, bool sqlite, QString &sql, QVariantList &values)
{
    if (!filter.executionId.isEmpty()) {
        sql += QStringLiteral(" AND d.exec = (SELECT num FROM executions WHERE id = ?)");
        values << filter.executionId;
    }
    if (!filter.workflowVersion.isEmpty()) {
        sql += QStringLiteral(" AND d.workflow = ?");
        values << filter.workflowVersion;
    }
    if (!filter.state.isEmpty()) {
        sql += QStringLiteral(" AND d.state = ?");
        values << filter.state;
    }
    if (!filter.error.isEmpty()) {
        sql += QStringLiteral(" AND d.error = ?");
        values << filter.error;
    }
    if (!filter.causeText.isEmpty()) {
        sql += sqlite ? QStringLiteral(" AND d.cause LIKE ? ESCAPE '\\'") : QStringLiteral(" AND d.cause ILIKE ? ESCAPE '\\'");
        values << likePattern(filter.causeText);
    }
    if (filter.sinceMs > 0) {
        sql += QStringLiteral(" AND d.last_ms >= ?");
        values << filter.sinceMs;
    }
    if (filter.untilMs > 0) {
        sql += QStringLiteral(" AND d.last_ms < ?");
        values << filter.untilMs;
    }
    if (filter.status) {
        sql += QStringLiteral(" AND d.status = ?");
        values << int(*filter.status);
    }
}

/// The WHERE conditions of an item filter over `items i` (without the keyset), appended as " AND ...".
void appendItemConditions(const ItemFilter &filter, bool sqlite, QString &sql, QVariantList &values)
{
    if (filter.status) {
        sql += QStringLiteral(" AND i.status = ?");
        values << int(*filter.status);
    }
    if (!filter.state.isEmpty()) {
        sql += QStringLiteral(" AND i.state = ?");
        values << filter.state;
    }
    if (!filter.error.isEmpty()) {
        sql += QStringLiteral(" AND i.error = ?");
        values << filter.error;
    }
    if (!filter.text.isEmpty()) {
        const QString like = sqlite ? QStringLiteral("LIKE") : QStringLiteral("ILIKE");
        sql += QStringLiteral(" AND (i.bkey %1 ? ESCAPE '\\' OR i.error %1 ? ESCAPE '\\' OR i.cause %1 ? ESCAPE '\\')")
                   .arg(like);
        const QString pattern = likePattern(filter.text);
        values << pattern << pattern << pattern;
    }
}

} // namespace

Result<std::unique_ptr<JournalReader>> JournalReader::open(const QString &location)
{
    // Reading must not leave an empty file behind where there was no store.
    if (!isPostgresLocation(location) && !QFileInfo::exists(location))
        return Error{ErrorCode::IoError, QStringLiteral("there is no store at %1").arg(location), {}};
    auto connection = StoreConnection::open(location, "reader");
    if (!connection)
        return connection.error();
    if (auto checked = Schema::check(**connection); !checked)
        return checked.error();
    return std::unique_ptr<JournalReader>(new JournalReader(std::move(*connection)));
}

JournalReader::JournalReader(std::unique_ptr<StoreConnection> connection) : m_connection(std::move(connection)) {}

JournalReader::~JournalReader() = default;

Result<QList<ExecutionInfo>> JournalReader::runs(const RunFilter &filter)
{
    QString sql = QStringLiteral("SELECT %1 FROM executions e LEFT JOIN workflows w ON w.version = e.workflow")
                      .arg(QLatin1String(kExecutionColumns));
    QVariantList values;
    if (filter.status) {
        sql += QStringLiteral(" WHERE e.status = ?");
        values << int(*filter.status);
    }
    sql += QStringLiteral(" ORDER BY e.num DESC LIMIT ? OFFSET ?");
    values << filter.limit << filter.offset;
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, sql, values))
        return m_connection->error(query.lastError(), "listing runs");
    QList<ExecutionInfo> result;
    while (query.next())
        result.append(executionFrom(query));
    query.finish();
    if (!filter.withCounts || result.isEmpty())
        return result;
    // Kept by the writer as the items move (item_counts): one small query for the whole page.
    QHash<QString, qsizetype> rowOf;
    QString marks;
    QVariantList ids;
    for (qsizetype i = 0; i < result.size(); ++i) {
        rowOf.insert(result[i].id, i);
        marks += marks.isEmpty() ? QStringLiteral("?") : QStringLiteral(",?");
        ids << result[i].id;
    }
    if (!runPrepared(query,
                     QStringLiteral("SELECT e.id, c.status, c.n FROM item_counts c JOIN executions e ON e.num = c.exec"
                                    " WHERE e.id IN (%1)")
                         .arg(marks),
                     ids))
        return m_connection->error(query.lastError(), "counting items");
    while (query.next()) {
        const int status = query.value(1).toInt();
        const auto row = rowOf.constFind(query.value(0).toString());
        if (row != rowOf.cend() && status >= 0 && status < kItemStatusCount)
            result[*row].counts[size_t(status)] = query.value(2).toLongLong();
    }
    return result;
}

Result<StateItemCounts> JournalReader::stateCounts(const QString &executionId)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
                     QStringLiteral("SELECT state, status, count(*) FROM items"
                                    " WHERE exec = (SELECT num FROM executions WHERE id = ?) GROUP BY state, status"),
                     {executionId}))
        return m_connection->error(query.lastError(), "counting items by state");
    StateItemCounts counts;
    while (query.next()) {
        const int status = query.value(1).toInt();
        if (status >= 0 && status < kItemStatusCount)
            counts[query.value(0).toString()][size_t(status)] += query.value(2).toLongLong();
    }
    return counts;
}

Result<qint64> JournalReader::changeCounter()
{
    QSqlQuery query(m_connection->db());
    const QString sql = m_connection->isSqlite() ? QStringLiteral("PRAGMA data_version")
                                                 : QStringLiteral("SELECT txid_snapshot_xmax(txid_current_snapshot())");
    if (!query.exec(sql) || !query.next())
        return m_connection->error(query.lastError(), "polling for changes");
    return query.value(0).toLongLong();
}

Result<ExecutionInfo> JournalReader::execution(const QString &executionId, bool withPayloads)
{
    QSqlQuery query(m_connection->db());
    // A succeeded execution's output is kept once, as its root item's (JournalRecord::outputInRootItem).
    const QString payloads = withPayloads
        ? QStringLiteral("e.input, coalesce(e.output, (SELECT i.output FROM items i WHERE i.exec = e.num"
                         " AND i.item = 0 AND e.status = %1))")
              .arg(int(ExecutionStatus::Succeeded))
        : QStringLiteral("NULL, NULL");
    if (!runPrepared(query,
             QStringLiteral("SELECT %1, %2, e.num FROM executions e LEFT JOIN workflows w"
                            " ON w.version = e.workflow WHERE e.id = ?")
                 .arg(QLatin1String(kExecutionColumns), payloads),
             {executionId}))
        return m_connection->error(query.lastError(), "reading an execution");
    if (!query.next())
        return notFound(QStringLiteral("no execution %1 in the store").arg(executionId));
    ExecutionInfo info = executionFrom(query);
    info.input = parseJson(query.value(10));
    info.output = parseJson(query.value(11));
    const qint64 num = query.value(12).toLongLong();
    query.finish();
    // Kept by the writer as the items move (item_counts); no scan of a million items.
    if (!runPrepared(query, QStringLiteral("SELECT status, n FROM item_counts WHERE exec = ?"), {num}))
        return m_connection->error(query.lastError(), "counting items");
    while (query.next()) {
        const int status = query.value(0).toInt();
        if (status >= 0 && status < kItemStatusCount)
            info.counts[size_t(status)] = query.value(1).toLongLong();
    }
    return info;
}

Result<qint64> JournalReader::executionNum(const QString &executionId)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT num FROM executions WHERE id = ?"), {executionId}))
        return m_connection->error(query.lastError(), "finding an execution");
    if (!query.next())
        return notFound(QStringLiteral("no execution %1 in the store").arg(executionId));
    return query.value(0).toLongLong();
}

Result<QList<ItemRow>> JournalReader::items(const QString &executionId, const ItemFilter &filter)
{
    auto num = executionNum(executionId);
    if (!num)
        return num.error();
    // The columns after `output` sit behind it in the row: for the root item, whose output is the whole Map
    // result (95 MB over a million items), SQLite would walk all of it to reach them. Its start time is the
    // execution's, so the root's chunk is not read unless its output is.
    QString sql = QStringLiteral("SELECT i.item, i.parent, i.idx, i.map_state, i.bkey, i.state, i.status, i.attempts,"
                                 " i.error, i.cause, i.updated_ms, %1 FROM items i WHERE i.exec = ? AND i.item > ?")
                      .arg(filter.outputs ? QStringLiteral("i.output, i.chunk_n, i.chunk")
                                          : QStringLiteral("NULL, CASE WHEN i.idx < 0 THEN 0 ELSE i.chunk_n END,"
                                                           " CASE WHEN i.idx < 0 THEN NULL ELSE i.chunk END"));
    QVariantList values{*num, filter.afterItem};
    appendItemConditions(filter, m_connection->isSqlite(), sql, values);
    sql += QStringLiteral(" ORDER BY i.item LIMIT ? OFFSET ?");
    values << filter.limit << filter.offset;
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, sql, values))
        return m_connection->error(query.lastError(), "listing items");
    QList<ItemRow> result;
    std::vector<EventCodec::Decoded> events;
    while (query.next()) {
        ItemRow row;
        row.item = query.value(0).toLongLong();
        row.parent = query.value(1).toLongLong();
        row.index = query.value(2).toLongLong();
        row.mapState = query.value(3).toString();
        row.businessKey = query.value(4).toString();
        row.state = query.value(5).toString();
        row.status = ItemStatus(query.value(6).toInt());
        row.attempts = query.value(7).toInt();
        row.error = query.value(8).toString();
        row.cause = query.value(9).toString();
        row.updatedMs = query.value(10).toLongLong();
        row.output = parseJson(query.value(11));
        // The item's first event (ItemStarted) opens the chunk its row carries: when it started.
        const QByteArray chunk = query.value(13).toByteArray();
        events.clear();
        if (query.value(12).toInt() > 0
            && EventCodec::decode(std::string_view(chunk.constData(), size_t(chunk.size())), query.value(12).toInt(),
                                  events)
            && !events.empty())
            row.startedMs = events.front().timeMs;
        result.append(std::move(row));
    }
    return result;
}

Result<qint64> JournalReader::itemCount(const QString &executionId, const ItemFilter &filter)
{
    auto num = executionNum(executionId);
    if (!num)
        return num.error();
    QSqlQuery query(m_connection->db());
    const bool statusOnly = filter.state.isEmpty() && filter.error.isEmpty() && filter.text.isEmpty();
    if (statusOnly) {
        // Kept by the writer as the items move (item_counts): no scan of a million items.
        QString sql = QStringLiteral("SELECT coalesce(sum(n), 0) FROM item_counts WHERE exec = ?");
        QVariantList values{*num};
        if (filter.status) {
            sql += QStringLiteral(" AND status = ?");
            values << int(*filter.status);
        }
        if (!runPrepared(query, sql, values) || !query.next())
            return m_connection->error(query.lastError(), "counting items");
        return query.value(0).toLongLong();
    }
    QString sql = QStringLiteral("SELECT count(*) FROM items i WHERE i.exec = ?");
    QVariantList values{*num};
    appendItemConditions(filter, m_connection->isSqlite(), sql, values);
    if (!runPrepared(query, sql, values) || !query.next())
        return m_connection->error(query.lastError(), "counting items");
    return query.value(0).toLongLong();
}

Result<QList<qint64>> JournalReader::itemKeys(const QString &executionId, const ItemFilter &filter, int every)
{
    if (every <= 0)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("itemKeys: every must be positive"), {}};
    auto num = executionNum(executionId);
    if (!num)
        return num.error();
    QSqlQuery query(m_connection->db());
    QList<qint64> keys;
    if (!filter.narrows()) {
        // Item ids are dense when nothing was skipped (the usual case): the keys are arithmetic, and three
        // lookups replace a scan of every row.
        // min and max per status through items_status: the lowest item is the root, whose row holds the
        // whole Map result, and reading the table there would walk it.
        if (!runPrepared(query, QStringLiteral("SELECT min(lo), max(hi), coalesce(sum(n), 0) FROM (SELECT"
                                               " (SELECT min(i.item) FROM items i WHERE i.exec = c.exec AND i.status = c.status) AS lo,"
                                               " (SELECT max(i.item) FROM items i WHERE i.exec = c.exec AND i.status = c.status) AS hi,"
                                               " c.n AS n FROM item_counts c WHERE c.exec = ? AND c.n > 0) t"),
                         {*num})
            || !query.next())
            return m_connection->error(query.lastError(), "paging items");
        const qint64 first = query.value(0).toLongLong();
        const qint64 last = query.value(1).toLongLong();
        const qint64 count = query.value(2).toLongLong();
        const bool any = !query.value(0).isNull();
        query.finish();
        if (any && last - first + 1 == count) {
            for (qint64 row = every - 1; row < count; row += every)
                keys.append(first + row);
            return keys;
        }
    }
    QString inner = QStringLiteral("SELECT i.item, row_number() OVER (ORDER BY i.item) AS r FROM items i WHERE i.exec = ?");
    QVariantList values{*num};
    appendItemConditions(filter, m_connection->isSqlite(), inner, values);
    values << every;
    if (!runPrepared(query, QStringLiteral("SELECT item FROM (%1) t WHERE r % ? = 0 ORDER BY item").arg(inner), values))
        return m_connection->error(query.lastError(), "paging items");
    while (query.next())
        keys.append(query.value(0).toLongLong());
    return keys;
}

Result<qint64> JournalReader::itemPosition(const QString &executionId, const ItemFilter &filter, qint64 item)
{
    auto num = executionNum(executionId);
    if (!num)
        return num.error();
    QString sql = QStringLiteral("SELECT count(*) FROM items i WHERE i.exec = ? AND i.item < ?");
    QVariantList values{*num, item};
    appendItemConditions(filter, m_connection->isSqlite(), sql, values);
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, sql, values) || !query.next())
        return m_connection->error(query.lastError(), "finding an item");
    return query.value(0).toLongLong();
}

Result<QList<HistoryEvent>> JournalReader::history(const QString &executionId, const HistoryFilter &filter)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT num FROM executions WHERE id = ?"), {executionId}))
        return m_connection->error(query.lastError(), "reading history");
    if (!query.next())
        return notFound(QStringLiteral("no execution %1 in the store").arg(executionId));
    const qint64 num = query.value(0).toLongLong();
    query.finish();

    // The first chunk of each item is in its row (seq 1..chunk_n), later ones in `events`: merge both.
    QString rowsPart = QStringLiteral("SELECT item, 1 AS seq, chunk_n AS n, chunk AS data FROM items"
                                      " WHERE exec = ? AND chunk_n > 0");
    QString eventsPart = QStringLiteral("SELECT item, seq, n, data FROM events WHERE exec = ?");
    QVariantList rowsValues{num};
    QVariantList eventsValues{num};
    if (filter.item) {
        rowsPart += QStringLiteral(" AND item = ? AND chunk_n > ?");
        eventsPart += QStringLiteral(" AND item = ? AND seq + n - 1 > ?");
        rowsValues << *filter.item << filter.afterSeq;
        eventsValues << *filter.item << filter.afterSeq;
    } else {
        // item >= ? lets the primary key skip ahead; the OR then drops the events already seen.
        rowsPart += QStringLiteral(" AND item >= ? AND (item > ? OR chunk_n > ?)");
        eventsPart += QStringLiteral(" AND item >= ? AND (item > ? OR seq + n - 1 > ?)");
        rowsValues << filter.afterItem << filter.afterItem << filter.afterSeq;
        eventsValues << filter.afterItem << filter.afterItem << filter.afterSeq;
    }
    // Every chunk holds at least one wanted event, so `limit` chunks from each side are enough.
    const QString sql = QStringLiteral("SELECT * FROM (%1 ORDER BY item LIMIT ?) r UNION ALL"
                                       " SELECT * FROM (%2 ORDER BY item, seq LIMIT ?) e ORDER BY 1, 2 LIMIT ?")
                            .arg(rowsPart, eventsPart);
    QVariantList values = rowsValues;
    values << filter.limit;
    values += eventsValues;
    values << filter.limit << filter.limit;
    if (!runPrepared(query, sql, values))
        return m_connection->error(query.lastError(), "reading history");

    struct Chunk
    {
        qint64 item;
        qint64 seq;
        std::vector<EventCodec::Decoded> events;
    };
    std::vector<Chunk> chunks;
    while (query.next()) {
        Chunk chunk{query.value(0).toLongLong(), query.value(1).toLongLong(), {}};
        const QByteArray data = query.value(3).toByteArray();
        if (!EventCodec::decode(std::string_view(data.constData(), size_t(data.size())), query.value(2).toInt(),
                                chunk.events))
            return Error{ErrorCode::IoError,
                         QStringLiteral("store %1: the history of item %2 of execution %3 is damaged")
                             .arg(m_connection->location())
                             .arg(chunk.item)
                             .arg(executionId),
                         {}};
        chunks.push_back(std::move(chunk));
    }
    query.finish();

    QList<HistoryEvent> result;
    QHash<QByteArray, Json> large;
    QHash<qint64, Json> outputs;
    const qint64 afterItem = filter.item ? *filter.item : filter.afterItem;
    for (const Chunk &chunk : chunks) {
        for (size_t i = 0; i < chunk.events.size() && result.size() < filter.limit; ++i) {
            const qint64 seq = chunk.seq + qint64(i);
            if (chunk.item == afterItem && seq <= filter.afterSeq)
                continue;
            const EventCodec::Decoded &decoded = chunk.events[i];
            HistoryEvent event;
            event.item = chunk.item;
            event.seq = seq;
            event.type = decoded.type;
            event.state = QString::fromStdString(decoded.state);
            event.timeMs = decoded.timeMs;
            event.attempt = decoded.attempt;
            if (decoded.status >= 0)
                event.status = ItemStatus(decoded.status);
            event.error = QString::fromStdString(decoded.error);
            event.cause = QString::fromStdString(decoded.cause);
            event.delayMs = decoded.delayMs;
            if (decoded.hasPayload) {
                switch (decoded.payloadKind) {
                case EventCodec::Inline:
                case EventCodec::BackRef:
                    event.payload = parseJson(decoded.payload);
                    break;
                case EventCodec::Hashed: {
                    const QByteArray hash(decoded.payload.data(), qsizetype(decoded.payload.size()));
                    auto it = large.find(hash);
                    if (it == large.end()) {
                        if (!runPrepared(query, QStringLiteral("SELECT body FROM payloads WHERE hash = ?"), {hash}))
                            return m_connection->error(query.lastError(), "reading a payload");
                        it = large.insert(hash, query.next() ? parseJson(query.value(0)) : Json());
                        query.finish();
                    }
                    event.payload = *it;
                    break;
                }
                case EventCodec::ItemOutput: {
                    auto it = outputs.find(chunk.item);
                    if (it == outputs.end()) {
                        if (!runPrepared(query, QStringLiteral("SELECT output FROM items WHERE exec = ? AND item = ?"),
                                 {num, chunk.item}))
                            return m_connection->error(query.lastError(), "reading an item's output");
                        it = outputs.insert(chunk.item, query.next() ? parseJson(query.value(0)) : Json());
                        query.finish();
                    }
                    event.payload = *it;
                    break;
                }
                }
            }
            result.append(std::move(event));
        }
    }
    return result;
}

Result<QList<DlqEntry>> JournalReader::dlq(const DlqFilter &filter)
{
    QString sql = QStringLiteral("SELECT %1 FROM dlq d JOIN executions e ON e.num = d.exec WHERE d.id > ?")
                      .arg(QLatin1String(kDlqColumns));
    QVariantList values{filter.afterId};
    appendDlqConditions(filter, m_connection->isSqlite(), sql, values);
    sql += QStringLiteral(" ORDER BY d.id LIMIT ?");
    values << filter.limit;
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, sql, values))
        return m_connection->error(query.lastError(), "listing the DLQ");
    QList<DlqEntry> result;
    while (query.next())
        result.append(dlqFrom(query));
    return result;
}

Result<QList<DlqGroup>> JournalReader::dlqGroups(const DlqFilter &filter)
{
    QString sql = QStringLiteral("SELECT d.error, d.state, count(*), max(d.last_ms),"
                                 " sum(CASE WHEN d.status = %1 THEN 1 ELSE 0 END) FROM dlq d WHERE 1 = 1")
                      .arg(int(DlqStatus::Open));
    QVariantList values;
    appendDlqConditions(filter, m_connection->isSqlite(), sql, values);
    sql += QStringLiteral(" GROUP BY d.error, d.state ORDER BY 3 DESC, 1, 2");
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, sql, values))
        return m_connection->error(query.lastError(), "grouping the DLQ");
    QList<DlqGroup> result;
    while (query.next()) {
        DlqGroup group;
        group.error = query.value(0).toString();
        group.state = query.value(1).toString();
        group.count = query.value(2).toLongLong();
        group.lastFailureMs = query.value(3).toLongLong();
        group.open = query.value(4).toLongLong();
        result.append(std::move(group));
    }
    return result;
}

Result<DlqEntry> JournalReader::dlqEntry(qint64 id)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("SELECT %1 FROM dlq d JOIN executions e ON e.num = d.exec WHERE d.id = ?")
                 .arg(QLatin1String(kDlqColumns)),
             {id}))
        return m_connection->error(query.lastError(), "reading a DLQ entry");
    if (!query.next())
        return notFound(QStringLiteral("no DLQ entry %1 in the store").arg(id));
    return dlqFrom(query);
}

Result<void> JournalReader::setDlqStatus(qint64 id, DlqStatus status)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("UPDATE dlq SET status = ? WHERE id = ?"), {int(status), id}))
        return m_connection->error(query.lastError(), "updating a DLQ entry");
    if (query.numRowsAffected() == 0)
        return notFound(QStringLiteral("no DLQ entry %1 in the store").arg(id));
    return {};
}

Result<qint64> JournalReader::addReplay(qint64 dlqId, const ReplayRecord &replay)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT count(*) FROM dlq WHERE id = ?"), {dlqId}) || !query.next())
        return m_connection->error(query.lastError(), "recording a replay");
    if (query.value(0).toInt() == 0)
        return notFound(QStringLiteral("no DLQ entry %1 in the store").arg(dlqId));
    query.finish();
    const QVariant nullText{QMetaType(QMetaType::QString)};
    if (!runPrepared(query,
             QStringLiteral("INSERT INTO replays(dlq_id, time_ms, os_user, attempt, outcome, error, cause, new_exec,"
                            " new_item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
             {dlqId, replay.timeMs, replay.osUser, replay.attempt, int(replay.outcome),
              replay.error.isEmpty() ? nullText : QVariant(replay.error),
              replay.cause.isEmpty() ? nullText : QVariant(replay.cause),
              replay.newExecutionId.isEmpty() ? nullText : QVariant(replay.newExecutionId), replay.newItem})
        || !query.next())
        return m_connection->error(query.lastError(), "recording a replay");
    return query.value(0).toLongLong();
}

Result<QList<ReplayRecord>> JournalReader::replays(qint64 dlqId)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("SELECT id, time_ms, os_user, attempt, outcome, error, cause, new_exec, new_item"
                            " FROM replays WHERE dlq_id = ? ORDER BY id"),
             {dlqId}))
        return m_connection->error(query.lastError(), "listing replays");
    QList<ReplayRecord> result;
    while (query.next()) {
        ReplayRecord replay;
        replay.id = query.value(0).toLongLong();
        replay.timeMs = query.value(1).toLongLong();
        replay.osUser = query.value(2).toString();
        replay.attempt = query.value(3).toInt();
        replay.outcome = ReplayOutcome(query.value(4).toInt());
        replay.error = query.value(5).toString();
        replay.cause = query.value(6).toString();
        replay.newExecutionId = query.value(7).toString();
        replay.newItem = query.value(8).toLongLong();
        result.append(std::move(replay));
    }
    return result;
}

Result<QList<WorkflowVersionInfo>> JournalReader::workflowVersions()
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT version, name, saved_ms FROM workflows ORDER BY name, saved_ms DESC, version"), {}))
        return m_connection->error(query.lastError(), "listing workflow versions");
    QList<WorkflowVersionInfo> result;
    while (query.next())
        result.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()});
    return result;
}

Result<QByteArray> JournalReader::workflowDefinition(const QString &version)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT definition FROM workflows WHERE version = ?"), {version}))
        return m_connection->error(query.lastError(), "reading a workflow");
    if (!query.next())
        return notFound(QStringLiteral("no workflow version %1 in the store").arg(version));
    return query.value(0).toByteArray();
}

Result<QString> JournalReader::latestWorkflowVersion(const QString &version)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("SELECT newer.version FROM workflows AS given JOIN workflows AS newer"
                            " ON newer.name = given.name WHERE given.version = ?"
                            " ORDER BY newer.saved_ms DESC, newer.version LIMIT 1"),
             {version}))
        return m_connection->error(query.lastError(), "finding the latest workflow version");
    if (!query.next())
        return notFound(QStringLiteral("no workflow version %1 in the store").arg(version));
    return query.value(0).toString();
}

Result<QString> JournalReader::executionBaseDir(const QString &executionId)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT options FROM executions WHERE id = ?"), {executionId}))
        return m_connection->error(query.lastError(), "reading an execution's options");
    if (!query.next())
        return notFound(QStringLiteral("no execution %1 in the store").arg(executionId));
    return baseDirOf(query.value(0));
}

Result<QList<UnfinishedExecution>> JournalReader::unfinished()
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("SELECT num, id, name, workflow, input, started_ms, options FROM executions WHERE status = ?"
                            " ORDER BY num"),
             {int(ExecutionStatus::Running)}))
        return m_connection->error(query.lastError(), "listing unfinished executions");
    QList<UnfinishedExecution> result;
    QList<qint64> nums;
    while (query.next()) {
        UnfinishedExecution execution;
        nums.append(query.value(0).toLongLong());
        execution.id = query.value(1).toString();
        execution.name = query.value(2).toString();
        execution.workflowVersion = query.value(3).toString();
        execution.startedMs = query.value(5).toLongLong();
        execution.baseDir = baseDirOf(query.value(6));
        if (!m_connection->sqliteHandle())
            execution.inputText = query.value(4).toByteArray().toStdString();
        result.append(std::move(execution));
    }
    query.finish();

    for (qsizetype e = 0; e < result.size(); ++e) {
        UnfinishedExecution &execution = result[e];
        const qint64 num = nums[e];
        if (sqlite3 *db = m_connection->sqliteHandle()) {
            // Through the C API: the input of a large Map is tens of MB, not worth a trip through UTF-16.
            auto input = sqliteText(db, "SELECT input FROM executions WHERE num = ?1", num);
            if (!input)
                return sqliteFailure(db, m_connection->location(), "reading an execution's input");
            execution.inputText = std::move(*input);
        }
        struct Finished
        {
            qint64 parent;
            QString mapState;
            FinishedChild child;
        };
        std::vector<Finished> finished;
        // One pass over the execution's item rows. A finished child keeps its output as stored (JSON text):
        // parsing a million of them is what a resume would wait for, so whoever needs one parses it.
        auto takeRow = [&](qint64 item, qint64 parent, qint64 index, ItemStatus status, auto &&text) {
            // text(column) → QString of a text column: 3 map_state, 4 bkey, 6 state, 7 error, 8 cause;
            // output(column 9) is read through textBytes.
            execution.maxItem = std::max(execution.maxItem, item);
            if (isFinalStatus(status)) {
                if (item == 0)
                    return false;
                Finished done{parent, text(3), {}};
                done.child.item = item;
                done.child.index = index;
                done.child.status = status;
                done.child.error = text(7);
                done.child.cause = text(8);
                finished.push_back(std::move(done));
                return true;   // wants its output text
            }
            UnfinishedItem open;
            open.item = item;
            open.parent = parent;
            open.index = index;
            open.mapState = text(3);
            open.businessKey = text(4);
            open.status = status;
            open.state = text(6);
            execution.items.append(std::move(open));
            return false;
        };
        const char *const itemsSql = "SELECT item, parent, idx, map_state, bkey, status, state, error, cause, output,"
                                     " attempts, chunk_n, chunk FROM items WHERE exec = ? ORDER BY item";
        // Large inputs of open items (the root's: the whole Map's input) parse on their own threads while the
        // scan goes on: (index in execution.items, its input).
        std::vector<std::pair<qsizetype, std::future<Json>>> parsing;
        if (sqlite3 *db = m_connection->sqliteHandle()) {
            // The C API: no QVariant per column of a million rows.
            sqlite3_stmt *stmt = nullptr;
            if (sqlite3_prepare_v2(db, itemsSql, -1, &stmt, nullptr) != SQLITE_OK)
                return Error{ErrorCode::IoError, QStringLiteral("store %1: listing unfinished items failed: %2")
                                                     .arg(m_connection->location(), QString::fromUtf8(sqlite3_errmsg(db))),
                             {}};
            sqlite3_bind_int64(stmt, 1, num);
            std::string lastMapState;   // the Map state's name repeats on every child row: one QString for all
            QString lastMapStateText;
            auto text = [stmt, &lastMapState, &lastMapStateText](int column) {
                const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
                if (!bytes)
                    return QString();
                const std::string_view view(bytes, size_t(sqlite3_column_bytes(stmt, column)));
                if (column != 3)
                    return QString::fromUtf8(view.data(), qsizetype(view.size()));
                if (view != lastMapState) {
                    lastMapState = view;
                    lastMapStateText = QString::fromUtf8(view.data(), qsizetype(view.size()));
                }
                return lastMapStateText;
            };
            int rc;
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                const bool wantsOutput = takeRow(sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
                                                 sqlite3_column_int64(stmt, 2), ItemStatus(sqlite3_column_int(stmt, 5)),
                                                 text);
                if (wantsOutput) {
                    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 9));
                    if (bytes)
                        finished.back().child.outputText.assign(bytes, size_t(sqlite3_column_bytes(stmt, 9)));
                } else if (!execution.items.isEmpty() && execution.items.last().item == sqlite3_column_int64(stmt, 0)) {
                    // Where the open item continues: its last StateEntered (or its start) and that state's input.
                    UnfinishedItem &open = execution.items.last();
                    open.attempts = sqlite3_column_int(stmt, 10);
                    const auto *chunk = static_cast<const char *>(sqlite3_column_blob(stmt, 12));
                    const std::pair<int, std::string> rowChunk(
                        sqlite3_column_int(stmt, 11),
                        chunk ? std::string(chunk, size_t(sqlite3_column_bytes(stmt, 12))) : std::string());
                    std::string deferred;
                    if (auto done = continuation(db, m_connection->location(), num, open, rowChunk, deferred); !done) {
                        sqlite3_finalize(stmt);
                        return done.error();
                    }
                    if (!deferred.empty())
                        parsing.emplace_back(execution.items.size() - 1,
                                             std::async(std::launch::async,
                                                        [text = std::move(deferred)] { return parseJson(text); }));
                }
            }
            sqlite3_finalize(stmt);
            for (auto &[i, input] : parsing)
                execution.items[i].input = input.get();
            if (rc != SQLITE_DONE)
                return Error{ErrorCode::IoError, QStringLiteral("store %1: listing unfinished items failed: %2")
                                                     .arg(m_connection->location(), QString::fromUtf8(sqlite3_errmsg(db))),
                             {}};
        } else {
            if (!runPrepared(query, QString::fromLatin1(itemsSql), {num}))
                return m_connection->error(query.lastError(), "listing unfinished items");
            auto text = [&query](int column) { return query.value(column).toString(); };
            while (query.next()) {
                const qint64 item = query.value(0).toLongLong();
                const bool wantsOutput = takeRow(item, query.value(1).toLongLong(), query.value(2).toLongLong(),
                                                 ItemStatus(query.value(5).toInt()), text);
                if (wantsOutput) {
                    if (!query.value(9).isNull())
                        finished.back().child.outputText = query.value(9).toByteArray().toStdString();
                } else if (!execution.items.isEmpty() && execution.items.last().item == item) {
                    execution.items.last().attempts = query.value(10).toInt();
                }
            }
            query.finish();
        }

        for (qsizetype i = 0; !m_connection->sqliteHandle() && i < execution.items.size(); ++i) {
            UnfinishedItem &open = execution.items[i];
            auto events = history(execution.id, HistoryFilter{open.item, -1, 0, 1 << 30});
            if (!events)
                return events.error();
            for (const HistoryEvent &event : *events) {
                if (event.type == JournalRecord::Type::StateEntered || event.type == JournalRecord::Type::ItemStarted) {
                    open.state = event.state;
                    open.input = event.payload;
                }
                if (open.item == 0 && event.type == JournalRecord::Type::StateEntered)
                    open.enteredInputs[event.state.toStdString()] = event.payload;
            }
        }

        // Children already finished, for the parents that are still open in the Map state that spawned them.
        QHash<qint64, qsizetype> openByItem;
        for (qsizetype i = 0; i < execution.items.size(); ++i)
            openByItem.insert(execution.items[i].item, i);
        for (Finished &done : finished) {
            const auto it = openByItem.constFind(done.parent);
            if (it == openByItem.cend())
                continue;
            UnfinishedItem &parent = execution.items[*it];
            if (!done.mapState.isEmpty() && done.mapState != parent.state)
                continue;
            if (done.child.status != ItemStatus::Succeeded)
                done.child.outputText.clear();
            parent.finishedChildren.append(std::move(done.child));
        }
        for (UnfinishedItem &open : execution.items) {
            std::sort(open.finishedChildren.begin(), open.finishedChildren.end(),
                      [](const FinishedChild &a, const FinishedChild &b) { return a.index < b.index; });
        }
    }
    return result;
}

Result<IntegrityReport> JournalReader::integrityCheck()
{
    IntegrityReport report;
    QSqlQuery query(m_connection->db());
    if (m_connection->isSqlite()) {
        if (!runPrepared(query, QStringLiteral("PRAGMA integrity_check"), {}))
            return m_connection->error(query.lastError(), "checking integrity");
        while (query.next()) {
            const QString line = query.value(0).toString();
            if (line != QLatin1String("ok"))
                report.problems.append(QStringLiteral("SQLite: %1").arg(line));
        }
        query.finish();
    }

    const int failed = int(ItemStatus::Failed);
    const int open = int(DlqStatus::Open);
    const int replaying = int(DlqStatus::Replaying);
    struct Rule
    {
        const char *sql;
        const char *problem;   ///< %1, %2, %3 = the row's columns; {FAILED}, ... in sql = status codes
    };
    const Rule rules[] = {
        {"SELECT e.id, i.item, '' FROM items i JOIN executions e ON e.num = i.exec WHERE i.status = {FAILED} AND NOT EXISTS"
         " (SELECT 1 FROM dlq d WHERE d.exec = i.exec AND d.item = i.item)",
         "item %2 of execution %1 failed but has no DLQ entry"},
        {"SELECT e.id, d.item, count(*) FROM dlq d JOIN executions e ON e.num = d.exec WHERE d.status IN ({OPEN}, {REPLAYING})"
         " GROUP BY e.id, d.item HAVING count(*) > 1",
         "item %2 of execution %1 has %3 open DLQ entries"},
        {"SELECT d.id, d.item, '' FROM dlq d LEFT JOIN items i ON i.exec = d.exec AND i.item = d.item"
         " WHERE i.item IS NULL",
         "DLQ entry %1 names item %2, which the journal does not hold"},
        {"SELECT d.id, d.item, i.status FROM dlq d JOIN items i ON i.exec = d.exec AND i.item = d.item"
         " WHERE d.status = {OPEN} AND i.status <> {FAILED}",
         "DLQ entry %1 is open but its item %2 is not failed (status %3)"},
        {"SELECT d.id, d.exec, '' FROM dlq d LEFT JOIN executions e ON e.num = d.exec WHERE e.num IS NULL",
         "DLQ entry %1 names execution #%2, which the journal does not hold"},
        {"SELECT i.exec, i.item, '' FROM items i LEFT JOIN executions e ON e.num = i.exec WHERE e.num IS NULL",
         "item %2 names execution #%1, which the journal does not hold"},
        {"SELECT v.exec, v.item, '' FROM (SELECT DISTINCT exec, item FROM events) v LEFT JOIN items i"
         " ON i.exec = v.exec AND i.item = v.item WHERE i.item IS NULL",
         "events of item %2 of execution #%1 have no item row"},
        {"SELECT e.id, i.item, '' FROM items i JOIN executions e ON e.num = i.exec LEFT JOIN (SELECT exec, item,"
         " sum(n) AS total, max(seq + n - 1) AS last FROM events GROUP BY exec, item) v ON v.exec = i.exec"
         " AND v.item = i.item WHERE i.chunk_n + coalesce(v.total, 0) <> CASE WHEN coalesce(v.last, 0) > i.chunk_n"
         " THEN v.last ELSE i.chunk_n END",
         "the history of item %2 of execution %1 has gaps or overlaps"},
        {"SELECT e.id, a.status, coalesce(c.n, 0) FROM (SELECT exec, status, count(*) AS n FROM items"
         " GROUP BY exec, status) a JOIN executions e ON e.num = a.exec LEFT JOIN item_counts c ON c.exec = a.exec"
         " AND c.status = a.status WHERE coalesce(c.n, 0) <> a.n",
         "the item count of execution %1 for status %2 is %3, which is not what its items say"},
        {"SELECT e.id, c.status, c.n FROM item_counts c JOIN executions e ON e.num = c.exec WHERE c.n <> 0"
         " AND NOT EXISTS (SELECT 1 FROM items i WHERE i.exec = c.exec AND i.status = c.status)",
         "the item count of execution %1 for status %2 is %3, but it has no such items"},
        {"SELECT r.id, r.dlq_id, '' FROM replays r LEFT JOIN dlq d ON d.id = r.dlq_id WHERE d.id IS NULL",
         "replay %1 names DLQ entry %2, which the journal does not hold"},
        {"SELECT id, status, stopped_ms FROM executions WHERE (status = 0 AND stopped_ms <> 0)"
         " OR (status <> 0 AND stopped_ms < started_ms)",
         "execution %1 (status %2) has an inconsistent stop time %3"},
        {"SELECT e.id, e.workflow, '' FROM executions e WHERE e.workflow <> '' AND NOT EXISTS"
         " (SELECT 1 FROM workflows w WHERE w.version = e.workflow)",
         "execution %1 names workflow version %2, which the journal does not hold"},
    };
    for (const Rule &rule : rules) {
        QString sql = QString::fromLatin1(rule.sql) + QStringLiteral(" LIMIT 100");
        sql.replace(QLatin1String("{FAILED}"), QString::number(failed))
            .replace(QLatin1String("{OPEN}"), QString::number(open))
            .replace(QLatin1String("{REPLAYING}"), QString::number(replaying));
        if (!runPrepared(query, sql, {}))
            return m_connection->error(query.lastError(), "checking integrity");
        while (query.next())
        {
            QString problem = QString::fromLatin1(rule.problem);
            problem.replace(QLatin1String("%1"), query.value(0).toString())
                .replace(QLatin1String("%2"), query.value(1).toString())
                .replace(QLatin1String("%3"), query.value(2).toString());
            report.problems.append(problem);
        }
        query.finish();
    }
    return report;
}

} // namespace sluice
