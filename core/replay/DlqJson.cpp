#include "replay/DlqJson.h"

#include "paths/Timestamp.h"

namespace sluice {

namespace {

Json timeJson(qint64 ms)
{
    return ms > 0 ? Json(timestamp::formatMs(ms)) : Json();
}

} // namespace

Json dlqEntryJson(const DlqEntry &entry)
{
    return {{"id", entry.id},
            {"execution", entry.executionId.toStdString()},
            {"item", entry.item},
            {"workflowVersion", entry.workflowVersion.toStdString()},
            {"state", entry.state.toStdString()},
            {"error", entry.error.toStdString()},
            {"cause", entry.cause.toStdString()},
            {"attempts", entry.attempts},
            {"status", dlqStatusName(entry.status)},
            {"firstFailure", timeJson(entry.firstFailureMs)},
            {"lastFailure", timeJson(entry.lastFailureMs)},
            {"input", entry.input}};
}

Json replayRecordJson(const ReplayRecord &replay)
{
    Json j = {{"time", timeJson(replay.timeMs)},
              {"user", replay.osUser.toStdString()},
              {"attempt", replay.attempt},
              {"outcome", replayOutcomeName(replay.outcome)}};
    if (!replay.error.isEmpty()) {
        j["error"] = replay.error.toStdString();
        j["cause"] = replay.cause.toStdString();
    }
    if (!replay.newExecutionId.isEmpty())
        j["execution"] = replay.newExecutionId.toStdString();
    return j;
}

QByteArray dlqExportLine(const DlqEntry &entry, const QList<ReplayRecord> &replays)
{
    Json line = dlqEntryJson(entry);
    Json list = Json::array();
    for (const ReplayRecord &r : replays)
        list.push_back(replayRecordJson(r));
    line["replays"] = std::move(list);
    return QByteArray::fromStdString(line.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n');
}

} // namespace sluice
