#include "events/Rules.h"

#include "events/JsonText_p.h"
#include "paths/EvalScope.h"
#include "tasks/Connections.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <set>

namespace sluice {

namespace {

Failure transformFailed(const std::string &cause)
{
    return Failure{"Sluice.InputTransformFailed", cause};
}

/// The text of `value` where it goes inside a JSON string.
std::string insideString(const Json &value)
{
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    const std::string quoted = Json(text).dump();
    return quoted.substr(1, quoted.size() - 2);
}

/// Reads one JSON document strictly: every field it finds is checked by the caller, unknown ones refused.
class Reader
{
public:
    explicit Reader(QString baseDir) : m_baseDir(std::move(baseDir)) {}

    Result<Rules> read(const Json &root);

private:
    std::optional<Error> unknownFields(const Json &object, const QString &pointer, std::set<std::string> allowed)
    {
        for (const auto &item : object.items()) {
            if (!allowed.count(item.key())) {
                QStringList names;
                for (const std::string &a : allowed)
                    names << QString::fromStdString(a);
                return Error{ErrorCode::UnknownField,
                             QStringLiteral("unknown field \"%1\" (expected one of %2)")
                                 .arg(QString::fromStdString(item.key()), names.join(QStringLiteral(", "))),
                             {pointer + QLatin1Char('/') + events::pointerToken(item.key()), 0, 0}};
            }
        }
        return std::nullopt;
    }
    static Error wrong(const QString &pointer, const QString &message)
    {
        return Error{ErrorCode::WrongType, message, {pointer, 0, 0}};
    }
    static Error missing(const QString &pointer, const char *field)
    {
        return Error{ErrorCode::MissingField, QStringLiteral("\"%1\" is required").arg(QLatin1String(field)),
                     {pointer, 0, 0}};
    }
    static QString at(const QString &pointer, const char *key) { return pointer + QLatin1Char('/') + QLatin1String(key); }
    static QString at(const QString &pointer, size_t index) { return pointer + QLatin1Char('/') + QString::number(index); }

    std::optional<Error> string(const Json &object, const char *key, const QString &pointer, std::string *into,
                                bool required)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return required ? std::optional<Error>(missing(at(pointer, key), key)) : std::nullopt;
        if (!it->is_string() || it->get_ref<const std::string &>().empty())
            return wrong(at(pointer, key), QStringLiteral("\"%1\" must be a non-empty string").arg(QLatin1String(key)));
        *into = it->get<std::string>();
        return std::nullopt;
    }
    template <typename T>
    std::optional<Error> number(const Json &object, const char *key, const QString &pointer, T *into, double min, double max)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return std::nullopt;
        if (!it->is_number() || it->get<double>() < min || it->get<double>() > max ||
            (std::is_integral_v<T> && !it->is_number_integer()))
            return wrong(at(pointer, key), QStringLiteral("\"%1\" must be a number from %2 to %3")
                                                .arg(QLatin1String(key))
                                                .arg(min)
                                                .arg(max));
        *into = it->get<T>();
        return std::nullopt;
    }
    QString path(const std::string &text) const
    {
        const QString p = QString::fromStdString(text);
        return QDir::cleanPath(QFileInfo(p).isAbsolute() ? p : QDir(m_baseDir).filePath(p));
    }

    std::optional<Error> readTarget(const Json &json, const QString &pointer, RuleTarget *target);
    std::optional<Error> readRule(const Json &json, const QString &pointer, Rule *rule);
    std::optional<Error> readTriggers(const Json &json, const QString &pointer, Rules *rules);

    QString m_baseDir;
};

