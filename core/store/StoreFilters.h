#pragma once

#include "engine/ExecutionResult.h"
#include "engine/ItemStatus.h"
#include "store/StoreRecords.h"

#include <QString>

#include <optional>

// Query filters for JournalReader. Paged lists are keyset-paged: pass the last row's key as `after…`.

namespace sluice {

/// runs(): newest first.
struct RunFilter
{
    std::optional<ExecutionStatus> status;
    int limit = 100;
    int offset = 0;
    bool withCounts = false;   ///< fill each run's item counts too (one more query over item_counts)
};

/// items(): by item id.
struct ItemFilter
{
    std::optional<ItemStatus> status;
    QString state;             ///< empty = any
    qint64 afterItem = -1;     ///< keyset: items with a greater id
    int limit = 100;
};

/// history(): by (item, seq).
struct HistoryFilter
{
    std::optional<qint64> item;   ///< one item's events only
    qint64 afterItem = -1;     ///< keyset, with afterSeq: events after (afterItem, afterSeq)
    qint64 afterSeq = 0;
    int limit = 1000;
};

/// dlq(): by entry id, oldest first. Empty strings and 0 times mean "any".
struct DlqFilter
{
    QString workflowVersion;
    QString executionId;
    QString state;
    QString error;             ///< exact error name
    QString causeText;         ///< text anywhere in the cause (case-insensitive)
    qint64 sinceMs = 0;        ///< last failure at or after
    qint64 untilMs = 0;        ///< last failure before
    std::optional<DlqStatus> status;
    qint64 afterId = 0;        ///< keyset: entries with a greater id
    int limit = 100;
};

} // namespace sluice
