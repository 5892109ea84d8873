// Times definition::validate/parse/serialize on a generated 500-state definition.
// Usage: bench_definition [states]. The last line is one JSON object.
#include "definition/Parser.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

QByteArray generate(int count)
{
    using sluice::Json;
    nlohmann::ordered_json states = nlohmann::ordered_json::object();
    for (int i = 0; i < count; ++i) {
        const std::string name = "State " + std::to_string(i);
        const std::string next = i + 1 < count ? "State " + std::to_string(i + 1) : std::string();
        nlohmann::ordered_json s;
        switch (i % 5) {
        case 0:
            s = {{"Type", "Task"},
                 {"Resource", "sluice:http"},
                 {"InputPath", "$.input"},
                 {"Parameters",
                  {{"url.$", "States.Format('https://x.test/{}', $.id)"}, {"id.$", "$.id"}, {"fixed", 1}}},
                 {"ResultSelector", {{"body.$", "$.body"}}},
                 {"ResultPath", "$.result"},
                 {"TimeoutSeconds", 30},
                 {"Retry",
                  {{{"ErrorEquals", {"States.Timeout"}}, {"MaxAttempts", 2}},
                   {{"ErrorEquals", {"States.ALL"}}}}},
                 {"Catch",
                  {{{"ErrorEquals", {"States.ALL"}}, {"ResultPath", "$.error"}, {"Next", "Failed"}}}}};
            break;
        case 1:
            s = {{"Type", "Choice"},
                 {"Choices",
                  {{{"And",
                     {{{"Variable", "$.a"}, {"NumericGreaterThan", 3}},
                      {{"Variable", "$.b"}, {"StringMatches", "x*"}}}},
                    {"Next", next.empty() ? "Failed" : next}}}},
                 {"Default", next.empty() ? "Failed" : next}};
            break;
        case 2:
            s = {{"Type", "Pass"}, {"Result", {{"k", i}}}, {"ResultPath", "$.pass"}};
            break;
        case 3:
            s = {{"Type", "Wait"}, {"SecondsPath", "$.delay"}};
            break;
        default:
            s = {{"Type", "Map"},
                 {"ItemsPath", "$.items"},
                 {"ItemSelector", {{"v.$", "$$.Map.Item.Value"}}},
                 {"ItemProcessor",
                  {{"StartAt", "Inner"}, {"States", {{"Inner", {{"Type", "Pass"}, {"End", true}}}}}}}};
            break;
        }
        if (i % 5 != 1) {
            if (next.empty())
                s["End"] = true;
            else
                s["Next"] = next;
        }
        states[name] = s;
    }
    states["Failed"] = {{"Type", "Fail"}, {"Error", "Failed"}};
    nlohmann::ordered_json doc = {{"Comment", "generated"}, {"StartAt", "State 0"}, {"States", states}};
    const std::string text = doc.dump(2);
    return QByteArray(text.data(), qsizetype(text.size()));
}

template <typename F> double medianMs(int runs, F &&f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 500;
    const QByteArray bytes = generate(count);
    const auto errors = sluice::definition::validate(bytes);
    if (!errors.empty()) {
        std::fprintf(stderr, "generated definition is invalid: %s\n", qPrintable(errors.front().toString()));
        return 1;
    }
    const auto workflow = sluice::definition::parse(bytes).value();
    QByteArray broken = bytes;
    broken.replace("\"Next\": \"State 7\"", "\"Next\": \"State 7x\"");

    const double validateMs = medianMs(21, [&] { (void)sluice::definition::validate(bytes); });
    const double parseMs = medianMs(21, [&] { (void)sluice::definition::parse(bytes); });
    const double serializeMs = medianMs(21, [&] { (void)sluice::definition::serialize(*workflow); });
    const double invalidMs = medianMs(21, [&] { (void)sluice::definition::validate(broken); });
    std::printf("states=%d bytes=%lld\n", count, qint64(bytes.size()));
    std::printf("validate (valid) median %.2f ms\nparse median %.2f ms\nserialize median %.2f ms\n"
                "validate (one error, located) median %.2f ms\n",
                validateMs, parseMs, serializeMs, invalidMs);
    std::printf("{\"states\": %d, \"bytes\": %lld, \"validate_ms\": %.3f, \"parse_ms\": %.3f, "
                "\"serialize_ms\": %.3f, "
                "\"validate_invalid_ms\": %.3f}\n",
                count, qint64(bytes.size()), validateMs, parseMs, serializeMs, invalidMs);
    return 0;
}
