#include "definition/YamlReader.h"

#include "Json.h"
#include "definition/SourceLocator_p.h"

#include <QCoreApplication>

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <unordered_set>

// yaml-cpp parses (anchors, aliases, block and flow styles, folded and literal strings); this file decides
// what each scalar means in JSON, since yaml-cpp leaves plain scalars untyped, and keeps the keys' order
// with nlohmann's ordered variant.

namespace sluice::definition {

namespace {

using Ordered = nlohmann::ordered_json;

constexpr int kMaxDepth = 512;                 // as for JSON definitions (Parser.h)
constexpr long long kMaxValues = 5'000'000;    // aliases can multiply a small file ("billion laughs")
constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

/// The messages' translation context.
struct YamlText
{
    Q_DECLARE_TR_FUNCTIONS(sluice::definition::YamlReader)
};

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

/// Thrown inside the converter only; readYaml() turns it into an Error.
struct YamlProblem
{
    QString message;
    YAML::Mark mark;
};

bool allDigits(std::string_view s, bool (*digit)(char))
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (!digit(c))
            return false;
    }
    return true;
}

bool isDec(char c) { return c >= '0' && c <= '9'; }
bool isOct(char c) { return c >= '0' && c <= '7'; }
bool isHex(char c) { return isDec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?: the core schema's float (integers excluded before).
bool isFloatText(std::string_view s)
{
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        ++i;
    const std::size_t intStart = i;
    while (i < s.size() && isDec(s[i]))
        ++i;
    const bool intDigits = i > intStart;
    bool fracDigits = false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t fracStart = i;
        while (i < s.size() && isDec(s[i]))
            ++i;
        fracDigits = i > fracStart;
    }
    if (!intDigits && !fracDigits)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        const std::size_t expStart = i;
        while (i < s.size() && isDec(s[i]))
            ++i;
        if (i == expStart)
            return false;
    }
    return i == s.size();
}

std::optional<Ordered> integer(std::string_view text, int base)
{
    bool negative = false;
    std::string_view digits = text;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
        negative = digits.front() == '-';
        digits.remove_prefix(1);
    }
    if (base != 10)
        digits.remove_prefix(2);   // 0x, 0o
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (ec == std::errc() && end == digits.data() + digits.size()) {
        if (!negative)
            return magnitude <= std::uint64_t(std::numeric_limits<std::int64_t>::max())
                       ? Ordered(std::int64_t(magnitude))
                       : Ordered(magnitude);
        if (magnitude <= std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1)
            return Ordered(magnitude == 0 ? std::int64_t(0) : -std::int64_t(magnitude - 1) - 1);
    }
    if (base == 10) {   // beyond 64 bits: a double, as JSON readers do with such numbers
        const double value = QByteArray(text.data(), qsizetype(text.size())).toDouble();
        if (std::isfinite(value))
            return Ordered(value);
    }
    return std::nullopt;
}

YamlProblem complexKey(const YAML::Node &key)
{
    if (key.IsMap())
        return {YamlText::tr("a mapping key must be a plain value (JSON keys are strings), not a mapping"), key.Mark()};
    return {YamlText::tr("a mapping key must be a plain value (JSON keys are strings), not a list"), key.Mark()};
}

class Converter
{
public:
    std::unordered_map<std::string, std::pair<int, int>> marks;

    Ordered convert(const YAML::Node &node, const std::string &pointer, int depth)
    {
        if (depth > kMaxDepth)
            throw YamlProblem{YamlText::tr("the YAML nests deeper than %1 levels (or an alias refers to itself), which is not "
                                 "supported")
                                  .arg(kMaxDepth),
                              node.Mark()};
        if (++m_values > kMaxValues)
            throw YamlProblem{YamlText::tr("the YAML expands to more than %1 values through its aliases").arg(kMaxValues),
                              node.Mark()};
        const YAML::Mark mark = node.Mark();
        marks.emplace(pointer, std::pair{mark.line + 1, mark.column + 1});

        switch (node.Type()) {
        case YAML::NodeType::Null:
            return scalarTagged(node, "null");
        case YAML::NodeType::Scalar:
            return scalar(node);
        case YAML::NodeType::Sequence: {
            checkCollectionTag(node, "seq");
            Ordered out = Ordered::array();
            for (std::size_t i = 0; i < node.size(); ++i)
                out.push_back(convert(node[i], pointer + '/' + std::to_string(i), depth + 1));
            return out;
        }
        case YAML::NodeType::Map:
            checkCollectionTag(node, "map");
            return mapping(node, pointer, depth);
        case YAML::NodeType::Undefined:
            break;
        }
        throw YamlProblem{YamlText::tr("a YAML value could not be read"), mark};
    }

private:
    static bool isMergeKey(const YAML::Node &key)
    {
        return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<";
    }

