#include "paths/JsonPath.h"

#include "paths/JsonPath_p.h"
#include "paths/ShortJson_p.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>

namespace sluice {

using detail::FilterExpr;
using detail::Operand;
using detail::Selector;
using detail::Step;

struct JsonPath::Impl
{
    std::string text;
    Kind kind = Kind::Path;
    bool context = false;
    bool definite = true;
    bool length = false;   ///< ends in length(): evaluate() yields a number
    std::vector<Step> steps;
};

namespace {

/// Filters, parentheses and negations nest at most this deep in path text.
constexpr int kMaxNesting = 64;
/// Longest path text accepted.
constexpr std::size_t kMaxPathLength = 64 * 1024;

// ---------------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------------

bool isNameChar(char c, bool inFilter)
{
    // Dot notation is lenient, as Jayway JsonPath (which Step Functions uses) is: anything up to the
    // next structural character. Operators end a name only inside filters, so "$.&Ж中" works.
    static constexpr const char kStop[] = ".[]()'\",*@?: \t\r\n\\";
    static constexpr const char kFilterStop[] = "!=<>&|~";
    if (c == '\0' || std::strchr(kStop, c) != nullptr)
        return false;
    return !inFilter || std::strchr(kFilterStop, c) == nullptr;
}

class PathParser
{
public:
    explicit PathParser(std::string_view text) : m_text(text) {}

    bool parseTop(std::vector<Step> &steps, bool &context, bool &length)
    {
        if (!consume('$'))
            return fail("a path must start with '$'");
        context = consume('$');
        if (!parseSteps(steps, length, false))
            return false;
        if (m_pos != m_text.size())
            return fail("unexpected character '" + std::string(1, m_text[m_pos]) + "'");
        return true;
    }

    const std::string &error() const { return m_error; }
    std::size_t lengthOffset() const { return m_lengthOffset; }

private:
    bool fail(std::string message)
    {
        if (!m_error.empty())
            return false;
        m_error = std::move(message);
        if (m_error.find("character") == std::string::npos)
            m_error += " at character " + std::to_string(std::min(m_pos, m_text.size()) + 1);
        return false;
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(std::size_t ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool consume(std::string_view s)
    {
        if (m_text.substr(m_pos, s.size()) != s)
            return false;
        m_pos += s.size();
        return true;
    }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    /// Steps until a character that cannot continue a path. `inFilter`: operands of a filter.
    bool parseSteps(std::vector<Step> &steps, bool &length, bool inFilter)
    {
        length = false;
        while (!atEnd()) {
            const char c = peek();
            if (length && (c == '.' || c == '['))
                return fail("length() must be the last step of a path");
            if (c == '.') {
                Step step;
                step.offset = m_pos;
                ++m_pos;
                if (consume('.'))
                    step.recursive = true;
                if (peek() == '[') {
                    if (!parseBracket(step))
                        return false;
                } else if (consume('*')) {
                    step.selectors.push_back({Selector::Kind::Wildcard, {}, 0, {}, {}, 1, {}});
                } else {
                    const std::size_t begin = m_pos;
                    std::string name;
                    bool escaped = false;
                    if (!parseDotName(name, inFilter, escaped))
                        return false;
                    if (m_pos == begin)
                        return fail("a name, '*' or '[' must follow '.'");
                    if (!step.recursive && !escaped && name == "length" && consume("()")) {
                        length = true;
                        m_lengthOffset = step.offset;
                        continue;
                    }
                    Selector sel;
                    sel.kind = Selector::Kind::Name;
                    sel.name = std::move(name);
                    // In filters `@.length` is an array's size unless the object has such a key.
                    if (inFilter && !step.recursive && !escaped && sel.name == "length" && !isPathContinuation())
                        step.lengthOrKey = true;
                    step.selectors.push_back(std::move(sel));
                }
                steps.push_back(std::move(step));
            } else if (c == '[') {
                Step step;
                step.offset = m_pos;
                if (!parseBracket(step))
                    return false;
                steps.push_back(std::move(step));
            } else {
                break;
            }
        }
        return true;
    }

    /// A name in dot notation. A backslash escapes the next character ("$.store\\.book" is one
    /// name) and "\\uXXXX" is a code point, as in the Reference Path examples of the spec.
    bool parseDotName(std::string &name, bool inFilter, bool &escaped)
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == '\\') {
                escaped = true;
                ++m_pos;
                if (atEnd())
                    return fail("a backslash at the end of the path escapes nothing");
                if (consume('u')) {
                    unsigned code = 0;
                    if (!hex4(code))
                        return fail("bad \\u escape");
                    if (code >= 0xD800 && code <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
                        m_pos += 2;
                        unsigned low = 0;
                        if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                            return fail("bad \\u surrogate pair");
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(name, code);
                } else {
                    name += m_text[m_pos++];
                }
            } else if (isNameChar(c, inFilter)) {
                name += c;
                ++m_pos;
            } else {
                break;
            }
        }
        return true;
    }

