#pragma once

#include "Json.h"
#include "definition/Workflow.h"

#include <QtGlobal>

#include <functional>
#include <string_view>

namespace sluice {

/// Error matching and retry delays, with Step Functions' rules. Pure functions; any thread.
namespace retry {

/// True if `error` is matched by `errorEquals`: by name, by States.ALL (every error but States.Runtime
/// and States.DataLimitExceeded, which AWS treats as terminal), by States.TaskFailed (every task
/// error but States.Timeout), or by a status family: a name ending in ".Nxx" (N a digit, e.g. "Http.5xx")
/// matches every error with the same prefix and a three-digit code starting with N ("Http.500" to
/// "Http.599"). Sluice's extension: AWS matches such a name only literally, and no States.* name has
/// that form.
bool matches(const std::vector<std::string> &errorEquals, std::string_view error);

/// True for errors that neither Retry nor Catch may take (States.Runtime, States.DataLimitExceeded).
bool isTerminal(std::string_view error);

/// The delay before retry number `retryIndex` (0 = the first retry), in milliseconds:
/// IntervalSeconds * BackoffRate^retryIndex, capped by MaxDelaySeconds; with JitterStrategy FULL a
/// uniformly random share of that, drawn with `random01` (returns [0, 1)).
qint64 delayMs(const Retrier &retrier, int retryIndex, const std::function<double()> &random01 = {});

} // namespace retry
} // namespace sluice
