// bench_durable_map: the bench_engine_map pipeline (a Map over N items, default 1,000,000, each through
// Pass (States.Format) -> Choice -> Pass) with every transition journaled in a SQLite store, measured
// until the journal has committed everything. In the same run: the raw SQLite rate the journal is held
// against (one row per item, C API, 1,000 rows per transaction), and the time a resume after SIGKILL
// takes to get back to full speed. The last line is one JSON object.
//
//   bench_durable_map [--items N] [--store PATH|postgresql://...] [--no-resume]

#include "BenchUtil.h"
#include "definition/Parser.h"
#include "engine/Engine.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

namespace {

/// Counts finished items from progress snapshots, to find when a resumed run is back at full speed.
struct RateWatch
{
    QMutex mutex;
    QElapsedTimer clock;
    std::vector<std::pair<qint64, qint64>> samples;   // (ms, succeeded items), guarded by mutex
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 items = 1000000;
    QString storeArg;
    bool measureResume = true;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--items") == 0 && i + 1 < argc)
            items = QByteArray(argv[++i]).toLongLong();
        else if (qstrcmp(argv[i], "--store") == 0 && i + 1 < argc)
            storeArg = QString::fromLocal8Bit(argv[++i]);
        else if (qstrcmp(argv[i], "--no-resume") == 0)
            measureResume = false;
    }
    QTemporaryDir dir;
    const QByteArray definitionBytes(sluice::bench::kMapPipeline);
    auto workflow = sluice::definition::parse(definitionBytes);
    if (!workflow) {
        std::fprintf(stderr, "definition: %s\n", qPrintable(workflow.error().toString()));
        return 1;
    }

    // 1. The raw rate, one row per item with the item's payload.
    sluice::Json input = sluice::bench::catalogueInput(items);
    double raw = 0;
    {
        std::vector<std::string> payloads;
        payloads.reserve(size_t(items));
        for (const sluice::Json &item : input["items"])
            payloads.push_back(item.dump());
        raw = sluice::bench::rawInsertRate(dir.filePath(QStringLiteral("raw.db")), payloads);
    }
    std::printf("raw insert         %.0f rows/s (SQLite C API, 1,000 rows per transaction, WAL, synchronous=NORMAL)\n", raw);

    // 2. The journaled run, timed until the journal has committed its last record.
    const QString store = storeArg.isEmpty() ? dir.filePath(QStringLiteral("journal.db")) : storeArg;
    auto journal = sluice::Journal::open(store);
    if (!journal) {
        std::fprintf(stderr, "store: %s\n", qPrintable(journal.error().message));
        return 1;
    }
    auto version = journal.value()->saveWorkflow(definitionBytes, QStringLiteral("bench_durable_map"));
    if (!version)
        return 1;
    double perSecond = 0;
    {
        sluice::Engine engine;
        sluice::ExecutionOptions options;
        options.journal = journal.value();
        options.workflowVersion = version.value();
        QElapsedTimer timer;
        const double cpuBefore = sluice::bench::processCpuSeconds();
        timer.start();
        const sluice::Execution execution = engine.start(workflow.value(), std::move(input), options);
        execution.waitForFinished();
        const qint64 engineMs = timer.elapsed();
        if (!journal.value()->flush(600000)) {
            std::fprintf(stderr, "the journal did not commit\n");
            return 1;
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (execution.result().status != sluice::ExecutionStatus::Succeeded)
            return 1;
        perSecond = double(items) / seconds;
        const auto stats = journal.value()->stats();
        std::printf("journaled run      %.0f items/s (%.3f s; engine done after %lld ms, then the journal caught up)\n",
                    perSecond, seconds, static_cast<long long>(engineMs));
        std::printf("journal            %lld records in %lld transactions\n", static_cast<long long>(stats.records),
                    static_cast<long long>(stats.transactions));
        std::printf("ratio              %.2f x the raw rate\n", perSecond / raw);
        const double cpu = sluice::bench::processCpuSeconds() - cpuBefore;
        std::printf("cpu                %.2f s in all threads (%.1f us per item), of which the journal writer %.2f s "
                    "(%.1f us per item)\n",
                    cpu, cpu * 1e6 / double(items), double(stats.writerCpuUs) / 1e6,
                    double(stats.writerCpuUs) / double(items));
    }
    const double rss = sluice::bench::peakRssMb();

    // 3. Resume after SIGKILL: a child sluice-cli runs the same Map, is killed midway, and this process
    // resumes it, measuring until items finish at 80% of the rate it then settles to.
    double resumeMs = -1;
    if (measureResume && storeArg.isEmpty()) {
        const QString definitionFile = dir.filePath(QStringLiteral("map.asl.json"));
        const QString inputFile = dir.filePath(QStringLiteral("input.json"));
        const QString resumeStore = dir.filePath(QStringLiteral("resume.db"));
        QFile def(definitionFile);
        QFile in(inputFile);
        if (!def.open(QIODevice::WriteOnly) || !in.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write the child's files in %s\n", qPrintable(dir.path()));
            return 1;
        }
        def.write(definitionBytes);
        def.close();
        in.write(QByteArray::fromStdString(sluice::bench::catalogueInput(items).dump()));
        in.close();
        QProcess child;
        child.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sluice-cli"),
                    {QStringLiteral("run"), definitionFile, QStringLiteral("--input"), inputFile, QStringLiteral("--store"),
                     resumeStore});
        child.waitForStarted();
        // Kill it once the journal holds about a third of the run.
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 300000 && child.state() == QProcess::Running) {
            QThread::msleep(200);
            auto reader = sluice::JournalReader::open(resumeStore);
            if (!reader)
                continue;
            auto runs = reader.value()->runs();
            if (!runs || runs.value().isEmpty())
                continue;
            auto info = reader.value()->execution(runs.value().first().id);
            if (info && info.value().counts[size_t(sluice::ItemStatus::Succeeded)] >= items / 3)
                break;
        }
        child.kill();
        child.waitForFinished();

