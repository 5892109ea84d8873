#include "store/StoreRecords.h"

#include <array>

namespace sluice {

namespace {
constexpr std::array<const char *, 4> kDlqNames = {"open", "replaying", "replayed", "discarded"};
constexpr std::array<const char *, 2> kOutcomeNames = {"succeeded", "failed"};
constexpr std::array<ExecutionStatus, 5> kExecutionStatuses = {ExecutionStatus::Running, ExecutionStatus::Succeeded,
                                                               ExecutionStatus::Failed, ExecutionStatus::Aborted,
                                                               ExecutionStatus::TimedOut};
} // namespace

const char *dlqStatusName(DlqStatus status)
{
    return kDlqNames[size_t(status)];
}

std::optional<DlqStatus> dlqStatusFromName(std::string_view name)
{
    for (size_t i = 0; i < kDlqNames.size(); ++i) {
        if (name == kDlqNames[i])
            return DlqStatus(i);
    }
    return std::nullopt;
}

const char *replayOutcomeName(ReplayOutcome outcome)
{
    return kOutcomeNames[size_t(outcome)];
}

std::optional<ReplayOutcome> replayOutcomeFromName(std::string_view name)
{
    for (size_t i = 0; i < kOutcomeNames.size(); ++i) {
        if (name == kOutcomeNames[i])
            return ReplayOutcome(i);
    }
    return std::nullopt;
}

std::optional<ExecutionStatus> executionStatusFromName(std::string_view name)
{
    for (ExecutionStatus status : kExecutionStatuses) {
        if (name == executionStatusName(status))
            return status;
    }
    return std::nullopt;
}

} // namespace sluice
