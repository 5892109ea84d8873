#include "ShellResource.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <signal.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcShell, "sluice.tasks.shell")

namespace sluice {

namespace {

constexpr qint64 kMaxStderrBytes = 1024 * 1024; // kept for the error; the rest is dropped
constexpr int kExcerptChars = 1000;

Failure runtimeFailure(const std::string &message)
{
    return Failure{errors::kRuntime, "sluice:shell: " + message};
}

Failure cancelledFailure()
{
    return Failure{errors::kRuntime, "cancelled"};
}

void answer(TaskCallback &done, Result<Json, Failure> result)
{
    if (!done)
        return;
    TaskCallback callback = std::move(done);
    done = nullptr;
    try {
        callback(std::move(result));
    } catch (const std::exception &e) {
        qCWarning(lcShell) << "a shell callback threw:" << e.what();
    } catch (...) {
        qCWarning(lcShell) << "a shell callback threw";
    }
}

/// At most kExcerptChars of `bytes`, from its start or its end, as text for a cause.
std::string excerpt(const QByteArray &bytes, bool tail)
{
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.size() <= kExcerptChars)
        return trimmed.toStdString();
    return tail ? "..." + trimmed.right(kExcerptChars).toStdString() : trimmed.left(kExcerptChars).toStdString() + "...";
}

/// A command ready to start: Parameters checked and resolved on the calling thread.
struct Command
{
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;
    QByteArray stdinData;
    double timeoutSeconds = 0; // 0 = none
    std::string display;       // the program as written, for causes
};

Result<Command, Failure> commandFrom(const TaskCall &call)
{
    const Json &input = call.input;
    if (!input.is_object())
        return runtimeFailure("the Parameters must be an object with a \"Command\", got " +
                              std::string(input.type_name()));
    static const char *const known[] = {"Command", "Args", "Input", "WorkingDirectory", "Environment",
                                        "TimeoutSeconds"};
    for (const auto &item : input.items()) {
        if (std::find_if(std::begin(known), std::end(known), [&](const char *k) { return item.key() == k; }) ==
            std::end(known))
            return runtimeFailure("unknown parameter \"" + item.key() +
                                  "\" (known: Command, Args, Input, WorkingDirectory, Environment, TimeoutSeconds)");
    }
    const auto command = input.find("Command");
    if (command == input.end() || !command->is_string() || command->get<std::string>().empty())
        return runtimeFailure("\"Command\" must be a non-empty string naming the program to run");

    Command c;
    c.display = command->get<std::string>();
    const QString baseDir = call.baseDir;
    c.program = QString::fromStdString(c.display);
    if (c.program.contains(QLatin1Char('/')) && QFileInfo(c.program).isRelative() && !baseDir.isEmpty())
        c.program = QDir(baseDir).filePath(c.program);

    if (const auto args = input.find("Args"); args != input.end()) {
        if (!args->is_array())
            return runtimeFailure("\"Args\" must be an array of strings");
        for (const Json &arg : *args) {
            if (arg.is_string())
                c.arguments.append(QString::fromStdString(arg.get<std::string>()));
            else if (arg.is_number() || arg.is_boolean())
                c.arguments.append(QString::fromStdString(arg.dump()));
            else
                return runtimeFailure("\"Args\" must hold strings (or numbers), got " + std::string(arg.type_name()));
        }
    }

    c.workingDirectory = baseDir;
    if (const auto dir = input.find("WorkingDirectory"); dir != input.end()) {
        if (!dir->is_string())
            return runtimeFailure("\"WorkingDirectory\" must be a string");
        QString path = QString::fromStdString(dir->get<std::string>());
        if (QFileInfo(path).isRelative() && !baseDir.isEmpty())
            path = QDir(baseDir).filePath(path);
        if (!QFileInfo(path).isDir())
            return runtimeFailure("the WorkingDirectory " + path.toStdString() + " is not a folder");
        c.workingDirectory = path;
    }

    c.environment = QProcessEnvironment::systemEnvironment();
    if (const auto env = input.find("Environment"); env != input.end()) {
        if (!env->is_object())
            return runtimeFailure("\"Environment\" must be an object of strings");
        for (const auto &[name, value] : env->items()) {
            if (name.empty() || name.find('=') != std::string::npos)
                return runtimeFailure("\"" + name + "\" is not a valid environment variable name");
            if (value.is_null())
                c.environment.remove(QString::fromStdString(name));
            else if (value.is_string())
                c.environment.insert(QString::fromStdString(name), QString::fromStdString(value.get<std::string>()));
            else if (value.is_number() || value.is_boolean())
                c.environment.insert(QString::fromStdString(name), QString::fromStdString(value.dump()));
            else
                return runtimeFailure("the Environment value of \"" + name + "\" must be a string");
        }
    }
    if (!call.idempotencyKey.empty())
        c.environment.insert(QStringLiteral("SLUICE_IDEMPOTENCY_KEY"), QString::fromStdString(call.idempotencyKey));

    if (const auto timeout = input.find("TimeoutSeconds"); timeout != input.end()) {
        if (!timeout->is_number() || !std::isfinite(timeout->get<double>()) || timeout->get<double>() <= 0)
            return runtimeFailure("\"TimeoutSeconds\" must be a positive number");
        c.timeoutSeconds = timeout->get<double>();
    }
    if (call.timeoutSeconds > 0 && (c.timeoutSeconds == 0 || call.timeoutSeconds < c.timeoutSeconds))
        c.timeoutSeconds = call.timeoutSeconds;

    const auto stdinValue = input.find("Input");
    const Json &payload = stdinValue != input.end() ? *stdinValue : input;
    c.stdinData = QByteArray::fromStdString(payload.dump(-1, ' ', false, Json::error_handler_t::replace));
    c.stdinData.append('\n');
    return c;
}

/// The error a program named on stderr: {"Error": "...", "Cause": ...} as the whole of stderr or its
/// last non-empty line.
std::optional<Failure> namedError(const QByteArray &stderrBytes)
{
    const auto tryParse = [](const QByteArray &text) -> std::optional<Failure> {
        const Json value = Json::parse(text.cbegin(), text.cend(), nullptr, false);
        if (!value.is_object())
            return std::nullopt;
        const auto error = value.find("Error");
        if (error == value.end() || !error->is_string() || error->get<std::string>().empty())
            return std::nullopt;
        Failure failure{error->get<std::string>(), {}};
        if (const auto cause = value.find("Cause"); cause != value.end())
            failure.cause = cause->is_string() ? cause->get<std::string>() : cause->dump();
        return failure;
    };
    const QByteArray trimmed = stderrBytes.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (auto whole = tryParse(trimmed))
        return whole;
    const qsizetype lastBreak = trimmed.lastIndexOf('\n');
    if (lastBreak >= 0)
        return tryParse(trimmed.mid(lastBreak + 1).trimmed());
    return std::nullopt;
}

} // namespace

