#pragma once

#include "tasks/TaskResource.h"

#include <memory>
#include <string_view>

class QThreadPool;

namespace sluice {

/// `sluice:file.write`: writes records to a CSV, JSON Lines or JSON-array file. Parameters:
///
///   {"Path": "out/orders.csv", "Format": ..., "Delimiter": ..., "Encoding": ...,   // as sluice:file.read
///    "Records": [{...}, ...] | {...},            // an array of records, or one record
///    "Mode": "append" (default) | "overwrite",
///    "Header": true,                             // CSV: write the header row on a new file (default)
///    "Columns": ["id", "name"]}                  // CSV: column order of a new file (default: every key
///                                                // of the records, sorted: JSON objects keep no order)
///
///  - append (CSV, JSONL): the encoded block of records goes to the file in one write(2) on an
///    O_APPEND descriptor under an exclusive flock, so concurrent appends (many Map items, other
///    processes) never interleave. A CSV header is written once, by the append that finds the file
///    empty; appends to an existing CSV follow its header's column order.
///  - overwrite: a temporary file renamed over the target (QSaveFile): readers see the old or the
///    new file, never half of one. The only mode for JSON (a file holding one array).
/// CSV follows RFC 4180: CRLF line ends, fields quoted when they hold the delimiter, a quote, CR or
/// LF; numbers and booleans as JSON text, null as an empty field, objects and arrays as JSON text.
/// Missing folders are created.
///
/// Result: {"Path": absolute path, "Records": count, "Bytes": bytes written}. Errors: File.IoError,
/// File.SchemaMismatch (a record has a column the existing CSV header lacks), File.EncodingError (a
/// character the Encoding cannot hold, e.g. "€" in ISO-8859-1), File.ParseError (the existing CSV header does not parse),
/// States.Runtime for bad Parameters. Nothing is written when any record is refused.
///
/// Threads: invoke() returns at once; the file is written on the resource's thread pool, where `done` runs.
class FileWriteResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:file.write";

    explicit FileWriteResource(int threads = 2);
    ~FileWriteResource() override; ///< waits for writes in progress
    void invoke(const TaskCall &call, TaskCallback done) override;

private:
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace sluice
