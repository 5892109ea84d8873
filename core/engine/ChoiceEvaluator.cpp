#include "engine/ChoiceEvaluator.h"

#include "paths/Timestamp.h"

namespace sluice::choice {

namespace {

using Op = ChoiceRule::Op;

int compareNumbers(double a, double b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

bool holds(Op op, int cmp)
{
    switch (op) {
    case Op::StringEquals:
    case Op::NumericEquals:
    case Op::TimestampEquals:
        return cmp == 0;
    case Op::StringLessThan:
    case Op::NumericLessThan:
    case Op::TimestampLessThan:
        return cmp < 0;
    case Op::StringGreaterThan:
    case Op::NumericGreaterThan:
    case Op::TimestampGreaterThan:
        return cmp > 0;
    case Op::StringLessThanEquals:
    case Op::NumericLessThanEquals:
    case Op::TimestampLessThanEquals:
        return cmp <= 0;
    case Op::StringGreaterThanEquals:
    case Op::NumericGreaterThanEquals:
    case Op::TimestampGreaterThanEquals:
        return cmp >= 0;
    default:
        return false;
    }
}

bool isStringOp(Op op)
{
    return op >= Op::StringEquals && op <= Op::StringMatches;
}
bool isNumericOp(Op op)
{
    return op >= Op::NumericEquals && op <= Op::NumericGreaterThanEquals;
}
bool isTimestampOp(Op op)
{
    return op >= Op::TimestampEquals && op <= Op::TimestampGreaterThanEquals;
}

bool compare(Op op, const Json &value, const Json &operand)
{
    if (isStringOp(op)) {
        if (!value.is_string() || !operand.is_string())
            return false;
        const auto &a = value.get_ref<const std::string &>();
        const auto &b = operand.get_ref<const std::string &>();
        if (op == Op::StringMatches)
            return wildcardMatch(b, a);
        return holds(op, a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0));
    }
    if (isNumericOp(op)) {
        if (!value.is_number() || !operand.is_number())
            return false;
        if (value.is_number_integer() && operand.is_number_integer()) {
            const auto a = value.get<std::int64_t>();
            const auto b = operand.get<std::int64_t>();
            return holds(op, a < b ? -1 : (a > b ? 1 : 0));
        }
        return holds(op, compareNumbers(value.get<double>(), operand.get<double>()));
    }
    if (op == Op::BooleanEquals)
        return value.is_boolean() && operand.is_boolean() && value.get<bool>() == operand.get<bool>();
    if (isTimestampOp(op)) {
        if (!value.is_string() || !operand.is_string())
            return false;
        const auto a = timestamp::parseUs(value.get_ref<const std::string &>());
        const auto b = timestamp::parseUs(operand.get_ref<const std::string &>());
        if (!a || !b)
            return false;
        return holds(op, *a < *b ? -1 : (*a > *b ? 1 : 0));
    }
    return false;
}

bool typeTest(Op op, const Json &value)
{
    switch (op) {
    case Op::IsNull:
        return value.is_null();
    case Op::IsNumeric:
        return value.is_number();
    case Op::IsString:
        return value.is_string();
    case Op::IsBoolean:
        return value.is_boolean();
    case Op::IsTimestamp:
        return value.is_string() && timestamp::parseUs(value.get_ref<const std::string &>()).has_value();
    default:
        return false;
    }
}

Failure missing(const JsonPath &path, const char *field)
{
    return Failure{errors::kRuntime, "Invalid path '" + path.text() + "' in the " + field +
                                         " of a Choice rule: no such field in the input."};
}

} // namespace

bool wildcardMatch(std::string_view pattern, std::string_view text)
{
    // Iterative glob with backtracking to the last star: linear in practice, no recursion.
    size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
    auto literalAt = [&](size_t i, char &c) -> size_t {   // returns pattern chars consumed
        if (pattern[i] == '\\' && i + 1 < pattern.size()) {
            c = pattern[i + 1];
            return 2;
        }
        c = pattern[i];
        return 1;
    };
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = ++p;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            char c;
            const size_t n = literalAt(p, c);
            if (c == text[t]) {
                p += n;
                ++t;
                continue;
            }
        }
        if (starP == std::string_view::npos)
            return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

Result<bool, Failure> matches(const ChoiceRule &rule, const EvalScope &scope)
{
    switch (rule.kind) {
    case ChoiceRule::Kind::And:
        for (const auto &child : rule.children) {
            auto r = matches(child, scope);
            if (!r || !r.value())
                return r;
        }
        return true;
    case ChoiceRule::Kind::Or:
        for (const auto &child : rule.children) {
            auto r = matches(child, scope);
            if (!r || r.value())
                return r;
        }
        return false;
    case ChoiceRule::Kind::Not: {
        if (rule.children.empty())
            return Failure{errors::kRuntime, "A Not rule has no rule to negate."};
        auto r = matches(rule.children.front(), scope);
        if (!r)
            return r;
        return !r.value();
    }
    case ChoiceRule::Kind::Compare:
        break;
    }

    if (rule.op == Op::IsPresent) {
        const bool present = rule.variable.exists(scope);
        return rule.operand.is_boolean() ? present == rule.operand.get<bool>() : present;
    }
    auto found = rule.variable.find(scope);
    if (!found)
        return missing(rule.variable, "Variable");
    const Json &value = *found.value();

    if (rule.op >= Op::IsNull) {
        const bool result = typeTest(rule.op, value);
        return rule.operand.is_boolean() ? result == rule.operand.get<bool>() : result;
    }
    if (rule.operandIsPath) {
        auto operand = rule.operandPath.find(scope);
        if (!operand)
            return missing(rule.operandPath, "operand path");
        return compare(rule.op, value, *operand.value());
    }
    return compare(rule.op, value, rule.operand);
}

} // namespace sluice::choice
