#include "events/EventTasks.h"

#include "events/EventPattern.h"
#include "events/EventStore.h"
#include "tasks/TaskRegistry.h"
#include "tasks/TaskResource.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <list>
#include <mutex>

namespace sluice {

Q_LOGGING_CATEGORY(lcEventTasks, "sluice.events.tasks")

namespace {

Failure runtime(const QString &cause)
{
    return Failure{errors::kRuntime, cause.toStdString()};
}

void answer(const TaskCallback &done, Result<Json, Failure> result)
{
    try {
        done(std::move(result));
    } catch (...) {
        qCWarning(lcEventTasks) << "a task callback threw";
    }
}

} // namespace

/// The thread the event tasks run on: its own store connection and the waits in progress, polled.
class EventTaskService
{
public:
    EventTaskService(QString location, int pollMs) : m_location(std::move(location))
    {
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("sluice-event-tasks"));
        m_host = new QObject;
        m_poll = new QTimer(m_host);
        m_poll->setInterval(pollMs);
        QObject::connect(m_poll, &QTimer::timeout, m_host, [this] { poll(); });
        m_host->moveToThread(m_thread);
        QObject::connect(m_thread, &QThread::finished, m_host, &QObject::deleteLater);
        m_thread->start();
    }

    ~EventTaskService()
    {
        const auto stop = [this] {
            for (Waiter &w : m_waiters)
                answer(w.done, runtime(QStringLiteral("cancelled: the event tasks stopped")));
            m_waiters.clear();
            m_store.reset();   // the connection belongs to the service's thread
        };
        if (QThread::currentThread() == m_thread) {
            // The last user let go inside one of our own callbacks: the thread cannot wait for itself, so it
            // ends on its own and its owner's event loop deletes it.
            stop();
            QObject::connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
            m_thread->quit();
            return;
        }
        QMetaObject::invokeMethod(m_host, stop, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }

    /// Opens the connection on the service's thread.
    Result<void> open()
    {
        Result<void> opened;
        QMetaObject::invokeMethod(m_host, [this, &opened] {
            auto store = EventStore::open(m_location);
            if (!store)
                opened = std::move(store).error();
            else
                m_store = std::move(store).value();
        }, Qt::BlockingQueuedConnection);
        return opened;
    }

    void put(const TaskCall &call, TaskCallback done)
    {
        const Json &p = call.input;
        if (!p.is_object() || !p.contains("Source") || !p["Source"].is_string() || !p.contains("DetailType") ||
            !p["DetailType"].is_string() || (p.contains("Detail") && !p["Detail"].is_object()) ||
            (p.contains("Resources") && !p["Resources"].is_array()))
            return answer(done, runtime(QStringLiteral("sluice:event.put takes {\"Source\": string, \"DetailType\": string, "
                                                       "\"Detail\": object, \"Resources\": [string]}")));
        Event event = Event::make(p["Source"].get<std::string>(), p["DetailType"].get<std::string>(),
                                  p.value("Detail", Json::object()), QDateTime::currentMSecsSinceEpoch());
        for (const Json &r : p.value("Resources", Json::array())) {
            if (r.is_string())
                event.resources.push_back(r.get<std::string>());
        }
        static const QUuid ns(QStringLiteral("{9d2f1c1a-7e4b-4f0e-b1a3-5c6d7e8f9012}"));
        event.id = QUuid::createUuidV5(ns, QByteArray::fromStdString(call.idempotencyKey))
                       .toString(QUuid::WithoutBraces)
                       .toStdString();
        QMetaObject::invokeMethod(m_host, [this, event = std::move(event), done = std::move(done)]() mutable {
            auto id = m_store->put(std::move(event));
            if (!id)
                return answer(done, Failure{"Sluice.StoreUnavailable", id.error().message.toStdString()});
            answer(done, Json{{"EventId", id.value()}});
        }, Qt::QueuedConnection);
    }

    void wait(const TaskCall &call, TaskCallback done)
    {
        const Json &p = call.input;
        if (!p.is_object() || !p.contains("EventPattern"))
            return answer(done, runtime(QStringLiteral("sluice:event.wait takes {\"EventPattern\": {…}}")));
        auto pattern = EventPattern::parse(p["EventPattern"], QStringLiteral("/EventPattern"));
        if (!pattern)
            return answer(done, runtime(QStringLiteral("sluice:event.wait: %1").arg(pattern.error().toString())));
        // One wait per (execution, item, state, invocation): the same after a restart, whatever the attempt.
        const QString key = QStringLiteral("%1/%2/%3/%4")
                                .arg(QString::fromStdString(call.executionId))
                                .arg(call.itemId)
                                .arg(QString::fromStdString(call.stateName))
                                .arg(call.invocation);
        QMetaObject::invokeMethod(m_host, [this, key, pattern = std::move(pattern).value(), cancelled = call.cancelled,
                                           done = std::move(done)]() mutable {
            auto mark = m_store->mark(QStringLiteral("wait"), key, QStringLiteral("after"));
            if (!mark)
                return answer(done, Failure{"Sluice.StoreUnavailable", mark.error().message.toStdString()});
            qint64 after = 0;
            if (mark.value()) {
                after = *mark.value();
            } else {
                auto last = m_store->lastEventRow();
                if (!last)
                    return answer(done, Failure{"Sluice.StoreUnavailable", last.error().message.toStdString()});
                after = last.value();
                if (auto set = m_store->setMark({QStringLiteral("wait"), key, QStringLiteral("after"), after}); !set)
                    return answer(done, Failure{"Sluice.StoreUnavailable", set.error().message.toStdString()});
            }
            m_waiters.push_back({std::move(pattern), after, std::move(cancelled), std::move(done)});
            if (!m_poll->isActive())
                m_poll->start();
            poll();
        }, Qt::QueuedConnection);
    }

private:
    struct Waiter
    {
        EventPattern pattern;
        qint64 after = 0;   // events with a larger row are candidates
        std::shared_ptr<const std::atomic_bool> cancelled;
        TaskCallback done;
    };

    void poll()
    {
        for (auto it = m_waiters.begin(); it != m_waiters.end();) {
            if (it->cancelled && it->cancelled->load()) {
                answer(it->done, runtime(QStringLiteral("cancelled")));
                it = m_waiters.erase(it);
                continue;
            }
            bool matched = false;
            for (;;) {
                auto events = m_store->events(it->after, 200);
                if (!events) {
                    qCWarning(lcEventTasks) << "event.wait:" << events.error().message;
                    break;
                }
                for (const StoredEvent &e : events.value()) {
                    it->after = e.row;
                    if (e.onlyRule.isEmpty() && it->pattern.matches(e.event.toJson())) {
                        answer(it->done, e.event.toJson());
                        matched = true;
                        break;
                    }
                }
                if (matched || events.value().size() < 200)
                    break;
            }
            it = matched ? m_waiters.erase(it) : std::next(it);
        }
        if (m_waiters.empty())
            m_poll->stop();
    }

    const QString m_location;
    QThread *m_thread = nullptr;   // owned; see the destructor
    QObject *m_host = nullptr;
    QTimer *m_poll = nullptr;
    std::unique_ptr<EventStore> m_store;   // service thread only
    std::list<Waiter> m_waiters;           // service thread only
};

namespace {

class EventPutResource final : public TaskResource
{
public:
    explicit EventPutResource(std::shared_ptr<EventTaskService> service) : m_service(std::move(service)) {}
    void invoke(const TaskCall &call, TaskCallback done) override { m_service->put(call, std::move(done)); }

private:
    std::shared_ptr<EventTaskService> m_service;
};

class EventWaitResource final : public TaskResource
{
public:
    explicit EventWaitResource(std::shared_ptr<EventTaskService> service) : m_service(std::move(service)) {}
    void invoke(const TaskCall &call, TaskCallback done) override { m_service->wait(call, std::move(done)); }

private:
    std::shared_ptr<EventTaskService> m_service;
};

} // namespace

Result<void> addEventTasks(TaskRegistry &registry, const QString &location, int pollMs)
{
    auto service = std::make_shared<EventTaskService>(location, pollMs);
    if (auto opened = service->open(); !opened)
        return opened;
    registry.add("sluice:event.put", std::make_shared<EventPutResource>(service));
    registry.add("sluice:event.wait", std::make_shared<EventWaitResource>(service));
    return {};
}

} // namespace sluice
