#pragma once

#include "Result.h"
#include "definition/Workflow.h"

#include <QByteArray>

#include <memory>
#include <vector>

namespace sluice {

/// Parses and validates ASL definitions. Stateless; callable from any thread.
///
/// Every rule of the States Language that can be checked without running is checked: StartAt and
/// every Next/Default/Catch target exist, every state is reachable, exactly one of Next/End where it
/// applies, Choice rules well formed, Retry/Catch field types, paths, payload templates and intrinsic
/// calls parse, field names legal per state type (unknown fields are refused), nested machines too.
/// Each Error carries the JSON pointer, line and column of the offending value.
namespace definition {

/// The workflow, or the first problem found (in document order).
Result<std::shared_ptr<const Workflow>> parse(const QByteArray &bytes);

/// Every problem in the definition (empty when it is valid), in document order.
std::vector<Error> validate(const QByteArray &bytes);

/// The definition as JSON, fields in a stable order (ASL's documented order), so that
/// parse(serialize(parse(x))) == parse(x) and diffs stay small.
Json toJson(const Workflow &workflow);
/// toJson() dumped with two-space indentation and a trailing newline.
QByteArray serialize(const Workflow &workflow);

/// Line and column (1-based) of the value at `pointer` ("/States/Load/Next") in `bytes`; {0,0} if absent.
SourceLocation locate(const QByteArray &bytes, const QString &pointer);

} // namespace definition
} // namespace sluice
