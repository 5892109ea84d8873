#pragma once

#include "engine/Runtime.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <queue>
#include <vector>

namespace sluice {

/// One engine thread. Lives in its own QThread; see Runtime.
class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(int index, QThread *thread);

    void post(Runtime::Job job);
    void after(qint64 delayMs, const void *owner, Runtime::Job job);
    void cancelTimers(const void *owner);

    static thread_local int t_index;

private:
    struct Timer
    {
        qint64 deadlineMs;
        quint64 seq;
        const void *owner;
        Runtime::Job job;
        bool operator>(const Timer &o) const
        {
            return deadlineMs != o.deadlineMs ? deadlineMs > o.deadlineMs : seq > o.seq;
        }
    };

    void drain();
    void fireTimers();
    void armTimer();   // worker thread only

    const int m_index;
    QMutex m_mutex;
    std::vector<Runtime::Job> m_jobs;   // guarded by m_mutex
    bool m_drainQueued = false;         // guarded by m_mutex
    std::vector<Timer> m_newTimers;     // guarded by m_mutex
    std::vector<const void *> m_cancelled;   // guarded by m_mutex

    // worker thread only
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> m_timers;
    quint64 m_seq = 0;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
};

} // namespace sluice
