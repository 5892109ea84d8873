#pragma once

#include "Json.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace sluice::cli {

/// Messages for people go to stderr; machine-readable output goes to stdout.
void err(const QString &text);
void out(const QByteArray &bytes);

Result<QByteArray> readFile(const QString &path);
/// Parses JSON text (input documents, context files); errors name line and column.
Result<Json> parseJson(const QByteArray &bytes, const QString &what);

} // namespace sluice::cli
