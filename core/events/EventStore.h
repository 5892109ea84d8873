#pragma once

#include "Json.h"
#include "Result.h"
#include "events/Event.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace sluice {

class StoreConnection;

/// The life of one delivery of an event to one rule target.
enum class DeliveryStatus {
    Pending,     ///< waiting for its (next) attempt
    Delivered,   ///< the target took it (the execution is journaled, the event is put)
    Dead,        ///< retries exhausted: in the event DLQ, replayable
    Discarded,   ///< taken out of the event DLQ by hand
};

/// "pending", "delivered", "dead", "discarded".
const char *deliveryStatusName(DeliveryStatus status);
std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name);

/// An event as the store keeps it.
struct StoredEvent
{
    qint64 row = 0;
    Event event;
    QString onlyRule;     ///< a scheduled event goes only to its own rule
    qint64 receivedMs = 0;
};

/// One (event, rule, target) delivery with its retry state.
struct Delivery
{
    qint64 id = 0;
    qint64 eventRow = 0;
    Event event;
    QString rule;
    QString target;
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0;              ///< failed attempts so far
    qint64 nextMs = 0;             ///< when the next attempt is due (Pending)
    QString executionId;           ///< Workflow targets: the execution it starts (chosen before the start)
    QString error;                 ///< the last failure
    QString cause;
    qint64 updatedMs = 0;
    int replays = 0;               ///< times replayed from the event DLQ
};

/// What a trigger remembers across restarts, kept with the event it puts in one transaction.
struct TriggerMark
{
    QString kind;   ///< "schedule", "file"
    QString name;   ///< the rule or the watch
    QString mark;   ///< "" for a schedule; the file's identity for a watch
    qint64 value = 0;
};

/// The event bus's tables in the journal's store (SQLite or PostgreSQL; Journal::open's location syntax and
/// migrations). Blocking calls on a connection of its own: it lives on the thread that opened it, never the
/// GUI thread. Every write commits before it returns, so an acknowledged event survives a crash.
class EventStore
{
public:
    /// Opens the store, creating and migrating it where needed.
    static Result<std::unique_ptr<EventStore>> open(const QString &location);
    ~EventStore();

    /// Journals the event (with a fresh id when it has none); returns the stored event's id. An event whose
    /// id is already stored is not stored twice (its id is returned).
    Result<std::string> put(Event event, const QString &onlyRule = {});
    /// As put(), and records `mark` in the same transaction. False in the value when `mark` (kind, name,
    /// mark) was already there with `value` or later: nothing is put (a file reported twice).
    Result<bool> putWithMark(Event event, const QString &onlyRule, const TriggerMark &mark);
    /// The value stored for (kind, name, mark).
    Result<std::optional<qint64>> mark(const QString &kind, const QString &name, const QString &mark);
    Result<void> setMark(const TriggerMark &mark);

    /// Events not yet routed to their rules, oldest first.
    Result<QList<StoredEvent>> unrouted(int limit = 100);
    /// Records an event's deliveries (rule, target) and marks it routed, in one transaction; does nothing if
    /// another process routed it first.
    Result<void> route(qint64 eventRow, const QList<std::pair<QString, QString>> &targets, qint64 nowMs);

    /// Pending deliveries due at `nowMs`, oldest first.
    Result<QList<Delivery>> due(qint64 nowMs, int limit = 100);
    /// The earliest next attempt among pending deliveries.
    Result<std::optional<qint64>> nextDueMs();
    Result<void> setExecution(qint64 delivery, const QString &executionId);
    Result<void> delivered(qint64 delivery, qint64 nowMs);
    /// A failed attempt: retried at `nextMs`, or `dead` (into the event DLQ).
    Result<void> failed(qint64 delivery, int attempts, qint64 nextMs, bool dead, const QString &error,
                        const QString &cause, qint64 nowMs);

    struct Filter
    {
        std::optional<DeliveryStatus> status;
        QString rule;
        qint64 afterId = 0;
        int limit = 100;
    };
    Result<QList<Delivery>> deliveries(const Filter &filter);
    Result<Delivery> delivery(qint64 id);
    /// Event DLQ: a dead (or discarded) delivery becomes pending again, due now, with its attempts reset.
    Result<void> replay(qint64 id, qint64 nowMs);
    Result<void> discard(qint64 id, qint64 nowMs);

    /// Whether the journal holds an execution with this id.
    Result<bool> executionExists(const QString &executionId);
    /// The row of the newest stored event (0 when there is none): events after it are "new".
    Result<qint64> lastEventRow();
    /// Events stored so far (tests, `sluice-cli event list`).
    Result<QList<StoredEvent>> events(qint64 afterRow = 0, int limit = 100);

    QString location() const;

private:
    explicit EventStore(std::unique_ptr<StoreConnection> connection);
    template <typename F>
    Result<void> transaction(const char *what, F body);
    Result<void> insertEvent(const Event &event, const QString &onlyRule, qint64 nowMs);

    std::unique_ptr<StoreConnection> m_connection;
};

} // namespace sluice
