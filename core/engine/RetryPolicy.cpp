#include "engine/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace sluice::retry {

bool isTerminal(std::string_view error)
{
    return error == errors::kRuntime || error == errors::kDataLimitExceeded;
}

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
