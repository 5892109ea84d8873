#pragma once

#include "Json.h"
#include "Result.h"
#include "definition/YamlReader.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace sluice::cli {

/// Messages for people go to stderr; machine-readable output goes to stdout.
void err(const QString &text);
void out(const QByteArray &bytes);

Result<QByteArray> readFile(const QString &path);

/// A definition file as JSON text: FILE.yaml / FILE.yml are converted from YAML, anything else is read as is.
struct DefinitionSource
{
    QByteArray json;
    std::optional<definition::YamlDefinition> yaml;   ///< set when the file was YAML

    /// A problem found in `json`, with the line and column of the file as written.
    void relocate(Error &error) const
    {
        if (yaml)
            yaml->relocate(error);
    }
};
/// Errors: the file cannot be read; YAML that is malformed ("FILE: not valid YAML (line L, column C): ...").
Result<DefinitionSource> readDefinition(const QString &path);
/// Parses JSON text (input documents, context files); errors name line and column.
Result<Json> parseJson(const QByteArray &bytes, const QString &what);

} // namespace sluice::cli
