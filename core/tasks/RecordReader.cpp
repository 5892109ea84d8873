#include "RecordReader.h"

#include "tasks/ChunkedFile.h"
#include "tasks/CsvRecordReader.h"
#include "tasks/JsonArrayRecordReader.h"
#include "tasks/JsonLinesRecordReader.h"
#include "tasks/ReaderConfig.h"

#include <limits>

namespace sluice {

RecordReader::RecordReader(std::unique_ptr<ChunkedFile> file, qint64 maxItems)
    : m_file(std::move(file)), m_maxItems(maxItems)
{}

RecordReader::~RecordReader() = default;

const QString &RecordReader::path() const
{
    return m_file->path();
}

Result<std::unique_ptr<RecordReader>> RecordReader::open(const QString &path, const Json &readerConfig)
{
    try {
        auto config = ReaderConfig::fromJson(readerConfig, path);
        if (!config)
            return std::move(config).error();
        auto file = std::make_unique<ChunkedFile>(path, config->encoding);
        if (auto opened = file->open(); !opened)
            return std::move(opened).error();

        std::unique_ptr<RecordReader> reader;
        switch (config->inputType) {
        case ReaderConfig::InputType::Csv:
            reader = std::make_unique<CsvRecordReader>(std::move(file), *config);
            break;
        case ReaderConfig::InputType::JsonLines:
            reader = std::make_unique<JsonLinesRecordReader>(std::move(file), config->maxItems);
            break;
        case ReaderConfig::InputType::JsonArray:
            reader = std::make_unique<JsonArrayRecordReader>(std::move(file), config->maxItems);
            break;
        }
        return reader;
    } catch (const std::exception &e) {
        return Error{ErrorCode::IoError,
                     QStringLiteral("cannot open %1: %2").arg(path, QString::fromUtf8(e.what())),
                     {}};
    }
}

Result<std::optional<Json>> RecordReader::next()
{
    if (m_error)
        return *m_error;
    if (m_maxItems > 0 && m_itemsRead >= m_maxItems)
        return std::optional<Json>();
    try {
        qint64 itemLine = m_line;
        auto item = readItem(itemLine);
        if (!item) {
            m_error = item.error();
            return item;
        }
        if (item->has_value()) {
            m_line = itemLine;
            ++m_itemsRead;
        }
        return item;
    } catch (const std::exception &e) {
        // A safety net: the readers report their own errors; this catches bad_alloc and the like.
        m_error = dataError(ErrorCode::IoError, m_line, QString::fromUtf8(e.what()));
        return *m_error;
    }
}

Error RecordReader::dataError(ErrorCode code, qint64 line, const QString &message, int column) const
{
    const int lineNumber = static_cast<int>(std::min<qint64>(line, std::numeric_limits<int>::max()));
    return Error{code, QStringLiteral("%1:%2: %3").arg(path()).arg(line).arg(message),
                 SourceLocation{QString(), lineNumber, column}};
}

Error RecordReader::readError(qint64 line) const
{
    return dataError(ErrorCode::IoError, line, QStringLiteral("read error: %1").arg(m_file->errorString()));
}

} // namespace sluice
