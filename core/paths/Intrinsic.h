#pragma once

#include "Json.h"
#include "Result.h"
#include "paths/EvalScope.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// A compiled intrinsic function call such as `States.Format('Hello {}', $.name)`, with nested calls,
/// string literals ('...' with \' \{ \} \\ escapes), numbers, booleans, null and paths as arguments.
/// Every function of the Step Functions docs: States.Format, StringToJson, JsonToString, Array,
/// ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique, Base64Encode,
/// Base64Decode, Hash (MD5, SHA-1, SHA-256, SHA-384, SHA-512), JsonMerge, MathRandom, MathAdd,
/// StringSplit, UUID. Argument count and literal types are checked at parse time where possible.
/// As Step Functions: States.Format renders arrays and objects as Java does ("[1, a]", "{k=v}");
/// StringSplit splits at every character of its delimiter and drops empty tokens; MathAdd and
/// MathRandom round non-integers and MathAdd takes 32-bit integers; ArrayRange makes at most 1000 items;
/// Base64Encode, Base64Decode and Hash take at most 10,000 characters; calls nest at most 10 deep.
/// Immutable after parse; thread-safe.
class Intrinsic
{
public:
    Intrinsic();
    ~Intrinsic();
    Intrinsic(const Intrinsic &);
    Intrinsic &operator=(const Intrinsic &);
    Intrinsic(Intrinsic &&) noexcept;
    Intrinsic &operator=(Intrinsic &&) noexcept;

    /// The names of every intrinsic function ("States.Format", ...), in the order of the Step Functions docs.
    static std::vector<std::string_view> functionNames();

    /// True if `text` is meant as an intrinsic call (starts with "States." and has a parenthesis).
    static bool looksLikeCall(std::string_view text);
    /// Errors: ErrorCode::BadIntrinsic naming the function and what is wrong.
    static Result<Intrinsic> parse(std::string_view text);

    const std::string &text() const;
    bool usesContext() const;

    /// Failure{States.IntrinsicFailure, cause} on a runtime problem (wrong argument type, bad JSON ...);
    /// a path argument that finds nothing gives Failure{States.Runtime}.
    Result<Json, Failure> evaluate(const EvalScope &scope) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> d;
};

} // namespace sluice
