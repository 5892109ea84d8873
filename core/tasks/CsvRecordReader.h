#pragma once

#include "tasks/ReaderConfig.h"
#include "tasks/RecordReader.h"

#include <string>
#include <vector>

namespace sluice {

/// The RecordReader for CSV (InputType "CSV"): RFC 4180 records become objects of header -> string
/// value, by the rules documented on RecordReader. Created by RecordReader::open(); same thread rules.
class CsvRecordReader : public RecordReader
{
public:
    CsvRecordReader(std::unique_ptr<ChunkedFile> file, const ReaderConfig &config);

    /// The column names: the CSVHeaders given, or the file's first row (read now if not yet). An empty
    /// file has none. sluice:file.write uses it to append in an existing file's column order.
    Result<std::vector<std::string>> headers();

protected:
    Result<std::optional<Json>> readItem(qint64 &itemLine) override;

private:
    /// Reads one record into m_fields; false at the end of the file.
    Result<bool> readRecord(qint64 &recordLine);
    /// Reads the header row into m_headers unless they are known; false for an empty file.
    Result<bool> readHeaders();
    /// Ends a line that began with `c` ('\r' or '\n'), swallowing the '\n' of a CRLF.
    void endLine(int c);

    std::vector<std::string> m_headers;
    bool m_haveHeaders = false;
    char m_delimiter = ',';
    bool m_checkUtf8 = true;
    qint64 m_physicalLine = 1; // the line the next byte is on
    std::vector<std::string> m_fields;
};

} // namespace sluice
