#include "events/EventPattern.h"

#include "events/JsonText_p.h"

#include <QHostAddress>
#include <QString>

#include <optional>
#include <vector>

namespace sluice {

namespace {

enum class Op { Lt, Le, Eq, Ge, Gt };

/// One matcher of a leaf's array.
struct Leaf
{
    enum class Kind { Exact, Prefix, Suffix, EqualsIgnoreCase, Wildcard, Numeric, Exists, Cidr, AnythingBut };
    Kind kind = Kind::Exact;
    Json value;                      // Exact
    QString text;                    // Prefix, Suffix, EqualsIgnoreCase (case-folded when ignoreCase)
    bool ignoreCase = false;
    std::vector<int> wildcard;       // Wildcard: UTF-16 units, -1 = any run
    std::vector<std::pair<Op, double>> comparisons;   // Numeric
    bool exists = true;              // Exists
    QPair<QHostAddress, int> subnet; // Cidr
    std::vector<Leaf> excluded;      // AnythingBut

    bool matches(const Json &v) const;
};

bool globMatch(const std::vector<int> &pattern, const QString &text)
{
    // Iterative matching with one backtrack point: linear-ish, no recursion.
    size_t p = 0, t = 0, starP = std::string::npos, starT = 0;
    const size_t n = size_t(text.size());
    while (t < n) {
        if (p < pattern.size() && pattern[p] == -1) {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == text.at(qsizetype(t)).unicode()) {
            ++p;
            ++t;
        } else if (starP != std::string::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == -1)
        ++p;
    return p == pattern.size();
}

bool Leaf::matches(const Json &v) const
{
    switch (kind) {
    case Kind::Exact:
        if (value.is_number() && v.is_number())
            return value.get<double>() == v.get<double>();
        return value.type() == v.type() && value == v;
    case Kind::Prefix:
    case Kind::Suffix:
    case Kind::EqualsIgnoreCase: {
        if (!v.is_string())
            return false;
        QString s = QString::fromStdString(v.get_ref<const std::string &>());
        if (ignoreCase)
            s = s.toCaseFolded();
        if (kind == Kind::Prefix)
            return s.startsWith(text);
        if (kind == Kind::Suffix)
            return s.endsWith(text);
        return s == text;
    }
    case Kind::Wildcard:
        return v.is_string() && globMatch(wildcard, QString::fromStdString(v.get_ref<const std::string &>()));
    case Kind::Numeric: {
        if (!v.is_number())
            return false;
        const double d = v.get<double>();
        for (const auto &[op, bound] : comparisons) {
            const bool ok = op == Op::Lt ? d < bound
                : op == Op::Le           ? d <= bound
                : op == Op::Eq           ? d == bound
                : op == Op::Ge           ? d >= bound
                                         : d > bound;
            if (!ok)
                return false;
        }
        return true;
    }
    case Kind::Cidr: {
        if (!v.is_string())
            return false;
        const QHostAddress address(QString::fromStdString(v.get_ref<const std::string &>()));
        return !address.isNull() && address.isInSubnet(subnet);
    }
    case Kind::AnythingBut:
        if (!v.is_string() && !v.is_number())
            return false;
        for (const Leaf &leaf : excluded) {
            if (leaf.matches(v))
                return false;
        }
        return true;
    case Kind::Exists:
        return false;   // decided per field, not per value
    }
    return false;
}

Error wrongType(const QString &pointer, QString message)
{
    return Error{ErrorCode::WrongType, std::move(message), {pointer, 0, 0}};
}

QString at(const QString &pointer, const std::string &key)
{
    return pointer + QLatin1Char('/') + events::pointerToken(key);
}

QString at(const QString &pointer, size_t index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

/// A string matcher operand, or an {"equals-ignore-case": "x"} object where `allowIgnoreCase`.
std::optional<Error> stringOperand(const Json &value, const QString &pointer, const char *name, bool allowIgnoreCase,
                                   Leaf *leaf)
{
    if (value.is_string()) {
        leaf->text = QString::fromStdString(value.get<std::string>());
        return std::nullopt;
    }
    if (allowIgnoreCase && value.is_object() && value.size() == 1 && value.contains("equals-ignore-case") &&
        value["equals-ignore-case"].is_string()) {
        leaf->ignoreCase = true;
        leaf->text = QString::fromStdString(value["equals-ignore-case"].get<std::string>()).toCaseFolded();
        return std::nullopt;
    }
    return wrongType(pointer, allowIgnoreCase ? QStringLiteral("\"%1\" takes a string or {\"equals-ignore-case\": "
                                                               "\"…\"}")
                                                    .arg(QLatin1String(name))
                                              : QStringLiteral("\"%1\" takes a string").arg(QLatin1String(name)));
}

std::optional<Error> wildcardOperand(const Json &value, const QString &pointer, Leaf *leaf)
{
    if (!value.is_string())
        return wrongType(pointer, QStringLiteral("\"wildcard\" takes a string such as \"*.png\""));
    const QString text = QString::fromStdString(value.get<std::string>());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\')) {
            if (i + 1 >= text.size() || (text.at(i + 1) != QLatin1Char('*') && text.at(i + 1) != QLatin1Char('\\')))
                return wrongType(pointer, QStringLiteral("\"wildcard\": a backslash escapes only * or \\"));
            leaf->wildcard.push_back(text.at(++i).unicode());
        } else if (c == QLatin1Char('*')) {
            if (!leaf->wildcard.empty() && leaf->wildcard.back() == -1)
                return wrongType(pointer, QStringLiteral("\"wildcard\": consecutive * are not allowed"));
            leaf->wildcard.push_back(-1);
        } else {
            leaf->wildcard.push_back(c.unicode());
        }
    }
    return std::nullopt;
}

std::optional<Op> opFrom(const Json &value)
{
    if (!value.is_string())
        return std::nullopt;
    const std::string &s = value.get_ref<const std::string &>();
    if (s == "<")
        return Op::Lt;
    if (s == "<=")
        return Op::Le;
    if (s == "=")
        return Op::Eq;
    if (s == ">=")
        return Op::Ge;
    if (s == ">")
        return Op::Gt;
    return std::nullopt;
}

std::optional<Error> numericOperand(const Json &value, const QString &pointer, Leaf *leaf)
{
    const QString usage = QStringLiteral("\"numeric\" takes [OP, NUMBER] or [OP, NUMBER, OP, NUMBER] with OP one of "
                                         "<, <=, =, >=, > (e.g. [\">\", 0, \"<=\", 5])");
    if (!value.is_array() || (value.size() != 2 && value.size() != 4))
        return wrongType(pointer, usage);
    for (size_t i = 0; i < value.size(); i += 2) {
        const auto op = opFrom(value[i]);
        if (!op)
            return wrongType(at(pointer, i), QStringLiteral("unknown comparison; ") + usage);
        if (!value[i + 1].is_number())
            return wrongType(at(pointer, i + 1), QStringLiteral("a comparison needs a number; ") + usage);
        leaf->comparisons.emplace_back(*op, value[i + 1].get<double>());
    }
    if (leaf->comparisons.size() == 2) {
        const auto lower = [](Op op) { return op == Op::Gt || op == Op::Ge; };
        const auto upper = [](Op op) { return op == Op::Lt || op == Op::Le; };
        const Op a = leaf->comparisons[0].first, b = leaf->comparisons[1].first;
        if (!((lower(a) && upper(b)) || (upper(a) && lower(b))))
            return wrongType(pointer, QStringLiteral("\"numeric\" with two comparisons needs a lower bound (> or >=) "
                                                     "and an upper bound (< or <=)"));
    }
    return std::nullopt;
}

std::optional<Error> anythingButOperand(const Json &value, const QString &pointer, Leaf *leaf)
{
    auto exact = [](const Json &v) {
        Leaf e;
        e.kind = Leaf::Kind::Exact;
        e.value = v;
        return e;
    };
    if (value.is_string() || value.is_number()) {
        leaf->excluded.push_back(exact(value));
        return std::nullopt;
    }
    if (value.is_array()) {
        if (value.empty())
            return wrongType(pointer, QStringLiteral("\"anything-but\" needs at least one value"));
        for (size_t i = 0; i < value.size(); ++i) {
            if (!value[i].is_string() && !value[i].is_number())
                return wrongType(at(pointer, i), QStringLiteral("\"anything-but\" lists strings or numbers"));
            leaf->excluded.push_back(exact(value[i]));
        }
        return std::nullopt;
    }
    if (value.is_object() && value.size() == 1) {
        const auto first = value.begin();
        const std::string key = first.key();
        const Json &operand = first.value();
        Leaf::Kind kind;
        if (key == "prefix")
            kind = Leaf::Kind::Prefix;
        else if (key == "suffix")
            kind = Leaf::Kind::Suffix;
        else if (key == "equals-ignore-case")
            kind = Leaf::Kind::EqualsIgnoreCase;
        else if (key == "wildcard")
            kind = Leaf::Kind::Wildcard;
        else
            return Error{ErrorCode::UnknownField,
                         QStringLiteral("\"anything-but\" takes prefix, suffix, equals-ignore-case or wildcard, not \"%1\"")
                             .arg(QString::fromStdString(key)),
                         {at(pointer, key), 0, 0}};
        const Json list = operand.is_array() ? operand : Json::array({operand});
        if (list.empty())
            return wrongType(at(pointer, key), QStringLiteral("\"anything-but\" needs at least one value"));
        for (size_t i = 0; i < list.size(); ++i) {
            Leaf e;
            e.kind = kind;
            const QString where = operand.is_array() ? at(at(pointer, key), i) : at(pointer, key);
            std::optional<Error> error;
            if (kind == Leaf::Kind::Wildcard) {
                error = wildcardOperand(list[i], where, &e);
            } else {
                error = stringOperand(list[i], where, key.c_str(), false, &e);
                if (kind == Leaf::Kind::EqualsIgnoreCase) {
                    e.ignoreCase = true;
                    e.text = e.text.toCaseFolded();
                }
            }
            if (error)
                return error;
            leaf->excluded.push_back(std::move(e));
        }
        return std::nullopt;
    }
    return wrongType(pointer, QStringLiteral("\"anything-but\" takes a value, a list of values, or one of "
                                             "{\"prefix\"|\"suffix\"|\"equals-ignore-case\"|\"wildcard\": …}"));
}

Result<Leaf> parseMatcher(const Json &matcher, const QString &pointer)
{
    Leaf leaf;
    if (matcher.is_string() || matcher.is_number() || matcher.is_boolean() || matcher.is_null()) {
        leaf.value = matcher;
        return leaf;
    }
    if (matcher.is_array())
        return wrongType(pointer, QStringLiteral("a matcher cannot be an array; list the values in the field's array"));
    if (matcher.size() != 1)
        return wrongType(pointer, QStringLiteral("a matcher object has exactly one key (prefix, suffix, anything-but, "
                                                 "numeric, exists, equals-ignore-case, wildcard or cidr)"));
    const auto first = matcher.begin();
    const std::string key = first.key();
    const Json &operand = first.value();
    const QString where = at(pointer, key);
    std::optional<Error> error;
    if (key == "prefix") {
        leaf.kind = Leaf::Kind::Prefix;
        error = stringOperand(operand, where, "prefix", true, &leaf);
    } else if (key == "suffix") {
        leaf.kind = Leaf::Kind::Suffix;
        error = stringOperand(operand, where, "suffix", true, &leaf);
    } else if (key == "equals-ignore-case") {
        leaf.kind = Leaf::Kind::EqualsIgnoreCase;
        leaf.ignoreCase = true;
        error = stringOperand(operand, where, "equals-ignore-case", false, &leaf);
        leaf.text = leaf.text.toCaseFolded();
    } else if (key == "wildcard") {
        leaf.kind = Leaf::Kind::Wildcard;
        error = wildcardOperand(operand, where, &leaf);
    } else if (key == "numeric") {
        leaf.kind = Leaf::Kind::Numeric;
        error = numericOperand(operand, where, &leaf);
    } else if (key == "exists") {
        leaf.kind = Leaf::Kind::Exists;
        if (!operand.is_boolean())
            error = wrongType(where, QStringLiteral("\"exists\" takes true or false"));
        else
            leaf.exists = operand.get<bool>();
    } else if (key == "cidr") {
        leaf.kind = Leaf::Kind::Cidr;
        if (operand.is_string())
            leaf.subnet = QHostAddress::parseSubnet(QString::fromStdString(operand.get<std::string>()));
        if (!operand.is_string() || leaf.subnet.first.isNull() || operand.get<std::string>().find('/') == std::string::npos)
            error = wrongType(where, QStringLiteral("\"cidr\" takes a network such as \"10.0.0.0/24\" or \"2001:db8::/32\""));
    } else if (key == "anything-but") {
        leaf.kind = Leaf::Kind::AnythingBut;
        error = anythingButOperand(operand, where, &leaf);
    } else {
        return Error{ErrorCode::UnknownField,
                     QStringLiteral("unknown matcher \"%1\" (expected prefix, suffix, anything-but, numeric, exists, "
                                    "equals-ignore-case, wildcard or cidr)")
                         .arg(QString::fromStdString(key)),
                     {where, 0, 0}};
    }
    if (error)
        return *error;
    return leaf;
}

/// Every value at `key` in any of `objects`, arrays flattened (nested ones too).
void collect(const Json &value, std::vector<const Json *> &out)
{
    if (value.is_array()) {
        for (const Json &element : value)
            collect(element, out);
    } else {
        out.push_back(&value);
    }
}

} // namespace

struct EventPattern::Node
{
    struct Field
    {
        std::string key;
        std::vector<Leaf> leaves;            // a leaf field
        std::shared_ptr<const Node> child;   // or a nested pattern
    };
    std::vector<Field> fields;
    std::vector<std::vector<std::shared_ptr<const Node>>> ors;

