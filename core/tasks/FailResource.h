#pragma once

#include "tasks/TaskResource.h"

#include <string_view>

namespace sluice {

/// `sluice:fail`: fails on purpose, to exercise Retry and Catch.
///
/// Input (all optional): {"Error": "My.Error", "Cause": "why", "Attempts": 2}
/// - fails with Failure{Error, Cause} while call.attempt <= Attempts, then succeeds with its input;
///   without Attempts it fails on every attempt. Attempts 0 never fails.
/// - Error defaults to "States.TaskFailed" (what any task failure is called, so Retry/Catch on
///   States.TaskFailed or States.ALL catch it); Cause defaults to "Failed by sluice:fail".
/// - Input that is not an object (null counts as {}), or fields of the wrong type, give
///   Failure{"States.Runtime", <what is wrong>}.
/// Stateless and thread-safe; `done` is called inside invoke(), on the caller's thread.
class FailResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:fail";
    static constexpr std::string_view kDefaultError = "States.TaskFailed";
    static constexpr std::string_view kDefaultCause = "Failed by sluice:fail";

    void invoke(const TaskCall &call, TaskCallback done) override;
};

} // namespace sluice
