#include "ReaderConfig.h"

#include <QFileInfo>

#include <set>

namespace sluice {

namespace {

Error configError(ErrorCode code, const char *field, const QString &message)
{
    return Error{code, QStringLiteral("ReaderConfig: ") + message,
                 SourceLocation{field ? QLatin1Char('/') + QLatin1String(field) : QStringLiteral(""), 0, 0}};
}

} // namespace

Result<ReaderConfig> ReaderConfig::fromJson(const Json &json, const QString &path)
{
    try {
        return parse(json, path);
    } catch (const std::exception &e) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("ReaderConfig: %1").arg(QString::fromUtf8(e.what())),
                     {}};
    }
}

Result<ReaderConfig> ReaderConfig::parse(const Json &json, const QString &path)
{
    ReaderConfig config;
    if (json.is_null())
        return parse(Json::object(), path);
    if (!json.is_object())
        return configError(ErrorCode::WrongType, nullptr, QStringLiteral("must be an object"));

    static const std::set<std::string, std::less<>> known = {
        "InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "Encoding"};
    for (const auto &[key, value] : json.items()) {
        if (key == "MaxItemsPath")
            return configError(ErrorCode::InvalidArgument, "MaxItemsPath",
                               QStringLiteral("resolve MaxItemsPath into MaxItems before opening the file"));
        if (!known.contains(key))
            return Error{
                ErrorCode::UnknownField,
                QStringLiteral("ReaderConfig: unknown field \"%1\"").arg(QString::fromStdString(key)),
                SourceLocation{QLatin1Char('/') + QString::fromStdString(key), 0, 0}};
    }

    if (const auto it = json.find("InputType"); it != json.end()) {
        const std::string type = it->is_string() ? it->get<std::string>() : std::string();
        if (type == "CSV")
            config.inputType = InputType::Csv;
        else if (type == "JSONL")
            config.inputType = InputType::JsonLines;
        else if (type == "JSON")
            config.inputType = InputType::JsonArray;
        else
            return configError(ErrorCode::WrongType, "InputType",
                               QStringLiteral("InputType must be \"CSV\", \"JSONL\" or \"JSON\""));
    } else {
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv")) {
            config.inputType = InputType::Csv;
            if (suffix == QLatin1String("tsv"))
                config.delimiter = '\t';
        } else if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson")) {
            config.inputType = InputType::JsonLines;
        } else if (suffix == QLatin1String("json")) {
            config.inputType = InputType::JsonArray;
        } else {
            return configError(
                ErrorCode::MissingField, "InputType",
                QStringLiteral("InputType is missing and the file name %1 does not tell").arg(path));
        }
    }

    const bool csv = config.inputType == InputType::Csv;
    for (const char *field : {"CSVHeaderLocation", "CSVHeaders", "CSVDelimiter"}) {
        if (!csv && json.contains(field))
            return configError(ErrorCode::UnknownField, field,
                               QStringLiteral("%1 applies to CSV input only").arg(QLatin1String(field)));
    }

    if (const auto it = json.find("CSVHeaderLocation"); it != json.end()) {
        const std::string location = it->is_string() ? it->get<std::string>() : std::string();
        if (location == "GIVEN")
            config.headersGiven = true;
        else if (location != "FIRST_ROW")
            return configError(ErrorCode::WrongType, "CSVHeaderLocation",
                               QStringLiteral("CSVHeaderLocation must be \"FIRST_ROW\" or \"GIVEN\""));
    }
    if (const auto it = json.find("CSVHeaders"); it != json.end()) {
        if (!config.headersGiven)
            return configError(ErrorCode::BadDefinition, "CSVHeaders",
                               QStringLiteral("CSVHeaders needs CSVHeaderLocation \"GIVEN\""));
        if (!it->is_array() || it->empty())
            return configError(ErrorCode::WrongType, "CSVHeaders",
                               QStringLiteral("CSVHeaders must be a non-empty array of strings"));
        std::set<std::string, std::less<>> seen;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json &header = (*it)[i];
            const char *field = "CSVHeaders";
            if (!header.is_string())
                return Error{ErrorCode::WrongType,
                             QStringLiteral("ReaderConfig: CSVHeaders must hold strings only"),
                             SourceLocation{QStringLiteral("/%1/%2").arg(QLatin1String(field)).arg(i), 0, 0}};
            if (!seen.insert(header.get<std::string>()).second)
                return Error{ErrorCode::WrongType,
                             QStringLiteral("ReaderConfig: CSV headers cannot contain duplicates (\"%1\")")
                                 .arg(QString::fromStdString(header.get<std::string>())),
                             SourceLocation{QStringLiteral("/%1/%2").arg(QLatin1String(field)).arg(i), 0, 0}};
            config.headers.push_back(header.get<std::string>());
        }
    } else if (config.headersGiven) {
        return configError(ErrorCode::MissingField, "CSVHeaders",
                           QStringLiteral("CSVHeaderLocation \"GIVEN\" needs CSVHeaders"));
    }

    if (const auto it = json.find("CSVDelimiter"); it != json.end()) {
        const std::string name = it->is_string() ? it->get<std::string>() : std::string();
        if (name == "COMMA")
            config.delimiter = ',';
        else if (name == "PIPE")
            config.delimiter = '|';
        else if (name == "SEMICOLON")
            config.delimiter = ';';
        else if (name == "SPACE")
            config.delimiter = ' ';
        else if (name == "TAB")
            config.delimiter = '\t';
        else if (name.size() == 1 && name[0] != '"' && name[0] != '\n' && name[0] != '\r' &&
                 static_cast<unsigned char>(name[0]) < 0x80)
            config.delimiter = name[0];
        else
            return configError(ErrorCode::WrongType, "CSVDelimiter",
                               QStringLiteral("CSVDelimiter must be COMMA, PIPE, SEMICOLON, SPACE, TAB or "
                                              "one ASCII character other than a quote or a newline"));
    }

    if (const auto it = json.find("MaxItems"); it != json.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > kMaxItemsLimit)
            return configError(ErrorCode::WrongType, "MaxItems",
                               QStringLiteral("MaxItems must be an integer from 0 to 100000000"));
        config.maxItems = it->get<long long>();
    }

    if (const auto it = json.find("Encoding"); it != json.end()) {
        const QString name = it->is_string() ? QString::fromStdString(it->get<std::string>()).toUpper() : QString();
        std::optional<QStringConverter::Encoding> encoding;
        if (name == QLatin1String("LATIN1") || name == QLatin1String("LATIN-1"))
            encoding = QStringConverter::Latin1;
        else if (!name.isEmpty())
            encoding = QStringConverter::encodingForName(name.toLatin1().constData());
        // "System" would make the same file read differently on another machine.
        if (!encoding || *encoding == QStringConverter::System)
            return configError(ErrorCode::WrongType, "Encoding",
                               QStringLiteral("Encoding must be \"UTF-8\", \"ISO-8859-1\", \"UTF-16\", "
                                              "\"UTF-16LE\", \"UTF-16BE\", \"UTF-32\", \"UTF-32LE\" or \"UTF-32BE\""));
        config.encoding = *encoding;
    }
    return config;
}

} // namespace sluice
