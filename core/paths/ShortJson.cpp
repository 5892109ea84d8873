#include "paths/ShortJson_p.h"

namespace sluice::detail {
namespace {

std::string quoted(const std::string &text)
{
    return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// Each nesting level writes at least one character, so the recursion is bounded by `limit`.
void render(const Json &value, std::string &out, std::size_t limit)
{
    if (out.size() > limit)
        return;
    switch (value.type()) {
    case Json::value_t::object: {
        out += '{';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (out.size() > limit)
                return;
            if (!first)
                out += ',';
            first = false;
            out += quoted(it.key().size() > limit ? it.key().substr(0, limit + 1) : it.key());
            out += ':';
            render(it.value(), out, limit);
        }
        out += '}';
        break;
    }
    case Json::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto &item : value) {
            if (out.size() > limit)
                return;
            if (!first)
                out += ',';
            first = false;
            render(item, out, limit);
        }
        out += ']';
        break;
    }
    case Json::value_t::string: {
        const auto &text = value.get_ref<const std::string &>();
        out += quoted(text.size() > limit ? text.substr(0, limit + 1) : text);
        break;
    }
    default:
        out += value.dump();
        break;
    }
}

std::size_t utf8Boundary(const std::string &text, std::size_t at)
{
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        --at;
    return at;
}

} // namespace

std::string shortText(const std::string &text, std::size_t maxChars)
{
    if (text.size() <= maxChars)
        return text;
    return text.substr(0, utf8Boundary(text, maxChars)) + "...";
}

std::string shortJson(const Json &value, std::size_t maxChars)
{
    try {
        std::string out;
        render(value, out, maxChars);
        return shortText(out, maxChars);
    } catch (...) {
        return "<unprintable>";
    }
}

bool nestsDeeperThan(std::string_view text, int limit)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

bool nestsDeeperThan(const Json &value, int limit)
{
    std::vector<std::pair<const Json *, int>> stack{{&value, 0}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (!node->is_structured())
            continue;
        if (depth + 1 > limit)
            return true;
        for (const auto &child : *node)
            if (child.is_structured())
                stack.emplace_back(&child, depth + 1);
    }
    return false;
}

std::string dumpCompact(const Json &value)
{
    try {
        return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    } catch (...) {
        return {};
    }
}

} // namespace sluice::detail
