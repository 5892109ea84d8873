#include "FileResources.h"

#include "tasks/CsvRecordReader.h"
#include "tasks/ReaderConfig.h"
#include "tasks/RecordReader.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QThreadPool>

#include <cerrno>
#include <set>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcFile, "sluice.tasks.file")

namespace sluice {

namespace {

using Outcome = Result<Json, Failure>;

const char *const kNotFound = "File.NotFound";
const char *const kParseError = "File.ParseError";
const char *const kIoError = "File.IoError";
const char *const kSchemaMismatch = "File.SchemaMismatch";
const char *const kEncodingError = "File.EncodingError";

Failure badParameters(std::string_view resource, const std::string &message)
{
    return Failure{errors::kRuntime, std::string(resource) + ": " + message};
}

void answer(TaskCallback &done, Outcome outcome)
{
    try {
        done(std::move(outcome));
    } catch (const std::exception &e) {
        qCWarning(lcFile) << "a file task callback threw:" << e.what();
    } catch (...) {
        qCWarning(lcFile) << "a file task callback threw";
    }
}

/// Runs `work` on `pool` and answers with its outcome; an exception becomes States.TaskFailed.
void runOn(QThreadPool &pool, std::string_view resource, TaskCallback done, std::function<Outcome()> work)
{
    pool.start([resource, done = std::move(done), work = std::move(work)]() mutable {
        Outcome outcome = Failure{errors::kTaskFailed, std::string(resource) + ": unexpected failure"};
        try {
            outcome = work();
        } catch (const std::exception &e) {
            outcome = Failure{errors::kTaskFailed, std::string(resource) + ": " + e.what()};
        } catch (...) {
        }
        answer(done, std::move(outcome));
    });
}

/// What file.read and file.write share: the file and how its records are encoded.
struct FileSpec
{
    QString path;          ///< absolute
    Json readerConfig;     ///< for RecordReader::open
    ReaderConfig config;   ///< the same, parsed
};

/// Path, Format, Delimiter, Header (an array), Encoding -> a ReaderConfig, so that reading and
/// writing accept exactly what a Map's ItemReader accepts.
Result<FileSpec, Failure> fileSpec(std::string_view resource, const TaskCall &call, std::initializer_list<const char *> extra)
{
    const Json &in = call.input;
    if (!in.is_object())
        return badParameters(resource, "the Parameters must be an object with a \"Path\", got " +
                                           std::string(in.type_name()));
    for (const auto &item : in.items()) {
        bool known = false;
        for (const char *k : {"Path", "Format", "Delimiter", "Header", "Encoding"})
            known = known || item.key() == k;
        for (const char *k : extra)
            known = known || item.key() == k;
        if (!known)
            return badParameters(resource, "unknown parameter \"" + item.key() + "\"");
    }
    const auto path = in.find("Path");
    if (path == in.end() || !path->is_string() || path->get<std::string>().empty())
        return badParameters(resource, "\"Path\" must be a non-empty string");

    FileSpec spec;
    // Relative paths resolve against the execution's base folder, as a Map's ItemReader does.
    spec.path = QString::fromStdString(path->get<std::string>());
    if (QFileInfo(spec.path).isRelative() && !call.baseDir.isEmpty())
        spec.path = QDir(call.baseDir).filePath(spec.path);
    spec.path = QFileInfo(spec.path).absoluteFilePath();

    Json config = Json::object();
    if (const auto format = in.find("Format"); format != in.end()) {
        if (!format->is_string())
            return badParameters(resource, "\"Format\" must be \"CSV\", \"JSONL\" or \"JSON\"");
        std::string name = QString::fromStdString(format->get<std::string>()).toUpper().toStdString();
        if (name == "JSONLINES" || name == "NDJSON")
            name = "JSONL";
        config["InputType"] = name;
    }
    if (const auto delimiter = in.find("Delimiter"); delimiter != in.end())
        config["CSVDelimiter"] = *delimiter;
    if (const auto header = in.find("Header"); header != in.end() && header->is_array()) {
        config["CSVHeaderLocation"] = "GIVEN";
        config["CSVHeaders"] = *header;
    }
    if (const auto encoding = in.find("Encoding"); encoding != in.end())
        config["Encoding"] = *encoding;

    auto parsed = ReaderConfig::fromJson(config, spec.path);
    if (!parsed) {
        QString message = parsed.error().message;
        message.replace(QLatin1String("ReaderConfig: "), QString());
        message.replace(QLatin1String("InputType"), QLatin1String("Format"));
        message.replace(QLatin1String("CSVDelimiter"), QLatin1String("Delimiter"));
        message.replace(QLatin1String("CSVHeaders"), QLatin1String("Header"));
        return badParameters(resource, message.toStdString());
    }
    spec.config = std::move(parsed).value();
    spec.readerConfig = std::move(config);
    return spec;
}

Result<qint64, Failure> count(std::string_view resource, const Json &in, const char *key)
{
    const auto it = in.find(key);
    if (it == in.end())
        return qint64(-1);
    if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > ReaderConfig::kMaxItemsLimit)
        return badParameters(resource, "\"" + std::string(key) + "\" must be an integer from 0 to 100000000");
    return qint64(it->get<long long>());
}

Outcome readFile(const FileSpec &spec, qint64 offset, qint64 limit)
{
    const std::string resource(FileReadResource::kName);
    const QFileInfo info(spec.path);
    if (!info.exists())
        return Failure{kNotFound, resource + ": no such file: " + spec.path.toStdString()};
    if (!info.isFile())
        return Failure{kIoError, resource + ": not a file: " + spec.path.toStdString()};

    Json config = spec.readerConfig;
    if (limit >= 0)
        config["MaxItems"] = std::min<qint64>(std::max<qint64>(offset, 0) + limit, ReaderConfig::kMaxItemsLimit);
    if (limit == 0)
        return Outcome(Json::array());
    auto opened = RecordReader::open(spec.path, config);
    if (!opened)
        return Failure{opened.error().code == ErrorCode::IoError ? kIoError : errors::kRuntime,
                       resource + ": " + opened.error().message.toStdString()};
    RecordReader &reader = *opened.value();
    Json rows = Json::array();
    for (qint64 index = 0;; ++index) {
        auto next = reader.next();
        if (!next)
            return Failure{next.error().code == ErrorCode::IoError ? kIoError : kParseError,
                           resource + ": " + next.error().message.toStdString()};
        if (!next->has_value())
            break;
        if (index >= offset)
            rows.push_back(std::move(**next));
    }
    return Outcome(std::move(rows));
}

// ---- writing ----

std::string csvField(const Json &value, char delimiter)
{
    std::string text;
    if (value.is_string())
        text = value.get<std::string>();
    else if (!value.is_null())
        text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    const bool quote = text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string::npos;
    if (!quote)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string csvLine(const std::vector<std::string> &fields, char delimiter)
{
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += delimiter;
        line += fields[i];
    }
    line += "\r\n";
    return line;
}

/// The text in the file's encoding; nullopt when Latin-1 cannot hold a character.
std::optional<QByteArray> encode(const std::string &utf8, ReaderConfig::Encoding encoding)
{
    if (encoding == ReaderConfig::Encoding::Utf8)
        return QByteArray::fromStdString(utf8);
    const QString text = QString::fromStdString(utf8);
    for (const QChar c : text) {
        if (c.unicode() > 0xFF)
            return std::nullopt;
    }
    return text.toLatin1();
}

struct Block
{
    QByteArray bytes;
    qint64 records = 0;
};

/// The records of a CSV file as lines in `columns` order (and the header line first when `header`).
Result<Block, Failure> csvBlock(const std::vector<const Json *> &records, const std::vector<std::string> &columns,
                                bool header, const ReaderConfig &config)
{
    const std::string resource(FileWriteResource::kName);
    Block block;
    const char d = config.delimiter;
    if (header) {
        std::vector<std::string> names;
        for (const auto &column : columns)
            names.push_back(csvField(Json(column), d));
        auto encoded = encode(csvLine(names, d), config.encoding);
        if (!encoded)
            return Failure{kEncodingError, resource + ": a column name has a character ISO-8859-1 cannot hold"};
        block.bytes += *encoded;
    }
    std::vector<std::string> fields(columns.size());
    for (std::size_t r = 0; r < records.size(); ++r) {
        const Json &record = *records[r];
        for (const auto &[key, value] : record.items()) {
            if (std::find(columns.begin(), columns.end(), key) == columns.end())
                return Failure{kSchemaMismatch, resource + ": record " + std::to_string(r) + " has the column \"" + key +
                                                    "\", which the file's header lacks"};
        }
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto it = record.find(columns[c]);
            fields[c] = it == record.end() ? std::string() : csvField(*it, d);
        }
        auto encoded = encode(csvLine(fields, d), config.encoding);
        if (!encoded)
            return Failure{kEncodingError,
                           resource + ": record " + std::to_string(r) + " has a character ISO-8859-1 cannot hold"};
        block.bytes += *encoded;
        ++block.records;
    }
    return block;
}

