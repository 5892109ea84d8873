#include "tasks/FailResource.h"
#include "tasks/PassResource.h"
#include "tasks/SleepResource.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

using sluice::Failure;
using sluice::Json;
using sluice::TaskCall;

Q_DECLARE_METATYPE(Json)

/// Json compared through its text, which QtTest can print.
#define COMPARE_JSON(actual, expected)                                                                       \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

namespace {

using Outcome = sluice::Result<Json, Failure>;

TaskCall callWith(Json input, int attempt = 1)
{
    TaskCall call;
    call.input = std::move(input);
    call.attempt = attempt;
    return call;
}

/// Runs a resource that answers synchronously and returns its single answer.
std::optional<Outcome> invokeNow(sluice::TaskResource &resource, const TaskCall &call)
{
    std::optional<Outcome> outcome;
    int calls = 0;
    resource.invoke(call, [&](Outcome r) {
        ++calls;
        outcome.emplace(std::move(r));
    });
    return calls == 1 ? outcome : std::nullopt;
}

/// Collects answers that arrive on another thread.
struct Answers
{
    std::mutex mutex;
    std::vector<Outcome> outcomes; // guarded by mutex
    std::atomic_int count = 0;
    QElapsedTimer clock;
    std::atomic<qint64> lastAnswerMs = -1; // clock time of the latest answer

    Answers() { clock.start(); }

    sluice::TaskCallback callback()
    {
        return [this](Outcome r) {
            {
                const std::lock_guard lock(mutex);
                outcomes.push_back(std::move(r));
            }
            lastAnswerMs = clock.elapsed();
            ++count;
        };
    }
};

} // namespace

