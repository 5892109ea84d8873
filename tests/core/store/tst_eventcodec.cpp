// The compact encoding of an item's events (core/store/EventCodec_p.h): round trips, back references,
// large payloads by hash, and damaged bytes.

#include "store/EventCodec_p.h"

#include <QTest>

using namespace sluice;
using Type = JournalRecord::Type;

namespace {

JournalRecord record(Type type, std::string state, std::shared_ptr<const Json> payload = {})
{
    JournalRecord r;
    r.type = type;
    r.state = std::move(state);
    r.payload = std::move(payload);
    return r;
}

} // namespace

class TestEventCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryField();
    void storesARepeatedPayloadOnce();
    void movesLargePayloadsOut();
    void refusesDamagedBytes();
    void concatenatesChunksEncodedApart();
    void borrowedPayloadsAreComparedByText();
};

void TestEventCodec::roundTripsEveryField()
{
    EventCodec codec;
    std::vector<EventCodec::LargePayload> large;
    JournalRecord failed = record(Type::TaskFailed, "Load");
    failed.attempt = 2;
    failed.error = "Http.503";
    failed.cause = "unavailable";
    JournalRecord retry = record(Type::TaskRetryScheduled, "Load");
    retry.attempt = 3;
    retry.delayMs = 1500;
    JournalRecord finished = record(Type::ItemFinished, "Load", std::make_shared<const Json>(Json{{"ok", true}}));
    finished.status = ItemStatus::Succeeded;

    codec.add(failed, 1000, large);
    codec.add(retry, 990, large);   // time may go backwards (clock adjustments): zigzag deltas
    codec.add(finished, 2500, large);
    std::vector<EventCodec::Decoded> out;

    QVERIFY(EventCodec::decode(codec.data(), codec.count(), out));
    QCOMPARE(out.size(), size_t(3));
    QCOMPARE(out[0].type, Type::TaskFailed);
    QCOMPARE(out[0].state, std::string("Load"));
    QCOMPARE(out[0].attempt, 2);
    QCOMPARE(out[0].error, std::string("Http.503"));
    QCOMPARE(out[0].cause, std::string("unavailable"));
    QCOMPARE(out[0].timeMs, 1000);
    QCOMPARE(out[1].timeMs, 990);
    QCOMPARE(out[1].delayMs, 1500);
    QCOMPARE(out[1].state, std::string("Load"));   // carried over, not written again
    QCOMPARE(out[2].status, int(ItemStatus::Succeeded));
    QCOMPARE(out[2].payloadKind, EventCodec::ItemOutput);   // kept once, in items.output
    QVERIFY(large.empty());
}

void TestEventCodec::storesARepeatedPayloadOnce()
{
    EventCodec codec;
    std::vector<EventCodec::LargePayload> large;
    auto input = std::make_shared<const Json>(Json{{"id", 7}, {"name", "seven"}});
    auto equalCopy = std::make_shared<const Json>(*input);

    codec.add(record(Type::ItemStarted, "A", input), 1, large);
    codec.add(record(Type::StateEntered, "A", input), 1, large);       // the same object
    codec.add(record(Type::StateExited, "A", equalCopy), 2, large);    // an equal one
    std::vector<EventCodec::Decoded> out;

    QVERIFY(EventCodec::decode(codec.data(), codec.count(), out));
    QCOMPARE(out.size(), size_t(3));
    for (const auto &event : out)
        QVERIFY(Json::parse(event.payload) == *input);
    QVERIFY(codec.data().size() < 2 * input->dump().size());   // the text is in there once
}

void TestEventCodec::movesLargePayloadsOut()
{
    EventCodec codec;
    std::vector<EventCodec::LargePayload> large;
    auto big = std::make_shared<const Json>(Json{{"blob", std::string(EventCodec::kLargePayload, 'x')}});

    codec.add(record(Type::StateEntered, "A", big), 1, large);
    codec.add(record(Type::StateExited, "A", big), 2, large);
    std::vector<EventCodec::Decoded> out;

    QCOMPARE(large.size(), size_t(1));
    QCOMPARE(large[0].hash.size(), size_t(32));
    QCOMPARE(large[0].body, big->dump());
    QVERIFY(codec.data().size() < 100);
    QVERIFY(EventCodec::decode(codec.data(), codec.count(), out));
    QCOMPARE(out[0].payloadKind, EventCodec::Hashed);
    QCOMPARE(out[1].payloadKind, EventCodec::Hashed);
    QCOMPARE(out[1].payload, large[0].hash);
    QCOMPARE(codec.serialized(big), big->dump());
}

