#pragma once

#include "Json.h"
#include "Result.h"

#include <QDir>
#include <QFile>
#include <QStringList>

#include <optional>

namespace fixtures {

inline QString definitionsDir()
{
    return QStringLiteral(SLUICE_FIXTURES "/definitions");
}

/// valid/*.asl.json or invalid/*.asl.json, sorted by name.
inline QStringList definitionFiles(const QString &kind)
{
    QDir dir(definitionsDir() + QLatin1Char('/') + kind);
    return dir.entryList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name);
}

inline QByteArray read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(path));
    return file.readAll();
}

inline QByteArray definition(const QString &kind, const QString &file)
{
    return read(definitionsDir() + QLatin1Char('/') + kind + QLatin1Char('/') + file);
}

inline std::optional<sluice::ErrorCode> errorCodeFromName(const std::string &name)
{
    using sluice::ErrorCode;
    static const std::pair<const char *, ErrorCode> names[] = {
        {"NotJson", ErrorCode::NotJson},
        {"BadDefinition", ErrorCode::BadDefinition},
        {"UnknownField", ErrorCode::UnknownField},
        {"MissingField", ErrorCode::MissingField},
        {"WrongType", ErrorCode::WrongType},
        {"UnknownState", ErrorCode::UnknownState},
        {"Unreachable", ErrorCode::Unreachable},
        {"BadPath", ErrorCode::BadPath},
        {"BadTemplate", ErrorCode::BadTemplate},
        {"BadIntrinsic", ErrorCode::BadIntrinsic},
        {"BadChoiceRule", ErrorCode::BadChoiceRule},
    };
    for (const auto &[n, code] : names) {
        if (name == n)
            return code;
    }
    return std::nullopt;
}

inline QString describe(const std::vector<sluice::Error> &errors)
{
    QStringList lines;
    for (const auto &e : errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace fixtures
