#pragma once

#include "engine/Ids.h"
#include "engine/ItemStatus.h"

#include <QMetaType>
#include <QString>

#include <map>
#include <string>
#include <vector>

namespace sluice {

/// One item's new state, as a monitor shows it in a row.
struct ItemUpdate
{
    ItemId id;
    ItemId parent;            ///< the item whose Map state spawned this one (0 for the root's children)
    qint64 index = -1;        ///< index within its Map (-1 for the root item)
    std::string mapState;     ///< the Map state it belongs to (empty for the root item)
    std::string state;        ///< the state it is in (or ended in)
    ItemStatus status = ItemStatus::Pending;
    int attempts = 0;         ///< task attempts in the current state
    std::string error;        ///< last error name, if any
    std::string cause;
};

/// Live counts for one state.
struct StateCounts
{
    qint64 inState = 0;    ///< items in the state now
    qint64 entered = 0;
    qint64 succeeded = 0;  ///< left it normally
    qint64 failed = 0;     ///< left it with an error (caught or not)
    qint64 retried = 0;    ///< retries scheduled
};

/// A coalesced view of an execution's progress, published at most about ten times a second:
/// counts per state and per item status, plus the items that changed since the last snapshot (the
/// newest update of each). Crosses threads by value.
struct ProgressSnapshot
{
    QString executionId;
    std::map<std::string, StateCounts> states;
    ItemCounts items{};
    std::vector<ItemUpdate> changed;
    bool final = false;   ///< the last snapshot of the execution
};

} // namespace sluice

Q_DECLARE_METATYPE(sluice::ProgressSnapshot)