std::optional<Error> Reader::readTarget(const Json &json, const QString &pointer, RuleTarget *target)
{
    if (!json.is_object())
        return wrong(pointer, QStringLiteral("a target must be an object"));
    if (auto e = unknownFields(json, pointer, {"Id", "Workflow", "StateMachineName", "PutEvent", "Input", "InputPath",
                                               "InputTransformer", "RetryPolicy"}))
        return e;
    if (auto e = string(json, "Id", pointer, &target->id, true))
        return e;
    const bool workflow = json.contains("Workflow"), put = json.contains("PutEvent");
    if (workflow == put)
        return wrong(pointer, QStringLiteral("a target has either \"Workflow\" (a file to start) or \"PutEvent\""));
    if (workflow) {
        std::string file;
        if (auto e = string(json, "Workflow", pointer, &file, true))
            return e;
        target->kind = RuleTarget::Kind::Workflow;
        target->workflowPath = path(file);
        QString name = QFileInfo(target->workflowPath).fileName();
        for (const char *suffix : {".asl.json", ".json"}) {
            if (name.endsWith(QLatin1String(suffix))) {
                name.chop(int(qstrlen(suffix)));
                break;
            }
        }
        target->stateMachineName = name.toStdString();
        if (auto e = string(json, "StateMachineName", pointer, &target->stateMachineName, false))
            return e;
    } else {
        const Json &p = json["PutEvent"];
        const QString where = at(pointer, "PutEvent");
        if (!p.is_object())
            return wrong(where, QStringLiteral("\"PutEvent\" must be an object with Source and DetailType"));
        if (auto e = unknownFields(p, where, {"Source", "DetailType"}))
            return e;
        target->kind = RuleTarget::Kind::PutEvent;
        if (auto e = string(p, "Source", where, &target->source, true))
            return e;
        if (auto e = string(p, "DetailType", where, &target->detailType, true))
            return e;
    }
    const int inputs = int(json.contains("Input")) + int(json.contains("InputPath")) + int(json.contains("InputTransformer"));
    if (inputs > 1)
        return wrong(pointer, QStringLiteral("give at most one of Input, InputPath and InputTransformer"));
    InputTransform &input = target->input;
    if (json.contains("Input")) {
        input.kind = InputTransform::Kind::Constant;
        input.constant = json["Input"];
    } else if (json.contains("InputPath")) {
        const QString where = at(pointer, "InputPath");
        if (!json["InputPath"].is_string())
            return wrong(where, QStringLiteral("\"InputPath\" must be a JSONPath such as \"$.detail\""));
        auto parsed = JsonPath::parse(json["InputPath"].get<std::string>());
        if (!parsed)
            return Error{ErrorCode::BadPath, parsed.error().message, {where, 0, 0}};
        input.kind = InputTransform::Kind::Path;
        input.path = std::move(parsed).value();
    } else if (json.contains("InputTransformer")) {
        const Json &t = json["InputTransformer"];
        const QString where = at(pointer, "InputTransformer");
        if (!t.is_object())
            return wrong(where, QStringLiteral("\"InputTransformer\" must be an object"));
        if (auto e = unknownFields(t, where, {"InputPathsMap", "InputTemplate"}))
            return e;
        if (auto e = string(t, "InputTemplate", where, &input.inputTemplate, true))
            return e;
        input.kind = InputTransform::Kind::Template;
        if (t.contains("InputPathsMap")) {
            const Json &map = t["InputPathsMap"];
            const QString mapAt = at(where, "InputPathsMap");
            if (!map.is_object())
                return wrong(mapAt, QStringLiteral("\"InputPathsMap\" must map names to JSONPaths"));
            for (const auto &item : map.items()) {
                const QString itemAt = mapAt + QLatin1Char('/') + events::pointerToken(item.key());
                if (item.key().rfind("aws.", 0) == 0)
                    return wrong(itemAt, QStringLiteral("names starting with \"aws.\" are reserved"));
                if (!item.value().is_string())
                    return wrong(itemAt, QStringLiteral("must be a JSONPath such as \"$.detail.id\""));
                auto parsed = JsonPath::parse(item.value().get<std::string>());
                if (!parsed)
                    return Error{ErrorCode::BadPath, parsed.error().message, {itemAt, 0, 0}};
                input.paths.emplace_back(item.key(), std::move(parsed).value());
            }
        }
    }
    if (json.contains("RetryPolicy")) {
        const Json &r = json["RetryPolicy"];
        const QString where = at(pointer, "RetryPolicy");
        if (!r.is_object())
            return wrong(where, QStringLiteral("\"RetryPolicy\" must be an object"));
        if (auto e = unknownFields(r, where, {"MaximumRetryAttempts", "IntervalSeconds", "BackoffRate", "MaxIntervalSeconds"}))
            return e;
        if (auto e = number(r, "MaximumRetryAttempts", where, &target->retry.maximumRetryAttempts, 0, 185))
            return e;
        if (auto e = number(r, "IntervalSeconds", where, &target->retry.intervalSeconds, 0, 86400))
            return e;
        if (auto e = number(r, "BackoffRate", where, &target->retry.backoffRate, 1, 100))
            return e;
        if (auto e = number(r, "MaxIntervalSeconds", where, &target->retry.maxIntervalSeconds, 0, 86400))
            return e;
    }
    return std::nullopt;
}

