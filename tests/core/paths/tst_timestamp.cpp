#include "paths/Timestamp.h"

#include "FixtureUtil.h"

#include <QTest>

namespace timestamp = sluice::timestamp;
using sluice::Json;
using sluice::test::loadFixture;

class TestTimestamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void formats_data();
    void formats();
    void roundTrips();
    void ordersOffsets();
};

void TestTimestamp::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("us");
    QTest::addColumn<qint64>("ms");
    const Json fixture = loadFixture("timestamps.json");
    for (const auto &row : fixture["valid"])
        QTest::newRow(row["text"].get<std::string>().c_str())
            << QString::fromStdString(row["text"].get<std::string>()) << row["us"].get<qint64>() << row["ms"].get<qint64>();
}

void TestTimestamp::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, us);
    QFETCH(qint64, ms);

    const auto parsedUs = timestamp::parseUs(text.toStdString());
    const auto parsedMs = timestamp::parseMs(text.toStdString());

    QVERIFY(parsedUs.has_value());
    QVERIFY(parsedMs.has_value());
    QCOMPARE(qint64(*parsedUs), us);
    QCOMPARE(qint64(*parsedMs), ms);
}

void TestTimestamp::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    const Json fixture = loadFixture("timestamps.json");
    for (const auto &row : fixture["invalid"])
        QTest::newRow(("'" + row.get<std::string>() + "'").c_str()) << QString::fromStdString(row.get<std::string>());
}

void TestTimestamp::rejectsInvalid()
{
    QFETCH(QString, text);
    QVERIFY(!timestamp::parseUs(text.toStdString()).has_value());
    QVERIFY(!timestamp::parseMs(text.toStdString()).has_value());
}

void TestTimestamp::formats_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    const Json fixture = loadFixture("timestamps.json");
    for (const auto &row : fixture["format"])
        QTest::newRow(row[1].get<std::string>().c_str()) << row[0].get<qint64>() << QString::fromStdString(row[1].get<std::string>());
}

void TestTimestamp::formats()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(timestamp::formatMs(ms)), text);
}

void TestTimestamp::roundTrips()
{
    for (std::int64_t ms = -100000000000LL; ms < 100000000000LL; ms += 7777777777LL) {
        const auto text = timestamp::formatMs(ms);
        QCOMPARE(timestamp::parseMs(text).value_or(-42), ms);
    }
}

void TestTimestamp::ordersOffsets()
{
    // The same instant written in two zones compares equal; Choice rules compare these numbers.
    QCOMPARE(timestamp::parseUs("2016-03-14T01:59:00Z"), timestamp::parseUs("2016-03-14T02:59:00+01:00"));
    QVERIFY(*timestamp::parseUs("2016-03-14T01:59:00.000001Z") > *timestamp::parseUs("2016-03-14T01:59:00Z"));
}

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
