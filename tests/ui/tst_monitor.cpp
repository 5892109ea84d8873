// The monitor in the main window, on the real engine, a real SQLite store and the fixture HTTP server's
// ERP: a run whose Map loads into the ERP while it fails shows in the Runs dock and on the run canvas with
// its failures, the failed state's count opens its DLQ entries; after the ERP recovers a replay turns the
// failures into successes. Pause/resume and stop on a slow ERP.

#include "FixtureHttpServer.h"
#include "MainWindow.h"
#include "dlq/DlqBrowser.h"
#include "editor/GraphView.h"
#include "monitor/RunInputDialog.h"
#include "monitor/RunListModel.h"
#include "monitor/ItemDetailView.h"
#include "monitor/ItemsPanel.h"
#include "monitor/ItemsTableModel.h"
#include "monitor/RunView.h"
#include "monitor/RunsPanel.h"
#include "monitor/StateRunBadge.h"
#include "replay/DlqReplayer.h"
#include "run/RunService.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QTableView>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeView>

#include "editor/inspector/JsonEdit.h"

using namespace sluice;
using namespace sluice::ui;

namespace {

// Every product goes through Transform, then LoadToERP (an HTTP PUT into the fixture ERP, no Retry).
QByteArray productsDefinition(const QString &baseUrl, int concurrency)
{
    return QStringLiteral(R"json({
  "StartAt": "Load products",
  "States": {
    "Load products": {
      "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": %2, "ToleratedFailurePercentage": 100,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Transform",
        "States": {
          "Transform": {"Type": "Pass", "Parameters": {"sku.$": "$.sku", "name.$": "States.Format('Product {}', $.sku)"}, "Next": "LoadToERP"},
          "LoadToERP": {"Type": "Task", "Resource": "sluice:http",
                        "Parameters": {"Method": "PUT", "Url.$": "States.Format('%1/erp/items/{}', $.sku)", "Body.$": "$"},
                        "End": true}
        }
      },
      "End": true
    }
  }
})json")
        .arg(baseUrl)
        .arg(concurrency)
        .toUtf8();
}

Json products(int n)
{
    Json items = Json::array();
    for (int i = 1; i <= n; ++i)
        items.push_back({{"sku", QStringLiteral("P%1").arg(i, 6, 10, QLatin1Char('0')).toStdString()}});
    return {{"items", items}};
}

} // namespace

