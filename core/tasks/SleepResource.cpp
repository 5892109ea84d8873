#include "SleepResource.h"

#include <QLoggingCategory>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <vector>

Q_LOGGING_CATEGORY(lcSleep, "sluice.tasks.sleep")

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

Failure cancelledFailure()
{
    return Failure{errors::kRuntime, "cancelled"};
}

struct PendingSleep
{
    qint64 dueNs = 0;
    quint64 sequence = 0; // keeps equal deadlines in arrival order
    TaskCallback done;
    Json result;
    std::shared_ptr<const std::atomic_bool> cancelled;

    bool isCancelled() const { return cancelled && cancelled->load(std::memory_order_relaxed); }
};

/// Orders a max-heap so that its front is the earliest deadline.
struct LaterFirst
{
    bool operator()(const PendingSleep &a, const PendingSleep &b) const
    {
        return a.dueNs != b.dueNs ? a.dueNs > b.dueNs : a.sequence > b.sequence;
    }
};

void answer(TaskCallback &done, Result<Json, Failure> result)
{
    try {
        done(std::move(result));
    } catch (const std::exception &e) {
        qCWarning(lcSleep) << "a sleep callback threw:" << e.what();
    } catch (...) {
        qCWarning(lcSleep) << "a sleep callback threw";
    }
}

} // namespace

/// The timer thread and the queue of pending sleeps.
///
///   invoke() ──push──► heap (mutex) ◄──pop due── dueTimer (timer thread) ──► done(input)
///                                   ◄──sweep──── cancelTimer, every kCancelPollMs while non-empty
class SleepResource::Scheduler
{
public:
    Scheduler()
    {
        m_thread.setObjectName(QStringLiteral("sluice-sleep"));
        m_host = new QObject;
        m_dueTimer = new QTimer(m_host);
        m_dueTimer->setSingleShot(true);
        m_dueTimer->setTimerType(Qt::PreciseTimer);
        m_cancelTimer = new QTimer(m_host);
        m_cancelTimer->setInterval(kCancelPollMs);
        QObject::connect(m_dueTimer, &QTimer::timeout, m_host, [this] { fireDue(); });
        QObject::connect(m_cancelTimer, &QTimer::timeout, m_host, [this] { sweepCancelled(); });
        m_host->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
        m_thread.start();
    }

    ~Scheduler()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        Q_ASSERT_X(QThread::currentThread() != &m_thread, "~SleepResource",
                   "destroyed from inside one of its own callbacks");
        m_thread.quit();
        m_thread.wait(); // also runs the host's deferred deletion, so no timer outlives `this`

        std::vector<PendingSleep> left;
        {
            const std::lock_guard lock(m_mutex);
            left.swap(m_heap);
        }
        for (auto &sleep : left)
            answer(sleep.done, cancelledFailure());
    }

    void add(double seconds, Json result, std::shared_ptr<const std::atomic_bool> cancelled,
             TaskCallback done)
    {
        PendingSleep sleep;
        sleep.dueNs = nowNs() + static_cast<qint64>(std::ceil(seconds * 1e9));
        sleep.result = std::move(result);
        sleep.cancelled = std::move(cancelled);
        sleep.done = std::move(done);

        bool postRearm = false;
        {
            std::unique_lock lock(m_mutex);
            if (m_stopping) {
                lock.unlock();
                answer(sleep.done, cancelledFailure());
                return;
            }
            sleep.sequence = m_nextSequence++;
            const qint64 due = sleep.dueNs;
            m_heap.push_back(std::move(sleep));
            std::push_heap(m_heap.begin(), m_heap.end(), LaterFirst{});
            // Only an earlier deadline than the armed one needs the timer thread; one posted re-arm
            // covers any number of such additions because it reads the heap when it runs.
            if (due < m_armedDueNs && !m_rearmPosted) {
                m_rearmPosted = true;
                postRearm = true;
            }
        }
        if (postRearm)
            QMetaObject::invokeMethod(
                m_host, [this] { rearm(); }, Qt::QueuedConnection);
    }

    std::size_t pending() const
    {
        const std::lock_guard lock(m_mutex);
        return m_heap.size();
    }