void TestEventCodec::refusesDamagedBytes()
{
    EventCodec codec;
    std::vector<EventCodec::LargePayload> large;
    codec.add(record(Type::StateEntered, "Extract", std::make_shared<const Json>(Json{{"id", 1}})), 1, large);
    std::vector<EventCodec::Decoded> out;

    QVERIFY(!EventCodec::decode(std::string_view(codec.data()).substr(0, codec.data().size() - 3), 1, out));
    QVERIFY(!EventCodec::decode(codec.data(), 2, out));   // more events claimed than held
    std::string backRefToNothing = {char(Type::StateEntered), char(EventCodec::HasPayload), 0, char(EventCodec::BackRef), 5};
    QVERIFY(!EventCodec::decode(backRefToNothing, 1, out));
}


// Chunks encoded on different workers (or in different flushes) are joined by the writer: each starts with
// Restart, so times, states and back references of the second do not lean on the first.
void TestEventCodec::concatenatesChunksEncodedApart()
{
    std::vector<EventCodec::LargePayload> large;
    const auto input = std::make_shared<const Json>(Json{{"id", 1}});
    const auto output = std::make_shared<const Json>(Json{{"id", 1}, {"done", true}});
    EventCodec first;
    first.add(record(Type::StateEntered, "Load", input), 1000, large);
    first.add(record(Type::StateExited, "Load"), 1010, large);
    EventCodec second;
    second.add(record(Type::StateEntered, "Save", output), 5000, large);
    second.add(record(Type::TaskScheduled, "Save", output), 5001, large);   // a back reference within the chunk
    EventCodec joined;
    joined.appendChunk(first.data(), first.count());
    joined.appendChunk(second.data(), second.count());
    joined.add(record(Type::StateExited, "Save"), 5100, large);   // encoded by the writer after the others

    std::vector<EventCodec::Decoded> out;
    QVERIFY(EventCodec::decode(joined.data(), joined.count(), out));

    QCOMPARE(out.size(), size_t(5));
    QCOMPARE(out[1].timeMs, qint64(1010));
    QCOMPARE(out[1].state, std::string("Load"));
    QCOMPARE(out[2].timeMs, qint64(5000));
    QCOMPARE(out[2].state, std::string("Save"));
    QVERIFY(Json::parse(out[2].payload) == *output);
    QVERIFY(Json::parse(out[3].payload) == *output);
    QCOMPARE(out[4].timeMs, qint64(5100));
    QCOMPARE(out[4].state, std::string("Save"));
}

// A borrowed payload is the engine's live value: the same address may hold another value later, so a
// repeat is only what has the same text.
void TestEventCodec::borrowedPayloadsAreComparedByText()
{
    std::vector<EventCodec::LargePayload> large;
    Json live = Json{{"step", 1}};
    const std::shared_ptr<const Json> borrowed(std::shared_ptr<const Json>(), &live);
    EventCodec codec;
    codec.setBorrowedPayloads(true);
    codec.add(record(Type::StateEntered, "A", borrowed), 1, large);
    live = Json{{"step", 2}};
    codec.add(record(Type::StateEntered, "B", borrowed), 2, large);
    codec.add(record(Type::TaskScheduled, "B", borrowed), 3, large);

    std::vector<EventCodec::Decoded> out;
    QVERIFY(EventCodec::decode(codec.data(), codec.count(), out));

    QCOMPARE(out.size(), size_t(3));
    QCOMPARE(out[0].payload, std::string(R"({"step":1})"));
    QCOMPARE(out[1].payload, std::string(R"({"step":2})"));
    QCOMPARE(out[2].payloadKind, EventCodec::Inline);   // a back reference decodes as the text it names
    QCOMPARE(out[2].payload, std::string(R"({"step":2})"));
}

QTEST_GUILESS_MAIN(TestEventCodec)
#include "tst_eventcodec.moc"