Result<Block, Failure> jsonBlock(const std::vector<const Json *> &records, const ReaderConfig &config)
{
    const std::string resource(FileWriteResource::kName);
    const bool array = config.inputType == ReaderConfig::InputType::JsonArray;
    Block block;
    if (array)
        block.bytes += records.empty() ? "[" : "[\n";
    for (std::size_t r = 0; r < records.size(); ++r) {
        std::string line = records[r]->dump(-1, ' ', false, Json::error_handler_t::replace);
        if (array && r + 1 < records.size())
            line += ',';
        line += '\n';
        auto encoded = encode(line, config.encoding);
        if (!encoded)
            return Failure{kEncodingError,
                           resource + ": record " + std::to_string(r) + " has a character ISO-8859-1 cannot hold"};
        block.bytes += *encoded;
        ++block.records;
    }
    if (array)
        block.bytes += "]\n";
    return block;
}

/// Every key of the records, sorted (Json objects iterate in key order).
std::vector<std::string> columnsOf(const std::vector<const Json *> &records)
{
    std::set<std::string> keys;
    for (const Json *record : records) {
        for (const auto &item : record->items())
            keys.insert(item.key());
    }
    return {keys.begin(), keys.end()};
}

Failure ioFailure(const QString &path, const char *what)
{
    return Failure{kIoError, std::string(FileWriteResource::kName) + ": cannot " + what + " " + path.toStdString() +
                                 ": " + std::strerror(errno)};
}

