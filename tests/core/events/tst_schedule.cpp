// EventBridge schedule expressions: rate() and cron() syntax, next fire times in UTC (expected values worked
// out by hand from the calendar), missed fire times over a downtime, and the errors for bad expressions.

#include "events/Schedule.h"
#include "paths/Timestamp.h"

#include <QTest>

using namespace sluice;

namespace {

qint64 ms(const char *rfc3339)
{
    return *timestamp::parseMs(rfc3339);
}

QString text(std::optional<qint64> msSinceEpoch)
{
    return msSinceEpoch ? QString::fromStdString(timestamp::formatMs(*msSinceEpoch)) : QStringLiteral("none");
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nextFireTimes_data();
    void nextFireTimes();
    void refusesBadExpressions_data();
    void refusesBadExpressions();
    void listsMissedFiresAfterDowntime();
    void countsAYearOfMinutesWithoutWalkingIt();
};

void TestSchedule::nextFireTimes_data()
{
    QTest::addColumn<QByteArray>("expression");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QByteArrayList>("expected_");   // the next three fire times
    const QByteArray sunday = "2026-11-22T02:45:10Z";   // a Sunday
    QTest::newRow("rate minutes") << QByteArray("rate(5 minutes)") << sunday
                                  << QByteArrayList{"2026-11-22T02:50:00.000Z", "2026-11-22T02:55:00.000Z", "2026-11-22T03:00:00.000Z"};
    QTest::newRow("rate 1 hour") << QByteArray("rate(1 hour)") << sunday
                                 << QByteArrayList{"2026-11-22T03:00:00.000Z", "2026-11-22T04:00:00.000Z", "2026-11-22T05:00:00.000Z"};
    QTest::newRow("rate days") << QByteArray("rate(2 days)") << sunday
                               << QByteArrayList{"2026-11-23T00:00:00.000Z", "2026-11-25T00:00:00.000Z", "2026-11-27T00:00:00.000Z"};
    QTest::newRow("daily at noon") << QByteArray("cron(0 12 * * ? *)") << sunday
                                   << QByteArrayList{"2026-11-22T12:00:00.000Z", "2026-11-23T12:00:00.000Z", "2026-11-24T12:00:00.000Z"};
    QTest::newRow("12:15 daily") << QByteArray("cron(15 12 * * ? *)") << QByteArray("2026-11-22T12:15:00Z")
                                 << QByteArrayList{"2026-11-23T12:15:00.000Z", "2026-11-24T12:15:00.000Z", "2026-11-25T12:15:00.000Z"};
    QTest::newRow("weekdays 18:00") << QByteArray("cron(0 18 ? * MON-FRI *)") << QByteArray("2026-11-26T19:00:00Z")   // Thursday evening
                                    << QByteArrayList{"2026-11-27T18:00:00.000Z", "2026-11-30T18:00:00.000Z", "2026-12-01T18:00:00.000Z"};
    QTest::newRow("first of month") << QByteArray("cron(0 8 1 * ? *)") << sunday
                                    << QByteArrayList{"2026-12-01T08:00:00.000Z", "2027-01-01T08:00:00.000Z", "2027-02-01T08:00:00.000Z"};
    QTest::newRow("every 15 minutes") << QByteArray("cron(0/15 * * * ? *)") << sunday
                                      << QByteArrayList{"2026-11-22T03:00:00.000Z", "2026-11-22T03:15:00.000Z", "2026-11-22T03:30:00.000Z"};
    QTest::newRow("every 5 minutes in office hours") << QByteArray("cron(0/5 8-17 ? * MON-FRI *)") << QByteArray("2026-11-27T17:52:00Z")   // Friday
                                                     << QByteArrayList{"2026-11-27T17:55:00.000Z", "2026-11-30T08:00:00.000Z", "2026-11-30T08:05:00.000Z"};
    QTest::newRow("lists") << QByteArray("cron(0,30 6,18 * * ? *)") << sunday
                           << QByteArrayList{"2026-11-22T06:00:00.000Z", "2026-11-22T06:30:00.000Z", "2026-11-22T18:00:00.000Z"};
    QTest::newRow("first Monday (2#1)") << QByteArray("cron(0 9 ? * 2#1 *)") << sunday
                                        << QByteArrayList{"2026-12-07T09:00:00.000Z", "2027-01-04T09:00:00.000Z", "2027-02-01T09:00:00.000Z"};
    QTest::newRow("last day (L)") << QByteArray("cron(0 0 L * ? *)") << QByteArray("2027-01-31T00:00:00Z")
                                  << QByteArrayList{"2027-02-28T00:00:00.000Z", "2027-03-31T00:00:00.000Z", "2027-04-30T00:00:00.000Z"};
    QTest::newRow("last Friday (6L)") << QByteArray("cron(30 23 ? * 6L *)") << sunday
                                      << QByteArrayList{"2026-11-27T23:30:00.000Z", "2026-12-25T23:30:00.000Z", "2027-01-29T23:30:00.000Z"};
    // 2027: Feb 14th is a Sunday -> Monday 15th; May 1st a Saturday -> Monday 3rd (not April 30th).
    QTest::newRow("nearest weekday (14W, 1W)") << QByteArray("cron(0 6 1W,14W FEB,MAY ? 2027)") << sunday
                                               << QByteArrayList{"2027-02-01T06:00:00.000Z", "2027-02-15T06:00:00.000Z", "2027-05-03T06:00:00.000Z"};
    QTest::newRow("last weekday (LW)") << QByteArray("cron(0 6 LW * ? *)") << QByteArray("2027-01-01T00:00:00Z")
                                       << QByteArrayList{"2027-01-29T06:00:00.000Z", "2027-02-26T06:00:00.000Z", "2027-03-31T06:00:00.000Z"};
    QTest::newRow("month names, wrapping range") << QByteArray("cron(0 0 1 NOV-JAN ? *)") << sunday
                                                 << QByteArrayList{"2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2027-11-01T00:00:00.000Z"};
    QTest::newRow("years") << QByteArray("cron(0 0 1 1 ? 2028-2029)") << sunday
                           << QByteArrayList{"2028-01-01T00:00:00.000Z", "2029-01-01T00:00:00.000Z", "none"};
    QTest::newRow("Saturdays (L in day-of-week)") << QByteArray("cron(0 10 ? * L *)") << sunday
                                                  << QByteArrayList{"2026-11-28T10:00:00.000Z", "2026-12-05T10:00:00.000Z", "2026-12-12T10:00:00.000Z"};
    QTest::newRow("29th of February") << QByteArray("cron(0 0 29 2 ? *)") << sunday
                                      << QByteArrayList{"2028-02-29T00:00:00.000Z", "2032-02-29T00:00:00.000Z", "2036-02-29T00:00:00.000Z"};
}

void TestSchedule::nextFireTimes()
{
    QFETCH(QByteArray, expression);
    QFETCH(QByteArray, after);
    QFETCH(QByteArrayList, expected_);
    QStringList expected;
    for (const QByteArray &e : expected_)
        expected << QString::fromUtf8(e);

    const auto schedule = Schedule::parse(QString::fromUtf8(expression));
    QVERIFY2(schedule, qPrintable(schedule ? QString() : schedule.error().message));
    QStringList actual;
    qint64 at = ms(after.constData());
    bool more = true;
    for (int i = 0; i < 3; ++i) {
        if (more) {
            const auto next = schedule->nextAfter(at);
            more = bool(next);
            if (more)
                at = *next;
        }
        actual << (more ? QString::fromStdString(timestamp::formatMs(at)) : QStringLiteral("none"));
    }

    QCOMPARE(actual, expected);
}

void TestSchedule::refusesBadExpressions_data()
{
    QTest::addColumn<QByteArray>("expression");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("not an expression") << QByteArray("every 5 minutes") << QByteArray("rate(5 minutes)");
    QTest::newRow("plural for one") << QByteArray("rate(1 minutes)") << QByteArray("rate(1 minute)");
    QTest::newRow("singular for five") << QByteArray("rate(5 minute)") << QByteArray("rate(N minutes)");
    QTest::newRow("zero") << QByteArray("rate(0 minutes)") << QByteArray("positive");
    QTest::newRow("seconds") << QByteArray("rate(5 seconds)") << QByteArray("minute(s)");
    QTest::newRow("five fields") << QByteArray("cron(0 12 * * ?)") << QByteArray("six fields");
    QTest::newRow("both days") << QByteArray("cron(0 12 * * * *)") << QByteArray("exactly one");
    QTest::newRow("neither day") << QByteArray("cron(0 12 ? * ? *)") << QByteArray("exactly one");
    QTest::newRow("minute out of range") << QByteArray("cron(60 12 * * ? *)") << QByteArray("minutes");
    QTest::newRow("bad month name") << QByteArray("cron(0 12 * FOO ? *)") << QByteArray("month");
    QTest::newRow("bad step") << QByteArray("cron(0/0 12 * * ? *)") << QByteArray("step");
    QTest::newRow("bad nth") << QByteArray("cron(0 12 ? * 2#6 *)") << QByteArray("DAY#N");
    QTest::newRow("year before 1970") << QByteArray("cron(0 12 * * ? 1969)") << QByteArray("year");
}

void TestSchedule::refusesBadExpressions()
{
    QFETCH(QByteArray, expression);
    QFETCH(QByteArray, mentions);

    const auto schedule = Schedule::parse(QString::fromUtf8(expression));

    QVERIFY(!schedule);
    QVERIFY2(schedule.error().message.contains(QString::fromUtf8(mentions)), qPrintable(schedule.error().message));
}

void TestSchedule::listsMissedFiresAfterDowntime()
{
    const auto hourly = Schedule::parse(QStringLiteral("cron(0 * * * ? *)"));
    QVERIFY(hourly);

    // Last fired at 10:00, down until 13:30: 11:00, 12:00 and 13:00 were missed.
    const auto fires = hourly->firesBetween(ms("2026-11-22T10:00:00Z"), ms("2026-11-22T13:30:00Z"), 2);

    QCOMPARE(fires.count, qint64(3));
    QCOMPARE(fires.first.size(), size_t(2));
    QCOMPARE(text(fires.first[0]), QStringLiteral("2026-11-22T11:00:00.000Z"));
    QCOMPARE(text(fires.first[1]), QStringLiteral("2026-11-22T12:00:00.000Z"));
    QCOMPARE(text(fires.last), QStringLiteral("2026-11-22T13:00:00.000Z"));
    QCOMPARE(hourly->firesBetween(ms("2026-11-22T13:00:00Z"), ms("2026-11-22T13:59:59Z")).count, qint64(0));
}

void TestSchedule::countsAYearOfMinutesWithoutWalkingIt()
{
    const auto everyMinute = Schedule::parse(QStringLiteral("rate(1 minute)"));
    QVERIFY(everyMinute);

    const auto fires = everyMinute->firesBetween(ms("2025-11-22T00:00:00Z"), ms("2026-11-22T00:00:00Z"), 10);

    QCOMPARE(fires.count, qint64(365 * 24 * 60));
    QCOMPARE(fires.first.size(), size_t(10));
    QCOMPARE(text(fires.last), QStringLiteral("2026-11-22T00:00:00.000Z"));
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
