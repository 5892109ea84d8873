#include "events/Event.h"

#include "paths/Timestamp.h"

#include <QUuid>

namespace sluice {

namespace {

Error wrong(const char *pointer, QString message)
{
    return Error{ErrorCode::WrongType, std::move(message), {QString::fromLatin1(pointer), 0, 0}};
}

} // namespace

Event Event::make(std::string source, std::string detailType, Json detail, qint64 timeMs)
{
    Event event;
    event.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    event.source = std::move(source);
    event.detailType = std::move(detailType);
    event.detail = std::move(detail);
    event.timeMs = timeMs;
    return event;
}

Json Event::toJson() const
{
    // EventBridge writes whole seconds ("2026-11-22T02:00:00Z").
    std::string time = timestamp::formatMs(timeMs - timeMs % 1000);
    if (const auto dot = time.find('.'); dot != std::string::npos)
        time = time.substr(0, dot) + "Z";
    return Json{{"version", version},   {"id", id},         {"detail-type", detailType},
                {"source", source},     {"account", account}, {"time", time},
                {"region", region},     {"resources", resources}, {"detail", detail}};
}

Result<Event> Event::fromJson(const Json &json)
{
    if (!json.is_object())
        return wrong("", QStringLiteral("an event must be a JSON object"));
    Event event;
    auto text = [&json](const char *key, std::string *into, bool required) -> std::optional<Error> {
        const auto it = json.find(key);
        if (it == json.end()) {
            if (required)
                return Error{ErrorCode::MissingField, QStringLiteral("an event needs \"%1\"").arg(QLatin1String(key)),
                             {QStringLiteral("/%1").arg(QLatin1String(key)), 0, 0}};
            return std::nullopt;
        }
        if (!it->is_string() || (required && it->get_ref<const std::string &>().empty()))
            return Error{ErrorCode::WrongType,
                         QStringLiteral("\"%1\" must be a non-empty string").arg(QLatin1String(key)),
                         {QStringLiteral("/%1").arg(QLatin1String(key)), 0, 0}};
        *into = it->get<std::string>();
        return std::nullopt;
    };
    for (auto [key, into, required] : {std::tuple{"source", &event.source, true},
                                       std::tuple{"detail-type", &event.detailType, true},
                                       std::tuple{"id", &event.id, false},
                                       std::tuple{"version", &event.version, false},
                                       std::tuple{"account", &event.account, false},
                                       std::tuple{"region", &event.region, false}}) {
        if (auto error = text(key, into, required))
            return *error;
    }
    const auto detail = json.find("detail");
    if (detail == json.end())
        return Error{ErrorCode::MissingField, QStringLiteral("an event needs \"detail\""), {QStringLiteral("/detail"), 0, 0}};
    if (!detail->is_object())
        return wrong("/detail", QStringLiteral("\"detail\" must be a JSON object"));
    event.detail = *detail;
    if (const auto time = json.find("time"); time != json.end()) {
        const auto ms = time->is_string() ? timestamp::parseMs(time->get_ref<const std::string &>()) : std::nullopt;
        if (!ms)
            return wrong("/time", QStringLiteral("\"time\" must be an RFC 3339 timestamp such as 2026-11-22T02:00:00Z"));
        event.timeMs = *ms;
    }
    if (const auto resources = json.find("resources"); resources != json.end()) {
        if (!resources->is_array())
            return wrong("/resources", QStringLiteral("\"resources\" must be an array of strings"));
        for (const Json &r : *resources) {
            if (!r.is_string())
                return wrong("/resources", QStringLiteral("\"resources\" must be an array of strings"));
            event.resources.push_back(r.get<std::string>());
        }
    }
    return event;
}

} // namespace sluice
