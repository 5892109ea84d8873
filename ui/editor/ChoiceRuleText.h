#pragma once

#include "Json.h"

#include <QString>

namespace sluice::ui {

/// One Choice rule (as its ASL JSON) rendered as one line for people, e.g. `$.price > 100` or
/// `$.a == "x" && !($.b)`. Comparisons read as operators (==, <, <=, >, >=, matches, is null, is present,
/// is numeric, ...); a `...Path` operand is shown as the path itself, literals as JSON. And/Or join their
/// rules with && and ||, nested And/Or are bracketed, Not is `!(...)`; BooleanEquals true/false read as
/// `$.b` / `!$.b`. Next is not part of the text. A malformed rule gives "?" where its part is missing, never
/// an error, so the canvas can label edges of a definition that does not validate yet.
QString choiceRuleText(const Json &rule);

} // namespace sluice::ui
