#include "events/Schedule.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

#include <bitset>

namespace sluice {

namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2199;

Error wrong(QString message)
{
    return Error{ErrorCode::WrongType, std::move(message), {}};
}

/// The AWS day of week (1 = Sunday … 7 = Saturday) of a date.
int awsDayOfWeek(const QDate &date)
{
    return date.dayOfWeek() % 7 + 1;
}

/// The weekday nearest to `day` within its month (Quartz's `W`).
int nearestWeekday(int year, int month, int day)
{
    const QDate first(year, month, 1);
    day = std::min(day, first.daysInMonth());
    const QDate date(year, month, day);
    const int dow = date.dayOfWeek();   // 1 = Monday … 7 = Sunday
    if (dow == 6)                       // Saturday: Friday, or Monday when Friday is in the previous month
        return day > 1 ? day - 1 : day + 2;
    if (dow == 7)                       // Sunday: Monday, or Friday when Monday is in the next month
        return day < first.daysInMonth() ? day + 1 : day - 2;
    return day;
}

} // namespace

struct Schedule::Cron
{
    std::bitset<60> minutes;
    std::bitset<24> hours;
    std::bitset<32> days;        // 1..31
    std::bitset<13> months;      // 1..12
    std::bitset<8> weekdays;     // 1..7
    std::bitset<kLastYear - kFirstYear + 1> years;
    bool dayOfMonthIgnored = false;   // "?" in day-of-month: day-of-week decides
    bool lastDay = false;             // L
    bool lastWeekday = false;         // LW
    std::vector<int> nearestWeekdays; // nW
    std::vector<int> lastOfWeekday;   // nL (day of week)
    std::vector<std::pair<int, int>> nthWeekday;   // n#k: (day of week, k)

    bool dayMatches(const QDate &date) const
    {
        if (!years.test(size_t(date.year() - kFirstYear)) || !months.test(size_t(date.month())))
            return false;
        const int day = date.day();
        const int lastOfMonth = date.daysInMonth();
        if (!dayOfMonthIgnored) {
            if (days.test(size_t(day)) || (lastDay && day == lastOfMonth))
                return true;
            for (int n : nearestWeekdays) {
                if (day == nearestWeekday(date.year(), date.month(), n))
                    return true;
            }
            if (lastWeekday && day == nearestWeekday(date.year(), date.month(), lastOfMonth))
                return true;
            return false;
        }
        const int dow = awsDayOfWeek(date);
        if (weekdays.test(size_t(dow)))
            return true;
        for (int d : lastOfWeekday) {
            if (dow == d && day + 7 > lastOfMonth)
                return true;
        }
        for (const auto &[d, k] : nthWeekday) {
            if (dow == d && (day - 1) / 7 + 1 == k)
                return true;
        }
        return false;
    }
};

namespace {

const QStringList kMonthNames = {QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"), QStringLiteral("APR"),
                                 QStringLiteral("MAY"), QStringLiteral("JUN"), QStringLiteral("JUL"), QStringLiteral("AUG"),
                                 QStringLiteral("SEP"), QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")};
const QStringList kDayNames = {QStringLiteral("SUN"), QStringLiteral("MON"), QStringLiteral("TUE"), QStringLiteral("WED"),
                               QStringLiteral("THU"), QStringLiteral("FRI"), QStringLiteral("SAT")};

struct FieldSpec
{
    const char *name;
    int min;
    int max;
    const QStringList *names;   // index + 1 = value
};

std::optional<int> valueOf(const QString &text, const FieldSpec &spec)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    if (ok)
        return (n >= spec.min && n <= spec.max) ? std::optional<int>(n) : std::nullopt;
    if (spec.names) {
        const qsizetype i = spec.names->indexOf(text.toUpper());
        if (i >= 0)
            return int(i) + 1;
    }
    return std::nullopt;
}

/// Parses the list/range/step syntax of one field into `set` (indexes = values).
template <size_t N>
std::optional<Error> parseField(const QString &text, const FieldSpec &spec, std::bitset<N> &set, int offset = 0)
{
    const auto bad = [&](const QString &why) {
        return wrong(QStringLiteral("cron field %1 \"%2\": %3").arg(QLatin1String(spec.name), text, why));
    };
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (part.isEmpty())
            return bad(QStringLiteral("empty list element"));
        QString range = part;
        int step = 1;
        bool stepped = false;
        if (const qsizetype slash = part.indexOf(QLatin1Char('/')); slash >= 0) {
            bool ok = false;
            step = part.mid(slash + 1).toInt(&ok);
            if (!ok || step <= 0)
                return bad(QStringLiteral("the step after / must be a positive number"));
            range = part.left(slash);
            stepped = true;
        }
        int from = spec.min, to = spec.max;
        if (range != QLatin1String("*")) {
            const qsizetype dash = range.indexOf(QLatin1Char('-'));
            const auto a = valueOf(dash >= 0 ? range.left(dash) : range, spec);
            if (!a)
                return bad(QStringLiteral("%1 is not a value from %2 to %3").arg(dash >= 0 ? range.left(dash) : range)
                               .arg(spec.min)
                               .arg(spec.max));
            from = *a;
            to = stepped && dash < 0 ? spec.max : *a;   // "0/15" runs to the end of the range
            if (dash >= 0) {
                const auto b = valueOf(range.mid(dash + 1), spec);
                if (!b)
                    return bad(QStringLiteral("%1 is not a value from %2 to %3").arg(range.mid(dash + 1)).arg(spec.min).arg(spec.max));
                to = *b;
            }
        }
        if (from <= to) {
            for (int v = from; v <= to; v += step)
                set.set(size_t(v - offset));
        } else {
            // A range that wraps (FRI-MON, NOV-FEB), as EventBridge allows.
            int count = (spec.max - from + 1) + (to - spec.min + 1);
            for (int i = 0, v = from; i < count; i += step) {
                set.set(size_t(v - offset));
                for (int s = 0; s < step; ++s)
                    v = v == spec.max ? spec.min : v + 1;
            }
        }
    }
    return std::nullopt;
}

} // namespace

