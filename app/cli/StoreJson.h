#pragma once

#include "Json.h"
#include "store/StoreRecords.h"

namespace sluice::cli {

/// The CLI's JSON shapes of what the journal returns (one object per run, item, event, DLQ entry).
Json toJson(const ExecutionInfo &info, bool detail);
Json toJson(const ItemRow &row);
Json toJson(const HistoryEvent &event);
Json toJson(const DlqEntry &entry);
Json toJson(const ReplayRecord &replay);
/// "2026-11-21T23:54:06.123Z", or null for 0.
Json timeJson(qint64 ms);
/// Prints one JSON value as a line on stdout.
void printLine(const Json &value);

} // namespace sluice::cli
