#pragma once

#include <QDateTime>

#include <atomic>

namespace sluice {

/// Where the events code reads the time: the system clock, or a test's hand-set clock (schedules over
/// minutes and days are tested without waiting). Thread-safe.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Milliseconds since the Unix epoch (UTC).
    virtual qint64 nowMs() const = 0;
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

/// The system clock shifted by a fixed amount: time runs at its real pace from another starting point
/// (`sluice-cli serve --clock-start`, to see a daily schedule fire without waiting for the day).
class ShiftedClock final : public Clock
{
public:
    explicit ShiftedClock(qint64 offsetMs) : m_offset(offsetMs) {}
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch() + m_offset; }

private:
    const qint64 m_offset;
};

/// A clock that moves only when told to.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 nowMs = 0) : m_now(nowMs) {}
    qint64 nowMs() const override { return m_now.load(); }
    void set(qint64 nowMs) { m_now.store(nowMs); }
    void advance(qint64 ms) { m_now.fetch_add(ms); }

private:
    std::atomic<qint64> m_now;
};

} // namespace sluice