    bool isPathContinuation() const { return peek() == '.' || peek() == '['; }

    bool parseInteger(std::int64_t &out)
    {
        const std::size_t begin = m_pos;
        bool negative = consume('-');
        if (!std::isdigit(static_cast<unsigned char>(peek())))
            return fail("expected a number at character " + std::to_string(begin + 1));
        std::int64_t value = 0;
        while (std::isdigit(static_cast<unsigned char>(peek()))) {
            const int digit = peek() - '0';
            if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10)
                return fail("number too large at character " + std::to_string(begin + 1));
            value = value * 10 + digit;
            ++m_pos;
        }
        out = negative ? -value : value;
        return true;
    }

    bool parseQuoted(std::string &out)
    {
        const char quote = peek();
        const std::size_t begin = m_pos;
        ++m_pos;
        while (!atEnd()) {
            char c = m_text[m_pos++];
            if (c == quote)
                return true;
            if (c == '\\') {
                if (atEnd())
                    break;
                c = m_text[m_pos++];
                switch (c) {
                case 'u': {
                    unsigned code = 0;
                    if (!hex4(code))
                        return fail("bad \\u escape");
                    if (code >= 0xD800 && code <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
                        m_pos += 2;
                        unsigned low = 0;
                        if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                            return fail("bad \\u surrogate pair");
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(out, code);
                    break;
                }
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                default: out += c; break;   // \' \" \\ \/ and anything else stand for themselves
                }
                continue;
            }
            out += c;
        }
        return fail("unterminated string starting at character " + std::to_string(begin + 1));
    }

    bool hex4(unsigned &out)
    {
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            if (!std::isxdigit(static_cast<unsigned char>(c)))
                return false;
            out = out * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
            ++m_pos;
        }
        return true;
    }

