#include "store/StoreWatcher.h"

#include "store/JournalReader.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

namespace sluice {

/// The part that lives on the reader thread: owns the connection and the poll timer.
class StoreWatcher::Poller : public QObject
{
    Q_OBJECT
public:
    Poller(StoreWatcher *watcher, QString location, int intervalMs)
        : m_watcher(watcher), m_location(std::move(location)), m_intervalMs(intervalMs)
    {
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, [this]() { poll(false); });
        m_timer->start();
        poll(true);
    }
    void setOpenExecution(const QString &id)
    {
        m_open = id;
        m_stateCountsDue = QDeadlineTimer(0);
        readExecution();
    }
    void setRunLimit(int limit) { m_runLimit = limit; }
    void poll(bool force)
    {
        if (!m_reader) {
            auto reader = JournalReader::open(m_location);
            if (!reader) {
                if (!m_failedOnce)
                    Q_EMIT m_watcher->failed(reader.error().message);
                m_failedOnce = true;
                return;
            }
            m_reader = std::move(reader).value();
            m_failedOnce = false;
            force = true;
        }
        auto counter = m_reader->changeCounter();
        if (!counter) {
            Q_EMIT m_watcher->failed(counter.error().message);
            m_reader.reset();   // reconnect on the next tick
            return;
        }
        const bool moved = counter.value() != m_counter;
        m_counter = counter.value();
        if (!moved && !force && !m_stateCountsPending)
            return;
        if (moved || force) {
            RunFilter filter;
            filter.limit = m_runLimit;
            filter.withCounts = true;
            auto runs = m_reader->runs(filter);
            if (!runs) {
                Q_EMIT m_watcher->failed(runs.error().message);
                return;
            }
            Q_EMIT m_watcher->runsRead(runs.value());
            m_stateCountsPending = true;
        }
        readExecution();
    }

private:
    void readExecution()
    {
        if (!m_reader || m_open.isEmpty()) {
            m_stateCountsPending = false;
            return;
        }
        // The per-state counts scan the run's items: at most once per second while the store keeps moving.
        if (!m_stateCountsDue.hasExpired())
            return;
        m_stateCountsPending = false;
        QElapsedTimer took;
        took.start();
        auto info = m_reader->execution(m_open, false);
        if (!info)
            return;   // not written yet
        auto states = m_reader->stateCounts(m_open);
        if (!states) {
            Q_EMIT m_watcher->failed(states.error().message);
            return;
        }
        // A slow scan (a huge run) waits longer before the next one.
        m_stateCountsDue = QDeadlineTimer(std::max<qint64>(1000, took.elapsed() * 10));
        Q_EMIT m_watcher->executionRead(info.value(), states.value());
    }

    StoreWatcher *m_watcher;   // signals are emitted through it (queued to its receivers)
    QString m_location;
    int m_intervalMs;
    int m_runLimit = 500;
    QTimer *m_timer = nullptr;
    std::unique_ptr<JournalReader> m_reader;
    qint64 m_counter = -1;
    bool m_failedOnce = false;
    QString m_open;
    QDeadlineTimer m_stateCountsDue{0};
    bool m_stateCountsPending = false;
};

StoreWatcher::StoreWatcher(const QString &location, int intervalMs, QObject *parent)
    : QObject(parent), m_location(location)
{
    qRegisterMetaType<sluice::ExecutionInfo>();
    qRegisterMetaType<QList<sluice::ExecutionInfo>>();
    qRegisterMetaType<sluice::StateItemCounts>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("sluice-store-watcher"));
    m_poller = new Poller(this, location, intervalMs);
    m_poller->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_poller, &QObject::deleteLater);
}

StoreWatcher::~StoreWatcher()
{
    m_thread->quit();
    m_thread->wait();
}

void StoreWatcher::start()
{
    if (m_thread->isRunning())
        return;
    m_thread->start();
    QMetaObject::invokeMethod(m_poller, [p = m_poller]() { p->begin(); }, Qt::QueuedConnection);
}

void StoreWatcher::setOpenExecution(const QString &executionId)
{
    QMetaObject::invokeMethod(m_poller, [p = m_poller, executionId]() { p->setOpenExecution(executionId); },
                              Qt::QueuedConnection);
}

void StoreWatcher::setRunLimit(int limit)
{
    QMetaObject::invokeMethod(m_poller, [p = m_poller, limit]() { p->setRunLimit(limit); }, Qt::QueuedConnection);
}

void StoreWatcher::refresh()
{
    QMetaObject::invokeMethod(m_poller, [p = m_poller]() { p->poll(true); }, Qt::QueuedConnection);
}

} // namespace sluice

#include "StoreWatcher.moc"
