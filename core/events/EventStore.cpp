#include "events/EventStore.h"

#include "store/Schema_p.h"
#include "store/StoreConnection_p.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace sluice {

namespace {

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

Event eventFrom(const QVariant &body)
{
    const QByteArray bytes = body.toByteArray();
    const Json json = Json::parse(bytes.cbegin(), bytes.cend(), nullptr, false);
    auto event = Event::fromJson(json);
    return event ? std::move(event).value() : Event{};
}

const char *kDeliveryColumns = "d.id, d.event, e.body, d.rule, d.target, d.status, d.attempts, d.next_ms, d.execution,"
                               " d.error, d.cause, d.updated_ms, d.replays";

Delivery deliveryFrom(const QSqlQuery &query)
{
    Delivery d;
    d.id = query.value(0).toLongLong();
    d.eventRow = query.value(1).toLongLong();
    d.event = eventFrom(query.value(2));
    d.rule = query.value(3).toString();
    d.target = query.value(4).toString();
    d.status = DeliveryStatus(query.value(5).toInt());
    d.attempts = query.value(6).toInt();
    d.nextMs = query.value(7).toLongLong();
    d.executionId = query.value(8).toString();
    d.error = query.value(9).toString();
    d.cause = query.value(10).toString();
    d.updatedMs = query.value(11).toLongLong();
    d.replays = query.value(12).toInt();
    return d;
}

} // namespace

const char *deliveryStatusName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending:
        return "pending";
    case DeliveryStatus::Delivered:
        return "delivered";
    case DeliveryStatus::Dead:
        return "dead";
    case DeliveryStatus::Discarded:
        return "discarded";
    }
    return "pending";
}

std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name)
{
    for (DeliveryStatus s : {DeliveryStatus::Pending, DeliveryStatus::Delivered, DeliveryStatus::Dead,
                             DeliveryStatus::Discarded}) {
        if (name == QLatin1String(deliveryStatusName(s)))
            return s;
    }
    return std::nullopt;
}

Result<std::unique_ptr<EventStore>> EventStore::open(const QString &location)
{
    if (location.isEmpty())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("no store location given"), {}};
    auto connection = StoreConnection::open(location, "events");
    if (!connection)
        return std::move(connection).error();
    if (auto migrated = Schema::migrate(**connection); !migrated)
        return std::move(migrated).error();
    return std::unique_ptr<EventStore>(new EventStore(std::move(connection).value()));
}

EventStore::EventStore(std::unique_ptr<StoreConnection> connection) : m_connection(std::move(connection)) {}

EventStore::~EventStore() = default;

QString EventStore::location() const
{
    return m_connection->location();
}

template <typename F>
Result<void> EventStore::transaction(const char *what, F body)
{
    // IMMEDIATE: take SQLite's write lock up front (the journal's writer may be writing the same file), so
    // the busy timeout applies instead of a failed lock upgrade halfway through.
    if (auto begun = m_connection->exec(m_connection->isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"),
                                        what);
        !begun)
        return begun;
    Result<void> done = body();
    if (!done) {
        (void)m_connection->exec(QStringLiteral("ROLLBACK"), what);
        return done;
    }
    if (auto committed = m_connection->exec(QStringLiteral("COMMIT"), what); !committed) {
        (void)m_connection->exec(QStringLiteral("ROLLBACK"), what);
        return committed;
    }
    return {};
}

Result<void> EventStore::insertEvent(const Event &event, const QString &onlyRule, qint64 nowMs)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("INSERT INTO bus_events(event_id, rule, body, received_ms, routed) VALUES (?, ?, ?, ?, 0)"
                            " ON CONFLICT(event_id) DO NOTHING"),
             {QString::fromStdString(event.id), text(onlyRule),
              QString::fromStdString(event.toJson().dump(-1, ' ', false, Json::error_handler_t::replace)), nowMs}))
        return m_connection->error(query.lastError(), "storing an event");
    return {};
}

Result<std::string> EventStore::put(Event event, const QString &onlyRule)
{
    if (event.id.empty())
        event.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (auto done = transaction("storing an event", [&] { return insertEvent(event, onlyRule, now); }); !done)
        return std::move(done).error();
    return event.id;
}