    static void appendUtf8(std::string &out, unsigned code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    bool parseBracket(Step &step)
    {
        ++m_pos;   // '['
        skipSpace();
        if (consume('*')) {
            step.selectors.push_back({Selector::Kind::Wildcard, {}, 0, {}, {}, 1, {}});
        } else if (peek() == '?') {
            ++m_pos;
            skipSpace();
            if (!consume('('))
                return fail("expected '(' after '?' at character " + std::to_string(m_pos + 1));
            auto expr = std::make_shared<FilterExpr>();
            if (!parseOr(*expr))
                return false;
            skipSpace();
            if (!consume(')'))
                return fail("expected ')' to close the filter at character " + std::to_string(m_pos + 1));
            Selector sel;
            sel.kind = Selector::Kind::Filter;
            sel.filter = std::move(expr);
            step.selectors.push_back(std::move(sel));
        } else {
            for (;;) {
                skipSpace();
                Selector sel;
                if (peek() == '\'' || peek() == '"') {
                    sel.kind = Selector::Kind::Name;
                    if (!parseQuoted(sel.name))
                        return false;
                } else if (peek() == '-' || peek() == ':' || std::isdigit(static_cast<unsigned char>(peek()))) {
                    std::optional<std::int64_t> first;
                    if (peek() != ':') {
                        std::int64_t v = 0;
                        if (!parseInteger(v))
                            return false;
                        first = v;
                    }
                    skipSpace();
                    if (consume(':')) {
                        sel.kind = Selector::Kind::Slice;
                        sel.start = first;
                        skipSpace();
                        if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) {
                            std::int64_t v = 0;
                            if (!parseInteger(v))
                                return false;
                            sel.end = v;
                        }
                        skipSpace();
                        if (consume(':')) {
                            skipSpace();
                            if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) {
                                if (!parseInteger(sel.step))
                                    return false;
                                if (sel.step == 0)
                                    return fail("a slice step must not be 0");
                            }
                        }
                    } else {
                        sel.kind = Selector::Kind::Index;
                        sel.index = *first;
                    }
                } else {
                    return fail("expected a quoted name, an index, '*', a slice or a filter at character "
                                + std::to_string(m_pos + 1));
                }
                step.selectors.push_back(std::move(sel));
                skipSpace();
                if (!consume(','))
                    break;
            }
            if (step.selectors.size() > 1
                && std::any_of(step.selectors.begin(), step.selectors.end(),
                               [](const Selector &s) { return s.kind == Selector::Kind::Slice; }))
                return fail("a slice cannot be part of a union");
        }
        skipSpace();
        if (!consume(']'))
            return fail("expected ']' at character " + std::to_string(m_pos + 1));
        return true;
    }

    // --- filter expressions -------------------------------------------------------------------------

    struct DepthGuard
    {
        explicit DepthGuard(int &depth) : m_depth(depth) { ++m_depth; }
        ~DepthGuard() { --m_depth; }
        int &m_depth;
    };

    bool parseOr(FilterExpr &out)
    {
        DepthGuard guard(m_depth);
        if (m_depth > kMaxNesting)
            return fail("filter expression nested too deeply (limit " + std::to_string(kMaxNesting) + ")");
        FilterExpr first;
        if (!parseAnd(first))
            return false;
        skipSpace();
        if (peek() != '|' || peek(1) != '|') {
            out = std::move(first);
            return true;
        }
        out.kind = FilterExpr::Kind::Or;
        out.children.push_back(std::move(first));
        while (skipSpace(), consume("||")) {
            FilterExpr next;
            if (!parseAnd(next))
                return false;
            out.children.push_back(std::move(next));
        }
        return true;
    }

    bool parseAnd(FilterExpr &out)
    {
        FilterExpr first;
        if (!parseUnary(first))
            return false;
        skipSpace();
        if (peek() != '&' || peek(1) != '&') {
            out = std::move(first);
            return true;
        }
        out.kind = FilterExpr::Kind::And;
        out.children.push_back(std::move(first));
        while (skipSpace(), consume("&&")) {
            FilterExpr next;
            if (!parseUnary(next))
                return false;
            out.children.push_back(std::move(next));
        }
        return true;
    }

    bool parseUnary(FilterExpr &out)
    {
        DepthGuard guard(m_depth);
        if (m_depth > kMaxNesting)
            return fail("filter expression nested too deeply (limit " + std::to_string(kMaxNesting) + ")");
        skipSpace();
        if (peek() == '!' && peek(1) != '=') {
            ++m_pos;
            out.kind = FilterExpr::Kind::Not;
            out.children.resize(1);
            return parseUnary(out.children[0]);
        }
        if (consume('(')) {
            if (!parseOr(out))
                return false;
            skipSpace();
            if (!consume(')'))
                return fail("expected ')' at character " + std::to_string(m_pos + 1));
            return true;
        }
        return parseComparison(out);
    }

