#pragma once

#include "tasks/TaskResource.h"

#include <string_view>

namespace sluice {

/// `sluice:pass`: succeeds at once with its input. Useful as a placeholder while drawing a workflow.
/// Stateless and thread-safe; `done` is called inside invoke(), on the caller's thread.
class PassResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:pass";

    void invoke(const TaskCall &call, TaskCallback done) override;
};

} // namespace sluice