/// Closes a descriptor (and so releases its flock) on every path out.
struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

Outcome appendRecords(const FileSpec &spec, const std::vector<const Json *> &records,
                      std::vector<std::string> columns, bool header)
{
    const std::string resource(FileWriteResource::kName);
    const bool csv = spec.config.inputType == ReaderConfig::InputType::Csv;
    const QByteArray nativePath = QFile::encodeName(spec.path);
    Descriptor file;
    file.fd = ::open(nativePath.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (file.fd < 0)
        return ioFailure(spec.path, "open");
    // One writer at a time (threads and processes alike): the header decision and the write are one step.
    while (::flock(file.fd, LOCK_EX) != 0) {
        if (errno != EINTR)
            return ioFailure(spec.path, "lock");
    }
    struct stat st{};
    if (::fstat(file.fd, &st) != 0)
        return ioFailure(spec.path, "inspect");

    QByteArray prefix;
    if (st.st_size > 0) {
        // A file whose last line has no line end would glue our first record onto it.
        char last = '\n';
        const int reader = ::open(nativePath.constData(), O_RDONLY | O_CLOEXEC);
        if (reader >= 0) {
            if (::pread(reader, &last, 1, st.st_size - 1) != 1)
                last = '\n';
            ::close(reader);
        }
        if (last != '\n' && last != '\r')
            prefix = csv ? "\r\n" : "\n";
    }

    Result<Block, Failure> block = Block{};
    if (csv) {
        bool writeHeader = header;
        if (st.st_size > 0) {
            Json config = spec.readerConfig;
            config["InputType"] = "CSV";
            auto opened = RecordReader::open(spec.path, config);
            if (!opened)
                return Failure{kIoError, resource + ": " + opened.error().message.toStdString()};
            auto *csvReader = dynamic_cast<CsvRecordReader *>(opened.value().get());
            auto existing = csvReader ? csvReader->headers() : Result<std::vector<std::string>>(std::vector<std::string>{});
            if (!existing)
                return Failure{kParseError, resource + ": the existing header does not parse: " +
                                                existing.error().message.toStdString()};
            if (!existing->empty()) {
                columns = std::move(existing).value();
                writeHeader = false;
            }
        }
        block = csvBlock(records, columns, writeHeader, spec.config);
    } else {
        block = jsonBlock(records, spec.config);
    }
    if (!block)
        return std::move(block).error();
    const QByteArray bytes = prefix + block->bytes;
    if (!bytes.isEmpty()) {
        ssize_t written = -1;
        do {
            written = ::write(file.fd, bytes.constData(), size_t(bytes.size()));
        } while (written < 0 && errno == EINTR);
        if (written < 0)
            return ioFailure(spec.path, "write");
        if (written != bytes.size())
            return Failure{kIoError, resource + ": short write to " + spec.path.toStdString() + " (" +
                                         std::to_string(written) + " of " + std::to_string(bytes.size()) +
                                         " bytes; the disk may be full)"};
    }
    return Outcome(Json{{"Path", spec.path.toStdString()}, {"Records", block->records}, {"Bytes", bytes.size()}});
}

Outcome overwriteRecords(const FileSpec &spec, const std::vector<const Json *> &records,
                         const std::vector<std::string> &columns, bool header)
{
    const std::string resource(FileWriteResource::kName);
    auto block = spec.config.inputType == ReaderConfig::InputType::Csv
                     ? csvBlock(records, columns, header, spec.config)
                     : jsonBlock(records, spec.config);
    if (!block)
        return std::move(block).error();
    QSaveFile file(spec.path);
    if (!file.open(QIODevice::WriteOnly))
        return Failure{kIoError, resource + ": cannot write " + spec.path.toStdString() + ": " +
                                     file.errorString().toStdString()};
    if (file.write(block->bytes) != block->bytes.size() || !file.commit())
        return Failure{kIoError, resource + ": cannot write " + spec.path.toStdString() + ": " +
                                     file.errorString().toStdString()};
    return Outcome(
        Json{{"Path", spec.path.toStdString()}, {"Records", block->records}, {"Bytes", block->bytes.size()}});
}

} // namespace

