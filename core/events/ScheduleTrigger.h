#pragma once

#include "events/Rules.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <map>
#include <string>

namespace sluice {

class Clock;
class EventStore;

/// Puts the events of the rules that have a ScheduleExpression, each only to its own rule, in EventBridge's
/// shape: source "aws.events", detail-type "Scheduled Event", resources ["rule/NAME"], time = the fire time.
///
/// The last fire of each rule is kept in the store with its event (one transaction), so after a downtime
/// start() knows which fire times were missed: it reports them (missed()) and, for "CatchUp": "once", puts
/// one event for them (time = the latest missed fire; detail {"catchUp": true, "missedCount", "missedFireTimes"}).
/// A rule seen for the first time starts from now. Lives on the thread that made it (with its store).
class ScheduleTrigger : public QObject
{
    Q_OBJECT
public:
    ScheduleTrigger(EventStore &store, const Rules &rules, const Clock &clock, QObject *parent = nullptr);

    /// Handles the downtime since each rule's last fire, then fires on time (a timer to the next fire).
    void start();
    void stop();
    /// Puts the events that are due by the clock now (the timer calls it; tests with a hand-set clock too).
    void poll();

Q_SIGNALS:
    /// Fire times of `rule` that passed without an event: `count` of them, the first few in `first`.
    void missed(const QString &rule, qint64 count, const QList<qint64> &first, qint64 last);
    void fired(const QString &rule, qint64 fireMs, const QString &eventId);
    void failed(const QString &rule, const QString &message);

private:
    bool putFire(const Rule &rule, qint64 fireMs, Json detail);
    void arm();

    EventStore &m_store;
    const Rules &m_rules;
    const Clock &m_clock;
    QTimer m_timer;
    std::map<std::string, qint64> m_last;   ///< each schedule rule's last fire (or start)
    bool m_running = false;
};

} // namespace sluice
