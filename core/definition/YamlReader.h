#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <string>
#include <unordered_map>

namespace sluice::definition {

/// A definition written in YAML (as SAM and Serverless templates and the Step Functions console write
/// them), converted to the JSON text that parse(), validate() and the designer read. Stateless; any thread.
///
/// YAML 1.2's core schema decides what a plain scalar is: `true`/`false`, `null`/`~`/nothing, integers
/// (`12`, `0x1F`, `0o17`), floats (`1.5`, `1e3`); anything else, and every quoted scalar, is a string
/// (`"1"` stays the string "1"). Anchors and aliases are expanded, and `<<` merge keys are applied (keys
/// written in the mapping win). Mapping keys keep the order written. Refused with ErrorCode::NotYaml and
/// the line and column in the YAML: syntax errors, a key written twice, a key that is not a scalar, tags
/// other than YAML's own (`!Sub`, `!Ref`: CloudFormation resolves those, not Step Functions), `.inf` and
/// `.nan`, more than one document, nesting deeper than 512 levels.
struct YamlDefinition
{
    QByteArray json;   ///< the same values as JSON text: keys in the YAML's order, two-space indented, a final newline

    /// Line and column (1-based) in the YAML of the value at a JSON pointer, or of the nearest enclosing
    /// value that is there (a missing field points at its object); {pointer, 0, 0} for an empty pointer.
    SourceLocation locate(const QString &pointer) const;
    /// Puts the YAML line and column on an error found in `json` (by its pointer), so a person sees the
    /// place in the file they wrote.
    void relocate(Error &error) const;

    std::unordered_map<std::string, std::pair<int, int>> marks;   ///< JSON pointer -> YAML line, column
};

/// True for a path ending in .yaml or .yml (any case): the files read as YAML.
bool isYamlPath(const QString &path);

/// Converts YAML text holding one document to JSON text (see YamlDefinition).
Result<YamlDefinition> readYaml(const QByteArray &bytes);

} // namespace sluice::definition
