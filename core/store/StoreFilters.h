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

/// items(), itemCount(), itemKeys(): an execution's items by item id, which is the order they were spawned
/// in (a Map's items by index). Empty strings mean "any".
struct ItemFilter
{
    std::optional<ItemStatus> status;
    QString state;
    qint64 afterItem = -1;     ///< keyset: items with a greater id
    int limit = 100;
    QString error;             ///< exact error name
    QString text;              ///< text in the business key, the error name or the cause (case-insensitive)
    qint64 offset = 0;         ///< rows to skip after `afterItem`: a jump with no key at hand (costs a scan)
    bool outputs = true;       ///< read each item's output too (a table of items does not show it)

    /// Whether anything but the keyset is set.
    bool narrows() const { return status || !state.isEmpty() || !error.isEmpty() || !text.isEmpty(); }
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
