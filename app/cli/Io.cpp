#include "cli/Io.h"

#include <QFile>

#include <algorithm>
#include <cstdio>

namespace sluice::cli {

void err(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void out(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (path == QStringLiteral("-") ? !file.open(stdin, QIODevice::ReadOnly) : !file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::IoError, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()), {}};
    return file.readAll();
}

Result<DefinitionSource> readDefinition(const QString &path)
{
    auto bytes = readFile(path);
    if (!bytes)
        return std::move(bytes).error();
    DefinitionSource source;
    if (!definition::isYamlPath(path)) {
        source.json = std::move(bytes).value();
        return source;
    }
    auto yaml = definition::readYaml(bytes.value());
    if (!yaml) {
        Error e = std::move(yaml).error();
        e.message = QStringLiteral("%1: %2").arg(path, e.message);
        return e;
    }
    source.json = yaml->json;
    source.yaml = std::move(yaml).value();
    return source;
}

namespace {

/// Deepest nesting of arrays and objects in JSON text, counted without parsing (strings skipped).
int nestingDepth(const QByteArray &bytes)
{
    int depth = 0, deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

} // namespace

Result<Json> parseJson(const QByteArray &bytes, const QString &what)
{
    // Copying and printing JSON recurse; refuse what could exhaust a thread's stack later on.
    constexpr int kMaxDepth = 10000;
    if (nestingDepth(bytes) > kMaxDepth)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("%1 is nested deeper than %2 levels.").arg(what).arg(kMaxDepth), {}};
    try {
        return Json::parse(bytes.cbegin(), bytes.cend());
    } catch (const Json::parse_error &e) {
        // Line and column of the byte where parsing stopped.
        int line = 1, column = 1;
        for (size_t i = 0; i + 1 < e.byte && i < size_t(bytes.size()); ++i) {
            if (bytes[qsizetype(i)] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return Error{ErrorCode::NotJson,
                     QStringLiteral("%1 is not valid JSON (line %2, column %3): %4")
                         .arg(what)
                         .arg(line)
                         .arg(column)
                         .arg(QString::fromUtf8(e.what())),
                     {QString(), line, column}};
    } catch (const Json::exception &e) {
        return Error{ErrorCode::NotJson, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(e.what())), {}};
    }
}

} // namespace sluice::cli