class TestBuiltins : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passReturnsInput()
    {
        sluice::PassResource pass;
        const Json input = {{"a", 1}, {"b", {1, 2}}};

        const auto outcome = invokeNow(pass, callWith(input));

        QVERIFY(outcome && outcome->ok());
        COMPARE_JSON(outcome->value(), input);
    }

    void failFails_data()
    {
        QTest::addColumn<Json>("input");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("cause");

        QTest::newRow("defaults") << Json::object() << 1 << false << "States.TaskFailed"
                                  << "Failed by sluice:fail";
        QTest::newRow("null input") << Json() << 1 << false << "States.TaskFailed"
                                    << "Failed by sluice:fail";
        QTest::newRow("own error") << Json{{"Error", "Http.500"}, {"Cause", "down"}} << 7 << false
                                   << "Http.500"
                                   << "down";
        QTest::newRow("first of two attempts") << Json{{"Error", "E"}, {"Attempts", 2}} << 1 << false << "E"
                                               << "Failed by sluice:fail";
        QTest::newRow("second of two attempts") << Json{{"Error", "E"}, {"Attempts", 2}} << 2 << false << "E"
                                                << "Failed by sluice:fail";
        QTest::newRow("third attempt succeeds") << Json{{"Error", "E"}, {"Attempts", 2}} << 3 << true << ""
                                                << "";
        QTest::newRow("zero attempts never fails") << Json{{"Attempts", 0}} << 1 << true << ""
                                                   << "";
        QTest::newRow("error not a string") << Json{{"Error", 5}} << 1 << false << "States.Runtime"
                                            << "sluice:fail: \"Error\" must be a string";
        QTest::newRow("cause not a string") << Json{{"Cause", true}} << 1 << false << "States.Runtime"
                                            << "sluice:fail: \"Cause\" must be a string";
        QTest::newRow("attempts negative") << Json{{"Attempts", -1}} << 1 << false << "States.Runtime"
                                           << "sluice:fail: \"Attempts\" must be a non-negative integer";
        QTest::newRow("attempts fractional") << Json{{"Attempts", 1.5}} << 1 << false << "States.Runtime"
                                             << "sluice:fail: \"Attempts\" must be a non-negative integer";
        QTest::newRow("input an array") << Json::array() << 1 << false << "States.Runtime"
                                        << "sluice:fail: the input must be an object, got array";
    }

    void failFails()
    {
        QFETCH(Json, input);
        QFETCH(int, attempt);
        QFETCH(bool, succeeds);
        QFETCH(QString, error);
        QFETCH(QString, cause);
        sluice::FailResource fail;

        const auto outcome = invokeNow(fail, callWith(input, attempt));

        QVERIFY(outcome);
        QCOMPARE(outcome->ok(), succeeds);
        if (succeeds) {
            COMPARE_JSON(outcome->value(), input);
        } else {
            QCOMPARE(QString::fromStdString(outcome->error().error), error);
            QCOMPARE(QString::fromStdString(outcome->error().cause), cause);
        }
    }

    void sleepReturnsInputAfterDelay()
    {
        sluice::SleepResource sleep;
        Answers answers;
        const Json input = {{"Seconds", 0.05}, {"payload", "x"}};
        QElapsedTimer timer;
        timer.start();

        sleep.invoke(callWith(input), answers.callback());

        QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 1, 2000);
        QVERIFY(timer.elapsed() >= 50);
        QVERIFY(answers.outcomes.front().ok());
        COMPARE_JSON(answers.outcomes.front().value(), input);
    }

    void sleepIsNonBlocking()
    {
        sluice::SleepResource sleep;
        Answers answers;
        constexpr int kSleeps = 1000;

        for (int i = 0; i < kSleeps; ++i)
            sleep.invoke(callWith(Json{{"Seconds", 0.05}, {"i", i}}), answers.callback());
        const qint64 invokeMs = answers.clock.elapsed();

        QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), kSleeps, 5000);
        const qint64 totalMs = answers.lastAnswerMs.load();
        qInfo("1000 sleeps of 50 ms: invoke() took %lld ms in all, all done after %lld ms", invokeMs,
              totalMs);
        QVERIFY2(invokeMs < 250, "invoke() must return at once (blocking would take 50 s)");
        QVERIFY2(totalMs < 500, "concurrent sleeps must overlap");
        for (const auto &outcome : answers.outcomes)
            QVERIFY(outcome.ok());
        QCOMPARE(sleep.pendingCount(), std::size_t(0));
    }

    void sleepScalesTo100kPending()
    {
        sluice::SleepResource sleep;
        Answers answers;
        constexpr int kSleeps = 100'000;

        for (int i = 0; i < kSleeps; ++i) // spread over 0..199 ms, in no particular order
            sleep.invoke(callWith(Json{{"Seconds", ((i * 7919) % 200) / 1000.0}}), answers.callback());
        const qint64 invokeMs = answers.clock.elapsed();

        QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), kSleeps, 10000);
        qInfo("100,000 sleeps of up to 200 ms: invoke() took %lld ms in all, all done after %lld ms",
              invokeMs, answers.lastAnswerMs.load());
        // The last sleep ends at most 200 ms after the last invoke(); the queue must keep up with that.
        QVERIFY(answers.lastAnswerMs.load() - invokeMs < 1000);
    }

    void sleepFinishesEarlyOnCancel()
    {
        sluice::SleepResource sleep;
        Answers answers;
        auto cancelled = std::make_shared<std::atomic_bool>(false);
        TaskCall call = callWith(Json{{"Seconds", 30}});
        call.cancelled = cancelled;
        QElapsedTimer timer;
        timer.start();

        sleep.invoke(call, answers.callback());
        sleep.invoke(callWith(Json{{"Seconds", 0.01}}), answers.callback()); // an uncancelled neighbour
        QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 1, 2000);
        cancelled->store(true);

        QTRY_COMPARE_WITH_TIMEOUT(answers.count.load(), 2, 2000);
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(answers.outcomes[0].ok());
        QVERIFY(!answers.outcomes[1].ok());
        QCOMPARE(answers.outcomes[1].error(), (Failure{"States.Runtime", "cancelled"}));
    }

    void sleepAlreadyCancelledAnswersAtOnce()
    {
        sluice::SleepResource sleep;
        TaskCall call = callWith(Json{{"Seconds", 30}});
        call.cancelled = std::make_shared<std::atomic_bool>(true);

        const auto outcome = invokeNow(sleep, call);

        QVERIFY(outcome && !outcome->ok());
        QCOMPARE(outcome->error().cause, std::string("cancelled"));
    }

    void sleepRejectsBadInput_data()
    {
        QTest::addColumn<Json>("input");
        QTest::addColumn<QString>("cause");
        QTest::newRow("no Seconds") << Json::object() << "must be an object with a number \"Seconds\"";
        QTest::newRow("not an object") << Json(5) << "must be an object with a number \"Seconds\"";
        QTest::newRow("string") << Json{{"Seconds", "5"}} << "\"Seconds\" must be a number, got string";
        QTest::newRow("negative") << Json{{"Seconds", -1}} << "must be between 0 and 31536000";
        QTest::newRow("beyond a year") << Json{{"Seconds", 31536001}} << "must be between 0 and 31536000";
    }

    void sleepRejectsBadInput()
    {
        QFETCH(Json, input);
        QFETCH(QString, cause);
        sluice::SleepResource sleep;

        const auto outcome = invokeNow(sleep, callWith(input));

        QVERIFY(outcome && !outcome->ok());
        QCOMPARE(outcome->error().error, std::string("States.Runtime"));
        QVERIFY2(QString::fromStdString(outcome->error().cause).contains(cause),
                 outcome->error().cause.c_str());
    }

    void destroyingSleepAnswersPending()
    {
        Answers answers;
        {
            sluice::SleepResource sleep;
            for (int i = 0; i < 100; ++i)
                sleep.invoke(callWith(Json{{"Seconds", 60}}), answers.callback());
            QCOMPARE(sleep.pendingCount(), std::size_t(100));
        }

        QCOMPARE(answers.count.load(), 100);
        for (const auto &outcome : answers.outcomes)
            QCOMPARE(outcome.error(), (Failure{"States.Runtime", "cancelled"}));
    }
};

QTEST_GUILESS_MAIN(TestBuiltins)
#include "tst_builtins.moc"