/// Lives on the runner's thread and owns the running QProcesses. Its destructor (run there when the
/// thread ends) kills what still runs and answers what is left.
class ShellResource::Host : public QObject
{
public:
    struct Job
    {
        Command command;
        TaskCallback done;
        std::shared_ptr<const std::atomic_bool> cancelled;
        bool isCancelled() const { return cancelled && cancelled->load(std::memory_order_relaxed); }
    };

    Host(int maxProcesses, std::atomic_int &peak) : m_maxProcesses(maxProcesses), m_peak(peak)
    {
        m_cancelTimer = new QTimer(this);
        m_cancelTimer->setInterval(kCancelPollMs);
        connect(m_cancelTimer, &QTimer::timeout, this, [this] { sweepCancelled(); });
    }

    ~Host() override
    {
        for (auto &job : m_queue)
            answer(job.done, cancelledFailure());
        m_queue.clear();
        for (auto &[process, running] : m_running) {
            killGroup(*running);
            process->disconnect(this);
            process->waitForFinished(5000); // reaps the killed child before ~QProcess
            answer(running->job.done, cancelledFailure());
        }
    }

    void add(Job job)
    {
        m_queue.push_back(std::move(job));
        pump();
    }

private:
    enum class Ended { Normally, TimedOut, Cancelled, TooMuchOutput };

