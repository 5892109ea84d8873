// The monitor's item views over a real run: a Map of orders through the real Engine into a real SQLite
// journal, where LoadToERP retries and rejects some orders for good. The items panel pages and filters the
// run's items and keeps its selection and scroll position across live updates; the item detail shows the
// timeline and a state's input, output and diff; the execution history pages.

#include "../core/engine/EngineTestUtil.h"
#include "monitor/ExecutionHistoryView.h"
#include "monitor/ItemDetailView.h"
#include "monitor/ItemsPanel.h"
#include "monitor/ItemsTableModel.h"
#include "monitor/JsonDiff.h"
#include "monitor/JsonTreeView.h"
#include "monitor/MonitorStore.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sluice;
using sluice::ui::ItemsPanel;
using sluice::ui::ItemsTableModel;

namespace {

// Transform adds a SKU; LoadToERP rejects an order `rejections` times (one retry, so 1 succeeds late and
// 5 fails for good).
const char *const kOrders = R"json({
  "StartAt": "Load each order",
  "States": {
    "Load each order": {
      "Type": "Map", "ItemsPath": "$.orders", "ToleratedFailurePercentage": 100,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Transform",
        "States": {
          "Transform": {"Type": "Pass", "Parameters": {"id.$": "$.id", "error.$": "$.error",
                        "rejections.$": "$.rejections", "sku.$": "States.Format('SKU-{}', $.id)"},
                        "Next": "LoadToERP"},
          "LoadToERP": {"Type": "Task", "Resource": "sluice:fail",
                        "Parameters": {"Error.$": "$.error", "Cause.$": "States.Format('ERP rejected order {}', $.id)",
                                       "Attempts.$": "$.rejections"},
                        "Retry": [{"ErrorEquals": ["Http.429"], "MaxAttempts": 1, "IntervalSeconds": 2}],
                        "End": true}
        }
      },
      "End": true
    }
  }
})json";

constexpr int kOrderCount = 600;
constexpr int kWaitMs = 20000;

/// Order i (1-based): every 50th is rejected for good with Http.503, every 75th (not 50th) with Http.429
/// after its retry, every 20th (neither) succeeds on its retry; the rest succeed at once.
std::pair<std::string, int> orderFate(int i)
{
    if (i % 50 == 0)
        return {"Http.503", 5};
    if (i % 75 == 0)
        return {"Http.429", 5};
    if (i % 20 == 0)
        return {"Http.429", 1};
    return {"Http.503", 0};
}

int failedCount(const std::string &error = {})
{
    int n = 0;
    for (int i = 1; i <= kOrderCount; ++i) {
        const auto [e, rejections] = orderFate(i);
        if (rejections == 5 && (error.empty() || e == error))
            ++n;
    }
    return n;
}

} // namespace

class TestItemsPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    QString m_execution;

    static bool waitForRows(ItemsPanel &panel, qint64 count)
    {
        return QTest::qWaitFor([&] { return panel.model()->count() == count && panel.model()->isRowLoaded(0); }, kWaitMs);
    }

    /// The item ids of the loaded rows, in table order.
    static QList<qint64> shownItems(const ItemsTableModel &model)
    {
        QList<qint64> items;
        for (int row = 0; row < model.rowCount(); ++row) {
            const ItemRow *item = model.rowAt(row);
            items.append(item ? item->item : -1);
        }
        return items;
    }

    /// The item that ran order `order` (index order - 1): item ids follow the order the workers took them.
    qint64 itemOfOrder(int order)
    {
        auto reader = JournalReader::open(m_store);
        ItemFilter all;
        all.limit = 100000;
        const QList<ItemRow> rows = reader.value()->items(m_execution, all).value();
        for (const ItemRow &row : rows) {
            if (row.index == order - 1)
                return row.item;
        }
        return -1;
    }

    QList<qint64> storedItems(const ItemFilter &filter)
    {
        auto reader = JournalReader::open(m_store);
        ItemFilter all = filter;
        all.limit = 100000;
        QList<qint64> items;
        const QList<ItemRow> rows = reader.value()->items(m_execution, all).value();
        for (const ItemRow &row : rows)
            items.append(row.item);
        return items;
    }

    static void openPanel(ItemsPanel &panel, const QString &store, const QString &execution)
    {
        panel.resize(900, 500);
        panel.show();
        panel.open(store, execution);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = m_dir.filePath(QStringLiteral("orders.db"));
        auto journal = Journal::open(m_store);
        QVERIFY(journal);
        auto version = journal.value()->saveWorkflow(QByteArray(kOrders), QStringLiteral("orders"));
        QVERIFY(version);
        Json list = Json::array();
        for (int i = 1; i <= kOrderCount; ++i) {
            const auto [error, rejections] = orderFate(i);
            list.push_back({{"id", i}, {"error", error}, {"rejections", rejections}});
        }
        ExecutionOptions options;
        options.journal = journal.value();
        options.workflowVersion = version.value();
        options.noDelays = true;
        options.stateMachineName = "orders";
        Engine engine(2);
        const Execution execution = engine.start(test::workflowFrom(Json::parse(kOrders)), {{"orders", list}}, options);
        QVERIFY(execution.waitForFinished(kWaitMs));
        m_execution = execution.result().executionId;
        QVERIFY(journal.value()->flush(kWaitMs));
    }

    void tableShowsTheRunsItemsPageByPage()
    {
        ItemsPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        openPanel(panel, m_store, m_execution);
        QVERIFY(waitForRows(panel, kOrderCount + 1));   // the orders and the root item

        // Only the pages looked at are read: the first screenful, not 601 rows.
        QVERIFY(panel.model()->loadedPageCount() <= 2);
        QVERIFY(!panel.model()->isRowLoaded(kOrderCount));
        // A jump to the end reads the last page, which holds the same items as the store in the same order.
        panel.view()->scrollToBottom();
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->isRowLoaded(kOrderCount); }, kWaitMs));
        const ItemRow *last = panel.model()->rowAt(kOrderCount);
        QCOMPARE(last->item, qint64(kOrderCount));   // rows go by item id
        QCOMPARE(QList<qint64>{last->item}, storedItems(ItemFilter{std::nullopt, QString(), kOrderCount - 1, 1, {}, {}, 0, true}));
        // The row of order 600 (= 50 * 12, rejected for good) shows its status, icon, error and duration.
        const int failedRow = int(itemOfOrder(600));
        panel.view()->scrollTo(panel.model()->index(failedRow, 0));
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->isRowLoaded(failedRow); }, kWaitMs));
        const ItemRow *failed = panel.model()->rowAt(failedRow);
        QCOMPARE(failed->index, qint64(599));
        QCOMPARE(failed->status, ItemStatus::Failed);
        QCOMPARE(failed->error, QStringLiteral("Http.503"));
        QCOMPARE(failed->state, QStringLiteral("LoadToERP"));
        const QModelIndex status = panel.model()->index(failedRow, ItemsTableModel::StatusColumn);
        QCOMPARE(status.data().toString(), QStringLiteral("Failed"));
        QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(panel.model()->index(failedRow, ItemsTableModel::AttemptsColumn).data().toInt(), 1);
        QCOMPARE(panel.model()->index(failedRow, ItemsTableModel::ErrorColumn).data().toString(), QStringLiteral("Http.503"));
        QVERIFY(!panel.model()->index(failedRow, ItemsTableModel::DurationColumn).data().toString().isEmpty());
        // A retried one: order 20 succeeded on its second attempt.
        const int retriedRow = int(itemOfOrder(20));
        panel.view()->scrollTo(panel.model()->index(retriedRow, 0));
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->isRowLoaded(retriedRow); }, kWaitMs));
        QCOMPARE(panel.model()->rowAt(retriedRow)->status, ItemStatus::Succeeded);
        QCOMPARE(panel.model()->rowAt(retriedRow)->attempts, 2);
    }

    void filtersByStatusStateErrorAndText()
    {
        ItemsPanel panel;
        openPanel(panel, m_store, m_execution);
        QVERIFY(waitForRows(panel, kOrderCount + 1));

        ItemFilter failed;
        failed.status = ItemStatus::Failed;
        const QList<qint64> want = storedItems(failed);
        int failedOrders = 0;
        for (qint64 item : want)
            failedOrders += item > 0 ? 1 : 0;
        QCOMPARE(failedOrders, failedCount());
        panel.setStatusFilter(ItemStatus::Failed);
        QVERIFY(waitForRows(panel, want.size()));
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->isRowLoaded(int(want.size()) - 1); }, kWaitMs));
        QCOMPARE(shownItems(*panel.model()), want);
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            QCOMPARE(panel.model()->rowAt(row)->status, ItemStatus::Failed);

        panel.setErrorFilter(QStringLiteral("Http.429"));
        QVERIFY(waitForRows(panel, failedCount("Http.429")));
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            QCOMPARE(panel.model()->rowAt(row)->error, QStringLiteral("Http.429"));

        panel.setErrorFilter(QString());
        panel.setStatusFilter(std::nullopt);
        panel.setStateFilter(QStringLiteral("Load each order"));   // only the root item ends there
        QVERIFY(waitForRows(panel, 1));
        QCOMPARE(panel.model()->rowAt(0)->item, qint64(0));

        panel.setStateFilter(QString());
        panel.setTextFilter(QStringLiteral("ORDER 450"));   // the cause of order 450 (Http.503), any case
        QVERIFY(waitForRows(panel, 1));
        QCOMPARE(panel.model()->rowAt(0)->index, qint64(449));
        QVERIFY(panel.findChild<QLabel *>()->text().contains(QLatin1String("1 item")));
    }

    void keepsSelectionAndScrollAcrossLiveUpdates()
    {
        ItemsPanel panel;
        openPanel(panel, m_store, m_execution);
        QVERIFY(waitForRows(panel, kOrderCount + 1));
        panel.view()->scrollTo(panel.model()->index(300, 0), QAbstractItemView::PositionAtTop);
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->isRowLoaded(305); }, kWaitMs));
        const int scroll = panel.view()->verticalScrollBar()->value();
        QVERIFY(scroll > 0);
        QVERIFY(panel.selectItem(panel.model()->rowAt(305)->item));
        const qint64 selected = panel.currentItem();

        // A snapshot as the engine publishes it: the selected item and its neighbour are being replayed.
        ProgressSnapshot snapshot;
        snapshot.executionId = m_execution;
        for (int row : {304, 305}) {
            ItemUpdate update;
            update.id = ItemId{panel.model()->rowAt(row)->item};
            update.index = panel.model()->rowAt(row)->index;
            update.state = "LoadToERP";
            update.status = ItemStatus::Replaying;
            update.attempts = 7;
            snapshot.changed.push_back(update);
        }
        QSignalSpy changed(panel.model(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
        panel.applySnapshot(snapshot);
        panel.applySnapshot(snapshot);   // coalesced with the first into one flush
        QVERIFY(changed.wait(kWaitMs));
        QCOMPARE(changed.count(), 1);     // rows 304 and 305 in one contiguous range
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 304);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 305);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(panel.model()->index(305, ItemsTableModel::StatusColumn).data().toString(), QStringLiteral("Replaying"));
        QCOMPARE(panel.model()->index(305, ItemsTableModel::AttemptsColumn).data().toInt(), 7);
        QCOMPARE(panel.currentItem(), selected);
        QCOMPARE(panel.view()->currentIndex().row(), 305);
        QCOMPARE(panel.view()->verticalScrollBar()->value(), scroll);

        // The state filter learns the states the snapshots name.
        snapshot.states["LoadToERP"].entered = 3;
        snapshot.states["Transform"].entered = 3;
        panel.applySnapshot(snapshot);
        auto *states = panel.findChildren<QComboBox *>().at(1);
        QCOMPARE(states->findText(QStringLiteral("LoadToERP")), 1);
        QCOMPARE(states->findText(QStringLiteral("Transform")), 2);
        QCOMPARE(states->currentText(), QString());
    }

    void detailShowsTimelineInputOutputAndDiff()
    {
        ui::MonitorStore store;
        QSignalSpy opened(&store, &ui::MonitorStore::opened);
        store.open(m_store);
        QVERIFY(opened.wait(kWaitMs));
        ui::ItemDetailView detail;
        detail.resize(800, 600);
        detail.show();
        detail.setStore(&store);
        QSignalSpy loaded(&detail, &ui::ItemDetailView::loaded);
        detail.open(m_execution, itemOfOrder(75));   // Http.429, retried, rejected for good
        QVERIFY(loaded.wait(kWaitMs));
        QCOMPARE(loaded.first().at(0).toString(), QString());

        QStringList events;
        for (int i = 0; i < detail.timeline()->topLevelItemCount(); ++i)
            events << detail.timeline()->topLevelItem(i)->text(ui::ItemDetailView::EventColumn);
        QCOMPARE(events.first(), QStringLiteral("Item started"));
        QVERIFY2(events.contains(QStringLiteral("Retry scheduled")), qPrintable(events.join(QLatin1Char(','))));
        QCOMPARE(events.count(QStringLiteral("Task failed")), 2);
        QCOMPARE(events.last(), QStringLiteral("Item finished"));
        bool sawCause = false;
        bool sawDelay = false;
        for (int i = 0; i < detail.timeline()->topLevelItemCount(); ++i) {
            const QString text = detail.timeline()->topLevelItem(i)->text(ui::ItemDetailView::DetailColumn);
            sawCause = sawCause || text == QStringLiteral("Http.429: ERP rejected order 75");
            sawDelay = sawDelay || text.startsWith(QLatin1String("next attempt in"));
        }
        QVERIFY(sawCause);
        QVERIFY(sawDelay);

        // Transform's input and output, and what it changed: one added path.
        QVERIFY(detail.showState(QStringLiteral("Transform")));
        ui::JsonTreeView *input = detail.inputView();
        ui::JsonTreeView *output = detail.outputView();
        QVERIFY(input->itemAt(QStringLiteral("$.id")));
        QCOMPARE(input->itemAt(QStringLiteral("$.id"))->text(ui::JsonTreeView::ValueColumn), QStringLiteral("75"));
        QVERIFY(!input->itemAt(QStringLiteral("$.sku")));
        QVERIFY(output->itemAt(QStringLiteral("$.sku")));
        QCOMPARE(output->itemAt(QStringLiteral("$.sku"))->text(ui::JsonTreeView::ValueColumn), QStringLiteral("\"SKU-75\""));
        QCOMPARE(detail.diffView()->topLevelItemCount(), 1);
        QTreeWidgetItem *change = detail.diffView()->topLevelItem(0);
        QCOMPARE(change->text(ui::ItemDetailView::ChangeColumn), QStringLiteral("added"));
        QCOMPARE(change->text(ui::ItemDetailView::PathColumn), QStringLiteral("$.sku"));
        QCOMPARE(change->text(ui::ItemDetailView::AfterColumn), QStringLiteral("\"SKU-75\""));

        // Search marks and selects; the path of the current node copies as JSONPath.
        QCOMPARE(output->search(QStringLiteral("sku-")), 1);
        QCOMPARE(output->currentPath(), QStringLiteral("$.sku"));
        output->copyCurrentPath();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("$.sku"));
    }

    void diffFindsAddedRemovedAndChangedPaths()
    {
        const Json before = Json::parse(R"({"a": {"b": [1, 2, 3], "gone": true}, "odd key": "x", "same": 1})");
        const Json after = Json::parse(R"({"a": {"b": [1, 5], "new": null}, "odd key": 2, "same": 1})");
        QStringList changes;
        for (const ui::JsonChange &c : ui::jsonDiff(before, after))
            changes << QStringLiteral("%1 %2").arg(int(c.kind)).arg(c.path);
        QCOMPARE(changes, (QStringList{QStringLiteral("2 $.a.b[1]"), QStringLiteral("1 $.a.b[2]"),
                                       QStringLiteral("1 $.a.gone"), QStringLiteral("0 $.a.new"),
                                       QStringLiteral("2 $['odd key']")}));
        QVERIFY(ui::jsonDiff(before, before).isEmpty());
    }

    void historyPagesAsTheViewScrolls()
    {
        ui::MonitorStore store;
        store.open(m_store);
        ui::ExecutionHistoryView history;
        history.resize(800, 400);
        history.show();
        history.setStore(&store);
        QSignalSpy page(history.model(), &ui::ExecutionHistoryModel::pageLoaded);
        history.open(m_execution);
        QVERIFY(page.wait(kWaitMs));
        QCOMPARE(history.model()->rowCount(), ui::ExecutionHistoryModel::kPageSize);
        QVERIFY(history.model()->canFetchMore({}));
        const QModelIndex first = history.model()->index(0, ui::ExecutionHistoryModel::TypeColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("Item started"));

        // Reading to the end: every event of the run, once, in (item, seq) order.
        while (!history.model()->atEnd()) {
            const int before = history.model()->rowCount();
            history.model()->fetchMore({});
            QVERIFY(QTest::qWaitFor([&] { return history.model()->rowCount() > before || history.model()->atEnd(); },
                                    kWaitMs));
        }
        auto reader = JournalReader::open(m_store);
        HistoryFilter all;
        all.limit = 1 << 30;
        const QList<HistoryEvent> stored = reader.value()->history(m_execution, all).value();
        QCOMPARE(history.model()->rowCount(), int(stored.size()));
        for (int row = 1; row < history.model()->rowCount(); ++row) {
            const HistoryEvent &a = history.model()->eventAt(row - 1);
            const HistoryEvent &b = history.model()->eventAt(row);
            QVERIFY(a.item < b.item || (a.item == b.item && a.seq < b.seq));
        }
        QCOMPARE(history.model()->index(9, ui::ExecutionHistoryModel::IdColumn).data().toInt(), 10);
    }

    /// With SLUICE_SCREENSHOT_DIR set: the panel on the failed items, an item's detail and the history, as PNGs.
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("SLUICE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("SLUICE_SCREENSHOT_DIR is not set");
        QDir().mkpath(dir);
        ui::MonitorStore store;
        store.open(m_store);
        ItemsPanel panel;
        panel.setStore(&store);
        panel.resize(980, 420);
        panel.show();
        panel.open(m_execution);
        QVERIFY(waitForRows(panel, kOrderCount + 1));
        panel.view()->scrollTo(panel.model()->index(140, 0), QAbstractItemView::PositionAtTop);
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->isRowLoaded(150); }, kWaitMs));
        QVERIFY(panel.selectItem(panel.model()->rowAt(150)->item));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(dir + QStringLiteral("/items-panel.png")));
        panel.setStatusFilter(ItemStatus::Failed);
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->count() >= failedCount() && panel.model()->isRowLoaded(0); },
                                kWaitMs));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(dir + QStringLiteral("/items-failed.png")));

        ui::ItemDetailView detail;
        detail.setStore(&store);
        detail.resize(820, 640);
        detail.show();
        QSignalSpy loaded(&detail, &ui::ItemDetailView::loaded);
        detail.open(m_execution, itemOfOrder(75));
        QVERIFY(loaded.wait(kWaitMs));
        QVERIFY(detail.showState(QStringLiteral("Transform")));
        detail.tabs()->setCurrentIndex(1);
        QTest::qWait(50);
        QVERIFY(detail.grab().save(dir + QStringLiteral("/item-detail.png")));
        detail.tabs()->setCurrentIndex(2);
        QTest::qWait(50);
        QVERIFY(detail.grab().save(dir + QStringLiteral("/item-diff.png")));

        ui::ExecutionHistoryView history;
        history.setStore(&store);
        history.resize(900, 420);
        history.show();
        QSignalSpy page(history.model(), &ui::ExecutionHistoryModel::pageLoaded);
        history.open(m_execution);
        QVERIFY(page.wait(kWaitMs));
        QTest::qWait(50);
        QVERIFY(history.grab().save(dir + QStringLiteral("/history.png")));
    }
};

QTEST_MAIN(TestItemsPanel)
#include "tst_itemspanel.moc"
