// The DLQ browser over a real store: a workflow whose target rejects some orders runs through the real
// Engine into a real SQLite journal; the browser shows the failures grouped, replays them (one edited,
// all matching a filter), discards and exports them.

#include "../core/engine/EngineTestUtil.h"
#include "dlq/DlqBrowser.h"
#include "dlq/DlqDetailPane.h"
#include "dlq/DlqEntryModel.h"
#include "dlq/DlqGroupModel.h"
#include "dlq/DlqReplayDialog.h"
#include "dlq/DlqReportDialog.h"
#include "DefinitionView.h"
#include "replay/DlqJson.h"
#include "replay/DlqReplayer.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sluice;
using sluice::ui::DlqBrowser;
using sluice::ui::DlqEntryModel;
using sluice::ui::DlqGroupModel;

namespace {

// Orders go through Transform, then LoadToERP, which rejects an order `rejections` times with its `error`.
const char *const kOrders = R"json({
  "StartAt": "Load each order",
  "States": {
    "Load each order": {
      "Type": "Map", "ItemsPath": "$.orders", "ToleratedFailurePercentage": 100,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Transform",
        "States": {
          "Transform": {"Type": "Pass", "Next": "LoadToERP"},
          "LoadToERP": {"Type": "Task", "Resource": "sluice:fail",
                        "Parameters": {"Error.$": "$.error", "Cause.$": "States.Format('ERP rejected order {}', $.id)",
                                       "Attempts.$": "$.rejections"},
                        "End": true}
        }
      },
      "End": true
    }
  }
})json";

constexpr int kWaitMs = 20000;

} // namespace

class TestDlqBrowser : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    QString m_execution;

    /// Runs the orders workflow: three orders fail with Http.503, two with Http.429, two succeed.
    bool runOrders()
    {
        auto journal = Journal::open(m_store);
        if (!journal)
            return false;
        auto version = journal.value()->saveWorkflow(QByteArray(kOrders), QStringLiteral("orders"));
        if (!version)
            return false;
        const std::pair<const char *, int> orders[] = {{"Http.503", 5}, {"Http.503", 5}, {"Http.429", 5}, {"Http.503", 0},
                                                       {"Http.503", 5}, {"Http.429", 5}, {"Http.503", 0}};
        Json list = Json::array();
        int id = 0;
        for (const auto &[error, rejections] : orders)
            list.push_back({{"id", ++id}, {"error", error}, {"rejections", rejections}});
        ExecutionOptions options;
        options.journal = journal.value();
        options.workflowVersion = version.value();
        options.noDelays = true;
        options.stateMachineName = "orders";
        Engine engine(2);
        const Execution execution = engine.start(test::workflowFrom(Json::parse(kOrders)), {{"orders", list}}, options);
        execution.waitForFinished();
        m_execution = execution.result().executionId;
        return journal.value()->flush(kWaitMs);
    }

    std::unique_ptr<JournalReader> reader() { return std::move(JournalReader::open(m_store)).value(); }

    static bool openBrowser(DlqBrowser &browser, const QString &store)
    {
        QSignalSpy loaded(&browser, &DlqBrowser::loaded);
        browser.setStore(store);
        return loaded.wait(kWaitMs);
    }

    /// The row of `id` after the next refresh has come in.
    static int rowOf(DlqBrowser &browser, qint64 id) { return browser.entryModel()->rowOf(id); }

    static qint64 firstIdWith(DlqBrowser &browser, const QString &error)
    {
        for (int row = 0; row < browser.entryModel()->rowCount(); ++row) {
            if (browser.entryModel()->rowAt(row).entry.error == error)
                return browser.entryModel()->rowAt(row).entry.id;
        }
        return 0;
    }

    /// Waits for the refresh that follows a replay or a discard: the row of `id` shows `status`.
    static bool waitForStatus(DlqBrowser &browser, qint64 id, DlqStatus status)
    {
        return QTest::qWaitFor(
            [&] {
                const int row = rowOf(browser, id);
                return row >= 0 && browser.entryModel()->rowAt(row).entry.status == status;
            },
            kWaitMs);
    }

