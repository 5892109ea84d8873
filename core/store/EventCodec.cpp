#include "store/EventCodec_p.h"

#include <QCryptographicHash>

namespace sluice {

namespace {

quint64 zigzag(qint64 value)
{
    return (quint64(value) << 1) ^ quint64(value >> 63);
}

qint64 unzigzag(quint64 value)
{
    return qint64(value >> 1) ^ -qint64(value & 1);
}

class Reader
{
public:
    explicit Reader(std::string_view data) : m_data(data) {}
    bool ok() const { return m_ok; }

    quint8 byte()
    {
        if (m_pos >= m_data.size()) {
            m_ok = false;
            return 0;
        }
        return quint8(m_data[m_pos++]);
    }
    quint64 varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 64 && m_ok; shift += 7) {
            const quint8 b = byte();
            value |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80))
                return value;
        }
        m_ok = false;
        return 0;
    }
    std::string_view bytes(size_t length)
    {
        if (length > m_data.size() - m_pos) {
            m_ok = false;
            return {};
        }
        const std::string_view view = m_data.substr(m_pos, length);
        m_pos += length;
        return view;
    }
    std::string_view string() { return bytes(size_t(varint())); }

private:
    std::string_view m_data;
    size_t m_pos = 0;
    bool m_ok = true;
};

} // namespace

void EventCodec::putVarint(quint64 value)
{
    while (value >= 0x80) {
        m_data.push_back(char(quint8(value) | 0x80));
        value >>= 7;
    }
    m_data.push_back(char(value));
}

void EventCodec::putString(std::string_view text)
{
    putVarint(text.size());
    m_data.append(text);
}

std::string EventCodec::serialized(const std::shared_ptr<const Json> &payload)
{
    for (size_t i = 0; i < (m_borrowed ? 0 : m_seen.size()); ++i) {
        const Seen &seen = m_seen[i];
        if (seen.pointer == payload.get())
            return seen.large ? m_largeTexts[seen.offset] : m_data.substr(seen.offset, seen.length);
    }
    return payload->dump();
}

void EventCodec::putPayload(const std::shared_ptr<const Json> &payload, std::vector<LargePayload> &large)
{
    // The same object again (the engine hands a state's output on as the next state's input).
    for (size_t i = 0; i < (m_borrowed ? 0 : m_seen.size()); ++i) {
        if (m_seen[i].pointer == payload.get()) {
            m_data.push_back(char(BackRef));
            putVarint(i);
            return;
        }
    }
    // Serialized into a reused buffer: no allocation per payload.
    std::string &text = m_scratch;
    text.clear();
    nlohmann::detail::serializer<Json> serializer(nlohmann::detail::output_adapter<char, std::string>(text), ' ');
    serializer.dump(*payload, false, false, 0);
    for (size_t i = m_seen.size(); i-- > 0;) {
        const Seen &seen = m_seen[i];
        const std::string_view earlier = seen.large ? std::string_view(m_largeTexts[seen.offset])
                                                    : std::string_view(m_data).substr(seen.offset, seen.length);
        if (earlier == text) {
            m_data.push_back(char(BackRef));
            putVarint(i);
            return;
        }
    }
    if (text.size() >= kLargePayload) {
        std::string hash = QCryptographicHash::hash(QByteArrayView(text.data(), qsizetype(text.size())),
                                                    QCryptographicHash::Sha256)
                               .toStdString();
        m_data.push_back(char(Hashed));
        m_data.append(hash);
        m_seen.push_back({payload.get(), m_largeTexts.size(), text.size(), true, hash});
        m_largeTexts.push_back(text);
        large.push_back({std::move(hash), text});
        return;
    }
    m_data.push_back(char(Inline));
    putVarint(text.size());
    m_seen.push_back({payload.get(), m_data.size(), text.size(), false, {}});
    m_data.append(text);
}

