// bench_dlq_view [--entries N] [--runs N] [--store PATH] [--screenshot FILE]
//
// The DLQ browser over a store holding N DLQ entries (default 100,000), written through the Journal API
// (a few executions, five error names over four states, realistic causes; a handful replayed). Times how
// long a freshly built DlqBrowser takes from setStore() until the grouped view and the first page of
// entries are in and painted, `--runs` times (default 5), and the longest the GUI thread's event loop went
// without turning meanwhile. With --screenshot it also selects a replayed entry and saves the browser as
// a PNG.

#include "dlq/DlqBrowser.h"
#include "dlq/DlqDetailPane.h"
#include "dlq/DlqEntryModel.h"
#include "dlq/DlqGroupModel.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <cstdio>

using namespace sluice;
using Type = JournalRecord::Type;

namespace {

const QByteArray kDefinition = R"({"Comment": "Product sync", "StartAt": "Sync each product", "States": {
  "Sync each product": {"Type": "Map", "ItemsPath": "$.products",
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
      "StartAt": "FetchPrices", "States": {
        "FetchPrices": {"Type": "Task", "Resource": "sluice:http", "Next": "Transform"},
        "Transform": {"Type": "Pass", "Next": "ValidateSku"},
        "ValidateSku": {"Type": "Task", "Resource": "sluice:http", "Next": "LoadToERP"},
        "LoadToERP": {"Type": "Task", "Resource": "sluice:http", "End": true}}},
    "End": true}}})";

struct Kind
{
    const char *error;
    const char *state;
    const char *cause;   ///< %1 = the SKU
    int weight;
};

// Most failures are the ERP being down; a few other kinds, as a real day of syncing looks.
const Kind kKinds[] = {
    {"Http.503", "LoadToERP", "POST https://erp.example.com/api/items/%1: 503 Service Unavailable (upstream maintenance)", 60},
    {"Http.429", "FetchPrices", "GET https://prices.example.com/v2/sku/%1: 429 Too Many Requests, retry after 30 s", 20},
    {"States.Timeout", "LoadToERP", "Task timed out after 30 seconds waiting for the ERP to answer for %1", 10},
    {"Validation.BadSku", "ValidateSku", "SKU %1 has no price list in region EU-West", 7},
    {"States.TaskFailed", "Transform", "Unit 'pcs ' for %1 is not one of kg, l, pcs", 3},
};

QString skuOf(qint64 item)
{
    return QStringLiteral("SKU-%1").arg(100000 + item);
}

