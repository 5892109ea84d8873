// EventBridge event patterns: the documentation's examples (tests/fixtures/events/patterns.json), matches and
// non-matches, and malformed patterns with the JSON pointer of the mistake.

#include "events/Event.h"
#include "events/EventPattern.h"

#include <QFile>
#include <QTest>

using namespace sluice;

namespace {

Json fixture()
{
    QFile file(QStringLiteral(SLUICE_FIXTURES "/events/patterns.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read patterns.json");
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.cbegin(), bytes.cend());
}

} // namespace

class TestEventPattern : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesLikeEventBridge_data();
    void matchesLikeEventBridge();
    void refusesMalformedPatterns_data();
    void refusesMalformedPatterns();
    void reportsLineAndColumnInText();
    void eventRoundTripsThroughJson();
    void eventFromJsonRefusesBadShapes();
};

void TestEventPattern::matchesLikeEventBridge_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<bool>("match");
    const Json all = fixture();
    for (const Json &c : all["cases"]) {
        QTest::newRow(c["name"].get<std::string>().c_str())
            << QByteArray::fromStdString(c["pattern"].dump())
            << QByteArray::fromStdString(all["events"][c["event"].get<std::string>()].dump()) << c["match"].get<bool>();
    }
}

void TestEventPattern::matchesLikeEventBridge()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, event);
    QFETCH(bool, match);

    const auto compiled = EventPattern::parse(pattern);

    QVERIFY2(compiled, qPrintable(compiled ? QString() : compiled.error().toString()));
    QCOMPARE(compiled->matches(Json::parse(event.toStdString())), match);
}

void TestEventPattern::refusesMalformedPatterns_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QString>("pointer");
    const Json all = fixture();
    for (const Json &c : all["errors"]) {
        QTest::newRow(c["name"].get<std::string>().c_str())
            << QByteArray::fromStdString(c["pattern"].dump()) << QString::fromStdString(c["pointer"].get<std::string>());
    }
}

void TestEventPattern::refusesMalformedPatterns()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QString, pointer);

    const auto compiled = EventPattern::parse(Json::parse(pattern.toStdString()), QString());

    QVERIFY(!compiled);
    QCOMPARE(compiled.error().where.pointer, pointer);
    QVERIFY(!compiled.error().message.isEmpty());
}

void TestEventPattern::reportsLineAndColumnInText()
{
    const QByteArray text = "{\n  \"source\": [\"shop\"],\n  \"detail\": {\n    \"total\": [{\"numeric\": [\">\", \"ten\"]}]\n  }\n}\n";

    const auto compiled = EventPattern::parse(text);

    QVERIFY(!compiled);
    QCOMPARE(compiled.error().where.pointer, QStringLiteral("/detail/total/0/numeric/1"));
    QCOMPARE(compiled.error().where.line, 4);
    QCOMPARE(compiled.error().where.column, 33);

    const auto notJson = EventPattern::parse(QByteArray("{\"source\": [\"a\",]}"));
    QVERIFY(!notJson);
    QCOMPARE(notJson.error().code, ErrorCode::NotJson);
    QCOMPARE(notJson.error().where.line, 1);
}

void TestEventPattern::eventRoundTripsThroughJson()
{
    Event event = Event::make("shop.orders", "Order Placed", Json{{"id", 17}}, 1795312800123);
    event.resources = {"order/17"};

    const Json json = event.toJson();
    const auto back = Event::fromJson(json);

    QCOMPARE(QString::fromStdString(json["time"].get<std::string>()), QStringLiteral("2026-11-22T02:00:00Z"));
    QVERIFY(json["detail-type"] == "Order Placed");
    QVERIFY(json["version"] == "0");
    QCOMPARE(json["id"].get<std::string>().size(), size_t(36));
    QVERIFY(back);
    QVERIFY(back->toJson() == json);
}

void TestEventPattern::eventFromJsonRefusesBadShapes()
{
    const Json good = Event::make("a", "b", Json::object(), 0).toJson();
    Json noSource = good;
    noSource.erase("source");
    QCOMPARE(Event::fromJson(noSource).error().where.pointer, QStringLiteral("/source"));
    Json badDetail = good;
    badDetail["detail"] = "text";
    QCOMPARE(Event::fromJson(badDetail).error().where.pointer, QStringLiteral("/detail"));
    Json badTime = good;
    badTime["time"] = "yesterday";
    QCOMPARE(Event::fromJson(badTime).error().where.pointer, QStringLiteral("/time"));
    Json badResources = good;
    badResources["resources"] = Json::array({1});
    QCOMPARE(Event::fromJson(badResources).error().where.pointer, QStringLiteral("/resources"));
}

QTEST_GUILESS_MAIN(TestEventPattern)
#include "tst_eventpattern.moc"