    bool parseComparison(FilterExpr &out)
    {
        if (!parseOperand(out.lhs))
            return false;
        skipSpace();
        static constexpr struct { const char *text; FilterExpr::Op op; } kOps[] = {
            {"==", FilterExpr::Op::Eq}, {"!=", FilterExpr::Op::Ne}, {"<=", FilterExpr::Op::Le},
            {">=", FilterExpr::Op::Ge}, {"<", FilterExpr::Op::Lt},  {">", FilterExpr::Op::Gt},
        };
        for (const auto &candidate : kOps) {
            if (consume(std::string_view(candidate.text))) {
                out.kind = FilterExpr::Kind::Compare;
                out.op = candidate.op;
                skipSpace();
                if (!parseOperand(out.rhs))
                    return false;
                for (const Operand *operand : {&out.lhs, &out.rhs})
                    if (operand->kind != Operand::Kind::Literal && !operand->definite && !operand->length)
                        return fail("a comparison needs single values: use a path of names and indexes, or "
                                    "length(), at character " + std::to_string(m_pos + 1));
                return true;
            }
        }
        if (out.lhs.kind == Operand::Kind::Literal)
            return fail("a literal alone is not a condition, at character " + std::to_string(m_pos + 1));
        out.kind = FilterExpr::Kind::Exists;
        return true;
    }

    bool parseOperand(Operand &out)
    {
        skipSpace();
        const char c = peek();
        if (c == '@' || c == '$') {
            ++m_pos;
            out.kind = c == '@' ? Operand::Kind::Relative : Operand::Kind::Absolute;
            if (c == '$' && peek() == '$')
                return fail("the context object cannot be used in a filter");
            if (!parseSteps(out.steps, out.length, true))
                return false;
            out.definite = std::all_of(out.steps.begin(), out.steps.end(),
                                       [](const Step &s) { return s.isSimple() || s.lengthOrKey; });
            return true;
        }
        out.kind = Operand::Kind::Literal;
        if (c == '\'' || c == '"') {
            std::string text;
            if (!parseQuoted(text))
                return false;
            out.literal = std::move(text);
            return true;
        }
        if (consume("true")) {
            out.literal = true;
            return true;
        }
        if (consume("false")) {
            out.literal = false;
            return true;
        }
        if (consume("null")) {
            out.literal = nullptr;
            return true;
        }
        if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            const std::size_t begin = m_pos;
            ++m_pos;
            while (!atEnd() && (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '.' || peek() == 'e'
                                || peek() == 'E' || ((peek() == '+' || peek() == '-')
                                                     && (m_text[m_pos - 1] == 'e' || m_text[m_pos - 1] == 'E'))))
                ++m_pos;
            const std::string number(m_text.substr(begin, m_pos - begin));
            Json value = Json::parse(number, nullptr, false);
            if (value.is_discarded() || !value.is_number())
                return fail("bad number '" + number + "' at character " + std::to_string(begin + 1));
            out.literal = std::move(value);
            return true;
        }
        return fail("expected '@', '$', a string, a number, true, false or null at character "
                    + std::to_string(m_pos + 1));
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_lengthOffset = 0;
    int m_depth = 0;
    std::string m_error;
};

// ---------------------------------------------------------------------------------------------------
// Evaluator: iterative over steps and over the document (recursive descent uses an explicit stack),
// recursive only through filters, whose nesting the parser bounds.
// ---------------------------------------------------------------------------------------------------

using Nodes = std::vector<const Json *>;

/// Nodes one evaluation may visit. Recursive descent and nested filters multiply work (`$..*..*..*` on a
/// deep document grows as depth^k), so a pathological path fails instead of hanging the engine.
constexpr std::size_t kMaxWork = 20'000'000;

struct TooMuchWork
{
};

struct Budget
{
    std::size_t remaining = kMaxWork;
    void spend(std::size_t n = 1)
    {
        if (n > remaining)
            throw TooMuchWork{};
        remaining -= n;
    }
};

void evalSteps(const std::vector<Step> &steps, const Json &start, const Json &root, Nodes &out, Budget &budget);