Result<bool> EventStore::putWithMark(Event event, const QString &onlyRule, const TriggerMark &mark)
{
    if (event.id.empty())
        event.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool put = false;
    auto done = transaction("storing an event", [&]() -> Result<void> {
        QSqlQuery query(m_connection->db());
        if (!runPrepared(query, QStringLiteral("SELECT value FROM bus_marks WHERE kind = ? AND name = ? AND mark = ?"),
                 {mark.kind, mark.name, mark.mark}))
            return m_connection->error(query.lastError(), "reading a trigger mark");
        if (query.next() && query.value(0).toLongLong() >= mark.value)
            return {};
        query.finish();
        if (auto inserted = insertEvent(event, onlyRule, now); !inserted)
            return inserted;
        if (!runPrepared(query,
                 QStringLiteral("INSERT INTO bus_marks(kind, name, mark, value) VALUES (?, ?, ?, ?)"
                                " ON CONFLICT(kind, name, mark) DO UPDATE SET value = excluded.value"),
                 {mark.kind, mark.name, mark.mark, mark.value}))
            return m_connection->error(query.lastError(), "recording a trigger mark");
        put = true;
        return {};
    });
    if (!done)
        return std::move(done).error();
    return put;
}

Result<std::optional<qint64>> EventStore::mark(const QString &kind, const QString &name, const QString &mark)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT value FROM bus_marks WHERE kind = ? AND name = ? AND mark = ?"),
             {kind, name, mark}))
        return m_connection->error(query.lastError(), "reading a trigger mark");
    if (!query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value(0).toLongLong());
}

Result<void> EventStore::setMark(const TriggerMark &mark)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("INSERT INTO bus_marks(kind, name, mark, value) VALUES (?, ?, ?, ?)"
                            " ON CONFLICT(kind, name, mark) DO UPDATE SET value = excluded.value"),
             {mark.kind, mark.name, mark.mark, mark.value}))
        return m_connection->error(query.lastError(), "recording a trigger mark");
    return {};
}

Result<QList<StoredEvent>> EventStore::unrouted(int limit)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT id, body, rule, received_ms FROM bus_events WHERE routed = 0 ORDER BY id LIMIT ?"),
             {limit}))
        return m_connection->error(query.lastError(), "reading unrouted events");
    QList<StoredEvent> result;
    while (query.next())
        result.append({query.value(0).toLongLong(), eventFrom(query.value(1)), query.value(2).toString(),
                       query.value(3).toLongLong()});
    return result;
}

Result<void> EventStore::route(qint64 eventRow, const QList<std::pair<QString, QString>> &targets, qint64 nowMs)
{
    return transaction("routing an event", [&]() -> Result<void> {
        QSqlQuery query(m_connection->db());
        if (!runPrepared(query, QStringLiteral("UPDATE bus_events SET routed = 1 WHERE id = ? AND routed = 0"), {eventRow}))
            return m_connection->error(query.lastError(), "routing an event");
        if (query.numRowsAffected() != 1)
            return {};   // routed by someone else
        for (const auto &[rule, target] : targets) {
            if (!runPrepared(query,
                     QStringLiteral("INSERT INTO bus_deliveries(event, rule, target, status, attempts, next_ms, updated_ms,"
                                    " replays) VALUES (?, ?, ?, 0, 0, ?, ?, 0) ON CONFLICT(event, rule, target) DO NOTHING"),
                     {eventRow, rule, target, nowMs, nowMs}))
                return m_connection->error(query.lastError(), "recording a delivery");
        }
        return {};
    });
}

Result<QList<Delivery>> EventStore::due(qint64 nowMs, int limit)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("SELECT %1 FROM bus_deliveries d JOIN bus_events e ON e.id = d.event"
                            " WHERE d.status = 0 AND d.next_ms <= ? ORDER BY d.next_ms, d.id LIMIT ?")
                 .arg(QLatin1String(kDeliveryColumns)),
             {nowMs, limit}))
        return m_connection->error(query.lastError(), "reading due deliveries");
    QList<Delivery> result;
    while (query.next())
        result.append(deliveryFrom(query));
    return result;
}

Result<std::optional<qint64>> EventStore::nextDueMs()
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT min(next_ms) FROM bus_deliveries WHERE status = 0"), {}))
        return m_connection->error(query.lastError(), "reading due deliveries");
    if (!query.next() || query.value(0).isNull())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value(0).toLongLong());
}

Result<void> EventStore::setExecution(qint64 delivery, const QString &executionId)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("UPDATE bus_deliveries SET execution = ? WHERE id = ?"), {executionId, delivery}))
        return m_connection->error(query.lastError(), "recording a delivery's execution");
    return {};
}

Result<void> EventStore::delivered(qint64 delivery, qint64 nowMs)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("UPDATE bus_deliveries SET status = 1, updated_ms = ? WHERE id = ?"), {nowMs, delivery}))
        return m_connection->error(query.lastError(), "recording a delivery");
    return {};
}