    static Result<std::shared_ptr<const Node>> parse(const Json &json, const QString &pointer);
    bool matches(const std::vector<const Json *> &objects) const;
};

Result<std::shared_ptr<const EventPattern::Node>> EventPattern::Node::parse(const Json &json, const QString &pointer)
{
    if (!json.is_object())
        return wrongType(pointer, QStringLiteral("a pattern must be a JSON object"));
    if (json.empty())
        return wrongType(pointer, QStringLiteral("an empty pattern is not allowed (EventBridge refuses it)"));
    auto node = std::make_shared<Node>();
    for (const auto &[key, value] : json.items()) {
        const QString where = at(pointer, key);
        if (key == "$or") {
            if (!value.is_array() || value.size() < 2)
                return wrongType(where, QStringLiteral("\"$or\" takes an array of at least two patterns"));
            std::vector<std::shared_ptr<const Node>> alternatives;
            for (size_t i = 0; i < value.size(); ++i) {
                auto alternative = parse(value[i], at(where, i));
                if (!alternative)
                    return std::move(alternative).error();
                alternatives.push_back(std::move(alternative).value());
            }
            node->ors.push_back(std::move(alternatives));
            continue;
        }
        Field field;
        field.key = key;
        if (value.is_object()) {
            auto child = parse(value, where);
            if (!child)
                return std::move(child).error();
            field.child = std::move(child).value();
        } else if (value.is_array()) {
            if (value.empty())
                return wrongType(where, QStringLiteral("an empty array matches nothing; list at least one value"));
            for (size_t i = 0; i < value.size(); ++i) {
                auto leaf = parseMatcher(value[i], at(where, i));
                if (!leaf)
                    return std::move(leaf).error();
                field.leaves.push_back(std::move(leaf).value());
            }
        } else {
            return wrongType(where, QStringLiteral("a pattern value must be an array of matchers (write [%1], not %1) "
                                                   "or an object")
                                        .arg(QString::fromStdString(value.dump())));
        }
        node->fields.push_back(std::move(field));
    }
    return std::shared_ptr<const Node>(std::move(node));
}

bool EventPattern::Node::matches(const std::vector<const Json *> &objects) const
{
    for (const Field &field : fields) {
        std::vector<const Json *> values;
        for (const Json *object : objects) {
            if (!object->is_object())
                continue;
            if (const auto it = object->find(field.key); it != object->end())
                collect(*it, values);
        }
        if (field.child) {
            std::vector<const Json *> children;
            for (const Json *v : values) {
                if (v->is_object())
                    children.push_back(v);
            }
            if (!field.child->matches(children))
                return false;
            continue;
        }
        bool scalarPresent = false;
        for (const Json *v : values)
            scalarPresent = scalarPresent || !v->is_object();
        bool matched = false;
        for (const Leaf &leaf : field.leaves) {
            if (leaf.kind == Leaf::Kind::Exists) {
                matched = leaf.exists ? scalarPresent : values.empty();
            } else {
                for (const Json *v : values) {
                    if (!v->is_object() && leaf.matches(*v)) {
                        matched = true;
                        break;
                    }
                }
            }
            if (matched)
                break;
        }
        if (!matched)
            return false;
    }
    for (const auto &alternatives : ors) {
        bool any = false;
        for (const auto &alternative : alternatives) {
            if (alternative->matches(objects)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

EventPattern::EventPattern() = default;
EventPattern::~EventPattern() = default;
EventPattern::EventPattern(const EventPattern &) = default;
EventPattern &EventPattern::operator=(const EventPattern &) = default;

Result<EventPattern> EventPattern::parse(const Json &pattern, const QString &pointer)
{
    try {
        auto node = Node::parse(pattern, pointer);
        if (!node)
            return std::move(node).error();
        EventPattern compiled;
        compiled.d = std::move(node).value();
        return compiled;
    } catch (const Json::exception &e) {
        return Error{ErrorCode::WrongType, QString::fromUtf8(e.what()), {pointer, 0, 0}};
    }
}

Result<EventPattern> EventPattern::parse(const QByteArray &text)
{
    auto json = events::parseJsonText(text, QStringLiteral("the event pattern"));
    if (!json)
        return std::move(json).error();
    auto pattern = parse(json.value());
    if (!pattern)
        return events::locate(text, std::move(pattern).error());
    return pattern;
}

bool EventPattern::matches(const Json &event) const
{
    if (!d)
        return false;
    return d->matches({&event});
}

} // namespace sluice
