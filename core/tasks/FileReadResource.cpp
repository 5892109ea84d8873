#include "FileReadResource.h"

#include "tasks/FileTask_p.h"
#include "tasks/RecordReader.h"

#include <QFileInfo>
#include <QThreadPool>

#include <algorithm>

namespace sluice {

using namespace filetask;

namespace {

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

} // namespace sluice