/// One name or index step; nullptr when it finds nothing. No copies, no allocations.
const Json *findStep(const Step &step, const Json *node)
{
    const Selector &sel = step.selectors.front();
    if (sel.kind == Selector::Kind::Name) {
        if (!node->is_object())
            return nullptr;
        const auto &object = node->get_ref<const Json::object_t &>();
        const auto it = object.find(sel.name);
        return it == object.end() ? nullptr : &it->second;
    }
    if (!node->is_array())
        return nullptr;
    const auto &array = node->get_ref<const Json::array_t &>();
    std::int64_t index = sel.index;
    const auto size = static_cast<std::int64_t>(array.size());
    if (index < 0)
        index += size;
    if (index < 0 || index >= size)
        return nullptr;
    return &array[static_cast<std::size_t>(index)];
}

const Json *findSimple(const std::vector<Step> &steps, const Json *node)
{
    for (const Step &step : steps) {
        node = findStep(step, node);
        if (!node)
            return nullptr;
    }
    return node;
}

/// A filter operand's value: absent (nullopt), a node, or a computed value kept in `storage`.
const Json *operandValue(const Operand &op, const Json &current, const Json &root, Json &storage, Budget &budget)
{
    if (op.kind == Operand::Kind::Literal)
        return &op.literal;
    const Json &base = op.kind == Operand::Kind::Relative ? current : root;
    if (op.definite) {
        const Json *node = &base;
        for (const Step &step : op.steps) {
            if (step.lengthOrKey) {
                if (node->is_object()) {
                    const auto it = node->find("length");
                    if (it == node->end())
                        return nullptr;
                    node = &*it;
                } else if (node->is_array()) {
                    storage = node->size();
                    node = &storage;
                } else if (node->is_string()) {
                    storage = node->get_ref<const std::string &>().size();
                    node = &storage;
                } else {
                    return nullptr;
                }
                continue;
            }
            node = findStep(step, node);
            if (!node)
                return nullptr;
        }
        if (op.length) {
            if (node->is_array() || node->is_object())
                storage = node->size();
            else if (node->is_string())
                storage = node->get_ref<const std::string &>().size();
            else
                return nullptr;
            return &storage;
        }
        return node;
    }
    // Indefinite operands reach here only with length() (the parser allows no other in comparisons).
    Nodes matches;
    evalSteps(op.steps, base, root, matches, budget);
    storage = matches.size();
    return &storage;
}

bool compare(FilterExpr::Op op, const Json *a, const Json *b)
{
    // Missing operands: equal only to each other (RFC 9535 "Nothing"); never ordered.
    if (!a || !b) {
        const bool equal = !a && !b;
        return op == FilterExpr::Op::Eq ? equal : op == FilterExpr::Op::Ne ? !equal : false;
    }
    switch (op) {
    case FilterExpr::Op::Eq: return *a == *b;
    case FilterExpr::Op::Ne: return !(*a == *b);
    default: break;
    }
    const bool numbers = a->is_number() && b->is_number();
    const bool strings = a->is_string() && b->is_string();
    if (!numbers && !strings)
        return false;
    switch (op) {
    case FilterExpr::Op::Lt: return *a < *b;
    case FilterExpr::Op::Le: return *a < *b || *a == *b;
    case FilterExpr::Op::Gt: return *b < *a;
    case FilterExpr::Op::Ge: return *b < *a || *a == *b;
    default: return false;
    }
}

bool test(const FilterExpr &expr, const Json &current, const Json &root, Budget &budget)
{
    budget.spend();
    switch (expr.kind) {
    case FilterExpr::Kind::Or:
        return std::any_of(expr.children.begin(), expr.children.end(),
                           [&](const FilterExpr &e) { return test(e, current, root, budget); });
    case FilterExpr::Kind::And:
        return std::all_of(expr.children.begin(), expr.children.end(),
                           [&](const FilterExpr &e) { return test(e, current, root, budget); });
    case FilterExpr::Kind::Not:
        return !test(expr.children.front(), current, root, budget);
    case FilterExpr::Kind::Exists: {
        if (!expr.lhs.definite && !expr.lhs.length) {
            Nodes matches;
            evalSteps(expr.lhs.steps, expr.lhs.kind == Operand::Kind::Relative ? current : root, root, matches, budget);
            return !matches.empty();
        }
        Json storage;
        const Json *value = operandValue(expr.lhs, current, root, storage, budget);
        if (!value)
            return false;
        // An indefinite operand exists when it matched something.
        return expr.lhs.definite || expr.lhs.length || !value->empty();
    }
    case FilterExpr::Kind::Compare: {
        Json left, right;
        const Json *a = operandValue(expr.lhs, current, root, left, budget);
        const Json *b = operandValue(expr.rhs, current, root, right, budget);
        return compare(expr.op, a, b);
    }
    }
    return false;
}