    struct Running
    {
        Job job;
        QProcess *process = nullptr;
        qint64 pid = 0;
        QByteArray out;
        QByteArray err;
        Ended ended = Ended::Normally;
    };

    void pump()
    {
        while (!m_queue.empty() && int(m_running.size()) < m_maxProcesses) {
            Job job = std::move(m_queue.front());
            m_queue.pop_front();
            if (job.isCancelled()) {
                answer(job.done, cancelledFailure());
                continue;
            }
            start(std::move(job));
        }
        const bool watch = !m_queue.empty() || !m_running.empty();
        if (watch && !m_cancelTimer->isActive())
            m_cancelTimer->start();
        else if (!watch)
            m_cancelTimer->stop();
    }

    void start(Job job)
    {
        auto *process = new QProcess(this);
        auto running = std::make_unique<Running>();
        Running *r = running.get();
        r->job = std::move(job);
        r->process = process;
        const Command &c = r->job.command;
        process->setProgram(c.program);
        process->setArguments(c.arguments);
        if (!c.workingDirectory.isEmpty())
            process->setWorkingDirectory(c.workingDirectory);
        process->setProcessEnvironment(c.environment);
        // Its own session and process group, so that killing -pgid reaches everything it starts.
        process->setChildProcessModifier([] { ::setsid(); });

        connect(process, &QProcess::readyReadStandardOutput, this, [this, r] {
            r->out += r->process->readAllStandardOutput();
            if (r->out.size() > kMaxOutputBytes && r->ended == Ended::Normally) {
                r->ended = Ended::TooMuchOutput;
                killGroup(*r);
            }
        });
        connect(process, &QProcess::readyReadStandardError, this, [r] {
            const QByteArray more = r->process->readAllStandardError();
            if (r->err.size() < kMaxStderrBytes)
                r->err += more.left(kMaxStderrBytes - r->err.size());
        });
        connect(process, &QProcess::errorOccurred, this, [this, r](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart)
                return; // the others end in finished()
            const Failure failure{"Shell.StartFailed", "sluice:shell: cannot start " + r->job.command.display + ": " +
                                                           r->process->errorString().toStdString()};
            finish(r, failure);
        });
        connect(process, &QProcess::finished, this,
                [this, r](int exitCode, QProcess::ExitStatus status) { finish(r, outcome(*r, exitCode, status)); });

        if (c.timeoutSeconds > 0) {
            auto *timer = new QTimer(process);
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
            connect(timer, &QTimer::timeout, this, [this, r] {
                if (r->ended == Ended::Normally) {
                    r->ended = Ended::TimedOut;
                    killGroup(*r);
                }
            });
            timer->start(int(std::min<double>(std::ceil(c.timeoutSeconds * 1000.0), 2147483647.0)));
        }

