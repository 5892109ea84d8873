// bench_engine_map: a Map over N items (default 1,000,000), each going through
// Pass (Parameters with States.Format) -> Choice -> Pass, in memory, no store.
// Prints figures; the last line is one JSON object.

#include "BenchUtil.h"
#include "definition/Parser.h"
#include "engine/Engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QThread>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 items = 1000000;
    int workers = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--items") == 0)
            items = QByteArray(argv[++i]).toLongLong();
        else if (qstrcmp(argv[i], "--workers") == 0)
            workers = QByteArray(argv[++i]).toInt();
    }

    auto workflow = sluice::definition::parse(QByteArray(sluice::bench::kMapPipeline));
    if (!workflow) {
        std::fprintf(stderr, "definition: %s\n", qPrintable(workflow.error().toString()));
        return 1;
    }

    QElapsedTimer prepare;
    prepare.start();
    sluice::Json input = sluice::bench::catalogueInput(items);
    std::fprintf(stderr, "prepared %lld items in %lld ms (peak RSS so far %.1f MB)\n", static_cast<long long>(items),
                 static_cast<long long>(prepare.elapsed()), sluice::bench::peakRssMb());

    sluice::Engine engine(workers);
    QElapsedTimer timer;
    timer.start();
    const sluice::Execution execution = engine.start(std::move(workflow).value(), std::move(input));
    execution.waitForFinished();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const sluice::ExecutionResult result = execution.result();
    if (result.status != sluice::ExecutionStatus::Succeeded) {
        std::fprintf(stderr, "execution failed: %s\n", result.toJson().dump().c_str());
        return 1;
    }
    const size_t outputs = result.output().is_array() ? result.output().size() : 0;
    if (qint64(outputs) != items) {
        std::fprintf(stderr, "expected %lld results, got %zu\n", static_cast<long long>(items), outputs);
        return 1;
    }
    const double perSecond = double(items) / seconds;
    const double rss = sluice::bench::peakRssMb();
    std::printf("items            %lld\n", static_cast<long long>(items));
    std::printf("workers          %d\n", engine.workerCount());
    std::printf("seconds          %.3f\n", seconds);
    std::printf("items/s          %.0f\n", perSecond);
    std::printf("peak RSS         %.1f MB\n", rss);
    std::printf("first result     %s\n", result.output().front().dump().c_str());
    std::printf("{\"bench\": \"engine_map\", \"items\": %lld, \"workers\": %d, \"seconds\": %.3f, \"items_per_s\": %.0f, "
                "\"peak_rss_mb\": %.1f, \"cpus\": %d}\n",
                static_cast<long long>(items), engine.workerCount(), seconds, perSecond, rss, QThread::idealThreadCount());
    return 0;
}
