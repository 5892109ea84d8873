#pragma once

#include "tasks/TaskResource.h"

#include <cstddef>
#include <memory>
#include <string_view>

namespace sluice {

/// `sluice:sleep`: waits {"Seconds": n} (a number >= 0, fractions allowed, at most one year) and then
/// succeeds with its input. The wait never blocks a thread: every pending sleep sits in one priority
/// queue served by one precise QTimer on the resource's own QThread, so 100,000 concurrent sleeps cost
/// one heap entry each.
///
/// Cancellation: a sleep whose call.cancelled flag is set ends early (the flags are polled every
/// kCancelPollMs while sleeps are pending, and checked again when a sleep falls due) with
/// Failure{"States.Runtime", "cancelled"}.
///
/// Threads: invoke() may be called from any thread; `done` runs on the resource's timer thread.
/// Destroying the resource while sleeps are pending calls each pending `done` with
/// Failure{"States.Runtime", "cancelled"} on the destroying thread, so every invocation still gets
/// exactly one answer. Do not destroy it from inside one of its own callbacks.
class SleepResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:sleep";
    static constexpr int kCancelPollMs = 100;
    static constexpr double kMaxSeconds = 31536000.0; // one year, the limit of a Wait state on AWS

    SleepResource();
    ~SleepResource() override;
    SleepResource(const SleepResource &) = delete;
    SleepResource &operator=(const SleepResource &) = delete;

    void invoke(const TaskCall &call, TaskCallback done) override;

    /// Sleeps not yet answered.
    std::size_t pendingCount() const;

private:
    class Scheduler;
    std::unique_ptr<Scheduler> m_scheduler;
};

} // namespace sluice
