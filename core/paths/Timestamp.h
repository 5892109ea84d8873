#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

/// RFC 3339 timestamps as ASL uses them ("2016-03-14T01:59:00Z", offsets, fractional seconds).
/// An uppercase T and an offset or Z are required, as Step Functions requires.
namespace timestamp {
/// Milliseconds since the Unix epoch (UTC), or nullopt if `text` is not a valid ASL timestamp.
std::optional<std::int64_t> parseMs(std::string_view text);
/// Microseconds variant for comparisons with sub-millisecond parts.
std::optional<std::int64_t> parseUs(std::string_view text);
/// "2026-11-21T23:54:06.123Z" (UTC, milliseconds).
std::string formatMs(std::int64_t msSinceEpoch);
} // namespace timestamp

} // namespace sluice