Result<void> EventStore::failed(qint64 delivery, int attempts, qint64 nextMs, bool dead, const QString &error,
                                const QString &cause, qint64 nowMs)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("UPDATE bus_deliveries SET status = ?, attempts = ?, next_ms = ?, error = ?, cause = ?,"
                            " updated_ms = ? WHERE id = ?"),
             {dead ? int(DeliveryStatus::Dead) : int(DeliveryStatus::Pending), attempts, nextMs, error, cause, nowMs,
              delivery}))
        return m_connection->error(query.lastError(), "recording a failed delivery");
    return {};
}

Result<QList<Delivery>> EventStore::deliveries(const Filter &filter)
{
    QString sql = QStringLiteral("SELECT %1 FROM bus_deliveries d JOIN bus_events e ON e.id = d.event WHERE d.id > ?")
                      .arg(QLatin1String(kDeliveryColumns));
    QVariantList values{filter.afterId};
    if (filter.status) {
        sql += QStringLiteral(" AND d.status = ?");
        values << int(*filter.status);
    }
    if (!filter.rule.isEmpty()) {
        sql += QStringLiteral(" AND d.rule = ?");
        values << filter.rule;
    }
    sql += QStringLiteral(" ORDER BY d.id LIMIT ?");
    values << filter.limit;
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, sql, values))
        return m_connection->error(query.lastError(), "listing deliveries");
    QList<Delivery> result;
    while (query.next())
        result.append(deliveryFrom(query));
    return result;
}

Result<Delivery> EventStore::delivery(qint64 id)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("SELECT %1 FROM bus_deliveries d JOIN bus_events e ON e.id = d.event WHERE d.id = ?")
                 .arg(QLatin1String(kDeliveryColumns)),
             {id}))
        return m_connection->error(query.lastError(), "reading a delivery");
    if (!query.next())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("no delivery %1 in the store").arg(id), {}};
    return deliveryFrom(query);
}

Result<void> EventStore::replay(qint64 id, qint64 nowMs)
{
    auto current = delivery(id);
    if (!current)
        return std::move(current).error();
    if (current->status == DeliveryStatus::Delivered || current->status == DeliveryStatus::Pending)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("delivery %1 is %2, not in the event DLQ")
                         .arg(id)
                         .arg(QLatin1String(deliveryStatusName(current->status))),
                     {}};
    // A new execution id: the failed attempts never started one that a replay could be confused with.
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query,
             QStringLiteral("UPDATE bus_deliveries SET status = 0, attempts = 0, next_ms = ?, updated_ms = ?,"
                            " replays = replays + 1, execution = NULL WHERE id = ?"),
             {nowMs, nowMs, id}))
        return m_connection->error(query.lastError(), "replaying a delivery");
    return {};
}

Result<void> EventStore::discard(qint64 id, qint64 nowMs)
{
    auto current = delivery(id);
    if (!current)
        return std::move(current).error();
    if (current->status != DeliveryStatus::Dead)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("delivery %1 is %2, not in the event DLQ")
                         .arg(id)
                         .arg(QLatin1String(deliveryStatusName(current->status))),
                     {}};
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("UPDATE bus_deliveries SET status = 3, updated_ms = ? WHERE id = ?"), {nowMs, id}))
        return m_connection->error(query.lastError(), "discarding a delivery");
    return {};
}

Result<bool> EventStore::executionExists(const QString &executionId)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT count(*) FROM executions WHERE id = ?"), {executionId}) || !query.next())
        return m_connection->error(query.lastError(), "looking up an execution");
    return query.value(0).toLongLong() > 0;
}

Result<qint64> EventStore::lastEventRow()
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT max(id) FROM bus_events"), {}) || !query.next())
        return m_connection->error(query.lastError(), "reading the newest event");
    return query.value(0).isNull() ? 0 : query.value(0).toLongLong();
}

Result<QList<StoredEvent>> EventStore::events(qint64 afterRow, int limit)
{
    QSqlQuery query(m_connection->db());
    if (!runPrepared(query, QStringLiteral("SELECT id, body, rule, received_ms FROM bus_events WHERE id > ? ORDER BY id LIMIT ?"),
             {afterRow, limit}))
        return m_connection->error(query.lastError(), "listing events");
    QList<StoredEvent> result;
    while (query.next())
        result.append({query.value(0).toLongLong(), eventFrom(query.value(1)), query.value(2).toString(),
                       query.value(3).toLongLong()});
    return result;
}

} // namespace sluice
