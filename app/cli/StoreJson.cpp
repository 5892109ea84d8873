#include "cli/StoreJson.h"

#include "cli/Io.h"
#include "paths/Timestamp.h"
#include "replay/DlqJson.h"

namespace sluice::cli {

namespace {

const char *eventTypeName(JournalRecord::Type type)
{
    switch (type) {
    case JournalRecord::Type::ExecutionStarted:
        return "ExecutionStarted";
    case JournalRecord::Type::ExecutionFinished:
        return "ExecutionFinished";
    case JournalRecord::Type::ItemStarted:
        return "ItemStarted";
    case JournalRecord::Type::StateEntered:
        return "StateEntered";
    case JournalRecord::Type::StateExited:
        return "StateExited";
    case JournalRecord::Type::TaskScheduled:
        return "TaskScheduled";
    case JournalRecord::Type::TaskSucceeded:
        return "TaskSucceeded";
    case JournalRecord::Type::TaskFailed:
        return "TaskFailed";
    case JournalRecord::Type::TaskRetryScheduled:
        return "TaskRetryScheduled";
    case JournalRecord::Type::ItemFinished:
        return "ItemFinished";
    case JournalRecord::Type::Encoded:   // a transport wrapper; the store decodes it into the types above
        break;
    }
    return "Unknown";
}

} // namespace

Json timeJson(qint64 ms)
{
    return ms > 0 ? Json(timestamp::formatMs(ms)) : Json();
}

void printLine(const Json &value)
{
    out(QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n'));
}

Json toJson(const ExecutionInfo &info, bool detail)
{
    Json j = {{"id", info.id.toStdString()},
              {"name", info.name.toStdString()},
              {"workflow", info.workflowName.isEmpty() ? info.workflowVersion.toStdString() : info.workflowName.toStdString()},
              {"workflowVersion", info.workflowVersion.toStdString()},
              {"status", executionStatusName(info.status)},
              {"started", timeJson(info.startedMs)},
              {"stopped", timeJson(info.stoppedMs)}};
    if (detail) {
        if (info.status == ExecutionStatus::Succeeded) {
            j["output"] = info.output;
        } else if (!info.error.isEmpty()) {
            j["error"] = info.error.toStdString();
            if (!info.cause.isEmpty())
                j["cause"] = info.cause.toStdString();
        }
        Json counts = Json::object();
        for (int i = 0; i < kItemStatusCount; ++i)
            counts[itemStatusName(ItemStatus(i))] = info.counts[size_t(i)];
        j["counts"] = std::move(counts);
    }
    return j;
}

Json toJson(const ItemRow &row)
{
    Json j = {{"item", row.item},
              {"parent", row.parent},
              {"index", row.index},
              {"mapState", row.mapState.toStdString()},
              {"state", row.state.toStdString()},
              {"status", itemStatusName(row.status)},
              {"attempts", row.attempts},
              {"updated", timeJson(row.updatedMs)}};
    if (!row.businessKey.isEmpty())
        j["businessKey"] = row.businessKey.toStdString();
    if (!row.error.isEmpty()) {
        j["error"] = row.error.toStdString();
        j["cause"] = row.cause.toStdString();
    }
    return j;
}

Json toJson(const HistoryEvent &event)
{
    Json j = {{"item", event.item},
              {"seq", event.seq},
              {"type", eventTypeName(event.type)},
              {"time", timeJson(event.timeMs)}};
    if (!event.state.isEmpty())
        j["state"] = event.state.toStdString();
    if (event.attempt > 0)
        j["attempt"] = event.attempt;
    if (event.type == JournalRecord::Type::ItemFinished)
        j["status"] = itemStatusName(event.status);
    if (!event.payload.is_null())
        j["payload"] = event.payload;
    if (!event.error.isEmpty()) {
        j["error"] = event.error.toStdString();
        j["cause"] = event.cause.toStdString();
    }
    if (event.delayMs > 0)
        j["delayMs"] = event.delayMs;
    return j;
}

Json toJson(const DlqEntry &entry)
{
    return dlqEntryJson(entry);
}

Json toJson(const ReplayRecord &replay)
{
    return replayRecordJson(replay);
}

} // namespace sluice::cli
