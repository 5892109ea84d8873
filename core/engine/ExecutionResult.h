#pragma once

#include "Json.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace sluice {

enum class ExecutionStatus { Running, Succeeded, Failed, Aborted, TimedOut };

/// "RUNNING", "SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT" as Step Functions spells them.
const char *executionStatusName(ExecutionStatus status);

/// How an execution ended. Cheap to copy: the output (which can hold a million results) is shared.
struct ExecutionResult
{
    QString executionId;
    ExecutionStatus status = ExecutionStatus::Running;
    std::shared_ptr<const Json> outputData;   ///< when Succeeded
    Failure failure;      ///< when Failed, Aborted or TimedOut
    qint64 startedMs = 0; ///< ms since the epoch
    qint64 stoppedMs = 0;

    /// The output (null when there is none).
    const Json &output() const;

    /// What `sluice-cli run` prints: the output, or {"Error": ..., "Cause": ...} (Cause left out when empty).
    Json toJson() const;
};

} // namespace sluice

Q_DECLARE_METATYPE(sluice::ExecutionResult)
