#pragma once

#include "tasks/MockConfig.h"
#include "tasks/TaskResource.h"

#include <memory>
#include <string>
#include <string_view>

namespace sluice {

/// Answers Task states from one test case of a MockConfig instead of calling their resource. The
/// engine uses it for any state that mocksState() reports, whatever its Resource (an AWS ARN or a
/// sluice: resource). It reads call.stateName and call.invocation (0-based, counted per item and
/// state, retries included), like Step Functions Local. A state without a mock in the test case gets
/// Failure{"States.Runtime", ...}: unlike Step Functions Local, Sluice has no AWS endpoint to fall
/// back on. Immutable; thread-safe; `done` is called inside invoke(), on the caller's thread.
class MockTaskResource : public TaskResource
{
public:
    MockTaskResource(std::shared_ptr<const MockConfig> config, std::string stateMachine,
                     std::string testCase);

    /// True when the test case has a mocked response for `stateName`.
    bool mocksState(std::string_view stateName) const;

    const std::string &stateMachine() const { return m_stateMachine; }
    const std::string &testCase() const { return m_testCase; }

    void invoke(const TaskCall &call, TaskCallback done) override;

private:
    std::shared_ptr<const MockConfig> m_config;
    std::string m_stateMachine;
    std::string m_testCase;
};

} // namespace sluice
