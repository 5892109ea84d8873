#pragma once

#include "store/WriteBackend_p.h"

#include <optional>
#include <string>
#include <vector>

namespace sluice {

/// What a run of one item's records does to the item's row, folded as the records are encoded (on an
/// engine worker, or on the writer for records appended as they are), and laid over the row by the writer,
/// which alone knows what the row held before. Plain value.
struct ItemDelta
{
    bool started = false;                 ///< an ItemStarted is among the records: the identity below is set
    bool restarted = false;               ///< that ItemStarted restarts an item the store has (a DLQ replay)
    qint64 parent = 0;
    qint64 index = -1;
    std::optional<std::string> mapState;
    std::optional<std::string> businessKey;
    std::optional<std::string> state;
    int status = -1;                      ///< -1: no record set it; then `promote` applies to the row's
    quint32 promote = 0;                  ///< bits (1 << ItemStatus) of statuses that become Running
    bool attemptsKnown = false;           ///< `attempts` replaces the row's; else the row's rises to it
    int attempts = 0;
    std::optional<std::string> error;
    std::optional<std::string> cause;
    std::optional<std::string> output;
    qint64 updatedMs = 0;
    /// Failed for good: `exec` and `workflow` are the writer's to fill, and `state` / `attempts` when
    /// empty / 0 (the row's own then).
    std::optional<WriteBatch::Dlq> dlq;

    /// Encodes the record into `events` (large payloads into `large`) and folds what it does into the delta.
    void add(const JournalRecord &record, qint64 timeMs, EventCodec &events,
             std::vector<EventCodec::LargePayload> &large);

    /// Lays the delta over `item` (what the row holds so far in this batch); a DLQ entry goes to `dlq`.
    void applyTo(WriteBatch::Item &item, qint64 exec, const std::string &workflow,
                 std::vector<WriteBatch::Dlq> &dlqOut) const;
};

} // namespace sluice