std::optional<Error> Reader::readRule(const Json &json, const QString &pointer, Rule *rule)
{
    if (!json.is_object())
        return wrong(pointer, QStringLiteral("a rule must be an object"));
    if (auto e = unknownFields(json, pointer, {"Name", "Description", "EventPattern", "ScheduleExpression", "CatchUp",
                                               "State", "Targets"}))
        return e;
    if (auto e = string(json, "Name", pointer, &rule->name, true))
        return e;
    const bool pattern = json.contains("EventPattern"), schedule = json.contains("ScheduleExpression");
    if (pattern == schedule)
        return wrong(pointer, QStringLiteral("a rule has either \"EventPattern\" or \"ScheduleExpression\""));
    if (pattern) {
        auto parsed = EventPattern::parse(json["EventPattern"], at(pointer, "EventPattern"));
        if (!parsed)
            return std::move(parsed).error();
        rule->pattern = std::move(parsed).value();
    } else {
        const QString where = at(pointer, "ScheduleExpression");
        if (!json["ScheduleExpression"].is_string())
            return wrong(where, QStringLiteral("\"ScheduleExpression\" must be a string such as \"rate(5 minutes)\""));
        auto parsed = Schedule::parse(QString::fromStdString(json["ScheduleExpression"].get<std::string>()));
        if (!parsed) {
            Error error = std::move(parsed).error();
            error.where.pointer = where;
            return error;
        }
        rule->schedule = std::move(parsed).value();
    }
    std::string catchUp = "none";
    if (auto e = string(json, "CatchUp", pointer, &catchUp, false))
        return e;
    if (catchUp != "none" && catchUp != "once")
        return wrong(at(pointer, "CatchUp"), QStringLiteral("\"CatchUp\" is \"none\" or \"once\""));
    if (catchUp == "once" && !schedule)
        return wrong(at(pointer, "CatchUp"), QStringLiteral("\"CatchUp\" applies to rules with a ScheduleExpression"));
    rule->catchUp = catchUp == "once" ? Rule::CatchUp::Once : Rule::CatchUp::None;
    std::string state = "ENABLED";
    if (auto e = string(json, "State", pointer, &state, false))
        return e;
    if (state != "ENABLED" && state != "DISABLED")
        return wrong(at(pointer, "State"), QStringLiteral("\"State\" is \"ENABLED\" or \"DISABLED\""));
    rule->enabled = state == "ENABLED";
    const auto targets = json.find("Targets");
    if (targets == json.end())
        return missing(at(pointer, "Targets"), "Targets");
    if (!targets->is_array() || targets->empty())
        return wrong(at(pointer, "Targets"), QStringLiteral("\"Targets\" must be a non-empty array"));
    std::set<std::string> ids;
    for (size_t i = 0; i < targets->size(); ++i) {
        RuleTarget target;
        if (auto e = readTarget((*targets)[i], at(at(pointer, "Targets"), i), &target))
            return e;
        if (!ids.insert(target.id).second)
            return wrong(at(at(at(pointer, "Targets"), i), "Id"),
                         QStringLiteral("two targets of rule \"%1\" have the Id \"%2\"")
                             .arg(QString::fromStdString(rule->name), QString::fromStdString(target.id)));
        rule->targets.push_back(std::move(target));
    }
    return std::nullopt;
}

