#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::definition::detail {

/// 1-based line and column; the column counts Unicode code points from the start of the line.
struct LineColumn
{
    int line = 0;
    int column = 0;
};

/// Maps byte offsets to line:column. Cheapest when asked for non-decreasing offsets.
class LineCounter
{
public:
    explicit LineCounter(std::string_view bytes) : m_bytes(bytes) {}
    LineColumn at(std::size_t offset);

private:
    std::string_view m_bytes;
    std::size_t m_offset = 0;
    int m_line = 1;
    int m_column = 1;
};

/// One question for SourceLocator: where is the `occurrence`-th value at `pointer`? (Duplicate keys give
/// one pointer several values.) `result` stays {0,0} if the pointer is not in the document.
struct LocateRequest
{
    std::string pointer;
    int occurrence = 1;
    LineColumn result;
};

/// Finds JSON pointers in the original bytes with a small tokenizer (nlohmann keeps no positions).
/// Runs only when an error is reported, so valid definitions pay nothing. One pass answers every
/// request; malformed input simply ends the scan. Iterative: nesting depth costs no stack.
class SourceLocator
{
public:
    static void locate(std::string_view bytes, std::vector<LocateRequest> &requests);
    /// Byte offset of the first '{' or '[' that opens nesting level maxDepth + 1, if any.
    static std::optional<std::size_t> offsetBeyondDepth(std::string_view bytes, int maxDepth);
};

/// RFC 6901 escaping of one reference token ("a/b" -> "a~1b").
std::string escapePointerToken(std::string_view token);

} // namespace sluice::definition::detail
