#pragma once

#include "Result.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace sluice {

/// An EventBridge schedule expression, evaluated in UTC:
///
///  - `rate(VALUE UNIT)`: UNIT minute(s), hour(s) or day(s) (singular for 1, plural above). Fire times are
///    the multiples of the period since the Unix epoch, so they do not drift across restarts.
///  - `cron(MINUTES HOURS DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)`: six fields; `*`, lists `a,b`, ranges `a-b`,
///    steps `*/5` `0/15` `8-17/2`; months 1-12 or JAN-DEC; days of week 1-7 (1 = Sunday) or SUN-SAT; years
///    1970-2199. One of day-of-month and day-of-week is `?`. Day-of-month also takes `L` (last day), `15W`
///    (weekday nearest the 15th, within the month) and `LW`; day-of-week `L` (Saturday), `6L` (last Friday)
///    and `2#1` (first Monday).
/// Immutable; thread-safe.
class Schedule
{
public:
    /// Fire times in (after, until]: the first `limit` of them, the last one, and how many there are.
    struct Fires
    {
        std::vector<qint64> first;
        std::optional<qint64> last;
        qint64 count = 0;
    };

    Schedule();
    ~Schedule();
    Schedule(const Schedule &);
    Schedule &operator=(const Schedule &);

    /// Errors say which field is wrong and why (ErrorCode::WrongType).
    static Result<Schedule> parse(const QString &expression);

    const QString &expression() const;
    bool isRate() const;

    /// The first fire time strictly after `afterMs`; nullopt when there is none (its years have passed).
    std::optional<qint64> nextAfter(qint64 afterMs) const;
    Fires firesBetween(qint64 afterMs, qint64 untilMs, int limit = 100) const;

private:
    struct Cron;
    QString m_expression;
    qint64 m_rateMs = 0;
    std::shared_ptr<const Cron> m_cron;
};

} // namespace sluice
