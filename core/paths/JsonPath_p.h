#pragma once

#include "Json.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice::detail {

struct FilterExpr;

/// One selector inside a step: `.name`, `[3]`, `[*]`, `[1:5:2]`, `[?(...)]`.
struct Selector
{
    enum class Kind { Name, Index, Wildcard, Slice, Filter };
    Kind kind = Kind::Name;
    std::string name;
    std::int64_t index = 0;                    ///< Index: may be negative in Paths (from the end)
    std::optional<std::int64_t> start, end;    ///< Slice
    std::int64_t step = 1;                     ///< Slice
    std::shared_ptr<const FilterExpr> filter;  ///< Filter
};

/// One step of a compiled path. Several selectors form a union (`['a','b']`, `[0,2]`).
struct Step
{
    bool recursive = false;   ///< preceded by ".." (applies to the node and all its descendants)
    bool lengthOrKey = false; ///< filter operands: trailing ".length" means the key, or the size of an array
    std::size_t offset = 0;   ///< where the step starts in the path text (for error messages)
    std::vector<Selector> selectors;

    bool isSimple() const
    {
        return !recursive && !lengthOrKey && selectors.size() == 1
               && (selectors[0].kind == Selector::Kind::Name || selectors[0].kind == Selector::Kind::Index);
    }
};

/// A path operand inside a filter (`@.price`, `$.limit`) or a literal.
struct Operand
{
    enum class Kind { Literal, Relative, Absolute };
    Kind kind = Kind::Literal;
    Json literal;
    std::vector<Step> steps;
    bool definite = true;
    bool length = false;   ///< ends in length()
};

/// A filter expression tree. And/Or are n-ary so long chains stay shallow.
struct FilterExpr
{
    enum class Kind { Or, And, Not, Exists, Compare };
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge };
    Kind kind = Kind::Exists;
    Op op = Op::Eq;
    std::vector<FilterExpr> children;
    Operand lhs, rhs;
};

} // namespace sluice::detail
