#include "paths/Intrinsic.h"

#include "paths/JsonPath.h"
#include "paths/ShortJson_p.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QUuid>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <random>
#include <unordered_map>

namespace sluice {

namespace {

/// Step Functions allows up to 10 nested intrinsic functions in one field.
constexpr int kMaxCallDepth = 10;
constexpr std::size_t kMaxArrayRange = 1000;
constexpr std::size_t kMaxEncodeChars = 10000;
constexpr std::size_t kMaxTextLength = 256 * 1024;

enum class Fn {
    Format, StringToJson, JsonToString, Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem,
    ArrayLength, ArrayUnique, Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom, MathAdd, StringSplit,
    Uuid,
};

/// What an argument position takes; literals are checked against it when the call is parsed.
enum class ArgType { Any, String, Integer, Number, Array, Object, False };

struct FnInfo
{
    const char *name;
    Fn fn;
    int minArgs;
    int maxArgs;   ///< -1: any number
    ArgType types[3];
};

constexpr FnInfo kFunctions[] = {
    {"States.Format", Fn::Format, 1, -1, {ArgType::String, ArgType::Any, ArgType::Any}},
    {"States.StringToJson", Fn::StringToJson, 1, 1, {ArgType::String}},
    {"States.JsonToString", Fn::JsonToString, 1, 1, {ArgType::Any}},
    {"States.Array", Fn::Array, 0, -1, {ArgType::Any, ArgType::Any, ArgType::Any}},
    {"States.ArrayPartition", Fn::ArrayPartition, 2, 2, {ArgType::Array, ArgType::Integer}},
    {"States.ArrayContains", Fn::ArrayContains, 2, 2, {ArgType::Array, ArgType::Any}},
    {"States.ArrayRange", Fn::ArrayRange, 3, 3, {ArgType::Integer, ArgType::Integer, ArgType::Integer}},
    {"States.ArrayGetItem", Fn::ArrayGetItem, 2, 2, {ArgType::Array, ArgType::Integer}},
    {"States.ArrayLength", Fn::ArrayLength, 1, 1, {ArgType::Array}},
    {"States.ArrayUnique", Fn::ArrayUnique, 1, 1, {ArgType::Array}},
    {"States.Base64Encode", Fn::Base64Encode, 1, 1, {ArgType::String}},
    {"States.Base64Decode", Fn::Base64Decode, 1, 1, {ArgType::String}},
    {"States.Hash", Fn::Hash, 2, 2, {ArgType::String, ArgType::String}},
    {"States.JsonMerge", Fn::JsonMerge, 3, 3, {ArgType::Object, ArgType::Object, ArgType::False}},
    {"States.MathRandom", Fn::MathRandom, 2, 3, {ArgType::Number, ArgType::Number, ArgType::Number}},
    {"States.MathAdd", Fn::MathAdd, 2, 2, {ArgType::Number, ArgType::Number}},
    {"States.StringSplit", Fn::StringSplit, 2, 2, {ArgType::String, ArgType::String}},
    {"States.UUID", Fn::Uuid, 0, 0, {}},
};

constexpr const char *kHashAlgorithms[] = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"};

struct Call;

struct Arg
{
    enum class Kind { Literal, Path, Call };
    Kind kind = Kind::Literal;
    Json literal;
    /// String literals: the text split at unescaped "{}" (placeholders of States.Format).
    std::vector<std::string> segments;
    JsonPath path;
    std::shared_ptr<const Call> call;
};

struct Call
{
    const FnInfo *info = nullptr;
    std::vector<Arg> args;
};

std::size_t countChars(const std::string &text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

const char *typeName(const Json &value)
{
    return value.type_name();
}

// ---------------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------------

class CallParser
{
public:
    explicit CallParser(std::string_view text) : m_text(text) {}

    bool parseTop(Call &call, bool &usesContext)
    {
        skipSpace();
        if (!parseCall(call, 1))
            return false;
        skipSpace();
        if (m_pos != m_text.size())
            return fail("unexpected text after the closing parenthesis at character " + std::to_string(m_pos + 1));
        usesContext = m_usesContext;
        return true;
    }

    const std::string &error() const { return m_error; }

private:
    bool fail(std::string message)
    {
        if (m_error.empty())
            m_error = std::move(message);
        return false;
    }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool consume(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        // A keyword must not run on into a name (`trueish`).
        const std::size_t after = m_pos + word.size();
        if (after < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[after])) || m_text[after] == '_'))
            return false;
        m_pos = after;
        return true;
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }

