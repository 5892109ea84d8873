#pragma once

#include "Result.h"
#include "engine/Execution.h"
#include "events/Event.h"
#include "events/Rules.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

namespace sluice {

class Clock;
class Engine;
class EventStore;
class Journal;
class TaskRegistry;
struct Delivery;

/// The event bus: routes journaled events to the targets of the rules they match and delivers them.
///
///     put ──► bus_events (committed) ──route──► bus_deliveries (one per rule target, committed)
///                                                   │ due
///                                                   ▼
///                      Workflow: execution id recorded, Engine::start, journal flushed ──► delivered
///                      PutEvent: a new event (its id derived from the delivery) ──► delivered
///                      failure: retried after the target's backoff; retries exhausted ──► dead (event DLQ)
///
/// An event put by a PutEvent target lists the rules it came through in `resources` ("rule/NAME", oldest
/// first); past 16 of them the delivery fails with Sluice.EventLoop and goes to the event DLQ at once, so
/// rules whose PutEvent targets match each other's patterns cannot put events for ever.
///
/// Every step is committed before the next, so a crash anywhere loses nothing: on restart unrouted events
/// are routed and pending deliveries are attempted again. A Workflow delivery whose execution reached the
/// journal is not started twice (the resume of unfinished executions continues it). Delivery is done when
/// the execution has started; how the execution ends is the execution's business (its items have their DLQ).
///
/// Lives on the thread that made it, with the EventStore it is given (blocking SQL: not the GUI thread).
class EventBus : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pollMs = 200;                       ///< how often due deliveries and other processes' events are looked for
        bool noDelays = false;                  ///< executions' Wait states and Retry intervals take no time
        std::shared_ptr<TaskRegistry> tasks;    ///< for the executions (default: the built-ins)
    };

    EventBus(EventStore &store, Rules rules, Engine &engine, std::shared_ptr<Journal> journal, const Clock &clock,
             Options options, QObject *parent = nullptr);
    ~EventBus() override;

    /// Journals the event and returns its id once committed; delivery follows on this thread's event loop.
    Result<std::string> put(Event event);

    /// Starts polling (routes and delivers what the store already holds: a restart picks up where it was).
    void start();
    /// No new deliveries from now on; executions already started go on.
    void stop();
    /// One pass: routes every unrouted event and attempts every due delivery. Returns the attempts made.
    int dispatch();
    /// Dispatches on the next turn of the event loop (after a trigger put an event).
    void wake();

    /// Executions this bus started that have not finished.
    std::vector<Execution> running();
    const Rules &rules() const { return m_rules; }

Q_SIGNALS:
    /// A delivery attempt ended: `error` is empty on success.
    void attempted(qint64 delivery, const QString &rule, const QString &target, const QString &error);
    /// A delivery's retries are exhausted: it is in the event DLQ.
    void deadLettered(qint64 delivery, const QString &rule, const QString &target, const QString &error);
    void executionStarted(const QString &executionId, const QString &rule, const QString &target);

private:
    Result<void, Failure> attempt(const Delivery &delivery);
    Result<void, Failure> startWorkflow(const Delivery &delivery, const RuleTarget &target, Json input);
    Result<void, Failure> putEvent(const Delivery &delivery, const RuleTarget &target, Json input);
    void route();

    EventStore &m_store;
    const Rules m_rules;
    Engine &m_engine;
    std::shared_ptr<Journal> m_journal;
    const Clock &m_clock;
    Options m_options;
    QTimer m_poll;
    bool m_stopped = false;
    bool m_wakePending = false;
    std::vector<Execution> m_running;
    QSet<QString> m_startedHere;   ///< execution ids this bus started (a retry must not start one again)
};

} // namespace sluice
