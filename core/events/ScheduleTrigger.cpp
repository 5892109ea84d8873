#include "events/ScheduleTrigger.h"

#include "events/Clock.h"
#include "events/EventStore.h"
#include "paths/Timestamp.h"

#include <QLoggingCategory>
#include <QUuid>

namespace sluice {

Q_LOGGING_CATEGORY(lcSchedule, "sluice.events.schedule")

namespace {

const QString kKind = QStringLiteral("schedule");
const QString kOnly = QStringLiteral("last-fire");   // the one mark a schedule keeps

} // namespace

ScheduleTrigger::ScheduleTrigger(EventStore &store, const Rules &rules, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_rules(rules), m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ScheduleTrigger::poll);
}

bool ScheduleTrigger::putFire(const Rule &rule, qint64 fireMs, Json detail)
{
    const QString name = QString::fromStdString(rule.name);
    Event event = Event::make("aws.events", "Scheduled Event", std::move(detail), fireMs);
    // One id per (rule, fire time): the same fire is never two events.
    static const QUuid ns(QStringLiteral("{0b6f3e0e-5c1d-4f7e-8d0a-2f6a7e9c4b21}"));
    event.id = QUuid::createUuidV5(ns, QStringLiteral("%1/%2").arg(name).arg(fireMs)).toString(QUuid::WithoutBraces).toStdString();
    event.resources = {"rule/" + rule.name};
    const std::string id = event.id;
    auto put = m_store.putWithMark(std::move(event), name, {kKind, name, kOnly, fireMs});
    if (!put) {
        qCWarning(lcSchedule) << "schedule" << name << ":" << put.error().message;
        Q_EMIT failed(name, put.error().message);
        return false;
    }
    if (put.value())
        Q_EMIT fired(name, fireMs, QString::fromStdString(id));
    return true;
}

void ScheduleTrigger::start()
{
    m_running = true;
    const qint64 now = m_clock.nowMs();
    for (const Rule &rule : m_rules.rules) {
        if (!rule.enabled || !rule.schedule)
            continue;
        const QString name = QString::fromStdString(rule.name);
        auto last = m_store.mark(kKind, name, kOnly);
        if (!last) {
            Q_EMIT failed(name, last.error().message);
            continue;
        }
        if (!last.value()) {
            // First start of this rule: nothing was missed; remember from when it counts.
            if (auto done = m_store.setMark({kKind, name, kOnly, now}); !done)
                Q_EMIT failed(name, done.error().message);
            m_last[rule.name] = now;
            continue;
        }
        const Schedule::Fires fires = rule.schedule->firesBetween(*last.value(), now);
        m_last[rule.name] = *last.value();
        if (fires.count == 0)
            continue;
        QList<qint64> first(fires.first.begin(), fires.first.end());
        qCWarning(lcSchedule).noquote() << QStringLiteral("rule %1 (%2) missed %3 fire time(s) from %4 to %5 while "
                                                         "Sluice was not running%6")
                                               .arg(name, rule.schedule->expression())
                                               .arg(fires.count)
                                               .arg(QString::fromStdString(timestamp::formatMs(fires.first.front())),
                                                    QString::fromStdString(timestamp::formatMs(*fires.last)),
                                                    rule.catchUp == Rule::CatchUp::Once ? QStringLiteral("; running once")
                                                                                        : QString());
        Q_EMIT missed(name, fires.count, first, *fires.last);
        if (rule.catchUp == Rule::CatchUp::Once) {
            Json times = Json::array();
            for (qint64 t : fires.first)
                times.push_back(timestamp::formatMs(t));
            if (!putFire(rule, *fires.last, Json{{"catchUp", true}, {"missedCount", fires.count}, {"missedFireTimes", times}}))
                continue;
        } else if (auto done = m_store.setMark({kKind, name, kOnly, *fires.last}); !done) {
            Q_EMIT failed(name, done.error().message);
            continue;
        }
        m_last[rule.name] = *fires.last;
    }
    poll();
}

void ScheduleTrigger::stop()
{
    m_running = false;
    m_timer.stop();
}

void ScheduleTrigger::poll()
{
    const qint64 now = m_clock.nowMs();
    for (const Rule &rule : m_rules.rules) {
        const auto last = m_last.find(rule.name);
        if (last == m_last.end())
            continue;
        const Schedule::Fires fires = rule.schedule->firesBetween(last->second, now, 10);
        if (fires.count == 0)
            continue;
        if (fires.count > 1) {
            // Late (the machine slept, the loop was blocked): the newest fire runs, the older ones are reported.
            QList<qint64> first(fires.first.begin(), fires.first.end() - (fires.first.size() == size_t(fires.count) ? 1 : 0));
            Q_EMIT missed(QString::fromStdString(rule.name), fires.count - 1, first, first.isEmpty() ? 0 : first.last());
        }
        if (putFire(rule, *fires.last, Json::object()))
            last->second = *fires.last;
    }
    arm();
}

void ScheduleTrigger::arm()
{
    if (!m_running)
        return;
    std::optional<qint64> next;
    for (const Rule &rule : m_rules.rules) {
        const auto last = m_last.find(rule.name);
        if (last == m_last.end())
            continue;
        if (const auto at = rule.schedule->nextAfter(last->second); at && (!next || *at < *next))
            next = at;
    }
    if (!next)
        return;
    // At most a minute at a time, so a clock that jumps is noticed soon.
    const qint64 delay = std::clamp<qint64>(*next - m_clock.nowMs() + 5, 0, 60000);
    m_timer.start(int(delay));
}

} // namespace sluice
