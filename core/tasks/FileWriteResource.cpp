#include "FileWriteResource.h"

#include "tasks/CsvRecordReader.h"
#include "tasks/FileTask_p.h"
#include "tasks/RecordReader.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringEncoder>
#include <QThreadPool>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sluice {

using namespace filetask;

namespace {

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

/// The text in the file's encoding; nullopt when the encoding cannot hold one of its characters.
std::optional<QByteArray> encode(const std::string &utf8, QStringConverter::Encoding encoding)
{
    if (encoding == QStringConverter::Utf8)
        return QByteArray::fromStdString(utf8);
    QStringEncoder encoder(encoding);
    QByteArray bytes = encoder.encode(QString::fromStdString(utf8));
    if (encoder.hasError())
        return std::nullopt;
    return bytes;
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
            return Failure{kEncodingError, resource + ": a column name has a character the encoding cannot hold"};
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
                           resource + ": record " + std::to_string(r) + " has a character the encoding cannot hold"};
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
                           resource + ": record " + std::to_string(r) + " has a character the encoding cannot hold"};
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
