#pragma once

#include "Json.h"
#include "Result.h"
#include "paths/EvalScope.h"

#include <memory>
#include <string>
#include <string_view>

namespace sluice {

/// A compiled path, parsed once when a definition loads and evaluated per item without re-parsing.
///
/// Two kinds, as the States Language defines them:
///  - Reference paths (ResultPath, Choice Variable, ...): "$", "$.a.b", "$['a b'][0]", "$$.Map.Item.Index";
///    only names and indexes, so they identify at most one node and can be written to (set()).
///  - Paths (InputPath, OutputPath, ItemsPath, "key.$" values): full JSONPath as ASL uses it: wildcards
///    (`[*]`, `.*`), recursive descent (`..`), slices (`[1:3]`), unions (`[0,2]`, `['a','b']`), filters
///    (`[?(@.price > 10 && @.tag == 'x')]`, with ==, !=, <, <=, >, >=, &&, ||, !, existence `[?(@.a)]`),
///    `length()` of arrays. An indefinite path selects an array of matches.
/// A leading "$$" addresses the context object instead of the input.
///
/// Details where JSONPath dialects differ (tests/fixtures/paths/jsonpath_eval.json shows each):
///  - Dot names run to the next structural character (lenient, as Jayway); a backslash escapes one
///    character and \uXXXX is a code point (`$.store\.book` is the key "store.book"), as the spec's examples.
///  - Negative indexes count from the end in Paths ("$.a[-1]"); reference paths reject them.
///  - Filters test the elements of arrays and the values of objects. A missing operand equals only
///    another missing one and is never ordered; < <= > >= compare two numbers or two strings only.
///    `@.length` is an array's or string's size unless the object has a "length" key. Comparisons take
///    single values (names, indexes, length()); an existence test may use any path.
///  - Evaluation stops with States.Runtime after 20 million node visits (`$..*..*..*` on deep input).
/// Thread-safe for concurrent evaluation (immutable after parse).
class JsonPath
{
public:
    enum class Kind { Reference, Path };

    JsonPath();
    ~JsonPath();
    JsonPath(const JsonPath &);
    JsonPath &operator=(const JsonPath &);
    JsonPath(JsonPath &&) noexcept;
    JsonPath &operator=(JsonPath &&) noexcept;

    /// Errors: ErrorCode::BadPath, message says what is wrong and at which character.
    static Result<JsonPath> parse(std::string_view text, Kind kind = Kind::Path);

    const std::string &text() const;
    Kind kind() const;
    bool isRoot() const;       ///< exactly "$"
    bool isContext() const;    ///< starts with "$$"
    bool isDefinite() const;   ///< names and indexes only: selects at most one node

    /// Definite path: the node, or Failure{States.Runtime, "... path '$.x' could not be found in the input ..."}.
    /// Indefinite path: Failure (callers use evaluate()).
    Result<const Json *, Failure> find(const EvalScope &scope) const;

    /// Definite path: a copy of the node (Failure as above when missing).
    /// Indefinite path: an array of every match, in document order (possibly empty).
    Result<Json, Failure> evaluate(const EvalScope &scope) const;

    /// As find() and evaluate(), with the field that holds the path named in a failure's cause, as Step
    /// Functions words it: "The JSONPath '$.x' specified for the field 'InputPath' could not be found in
    /// the input '{...}'". The caller adds the state ("An error occurred while executing the state 'S'.").
    Result<const Json *, Failure> find(const EvalScope &scope, std::string_view field) const;
    Result<Json, Failure> evaluate(const EvalScope &scope, std::string_view field) const;

    /// True if a definite path finds a node (used by IsPresent).
    bool exists(const EvalScope &scope) const;

    /// Reference paths only: write `value` at this path inside `target`, creating missing objects on
    /// the way ("$" replaces target). Failure{States.ResultPathMatchFailure} if a step meets a non-object
    /// or an index out of range.
    Result<void, Failure> set(Json &target, Json value) const;

    bool operator==(const JsonPath &other) const { return text() == other.text(); }

private:
    struct Impl;
    std::shared_ptr<const Impl> d;
};

} // namespace sluice
