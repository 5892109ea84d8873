#pragma once

#include "Json.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice::detail {

/// A compact rendering of `value` cut to about `maxChars` characters ("..." appended when cut), for
/// error causes. Never throws, never renders more of a huge document than it shows; invalid UTF-8 is
/// replaced by U+FFFD.
std::string shortJson(const Json &value, std::size_t maxChars = 200);

/// The full compact JSON text of `value` (no spaces, as Step Functions renders it); invalid UTF-8 is
/// replaced by U+FFFD instead of throwing.
std::string dumpCompact(const Json &value);

/// Values nested deeper than this are refused where core/paths creates them (StringToJson, templates):
/// nlohmann::json copies, compares and dumps recursively, and about 60,000 levels exhaust an 8 MB stack.
inline constexpr int kMaxNesting = 10000;

/// True if the JSON text `text` opens more than `limit` arrays/objects at once. A linear scan that
/// skips strings; it does not validate the text.
bool nestsDeeperThan(std::string_view text, int limit);

/// True if `value` has more than `limit` levels of arrays/objects. Iterative.
bool nestsDeeperThan(const Json &value, int limit);

/// `text` cut to about `maxChars` bytes on a UTF-8 boundary, "..." appended when cut.
std::string shortText(const std::string &text, std::size_t maxChars = 200);

} // namespace sluice::detail
