#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace sluice {

/// The one JSON value type of Sluice: definitions, payloads, results. Items are kept as parsed values
/// from end to end; nothing is re-parsed or re-serialized between states.
using Json = nlohmann::json;

/// A failure in the Step Functions sense: an error name (States.Runtime, Http.404, ...) and a cause.
/// Retry and Catch match on `error`. This is data, not a C++ error.
struct Failure
{
    std::string error;
    std::string cause;

    bool operator==(const Failure &) const = default;
};

/// The States.* error names of the Step Functions developer guide.
namespace errors {
inline constexpr const char *kAll = "States.ALL";
inline constexpr const char *kHeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr const char *kTimeout = "States.Timeout";
inline constexpr const char *kTaskFailed = "States.TaskFailed";
inline constexpr const char *kPermissions = "States.Permissions";
inline constexpr const char *kResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr const char *kParameterPathFailure = "States.ParameterPathFailure";
inline constexpr const char *kQueryEvaluationError = "States.QueryEvaluationError";
inline constexpr const char *kBranchFailed = "States.BranchFailed";
inline constexpr const char *kNoChoiceMatched = "States.NoChoiceMatched";
inline constexpr const char *kIntrinsicFailure = "States.IntrinsicFailure";
inline constexpr const char *kExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
inline constexpr const char *kItemReaderFailed = "States.ItemReaderFailed";
inline constexpr const char *kResultWriterFailed = "States.ResultWriterFailed";
inline constexpr const char *kRuntime = "States.Runtime";
inline constexpr const char *kDataLimitExceeded = "States.DataLimitExceeded";
} // namespace errors

} // namespace sluice
