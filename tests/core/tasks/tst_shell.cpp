// sluice:shell against real programs: sh scripts written to a temporary folder, /bin/cat, process trees.

#include "tasks/ShellResource.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <signal.h>
#include <vector>

using sluice::Failure;
using sluice::Json;
using sluice::ShellResource;
using sluice::TaskCall;

namespace {

using Outcome = sluice::Result<Json, Failure>;

/// One call's answer, which arrives on the resource's thread.
struct Answer
{
    std::mutex mutex;
    std::optional<Outcome> outcome; // guarded by mutex
    std::atomic_int calls = 0;

    sluice::TaskCallback callback()
    {
        return [this](Outcome r) {
            const std::lock_guard lock(mutex);
            outcome.emplace(std::move(r));
            ++calls;
        };
    }
    bool wait(int ms = 20000) { return QTest::qWaitFor([this] { return calls.load() > 0; }, ms); }
    Outcome get()
    {
        const std::lock_guard lock(mutex);
        return *outcome;
    }
};

TaskCall callWith(Json input, const QString &baseDir = {})
{
    TaskCall call;
    call.input = std::move(input);
    call.baseDir = baseDir;
    call.idempotencyKey = "exec/1/State/1";
    return call;
}

Outcome run(ShellResource &shell, const TaskCall &call)
{
    Answer answer;
    shell.invoke(call, answer.callback());
    if (!answer.wait())
        return Failure{"test.NoAnswer", "no answer in 20 s"};
    return answer.get();
}

/// True once `pid` no longer runs (gone, or a zombie nobody has reaped yet).
bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return true;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.size() > close + 2 && text[close + 2] == 'Z';
}

#define COMPARE_JSON(actual, expected)                                                                       \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

} // namespace

