#pragma once

#include "Json.h"

#include <QMetaType>
#include <QString>

namespace sluice {

enum class ExecutionStatus { Running, Succeeded, Failed, Aborted, TimedOut };

/// "RUNNING", "SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT" as Step Functions spells them.
const char *executionStatusName(ExecutionStatus status);

/// How an execution ended.
struct ExecutionResult
{
    QString executionId;
    ExecutionStatus status = ExecutionStatus::Running;
    Json output;          ///< when Succeeded
    Failure failure;      ///< when Failed, Aborted or TimedOut
    qint64 startedMs = 0; ///< ms since the epoch
    qint64 stoppedMs = 0;

    /// What `sluice-cli run` prints: the output, or {"Error": ..., "Cause": ...} (Cause left out when empty).
    Json toJson() const;
};

} // namespace sluice

Q_DECLARE_METATYPE(sluice::ExecutionResult)
