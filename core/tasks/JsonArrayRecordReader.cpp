#include "JsonArrayRecordReader.h"

#include "tasks/ChunkedFile.h"

#include <algorithm>

namespace sluice {

JsonArrayRecordReader::JsonArrayRecordReader(std::unique_ptr<ChunkedFile> file, qint64 maxItems)
    : RecordReader(std::move(file), maxItems)
{}

int JsonArrayRecordReader::skipWhitespace()
{
    for (;;) {
        const int c = file().peek();
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return c;
        if (c == '\n')
            ++m_physicalLine;
        file().get();
    }
}

Result<void> JsonArrayRecordReader::checkTrailing()
{
    m_position = Position::Done;
    const int c = skipWhitespace();
    if (c == ChunkedFile::kEnd)
        return file().failed() ? Result<void>(readError(m_physicalLine)) : Result<void>();
    return dataError(ErrorCode::NotJson, m_physicalLine,
                     QStringLiteral("unexpected content after the end of the JSON array"));
}

Result<std::optional<Json>> JsonArrayRecordReader::readItem(qint64 &itemLine)
{
    ChunkedFile &in = file();
    if (m_position == Position::Done)
        return std::optional<Json>();
    if (m_position == Position::BeforeArray) {
        const int c = skipWhitespace();
        if (c == ChunkedFile::kEnd) {
            if (in.failed())
                return readError(m_physicalLine);
            return dataError(ErrorCode::NotJson, m_physicalLine,
                             QStringLiteral("the file is empty; expected a JSON array"));
        }
        if (c != '[')
            return dataError(ErrorCode::NotJson, m_physicalLine,
                             QStringLiteral("expected a JSON array ('[')"));
        in.get();
        m_position = Position::InArray;
        if (skipWhitespace() == ']') {
            in.get();
            if (auto trailing = checkTrailing(); !trailing)
                return trailing.error();
            return std::optional<Json>();
        }
    }

    const int first = skipWhitespace();
    const qint64 startLine = m_physicalLine;
    if (first == ']' || first == ',') {
        return dataError(ErrorCode::NotJson, startLine,
                         first == ']' ? QStringLiteral("a comma before ']' (trailing comma)")
                                      : QStringLiteral("expected a value before ','"));
    }

    // Find the element's extent: it ends at a ',' or ']' outside strings at nesting depth 0.
    m_element.clear();
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    bool closesArray = false;
    for (;;) {
        const int c = in.get();
        if (c == ChunkedFile::kEnd) {
            if (in.failed())
                return readError(m_physicalLine);
            return dataError(ErrorCode::NotJson, startLine,
                             QStringLiteral("the file ends inside the JSON array (element starting here)"));
        }
        if (c == '\n')
            ++m_physicalLine;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) {
                if (c == '}')
                    return dataError(ErrorCode::NotJson, m_physicalLine, QStringLiteral("unexpected '}'"));
                closesArray = true;
                break;
            }
            --depth;
        } else if (c == ',' && depth == 0) {
            break;
        }
        m_element.push_back(static_cast<char>(c));
    }

    Json value;
    try {
        value = Json::parse(m_element);
    } catch (const Json::parse_error &e) {
        const auto upTo = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, m_element.size());
        const auto errorLine =
            startLine +
            std::count(m_element.begin(), m_element.begin() + static_cast<std::ptrdiff_t>(upTo), '\n');
        return dataError(ErrorCode::NotJson, errorLine,
                         QStringLiteral("not a JSON value: %1").arg(QString::fromUtf8(e.what())));
    }
    if (closesArray) {
        if (auto trailing = checkTrailing(); !trailing)
            return trailing.error();
    }
    itemLine = startLine;
    return std::optional<Json>(std::move(value));
}

} // namespace sluice
