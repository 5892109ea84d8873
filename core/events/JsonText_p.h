#pragma once

#include "Json.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace sluice::events {

/// Parses a JSON document (rules file, pattern, detail): NotJson errors carry line and column.
Result<Json> parseJsonText(const QByteArray &bytes, const QString &what);
/// Fills in the line and column of `error.where.pointer` in `bytes` (left 0 when not found).
Error locate(const QByteArray &bytes, Error error);
/// RFC 6901: "a/b" -> "a~1b", "a~b" -> "a~0b".
QString pointerToken(const std::string &key);

} // namespace sluice::events