std::optional<Error> Reader::readTriggers(const Json &json, const QString &pointer, Rules *rules)
{
    if (!json.is_object())
        return wrong(pointer, QStringLiteral("\"Triggers\" must be an object"));
    if (auto e = unknownFields(json, pointer, {"Webhook", "Files"}))
        return e;
    if (json.contains("Webhook")) {
        const Json &w = json["Webhook"];
        const QString where = at(pointer, "Webhook");
        if (!w.is_object())
            return wrong(where, QStringLiteral("\"Webhook\" must be an object"));
        if (auto e = unknownFields(w, where, {"Host", "Port", "TokenEnv", "Source", "DetailType", "MaxBodyBytes"}))
            return e;
        WebhookConfig config;
        std::string text;
        if (auto e = string(w, "Host", where, &text, false))
            return e;
        if (!text.empty())
            config.host = QString::fromStdString(text);
        int port = 0;
        if (auto e = number(w, "Port", where, &port, 0, 65535))
            return e;
        config.port = quint16(port);
        text.clear();
        if (auto e = string(w, "TokenEnv", where, &text, false))
            return e;
        if (!text.empty())
            config.tokenEnv = QString::fromStdString(text);
        if (auto e = string(w, "Source", where, &config.source, false))
            return e;
        if (auto e = string(w, "DetailType", where, &config.detailType, false))
            return e;
        if (auto e = number(w, "MaxBodyBytes", where, &config.maxBodyBytes, 1, 256.0 * 1024 * 1024))
            return e;
        rules->webhook = config;
    }
    if (json.contains("Files")) {
        const Json &files = json["Files"];
        const QString where = at(pointer, "Files");
        if (!files.is_array())
            return wrong(where, QStringLiteral("\"Files\" must be an array of folders to watch"));
        for (size_t i = 0; i < files.size(); ++i) {
            const Json &f = files[i];
            const QString fAt = at(where, i);
            if (!f.is_object())
                return wrong(fAt, QStringLiteral("a folder to watch must be an object"));
            if (auto e = unknownFields(f, fAt, {"Name", "Folder", "Pattern", "StableMs", "DoneMarker", "PollMs", "Source",
                                                "DetailType"}))
                return e;
            FileWatchConfig config;
            std::string text;
            if (auto e = string(f, "Folder", fAt, &text, true))
                return e;
            // ${env:NAME} lets one rules file watch a folder that differs per machine or per run.
            auto folder = Connections::resolve(QString::fromStdString(text), QStringLiteral("\"Folder\""));
            if (!folder)
                return Error{ErrorCode::InvalidArgument, folder.error().message, {at(fAt, "Folder"), 0, 0}};
            config.folder = path(folder->toStdString());
            text.clear();
            if (auto e = string(f, "Name", fAt, &text, false))
                return e;
            config.name = text.empty() ? config.folder : QString::fromStdString(text);
            text.clear();
            if (auto e = string(f, "Pattern", fAt, &text, false))
                return e;
            if (!text.empty())
                config.pattern = QString::fromStdString(text);
            if (auto e = number(f, "StableMs", fAt, &config.stableMs, 0, 3600000))
                return e;
            if (auto e = number(f, "PollMs", fAt, &config.pollMs, 10, 3600000))
                return e;
            if (f.contains("DoneMarker")) {
                if (!f["DoneMarker"].is_boolean())
                    return wrong(at(fAt, "DoneMarker"), QStringLiteral("\"DoneMarker\" is true or false"));
                config.doneMarker = f["DoneMarker"].get<bool>();
            }
            if (auto e = string(f, "Source", fAt, &config.source, false))
                return e;
            if (auto e = string(f, "DetailType", fAt, &config.detailType, false))
                return e;
            rules->files.push_back(std::move(config));
        }
    }
    return std::nullopt;
}

