// A run killed with SIGKILL at random moments and resumed each time loses nothing: at the end every
// item succeeded exactly once, the output equals an uninterrupted run's, and the journal is consistent.

#include "Json.h"
#include "store/JournalReader.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kItems = 20000;

QString cliPath()
{
    return QStringLiteral(SLUICE_BIN_DIR "/sluice-cli");
}

sluice::Json expectedOutput()
{
    sluice::Json out = sluice::Json::array();
    for (int i = 0; i < kItems; ++i)
        out.push_back({{"label", "item " + std::to_string(i)}, {"n", i}});
    return out;
}

} // namespace

class TestCrashResume : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedRunsResumeToTheSameResult()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("crash.db"));
        const QString input = dir.filePath(QStringLiteral("input.json"));
        {
            sluice::Json items = sluice::Json::array();
            for (int i = 0; i < kItems; ++i)
                items.push_back({{"n", i}});
            QFile f(input);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(sluice::Json{{"items", items}}.dump()));
        }

        // The first process runs the workflow; later ones resume it. All but the last are killed.
        QRandomGenerator random(20261122);
        const int kills = 3;
        QString lastOut;
        int killed = 0;
        for (int round = 0; round <= kills; ++round) {
            QProcess process;
            const QStringList args =
                round == 0 ? QStringList{QStringLiteral("run"), QStringLiteral(SLUICE_FIXTURES "/cli/crash.asl.json"),
                                         QStringLiteral("--input"), input, QStringLiteral("--store"), store}
                           : QStringList{QStringLiteral("resume"), QStringLiteral("--store"), store};
            process.start(cliPath(), args);
            QVERIFY(process.waitForStarted());
            if (round == 0) {
                // Kill the first run only once its execution is in the journal, however slow the machine.
                QElapsedTimer waited;
                waited.start();
                while (waited.elapsed() < 20000 && process.state() == QProcess::Running) {
                    auto reader = sluice::JournalReader::open(store);
                    if (reader) {
                        auto runs = reader.value()->runs();
                        if (runs && !runs.value().isEmpty())
                            break;
                    }
                    QTest::qWait(50);
                }
            }
            if (round < kills) {
                const int ms = 300 + int(random.bounded(500));
                if (!process.waitForFinished(ms)) {
                    process.kill();   // SIGKILL: no chance to flush or clean up
                    process.waitForFinished();
                    ++killed;
                    continue;
                }
            } else {
                QVERIFY(process.waitForFinished(120000));
            }
            QVERIFY2(process.exitStatus() == QProcess::NormalExit, "the last resume must finish by itself");
            lastOut = QString::fromUtf8(process.readAllStandardOutput());
            if (round < kills)
                break;   // it finished before it could be killed: nothing left to resume
        }

        QVERIFY2(killed >= 2, "the runs must be killed midway for this test to mean anything");
        QVERIFY2(lastOut.contains(QStringLiteral("SUCCEEDED")), qPrintable(lastOut));

        auto reader = sluice::JournalReader::open(store);
        QVERIFY(reader);
        auto runs = reader.value()->runs();
        QVERIFY(runs);
        QCOMPARE(runs.value().size(), qsizetype(1));
        auto info = reader.value()->execution(runs.value().first().id);
        QVERIFY(info);
        QCOMPARE(int(info.value().status), int(sluice::ExecutionStatus::Succeeded));
        QCOMPARE(info.value().counts[size_t(sluice::ItemStatus::Succeeded)], qint64(kItems + 1));
        QCOMPARE(info.value().counts[size_t(sluice::ItemStatus::Failed)], qint64(0));
        QCOMPARE(info.value().counts[size_t(sluice::ItemStatus::Running)], qint64(0));
        QVERIFY(info.value().output == expectedOutput());
        auto dlq = reader.value()->dlq();
        QVERIFY(dlq);
        QCOMPARE(dlq.value().size(), qsizetype(0));
        auto integrity = reader.value()->integrityCheck();
        QVERIFY(integrity);
        QVERIFY2(integrity.value().ok(), qPrintable(integrity.value().problems.join(QStringLiteral("; "))));
    }
};

QTEST_GUILESS_MAIN(TestCrashResume)
#include "tst_crash_resume.moc"
