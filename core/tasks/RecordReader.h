#pragma once

#include "Json.h"
#include "Result.h"

#include <QString>

#include <memory>
#include <optional>

namespace sluice {

class ChunkedFile;
struct ReaderConfig;

/// Streams the items of a data file one at a time, for a Map state's ItemReader and sluice:file.read.
/// Formats follow the AWS ReaderConfig (see ReaderConfig.h): CSV rows become objects of header ->
/// string value, JSON Lines give one value per non-blank line, and a JSON file holding one array
/// gives its elements. Memory stays O(1) in the file size: a 64 KiB read buffer plus one item.
///
/// CSV as Step Functions parses it (RFC 4180): quoted fields may hold the delimiter, newlines and
/// doubled quotes; LF, CRLF or CR line ends; a UTF-8 byte order mark is skipped; blank lines are
/// skipped; a row with fewer fields than headers gets "" for the missing ones and a row with more
/// has the extra fields dropped (both as AWS documents). A quote inside an unquoted field is kept
/// as text. A FIRST_ROW header with duplicate names is an error.
///
/// Errors from next() name the file and row: `where.line` is the 1-based line where the bad item
/// starts, `where.pointer` is empty. After an error next() keeps returning it.
///
/// Thread: use one reader from one thread at a time (it may move between threads between calls).
class RecordReader
{
public:
    virtual ~RecordReader();
    RecordReader(const RecordReader &) = delete;
    RecordReader &operator=(const RecordReader &) = delete;

    /// Opens `path` for reading with an AWS ReaderConfig. Config errors carry the JSON pointer of the
    /// bad field inside `readerConfig`; a file that cannot be opened gives ErrorCode::IoError.
    static Result<std::unique_ptr<RecordReader>> open(const QString &path, const Json &readerConfig);

    /// The next item, or nullopt at the end (or once MaxItems items were returned).
    Result<std::optional<Json>> next();

    /// The 1-based line of the file where the item last returned by next() starts; 0 before any.
    qint64 line() const { return m_line; }
    /// Items returned so far.
    qint64 itemsRead() const { return m_itemsRead; }
    const QString &path() const;

protected:
    RecordReader(std::unique_ptr<ChunkedFile> file, qint64 maxItems);

    /// Reads the next item and sets `itemLine` to the line it starts on; nullopt at the end.
    virtual Result<std::optional<Json>> readItem(qint64 &itemLine) = 0;

    ChunkedFile &file() { return *m_file; }
    /// An error about the data at `line` ("<file>:<line>: <message>").
    Error dataError(ErrorCode code, qint64 line, const QString &message, int column = 0) const;
    /// The error for a failed read of the underlying file.
    Error readError(qint64 line) const;

private:
    std::unique_ptr<ChunkedFile> m_file;
    qint64 m_maxItems = 0;
    qint64 m_itemsRead = 0;
    qint64 m_line = 0;
    std::optional<Error> m_error;
};

} // namespace sluice