void EventCodec::appendChunk(std::string_view data, int count)
{
    m_data.append(data);
    m_count += count;
    m_restart = true;
    m_lastTime = 0;
    m_lastState.clear();
    m_seen.clear();
    m_largeTexts.clear();
}

void EventCodec::clear()
{
    m_data.clear();
    m_count = 0;
    m_restart = true;
    m_lastTime = 0;
    m_lastState.clear();
    m_seen.clear();
    m_largeTexts.clear();
}

void EventCodec::add(const JournalRecord &record, qint64 timeMs, std::vector<LargePayload> &large)
{
    using Type = JournalRecord::Type;
    if (m_count == 0) {
        m_data.reserve(1024);   // one allocation for a typical item's chunk
        m_seen.reserve(8);
    }
    quint8 flags = 0;
    if (m_restart) {
        flags |= Restart;
        m_restart = false;
    }
    if (record.state != m_lastState)
        flags |= HasState;
    if (record.attempt != 0)
        flags |= HasAttempt;
    if (record.payload)
        flags |= HasPayload;
    if (!record.error.empty())
        flags |= HasError;
    if (!record.cause.empty())
        flags |= HasCause;
    if (record.delayMs != 0)
        flags |= HasDelay;
    if (record.type == Type::ItemFinished || record.type == Type::ItemStarted)
        flags |= HasStatus;

    m_data.push_back(char(record.type));
    m_data.push_back(char(flags));
    putVarint(zigzag(timeMs - m_lastTime));
    m_lastTime = timeMs;
    if (flags & HasState) {
        putString(record.state);
        m_lastState = record.state;
    }
    if (flags & HasAttempt)
        putVarint(quint64(record.attempt));
    if (flags & HasPayload) {
        if (record.type == Type::ItemFinished)
            m_data.push_back(char(ItemOutput));   // kept once, in items.output
        else
            putPayload(record.payload, large);
    }
    if (flags & HasError)
        putString(record.error);
    if (flags & HasCause)
        putString(record.cause);
    if (flags & HasDelay)
        putVarint(zigzag(record.delayMs));
    if (flags & HasStatus)
        m_data.push_back(char(record.status));
    ++m_count;
}

bool EventCodec::decode(std::string_view data, int count, std::vector<Decoded> &out)
{
    Reader in(data);
    std::vector<std::pair<PayloadKind, std::string>> seen;   // inline and hashed payloads, in order
    qint64 time = 0;
    std::string state;
    for (int i = 0; i < count && in.ok(); ++i) {
        Decoded event;
        event.type = JournalRecord::Type(in.byte());
        const quint8 flags = in.byte();
        if (flags & Restart) {
            time = 0;
            state.clear();
            seen.clear();
        }
        time += unzigzag(in.varint());
        event.timeMs = time;
        if (flags & HasState)
            state = std::string(in.string());
        event.state = state;
        if (flags & HasAttempt)
            event.attempt = int(in.varint());
        if (flags & HasPayload) {
            event.hasPayload = true;
            event.payloadKind = PayloadKind(in.byte());
            switch (event.payloadKind) {
            case Inline:
                event.payload = std::string(in.string());
                seen.emplace_back(Inline, event.payload);
                break;
            case BackRef: {
                const quint64 n = in.varint();
                if (n >= seen.size())
                    return false;
                event.payloadKind = seen[n].first;
                event.payload = seen[n].second;
                break;
            }
            case Hashed:
                event.payload = std::string(in.bytes(32));
                seen.emplace_back(Hashed, event.payload);
                break;
            case ItemOutput:
                break;
            default:
                return false;
            }
        }
        if (flags & HasError)
            event.error = std::string(in.string());
        if (flags & HasCause)
            event.cause = std::string(in.string());
        if (flags & HasDelay)
            event.delayMs = unzigzag(in.varint());
        if (flags & HasStatus)
            event.status = in.byte();
        out.push_back(std::move(event));
    }
    return in.ok();
}

} // namespace sluice
