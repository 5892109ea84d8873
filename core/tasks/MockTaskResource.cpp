#include "MockTaskResource.h"

namespace sluice {

MockTaskResource::MockTaskResource(std::shared_ptr<const MockConfig> config, std::string stateMachine,
                                   std::string testCase)
    : m_config(std::move(config)), m_stateMachine(std::move(stateMachine)), m_testCase(std::move(testCase))
{}

bool MockTaskResource::mocksState(std::string_view stateName) const
{
    return m_config && m_config->mocksState(m_stateMachine, m_testCase, stateName);
}

void MockTaskResource::invoke(const TaskCall &call, TaskCallback done)
{
    auto response = m_config ? m_config->respond(m_stateMachine, m_testCase, call.stateName, call.invocation)
                             : std::nullopt;
    if (!response) {
        done(Failure{errors::kRuntime, "state '" + call.stateName +
                                           "' has no mocked response in test case '" + m_testCase +
                                           "' of state machine '" + m_stateMachine + "'"});
        return;
    }
    done(std::move(*response));
}

} // namespace sluice
