#include "paths/Timestamp.h"

#include <cstdio>

namespace sluice::timestamp {

namespace {

/// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool isLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned daysInMonth(std::int64_t y, unsigned m)
{
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

class Reader
{
public:
    explicit Reader(std::string_view text) : m_text(text) {}
    bool digits(int count, int &out)
    {
        out = 0;
        for (int i = 0; i < count; ++i) {
            if (m_pos >= m_text.size() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
                return false;
            out = out * 10 + (m_text[m_pos++] - '0');
        }
        return true;
    }
    bool consume(char c)
    {
        if (m_pos >= m_text.size() || m_text[m_pos] != c)
            return false;
        ++m_pos;
        return true;
    }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    bool atEnd() const { return m_pos == m_text.size(); }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

std::optional<std::int64_t> parseUs(std::string_view text)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); uppercase T and Z, as Step Functions requires.
    Reader r(text);
    int year, month, day, hour, minute, second;
    if (!r.digits(4, year) || !r.consume('-') || !r.digits(2, month) || !r.consume('-') || !r.digits(2, day)
        || !r.consume('T') || !r.digits(2, hour) || !r.consume(':') || !r.digits(2, minute) || !r.consume(':')
        || !r.digits(2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month))
        || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    std::int64_t micros = 0;
    if (r.consume('.')) {
        int count = 0;
        while (r.peek() >= '0' && r.peek() <= '9') {
            int digit = 0;
            r.digits(1, digit);
            if (count < 6)
                micros = micros * 10 + digit;
            ++count;
        }
        if (count == 0)
            return std::nullopt;
        for (int i = count; i < 6; ++i)
            micros *= 10;
    }
    std::int64_t offsetMinutes = 0;
    if (!r.consume('Z')) {
        const char sign = r.peek();
        if (sign != '+' && sign != '-')
            return std::nullopt;
        r.consume(sign);
        int oh, om;
        if (!r.digits(2, oh) || !r.consume(':') || !r.digits(2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetMinutes = (oh * 60 + om) * (sign == '-' ? -1 : 1);
    }
    if (!r.atEnd())
        return std::nullopt;
    const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
    return seconds * 1000000 + micros;
}

std::optional<std::int64_t> parseMs(std::string_view text)
{
    const auto us = parseUs(text);
    if (!us)
        return std::nullopt;
    // Floor division: sub-millisecond parts of times before 1970 round towards the past.
    return *us >= 0 ? *us / 1000 : -((-*us + 999) / 1000);
}

std::string formatMs(std::int64_t msSinceEpoch)
{
    std::int64_t days = msSinceEpoch >= 0 ? msSinceEpoch / 86400000 : -((-msSinceEpoch + 86399999) / 86400000);
    const std::int64_t msOfDay = msSinceEpoch - days * 86400000;
    std::int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(y), m, d,
                  static_cast<int>(msOfDay / 3600000), static_cast<int>(msOfDay / 60000 % 60),
                  static_cast<int>(msOfDay / 1000 % 60), static_cast<int>(msOfDay % 1000));
    return buffer;
}

} // namespace sluice::timestamp