Schedule::Schedule() = default;
Schedule::~Schedule() = default;
Schedule::Schedule(const Schedule &) = default;
Schedule &Schedule::operator=(const Schedule &) = default;

Result<Schedule> Schedule::parse(const QString &expression)
{
    Schedule schedule;
    schedule.m_expression = expression;
    const QString text = expression.trimmed();
    static const QRegularExpression rate(QStringLiteral("^rate\\(\\s*(\\d+)\\s+([a-z]+)\\s*\\)$"));
    static const QRegularExpression cron(QStringLiteral("^cron\\((.*)\\)$"));
    if (const auto m = rate.match(text); m.hasMatch()) {
        bool ok = false;
        const qint64 value = m.captured(1).toLongLong(&ok);
        const QString unit = m.captured(2);
        if (!ok || value <= 0)
            return wrong(QStringLiteral("%1: the rate must be a positive whole number").arg(expression));
        qint64 unitMs = 0;
        if (unit == QLatin1String("minute") || unit == QLatin1String("minutes"))
            unitMs = 60'000;
        else if (unit == QLatin1String("hour") || unit == QLatin1String("hours"))
            unitMs = 3'600'000;
        else if (unit == QLatin1String("day") || unit == QLatin1String("days"))
            unitMs = 86'400'000;
        else
            return wrong(QStringLiteral("%1: the unit must be minute(s), hour(s) or day(s)").arg(expression));
        if ((value == 1) != !unit.endsWith(QLatin1Char('s')))
            return wrong(QStringLiteral("%1: write rate(1 %2) for one and rate(N %2s) for more, as EventBridge does")
                             .arg(expression, unit.endsWith(QLatin1Char('s')) ? unit.chopped(1) : unit));
        schedule.m_rateMs = value * unitMs;
        return schedule;
    }
    const auto m = cron.match(text);
    if (!m.hasMatch())
        return wrong(QStringLiteral("\"%1\" is not a schedule expression: use rate(5 minutes) or cron(0 12 * * ? *)")
                         .arg(expression));
    const QStringList fields = m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != 6)
        return wrong(QStringLiteral("%1: a cron expression has six fields (minutes hours day-of-month month "
                                    "day-of-week year), not %2")
                         .arg(expression)
                         .arg(fields.size()));
    auto c = std::make_shared<Cron>();
    const FieldSpec minutes{"minutes", 0, 59, nullptr}, hours{"hours", 0, 23, nullptr},
        dom{"day-of-month", 1, 31, nullptr}, months{"month", 1, 12, &kMonthNames},
        dow{"day-of-week", 1, 7, &kDayNames}, years{"year", kFirstYear, kLastYear, nullptr};
    if (auto e = parseField(fields[0], minutes, c->minutes))
        return *e;
    if (auto e = parseField(fields[1], hours, c->hours))
        return *e;
    if (auto e = parseField(fields[3], months, c->months))
        return *e;
    if (auto e = parseField(fields[5], years, c->years, kFirstYear))
        return *e;
    const QString &dayOfMonth = fields[2];
    const QString &dayOfWeek = fields[4];
    if ((dayOfMonth == QLatin1String("?")) == (dayOfWeek == QLatin1String("?")))
        return wrong(QStringLiteral("%1: exactly one of day-of-month and day-of-week must be ? (EventBridge does not "
                                    "take both)")
                         .arg(expression));
    if (dayOfWeek == QLatin1String("?")) {
        static const QRegularExpression nearest(QStringLiteral("^(\\d+)W$"));
        for (const QString &part : dayOfMonth.split(QLatin1Char(','))) {
            if (part == QLatin1String("L")) {
                c->lastDay = true;
            } else if (part == QLatin1String("LW")) {
                c->lastWeekday = true;
            } else if (const auto w = nearest.match(part); w.hasMatch()) {
                const int n = w.captured(1).toInt();
                if (n < 1 || n > 31)
                    return wrong(QStringLiteral("cron field day-of-month \"%1\": %2W needs a day from 1 to 31").arg(dayOfMonth).arg(n));
                c->nearestWeekdays.push_back(n);
            } else if (auto e = parseField(part, dom, c->days)) {
                return *e;
            }
        }
    } else {
        c->dayOfMonthIgnored = true;
        static const QRegularExpression last(QStringLiteral("^([1-7A-Za-z]+)L$"));
        static const QRegularExpression nth(QStringLiteral("^([1-7A-Za-z]+)#([1-5])$"));
        for (const QString &part : dayOfWeek.split(QLatin1Char(','))) {
            if (part == QLatin1String("L")) {
                c->weekdays.set(7);
            } else if (const auto l = last.match(part); l.hasMatch()) {
                const auto d = valueOf(l.captured(1), dow);
                if (!d)
                    return wrong(QStringLiteral("cron field day-of-week \"%1\": %2 is not a day").arg(dayOfWeek, l.captured(1)));
                c->lastOfWeekday.push_back(*d);
            } else if (const auto n = nth.match(part); n.hasMatch()) {
                const auto d = valueOf(n.captured(1), dow);
                if (!d)
                    return wrong(QStringLiteral("cron field day-of-week \"%1\": %2 is not a day").arg(dayOfWeek, n.captured(1)));
                c->nthWeekday.emplace_back(*d, n.captured(2).toInt());
            } else if (part.contains(QLatin1Char('#'))) {
                return wrong(QStringLiteral("cron field day-of-week \"%1\": write DAY#N with N from 1 to 5").arg(dayOfWeek));
            } else if (auto e = parseField(part, dow, c->weekdays)) {
                return *e;
            }
        }
    }
    schedule.m_cron = std::move(c);
    return schedule;
}