private Q_SLOTS:
    void init()
    {
        m_store = m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QVERIFY(runOrders());
    }

    void showsTheFailuresGroupedAndFiltersByGroup()
    {
        DlqBrowser browser;
        QAbstractItemModelTester groupTester(browser.groupModel());
        QAbstractItemModelTester entryTester(browser.entryModel());
        browser.resize(1400, 420);
        browser.show();
        QVERIFY(openBrowser(browser, m_store));

        DlqGroupModel *groups = browser.groupModel();
        QCOMPARE(groups->rowCount(), 3);   // all entries, then the two groups, biggest first
        QCOMPARE(groups->index(0, 0).data().toString(), tr("All entries (%1)").arg(5));
        QCOMPARE(groups->index(1, 0).data().toString(), DlqGroupModel::groupText({QStringLiteral("Http.503"),
                                                                                  QStringLiteral("LoadToERP"), 3, 3, 0}));
        QCOMPARE(groups->index(1, 0).data(DlqGroupModel::CountRole).toLongLong(), 3);
        QCOMPARE(groups->index(2, 0).data(DlqGroupModel::ErrorRole).toString(), QStringLiteral("Http.429"));
        QCOMPARE(groups->index(2, 0).data(DlqGroupModel::CountRole).toLongLong(), 2);

        DlqEntryModel *entries = browser.entryModel();
        QCOMPARE(entries->rowCount(), 5);
        for (int row = 0; row < entries->rowCount(); ++row) {
            QCOMPARE(entries->index(row, DlqEntryModel::StateColumn).data().toString(), QStringLiteral("LoadToERP"));
            QCOMPARE(entries->index(row, DlqEntryModel::StatusColumn).data().toString(), DlqEntryModel::statusText(DlqStatus::Open));
            QVERIFY(entries->index(row, DlqEntryModel::CauseColumn).data().toString().startsWith(QStringLiteral("ERP rejected order")));
        }

        // Clicking the Http.429 group narrows the entries to it.
        const QRect groupRect = browser.groupView()->visualRect(groups->index(2, 0));
        QTest::mouseClick(browser.groupView()->viewport(), Qt::LeftButton, {}, groupRect.center());
        QVERIFY(QTest::qWaitFor([&] { return entries->rowCount() == 2; }, kWaitMs));
        for (int row = 0; row < entries->rowCount(); ++row)
            QCOMPARE(entries->index(row, DlqEntryModel::ErrorColumn).data().toString(), QStringLiteral("Http.429"));
        QCOMPARE(browser.filter().error, QStringLiteral("Http.429"));
        QCOMPARE(browser.filter().state, QStringLiteral("LoadToERP"));

        // Selecting an entry shows its input, error and cause.
        const qint64 id = entries->rowAt(0).entry.id;
        QSignalSpy shown(&browser, &DlqBrowser::entryShown);
        browser.selectIds({id});
        QVERIFY(shown.wait(kWaitMs));
        QCOMPARE(browser.detailPane()->entryId(), id);
        const Json input = Json::parse(browser.detailPane()->inputText().toStdString());
        QCOMPARE(QString::fromStdString(input["error"].get<std::string>()), QStringLiteral("Http.429"));
        QCOMPARE(browser.detailPane()->detail().states, QStringList({QStringLiteral("Transform"), QStringLiteral("LoadToERP")}));
        QCOMPARE(browser.detailPane()->detail().workflowName, QStringLiteral("orders"));
    }

    void editAndReplayUsesTheEditedInput()
    {
        DlqBrowser browser;
        browser.show();
        QVERIFY(openBrowser(browser, m_store));
        const qint64 id = firstIdWith(browser, QStringLiteral("Http.503"));
        QVERIFY(id > 0);
        QSignalSpy shown(&browser, &DlqBrowser::entryShown);
        browser.selectIds({id});
        QVERIFY(shown.wait(kWaitMs));
        QVERIFY(browser.action(DlqBrowser::Action::EditAndReplay)->isEnabled());

        browser.action(DlqBrowser::Action::EditAndReplay)->trigger();
        auto *dialog = browser.findChild<ui::DlqReplayDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->replayButton()->isEnabled());   // the stored input is valid JSON
        dialog->editor()->setPlainText(QStringLiteral("{\"id\": 1, \"error\": \"Http.503\", \"rejections\": "));
        QVERIFY(!dialog->replayButton()->isEnabled());
        QVERIFY(dialog->validation()->text().contains(QStringLiteral("line 1")));
        dialog->editor()->setPlainText(QStringLiteral("{\"id\": 1, \"error\": \"Http.503\", \"rejections\": 0,\n"
                                                      " \"note\": \"edited\"}"));
        QVERIFY(dialog->replayButton()->isEnabled());
        QCOMPARE(dialog->fromState(), QString());

        QSignalSpy finished(&browser, &DlqBrowser::replayFinished);
        QTest::mouseClick(dialog->replayButton(), Qt::LeftButton);
        QVERIFY(browser.isReplaying());
        QVERIFY(browser.progressBar()->isVisible());
        QVERIFY(finished.wait(kWaitMs));

        // The report lists the entry as succeeded; the store agrees and keeps the replay on the entry.
        QVERIFY(browser.reportDialog());
        QCOMPARE(browser.reportDialog()->results().size(), 1);
        QCOMPARE(browser.reportDialog()->results()[0].id, id);
        QCOMPARE(int(browser.reportDialog()->results()[0].outcome), int(ReplayOutcome::Succeeded));
        QCOMPARE(browser.reportDialog()->table()->model()->rowCount(), 1);
        auto store = reader();
        QCOMPARE(int(store->dlqEntry(id).value().status), int(DlqStatus::Replayed));
        QCOMPARE(store->replays(id).value().size(), 1);

        // The list refreshes: the row is replayed, and its detail shows the new replay record.
        QVERIFY(waitForStatus(browser, id, DlqStatus::Replayed));
        const int row = rowOf(browser, id);
        QVERIFY(browser.entryModel()->index(row, DlqEntryModel::ReplaysColumn).data().toString().contains(
            DlqEntryModel::outcomeText(ReplayOutcome::Succeeded)));
        QVERIFY(QTest::qWaitFor([&] { return browser.detailPane()->replayList()->topLevelItemCount() == 1; }, kWaitMs));
        QCOMPARE(browser.detailPane()->replayList()->topLevelItem(0)->text(3), DlqEntryModel::outcomeText(ReplayOutcome::Succeeded));
        QCOMPARE(browser.entryView()->selectionModel()->selectedRows().size(), 1);   // the selection survived
    }

    void replayAllMatchingReportsEveryEntry()
    {
        DlqBrowser browser;
        browser.show();
        QVERIFY(openBrowser(browser, m_store));
        DlqFilter only429;
        only429.error = QStringLiteral("Http.429");
        QSignalSpy loaded(&browser, &DlqBrowser::loaded);
        browser.setFilter(only429);
        QVERIFY(loaded.wait(kWaitMs));
        QCOMPARE(browser.entryModel()->rowCount(), 2);
        QList<qint64> ids;
        for (int row = 0; row < 2; ++row)
            ids.append(browser.entryModel()->rowAt(row).entry.id);

        QSignalSpy finished(&browser, &DlqBrowser::replayFinished);
        browser.action(DlqBrowser::Action::ReplayAll)->trigger();
        QVERIFY(finished.wait(kWaitMs));
        const QList<ReplayEntryResult> results = browser.reportDialog()->results();
        QCOMPARE(results.size(), 2);
        QList<qint64> reported;
        for (const ReplayEntryResult &r : results) {
            reported.append(r.id);
            QCOMPARE(int(r.outcome), int(ReplayOutcome::Failed));   // the ERP still rejects them
            QCOMPARE(r.error, QStringLiteral("Http.429"));
        }
        std::sort(reported.begin(), reported.end());
        QCOMPARE(reported, ids);
        QVERIFY(browser.reportDialog()->summary().contains(QStringLiteral("2")));
        // Nothing is lost: both stay open and carry the new failure.
        auto store = reader();
        for (qint64 id : ids) {
            QCOMPARE(int(store->dlqEntry(id).value().status), int(DlqStatus::Open));
            QCOMPARE(store->replays(id).value().size(), 1);
        }
        QVERIFY(QTest::qWaitFor([&] {
            return browser.entryModel()->rowCount() == 2 && browser.entryModel()->rowAt(0).replayCount == 1
                && browser.entryModel()->rowAt(1).replayCount == 1;
        }, kWaitMs));
    }

    void discardMarksTheEntry()
    {
        DlqBrowser browser;
        browser.show();
        QVERIFY(openBrowser(browser, m_store));
        const qint64 id = browser.entryModel()->rowAt(0).entry.id;
        browser.selectIds({id});
        QVERIFY(browser.action(DlqBrowser::Action::Discard)->isEnabled());
        QSignalSpy discarded(&browser, &DlqBrowser::discarded);
        browser.action(DlqBrowser::Action::Discard)->trigger();
        auto *box = browser.findChild<QMessageBox *>();
        QVERIFY(box);
        QAbstractButton *confirm = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                confirm = button;
        }
        QVERIFY(confirm);
        confirm->click();
        QVERIFY(discarded.wait(kWaitMs));
        QCOMPARE(discarded.first().first().toInt(), 1);
        QCOMPARE(int(reader()->dlqEntry(id).value().status), int(DlqStatus::Discarded));
        QVERIFY(waitForStatus(browser, id, DlqStatus::Discarded));
        QCOMPARE(browser.groupModel()->groups().first().open, 2);   // Http.503 at LoadToERP: 3 entries, 2 open
    }

    void exportWritesTheCliLines()
    {
        DlqBrowser browser;
        QVERIFY(openBrowser(browser, m_store));
        // One entry with a replay, so the lines carry replay records too.
        auto store = reader();
        const DlqEntry first = store->dlq().value().first();
        {
            auto journal = Journal::open(m_store);
            DlqReplayer replayer(journal.value(), std::shared_ptr<JournalReader>(reader()));
            ReplayRequest request;
            request.ids = {first.id};
            QVERIFY(replayer.replay(request));
        }
        const QString file = m_dir.filePath(QStringLiteral("export.jsonl"));
        QSignalSpy exported(&browser, &DlqBrowser::exported);
        browser.exportTo(file);
        QVERIFY(exported.wait(kWaitMs));
        QCOMPARE(exported.first().at(0).toInt(), 5);
        QCOMPARE(exported.first().at(2).toString(), QString());

        QByteArray expected;
        const QList<DlqEntry> all = store->dlq().value();
        for (const DlqEntry &entry : all)
            expected += dlqExportLine(entry, store->replays(entry.id).value());
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray lines = written.readAll();
        QCOMPARE(lines, expected);
        QCOMPARE(lines.count('\n'), 5);
        const Json firstLine = Json::parse(lines.left(lines.indexOf('\n')).toStdString());
        QCOMPARE(firstLine["replays"].size(), size_t(1));
        QCOMPARE(QString::fromStdString(firstLine["state"].get<std::string>()), QStringLiteral("LoadToERP"));
    }

    void aMissingStoreSaysSo()
    {
        DlqBrowser browser;
        QSignalSpy opened(&browser, &DlqBrowser::storeOpened);
        browser.setStore(m_dir.filePath(QStringLiteral("nothing-here.db")));
        QVERIFY(opened.wait(kWaitMs));
        QVERIFY(!opened.first().first().toString().isEmpty());
        QVERIFY(!browser.action(DlqBrowser::Action::Replay)->isEnabled());
        QVERIFY(!browser.action(DlqBrowser::Action::ReplayAll)->isEnabled());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nothing-here.db"))));
    }
};

QTEST_MAIN(TestDlqBrowser)
#include "tst_dlqbrowser.moc"
