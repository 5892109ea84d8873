#pragma once

#include "Json.h"
#include "Result.h"

#include <QtGlobal>

#include <string>
#include <vector>

namespace sluice {

/// One event on the bus, in EventBridge's shape:
///
///     {"version": "0", "id": "…uuid…", "detail-type": "Order Placed", "source": "shop.orders",
///      "account": "000000000000", "time": "2026-11-22T02:00:00Z", "region": "local",
///      "resources": [], "detail": {…}}
///
/// A plain value; safe to copy across threads.
struct Event
{
    std::string version = "0";
    std::string id;                      ///< a UUID, unique per event
    std::string source;
    std::string detailType;              ///< "detail-type"
    std::string account = "000000000000";
    qint64 timeMs = 0;                   ///< "time", RFC 3339 in UTC, second precision as EventBridge writes it
    std::string region = "local";
    std::vector<std::string> resources;
    Json detail = Json::object();

    /// A new event with a fresh id, stamped `timeMs`.
    static Event make(std::string source, std::string detailType, Json detail, qint64 timeMs);

    /// The JSON document rules match against and targets receive.
    Json toJson() const;

    /// Reads an event back (the store, a PutEvents entry). `source`, `detail-type` and `detail` are
    /// required; `detail` must be an object; the rest default. Errors carry the JSON pointer.
    static Result<Event> fromJson(const Json &json);
};

} // namespace sluice
