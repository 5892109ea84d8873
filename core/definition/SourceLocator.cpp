#include "definition/SourceLocator_p.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace sluice::definition::detail {

LineColumn LineCounter::at(std::size_t offset)
{
    offset = std::min(offset, m_bytes.size());
    if (offset < m_offset) {
        m_offset = 0;
        m_line = 1;
        m_column = 1;
    }
    // incremental in both line and column: many errors on one long (minified) line stay linear
    for (; m_offset < offset; ++m_offset) {
        const auto byte = static_cast<unsigned char>(m_bytes[m_offset]);
        if (byte == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((byte & 0xC0) != 0x80) { // not a UTF-8 continuation byte
            ++m_column;
        }
    }
    return {m_line, m_column};
}

std::string escapePointerToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

namespace {

class Scanner
{
public:
    explicit Scanner(std::string_view bytes) : m_bytes(bytes) {}

    bool atEnd() const { return m_pos >= m_bytes.size(); }
    char peek() const { return atEnd() ? '\0' : m_bytes[m_pos]; }
    std::size_t pos() const { return m_pos; }
    void advance() { ++m_pos; }

    void skipWhitespace()
    {
        while (!atEnd()) {
            const char c = m_bytes[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    /// At a '"': consumes the string; decodes it into `out` when given. False if unterminated.
    bool readString(std::string *out)
    {
        ++m_pos; // opening quote
        while (!atEnd()) {
            const char c = m_bytes[m_pos++];
            if (c == '"')
                return true;
            if (c != '\\') {
                if (out)
                    *out += c;
                continue;
            }
            if (atEnd())
                return false;
            const char e = m_bytes[m_pos++];
            if (!out) {
                continue;
            }
            switch (e) {
            case 'b':
                *out += '\b';
                break;
            case 'f':
                *out += '\f';
                break;
            case 'n':
                *out += '\n';
                break;
            case 'r':
                *out += '\r';
                break;
            case 't':
                *out += '\t';
                break;
            case 'u': {
                std::uint32_t cp = 0;
                if (!readHex4(cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF && m_pos + 1 < m_bytes.size() && m_bytes[m_pos] == '\\' &&
                    m_bytes[m_pos + 1] == 'u') {
                    const std::size_t save = m_pos;
                    m_pos += 2;
                    std::uint32_t low = 0;
                    if (readHex4(low) && low >= 0xDC00 && low <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    else
                        m_pos = save;
                }
                appendUtf8(*out, cp);
                break;
            }
            default:
                *out += e;
                break; // \" \\ \/
            }
        }
        return false;
    }

    /// Skips a number or a literal (true/false/null) or anything else up to a delimiter.
    void skipAtom()
    {
        while (!atEnd()) {
            const char c = m_bytes[m_pos];
            if (c == ',' || c == ']' || c == '}' || c == ':' || c == ' ' || c == '\t' || c == '\n' ||
                c == '\r' || c == '"' || c == '{' || c == '[')
                return;
            ++m_pos;
        }
    }

private:
    bool readHex4(std::uint32_t &cp)
    {
        if (m_pos + 4 > m_bytes.size())
            return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_bytes[m_pos++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= std::uint32_t(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= std::uint32_t(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= std::uint32_t(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    static void appendUtf8(std::string &out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
};

struct Frame
{
    bool object;
    std::size_t prefixLength;
    long long index;
};

} // namespace

void SourceLocator::locate(std::string_view bytes, std::vector<LocateRequest> &requests)
{
    if (requests.empty())
        return;
    std::unordered_map<std::string, std::vector<std::size_t>> wanted;
    for (std::size_t i = 0; i < requests.size(); ++i)
        wanted[requests[i].pointer].push_back(i);
    std::unordered_map<std::string, int> seen;
    std::size_t open = requests.size();

    LineCounter lines(bytes);
    Scanner s(bytes);
    std::string current;
    std::vector<Frame> stack;

    auto visit = [&](std::size_t offset) {
        const auto it = wanted.find(current);
        if (it == wanted.end())
            return;
        const int occurrence = ++seen[current];
        for (std::size_t index : it->second) {
            if (requests[index].occurrence == occurrence) {
                requests[index].result = lines.at(offset);
                --open;
            }
        }
    };

    s.skipWhitespace();
    if (s.atEnd())
        return;
    visit(s.pos());
    bool needValue = true;
    while (open > 0) {
        if (needValue) {
            const char c = s.peek();
            if (c == '{' || c == '[') {
                stack.push_back({c == '{', current.size(), 0});
                s.advance();
                s.skipWhitespace();
                const char close = c == '{' ? '}' : ']';
                if (s.peek() == close) {
                    s.advance();
                    stack.pop_back();
                    needValue = false;
                    continue;
                }
            } else {
                if (c == '"') {
                    if (!s.readString(nullptr))
                        return;
                } else {
                    const std::size_t before = s.pos();
                    s.skipAtom();
                    if (s.pos() == before)
                        return;
                }
                needValue = false;
                continue;
            }
        } else {
            // after a value: ',' continues the container, a closer ends it
            if (stack.empty())
                return;
            s.skipWhitespace();
            const char c = s.peek();
            if (c == ',') {
                s.advance();
                s.skipWhitespace();
            } else if (c == (stack.back().object ? '}' : ']')) {
                s.advance();
                current.resize(stack.back().prefixLength);
                stack.pop_back();
                continue;
            } else {
                return;
            }
        }
        // at the start of a member (object) or element (array)
        Frame &frame = stack.back();
        current.resize(frame.prefixLength);
        current += '/';
        if (frame.object) {
            if (s.peek() != '"')
                return;
            std::string key;
            if (!s.readString(&key))
                return;
            s.skipWhitespace();
            if (s.peek() != ':')
                return;
            s.advance();
            s.skipWhitespace();
            current += escapePointerToken(key);
        } else {
            current += std::to_string(frame.index++);
        }
        if (s.atEnd())
            return;
        visit(s.pos());
        needValue = true;
    }
}

std::optional<std::size_t> SourceLocator::offsetBeyondDepth(std::string_view bytes, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

} // namespace sluice::definition::detail