    bool parseCall(Call &call, int depth)
    {
        if (depth > kMaxCallDepth)
            return fail("intrinsic functions nest deeper than " + std::to_string(kMaxCallDepth) + " levels");
        const std::size_t begin = m_pos;
        while (m_pos < m_text.size()
               && (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '.' || m_text[m_pos] == '_'))
            ++m_pos;
        const std::string_view name = m_text.substr(begin, m_pos - begin);
        for (const FnInfo &info : kFunctions)
            if (name == info.name)
                call.info = &info;
        if (!call.info)
            return fail("unknown intrinsic function '" + detail::shortText(std::string(name), 80) + "'");
        skipSpace();
        if (!consume('('))
            return fail(std::string("expected '(' after ") + call.info->name);
        skipSpace();
        if (!consume(')')) {
            for (;;) {
                skipSpace();
                Arg arg;
                if (!parseArg(arg, depth))
                    return false;
                call.args.push_back(std::move(arg));
                skipSpace();
                if (consume(')'))
                    break;
                if (!consume(','))
                    return fail(std::string("expected ',' or ')' in the arguments of ") + call.info->name
                                + " at character " + std::to_string(m_pos + 1));
            }
        }
        return checkCall(call);
    }

    bool parseArg(Arg &arg, int depth)
    {
        const char c = peek();
        if (c == '\'')
            return parseString(arg);
        if (c == '$')
            return parsePath(arg);
        if (m_text.substr(m_pos, 7) == "States.") {
            auto call = std::make_shared<Call>();
            if (!parseCall(*call, depth + 1))
                return false;
            arg.kind = Arg::Kind::Call;
            arg.call = std::move(call);
            return true;
        }
        if (consume(std::string_view("true"))) {
            arg.literal = true;
            return true;
        }
        if (consume(std::string_view("false"))) {
            arg.literal = false;
            return true;
        }
        if (consume(std::string_view("null"))) {
            arg.literal = nullptr;
            return true;
        }
        if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            const std::size_t begin = m_pos;
            ++m_pos;
            while (m_pos < m_text.size()) {
                const char d = m_text[m_pos];
                const char prev = m_text[m_pos - 1];
                if (std::isdigit(static_cast<unsigned char>(d)) || d == '.' || d == 'e' || d == 'E'
                    || ((d == '+' || d == '-') && (prev == 'e' || prev == 'E')))
                    ++m_pos;
                else
                    break;
            }
            const std::string number(m_text.substr(begin, m_pos - begin));
            Json value = Json::parse(number, nullptr, false);
            if (value.is_discarded() || !value.is_number())
                return fail("bad number '" + number + "' at character " + std::to_string(begin + 1));
            arg.literal = std::move(value);
            return true;
        }
        return fail("expected a string, number, boolean, null, path or intrinsic function at character "
                    + std::to_string(m_pos + 1));
    }

    bool parseString(Arg &arg)
    {
        const std::size_t begin = m_pos;
        ++m_pos;
        std::string text;
        std::string segment;
        std::vector<std::string> segments;
        bool pendingBrace = false;   // an unescaped '{' just seen
        auto flushBrace = [&]() {
            if (pendingBrace) {
                text += '{';
                segment += '{';
                pendingBrace = false;
            }
        };
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '\'') {
                flushBrace();
                segments.push_back(std::move(segment));
                arg.literal = std::move(text);
                arg.segments = std::move(segments);
                return true;
            }
            if (c == '\\') {
                if (m_pos >= m_text.size())
                    break;
                const char e = m_text[m_pos++];
                if (e != '\'' && e != '{' && e != '}' && e != '\\')
                    return fail(std::string("invalid escape '\\") + e + "' at character " + std::to_string(m_pos - 1)
                                + " (only \\' \\{ \\} and \\\\ are allowed)");
                flushBrace();
                text += e;
                segment += e;
                continue;
            }
            if (pendingBrace && c == '}') {
                pendingBrace = false;
                text += "{}";
                segments.push_back(std::move(segment));
                segment.clear();
                continue;
            }
            flushBrace();
            if (c == '{') {
                pendingBrace = true;
                continue;
            }
            text += c;
            segment += c;
        }
        return fail("unterminated string starting at character " + std::to_string(begin + 1));
    }

    bool parsePath(Arg &arg)
    {
        const std::size_t begin = m_pos;
        int brackets = 0;
        int parens = 0;
        char quote = 0;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (quote) {
                if (c == '\\')
                    ++m_pos;
                else if (c == quote)
                    quote = 0;
            } else if (brackets > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[') {
                ++brackets;
            } else if (c == ']') {
                --brackets;
            } else if (c == '(' && brackets > 0) {
                ++parens;
            } else if (c == ')' && parens > 0) {
                --parens;
            } else if (brackets <= 0 && (c == ',' || c == ')' || std::isspace(static_cast<unsigned char>(c)))) {
                break;
            }
            ++m_pos;
        }
        const std::string_view text = m_text.substr(begin, std::min(m_pos, m_text.size()) - begin);
        auto path = JsonPath::parse(text, JsonPath::Kind::Path);
        if (!path)
            return fail(path.error().message.toStdString());
        arg.kind = Arg::Kind::Path;
        arg.path = std::move(path).value();
        m_usesContext = m_usesContext || arg.path.isContext();
        return true;
    }

    bool checkCall(const Call &call)
    {
        const FnInfo &info = *call.info;
        const int count = static_cast<int>(call.args.size());
        if (count < info.minArgs || (info.maxArgs >= 0 && count > info.maxArgs)) {
            std::string expected = info.minArgs == info.maxArgs ? std::to_string(info.minArgs)
                                   : info.maxArgs < 0 ? "at least " + std::to_string(info.minArgs)
                                                      : std::to_string(info.minArgs) + " to " + std::to_string(info.maxArgs);
            return fail(std::string(info.name) + " takes " + expected + " argument(s), got " + std::to_string(count));
        }
        for (int i = 0; i < count && i < 3; ++i) {
            const Arg &arg = call.args[static_cast<std::size_t>(i)];
            if (arg.kind != Arg::Kind::Literal)
                continue;
            const Json &v = arg.literal;
            bool ok = true;
            switch (info.types[i]) {
            case ArgType::Any: break;
            case ArgType::String: ok = v.is_string(); break;
            case ArgType::Number: ok = v.is_number(); break;
            case ArgType::Integer:
                ok = v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
                break;
            case ArgType::Array: ok = false; break;
            case ArgType::Object: ok = false; break;
            case ArgType::False:
                if (v.is_boolean() && v.get<bool>())
                    return fail(std::string(info.name) + ": deep merge (true) is not supported; the third argument must be false");
                ok = v.is_boolean();
                break;
            }
            if (!ok)
                return fail(std::string(info.name) + ": argument " + std::to_string(i + 1) + " cannot be the literal "
                            + detail::shortJson(v, 60));
        }
        if (info.fn == Fn::Format && call.args[0].kind == Arg::Kind::Literal) {
            const auto placeholders = call.args[0].segments.size() - 1;
            if (placeholders != call.args.size() - 1)
                return fail("States.Format: the template has " + std::to_string(placeholders) + " placeholder(s) but "
                            + std::to_string(call.args.size() - 1) + " value(s) follow");
        }
        if (info.fn == Fn::Hash && call.args[1].kind == Arg::Kind::Literal) {
            const auto &name = call.args[1].literal.get_ref<const std::string &>();
            if (std::none_of(std::begin(kHashAlgorithms), std::end(kHashAlgorithms),
                             [&](const char *a) { return name == a; }))
                return fail("States.Hash: unsupported algorithm '" + detail::shortText(name, 40)
                            + "' (MD5, SHA-1, SHA-256, SHA-384 or SHA-512)");
        }
        if (info.fn == Fn::ArrayRange && call.args[2].kind == Arg::Kind::Literal && call.args[2].literal == 0)
            return fail("States.ArrayRange: the step must not be 0");
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    bool m_usesContext = false;
    std::string m_error;
};

