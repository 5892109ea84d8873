#include "Result.h"

#include <QTest>

class TestResult : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void holdsValue()
    {
        const sluice::Result<int> r(42);
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 42);
    }
    void holdsError()
    {
        const sluice::Result<int> r(sluice::Error{sluice::ErrorCode::BadPath, QStringLiteral("bad"), {QStringLiteral("/a"), 3, 7}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, sluice::ErrorCode::BadPath);
        QCOMPARE(r.error().toString(), QStringLiteral("3:7: /a: bad"));
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
