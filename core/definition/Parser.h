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
/// Each Error carries the JSON pointer, line and column of the offending value (1-based; columns count
/// Unicode code points). Line and column are looked up in the source bytes only when there is an error.
///
/// Path kinds follow the AWS developer guide: InputPath, OutputPath, "key.$" values, Choice Variable and
/// the operand of a "...Path" comparison are Paths (full JSONPath); ResultPath, ItemsPath, every
/// "...SecondsPath"/"...Path" number field, TimestampPath, ErrorPath and CausePath are reference paths
/// (ErrorPath/CausePath may also be an intrinsic that returns a string). Nesting deeper than 512 levels,
/// duplicate keys and numbers outside the range of a double are refused.
namespace definition {

/// The workflow, or the first problem found (in document order).
Result<std::shared_ptr<const Workflow>> parse(const QByteArray &bytes);

/// Every problem in the definition (empty when it is valid), in document order.
std::vector<Error> validate(const QByteArray &bytes);

/// The definition as JSON, so that parse(serialize(parse(x))) == parse(x). Json (nlohmann::json) keeps
/// object keys sorted; serialize() is the one that writes ASL's documented field order.
Json toJson(const Workflow &workflow);
/// The definition as text: fields in ASL's documented order (Comment, StartAt, States; per state Type,
/// Comment, then the type's fields; Next/End last), states in definition order, the author's forms kept
/// (Iterator vs ItemProcessor, Parameters vs ItemSelector, an explicit "$" or null), two-space
/// indentation and a trailing newline. serialize(parse(serialize(w))) == serialize(w), byte for byte.
QByteArray serialize(const Workflow &workflow);

/// Line and column (1-based) of the value at `pointer` ("/States/Load/Next") in `bytes`; {0,0} if absent.
SourceLocation locate(const QByteArray &bytes, const QString &pointer);

} // namespace definition
} // namespace sluice