private:
    // Timer thread only.
    void rearm()
    {
        qint64 due = std::numeric_limits<qint64>::max();
        {
            const std::lock_guard lock(m_mutex);
            m_rearmPosted = false;
            if (!m_heap.empty())
                due = m_heap.front().dueNs;
            m_armedDueNs = due;
        }
        if (due == std::numeric_limits<qint64>::max()) {
            m_dueTimer->stop();
            m_cancelTimer->stop();
            return;
        }
        // Round up: QTimer counts whole milliseconds and must not fire before the deadline.
        const qint64 remainingNs = std::max<qint64>(0, due - nowNs());
        const qint64 ms = (remainingNs + 999'999) / 1'000'000;
        m_dueTimer->start(static_cast<int>(std::min<qint64>(ms, std::numeric_limits<int>::max())));
        if (!m_cancelTimer->isActive())
            m_cancelTimer->start();
    }

    void fireDue()
    {
        std::vector<PendingSleep> ready;
        {
            const std::lock_guard lock(m_mutex);
            const qint64 now = nowNs();
            while (!m_heap.empty() && m_heap.front().dueNs <= now) {
                std::pop_heap(m_heap.begin(), m_heap.end(), LaterFirst{});
                ready.push_back(std::move(m_heap.back()));
                m_heap.pop_back();
            }
        }
        for (auto &sleep : ready) {
            if (sleep.isCancelled())
                answer(sleep.done, cancelledFailure());
            else
                answer(sleep.done, Result<Json, Failure>(std::move(sleep.result)));
        }
        rearm();
    }

    void sweepCancelled()
    {
        std::vector<PendingSleep> cancelled;
        {
            const std::lock_guard lock(m_mutex);
            const auto firstCancelled = std::partition(
                m_heap.begin(), m_heap.end(), [](const PendingSleep &s) { return !s.isCancelled(); });
            if (firstCancelled == m_heap.end())
                return;
            cancelled.assign(std::make_move_iterator(firstCancelled), std::make_move_iterator(m_heap.end()));
            m_heap.erase(firstCancelled, m_heap.end());
            std::make_heap(m_heap.begin(), m_heap.end(), LaterFirst{});
        }
        for (auto &sleep : cancelled)
            answer(sleep.done, cancelledFailure());
        rearm();
    }

    QThread m_thread;
    QObject *m_host = nullptr;       // lives on m_thread; deleted there when it finishes
    QTimer *m_dueTimer = nullptr;    // child of m_host
    QTimer *m_cancelTimer = nullptr; // child of m_host

    mutable std::mutex m_mutex;
    std::vector<PendingSleep> m_heap;                         // guarded by m_mutex
    quint64 m_nextSequence = 0;                               // guarded by m_mutex
    qint64 m_armedDueNs = std::numeric_limits<qint64>::max(); // guarded by m_mutex
    bool m_rearmPosted = false;                               // guarded by m_mutex
    bool m_stopping = false;                                  // guarded by m_mutex
};

SleepResource::SleepResource() : m_scheduler(std::make_unique<Scheduler>()) {}

SleepResource::~SleepResource() = default;

void SleepResource::invoke(const TaskCall &call, TaskCallback done)
{
    const Json &input = call.input;
    const auto seconds = input.is_object() ? input.find("Seconds") : input.end();
    if (!input.is_object() || seconds == input.end()) {
        done(
            Failure{errors::kRuntime, "sluice:sleep: the input must be an object with a number \"Seconds\""});
        return;
    }
    if (!seconds->is_number()) {
        done(Failure{errors::kRuntime,
                     "sluice:sleep: \"Seconds\" must be a number, got " + std::string(seconds->type_name())});
        return;
    }
    const double value = seconds->get<double>();
    if (!std::isfinite(value) || value < 0 || value > kMaxSeconds) {
        done(Failure{errors::kRuntime,
                     "sluice:sleep: \"Seconds\" must be between 0 and 31536000 (one year), got " +
                         seconds->dump()});
        return;
    }
    if (call.cancelled && call.cancelled->load()) {
        done(cancelledFailure());
        return;
    }
    m_scheduler->add(value, input, call.cancelled, std::move(done));
}

std::size_t SleepResource::pendingCount() const
{
    return m_scheduler->pending();
}

} // namespace sluice
