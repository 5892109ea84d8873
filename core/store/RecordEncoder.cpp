#include "store/RecordEncoder_p.h"

#include <QDateTime>

namespace sluice {

RecordEncoder::RecordEncoder(QString executionId)
    : m_executionId(std::move(executionId)), m_batch(std::make_shared<EncodedBatch>())
{
    m_codec.setBorrowedPayloads(true);
}

void RecordEncoder::closeChunk()
{
    if (!m_open)
        return;
    EncodedBatch::Item &slot = m_batch->items[m_current];
    slot.events.append(m_codec.data());
    slot.count += m_codec.count();
    m_codec.clear();
    m_open = false;
}

void RecordEncoder::add(const JournalRecord &record)
{
    using Type = JournalRecord::Type;
    ++m_batch->m_records;
    if (record.type == Type::ExecutionStarted || record.type == Type::ExecutionFinished || record.type == Type::Encoded) {
        // Not an item's: kept as it is, its payload (which may be borrowed) serialized now.
        closeChunk();
        EncodedBatch::Other &other = m_batch->others.emplace_back();
        other.record = record;
        other.record.payload.reset();
        other.record.dlqInput.reset();
        if (record.payload)
            other.payloadText = record.payload->dump();
        return;
    }
    if (!m_open || m_batch->items[m_current].item != record.item) {
        closeChunk();
        auto [it, inserted] = m_slots.try_emplace(record.item, m_batch->items.size());
        if (inserted)
            m_batch->items.emplace_back().item = record.item;
        m_current = it->second;
        m_open = true;
    }
    const qint64 time = record.timeMs ? record.timeMs : QDateTime::currentMSecsSinceEpoch();
    m_batch->items[m_current].delta.add(record, time, m_codec, m_batch->payloads);
}

JournalRecord RecordEncoder::take()
{
    closeChunk();
    JournalRecord record;
    record.type = JournalRecord::Type::Encoded;
    record.executionId = m_executionId;
    record.encoded = std::move(m_batch);
    m_batch = std::make_shared<EncodedBatch>();
    m_slots.clear();
    return record;
}

} // namespace sluice