FileReadResource::FileReadResource(int threads) : m_pool(std::make_unique<QThreadPool>())
{
    m_pool->setMaxThreadCount(std::max(1, threads));
}

FileReadResource::~FileReadResource()
{
    m_pool->waitForDone();
}

void FileReadResource::invoke(const TaskCall &call, TaskCallback done)
{
    auto spec = fileSpec(kName, call, {"Offset", "Limit"});
    if (!spec) {
        done(std::move(spec).error());
        return;
    }
    if (const auto header = call.input.find("Header"); header != call.input.end() && !header->is_array()) {
        if (!header->is_boolean() || !header->get<bool>()) {
            done(badParameters(kName, "\"Header\" must be true (the first row names the columns) or an array of "
                                      "column names"));
            return;
        }
    }
    auto offset = count(kName, call.input, "Offset");
    auto limit = count(kName, call.input, "Limit");
    if (!offset || !limit) {
        done(!offset ? std::move(offset).error() : std::move(limit).error());
        return;
    }
    runOn(*m_pool, kName, std::move(done),
          [spec = std::move(spec).value(), offset = std::max<qint64>(0, offset.value()), limit = limit.value()] {
              return readFile(spec, offset, limit);
          });
}

FileWriteResource::FileWriteResource(int threads) : m_pool(std::make_unique<QThreadPool>())
{
    m_pool->setMaxThreadCount(std::max(1, threads));
}

