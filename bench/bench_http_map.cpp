// bench_http_map: a DISTRIBUTED Map over N items (default 10,000) whose processor is one sluice:http Task
// (GET /mdm/products/{id} on the fixture HTTP server, MaxConcurrency 32), against a baseline in the same
// run: a plain QNetworkAccessManager loop keeping 32 GETs of the same URLs in flight. The fixture server
// runs in this process on its own thread, the same for both sides. Rounds alternate baseline and Map;
// the medians are reported. Prints figures; the last line is one JSON object.

#include "BenchUtil.h"
#include "FixtureHttpServer.h"
#include "definition/Parser.h"
#include "engine/Engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>

#include <algorithm>
#include <memory>
#include <cstdio>
#include <vector>

namespace {

QString productUrl(const QString &base, qint64 i)
{
    return base + QStringLiteral("/mdm/products/P%1").arg(i % 10000 + 1, 6, 10, QLatin1Char('0'));
}

/// The baseline: `items` GETs through one QNetworkAccessManager, `concurrency` in flight, each body read
/// in full, on a thread of its own (as sluice:http's network thread is). Items per second, or -1 when a
/// request failed.
double baselineOnThisThread(const QString &base, qint64 items, int concurrency)
{
    QNetworkAccessManager nam;
    QEventLoop loop;
    qint64 next = 0;
    qint64 done = 0;
    qint64 failed = 0;
    qint64 bytes = 0;
    std::function<void()> sendNext = [&] {
        if (next >= items)
            return;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(productUrl(base, next++))));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            if (reply->error() != QNetworkReply::NoError)
                ++failed;
            bytes += reply->readAll().size();
            reply->deleteLater();
            if (++done == items)
                loop.quit();
            else
                sendNext();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < concurrency; ++i)
        sendNext();
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (failed > 0 || bytes == 0) {
        std::fprintf(stderr, "baseline: %lld failed requests\n", static_cast<long long>(failed));
        return -1;
    }
    return double(items) / seconds;
}

/// The Map: items per second from Engine::start to the result, or -1 when the run failed.
double map(sluice::Engine &engine, const std::shared_ptr<const sluice::Workflow> &workflow, const sluice::Json &input,
           qint64 items)
{
    QElapsedTimer timer;
    timer.start();
    const sluice::Execution execution = engine.start(workflow, input);
    execution.waitForFinished();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const sluice::ExecutionResult result = execution.result();
    if (result.status != sluice::ExecutionStatus::Succeeded) {
        std::fprintf(stderr, "map failed: %s\n", result.toJson().dump().c_str());
        return -1;
    }
    if (!result.output().is_array() || qint64(result.output().size()) != items ||
        result.output().front().value("id", std::string()) != "P000001") {
        std::fprintf(stderr, "map: unexpected output\n");
        return -1;
    }
    return double(items) / seconds;
}

double baseline(const QString &base, qint64 items, int concurrency)
{
    double result = -1;
    std::unique_ptr<QThread> thread(QThread::create([&] { result = baselineOnThisThread(base, items, concurrency); }));
    thread->start();
    thread->wait();
    return result;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 items = 10000;
    int rounds = 3;
    int workers = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--items") == 0)
            items = QByteArray(argv[++i]).toLongLong();
        else if (qstrcmp(argv[i], "--rounds") == 0)
            rounds = std::max(1, QByteArray(argv[++i]).toInt());
        else if (qstrcmp(argv[i], "--workers") == 0)
            workers = QByteArray(argv[++i]).toInt();
    }
    constexpr int kConcurrency = 32;

    sluice::fixtures::FixtureHttpServer server(10000);
    if (!server.start()) {
        std::fprintf(stderr, "fixture server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString base = server.baseUrl();

    const std::string definition = R"JSON({
  "StartAt": "Products",
  "States": {
    "Products": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "MaxConcurrency": 32,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Fetch",
        "States": {
          "Fetch": {
            "Type": "Task",
            "Resource": "sluice:http",
            "Parameters": {"Url.$": "$.url"},
            "ResultSelector": {"id.$": "$.Body.id", "status.$": "$.StatusCode"},
            "Retry": [{"ErrorEquals": ["Http.5xx", "Http.ConnectionClosed"], "MaxAttempts": 2}],
            "End": true
          }
        }
      },
      "End": true
    }
  }
})JSON";
    auto workflow = sluice::definition::parse(QByteArray::fromStdString(definition));
    if (!workflow) {
        std::fprintf(stderr, "definition: %s\n", qPrintable(workflow.error().toString()));
        return 1;
    }
    sluice::Json::array_t list;
    list.reserve(size_t(items));
    for (qint64 i = 0; i < items; ++i)
        list.push_back(sluice::Json{{"url", productUrl(base, i).toStdString()}});
    const sluice::Json input{{"items", std::move(list)}};

    sluice::Engine engine(workers);
    // Warm up both sides (connections, first-use allocations) on a few hundred items.
    baseline(base, 300, kConcurrency);
    {
        sluice::Json::array_t warm(input["items"].begin(), input["items"].begin() + std::min<qint64>(300, items));
        map(engine, workflow.value(), sluice::Json{{"items", std::move(warm)}}, std::min<qint64>(300, items));
    }

    std::vector<double> baselines;
    std::vector<double> maps;
    auto connections = [&server] { return server.systems().stats()["connections"].get<qint64>(); };
    for (int r = 0; r < rounds; ++r) {
        const qint64 c0 = connections();
        const double b = baseline(base, items, kConcurrency);
        const qint64 c1 = connections();
        const double m = map(engine, workflow.value(), input, items);
        const qint64 c2 = connections();
        if (b < 0 || m < 0)
            return 1;
        std::printf("round %d          baseline %.0f/s (%lld connections), map %.0f/s (%lld connections), ratio %.2f\n",
                    r + 1, b, static_cast<long long>(c1 - c0), m, static_cast<long long>(c2 - c1), m / b);
        baselines.push_back(b);
        maps.push_back(m);
    }
    const double baselinePerSecond = median(baselines);
    const double mapPerSecond = median(maps);
    const sluice::Json stats = server.systems().stats();
    std::printf("items            %lld per round, %d rounds, concurrency %d\n", static_cast<long long>(items), rounds,
                kConcurrency);
    std::printf("workers          %d\n", engine.workerCount());
    std::printf("baseline         %.0f requests/s (median)\n", baselinePerSecond);
    std::printf("map              %.0f items/s (median)\n", mapPerSecond);
    std::printf("ratio            %.2f (target 0.80)\n", mapPerSecond / baselinePerSecond);
    std::printf("server           %s\n", stats.dump().c_str());
    std::printf("peak RSS         %.1f MB\n", sluice::bench::peakRssMb());
    std::printf("{\"bench\": \"http_map\", \"items_per_s\": %.0f, \"baseline_per_s\": %.0f}\n", mapPerSecond,
                baselinePerSecond);
    return 0;
}
