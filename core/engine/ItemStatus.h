#pragma once

#include <QtGlobal>

#include <array>
#include <optional>
#include <string_view>

namespace sluice {

/// The life of an item (DESIGN.md, Items).
enum class ItemStatus { Pending, Running, Retrying, Succeeded, Failed, Replaying, Cancelled };
inline constexpr int kItemStatusCount = 7;

/// "pending", "running", ... as the journal and the CLI spell them.
const char *itemStatusName(ItemStatus status);
std::optional<ItemStatus> itemStatusFromName(std::string_view name);

/// Per-status item counts.
using ItemCounts = std::array<qint64, kItemStatusCount>;

} // namespace sluice
