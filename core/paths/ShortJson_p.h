#pragma once

#include "Json.h"

#include <cstddef>
#include <string>

namespace sluice::detail {

/// A compact rendering of `value` cut to about `maxChars` characters ("..." appended when cut), for
/// error causes. Never throws, never renders more of a huge document than it shows; invalid UTF-8 is
/// replaced by U+FFFD.
std::string shortJson(const Json &value, std::size_t maxChars = 200);

/// The full compact JSON text of `value` (no spaces, as Step Functions renders it); invalid UTF-8 is
/// replaced by U+FFFD instead of throwing.
std::string dumpCompact(const Json &value);

/// `text` cut to about `maxChars` bytes on a UTF-8 boundary, "..." appended when cut.
std::string shortText(const std::string &text, std::size_t maxChars = 200);

} // namespace sluice::detail