Result<Rules> Reader::read(const Json &root)
{
    if (!root.is_object())
        return wrong(QString(), QStringLiteral("a rules file is a JSON object with \"Rules\" (and \"Triggers\")"));
    if (auto e = unknownFields(root, QString(), {"Comment", "Rules", "Triggers"}))
        return *e;
    Rules rules;
    if (root.contains("Rules")) {
        const Json &list = root["Rules"];
        if (!list.is_array())
            return wrong(QStringLiteral("/Rules"), QStringLiteral("\"Rules\" must be an array"));
        std::set<std::string> names;
        for (size_t i = 0; i < list.size(); ++i) {
            Rule rule;
            if (auto e = readRule(list[i], at(QStringLiteral("/Rules"), i), &rule))
                return *e;
            if (!names.insert(rule.name).second)
                return wrong(at(at(QStringLiteral("/Rules"), i), "Name"),
                             QStringLiteral("two rules are named \"%1\"").arg(QString::fromStdString(rule.name)));
            rules.rules.push_back(std::move(rule));
        }
    }
    if (root.contains("Triggers")) {
        if (auto e = readTriggers(root["Triggers"], QStringLiteral("/Triggers"), &rules))
            return *e;
    }
    return rules;
}

} // namespace

qint64 TargetRetryPolicy::delayMs(int retry) const
{
    const double seconds = std::min(maxIntervalSeconds, intervalSeconds * std::pow(backoffRate, std::max(0, retry - 1)));
    return qint64(std::llround(seconds * 1000));
}

Result<Json, Failure> InputTransform::apply(const Json &event, const std::string &ruleName) const
{
    try {
        switch (kind) {
        case Kind::WholeEvent:
            return event;
        case Kind::Constant:
            return constant;
        case Kind::Path: {
            auto value = path.evaluate(EvalScope(event), "InputPath");
            if (!value)
                return transformFailed(value.error().cause);
            return std::move(value).value();
        }
        case Kind::Template:
            break;
        }
        std::map<std::string, Json> values;
        for (const auto &[name, p] : paths) {
            auto value = p.isDefinite() ? (p.exists(EvalScope(event)) ? p.evaluate(EvalScope(event)) : Result<Json, Failure>(Json()))
                                        : p.evaluate(EvalScope(event));
            values[name] = value ? std::move(value).value() : Json();
        }
        values["aws.events.rule-name"] = ruleName;
        values["aws.events.event"] = event;
        values["aws.events.event.json"] = event;
        values["aws.events.event.ingestion-time"] = event.value("time", std::string());
        std::string filled;
        bool inString = false;
        const std::string &t = inputTemplate;
        for (size_t i = 0; i < t.size(); ++i) {
            const char c = t[i];
            if (c == '\\' && inString && i + 1 < t.size()) {
                filled += c;
                filled += t[++i];
                continue;
            }
            if (c == '"')
                inString = !inString;
            if (c == '<') {
                const size_t close = t.find('>', i + 1);
                if (close != std::string::npos) {
                    const auto it = values.find(t.substr(i + 1, close - i - 1));
                    if (it != values.end()) {
                        filled += inString ? insideString(it->second) : it->second.dump();
                        i = close;
                        continue;
                    }
                }
            }
            filled += c;
        }
        Json parsed = Json::parse(filled, nullptr, false);
        if (parsed.is_discarded())
            return Json(filled);
        return parsed;
    } catch (const std::exception &e) {
        return transformFailed(e.what());
    }
}

Result<Rules> Rules::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::IoError, QStringLiteral("cannot read the rules file %1: %2").arg(path, file.errorString()), {}};
    auto rules = parse(file.readAll(), QFileInfo(path).absolutePath());
    if (!rules) {
        Error error = std::move(rules).error();
        error.message = QStringLiteral("%1: %2").arg(path, error.message);
        return error;
    }
    return rules;
}

Result<Rules> Rules::parse(const QByteArray &bytes, const QString &baseDir)
{
    auto json = events::parseJsonText(bytes, QStringLiteral("the rules file"));
    if (!json)
        return std::move(json).error();
    try {
        auto rules = Reader(baseDir).read(json.value());
        if (!rules)
            return events::locate(bytes, std::move(rules).error());
        return rules;
    } catch (const Json::exception &e) {
        return Error{ErrorCode::WrongType, QString::fromUtf8(e.what()), {}};
    }
}

const Rule *Rules::rule(const std::string &name) const
{
    for (const Rule &r : rules) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

const RuleTarget *Rules::target(const std::string &ruleName, const std::string &id) const
{
    if (const Rule *r = rule(ruleName)) {
        for (const RuleTarget &t : r->targets) {
            if (t.id == id)
                return &t;
        }
    }
    return nullptr;
}

} // namespace sluice