void applySelector(const Selector &sel, const Json &node, const Json &root, Nodes &out, Budget &budget)
{
    switch (sel.kind) {
    case Selector::Kind::Name:
        if (node.is_object()) {
            const auto it = node.find(sel.name);
            if (it != node.end())
                out.push_back(&*it);
        }
        break;
    case Selector::Kind::Index:
        if (node.is_array()) {
            const auto size = static_cast<std::int64_t>(node.size());
            const std::int64_t index = sel.index < 0 ? sel.index + size : sel.index;
            if (index >= 0 && index < size)
                out.push_back(&node[static_cast<std::size_t>(index)]);
        }
        break;
    case Selector::Kind::Wildcard:
        if (node.is_object() || node.is_array())
            for (const auto &child : node)
                out.push_back(&child);
        break;
    case Selector::Kind::Slice: {
        if (!node.is_array())
            break;
        const auto size = static_cast<std::int64_t>(node.size());
        const std::int64_t step = sel.step;
        auto normalize = [size](std::int64_t i) { return i < 0 ? std::max<std::int64_t>(i + size, -1) : i; };
        // The loops stop before `i += step` could overflow with huge steps.
        if (step > 0) {
            const std::int64_t lo = sel.start ? std::clamp<std::int64_t>(normalize(*sel.start), 0, size) : 0;
            const std::int64_t hi = sel.end ? std::clamp<std::int64_t>(normalize(*sel.end), 0, size) : size;
            for (std::int64_t i = lo; i < hi; i += step) {
                out.push_back(&node[static_cast<std::size_t>(i)]);
                if (step >= hi - i)
                    break;
            }
        } else {
            const std::int64_t hi = sel.start ? std::clamp<std::int64_t>(normalize(*sel.start), -1, size - 1) : size - 1;
            const std::int64_t lo = sel.end ? std::clamp<std::int64_t>(normalize(*sel.end), -1, size - 1) : -1;
            for (std::int64_t i = hi; i > lo; i += step) {
                out.push_back(&node[static_cast<std::size_t>(i)]);
                if (-step >= i - lo)
                    break;
            }
        }
        break;
    }
    case Selector::Kind::Filter:
        if (node.is_object() || node.is_array())
            for (const auto &child : node)
                if (test(*sel.filter, child, root, budget))
                    out.push_back(&child);
        break;
    }
}

void evalSteps(const std::vector<Step> &steps, const Json &start, const Json &root, Nodes &out, Budget &budget)
{
    Nodes current{&start};
    Nodes next;
    Nodes stack;
    for (const Step &step : steps) {
        next.clear();
        for (const Json *node : current) {
            if (!step.recursive) {
                for (const Selector &sel : step.selectors)
                    applySelector(sel, *node, root, next, budget);
                continue;
            }
            // Pre-order walk (document order) of the node and all its descendants.
            stack.clear();
            stack.push_back(node);
            while (!stack.empty()) {
                const Json *n = stack.back();
                stack.pop_back();
                budget.spend();
                for (const Selector &sel : step.selectors)
                    applySelector(sel, *n, root, next, budget);
                if (n->is_object() || n->is_array()) {
                    const std::size_t mark = stack.size();
                    for (const auto &child : *n)
                        if (child.is_object() || child.is_array())
                            stack.push_back(&child);
                    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
                }
            }
        }
        budget.spend(next.size());
        current.swap(next);
        if (current.empty())
            break;
    }
    out.insert(out.end(), current.begin(), current.end());
}