    static std::string keyText(const YAML::Node &key)
    {
        if (key.IsNull()) {   // "? " with nothing, or "~:": JSON keys are strings
            if (key.Tag() == "!")
                return key.Scalar();
            return "null";
        }
        if (!key.IsScalar())
            throw complexKey(key);
        return key.Scalar();
    }

    Ordered mapping(const YAML::Node &node, const std::string &pointer, int depth)
    {
        // Keys written in this mapping win over merged ones, wherever the merge key stands.
        std::unordered_set<std::string> written;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (isMergeKey(it->first))
                continue;
            const std::string key = keyText(it->first);
            if (!written.insert(key).second)
                throw YamlProblem{YamlText::tr("the key \"%1\" appears twice in one mapping").arg(q(key)), it->first.Mark()};
        }
        Ordered out = Ordered::object();
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (isMergeKey(it->first)) {
                merge(out, it->second, written, pointer, depth);
                continue;
            }
            const std::string key = keyText(it->first);
            out[key] = convert(it->second, pointer + '/' + detail::escapePointerToken(key), depth + 1);
        }
        return out;
    }

    /// `<<: *base` or `<<: [*a, *b]`: the keys of those mappings not written here (the first mapping wins).
    void merge(Ordered &out, const YAML::Node &source, const std::unordered_set<std::string> &written,
               const std::string &pointer, int depth)
    {
        if (source.IsSequence()) {
            for (std::size_t i = 0; i < source.size(); ++i)
                merge(out, source[i], written, pointer, depth);
            return;
        }
        if (!source.IsMap())
            throw YamlProblem{YamlText::tr("a merge key (<<) takes a mapping or a list of mappings"), source.Mark()};
        for (auto it = source.begin(); it != source.end(); ++it) {
            if (isMergeKey(it->first)) {
                merge(out, it->second, written, pointer, depth + 1);
                continue;
            }
            const std::string key = keyText(it->first);
            if (written.count(key) || out.contains(key))
                continue;
            out[key] = convert(it->second, pointer + '/' + detail::escapePointerToken(key), depth + 1);
        }
    }

    static void checkCollectionTag(const YAML::Node &node, std::string_view kind)
    {
        const std::string &tag = node.Tag();
        if (tag.empty() || tag == "?" || tag == "!" || tag == std::string(kCoreTag) + std::string(kind))
            return;
        throw unsupportedTag(node);
    }

    static YamlProblem unsupportedTag(const YAML::Node &node)
    {
        std::string tag = node.Tag();
        if (tag.rfind(kCoreTag, 0) == 0)
            tag = "!!" + tag.substr(kCoreTag.size());
        return YamlProblem{YamlText::tr("the YAML tag %1 is not supported (a definition holds plain JSON values; "
                              "CloudFormation's !Sub, !Ref and !GetAtt are resolved by CloudFormation before "
                              "Step Functions sees the definition)")
                               .arg(q(tag)),
                           node.Mark()};
    }

    /// A null value, or a value given as null with an explicit tag.
    Ordered scalarTagged(const YAML::Node &node, std::string_view kind)
    {
        const std::string &tag = node.Tag();
        if (tag.empty() || tag == "?" || tag == std::string(kCoreTag) + std::string(kind))
            return Ordered(nullptr);
        if (tag == "!" || tag == std::string(kCoreTag) + "str")
            return Ordered(node.Scalar());   // '' or "" or !!str with nothing
        throw unsupportedTag(node);
    }

    Ordered scalar(const YAML::Node &node)
    {
        const std::string &tag = node.Tag();
        const std::string &text = node.Scalar();
        if (tag == "!" || tag == std::string(kCoreTag) + "str")
            return Ordered(text);   // quoted, or tagged as a string: a string whatever it looks like
        const bool plain = tag.empty() || tag == "?";
        const auto want = [&](std::string_view kind) { return plain || tag == std::string(kCoreTag) + std::string(kind); };
        if (!plain && tag.rfind(kCoreTag, 0) != 0)
            throw unsupportedTag(node);

        if (want("null") && (text == "null" || text == "Null" || text == "NULL" || text == "~" || text.empty()))
            return Ordered(nullptr);
        if (want("bool")) {
            if (text == "true" || text == "True" || text == "TRUE")
                return Ordered(true);
            if (text == "false" || text == "False" || text == "FALSE")
                return Ordered(false);
        }
        if (want("int")) {
            std::string_view digits = text;
            if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
                digits.remove_prefix(1);
            std::optional<Ordered> value;
            if (allDigits(digits, isDec))
                value = integer(text, 10);
            else if (text.size() > 2 && text[0] == '0' && text[1] == 'x' && allDigits(std::string_view(text).substr(2), isHex))
                value = integer(text, 16);
            else if (text.size() > 2 && text[0] == '0' && text[1] == 'o' && allDigits(std::string_view(text).substr(2), isOct))
                value = integer(text, 8);
            if (value)
                return *value;
            if (!plain && tag == std::string(kCoreTag) + "int")
                throw YamlProblem{YamlText::tr("\"%1\" is not an integer").arg(q(text)), node.Mark()};
        }
        if (want("float")) {
            std::string_view magnitude = text;
            if (!magnitude.empty() && (magnitude.front() == '-' || magnitude.front() == '+'))
                magnitude.remove_prefix(1);
            if (magnitude == ".inf" || magnitude == ".Inf" || magnitude == ".INF" || text == ".nan" ||
                text == ".NaN" || text == ".NAN")
                throw YamlProblem{YamlText::tr("\"%1\" (infinity or not-a-number) cannot be written in JSON").arg(q(text)),
                                  node.Mark()};
            if (isFloatText(text)) {
                const double value = QByteArray(text.data(), qsizetype(text.size())).toDouble();
                if (!std::isfinite(value))
                    throw YamlProblem{YamlText::tr("the number %1 is too large to be represented").arg(q(text)), node.Mark()};
                return Ordered(value);
            }
            if (!plain)
                throw YamlProblem{YamlText::tr("\"%1\" is not a number").arg(q(text)), node.Mark()};
        }
        if (!plain)
            throw YamlProblem{YamlText::tr("\"%1\" is not a %2").arg(q(text), q(tag.substr(kCoreTag.size()))), node.Mark()};
        return Ordered(text);
    }

    long long m_values = 0;
};

