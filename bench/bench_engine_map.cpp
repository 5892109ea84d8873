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

namespace {

const char *const kDefinition = R"JSON({
  "Comment": "bench_engine_map: Pass (States.Format) -> Choice -> Pass for every item",
  "StartAt": "EachItem",
  "States": {
    "EachItem": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Label",
        "States": {
          "Label": {
            "Type": "Pass",
            "Parameters": {
              "sku.$": "$.sku",
              "price.$": "$.price",
              "label.$": "States.Format('{} ({}) at {}', $.name, $.sku, $.price)"
            },
            "Next": "Route"
          },
          "Route": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.price", "NumericGreaterThan": 50, "Next": "Premium"}],
            "Default": "Standard"
          },
          "Premium": {"Type": "Pass", "Result": "premium", "ResultPath": "$.tier", "End": true},
          "Standard": {"Type": "Pass", "Result": "standard", "ResultPath": "$.tier", "End": true}
        }
      },
      "End": true
    }
  }
})JSON";

} // namespace

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

    auto workflow = sluice::definition::parse(QByteArray(kDefinition));
    if (!workflow) {
        std::fprintf(stderr, "definition: %s\n", qPrintable(workflow.error().toString()));
        return 1;
    }

    QElapsedTimer prepare;
    prepare.start();
    sluice::Json input = sluice::Json::object();
    sluice::Json::array_t list;
    list.reserve(size_t(items));
    static const char *const kNames[] = {"Desk lamp", "Office chair", "Notebook", "Monitor arm", "Cable tray"};
    for (qint64 i = 0; i < items; ++i) {
        sluice::Json item = sluice::Json::object();
        item["sku"] = "SKU-" + std::to_string(100000 + i);
        item["name"] = kNames[i % 5];
        item["price"] = double((i * 37) % 10000) / 100.0;
        item["stock"] = i % 17;
        list.push_back(std::move(item));
    }
    input["items"] = std::move(list);
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