FileWriteResource::~FileWriteResource()
{
    m_pool->waitForDone();
}

void FileWriteResource::invoke(const TaskCall &call, TaskCallback done)
{
    auto spec = fileSpec(kName, call, {"Records", "Mode", "Columns"});
    if (!spec) {
        done(std::move(spec).error());
        return;
    }
    const Json &in = call.input;
    bool header = true;
    if (const auto h = in.find("Header"); h != in.end()) {
        if (!h->is_boolean()) {
            done(badParameters(kName, "\"Header\" must be true or false (write a header row on a new CSV file)"));
            return;
        }
        header = h->get<bool>();
    }
    std::string mode = "append";
    if (const auto m = in.find("Mode"); m != in.end()) {
        mode = m->is_string() ? QString::fromStdString(m->get<std::string>()).toLower().toStdString() : std::string();
        if (mode != "append" && mode != "overwrite") {
            done(badParameters(kName, "\"Mode\" must be \"append\" or \"overwrite\""));
            return;
        }
    }
    const bool csv = spec->config.inputType == ReaderConfig::InputType::Csv;
    if (spec->config.inputType == ReaderConfig::InputType::JsonArray && mode != "overwrite") {
        done(badParameters(kName, "a JSON file holds one array and can only be replaced: give \"Mode\": "
                                  "\"overwrite\", or use JSONL to append"));
        return;
    }

    const auto recordsIt = in.find("Records");
    if (recordsIt == in.end() || !(recordsIt->is_array() || recordsIt->is_object())) {
        done(badParameters(kName, "\"Records\" must be an array of records or one record (an object)"));
        return;
    }
    // The records are moved into the job together with the pointers into them.
    auto records = std::make_shared<Json>(recordsIt->is_array() ? *recordsIt : Json::array({*recordsIt}));
    std::vector<const Json *> list;
    for (std::size_t i = 0; i < records->size(); ++i) {
        const Json &record = (*records)[i];
        if (csv && !record.is_object()) {
            done(badParameters(kName, "CSV records must be objects; record " + std::to_string(i) + " is " +
                                          record.type_name()));
            return;
        }
        list.push_back(&record);
    }
    std::vector<std::string> columns;
    if (const auto c = in.find("Columns"); c != in.end()) {
        if (!csv || !c->is_array()) {
            done(badParameters(kName, "\"Columns\" is an array of column names, for CSV only"));
            return;
        }
        for (const Json &name : *c) {
            if (!name.is_string()) {
                done(badParameters(kName, "\"Columns\" must hold strings only"));
                return;
            }
            columns.push_back(name.get<std::string>());
        }
    } else if (csv) {
        columns = columnsOf(list);
    }

    runOn(*m_pool, kName, std::move(done),
          [spec = std::move(spec).value(), records, list = std::move(list), columns = std::move(columns), header,
           overwrite = mode == "overwrite"]() -> Outcome {
              const QString folder = QFileInfo(spec.path).absolutePath();
              if (!QDir().mkpath(folder))
                  return Failure{kIoError, std::string(kName) + ": cannot create the folder " + folder.toStdString()};
              return overwrite ? overwriteRecords(spec, list, columns, header)
                               : appendRecords(spec, list, columns, header);
          });
}

} // namespace sluice
