#include "definition/Workflow.h"

#include <array>
#include <utility>

namespace sluice {

namespace {

constexpr std::array<std::pair<StateType, const char *>, 8> kStateTypes{{
    {StateType::Pass, "Pass"},
    {StateType::Task, "Task"},
    {StateType::Choice, "Choice"},
    {StateType::Wait, "Wait"},
    {StateType::Succeed, "Succeed"},
    {StateType::Fail, "Fail"},
    {StateType::Parallel, "Parallel"},
    {StateType::Map, "Map"},
}};

using Op = ChoiceRule::Op;

struct OpInfo
{
    Op op;
    const char *name;
    bool hasPathVariant;
};

constexpr std::array<OpInfo, 23> kOps{{
    {Op::StringEquals, "StringEquals", true},
    {Op::StringLessThan, "StringLessThan", true},
    {Op::StringGreaterThan, "StringGreaterThan", true},
    {Op::StringLessThanEquals, "StringLessThanEquals", true},
    {Op::StringGreaterThanEquals, "StringGreaterThanEquals", true},
    {Op::StringMatches, "StringMatches", false},
    {Op::NumericEquals, "NumericEquals", true},
    {Op::NumericLessThan, "NumericLessThan", true},
    {Op::NumericGreaterThan, "NumericGreaterThan", true},
    {Op::NumericLessThanEquals, "NumericLessThanEquals", true},
    {Op::NumericGreaterThanEquals, "NumericGreaterThanEquals", true},
    {Op::BooleanEquals, "BooleanEquals", true},
    {Op::TimestampEquals, "TimestampEquals", true},
    {Op::TimestampLessThan, "TimestampLessThan", true},
    {Op::TimestampGreaterThan, "TimestampGreaterThan", true},
    {Op::TimestampLessThanEquals, "TimestampLessThanEquals", true},
    {Op::TimestampGreaterThanEquals, "TimestampGreaterThanEquals", true},
    {Op::IsNull, "IsNull", false},
    {Op::IsPresent, "IsPresent", false},
    {Op::IsNumeric, "IsNumeric", false},
    {Op::IsString, "IsString", false},
    {Op::IsBoolean, "IsBoolean", false},
    {Op::IsTimestamp, "IsTimestamp", false},
}};

} // namespace

const char *stateTypeName(StateType type)
{
    for (const auto &[t, name] : kStateTypes) {
        if (t == type)
            return name;
    }
    return "";
}

std::optional<StateType> stateTypeFromName(std::string_view name)
{
    for (const auto &[t, typeName] : kStateTypes) {
        if (name == typeName)
            return t;
    }
    return std::nullopt;
}

const char *choiceOpName(ChoiceRule::Op op)
{
    for (const auto &info : kOps) {
        if (info.op == op)
            return info.name;
    }
    return "";
}

std::optional<ChoiceRule::Op> choiceOpFromName(std::string_view name, bool *isPathVariant)
{
    constexpr std::string_view kPathSuffix = "Path";
    bool path = false;
    std::string_view base = name;
    if (base.size() > kPathSuffix.size() && base.ends_with(kPathSuffix)) {
        base.remove_suffix(kPathSuffix.size());
        path = true;
    }
    for (const auto &info : kOps) {
        if (base == info.name && (!path || info.hasPathVariant)) {
            if (isPathVariant)
                *isPathVariant = path;
            return info.op;
        }
    }
    return std::nullopt;
}

} // namespace sluice