// ---------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------

using Value = Result<Json, Failure>;

Failure intrinsicFailure(const FnInfo &info, const std::string &what)
{
    return Failure{errors::kIntrinsicFailure, std::string("Invalid arguments in ") + info.name + ": " + what};
}

/// An integral argument (1, 1.0); `round` rounds other numbers to the nearest integer, as MathAdd and
/// MathRandom do.
std::optional<std::int64_t> integerArg(const Json &value, bool round)
{
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return value.get<std::int64_t>();
    }
    if (!value.is_number_float())
        return std::nullopt;
    double d = value.get<double>();
    if (!std::isfinite(d))
        return std::nullopt;
    if (round)
        d = std::round(d);
    if (std::floor(d) != d || d < -9.2e18 || d > 9.2e18)
        return std::nullopt;
    return static_cast<std::int64_t>(d);
}

/// A States.Format value as Step Functions renders it (Java's toString): strings raw, numbers, booleans
/// and null as JSON, arrays as "[a, b]" and objects as "{k=v, k2=w}", strings raw inside them too.
/// Iterative, so deeply nested values are fine.
std::string renderForFormat(const Json &value)
{
    if (value.is_string())
        return value.get_ref<const std::string &>();
    struct Frame
    {
        const Json *node;
        Json::const_iterator it;
        bool first;
    };
    std::string out;
    std::vector<Frame> stack;
    auto open = [&](const Json &node) {
        if (node.is_structured()) {
            out += node.is_object() ? '{' : '[';
            stack.push_back({&node, node.cbegin(), true});
        } else if (node.is_string()) {
            out += node.get_ref<const std::string &>();
        } else {
            out += node.dump();
        }
    };
    open(value);
    while (!stack.empty()) {
        Frame &frame = stack.back();
        if (frame.it == frame.node->cend()) {
            out += frame.node->is_object() ? '}' : ']';
            stack.pop_back();
            continue;
        }
        if (!frame.first)
            out += ", ";
        frame.first = false;
        if (frame.node->is_object()) {
            out += frame.it.key();
            out += '=';
        }
        const Json &child = *frame.it;
        ++frame.it;
        open(child);   // may grow the stack: `frame` is not used after this
    }
    return out;
}

