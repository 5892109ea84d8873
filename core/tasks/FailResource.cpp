#include "FailResource.h"

namespace sluice {

namespace {

Result<Json, Failure> evaluate(const TaskCall &call)
{
    const Json &input = call.input;
    if (!input.is_null() && !input.is_object())
        return Failure{errors::kRuntime,
                       "sluice:fail: the input must be an object, got " + std::string(input.type_name())};

    std::string error(FailResource::kDefaultError);
    std::string cause(FailResource::kDefaultCause);
    if (input.is_object()) {
        if (const auto it = input.find("Error"); it != input.end()) {
            if (!it->is_string())
                return Failure{errors::kRuntime, "sluice:fail: \"Error\" must be a string"};
            error = it->get<std::string>();
        }
        if (const auto it = input.find("Cause"); it != input.end()) {
            if (!it->is_string())
                return Failure{errors::kRuntime, "sluice:fail: \"Cause\" must be a string"};
            cause = it->get<std::string>();
        }
        if (const auto it = input.find("Attempts"); it != input.end()) {
            if (!it->is_number_integer() || it->get<long long>() < 0)
                return Failure{errors::kRuntime, "sluice:fail: \"Attempts\" must be a non-negative integer"};
            if (call.attempt > it->get<long long>())
                return Result<Json, Failure>(input);
        }
    }
    return Failure{std::move(error), std::move(cause)};
}

} // namespace

void FailResource::invoke(const TaskCall &call, TaskCallback done)
{
    done(evaluate(call));
}

} // namespace sluice
