#include "JsonLinesRecordReader.h"

#include "tasks/ChunkedFile.h"

#include <algorithm>

namespace sluice {

JsonLinesRecordReader::JsonLinesRecordReader(std::unique_ptr<ChunkedFile> file, qint64 maxItems)
    : RecordReader(std::move(file), maxItems)
{}

Result<std::optional<Json>> JsonLinesRecordReader::readItem(qint64 &itemLine)
{
    for (;;) {
        m_buffer.clear();
        if (!file().readLine(m_buffer)) {
            if (file().failed())
                return readError(m_physicalLine + 1);
            return std::optional<Json>();
        }
        ++m_physicalLine;
        const bool blank = std::all_of(m_buffer.begin(), m_buffer.end(), [](char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        });
        if (blank)
            continue;
        try {
            itemLine = m_physicalLine;
            return std::optional<Json>(Json::parse(m_buffer));
        } catch (const Json::parse_error &e) {
            return dataError(ErrorCode::NotJson, m_physicalLine,
                             QStringLiteral("not a JSON value: %1").arg(QString::fromUtf8(e.what())),
                             static_cast<int>(std::min<std::size_t>(e.byte, 1'000'000'000)));
        }
    }
}

} // namespace sluice