/// Hash that agrees with Json equality on numbers (1 == 1.0 == 1u); containers hash by size only.
struct LooseHash
{
    std::size_t operator()(const Json &v) const
    {
        switch (v.type()) {
        case Json::value_t::string: return std::hash<std::string>{}(v.get_ref<const std::string &>());
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return std::hash<double>{}(v.get<double>());
        case Json::value_t::boolean: return v.get<bool>() ? 1 : 2;
        default: return static_cast<std::size_t>(v.type()) * 1000003u + v.size();
        }
    }
};

/// UTF-8 characters (lead byte and its continuation bytes) of `text`.
std::vector<std::string_view> utf8Chars(std::string_view text)
{
    std::vector<std::string_view> chars;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i + 1;
        while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80)
            ++j;
        chars.push_back(text.substr(i, j - i));
        i = j;
    }
    return chars;
}

std::mt19937_64 &randomEngine()
{
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

Value evalCall(const Call &call, const EvalScope &scope);

Value evalArg(const Arg &arg, const EvalScope &scope)
{
    switch (arg.kind) {
    case Arg::Kind::Literal: return arg.literal;
    case Arg::Kind::Path: return arg.path.evaluate(scope);
    case Arg::Kind::Call: return evalCall(*arg.call, scope);
    }
    return Json();
}

Value evalCall(const Call &call, const EvalScope &scope)
{
    const FnInfo &info = *call.info;
    std::vector<Json> args;
    args.reserve(call.args.size());
    for (const Arg &arg : call.args) {
        auto value = evalArg(arg, scope);
        if (!value)
            return std::move(value).error();
        args.push_back(std::move(value).value());
    }
    auto requireType = [&](std::size_t i, bool ok, const char *expected) -> std::optional<Failure> {
        if (ok)
            return std::nullopt;
        return intrinsicFailure(info, "argument " + std::to_string(i + 1) + " must be " + expected + ", got "
                                          + typeName(args[i]) + " " + detail::shortJson(args[i], 80));
    };

    switch (info.fn) {
    case Fn::Format: {
        if (auto f = requireType(0, args[0].is_string(), "a string"))
            return *f;
        std::vector<std::string> dynamic;
        const std::vector<std::string> *segments = nullptr;
        if (call.args[0].kind == Arg::Kind::Literal) {
            segments = &call.args[0].segments;
        } else {
            const auto &text = args[0].get_ref<const std::string &>();
            std::size_t from = 0;
            for (std::size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", from)) {
                dynamic.push_back(text.substr(from, at - from));
                from = at + 2;
            }
            dynamic.push_back(text.substr(from));
            segments = &dynamic;
        }
        if (segments->size() != args.size())
            return intrinsicFailure(info, "the template has " + std::to_string(segments->size() - 1)
                                              + " placeholder(s) but " + std::to_string(args.size() - 1)
                                              + " value(s) follow");
        std::string out = (*segments)[0];
        for (std::size_t i = 1; i < args.size(); ++i) {
            out += renderForFormat(args[i]);
            out += (*segments)[i];
        }
        return Json(std::move(out));
    }
    case Fn::StringToJson: {
        if (auto f = requireType(0, args[0].is_string(), "a string"))
            return *f;
        const auto &text = args[0].get_ref<const std::string &>();
        if (detail::nestsDeeperThan(std::string_view(text), detail::kMaxNesting))
            return intrinsicFailure(info, "the JSON nests deeper than " + std::to_string(detail::kMaxNesting) + " levels");
        Json parsed = Json::parse(text, nullptr, false);
        if (parsed.is_discarded())
            return intrinsicFailure(info, "the string is not JSON: " + detail::shortJson(args[0], 120));
        return parsed;
    }
    case Fn::JsonToString:
        return Json(detail::dumpCompact(args[0]));
    case Fn::Array:
        return Json(Json::array_t(std::make_move_iterator(args.begin()), std::make_move_iterator(args.end())));
    case Fn::ArrayPartition: {
        if (auto f = requireType(0, args[0].is_array(), "an array"))
            return *f;
        const auto chunk = integerArg(args[1], false);
        if (!chunk || *chunk <= 0)
            return intrinsicFailure(info, "the chunk size must be a positive integer, got " + detail::shortJson(args[1], 80));
        Json result = Json::array();
        auto &items = args[0].get_ref<Json::array_t &>();
        for (std::size_t i = 0; i < items.size(); i += static_cast<std::size_t>(*chunk)) {
            const std::size_t end = std::min(items.size(), i + static_cast<std::size_t>(*chunk));
            result.push_back(Json::array_t(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(i)),
                                           std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(end))));
        }
        return result;
    }
    case Fn::ArrayContains: {
        if (auto f = requireType(0, args[0].is_array(), "an array"))
            return *f;
        const auto &items = args[0].get_ref<const Json::array_t &>();
        return Json(std::find(items.begin(), items.end(), args[1]) != items.end());
    }
    case Fn::ArrayRange: {
        const auto start = integerArg(args[0], false);
        const auto end = integerArg(args[1], false);
        const auto step = integerArg(args[2], false);
        if (!start || !end || !step)
            return intrinsicFailure(info, "all three arguments must be integers");
        if (*step == 0)
            return intrinsicFailure(info, "the step must not be 0");
        // Count in long double to stay clear of overflow with extreme bounds.
        const long double span = static_cast<long double>(*end) - static_cast<long double>(*start);
        const long double count = span / static_cast<long double>(*step) < 0 ? 0
                                  : std::floor(span / static_cast<long double>(*step)) + 1;
        if (count > kMaxArrayRange)
            return intrinsicFailure(info, "the range has more than " + std::to_string(kMaxArrayRange) + " items");
        Json result = Json::array();
        for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
            // Every item lies between start and end, so it fits; the product may not, hence 128 bits.
            const __int128 value = static_cast<__int128>(*start) + static_cast<__int128>(i) * *step;
            result.push_back(static_cast<std::int64_t>(value));
        }
        return result;
    }
    case Fn::ArrayGetItem: {
        if (auto f = requireType(0, args[0].is_array(), "an array"))
            return *f;
        const auto index = integerArg(args[1], false);
        if (!index || *index < 0)
            return intrinsicFailure(info, "the index must be a non-negative integer, got " + detail::shortJson(args[1], 80));
        if (static_cast<std::uint64_t>(*index) >= args[0].size())
            return intrinsicFailure(info, "index " + std::to_string(*index) + " is out of bounds for an array of "
                                              + std::to_string(args[0].size()) + " item(s)");
        return std::move(args[0][static_cast<std::size_t>(*index)]);
    }
    case Fn::ArrayLength:
        if (auto f = requireType(0, args[0].is_array(), "an array"))
            return *f;
        return Json(args[0].size());
    case Fn::ArrayUnique: {
        if (auto f = requireType(0, args[0].is_array(), "an array"))
            return *f;
        auto &items = args[0].get_ref<Json::array_t &>();
        Json::array_t unique;
        std::unordered_multimap<std::size_t, std::size_t> seen;   // hash -> index in `unique`
        for (Json &item : items) {
            const std::size_t h = LooseHash{}(item);
            const auto range = seen.equal_range(h);
            if (std::any_of(range.first, range.second, [&](const auto &e) { return unique[e.second] == item; }))
                continue;
            seen.emplace(h, unique.size());
            unique.push_back(std::move(item));
        }
        return Json(std::move(unique));
    }
    case Fn::Base64Encode: {
        if (auto f = requireType(0, args[0].is_string(), "a string"))
            return *f;
        const auto &text = args[0].get_ref<const std::string &>();
        if (countChars(text) > kMaxEncodeChars)
            return intrinsicFailure(info, "the input is longer than 10000 characters");
        const QByteArray bytes = QByteArray(text.data(), static_cast<qsizetype>(text.size())).toBase64();
        return Json(bytes.toStdString());
    }
    case Fn::Base64Decode: {
        if (auto f = requireType(0, args[0].is_string(), "a string"))
            return *f;
        const auto &text = args[0].get_ref<const std::string &>();
        if (countChars(text) > kMaxEncodeChars)
            return intrinsicFailure(info, "the input is longer than 10000 characters");
        const auto decoded = QByteArray::fromBase64Encoding(QByteArray(text.data(), static_cast<qsizetype>(text.size())),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return intrinsicFailure(info, "the input is not Base64: " + detail::shortJson(args[0], 80));
        return Json(decoded.decoded.toStdString());
    }
    case Fn::Hash: {
        if (auto f = requireType(0, args[0].is_string(), "a string"))
            return *f;
        if (auto f = requireType(1, args[1].is_string(), "a string"))
            return *f;
        const auto &text = args[0].get_ref<const std::string &>();
        if (countChars(text) > kMaxEncodeChars)
            return intrinsicFailure(info, "the input is longer than 10000 characters");
        const auto &name = args[1].get_ref<const std::string &>();
        QCryptographicHash::Algorithm algorithm;
        if (name == "MD5")
            algorithm = QCryptographicHash::Md5;
        else if (name == "SHA-1")
            algorithm = QCryptographicHash::Sha1;
        else if (name == "SHA-256")
            algorithm = QCryptographicHash::Sha256;
        else if (name == "SHA-384")
            algorithm = QCryptographicHash::Sha384;
        else if (name == "SHA-512")
            algorithm = QCryptographicHash::Sha512;
        else
            return intrinsicFailure(info, "unsupported algorithm '" + detail::shortText(name, 40)
                                              + "' (MD5, SHA-1, SHA-256, SHA-384 or SHA-512)");
        const QByteArray digest = QCryptographicHash::hash(QByteArray(text.data(), static_cast<qsizetype>(text.size())),
                                                           algorithm);
        return Json(digest.toHex().toStdString());
    }
    case Fn::JsonMerge: {
        if (auto f = requireType(0, args[0].is_object(), "an object"))
            return *f;
        if (auto f = requireType(1, args[1].is_object(), "an object"))
            return *f;
        if (!args[2].is_boolean())
            return intrinsicFailure(info, "argument 3 must be the boolean false");
        if (args[2].get<bool>())
            return intrinsicFailure(info, "deep merge (true) is not supported; argument 3 must be false");
        Json result = std::move(args[0]);
        for (auto &[key, value] : args[1].get_ref<Json::object_t &>())
            result[key] = std::move(value);
        return result;
    }
    case Fn::MathRandom: {
        const auto start = integerArg(args[0], true);
        const auto end = integerArg(args[1], true);
        if (!start || !end)
            return intrinsicFailure(info, "start and end must be numbers");
        if (*start >= *end)
            return intrinsicFailure(info, "start (" + std::to_string(*start) + ") must be less than end ("
                                              + std::to_string(*end) + ")");
        std::uniform_int_distribution<std::int64_t> distribution(*start, *end - 1);
        if (args.size() == 3) {
            const auto seed = integerArg(args[2], true);
            if (!seed)
                return intrinsicFailure(info, "the seed must be a number");
            std::mt19937_64 seeded(static_cast<std::uint64_t>(*seed));
            return Json(distribution(seeded));
        }
        return Json(distribution(randomEngine()));
    }
    case Fn::MathAdd: {
        const auto a = integerArg(args[0], true);
        const auto b = integerArg(args[1], true);
        if (!a || !b)
            return intrinsicFailure(info, "both arguments must be numbers");
        constexpr std::int64_t kMin = std::numeric_limits<std::int32_t>::min();
        constexpr std::int64_t kMax = std::numeric_limits<std::int32_t>::max();
        if (*a < kMin || *a > kMax || *b < kMin || *b > kMax)
            return intrinsicFailure(info, "the arguments must be between -2147483648 and 2147483647");
        return Json(*a + *b);
    }
    case Fn::StringSplit: {
        if (auto f = requireType(0, args[0].is_string(), "a string"))
            return *f;
        if (auto f = requireType(1, args[1].is_string(), "a string"))
            return *f;
        // As Java's StringTokenizer: every character of the delimiter splits; empty tokens are dropped.
        const auto delimiters = utf8Chars(args[1].get_ref<const std::string &>());
        Json result = Json::array();
        std::string token;
        for (std::string_view c : utf8Chars(args[0].get_ref<const std::string &>())) {
            if (std::find(delimiters.begin(), delimiters.end(), c) != delimiters.end()) {
                if (!token.empty())
                    result.push_back(std::exchange(token, {}));
            } else {
                token += c;
            }
        }
        if (!token.empty())
            result.push_back(std::move(token));
        return result;
    }
    case Fn::Uuid:
        return Json(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    }
    return Json();
}