class TestShell : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString script(const QString &name, const QByteArray &body)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write("#!/bin/sh\n" + body);
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void catEchoesTheInput()
    {
        ShellResource shell;
        const Json input = {{"Command", "/bin/cat"}, {"Input", {{"sku", "A-1"}, {"qty", 3}, {"tags", {"x", "ü"}}}}};

        const Outcome outcome = run(shell, callWith(input));

        QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().cause.c_str());
        COMPARE_JSON(outcome.value(), input["Input"]);
    }

    void withoutInputTheParametersGoToStdin()
    {
        ShellResource shell;
        const Json input = {{"Command", "/bin/cat"}, {"Args", Json::array()}};

        const Outcome outcome = run(shell, callWith(input));

        QVERIFY(outcome.ok());
        COMPARE_JSON(outcome.value(), input);
    }

    void argsEnvironmentAndWorkingDirectory()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("work")));
        script(QStringLiteral("env.sh"),
               "read -r line\n"
               "printf '{\"args\":[\"%s\",\"%s\"],\"greeting\":\"%s\",\"home\":%s,\"pwd\":\"%s\",\"key\":\"%s\","
               "\"stdin\":%s}' \"$1\" \"$2\" \"$GREETING\" \"$([ -n \"$HOME\" ] && echo true || echo false)\" "
               "\"$(pwd)\" \"$SLUICE_IDEMPOTENCY_KEY\" \"$line\"\n");
        ShellResource shell;
        const Json input = {{"Command", "./env.sh"},   // relative: against the workflow's folder
                            {"Args", {"two words", "--flag"}},
                            {"Environment", {{"GREETING", "hello"}}},
                            {"WorkingDirectory", "work"},
                            {"Input", {{"n", 1}}}};

        const Outcome outcome = run(shell, callWith(input, m_dir.path()));

        QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().cause.c_str());
        const Json &r = outcome.value();
        COMPARE_JSON(r["args"], Json({"two words", "--flag"}));
        QCOMPARE(r["greeting"].get<std::string>(), std::string("hello"));
        QCOMPARE(r["home"].get<bool>(), true);   // inherited variables stay
        QCOMPARE(QString::fromStdString(r["pwd"].get<std::string>()),
                 QDir(m_dir.filePath(QStringLiteral("work"))).canonicalPath());
        QCOMPARE(r["key"].get<std::string>(), std::string("exec/1/State/1"));
        COMPARE_JSON(r["stdin"], Json({{"n", 1}}));
    }

    void environmentNullRemovesAVariable()
    {
        ShellResource shell;
        const Json input = {{"Command", "/bin/sh"},
                            {"Args", {"-c", "printf '\"%s\"' \"${HOME-unset}\""}},
                            {"Environment", {{"HOME", nullptr}}}};

        const Outcome outcome = run(shell, callWith(input));

        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value().get<std::string>(), std::string("unset"));
    }

    void emptyOutputIsNull()
    {
        ShellResource shell;
        const Outcome outcome = run(shell, callWith({{"Command", "/bin/true"}}));
        QVERIFY(outcome.ok());
        QVERIFY(outcome.value().is_null());
    }

    void nonJsonOutputIsInvalidOutput()
    {
        const QString path = script(QStringLiteral("text.sh"), "echo 'this is not json'\n");
        ShellResource shell;

        const Outcome outcome = run(shell, callWith({{"Command", path.toStdString()}}));

        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("Shell.InvalidOutput"));
        QVERIFY2(outcome.error().cause.find("this is not json") != std::string::npos, outcome.error().cause.c_str());
    }

    void exitCodeNamesTheError()
    {
        const QString path = script(QStringLiteral("fail.sh"), "echo 'disk on fire' >&2\nexit 3\n");
        ShellResource shell;

        const Outcome outcome = run(shell, callWith({{"Command", path.toStdString()}}));

        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("Shell.ExitCode.3"));
        QVERIFY2(outcome.error().cause.find("disk on fire") != std::string::npos, outcome.error().cause.c_str());
    }

    void programNamesItsOwnError()
    {
        const QString path = script(QStringLiteral("named.sh"),
                                    "echo 'some log line' >&2\n"
                                    "echo '{\"Error\": \"Transform.BadRecord\", \"Cause\": \"sku missing\"}' >&2\n"
                                    "exit 1\n");
        ShellResource shell;

        const Outcome outcome = run(shell, callWith({{"Command", path.toStdString()}}));

        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("Transform.BadRecord"));
        QCOMPARE(outcome.error().cause, std::string("sku missing"));
    }

    void missingProgramFailsToStart()
    {
        ShellResource shell;
        const Outcome outcome = run(shell, callWith({{"Command", m_dir.filePath(QStringLiteral("nope")).toStdString()}}));
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("Shell.StartFailed"));
    }

    void badParametersAreRuntimeErrors_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("no command") << QStringLiteral(R"({"Args": []})");
        QTest::newRow("args not array") << QStringLiteral(R"({"Command": "/bin/cat", "Args": "-n"})");
        QTest::newRow("unknown field") << QStringLiteral(R"({"Command": "/bin/cat", "Shell": true})");
        QTest::newRow("bad timeout") << QStringLiteral(R"({"Command": "/bin/cat", "TimeoutSeconds": -1})");
        QTest::newRow("env object value") << QStringLiteral(R"({"Command": "/bin/cat", "Environment": {"A": {}}})");
        QTest::newRow("missing folder") << QStringLiteral(R"({"Command": "/bin/cat", "WorkingDirectory": "/no/such"})");
    }
    void badParametersAreRuntimeErrors()
    {
        QFETCH(QString, input);
        ShellResource shell;
        const Outcome outcome = run(shell, callWith(Json::parse(input.toStdString())));
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("States.Runtime"));
    }

    void timeoutKillsTheWholeTree()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("grandchild.pid"));
        const QString path = script(QStringLiteral("tree.sh"),
                                    "sleep 60 &\n"
                                    "echo $! > \"$1\"\n"
                                    "sleep 60\n");
        ShellResource shell;
        QElapsedTimer clock;
        clock.start();

        const Outcome outcome = run(shell, callWith({{"Command", path.toStdString()},
                                                     {"Args", {pidFile.toStdString()}},
                                                     {"TimeoutSeconds", 0.5}}));

        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("States.Timeout"));
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const qint64 grandchild = file.readAll().trimmed().toLongLong();
        QVERIFY(grandchild > 0);
        QVERIFY2(QTest::qWaitFor([grandchild] { return processGone(grandchild); }, 5000),
                 "the grandchild outlived the timeout");
    }

    void callTimeoutAppliesToo()
    {
        ShellResource shell;
        TaskCall call = callWith({{"Command", "/bin/sleep"}, {"Args", {"30"}}});
        call.timeoutSeconds = 0.3;
        QElapsedTimer clock;
        clock.start();

        const Outcome outcome = run(shell, call);

        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("States.Timeout"));
        QVERIFY(clock.elapsed() < 10000);
    }

    void cancelKillsTheProcess()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("cancelled.pid"));
        const QString path = script(QStringLiteral("long.sh"), "echo $$ > \"$1\"\nsleep 60\n");
        ShellResource shell;
        auto cancelled = std::make_shared<std::atomic_bool>(false);
        TaskCall call = callWith({{"Command", path.toStdString()}, {"Args", {pidFile.toStdString()}}});
        call.cancelled = cancelled;
        Answer answer;

        shell.invoke(call, answer.callback());
        QVERIFY(QTest::qWaitFor([&] { return QFile(pidFile).size() > 0; }, 10000));
        QCOMPARE(answer.calls.load(), 0);
        cancelled->store(true);

        QVERIFY(answer.wait());
        QCOMPARE(answer.get().error().cause, std::string("cancelled"));
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const qint64 pid = file.readAll().trimmed().toLongLong();
        QVERIFY(QTest::qWaitFor([pid] { return processGone(pid); }, 5000));
    }

    void concurrencyIsBounded()
    {
        // Each child marks itself running in a folder and reports how many it saw running with it.
        const QString running = m_dir.filePath(QStringLiteral("running"));
        QVERIFY(QDir().mkpath(running));
        const QString path = script(QStringLiteral("count.sh"),
                                    "touch \"$1/$$\"\n"
                                    "sleep 0.2\n"
                                    "n=$(ls \"$1\" | wc -l)\n"
                                    "rm \"$1/$$\"\n"
                                    "echo \"{\\\"seen\\\": $n}\"\n");
        ShellResource shell(3);
        std::vector<std::unique_ptr<Answer>> answers;
        for (int i = 0; i < 12; ++i) {
            answers.push_back(std::make_unique<Answer>());
            shell.invoke(callWith({{"Command", path.toStdString()}, {"Args", {running.toStdString()}}}),
                         answers.back()->callback());
        }

        int mostSeen = 0;
        for (auto &answer : answers) {
            QVERIFY(answer->wait(30000));
            const Outcome outcome = answer->get();
            QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().cause.c_str());
            mostSeen = std::max(mostSeen, outcome.value()["seen"].get<int>());
        }
        QVERIFY2(mostSeen <= 3, qPrintable(QString::number(mostSeen)));
        QCOMPARE(shell.peakRunning(), 3);
    }

    void destroyingAnswersWhatRuns()
    {
        Answer answer;
        {
            ShellResource shell(1);
            shell.invoke(callWith({{"Command", "/bin/sleep"}, {"Args", {"30"}}}), answer.callback());
            QTest::qWait(200);
        }
        QCOMPARE(answer.calls.load(), 1);
        QVERIFY(!answer.get().ok());
    }
};

QTEST_GUILESS_MAIN(TestShell)
#include "tst_shell.moc"