        m_running.emplace(process, std::move(running));
        m_peak.store(std::max(m_peak.load(), int(m_running.size())));
        process->start(QIODevice::ReadWrite);
        if (m_running.count(process) == 0)
            return; // failed to start: already answered and removed
        r->pid = process->processId();
        process->write(c.stdinData);
        process->closeWriteChannel();
    }

    static Result<Json, Failure> outcome(Running &r, int exitCode, QProcess::ExitStatus status)
    {
        const std::string &program = r.job.command.display;
        r.out += r.process->readAllStandardOutput();
        r.err += r.process->readAllStandardError().left(std::max<qint64>(0, kMaxStderrBytes - r.err.size()));
        switch (r.ended) {
        case Ended::TimedOut:
            return Failure{errors::kTimeout, "sluice:shell: " + program + " ran longer than " +
                                                 QString::number(r.job.command.timeoutSeconds).toStdString() +
                                                 " s; its process group was killed"};
        case Ended::Cancelled:
            return cancelledFailure();
        case Ended::TooMuchOutput:
            return Failure{"Shell.OutputTooLarge", "sluice:shell: " + program + " wrote more than " +
                                                       std::to_string(kMaxOutputBytes) + " bytes on stdout; it was killed"};
        case Ended::Normally:
            break;
        }
        if (status == QProcess::CrashExit)
            return Failure{"Shell.Crashed", "sluice:shell: " + program + " was ended by a signal" +
                                                (r.err.trimmed().isEmpty() ? std::string() : ": " + excerpt(r.err, true))};
        if (exitCode != 0) {
            if (auto named = namedError(r.err))
                return *named;
            return Failure{"Shell.ExitCode." + std::to_string(exitCode),
                           "sluice:shell: " + program + " exited with code " + std::to_string(exitCode) +
                               (r.err.trimmed().isEmpty() ? std::string(" (stderr empty)")
                                                          : ": " + excerpt(r.err, true))};
        }
        const QByteArray text = r.out.trimmed();
        if (text.isEmpty())
            return Result<Json, Failure>(Json());
        Json value = Json::parse(text.cbegin(), text.cend(), nullptr, false);
        if (value.is_discarded())
            return Failure{"Shell.InvalidOutput",
                           "sluice:shell: the output of " + program + " is not JSON: " + excerpt(r.out, false)};
        return Result<Json, Failure>(std::move(value));
    }

    void finish(Running *r, Result<Json, Failure> result)
    {
        const auto it = m_running.find(r->process);
        if (it == m_running.end())
            return;
        std::unique_ptr<Running> running = std::move(it->second);
        m_running.erase(it);
        running->process->disconnect(this);
        running->process->deleteLater();
        answer(running->job.done, std::move(result));
        pump();
    }

    static void killGroup(const Running &r)
    {
        if (r.pid > 0)
            ::kill(-pid_t(r.pid), SIGKILL);
        else
            r.process->kill();
    }

    void sweepCancelled()
    {
        for (auto it = m_queue.begin(); it != m_queue.end();) {
            if (it->isCancelled()) {
                answer(it->done, cancelledFailure());
                it = m_queue.erase(it);
            } else {
                ++it;
            }
        }
        for (auto &[process, running] : m_running) {
            if (running->job.isCancelled() && running->ended == Ended::Normally) {
                running->ended = Ended::Cancelled;
                killGroup(*running);
            }
        }
        pump();
    }

    int m_maxProcesses;
    std::atomic_int &m_peak;
    QTimer *m_cancelTimer = nullptr;
    std::deque<Job> m_queue;
    std::map<QProcess *, std::unique_ptr<Running>> m_running;
};

/// The thread and its host.
class ShellResource::Runner
{
public:
    explicit Runner(int maxProcesses) : m_maxProcesses(std::max(1, maxProcesses))
    {
        m_thread.setObjectName(QStringLiteral("sluice-shell"));
        m_host = new Host(m_maxProcesses, m_peak);
        m_host->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
        m_thread.start();
    }

    ~Runner()
    {
        Q_ASSERT_X(QThread::currentThread() != &m_thread, "~ShellResource",
                   "destroyed from inside one of its own callbacks");
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_thread.quit();
        m_thread.wait(); // runs the host's deferred deletion: kills and answers what is left
    }

    void add(Host::Job job)
    {
        std::unique_lock lock(m_mutex);
        if (m_stopping) {
            lock.unlock();
            answer(job.done, cancelledFailure());
            return;
        }
        // Under the lock, so the thread cannot quit between the check and the post.
        QMetaObject::invokeMethod(
            m_host, [host = m_host, job = std::move(job)]() mutable { host->add(std::move(job)); },
            Qt::QueuedConnection);
    }

    const int m_maxProcesses;
    std::atomic_int m_peak{0};

private:
    QThread m_thread;
    Host *m_host = nullptr;
    std::mutex m_mutex;
    bool m_stopping = false; // guarded by m_mutex
};

ShellResource::ShellResource(int maxProcesses) : m_runner(std::make_unique<Runner>(maxProcesses)) {}

ShellResource::~ShellResource() = default;

int ShellResource::maxProcesses() const
{
    return m_runner->m_maxProcesses;
}

int ShellResource::peakRunning() const
{
    return m_runner->m_peak.load();
}

void ShellResource::invoke(const TaskCall &call, TaskCallback done)
{
    auto command = commandFrom(call);
    if (!command) {
        done(std::move(command).error());
        return;
    }
    if (call.cancelled && call.cancelled->load()) {
        done(cancelledFailure());
        return;
    }
    m_runner->add(Host::Job{std::move(command).value(), std::move(done), call.cancelled});
}

} // namespace sluice
