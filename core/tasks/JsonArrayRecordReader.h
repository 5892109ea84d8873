#pragma once

#include "tasks/RecordReader.h"

#include <string>

namespace sluice {

/// The RecordReader for a JSON file holding one array (InputType "JSON"): yields the elements one by
/// one, never holding more than one element in memory. A scanner finds each element's extent
/// (strings, escapes and nesting) and nlohmann::json parses just that element. Anything but
/// whitespace around the array is an error. Created by RecordReader::open(); same thread rules.
class JsonArrayRecordReader : public RecordReader
{
public:
    JsonArrayRecordReader(std::unique_ptr<ChunkedFile> file, qint64 maxItems);

protected:
    Result<std::optional<Json>> readItem(qint64 &itemLine) override;

private:
    /// Skips whitespace, counting lines; returns the next byte without consuming it.
    int skipWhitespace();
    Result<void> checkTrailing();

    enum class Position { BeforeArray, InArray, Done };
    Position m_position = Position::BeforeArray;
    qint64 m_physicalLine = 1;
    std::string m_element;
};

} // namespace sluice
