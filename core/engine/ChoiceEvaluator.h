#pragma once

#include "Json.h"
#include "Result.h"
#include "definition/Workflow.h"
#include "paths/EvalScope.h"

namespace sluice {

/// Evaluates Choice rules with Step Functions' semantics: a comparison with an operand of another type
/// is false; a Variable (or operand path) that finds nothing is a States.Runtime failure, except for
/// IsPresent. Pure functions; any thread.
namespace choice {

Result<bool, Failure> matches(const ChoiceRule &rule, const EvalScope &scope);

/// StringMatches: `*` matches any run of characters, `\*` a literal star, `\\` a backslash.
bool wildcardMatch(std::string_view pattern, std::string_view text);

} // namespace choice
} // namespace sluice
