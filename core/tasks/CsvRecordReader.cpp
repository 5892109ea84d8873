#include "CsvRecordReader.h"

#include "tasks/ChunkedFile.h"

#include <set>

namespace sluice {

namespace {

bool isValidUtf8(const std::string &text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = s + text.size();
    while (s < end) {
        const unsigned char c = *s;
        if (c < 0x80) {
            ++s;
            continue;
        }
        int length = 0;
        unsigned int code = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code = c & 0x07;
        } else {
            return false;
        }
        if (end - s < length)
            return false;
        for (int i = 1; i < length; ++i) {
            if ((s[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (s[i] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
            (length == 4 && code < 0x10000) || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
            return false;
        s += length;
    }
    return true;
}

} // namespace

CsvRecordReader::CsvRecordReader(std::unique_ptr<ChunkedFile> file, const ReaderConfig &config)
    : RecordReader(std::move(file), config.maxItems), m_headers(config.headers),
      m_haveHeaders(config.headersGiven), m_delimiter(config.delimiter),
      m_checkUtf8(config.encoding == QStringConverter::Utf8) // others are converted, hence valid
{}

void CsvRecordReader::endLine(int c)
{
    if (c == '\r' && file().peek() == '\n')
        file().get();
    ++m_physicalLine;
}

Result<bool> CsvRecordReader::readRecord(qint64 &recordLine)
{
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    ChunkedFile &in = file();
    m_fields.clear();

    // Blank lines between records are skipped.
    int c = in.get();
    while (c == '\n' || c == '\r') {
        endLine(c);
        c = in.get();
    }
    if (c == ChunkedFile::kEnd) {
        if (in.failed())
            return readError(m_physicalLine);
        return false;
    }
    recordLine = m_physicalLine;

    std::string field;
    State state = State::FieldStart;
    for (;; c = in.get()) {
        switch (state) {
        case State::FieldStart:
            if (c == '"') {
                state = State::Quoted;
                continue;
            }
            state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted:
        case State::QuoteInQuoted:
            if (c == m_delimiter) {
                m_fields.push_back(std::move(field));
                field.clear();
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r' || c == ChunkedFile::kEnd) {
                if (c == ChunkedFile::kEnd && in.failed())
                    return readError(m_physicalLine);
                if (c != ChunkedFile::kEnd)
                    endLine(c);
                m_fields.push_back(std::move(field));
                return true;
            } else if (state == State::QuoteInQuoted) {
                if (c == '"') { // a doubled quote inside a quoted field
                    field.push_back('"');
                    state = State::Quoted;
                } else {
                    return dataError(ErrorCode::WrongType, m_physicalLine,
                                     QStringLiteral("unexpected character '%1' after the closing quote of "
                                                    "field %2 (row starting at line %3)")
                                         .arg(QChar(c))
                                         .arg(m_fields.size() + 1)
                                         .arg(recordLine));
                }
            } else {
                field.push_back(static_cast<char>(c)); // RFC 4180 forbids a bare quote here; keep it as text
            }
            break;
        case State::Quoted:
            if (c == '"') {
                state = State::QuoteInQuoted;
            } else if (c == ChunkedFile::kEnd) {
                if (in.failed())
                    return readError(m_physicalLine);
                return dataError(
                    ErrorCode::WrongType, recordLine,
                    QStringLiteral("the quoted field %1 of the row starting here is never closed")
                        .arg(m_fields.size() + 1));
            } else {
                if (c == '\n')
                    ++m_physicalLine;
                field.push_back(static_cast<char>(c));
            }
            break;
        }
    }
}

Result<bool> CsvRecordReader::readHeaders()
{
    if (m_haveHeaders)
        return true;
    qint64 recordLine = 0;
    auto header = readRecord(recordLine);
    if (!header)
        return header.error();
    if (!*header)
        return false; // an empty file has no items
    std::set<std::string, std::less<>> seen;
    for (auto &name : m_fields) {
        if (m_checkUtf8 && !isValidUtf8(name))
            return dataError(ErrorCode::WrongType, recordLine, QStringLiteral("the header row is not valid UTF-8"));
        if (!seen.insert(name).second)
            return dataError(ErrorCode::WrongType, recordLine,
                             QStringLiteral("CSV headers cannot contain duplicates (\"%1\")")
                                 .arg(QString::fromStdString(name)));
    }
    m_headers = std::move(m_fields);
    m_fields = {};
    m_haveHeaders = true;
    return true;
}

Result<std::vector<std::string>> CsvRecordReader::headers()
{
    auto read = readHeaders();
    if (!read)
        return read.error();
    return m_headers;
}

Result<std::optional<Json>> CsvRecordReader::readItem(qint64 &itemLine)
{
    qint64 recordLine = 0;
    auto haveHeaders = readHeaders();
    if (!haveHeaders)
        return haveHeaders.error();
    if (!*haveHeaders)
        return std::optional<Json>();

    auto record = readRecord(recordLine);
    if (!record)
        return record.error();
    if (!*record)
        return std::optional<Json>();

    Json item = Json::object();
    auto &object = item.get_ref<Json::object_t &>();
    for (std::size_t i = 0; i < m_headers.size(); ++i) {
        if (i < m_fields.size()) {
            if (m_checkUtf8 && !isValidUtf8(m_fields[i]))
                return dataError(ErrorCode::WrongType, recordLine,
                                 QStringLiteral("field \"%1\" is not valid UTF-8 (set \"Encoding\": "
                                                "\"ISO-8859-1\" for Latin-1 files)")
                                     .arg(QString::fromStdString(m_headers[i])));
            object.emplace(m_headers[i], std::move(m_fields[i]));
        } else {
            object.emplace(m_headers[i], std::string()); // AWS: missing values become empty strings
        }
    }
    itemLine = recordLine;
    return std::optional<Json>(std::move(item));
}

} // namespace sluice
