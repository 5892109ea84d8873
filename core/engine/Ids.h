#pragma once

#include <QHashFunctions>
#include <QMetaType>

#include <functional>

namespace sluice {

/// An item of an execution: 0 is the execution's own input, each Map iteration (or batch) gets the next.
struct ItemId
{
    qint64 value = 0;
    bool operator==(const ItemId &) const = default;
    auto operator<=>(const ItemId &) const = default;
};

inline size_t qHash(ItemId id, size_t seed = 0) noexcept
{
    return ::qHash(id.value, seed);
}

} // namespace sluice

template <>
struct std::hash<sluice::ItemId>
{
    size_t operator()(sluice::ItemId id) const noexcept { return std::hash<qint64>()(id.value); }
};

Q_DECLARE_METATYPE(sluice::ItemId)
