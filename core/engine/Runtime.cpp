#include "engine/Runtime.h"
#include "engine/Worker_p.h"

#include <algorithm>

namespace sluice {

thread_local int Worker::t_index = -1;

Worker::Worker(int index, QThread *thread) : m_index(index)
{
    m_clock.start();
    moveToThread(thread);
    QMetaObject::invokeMethod(
        this,
        [this]() {
            t_index = m_index;
            m_timer = new QTimer(this);
            m_timer->setSingleShot(true);
            m_timer->setTimerType(Qt::PreciseTimer);
            connect(m_timer, &QTimer::timeout, this, &Worker::fireTimers);
        },
        Qt::QueuedConnection);
}

void Worker::post(Runtime::Job job)
{
    bool queue = false;
    {
        QMutexLocker lock(&m_mutex);
        m_jobs.push_back(std::move(job));
        if (!m_drainQueued) {
            m_drainQueued = true;
            queue = true;
        }
    }
    // One queued call per batch of jobs, not per job.
    if (queue)
        QMetaObject::invokeMethod(this, &Worker::drain, Qt::QueuedConnection);
}

void Worker::after(qint64 delayMs, const void *owner, Runtime::Job job)
{
    bool queue = false;
    {
        QMutexLocker lock(&m_mutex);
        m_newTimers.push_back(Timer{m_clock.elapsed() + std::max<qint64>(0, delayMs), 0, owner, std::move(job)});
        if (!m_drainQueued) {
            m_drainQueued = true;
            queue = true;
        }
    }
    if (queue)
        QMetaObject::invokeMethod(this, &Worker::drain, Qt::QueuedConnection);
}

void Worker::cancelTimers(const void *owner)
{
    bool queue = false;
    {
        QMutexLocker lock(&m_mutex);
        m_cancelled.push_back(owner);
        if (!m_drainQueued) {
            m_drainQueued = true;
            queue = true;
        }
    }
    if (queue)
        QMetaObject::invokeMethod(this, &Worker::drain, Qt::QueuedConnection);
}

void Worker::drain()
{
    // One batch per call: jobs posted while it runs wait for the next call, so that timers and the
    // progress publisher get their turn even when the queue never runs dry.
    std::vector<Runtime::Job> jobs;
    std::vector<Timer> timers;
    std::vector<const void *> cancelled;
    {
        QMutexLocker lock(&m_mutex);
        jobs.swap(m_jobs);
        timers.swap(m_newTimers);
        cancelled.swap(m_cancelled);
    }
    if (!cancelled.empty()) {
        std::vector<Timer> kept;
        kept.reserve(m_timers.size());
        while (!m_timers.empty()) {
            Timer t = std::move(const_cast<Timer &>(m_timers.top()));
            m_timers.pop();
            if (std::find(cancelled.begin(), cancelled.end(), t.owner) == cancelled.end())
                kept.push_back(std::move(t));
        }
        for (auto &t : kept)
            m_timers.push(std::move(t));
    }
    for (auto &t : timers) {
        t.seq = ++m_seq;
        m_timers.push(std::move(t));
    }
    for (auto &job : jobs)
        job();
    jobs.clear();
    armTimer();
    bool again = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_jobs.empty() && m_newTimers.empty() && m_cancelled.empty())
            m_drainQueued = false;
        else
            again = true;
    }
    if (again)
        QMetaObject::invokeMethod(this, &Worker::drain, Qt::QueuedConnection);
}

void Worker::fireTimers()
{
    const qint64 now = m_clock.elapsed();
    while (!m_timers.empty() && m_timers.top().deadlineMs <= now) {
        Runtime::Job job = std::move(const_cast<Timer &>(m_timers.top()).job);
        m_timers.pop();
        job();
    }
    armTimer();
}

void Worker::armTimer()
{
    if (!m_timer)
        return;
    if (m_timers.empty()) {
        m_timer->stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_timers.top().deadlineMs - m_clock.elapsed());
    m_timer->start(int(std::min<qint64>(wait, 24LL * 3600 * 1000)));
}

Runtime::Runtime(int workers)
{
    if (workers <= 0)
        workers = std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < workers; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("sluice-worker-%1").arg(i));
        auto worker = std::make_unique<Worker>(i, thread);
        thread->start();
        m_workers.push_back(std::move(worker));
    }
}

Runtime::~Runtime()
{
    for (auto &w : m_workers) {
        QThread *thread = w->thread();
        // The worker must die on its own thread (it owns a QTimer there).
        Worker *raw = w.release();
        QMetaObject::invokeMethod(raw, [raw]() { delete raw; }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
        delete thread;
    }
}

void Runtime::post(int worker, Job job)
{
    m_workers[size_t(worker) % m_workers.size()]->post(std::move(job));
}

void Runtime::post(Job job)
{
    post(int(m_next.fetch_add(1, std::memory_order_relaxed) % m_workers.size()), std::move(job));
}

void Runtime::after(int worker, qint64 delayMs, const void *owner, Job job)
{
    m_workers[size_t(worker) % m_workers.size()]->after(delayMs, owner, std::move(job));
}

void Runtime::cancelTimers(const void *owner)
{
    for (auto &w : m_workers)
        w->cancelTimers(owner);
}

int Runtime::currentWorker()
{
    return Worker::t_index;
}

} // namespace sluice