Failure notFound(const std::string &path, const Json &input, bool context)
{
    return Failure{errors::kRuntime, "The JSONPath '" + detail::shortText(path) + "' could not be found in the "
                                         + (context ? "context object '" : "input '") + detail::shortJson(input)
                                         + "'"};
}

const std::string &emptyString()
{
    static const std::string kEmpty;
    return kEmpty;
}

} // namespace

JsonPath::JsonPath() = default;
JsonPath::~JsonPath() = default;
JsonPath::JsonPath(const JsonPath &) = default;
JsonPath &JsonPath::operator=(const JsonPath &) = default;
JsonPath::JsonPath(JsonPath &&) noexcept = default;
JsonPath &JsonPath::operator=(JsonPath &&) noexcept = default;

Result<JsonPath> JsonPath::parse(std::string_view text, Kind kind)
{
    auto fail = [&](const std::string &message) {
        return Error{ErrorCode::BadPath,
                     QStringLiteral("Invalid path '%1': %2")
                         .arg(QString::fromUtf8(detail::shortText(std::string(text)).c_str()),
                              QString::fromUtf8(message.c_str())),
                     {}};
    };
    if (text.size() > kMaxPathLength)
        return fail("longer than " + std::to_string(kMaxPathLength) + " characters");
    try {
        auto impl = std::make_shared<Impl>();
        impl->text = std::string(text);
        impl->kind = kind;
        PathParser parser(text);
        if (!parser.parseTop(impl->steps, impl->context, impl->length))
            return fail(parser.error());
        impl->definite = !impl->length && std::all_of(impl->steps.begin(), impl->steps.end(),
                                                      [](const Step &s) { return s.isSimple(); });
        if (kind == Kind::Reference) {
            const auto at = [](std::size_t offset) { return " at character " + std::to_string(offset + 1); };
            for (const Step &step : impl->steps) {
                if (!step.isSimple())
                    return fail("a reference path may only use names and indexes (no '..', '*', ',', ':', '?', '@' "
                                "or functions)" + at(step.offset));
                if (step.selectors[0].kind == Selector::Kind::Index && step.selectors[0].index < 0)
                    return fail("a reference path cannot use a negative index" + at(step.offset));
            }
            if (impl->length)
                return fail("a reference path cannot use length()" + at(parser.lengthOffset()));
        }
        JsonPath path;
        path.d = std::move(impl);
        return path;
    } catch (const std::exception &e) {
        return fail(e.what());
    }
}

const std::string &JsonPath::text() const { return d ? d->text : emptyString(); }
JsonPath::Kind JsonPath::kind() const { return d ? d->kind : Kind::Path; }
bool JsonPath::isRoot() const { return d && !d->context && d->steps.empty() && !d->length; }
bool JsonPath::isContext() const { return d && d->context; }
bool JsonPath::isDefinite() const { return !d || d->definite; }

Result<const Json *, Failure> JsonPath::find(const EvalScope &scope) const
{
    if (!d)
        return &scope.input();
    const Json &base = d->context ? scope.context() : scope.input();
    if (!d->definite)
        return Failure{errors::kRuntime,
                       "The JSONPath '" + detail::shortText(d->text) + "' selects several nodes; it has no single node"};
    if (const Json *node = findSimple(d->steps, &base))
        return node;
    return notFound(d->text, base, d->context);
}