        RateWatch watch;
        watch.clock.start();
        auto resumeJournal = sluice::Journal::open(resumeStore);
        auto reader = sluice::JournalReader::open(resumeStore);
        if (!resumeJournal || !reader) {
            std::fprintf(stderr, "resume store: %s\n",
                         qPrintable(!resumeJournal ? resumeJournal.error().message : reader.error().message));
            return 1;
        }
        const qint64 openedMs = watch.clock.elapsed();
        auto unfinished = reader.value()->unfinished();
        const qint64 readMs = watch.clock.elapsed() - openedMs;
        if (!unfinished || unfinished.value().isEmpty()) {
            std::fprintf(stderr, "nothing to resume (the child finished before it was killed?)\n");
            return 1;
        }
        sluice::UnfinishedExecution &u = unfinished.value().first();
        std::fprintf(stderr, "killed child left %lld unfinished item(s), highest item id %lld; store opened in %lld ms, "
                             "unfinished() took %lld ms\n",
                     static_cast<long long>(u.items.size()), static_cast<long long>(u.maxItem),
                     static_cast<long long>(openedMs), static_cast<long long>(readMs));
        const qint64 loadedMs = watch.clock.elapsed();
        sluice::ResumePoint point;
        point.executionInputText = std::move(u.inputText);
        point.startedMs = u.startedMs;
        point.maxItem = u.maxItem;
        qint64 alreadyDone = 0;
        for (auto &item : u.items) {
            sluice::ResumePoint::Item p{item.item, item.parent, item.index, item.mapState.toStdString(),
                                        item.state.toStdString(), std::move(item.input), {}};
            p.finishedChildren.reserve(size_t(item.finishedChildren.size()));
            for (auto &c : item.finishedChildren) {
                p.finishedChildren.push_back({c.index, c.status == sluice::ItemStatus::Succeeded, sluice::Json(),
                                              std::move(c.outputText), c.error.toStdString(), c.cause.toStdString()});
                ++alreadyDone;
            }
            point.items.push_back(std::move(p));
        }
        sluice::Engine engine;
        sluice::ExecutionOptions options;
        options.executionId = u.id;
        options.journal = resumeJournal.value();
        options.workflowVersion = u.workflowVersion.toStdString();
        options.onProgress = [&watch](const sluice::ProgressSnapshot &s) {
            QMutexLocker lock(&watch.mutex);
            watch.samples.emplace_back(watch.clock.elapsed(), s.items[size_t(sluice::ItemStatus::Succeeded)]);
        };
        auto execution = engine.resume(workflow.value(), std::move(point), options);
        if (!execution) {
            std::fprintf(stderr, "resume: %s\n", qPrintable(execution.error().message));
            return 1;
        }
        execution.value().waitForFinished();
        resumeJournal.value()->flush(600000);
        // Full speed: the median rate over the resumed run's 100 ms windows; back at it when a window first
        // reaches 80% of that.
        QMutexLocker lock(&watch.mutex);
        std::vector<double> rates;
        for (size_t i = 1; i < watch.samples.size(); ++i) {
            const double dt = double(watch.samples[i].first - watch.samples[i - 1].first);
            if (dt > 0)
                rates.push_back(double(watch.samples[i].second - watch.samples[i - 1].second) / dt);
        }
        std::vector<double> sorted = rates;
        std::sort(sorted.begin(), sorted.end());
        const double full = sorted.empty() ? 0 : sorted[sorted.size() / 2];
        for (size_t i = 0; i < rates.size(); ++i) {
            if (rates[i] >= 0.8 * full) {
                resumeMs = double(watch.samples[i + 1].first);
                break;
            }
        }
        std::printf("resume             %lld items were done before the kill; unfinished state read in %lld ms; "
                    "back to full speed (%.0f items/s) after %.0f ms; status %s\n",
                    static_cast<long long>(alreadyDone), static_cast<long long>(loadedMs), full * 1000.0, resumeMs,
                    sluice::executionStatusName(execution.value().result().status));
    }

    std::printf("{\"bench\": \"durable_map\", \"items\": %lld, \"items_per_s\": %.0f, \"raw_insert_rows_per_s\": %.0f, "
                "\"ratio\": %.3f, \"resume_to_full_speed_ms\": %.0f, \"peak_rss_mb\": %.1f}\n",
                static_cast<long long>(items), perSecond, raw, perSecond / raw, resumeMs, rss);
    return 0;
}
