#include "store/ItemDelta_p.h"

#include <algorithm>

namespace sluice {

namespace {

constexpr quint32 bit(ItemStatus status)
{
    return 1u << unsigned(status);
}

} // namespace

void ItemDelta::add(const JournalRecord &record, qint64 timeMs, EventCodec &events,
                    std::vector<EventCodec::LargePayload> &large)
{
    using Type = JournalRecord::Type;
    updatedMs = timeMs;
    events.add(record, timeMs, large);

    auto raiseAttempts = [this](int attempt) { attempts = std::max(attempts, attempt); };
    switch (record.type) {
    case Type::ItemStarted:
        started = true;
        restarted = record.status == ItemStatus::Replaying;
        parent = record.parent;
        index = record.index;
        mapState = record.mapState.empty() ? std::nullopt : std::optional<std::string>(record.mapState);
        businessKey = record.businessKey.empty() ? std::nullopt : std::optional<std::string>(record.businessKey);
        state = record.state;
        status = int(record.status);
        promote = 0;
        attemptsKnown = true;
        attempts = 0;
        break;
    case Type::StateEntered:
        state = record.state;
        attemptsKnown = true;
        attempts = 0;
        if (status < 0)
            promote |= bit(ItemStatus::Pending);
        else if (ItemStatus(status) == ItemStatus::Pending)
            status = int(ItemStatus::Running);
        break;
    case Type::TaskScheduled:
        if (status < 0)
            promote |= bit(ItemStatus::Pending) | bit(ItemStatus::Retrying);
        else if (ItemStatus(status) == ItemStatus::Retrying || ItemStatus(status) == ItemStatus::Pending)
            status = int(ItemStatus::Running);
        raiseAttempts(record.attempt);
        break;
    case Type::TaskSucceeded:
        raiseAttempts(record.attempt);
        break;
    case Type::TaskFailed:
        raiseAttempts(record.attempt);
        error = record.error;
        cause = record.cause;
        break;
    case Type::TaskRetryScheduled:
        status = int(ItemStatus::Retrying);
        break;
    case Type::ItemFinished:
        status = int(record.status);
        if (record.attempt > 0) {
            attemptsKnown = true;
            attempts = record.attempt;
        }
        if (!record.error.empty() || !record.cause.empty()) {
            error = record.error;
            cause = record.cause;
        }
        if (record.payload)
            output = events.serialized(record.payload);
        if (!record.state.empty())
            state = record.state;
        if (record.dlq) {
            WriteBatch::Dlq entry;
            entry.item = record.item;
            entry.state = record.state.empty() ? state.value_or(std::string()) : record.state;
            if (record.dlqInput)
                entry.input = events.serialized(record.dlqInput);
            entry.error = record.error;
            entry.cause = record.cause;
            entry.attempts = record.attempt > 0 ? record.attempt : (attemptsKnown ? attempts : 0);
            entry.firstMs = record.firstFailureMs ? record.firstFailureMs : timeMs;
            entry.lastMs = timeMs;
            dlq = std::move(entry);
        }
        break;
    default:
        break;
    }
}

void ItemDelta::applyTo(WriteBatch::Item &item, qint64 exec, const std::string &workflow,
                        std::vector<WriteBatch::Dlq> &dlqOut) const
{
    if (started) {
        item.parent = parent;
        item.index = index;
        item.mapState = mapState;
        item.businessKey = businessKey;
    }
    if (state)
        item.state = state;
    if (status >= 0)
        item.status = status;
    else if (item.status >= 0 && item.status < 32 && (promote & (1u << unsigned(item.status))))
        item.status = int(ItemStatus::Running);
    item.attempts = attemptsKnown ? attempts : std::max(item.attempts, attempts);
    if (error)
        item.error = error;
    if (cause)
        item.cause = cause;
    if (output)
        item.output = output;
    if (updatedMs != 0)
        item.updatedMs = updatedMs;
    if (dlq) {
        WriteBatch::Dlq entry = *dlq;
        entry.exec = exec;
        entry.workflow = workflow;
        if (entry.state.empty())
            entry.state = item.state.value_or(std::string());
        if (entry.attempts == 0)
            entry.attempts = item.attempts;
        dlqOut.push_back(std::move(entry));
    }
}

} // namespace sluice
