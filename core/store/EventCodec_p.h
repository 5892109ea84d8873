#pragma once

#include "engine/JournalSink.h"

#include <QByteArray>

#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// The compact encoding of one item's events within one group commit: an `events` row holds a chunk.
///
///   event   := type:u8 flags:u8 timeDelta:zigzag-varint [state:str] [attempt:varint] [payload]
///              [error:str] [cause:str] [delayMs:zigzag-varint] [status:u8]
///   payload := 0 str (inline) | 1 varint (same as the chunk's n-th payload) | 2 hash:32 (payloads table)
///              | 3 (the item's output, items.output)
///   str     := length:varint bytes
///
/// `state` is written only when it differs from the previous event's. A chunk may be the concatenation of
/// chunks encoded apart (on different engine workers, or in different calls): the first event of each
/// carries the Restart flag, which resets the time base, the state and the back references. Payloads are serialized once, and a
/// payload equal to an earlier one of the chunk (a state's output is the next state's input) is a back
/// reference. Payloads of kLargePayload bytes or more go to the payloads table once, by SHA-256.
class EventCodec
{
public:
    static constexpr size_t kLargePayload = 1024;

    enum Flag : quint8 {
        HasState = 1,
        HasAttempt = 2,
        HasPayload = 4,
        HasError = 8,
        HasCause = 16,
        HasDelay = 32,
        HasStatus = 64,
        Restart = 128,
    };
    enum PayloadKind : quint8 { Inline = 0, BackRef = 1, Hashed = 2, ItemOutput = 3 };

    /// A large payload to store in the payloads table.
    struct LargePayload
    {
        std::string hash;   ///< 32 raw bytes (SHA-256 of body)
        std::string body;
    };

    /// Appends one record's event. A large payload lands in `large`.
    void add(const JournalRecord &record, qint64 timeMs, std::vector<LargePayload> &large);

    /// The serialized text of a payload, reusing one already serialized in this chunk.
    std::string serialized(const std::shared_ptr<const Json> &payload);

    /// Appends `count` events encoded by another codec; the next add() starts afresh (Restart).
    void appendChunk(std::string_view data, int count);
    /// Starts over, keeping the buffers' capacity.
    void clear();
    /// Payloads point at values that may change between add() calls (the engine's live values): an
    /// address then says nothing, so repeats are found by their text only.
    void setBorrowedPayloads(bool borrowed) { m_borrowed = borrowed; }

    const std::string &data() const { return m_data; }
    int count() const { return m_count; }

    /// One decoded event; the payload still as text (or a hash / item-output reference).
    struct Decoded
    {
        JournalRecord::Type type = JournalRecord::Type::StateEntered;
        std::string state;
        qint64 timeMs = 0;
        int attempt = 0;
        int status = -1;
        PayloadKind payloadKind = Inline;
        bool hasPayload = false;
        std::string payload;   ///< text for Inline/BackRef, 32 raw bytes for Hashed
        std::string error;
        std::string cause;
        qint64 delayMs = 0;
    };

    /// Decodes a chunk of `count` events. False when the bytes are damaged.
    static bool decode(std::string_view data, int count, std::vector<Decoded> &out);

private:
    void putVarint(quint64 value);
    void putString(std::string_view text);
    void putPayload(const std::shared_ptr<const Json> &payload, std::vector<LargePayload> &large);

    struct Seen
    {
        const Json *pointer;
        size_t offset;   ///< the text in m_data (inline) or in m_largeTexts
        size_t length;
        bool large;
        std::string hash;
    };

    std::string m_data;
    int m_count = 0;
    bool m_restart = true;
    bool m_borrowed = false;   ///< the next event starts a chunk of its own
    qint64 m_lastTime = 0;
    std::string m_lastState;
    std::vector<Seen> m_seen;
    std::vector<std::string> m_largeTexts;
    std::string m_scratch;
};

} // namespace sluice
