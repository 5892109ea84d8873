#include "engine/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace sluice::retry {

bool isTerminal(std::string_view error)
{
    return error == errors::kRuntime || error == errors::kDataLimitExceeded;
}

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// "Http.5xx" against "Http.503": same prefix up to the last dot, then a digit and "xx" against that
/// digit and two more.
bool matchesFamily(std::string_view family, std::string_view error)
{
    const std::size_t n = family.size();
    if (n < 5 || error.size() != n || family[n - 4] != '.' || !isDigit(family[n - 3]) || family[n - 2] != 'x' ||
        family[n - 1] != 'x')
        return false;
    return family.substr(0, n - 2) == error.substr(0, n - 2) && isDigit(error[n - 2]) && isDigit(error[n - 1]);
}

} // namespace

bool matches(const std::vector<std::string> &errorEquals, std::string_view error)
{
    for (const auto &name : errorEquals) {
        if (name == error)
            return !isTerminal(error) || error == errors::kDataLimitExceeded;
        if (name == errors::kAll && !isTerminal(error))
            return true;
        if (name == errors::kTaskFailed && !isTerminal(error) && error != errors::kTimeout &&
            error != errors::kHeartbeatTimeout)
            return true;
        if (matchesFamily(name, error) && !isTerminal(error))
            return true;
    }
    return false;
}

qint64 delayMs(const Retrier &retrier, int retryIndex, const std::function<double()> &random01)
{
    double seconds = retrier.intervalSeconds * std::pow(retrier.backoffRate, retryIndex);
    if (retrier.maxDelaySeconds)
        seconds = std::min(seconds, *retrier.maxDelaySeconds);
    // AWS caps any single retry interval at one year; past that pow() may overflow anyway.
    seconds = std::min(seconds, 365.0 * 24 * 3600);
    if (retrier.jitterFull) {
        const double r = random01 ? random01() : QRandomGenerator::global()->generateDouble();
        seconds *= r;
    }
    return qint64(std::llround(seconds * 1000.0));
}

} // namespace sluice::retry
