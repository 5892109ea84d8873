#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace sluice {

class Worker;

/// The engine's threads: a fixed set of workers, each a QThread with an event loop that runs posted
/// jobs in batches and fires timers from one deadline heap (a Wait of a million items is a million heap
/// entries, not a million QTimers). Jobs posted to one worker run in order on that worker's thread.
/// Owned by the Engine; post() and after() are thread-safe.
class Runtime
{
public:
    using Job = std::function<void()>;

    explicit Runtime(int workers = 0);   ///< 0 = one per core
    ~Runtime();                          ///< stops the threads; pending jobs and timers are dropped

    int workerCount() const { return int(m_workers.size()); }
    /// Runs `job` on worker `worker % workerCount()`.
    void post(int worker, Job job);
    /// Runs `job` on the next worker in turn.
    void post(Job job);
    /// Runs `job` on worker `worker` once `delayMs` have passed (never on a sleeping thread).
    /// `owner` tags the timer so cancelTimers(owner) can drop it.
    void after(int worker, qint64 delayMs, const void *owner, Job job);
    /// Drops every timer tagged with `owner` that has not fired.
    void cancelTimers(const void *owner);
    /// The index of the worker the caller runs on, or -1 on any other thread.
    static int currentWorker();

private:
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic_uint m_next{0};
};

} // namespace sluice