const std::string &emptyString()
{
    static const std::string kEmpty;
    return kEmpty;
}

} // namespace

struct Intrinsic::Impl
{
    std::string text;
    Call call;
    bool usesContext = false;
};

Intrinsic::Intrinsic() = default;
Intrinsic::~Intrinsic() = default;
Intrinsic::Intrinsic(const Intrinsic &) = default;
Intrinsic &Intrinsic::operator=(const Intrinsic &) = default;
Intrinsic::Intrinsic(Intrinsic &&) noexcept = default;
Intrinsic &Intrinsic::operator=(Intrinsic &&) noexcept = default;

std::vector<std::string_view> Intrinsic::functionNames()
{
    std::vector<std::string_view> names;
    for (const FnInfo &info : kFunctions)
        names.emplace_back(info.name);
    return names;
}

bool Intrinsic::looksLikeCall(std::string_view text)
{
    return text.substr(0, 7) == "States." && text.find('(') != std::string_view::npos;
}

Result<Intrinsic> Intrinsic::parse(std::string_view text)
{
    auto fail = [&](const std::string &message) {
        return Error{ErrorCode::BadIntrinsic,
                     QStringLiteral("Invalid intrinsic function '%1': %2")
                         .arg(QString::fromUtf8(detail::shortText(std::string(text), 120).c_str()),
                              QString::fromUtf8(message.c_str())),
                     {}};
    };
    if (text.size() > kMaxTextLength)
        return fail("longer than " + std::to_string(kMaxTextLength) + " characters");
    try {
        auto impl = std::make_shared<Impl>();
        impl->text = std::string(text);
        CallParser parser(text);
        if (!parser.parseTop(impl->call, impl->usesContext))
            return fail(parser.error());
        Intrinsic intrinsic;
        intrinsic.d = std::move(impl);
        return intrinsic;
    } catch (const std::exception &e) {
        return fail(e.what());
    }
}

const std::string &Intrinsic::text() const { return d ? d->text : emptyString(); }
bool Intrinsic::usesContext() const { return d && d->usesContext; }

Result<Json, Failure> Intrinsic::evaluate(const EvalScope &scope) const
{
    if (!d)
        return Failure{errors::kIntrinsicFailure, "empty intrinsic function"};
    try {
        return evalCall(d->call, scope);
    } catch (const std::exception &e) {
        return Failure{errors::kIntrinsicFailure, "Intrinsic function " + detail::shortText(d->text, 120)
                                                      + " failed: " + e.what()};
    }
}

} // namespace sluice