/// Writes `entries` DLQ entries over four executions; the store's path is `location`.
bool generate(const QString &location, qint64 entries)
{
    auto journal = Journal::open(location);
    if (!journal) {
        std::fprintf(stderr, "%s\n", qPrintable(journal.error().message));
        return false;
    }
    auto version = journal.value()->saveWorkflow(kDefinition, QStringLiteral("product-sync"));
    if (!version)
        return false;
    const int executions = 4;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = 6 * 3600 * 1000LL;   // the failures spread over the last six hours
    int weights = 0;
    for (const Kind &k : kKinds)
        weights += k.weight;
    qint64 written = 0;
    for (int e = 0; e < executions; ++e) {
        const QString id = QStringLiteral("product-sync-%1-%2").arg(now).arg(e + 1);
        JournalRecord start;
        start.type = Type::ExecutionStarted;
        start.executionId = id;
        start.executionName = "nightly product sync";
        start.workflowVersion = version.value();
        start.payload = std::make_shared<const Json>(Json{{"feed", "products.csv"}});
        start.timeMs = now - span;
        journal.value()->append({start});
        const qint64 count = entries / executions + (e < entries % executions ? 1 : 0);
        std::vector<JournalRecord> batch;
        for (qint64 i = 1; i <= count; ++i) {
            const qint64 n = written + i;
            const Kind *kind = &kKinds[0];
            int pick = int((n * 7919) % weights);
            for (const Kind &k : kKinds) {
                if (pick < k.weight) {
                    kind = &k;
                    break;
                }
                pick -= k.weight;
            }
            const qint64 time = now - span + span * i / std::max<qint64>(count, 1);
            auto input = std::make_shared<const Json>(Json{{"sku", skuOf(n).toStdString()},
                                                           {"name", "Stainless bolt M" + std::to_string(4 + n % 9)},
                                                           {"qty", n % 250},
                                                           {"price", {{"amount", double(n % 9000) / 100.0}, {"currency", "EUR"}}},
                                                           {"warehouse", n % 3 ? "HAM-1" : "MUC-2"}});
            JournalRecord began;
            began.type = Type::ItemStarted;
            began.executionId = id;
            began.item = i;
            began.index = i - 1;
            began.mapState = "Sync each product";
            began.state = "FetchPrices";
            began.businessKey = skuOf(n).toStdString();
            began.payload = input;
            began.timeMs = time - 90000;
            JournalRecord entered = began;
            entered.type = Type::StateEntered;
            entered.state = kind->state;
            JournalRecord failed;
            failed.type = Type::ItemFinished;
            failed.executionId = id;
            failed.item = i;
            failed.state = kind->state;
            failed.status = ItemStatus::Failed;
            failed.error = kind->error;
            failed.cause = QString::fromLatin1(kind->cause).arg(skuOf(n)).toStdString();
            failed.attempt = 3;
            failed.timeMs = time;
            failed.firstFailureMs = time - 60000;
            failed.dlq = true;
            failed.dlqInput = input;
            batch.push_back(std::move(began));
            batch.push_back(std::move(entered));
            batch.push_back(std::move(failed));
            if (batch.size() >= 3000) {
                journal.value()->append(std::move(batch));
                batch.clear();
            }
        }
        journal.value()->append(std::move(batch));
        written += count;
    }
    if (!journal.value()->flush(600000))
        return false;

    // A few entries were replayed already: one succeeded, the others failed again.
    auto reader = JournalReader::open(location);
    if (!reader)
        return false;
    DlqFilter first;
    first.limit = 6;
    const QList<DlqEntry> some = reader.value()->dlq(first).value();
    for (qsizetype i = 0; i < some.size(); ++i) {
        const DlqEntry &entry = some[i];
        for (int attempt = 1; attempt <= (i == 1 ? 2 : 1); ++attempt) {
            ReplayRecord replay;
            replay.timeMs = now - 1800000 + attempt * 600000;
            replay.osUser = QStringLiteral("mara");
            replay.attempt = attempt;
            replay.outcome = i == 1 && attempt == 2 ? ReplayOutcome::Succeeded : ReplayOutcome::Failed;
            if (replay.outcome == ReplayOutcome::Failed) {
                replay.error = entry.error;
                replay.cause = entry.cause;
            }
            replay.newExecutionId = entry.executionId;
            replay.newItem = entry.item;
            (void)reader.value()->addReplay(entry.id, replay);
        }
        if (i == 1)
            (void)reader.value()->setDlqStatus(entry.id, DlqStatus::Replayed);
        if (i == 4)
            (void)reader.value()->setDlqStatus(entry.id, DlqStatus::Discarded);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    qint64 entries = 100000;
    int runs = 5;
    QString store;
    QString screenshot;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--entries"))
            entries = args[++i].toLongLong();
        else if (args[i] == QStringLiteral("--runs"))
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == QStringLiteral("--store"))
            store = args[++i];
        else if (args[i] == QStringLiteral("--screenshot"))
            screenshot = args[++i];
    }
    QTemporaryDir dir;
    if (store.isEmpty())
        store = dir.filePath(QStringLiteral("dlq.db"));
    QElapsedTimer timer;
    timer.start();
    if (!generate(store, entries)) {
        std::fprintf(stderr, "could not write the store\n");
        return 1;
    }
    std::printf("wrote %lld DLQ entries in %.2f s\n", qlonglong(entries), double(timer.elapsed()) / 1000.0);

    // The two queries behind the view, alone, on a reader of their own (median of `runs`).
    {
        auto reader = JournalReader::open(store);
        std::vector<double> groupMs;
        std::vector<double> pageMs;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer t;
            t.start();
            (void)reader.value()->dlqGroups({});
            groupMs.push_back(double(t.nsecsElapsed()) / 1e6);
            t.restart();
            DlqFilter page;
            page.limit = 250;
            const QList<DlqEntry> rows = reader.value()->dlq(page).value();
            for (const DlqEntry &e : rows)
                (void)reader.value()->replays(e.id);
            pageMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::sort(groupMs.begin(), groupMs.end());
        std::sort(pageMs.begin(), pageMs.end());
        std::printf("dlqGroups %.1f ms, first page of 250 with replays %.1f ms (medians of %d)\n",
                    groupMs[groupMs.size() / 2], pageMs[pageMs.size() / 2], runs);
    }

    std::vector<double> opens;
    qint64 blockMax = 0;
    for (int run = 0; run < runs; ++run) {
        sluice::ui::DlqBrowser browser;
        browser.resize(1500, 460);
        browser.show();
        QCoreApplication::processEvents();
        // The event loop's longest pause while the browser loads: a 1 ms timer that notes the gaps.
        QElapsedTimer sinceTick;
        qint64 longest = 0;
        QTimer ticker;
        ticker.setInterval(1);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            longest = std::max(longest, sinceTick.restart());
        });
        QSignalSpy loaded(&browser, &sluice::ui::DlqBrowser::loaded);
        QElapsedTimer open;
        open.start();
        sinceTick.start();
        ticker.start();
        browser.setStore(store);
        if (!loaded.wait(60000)) {
            std::fprintf(stderr, "the browser did not load\n");
            return 1;
        }
        browser.repaint();   // shown = painted
        const double ms = double(open.nsecsElapsed()) / 1e6;
        ticker.stop();
        longest = std::max(longest, sinceTick.elapsed());
        blockMax = std::max(blockMax, longest);
        opens.push_back(ms);
        std::printf("run %d: groups %lld, first page %d rows, shown after %.1f ms; longest event-loop pause %lld ms\n",
                    run + 1, qlonglong(browser.groupModel()->rowCount() - 1), browser.entryModel()->rowCount(), ms,
                    qlonglong(longest));

        if (!screenshot.isEmpty() && run + 1 == runs) {
            QSignalSpy shown(&browser, &sluice::ui::DlqBrowser::entryShown);
            const qint64 replayed = browser.entryModel()->rowAt(1).entry.id;
            browser.selectIds({replayed});
            shown.wait(10000);
            QCoreApplication::processEvents();
            browser.grab().save(screenshot);
            std::printf("screenshot: %s\n", qPrintable(screenshot));
        }
    }
    std::vector<double> sorted = opens;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    std::printf("{\"bench\": \"dlq_view\", \"dlq_open_ms\": %.1f, \"dlq_open_ms_max\": %.1f, \"entries\": %lld, "
                "\"runs\": %d, \"gui_block_ms_max\": %lld}\n",
                median, sorted.back(), qlonglong(entries), runs, qlonglong(blockMax));
    return 0;
}
