#pragma once

#include "engine/JournalSink.h"
#include "store/ItemDelta_p.h"

#include <QString>

#include <memory>
#include <unordered_map>
#include <vector>

namespace sluice {

/// What a RecordEncoder hands over: per item, its events as one encoded chunk and what they do to its row.
class EncodedBatch final : public EncodedRecords
{
public:
    struct Item
    {
        qint64 item = 0;
        ItemDelta delta;
        std::string events;   ///< EventCodec bytes (one or more chunks, each starting with Restart)
        int count = 0;        ///< events in `events`
    };

    qint64 recordCount() const override { return m_records; }

    std::vector<Item> items;
    std::vector<EventCodec::LargePayload> payloads;
    /// A record that is not an item's (written before the items), its payload serialized.
    struct Other
    {
        JournalRecord record;   ///< without its payload
        std::optional<std::string> payloadText;
    };
    std::vector<Other> others;
    qint64 m_records = 0;
};

/// The journal's JournalSink::Encoder: serializes payloads and encodes events on the engine worker that
/// reports them, straight from the worker's live values (no copies), so that the writer thread only merges
/// rows and binds them. One per worker of one execution; not thread-safe (the worker's lock guards it).
class RecordEncoder final : public JournalSink::Encoder
{
public:
    explicit RecordEncoder(QString executionId);

    void add(const JournalRecord &record) override;
    qint64 pending() const override { return m_batch->m_records; }
    JournalRecord take() override;

private:
    void closeChunk();

    QString m_executionId;
    std::shared_ptr<EncodedBatch> m_batch;
    std::unordered_map<qint64, size_t> m_slots;   ///< item → index in m_batch->items
    EventCodec m_codec;                           ///< the open chunk, of item m_batch->items[m_current]
    size_t m_current = 0;
    bool m_open = false;
};

} // namespace sluice