Error yamlError(const QString &message, const YAML::Mark &mark)
{
    const int line = mark.is_null() ? 0 : mark.line + 1;
    const int column = mark.is_null() ? 0 : mark.column + 1;
    const QString text = line > 0 ? YamlText::tr("not valid YAML (line %1, column %2): %3").arg(line).arg(column).arg(message)
                                  : YamlText::tr("not valid YAML: %1").arg(message);
    return Error{ErrorCode::NotYaml, text, {QString(), line, column}};
}

} // namespace

SourceLocation YamlDefinition::locate(const QString &pointer) const
{
    std::string p = pointer.toStdString();
    while (!p.empty()) {
        if (const auto it = marks.find(p); it != marks.end())
            return {pointer, it->second.first, it->second.second};
        p.erase(p.rfind('/'));
    }
    return {pointer, 0, 0};
}

void YamlDefinition::relocate(Error &error) const
{
    if (error.where.pointer.isEmpty())
        return;
    const SourceLocation where = locate(error.where.pointer);
    error.where.line = where.line;
    error.where.column = where.column;
}

bool isYamlPath(const QString &path)
{
    return path.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive) ||
           path.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive);
}

Result<YamlDefinition> readYaml(const QByteArray &bytes)
{
    try {
        const std::vector<YAML::Node> documents = YAML::LoadAll(bytes.toStdString());
        if (documents.empty())
            return yamlError(YamlText::tr("the file holds no YAML document"), YAML::Mark::null_mark());
        if (documents.size() > 1)
            return yamlError(YamlText::tr("the file holds %1 YAML documents (separated by ---); a definition is one")
                                 .arg(documents.size()),
                             documents[1].Mark());
        Converter converter;
        const Ordered json = converter.convert(documents.front(), std::string(), 0);
        if (!json.is_object())
            return yamlError(json.is_array() ? YamlText::tr("a definition is a mapping (StartAt, States, ...), not a list")
                                             : YamlText::tr("a definition is a mapping (StartAt, States, ...), not a single value"),
                             documents.front().Mark());
        const std::string text = json.dump(2, ' ', false, Json::error_handler_t::replace);
        YamlDefinition definition;
        definition.json = QByteArray(text.data(), qsizetype(text.size()));
        definition.json.append('\n');
        definition.marks = std::move(converter.marks);
        return definition;
    } catch (const YamlProblem &problem) {
        return yamlError(problem.message, problem.mark);
    } catch (const YAML::Exception &e) {
        return yamlError(q(e.msg), e.mark);
    } catch (const std::exception &e) {
        return yamlError(q(e.what()), YAML::Mark::null_mark());
    }
}

} // namespace sluice::definition
