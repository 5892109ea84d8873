#include "editor/ChoiceRuleText.h"

#include <QStringList>

#include <string_view>

namespace sluice::ui {

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

/// The literal as JSON ("x" quoted, numbers as written), or the path itself for a ...Path operator.
QString operandText(const Json &operand, bool isPath)
{
    if (isPath)
        return operand.is_string() ? q(operand.get<std::string>()) : QStringLiteral("?");
    return q(operand.dump());
}

struct Operator
{
    std::string_view name;
    const char *symbol; ///< infix symbol; nullptr for the Is* tests
};

constexpr Operator kComparisons[] = {
    {"StringEquals", "=="},
    {"StringLessThan", "<"},
    {"StringGreaterThan", ">"},
    {"StringLessThanEquals", "<="},
    {"StringGreaterThanEquals", ">="},
    {"StringMatches", "matches"},
    {"NumericEquals", "=="},
    {"NumericLessThan", "<"},
    {"NumericGreaterThan", ">"},
    {"NumericLessThanEquals", "<="},
    {"NumericGreaterThanEquals", ">="},
    {"BooleanEquals", "=="},
    {"TimestampEquals", "=="},
    {"TimestampLessThan", "<"},
    {"TimestampGreaterThan", ">"},
    {"TimestampLessThanEquals", "<="},
    {"TimestampGreaterThanEquals", ">="},
};

/// IsNull -> "null", IsPresent -> "present", ...
constexpr std::pair<std::string_view, const char *> kTests[] = {
    {"IsNull", "null"},     {"IsPresent", "present"}, {"IsNumeric", "numeric"},
    {"IsString", "string"}, {"IsBoolean", "boolean"}, {"IsTimestamp", "a timestamp"},
};

QString ruleText(const Json &rule, bool nested);

QString joined(const Json &children, const char *glue)
{
    if (!children.is_array() || children.empty())
        return QStringLiteral("?");
    QStringList parts;
    for (const Json &child : children)
        parts << ruleText(child, children.size() > 1);
    return parts.join(QLatin1String(glue));
}

QString comparisonText(const Json &rule)
{
    const auto variable = rule.find("Variable");
    const QString var = variable != rule.end() && variable->is_string() ? q(variable->get<std::string>())
                                                                        : QStringLiteral("?");
    for (const auto &item : rule.items()) {
        std::string_view key = item.key();
        const bool isPath = key.size() > 4 && key.ends_with("Path");
        const std::string_view base = isPath ? key.substr(0, key.size() - 4) : key;
        for (const auto &[name, symbol] : kTests) {
            if (base != name || isPath)
                continue;
            const bool positive = !item.value().is_boolean() || item.value().get<bool>();
            return positive ? QStringLiteral("%1 is %2").arg(var, QLatin1String(symbol))
                            : QStringLiteral("%1 is not %2").arg(var, QLatin1String(symbol));
        }
        for (const auto &op : kComparisons) {
            if (base != op.name)
                continue;
            if (base == "BooleanEquals" && !isPath && item.value().is_boolean())
                return item.value().get<bool>() ? var : QStringLiteral("!") + var;
            return QStringLiteral("%1 %2 %3")
                .arg(var, QLatin1String(op.symbol), operandText(item.value(), isPath));
        }
    }
    return var + QStringLiteral(" ?");
}

QString ruleText(const Json &rule, bool nested)
{
    if (!rule.is_object())
        return QStringLiteral("?");
    if (const auto it = rule.find("And"); it != rule.end()) {
        const QString text = joined(*it, " && ");
        return nested && it->is_array() && it->size() > 1 ? QStringLiteral("(%1)").arg(text) : text;
    }
    if (const auto it = rule.find("Or"); it != rule.end()) {
        const QString text = joined(*it, " || ");
        return nested && it->is_array() && it->size() > 1 ? QStringLiteral("(%1)").arg(text) : text;
    }
    if (const auto it = rule.find("Not"); it != rule.end())
        return QStringLiteral("!(%1)").arg(ruleText(*it, false));
    return comparisonText(rule);
}

} // namespace

QString choiceRuleText(const Json &rule)
{
    return ruleText(rule, false);
}

} // namespace sluice::ui