const QString &Schedule::expression() const
{
    return m_expression;
}

bool Schedule::isRate() const
{
    return m_rateMs > 0;
}

std::optional<qint64> Schedule::nextAfter(qint64 afterMs) const
{
    if (m_rateMs > 0)
        return (afterMs >= 0 ? afterMs / m_rateMs + 1 : 0) * m_rateMs;
    if (!m_cron)
        return std::nullopt;
    const Cron &c = *m_cron;
    // The first whole minute after `afterMs`.
    const qint64 startMs = (afterMs >= 0 ? afterMs / 60'000 + 1 : 0) * 60'000;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(startMs, QTimeZone::utc());
    QDate date = start.date();
    int fromMinuteOfDay = start.time().hour() * 60 + start.time().minute();
    while (date.year() <= kLastYear) {
        if (!c.years.test(size_t(date.year() - kFirstYear))) {
            date = QDate(date.year() + 1, 1, 1);
            fromMinuteOfDay = 0;
            continue;
        }
        if (!c.months.test(size_t(date.month()))) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            fromMinuteOfDay = 0;
            continue;
        }
        if (c.dayMatches(date)) {
            for (int h = fromMinuteOfDay / 60; h < 24; ++h) {
                if (!c.hours.test(size_t(h)))
                    continue;
                for (int m = (h == fromMinuteOfDay / 60 ? fromMinuteOfDay % 60 : 0); m < 60; ++m) {
                    if (c.minutes.test(size_t(m)))
                        return QDateTime(date, QTime(h, m), QTimeZone::utc()).toMSecsSinceEpoch();
                }
            }
        }
        date = date.addDays(1);
        fromMinuteOfDay = 0;
    }
    return std::nullopt;
}

Schedule::Fires Schedule::firesBetween(qint64 afterMs, qint64 untilMs, int limit) const
{
    Fires fires;
    if (m_rateMs > 0) {
        // Arithmetic: a year of rate(1 minute) is counted, not walked.
        const auto first = nextAfter(afterMs);
        if (!first || *first > untilMs)
            return fires;
        fires.count = (untilMs - *first) / m_rateMs + 1;
        fires.last = *first + (fires.count - 1) * m_rateMs;
        for (qint64 i = 0; i < fires.count && i < limit; ++i)
            fires.first.push_back(*first + i * m_rateMs);
        return fires;
    }
    qint64 at = afterMs;
    while (auto next = nextAfter(at)) {
        if (*next > untilMs)
            break;
        if (int(fires.first.size()) < limit)
            fires.first.push_back(*next);
        fires.last = *next;
        ++fires.count;
        at = *next;
    }
    return fires;
}

} // namespace sluice
