// bench_monitor [--items N] [--dlq N]
//
// The monitor watching a large run. The bench_engine_map pipeline (a Map over N items, default 1,000,000,
// every transition journaled in SQLite) runs twice in this process, each on a fresh store: first headless
// (RunService, nobody watching), then from the main window (offscreen) with the run open on the canvas,
// the Runs dock and the store watcher following it. Meanwhile a 5 ms timer on the GUI thread measures
// how late the event loop gets (gui_block_ms_max). throughput_ratio = watched items/s / headless items/s.
// Then the DLQ browser opens (grouped, first page painted) over M DLQ entries (default 100,000) that a
// real run failing every item wrote (dlq_open_ms). Peak RSS of the whole process.
// Last line: {"bench": "monitor", ...}; items_table_open_ms and scroll_ms_max are the items table's (null).

#include "BenchUtil.h"

#include "MainWindow.h"
#include "dlq/DlqBrowser.h"
#include "editor/EditorDocument.h"
#include "monitor/RunView.h"
#include "run/RunService.h"
#include "store/Journal.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace sluice;

namespace {

/// Every item fails for good in its only state: a DLQ entry each.
const char *const kFailEach = R"JSON({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
  "ToleratedFailurePercentage": 100, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
  "ExecutionType": "STANDARD"}, "StartAt": "LoadToERP", "States": {"LoadToERP": {"Type": "Task",
  "Resource": "sluice:fail", "Parameters": {"Error": "Http.503", "Cause": "ERP down for maintenance"},
  "End": true}}}, "End": true}}})JSON";

/// Waits in the event loop until `done` or `timeoutMs`.
bool spin(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("sluice-bench"));
    QStandardPaths::setTestModeEnabled(true);
    qint64 items = 1000000;
    qint64 dlqEntries = 100000;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--items") == 0 && i + 1 < argc)
            items = QByteArray(argv[++i]).toLongLong();
        else if (qstrcmp(argv[i], "--dlq") == 0 && i + 1 < argc)
            dlqEntries = QByteArray(argv[++i]).toLongLong();
    }
    QTemporaryDir dir;
    // Each run gets a fresh store of its own, so neither writes into a store the other has filled.
    const QString headlessStore = dir.filePath(QStringLiteral("headless.db"));
    const QString store = dir.filePath(QStringLiteral("monitor.db"));
    const QByteArray definition(bench::kMapPipeline);

    // 1. Headless: the same service the window uses, nobody watching.
    double headless = 0;
    {
        auto journal = Journal::open(headlessStore);
        if (!journal) {
            std::fprintf(stderr, "%s\n", qPrintable(journal.error().message));
            return 1;
        }
        RunService service(journal.value());
        Json input = bench::catalogueInput(items);
        QElapsedTimer timer;
        timer.start();
        auto execution = service.start(definition, std::move(input));
        if (!execution || !execution->waitForFinished(1800000) ||
            execution->result().status != ExecutionStatus::Succeeded || !journal.value()->flush(600000))
            return 1;
        headless = double(items) / (double(timer.nsecsElapsed()) / 1e9);
        std::printf("headless           %.0f items/s\n", headless);
    }

    // 2. Watched: the main window runs it from the designer, its run tab and the Runs dock follow.
    double watched = 0;
    double blockMax = 0;
    {
        ui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        if (!window.document()->load(definition))
            return 1;
        QSignalSpy ready(&window, &ui::MainWindow::monitorReady);
        QSignalSpy started(&window, &ui::MainWindow::runStarted);
        window.startMonitor(store);
        if (!spin([&]() { return !ready.isEmpty(); }, 30000))
            return 1;
        spin([]() { return false; }, 500);   // let the first reads settle

        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&]() {
            blockMax = std::max(blockMax, double(sinceTick.nsecsElapsed()) / 1e6 - 5.0);
            sinceTick.restart();
        });
        Json input = bench::catalogueInput(items);
        QElapsedTimer timer;
        timer.start();
        sinceTick.start();
        probe.start();
        window.runWorkflow(std::move(input));
        if (!spin([&]() { return !started.isEmpty(); }, 600000))
            return 1;
        const QString id = started.first().first().toString();
        const auto execution = window.runService()->execution(id);
        if (!execution || !spin([&]() { return execution->isFinished(); }, 1800000))
            return 1;
        probe.stop();
        if (execution->result().status != ExecutionStatus::Succeeded || !window.runService()->journal()->flush(600000))
            return 1;
        watched = double(items) / (double(timer.nsecsElapsed()) / 1e9);
        std::printf("watched            %.0f items/s, GUI event loop late by at most %.1f ms\n", watched, blockMax);
        if (!window.runView(id) || !window.runView(id)->isLoaded())
            std::fprintf(stderr, "the run tab did not show the run\n");
    }

    // 3. The DLQ browser over the entries of a real run that fails every item.
    double dlqOpenMs = -1;
    {
        const QString dlqStore = dir.filePath(QStringLiteral("dlq.db"));
        auto journal = Journal::open(dlqStore);
        if (!journal)
            return 1;
        RunService service(journal.value());
        Json list = Json::array();
        for (qint64 i = 0; i < dlqEntries; ++i)
            list.push_back({{"sku", "SKU-" + std::to_string(i)}});
        auto execution = service.start(kFailEach, Json{{"items", std::move(list)}});
        if (!execution || !execution->waitForFinished(1800000) || !journal.value()->flush(600000))
            return 1;
        ui::DlqBrowser browser;
        browser.resize(1200, 700);
        browser.show();
        QSignalSpy loaded(&browser, &ui::DlqBrowser::loaded);
        QElapsedTimer timer;
        timer.start();
        browser.setStore(dlqStore);
        if (!spin([&]() { return !loaded.isEmpty(); }, 60000))
            return 1;
        browser.repaint();
        dlqOpenMs = double(timer.nsecsElapsed()) / 1e6;
        std::printf("dlq browser        open in %.1f ms over %lld entries\n", dlqOpenMs,
                    static_cast<long long>(dlqEntries));
    }

    const double ratio = headless > 0 ? watched / headless : 0;
    const double rss = bench::peakRssMb();
    std::printf("{\"bench\": \"monitor\", \"gui_block_ms_max\": %.1f, \"throughput_ratio\": %.3f, "
                "\"items_table_open_ms\": null, \"scroll_ms_max\": null, \"dlq_open_ms\": %.1f, "
                "\"peak_rss_mb\": %.0f, \"items\": %lld, \"headless_items_per_s\": %.0f, "
                "\"watched_items_per_s\": %.0f}\n",
                blockMax, ratio, dlqOpenMs, rss, static_cast<long long>(items), headless, watched);
    return 0;
}
