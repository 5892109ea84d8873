#include "engine/ItemStatus.h"

namespace sluice {

namespace {
constexpr std::array<const char *, kItemStatusCount> kNames = {"pending",   "running",   "retrying", "succeeded",
                                                               "failed",    "replaying", "cancelled"};
}

const char *itemStatusName(ItemStatus status)
{
    return kNames[size_t(status)];
}

std::optional<ItemStatus> itemStatusFromName(std::string_view name)
{
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (name == kNames[i])
            return ItemStatus(i);
    }
    return std::nullopt;
}

} // namespace sluice
