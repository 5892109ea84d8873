// The store watcher on a store that a separate `sluice-cli run` process writes: the run appears while it
// works, its counts move, and it is seen to finish. Only the change counter is polled in between.

#include "store/Journal.h"
#include "store/StoreWatcher.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sluice;

class TestCliWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seesARunOfAnotherProcessAppearAndFinish()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("watched.db"));
        QVERIFY(Journal::open(store));   // exists before the watcher looks
        const QString definition = dir.filePath(QStringLiteral("naps.asl.json"));
        QFile file(definition);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
            "MaxConcurrency": 4, "ItemProcessor": {"StartAt": "Nap", "States": {"Nap": {"Type": "Task",
            "Resource": "sluice:sleep", "Parameters": {"Seconds": 0.01}, "End": true}}}, "End": true}}})");
        file.close();
        QString items = QStringLiteral("{\"items\": [");
        for (int i = 0; i < 300; ++i)
            items += QStringLiteral("%1{\"n\": %2}").arg(i ? QStringLiteral(",") : QString()).arg(i);
        items += QStringLiteral("]}");

        StoreWatcher watcher(store, 50);
        QSignalSpy runs(&watcher, &StoreWatcher::runsRead);
        QSignalSpy execution(&watcher, &StoreWatcher::executionRead);
        watcher.start();
        QVERIFY(runs.wait(5000));
        QVERIFY(runs.last().first().value<QList<ExecutionInfo>>().isEmpty());
        runs.clear();
        QTest::qWait(300);
        QCOMPARE(runs.count(), 0);   // nothing moved: nothing re-read

        QProcess cli;
        cli.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-cli"),
                  {QStringLiteral("run"), definition, QStringLiteral("--store"), store, QStringLiteral("--input-json"),
                   items});
        QVERIFY(cli.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += cli.readAllStandardError()).contains('\n'), 10000);
        QVERIFY2(err.startsWith("execution: "), err.constData());
        const QString id = QString::fromUtf8(err.mid(11, 36));

        // The run appears as RUNNING while the child works.
        bool sawRunning = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&]() {
                for (const QVariantList &signal : std::as_const(runs)) {
                    for (const ExecutionInfo &run : signal.first().value<QList<ExecutionInfo>>()) {
                        if (run.id == id && run.status == ExecutionStatus::Running)
                            sawRunning = true;
                    }
                }
                return sawRunning;
            }(),
            10000);
        watcher.setOpenExecution(id);

        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        // ...and then finished, with every item counted.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&]() {
                if (runs.isEmpty())
                    return false;
                const auto latest = runs.last().first().value<QList<ExecutionInfo>>();
                return latest.size() == 1 && latest.first().id == id &&
                       latest.first().status == ExecutionStatus::Succeeded &&
                       latest.first().counts[size_t(ItemStatus::Succeeded)] == 301;
            }(),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !execution.isEmpty() &&
                execution.last().at(0).value<ExecutionInfo>().status == ExecutionStatus::Succeeded &&
                execution.last().at(1).value<StateItemCounts>().value(QStringLiteral("Nap"))[size_t(
                    ItemStatus::Succeeded)] == 300,
            10000);
    }

    void reportsAStoreThatIsNotThere()
    {
        StoreWatcher watcher(QStringLiteral("/nonexistent/folder/store.db"), 50);
        QSignalSpy failed(&watcher, &StoreWatcher::failed);
        watcher.start();
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("store.db")));
    }
};

QTEST_GUILESS_MAIN(TestCliWatcher)
#include "tst_cli_watcher.moc"
