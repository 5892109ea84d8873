#include "tasks/FileTask_p.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcFile, "sluice.tasks.file")

namespace sluice::filetask {

namespace {

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

} // namespace

Failure badParameters(std::string_view resource, const std::string &message)
{
    return Failure{errors::kRuntime, std::string(resource) + ": " + message};
}

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


Result<FileSpec, Failure> fileSpec(std::string_view resource, const TaskCall &call,
                                   std::initializer_list<const char *> extra)
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

} // namespace sluice::filetask
