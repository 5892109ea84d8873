#pragma once

#include "Json.h"
#include "store/StoreRecords.h"

#include <QByteArray>
#include <QList>

namespace sluice {

// The JSON shapes of DLQ entries and their replays, as `sluice-cli dlq list|show|export` print them and the
// DLQ browser exports them. Plain functions; any thread.

/// One entry: id, execution, item, workflowVersion, state, error, cause, attempts, status, firstFailure,
/// lastFailure (RFC 3339, null for 0), input.
Json dlqEntryJson(const DlqEntry &entry);
/// One replay: time, user, attempt, outcome, error and cause when failed, execution.
Json replayRecordJson(const ReplayRecord &replay);
/// One line of `dlq export`: the entry with its replays under "replays", compact, ending in '\n'.
QByteArray dlqExportLine(const DlqEntry &entry, const QList<ReplayRecord> &replays);

} // namespace sluice
