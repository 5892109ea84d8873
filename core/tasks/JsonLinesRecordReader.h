#pragma once

#include "tasks/RecordReader.h"

#include <string>

namespace sluice {

/// The RecordReader for JSON Lines (InputType "JSONL"): one JSON value per line; blank lines and a
/// trailing '\r' are ignored. A line that is not JSON is an error naming its line number and column.
/// Created by RecordReader::open(); same thread rules as RecordReader.
class JsonLinesRecordReader : public RecordReader
{
public:
    JsonLinesRecordReader(std::unique_ptr<ChunkedFile> file, qint64 maxItems);

protected:
    Result<std::optional<Json>> readItem(qint64 &itemLine) override;

private:
    qint64 m_physicalLine = 0;
    std::string m_buffer;
};

} // namespace sluice