class TestMonitor : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<fixtures::FixtureHttpServer> m_server;

    /// A window with the monitor on a fresh store and the products workflow open.
    std::unique_ptr<MainWindow> window(int concurrency, QString *store)
    {
        *store = m_dir.filePath(QStringLiteral("monitor-%1.db").arg(++m_counter));
        const QString file = m_dir.filePath(QStringLiteral("products-%1.asl.json").arg(m_counter));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(productsDefinition(m_server->baseUrl(), concurrency));
        out.close();
        auto w = std::make_unique<MainWindow>();
        w->resize(1400, 900);
        w->show();
        QSignalSpy shown(w.get(), &MainWindow::definitionShown);
        QSignalSpy ready(w.get(), &MainWindow::monitorReady);
        w->openFile(file);
        w->startMonitor(*store);
        if (!shown.wait(10000) || (ready.isEmpty() && !ready.wait(10000)) || !ready.first().first().toString().isEmpty())
            return {};
        return w;
    }

    static QString startRun(MainWindow &w, const Json &input)
    {
        QSignalSpy started(&w, &MainWindow::runStarted);
        if (!w.runWorkflow(input) || !started.wait(10000))
            return {};
        return started.first().first().toString();
    }

    static QVariant runData(MainWindow &w, const QString &id, int role, int column = RunListModel::Workflow)
    {
        const int row = w.runListModel()->rowOf(id);
        return row < 0 ? QVariant() : w.runListModel()->index(row, column).data(role);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("sluice-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_monitor"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<fixtures::FixtureHttpServer>();
        QVERIFY(m_server->start());
    }
    void init() { m_server->systems().control({{"reset", true}}); }

    void failuresShowLiveAndAReplayClearsThem()
    {
        QString store;
        auto w = window(8, &store);
        QVERIFY(w);
        QAbstractItemModelTester tester(w->runListModel());
        m_server->systems().control({{"system", "erp"}, {"failSeconds", 120}});

        const QString id = startRun(*w, products(20));
        QVERIFY(!id.isEmpty());

        // The Runs dock: the run, finished (20 failures tolerated), every item counted.
        QTRY_COMPARE_WITH_TIMEOUT(runData(*w, id, RunListModel::StatusRole).toInt(), int(ExecutionStatus::Succeeded),
                                  20000);
        QTRY_COMPARE_WITH_TIMEOUT(runData(*w, id, RunListModel::FailedRole).toLongLong(), 20, 10000);
        QCOMPARE(runData(*w, id, RunListModel::TotalRole).toLongLong(), 21);   // 20 products and the root
        QCOMPARE(runData(*w, id, Qt::DisplayRole, RunListModel::Failed).toString(), QStringLiteral("20"));
        QCOMPARE(runData(*w, id, Qt::DisplayRole, RunListModel::Workflow).toString(),
                 QStringLiteral("products-%1").arg(m_counter));

        // The canvas: LoadToERP shows 20 failures.
        RunView *view = w->runView(id);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(view->badge(QStringLiteral("LoadToERP")) &&
                                     view->badge(QStringLiteral("LoadToERP"))->counts().failed == 20,
                                 10000);
        QCOMPARE(w->centralWidget()->findChild<RunView *>(), view);

        // Clicking a state reports it (the item table filters on it).
        QSignalSpy clicked(view, &RunView::stateClicked);
        StateRunBadge *transform = view->badge(QStringLiteral("Transform"));
        QVERIFY(transform);
        const QPointF inTransform = transform->parentItem()->mapToScene(QPointF(60, 40));
        QTest::mouseClick(view->graphView()->viewport(), Qt::LeftButton, {},
                          view->graphView()->mapFromScene(inTransform));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("Transform"));
        auto *items = view->findChild<ItemsPanel *>(QStringLiteral("itemsPanel"));
        QVERIFY(items);
        QCOMPARE(items->filter().state, QStringLiteral("Transform"));   // the run tab's item table follows
        items->setStateFilter(QStringLiteral("LoadToERP"));
        items->setStatusFilter(ItemStatus::Failed);
        QTRY_COMPARE_WITH_TIMEOUT(items->model()->count(), 20, 10000);
        auto *detail = view->findChild<ItemDetailView *>(QStringLiteral("itemDetail"));
        QVERIFY(detail);
        QSignalSpy detailLoaded(detail, &ItemDetailView::loaded);
        QTRY_VERIFY_WITH_TIMEOUT(items->model()->index(0, 0).data(ItemsTableModel::ItemIdRole).isValid(), 10000);
        items->view()->setCurrentIndex(items->model()->index(0, 0));   // as a click on the first failed item
        QTRY_VERIFY_WITH_TIMEOUT(!detailLoaded.isEmpty(), 10000);   // the selected item's story, beside the table
        QCOMPARE(detailLoaded.first().first().toString(), QString());

        // The failed count opens the DLQ, filtered to this execution and state.
        StateRunBadge *load = view->badge(QStringLiteral("LoadToERP"));
        view->graphView()->centerOn(load);
        const QPointF onFailed = load->mapToScene(load->failedRect().center());
        QTest::mouseClick(view->graphView()->viewport(), Qt::LeftButton, {},
                          view->graphView()->mapFromScene(onFailed));
        QTRY_VERIFY(w->dlqDock()->isVisible());
        QCOMPARE(w->dlqBrowser()->filter().executionId, id);
        QCOMPARE(w->dlqBrowser()->filter().state, QStringLiteral("LoadToERP"));
        QVERIFY(w->runService()->journal()->flush());
        {
            auto reader = JournalReader::open(store);
            QVERIFY(reader);
            DlqFilter filter;
            filter.executionId = id;
            auto entries = reader.value()->dlq(filter);
            QVERIFY(entries);
            QCOMPARE(entries->size(), 20);
            for (const DlqEntry &entry : entries.value()) {
                QCOMPARE(entry.error, QStringLiteral("Http.503"));
                QCOMPARE(entry.state, QStringLiteral("LoadToERP"));
            }
        }

        // With SLUICE_MONITOR_SCREENSHOT=FILE.png: the window with the run and its failures, for the README.
        if (const QString shot = qEnvironmentVariable("SLUICE_MONITOR_SCREENSHOT"); !shot.isEmpty()) {
            w->runsDock()->show();
            w->runsDock()->raise();
            w->runsPanel()->selectRun(id);
            view->graphView()->fitAll();
            QTest::qWait(600);
            QVERIFY(w->grab().save(shot));
        }

        // The ERP recovers; every entry of the run is replayed (as the DLQ browser's Replay all does).
        m_server->systems().control({{"system", "erp"}, {"failSeconds", 0}});
        std::atomic_int succeeded{0};
        QThread *replay = QThread::create([&]() {
            auto reader = JournalReader::open(store);
            if (!reader)
                return;
            DlqReplayer replayer(w->runService()->journal(), std::shared_ptr<JournalReader>(std::move(reader).value()));
            ReplayRequest request;
            DlqFilter filter;
            filter.executionId = id;
            request.filter = filter;
            auto results = replayer.replay(request);
            if (results) {
                for (const ReplayEntryResult &r : results.value())
                    succeeded += r.outcome == ReplayOutcome::Succeeded ? 1 : 0;
            }
        });
        replay->start();
        QTRY_VERIFY_WITH_TIMEOUT(replay->isFinished(), 30000);
        delete replay;
        QCOMPARE(succeeded.load(), 20);

        // The dock and the canvas follow the store: no failures left, the run succeeded.
        QTRY_COMPARE_WITH_TIMEOUT(runData(*w, id, RunListModel::FailedRole).toLongLong(), 0, 10000);
        QCOMPARE(runData(*w, id, RunListModel::StatusRole).toInt(), int(ExecutionStatus::Succeeded));
        QTRY_VERIFY_WITH_TIMEOUT(view->badge(QStringLiteral("LoadToERP"))->counts().failed == 0 &&
                                     view->badge(QStringLiteral("LoadToERP"))->counts().succeeded == 20,
                                 10000);
        QCOMPARE(runData(*w, id, RunListModel::DoneRole).toLongLong(), 21);
    }

    void pauseAndResumeOnASlowTarget()
    {
        QString store;
        auto w = window(2, &store);
        QVERIFY(w);
        m_server->systems().control({{"system", "erp"}, {"slowMs", 40}});
        const QString id = startRun(*w, products(30));
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(runData(*w, id, RunListModel::DoneRole).toLongLong() >= 2, 10000);

        RunsPanel *panel = w->runsPanel();
        panel->selectRun(id);
        QVERIFY(panel->pauseAction()->isEnabled());
        panel->pauseAction()->trigger();
        QVERIFY(w->runService()->isPaused(id));
        QCOMPARE(runData(*w, id, Qt::DisplayRole, RunListModel::Status).toString(), QStringLiteral("Paused"));
        QCOMPARE(panel->pauseAction()->text(), QStringLiteral("Resume"));
        QTest::qWait(500);   // the two in flight finish
        const qint64 atPause = runData(*w, id, RunListModel::DoneRole).toLongLong();
        QTest::qWait(600);
        QCOMPARE(runData(*w, id, RunListModel::DoneRole).toLongLong(), atPause);
        QVERIFY(atPause < 30);

        panel->pauseAction()->trigger();
        QVERIFY(!w->runService()->isPaused(id));
        QTRY_COMPARE_WITH_TIMEOUT(runData(*w, id, RunListModel::StatusRole).toInt(), int(ExecutionStatus::Succeeded),
                                  20000);
        QTRY_COMPARE_WITH_TIMEOUT(runData(*w, id, RunListModel::DoneRole).toLongLong(), 31, 10000);
    }

    void stopEndsTheRunAsStopped()
    {
        QString store;
        auto w = window(2, &store);
        QVERIFY(w);
        m_server->systems().control({{"system", "erp"}, {"slowMs", 50}});
        QSignalSpy notified(w.get(), &MainWindow::notified);
        const QString id = startRun(*w, products(100));
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(runData(*w, id, RunListModel::DoneRole).toLongLong() >= 1, 10000);

        w->runsPanel()->selectRun(id);
        QVERIFY(w->runsPanel()->stopAction()->isEnabled());
        w->runsPanel()->stopAction()->trigger();

        QTRY_COMPARE_WITH_TIMEOUT(runData(*w, id, RunListModel::StatusRole).toInt(), int(ExecutionStatus::Aborted),
                                  10000);
        QCOMPARE(runData(*w, id, Qt::DisplayRole, RunListModel::Status).toString(), QStringLiteral("Stopped"));
        QVERIFY(runData(*w, id, RunListModel::DoneRole).toLongLong() < 100);
        QTRY_VERIFY(!notified.isEmpty());
        QCOMPARE(notified.last().first().toString(), QStringLiteral("Run finished"));
        QVERIFY(!w->runsPanel()->stopAction()->isEnabled());
    }

    void runDialogValidatesAsYouTypeAndRemembersInputs()
    {
        RunInputDialog dialog(QStringLiteral("products"));
        dialog.editor()->setPlainText(QStringLiteral("{\"items\": [1, 2"));
        QVERIFY(!dialog.isValid());
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("line 1")));
        dialog.editor()->setPlainText(QStringLiteral("{\"items\": [1, 2]}"));
        QVERIFY(dialog.isValid());
        dialog.accept();
        QVERIFY(dialog.input() == (Json{{"items", {1, 2}}}));
        QCOMPARE(RunInputDialog::recentInputs().first(), QStringLiteral("{\"items\": [1, 2]}"));
        RunInputDialog again(QStringLiteral("products"));
        QCOMPARE(again.editor()->toPlainText(), QStringLiteral("{\"items\": [1, 2]}"));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_MAIN(TestMonitor)
#include "tst_monitor.moc"
