#pragma once

#include "Json.h"
#include "Result.h"

#include <QString>
#include <QStringConverter>

#include <string>
#include <vector>

namespace sluice {

/// The parsed ReaderConfig of a Map state's ItemReader (and of sluice:file.read), in the AWS spelling:
///
///   {"InputType": "CSV" | "JSONL" | "JSON",          // JSON = a file holding one JSON array
///    "CSVHeaderLocation": "FIRST_ROW" | "GIVEN",     // CSV only; FIRST_ROW by default
///    "CSVHeaders": ["a", "b"],                       // CSV with GIVEN only; no duplicates
///    "CSVDelimiter": "COMMA" | "PIPE" | "SEMICOLON" | "SPACE" | "TAB" | a single character,
///    "MaxItems": 100,                                // 0 or absent: no limit; at most 100,000,000
///    "Encoding": "UTF-8" | "ISO-8859-1" | "UTF-16LE" | ...}  // Sluice extension: any encoding
///                                                    // QStringConverter knows; "LATIN1" is accepted too
///
/// Without InputType the file name decides: .csv, .tsv (CSV with TAB), .jsonl/.ndjson, .json.
/// MaxItemsPath must be resolved by the caller into MaxItems. A value type, usable on any thread.
struct ReaderConfig
{
    enum class InputType { Csv, JsonLines, JsonArray };

    InputType inputType = InputType::JsonLines;
    QStringConverter::Encoding encoding = QStringConverter::Utf8;
    bool headersGiven = false;        ///< CSVHeaderLocation GIVEN
    std::vector<std::string> headers; ///< the CSVHeaders when given
    char delimiter = ',';
    qint64 maxItems = 0; ///< 0 = no limit

    static constexpr qint64 kMaxItemsLimit = 100'000'000;

    /// Errors carry the JSON pointer of the bad field inside the ReaderConfig ("/CSVDelimiter").
    static Result<ReaderConfig> fromJson(const Json &readerConfig, const QString &path);

private:
    static Result<ReaderConfig> parse(const Json &readerConfig, const QString &path);
};

} // namespace sluice