Result<Json, Failure> JsonPath::evaluate(const EvalScope &scope) const
{
    try {
        if (!d || d->definite) {
            auto found = find(scope);
            if (!found)
                return std::move(found).error();
            return Json(**found);
        }
        const Json &base = d->context ? scope.context() : scope.input();
        Nodes matches;
        if (d->length && std::all_of(d->steps.begin(), d->steps.end(), [](const Step &s) { return s.isSimple(); })) {
            const Json *node = findSimple(d->steps, &base);
            if (!node)
                return notFound(d->text, base, d->context);
            if (node->is_array() || node->is_object())
                return Json(node->size());
            if (node->is_string())
                return Json(node->get_ref<const std::string &>().size());
            return Failure{errors::kRuntime, "The JSONPath '" + detail::shortText(d->text) + "' applies length() to "
                                                 + detail::shortJson(*node) + ", which has no length"};
        }
        Budget budget;
        evalSteps(d->steps, base, base, matches, budget);
        if (d->length)
            return Json(matches.size());
        Json result = Json::array();
        result.get_ref<Json::array_t &>().reserve(matches.size());
        for (const Json *match : matches)
            result.push_back(*match);
        return result;
    } catch (const TooMuchWork &) {
        return Failure{errors::kRuntime, "The JSONPath '" + detail::shortText(text()) + "' needs more than "
                                             + std::to_string(kMaxWork) + " steps on this input; simplify the path"};
    } catch (const std::exception &e) {
        return Failure{errors::kRuntime, "The JSONPath '" + detail::shortText(text()) + "' failed: " + e.what()};
    }
}

namespace {

Failure withField(Failure failure, const std::string &pathText, std::string_view field)
{
    const std::string prefix = "The JSONPath '" + detail::shortText(pathText) + "'";
    if (!field.empty() && failure.cause.compare(0, prefix.size(), prefix) == 0)
        failure.cause.insert(prefix.size(),
                             " specified for the field '" + detail::shortText(std::string(field), 80) + "'");
    return failure;
}

} // namespace

Result<const Json *, Failure> JsonPath::find(const EvalScope &scope, std::string_view field) const
{
    auto found = find(scope);
    if (!found)
        return withField(std::move(found).error(), text(), field);
    return found;
}

Result<Json, Failure> JsonPath::evaluate(const EvalScope &scope, std::string_view field) const
{
    auto value = evaluate(scope);
    if (!value)
        return withField(std::move(value).error(), text(), field);
    return value;
}

bool JsonPath::exists(const EvalScope &scope) const
{
    if (!d)
        return true;
    const Json &base = d->context ? scope.context() : scope.input();
    if (d->definite)
        return findSimple(d->steps, &base) != nullptr;
    try {
        if (d->length)
            return evaluate(scope).ok();
        Nodes matches;
        Budget budget;
        evalSteps(d->steps, base, base, matches, budget);
        return !matches.empty();
    } catch (...) {
        return false;
    }
}

Result<void, Failure> JsonPath::set(Json &target, Json value) const
{
    auto mismatch = [&]() {
        return Failure{errors::kResultPathMatchFailure,
                       "Unable to apply ReferencePath " + detail::shortText(text()) + " to input '"
                           + detail::shortJson(target) + "'"};
    };
    if (!d || d->steps.empty()) {
        if (d && d->context)
            return mismatch();
        target = std::move(value);
        return {};
    }
    if (d->context || !d->definite)
        return mismatch();
    try {
        Json *node = &target;
        const std::size_t count = d->steps.size();
        for (std::size_t i = 0; i < count; ++i) {
            const Selector &sel = d->steps[i].selectors.front();
            const bool last = i + 1 == count;
            if (sel.kind == Selector::Kind::Name) {
                if (!node->is_object())
                    return mismatch();
                auto &object = node->get_ref<Json::object_t &>();
                if (last) {
                    object[sel.name] = std::move(value);
                    return {};
                }
                auto it = object.find(sel.name);
                if (it == object.end())
                    it = object.emplace(sel.name, Json::object()).first;
                node = &it->second;
            } else {
                if (!node->is_array() || sel.index < 0 || static_cast<std::uint64_t>(sel.index) >= node->size())
                    return mismatch();
                Json &element = (*node)[static_cast<std::size_t>(sel.index)];
                if (last) {
                    element = std::move(value);
                    return {};
                }
                node = &element;
            }
        }
        return {};
    } catch (const std::exception &e) {
        return Failure{errors::kResultPathMatchFailure, e.what()};
    }
}

} // namespace sluice
