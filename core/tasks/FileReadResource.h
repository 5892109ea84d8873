#pragma once

#include "tasks/TaskResource.h"

#include <memory>
#include <string_view>

class QThreadPool;

namespace sluice {

/// `sluice:file.read`: reads a whole CSV, JSON Lines or JSON-array file into a JSON array, through the
/// same streaming RecordReader that a Map's ItemReader uses (so both parse alike). Parameters:
///
///   {"Path": "in/orders.csv",        // relative: against the workflow's folder
///    "Format": "CSV" | "JSONL" | "JSON",        // default: from the file name (.csv .tsv .jsonl .ndjson .json)
///    "Delimiter": "," | "SEMICOLON" | ...,     // CSV: one ASCII character or COMMA/PIPE/SEMICOLON/SPACE/TAB
///    "Header": true | ["id", "name"],           // CSV: the first row (default) or these column names
///    "Encoding": "UTF-8" | "ISO-8859-1" | "UTF-16LE" | ...,   // via QStringConverter
///    "Offset": 0, "Limit": 100}                 // skip, then take at most, this many records
///
/// Result: the records (CSV rows as objects of column -> string). Errors: File.NotFound,
/// File.ParseError (the cause names file and line), File.IoError, States.Runtime for bad Parameters.
/// For files larger than memory, use a Map with an ItemReader instead: it streams.
///
/// Threads: invoke() returns at once; the file is read on the resource's thread pool, where `done` runs.
class FileReadResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:file.read";

    explicit FileReadResource(int threads = 2);
    ~FileReadResource() override; ///< waits for reads in progress
    void invoke(const TaskCall &call, TaskCallback done) override;

private:
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace sluice
