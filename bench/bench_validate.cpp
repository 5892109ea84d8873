// bench_validate: parse and validate a generated definition of N states (default 500), in process and
// through the real `sluice-cli validate`. Prints figures; the last line is one JSON object.

#include "BenchUtil.h"
#include "definition/Parser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

/// A realistic definition: a chain of Task/Choice/Pass/Wait states with Retry, Catch, Parameters and
/// intrinsic functions, every few states a Map or Parallel with a small nested machine.
QByteArray makeDefinition(int states)
{
    using sluice::Json;
    Json all = Json::object();
    auto name = [](int i) { return "Step" + std::to_string(i); };
    for (int i = 0; i < states; ++i) {
        const std::string next = i + 1 < states ? name(i + 1) : std::string();
        Json s;
        switch (i % 5) {
        case 0:
            s = {{"Type", "Task"}, {"Resource", "sluice:pass"},
                 {"Parameters", {{"id.$", "$.id"}, {"label.$", "States.Format('item {}', $.id)"}, {"n", i}}},
                 {"ResultPath", "$.r" + std::to_string(i)},
                 {"Retry", Json::array({{{"ErrorEquals", {"Http.503", "States.Timeout"}}, {"IntervalSeconds", 2}, {"MaxAttempts", 3}, {"BackoffRate", 2.0}, {"JitterStrategy", "FULL"}}})},
                 {"Catch", Json::array({{{"ErrorEquals", {"States.ALL"}}, {"ResultPath", "$.error"}, {"Next", "Failed"}}})}};
            break;
        case 1:
            s = {{"Type", "Choice"},
                 {"Choices", Json::array({{{"And", Json::array({{{"Variable", "$.id"}, {"IsNumeric", true}}, {{"Variable", "$.id"}, {"NumericGreaterThan", 10}}})}, {"Next", next.empty() ? "Done" : next}}})},
                 {"Default", next.empty() ? "Done" : next}};
            break;
        case 2:
            s = {{"Type", "Pass"}, {"Parameters", {{"copy.$", "$"}, {"when.$", "$$.State.EnteredTime"}}}, {"OutputPath", "$.copy"}};
            break;
        case 3:
            s = {{"Type", "Map"}, {"ItemsPath", "$.items"}, {"MaxConcurrency", 4},
                 {"ItemProcessor", {{"StartAt", "Inner" + std::to_string(i)},
                                    {"States", {{"Inner" + std::to_string(i), {{"Type", "Pass"}, {"End", true}}}}}}},
                 {"ResultPath", "$.mapped"}};
            break;
        default:
            s = {{"Type", "Wait"}, {"Seconds", 1}};
            break;
        }
        if (s["Type"] != "Choice") {
            s["Next"] = next.empty() ? "Done" : next;
        }
        all[name(i)] = std::move(s);
    }
    all["Failed"] = {{"Type", "Fail"}, {"Error", "Step.Failed"}, {"CausePath", "$.error.Cause"}};
    all["Done"] = {{"Type", "Succeed"}};
    const Json definition = {{"Comment", "bench_validate"}, {"StartAt", "Step0"}, {"States", all}};
    return QByteArray::fromStdString(definition.dump(2));
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int states = 500;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--items") == 0 || qstrcmp(argv[i], "--states") == 0)
            states = QByteArray(argv[++i]).toInt();
    }
    const QByteArray bytes = makeDefinition(states);
    const auto problems = sluice::definition::validate(bytes);
    if (!problems.empty()) {
        std::fprintf(stderr, "generated definition is invalid: %s\n", qPrintable(problems.front().toString()));
        return 1;
    }

    std::vector<double> inProcess;
    for (int run = 0; run < 21; ++run) {
        QElapsedTimer t;
        t.start();
        const auto p = sluice::definition::validate(bytes);
        inProcess.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!p.empty())
            return 1;
    }

    std::vector<double> parses, serializes;
    for (int run = 0; run < 21; ++run) {
        QElapsedTimer t;
        t.start();
        auto parsed = sluice::definition::parse(bytes);
        parses.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!parsed)
            return 1;
        t.restart();
        const QByteArray text = sluice::definition::serialize(*parsed.value());
        serializes.push_back(double(t.nsecsElapsed()) / 1e6);
        if (text.isEmpty())
            return 1;
    }

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("big.asl.json"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        return 1;
    out.close();
    const QString cli = QCoreApplication::applicationDirPath() + QStringLiteral("/sluice-cli");
    std::vector<double> wall;
    for (int run = 0; run < 11; ++run) {
        QElapsedTimer t;
        t.start();
        QProcess p;
        p.start(cli, {QStringLiteral("validate"), file});
        p.waitForFinished(60000);
        wall.push_back(double(t.nsecsElapsed()) / 1e6);
        if (p.exitCode() != 0) {
            std::fprintf(stderr, "sluice-cli validate failed: %s\n", p.readAllStandardError().constData());
            return 1;
        }
    }
    const double validateMs = median(inProcess);
    const double cliMs = median(wall);
    std::printf("states                 %d (%lld bytes)\n", states, static_cast<long long>(bytes.size()));
    std::printf("validate in process    %.2f ms (median of 21)\n", validateMs);
    std::printf("parse in process       %.2f ms (median of 21)\n", median(parses));
    std::printf("serialize              %.2f ms (median of 21)\n", median(serializes));
    std::printf("sluice-cli validate    %.2f ms wall (median of 11, process start included)\n", cliMs);
    std::printf("{\"bench\": \"validate\", \"states\": %d, \"validate_ms\": %.2f, \"parse_ms\": %.2f, "
                "\"serialize_ms\": %.2f, \"cli_validate_ms\": %.2f, \"items_per_s\": %.0f, \"peak_rss_mb\": %.1f}\n",
                states, validateMs, median(parses), median(serializes), cliMs, double(states) / (validateMs / 1000.0),
                sluice::bench::peakRssMb());
    return 0;
}
