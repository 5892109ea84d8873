// A run killed with SIGKILL at random moments and resumed each time loses nothing: at the end every
// item succeeded exactly once, the output equals an uninterrupted run's, and the journal is consistent.
// A run killed inside a Parallel's branch resumes by running that Parallel again from its start.

#include "Json.h"
#include "store/JournalReader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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

    void killedInsideAParallelBranchResumesAtTheParallel()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("parallel.db"));
        QProcess run;
        run.start(cliPath(), {QStringLiteral("run"), QStringLiteral(SLUICE_FIXTURES "/cli/parallel-resume.asl.json"),
                              QStringLiteral("--input-json"), QStringLiteral(R"({"n": 7})"), QStringLiteral("--store"),
                              store});
        QVERIFY(run.waitForStarted());
        // Kill it once the quick branch is done and the slow one sleeps: the item's last state is in a branch.
        QString id;
        QElapsedTimer waited;
        waited.start();
        auto entered = [](const QList<sluice::HistoryEvent> &events, const char *state) {
            return std::any_of(events.begin(), events.end(), [state](const sluice::HistoryEvent &e) {
                return e.type == sluice::JournalRecord::Type::StateEntered && e.state == QLatin1String(state);
            });
        };
        bool ready = false;
        while (!ready && waited.elapsed() < 20000 && run.state() == QProcess::Running) {
            QTest::qWait(50);
            auto reader = sluice::JournalReader::open(store);
            if (!reader)
                continue;
            auto runs = reader.value()->runs();
            if (!runs || runs.value().isEmpty())
                continue;
            id = runs.value().first().id;
            auto history = reader.value()->history(id, sluice::HistoryFilter{0, -1, 0, 100});
            ready = history && entered(history.value(), "Quick done") && entered(history.value(), "Slow");
        }
        QVERIFY2(ready, "the run must reach both branches before the kill");
        run.kill();
        run.waitForFinished();

        QProcess resume;
        resume.start(cliPath(), {QStringLiteral("resume"), QStringLiteral("--store"), store});
        QVERIFY(resume.waitForFinished(30000));
        const QByteArray out = resume.readAllStandardOutput();

        QVERIFY2(out.contains("SUCCEEDED"), out.constData());
        auto reader = sluice::JournalReader::open(store);
        QVERIFY(reader);
        auto info = reader.value()->execution(id);
        QVERIFY(info);
        QCOMPARE(int(info.value().status), int(sluice::ExecutionStatus::Succeeded));
        QVERIFY(info.value().output == sluice::Json::array({{{"quick", 7}}, {{"slow", 7}}}));
        auto history = reader.value()->history(id, sluice::HistoryFilter{0, -1, 0, 1000});
        QVERIFY(history);
        const auto both = std::count_if(history.value().begin(), history.value().end(), [](const sluice::HistoryEvent &e) {
            return e.type == sluice::JournalRecord::Type::StateEntered && e.state == QLatin1String("Both");
        });
        QCOMPARE(both, 2);   // entered by the run, and again by the resume
    }
};

QTEST_GUILESS_MAIN(TestCrashResume)
#include "tst_crash_resume.moc"
