// sluice-cli serve: triggers, rules and the engine, headless, until SIGTERM or SIGINT.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/ResumeAll.h"
#include "cli/StoreJson.h"

#include "engine/Engine.h"
#include "events/Clock.h"
#include "events/EventBus.h"
#include "events/EventStore.h"
#include "events/FileTrigger.h"
#include "events/Rules.h"
#include "events/ScheduleTrigger.h"
#include "events/WebhookTrigger.h"
#include "paths/Timestamp.h"
#include "store/Journal.h"
#include "store/JournalReader.h"
#include "tasks/TaskRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace sluice::cli {

namespace {

std::atomic_bool g_stopRequested{false};

void onStopSignal(int)
{
    g_stopRequested = true;
}

bool positive(const QCommandLineParser &parser, const QString &name, int *value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    *value = parser.value(name).toInt(&ok);
    if (!ok || *value <= 0) {
        err(QStringLiteral("sluice-cli serve: --%1 needs a positive number.").arg(name));
        return false;
    }
    return true;
}

} // namespace

int serve(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the event bus headless until SIGTERM or SIGINT: continues every execution left running,\n"
        "then routes events to the rules of --rules FILE and runs their targets, with the triggers the file\n"
        "names (schedules, folders, a webhook). Prints JSON lines on stdout: {\"ready\": true, ...} once\n"
        "serving (with \"webhookPort\"), then {\"execution\": ID, \"rule\", \"target\"} per started execution and\n"
        "{\"dead\": DELIVERY, ...} per delivery that went to the event DLQ. On SIGTERM no new work starts; running\n"
        "executions get --drain-seconds to finish and are otherwise left to resume at the next start. Exit 0."));
    parser.addOptions({storeOption(), connectionsOption(),
                       {QStringLiteral("rules"), QStringLiteral("The rules file (rules, targets and triggers)."),
                        QStringLiteral("FILE")},
                       {QStringLiteral("no-delays"), QStringLiteral("Wait states and Retry intervals take no time.")},
                       {QStringLiteral("workers"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("N")},
                       {QStringLiteral("poll-ms"), QStringLiteral("How often the store is looked at for events put by "
                                                                  "other processes and due retries (default 200)."),
                        QStringLiteral("MS")},
                       {QStringLiteral("drain-seconds"), QStringLiteral("How long a stop waits for running executions "
                                                                        "(default 30)."),
                        QStringLiteral("S")},
                       {QStringLiteral("clock-start"),
                        QStringLiteral("Starts the triggers' clock at TIME (RFC 3339) and lets it run at its real pace from "
                                       "there, so a schedule fires as it would then (to try or test a daily schedule "
                                       "without waiting for the day)."),
                        QStringLiteral("TIME")}});
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("serve"), args, &code))
        return code;
    int workers = 0, pollMs = 200, drainSeconds = 30;
    if (!positive(parser, QStringLiteral("workers"), &workers) || !positive(parser, QStringLiteral("poll-ms"), &pollMs) ||
        !positive(parser, QStringLiteral("drain-seconds"), &drainSeconds))
        return kUsage;
    qint64 clockOffsetMs = 0;
    if (parser.isSet(QStringLiteral("clock-start"))) {
        const auto start = timestamp::parseMs(parser.value(QStringLiteral("clock-start")).toStdString());
        if (!start) {
            err(QStringLiteral("sluice-cli serve: --clock-start needs an RFC 3339 time such as 2026-03-01T01:59:58Z."));
            return kUsage;
        }
        clockOffsetMs = *start - QDateTime::currentMSecsSinceEpoch();
    }
    Rules rules;
    if (parser.isSet(QStringLiteral("rules"))) {
        auto loaded = Rules::load(parser.value(QStringLiteral("rules")));
        if (!loaded) {
            err(QStringLiteral("sluice-cli serve: %1").arg(loaded.error().toString()));
            return kUsage;
        }
        rules = std::move(loaded).value();
    }
    const QString location = storeLocation(parser);
    auto journal = Journal::open(location);
    if (!journal) {
        err(QStringLiteral("sluice-cli serve: %1").arg(journal.error().message));
        return kUsage;
    }
    auto store = EventStore::open(location);
    if (!store) {
        err(QStringLiteral("sluice-cli serve: %1").arg(store.error().message));
        return kUsage;
    }
    auto reader = JournalReader::open(location);
    if (!reader) {
        err(QStringLiteral("sluice-cli serve: %1").arg(reader.error().message));
        return kUsage;
    }

    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    const bool noDelays = parser.isSet(QStringLiteral("no-delays"));
    const ShiftedClock clock(clockOffsetMs);   // the system clock unless --clock-start moved it
    Engine engine(workers);

    // First what the last run left unfinished.
    std::vector<Execution> resumedRunning;
    const std::shared_ptr<TaskRegistry> tasks = taskRegistry(parser, QStringLiteral("serve"));
    if (!tasks)
        return kUsage;
    withEventTasks(tasks, location);
    // An execution resumes with the folder journaled with it; one from a store older than that journal, with
    // the folder of the workflow a rule names (as EventBus started it).
    QHash<QString, QString> baseDirs;
    for (const Rule &rule : rules.rules) {
        for (const RuleTarget &target : rule.targets) {
            if (target.kind == RuleTarget::Kind::Workflow)
                baseDirs.insert(QString::fromStdString(target.stateMachineName), QFileInfo(target.workflowPath).absolutePath());
        }
    }
    auto resumed = resumeUnfinished(**reader, engine, journal.value(), noDelays, QString(), tasks, baseDirs);
    if (!resumed) {
        err(QStringLiteral("sluice-cli serve: %1").arg(resumed.error().message));
        return kFailed;
    }
    for (const Resumed &r : resumed.value()) {
        if (r.execution) {
            err(QStringLiteral("resuming: %1 (%2 unfinished item(s))").arg(r.id).arg(r.unfinishedItems));
            resumedRunning.push_back(*r.execution);
        } else {
            err(QStringLiteral("not resumed: %1: %2").arg(r.id, r.error));
        }
    }

    EventBus::Options options;
    options.pollMs = pollMs;
    options.noDelays = noDelays;
    options.tasks = tasks;
    EventBus bus(**store, rules, engine, journal.value(), clock, options);
    QObject::connect(&bus, &EventBus::executionStarted, [](const QString &id, const QString &rule, const QString &target) {
        printLine({{"execution", id.toStdString()}, {"rule", rule.toStdString()}, {"target", target.toStdString()}});
    });
    QObject::connect(&bus, &EventBus::deadLettered,
                     [](qint64 delivery, const QString &rule, const QString &target, const QString &error) {
                         printLine({{"dead", delivery}, {"rule", rule.toStdString()}, {"target", target.toStdString()},
                                    {"error", error.toStdString()}});
                     });

    ScheduleTrigger schedules(**store, bus.rules(), clock);
    QObject::connect(&schedules, &ScheduleTrigger::fired, &bus, &EventBus::wake);
    QObject::connect(&schedules, &ScheduleTrigger::missed,
                     [](const QString &rule, qint64 count, const QList<qint64> &, qint64 last) {
                         printLine({{"missed", count}, {"rule", rule.toStdString()},
                                    {"last", timestamp::formatMs(last)}});
                     });
    std::vector<std::unique_ptr<FileTrigger>> folders;
    for (const FileWatchConfig &config : bus.rules().files) {
        auto trigger = std::make_unique<FileTrigger>(**store, config, clock);
        if (auto started = trigger->start(); !started) {
            err(QStringLiteral("sluice-cli serve: %1").arg(started.error().message));
            return kUsage;
        }
        QObject::connect(trigger.get(), &FileTrigger::arrived, &bus, &EventBus::wake);
        err(QStringLiteral("watching: %1 (%2)").arg(config.folder, config.pattern));
        folders.push_back(std::move(trigger));
    }
    std::unique_ptr<WebhookTrigger> webhook;
    Json ready = {{"ready", true}, {"rules", bus.rules().rules.size()}, {"resumed", resumedRunning.size()}};
    if (bus.rules().webhook) {
        const WebhookConfig &config = *bus.rules().webhook;
        webhook = std::make_unique<WebhookTrigger>(**store, config, qgetenv(config.tokenEnv.toLocal8Bit().constData()),
                                                   clock);
        auto port = webhook->listen();
        if (!port) {
            err(QStringLiteral("sluice-cli serve: %1").arg(port.error().message));
            return kUsage;
        }
        QObject::connect(webhook.get(), &WebhookTrigger::received, &bus, &EventBus::wake);
        QObject::connect(webhook.get(), &WebhookTrigger::refused, [](int status, const QString &reason) {
            err(QStringLiteral("webhook: refused with %1: %2").arg(status).arg(reason));
        });
        err(QStringLiteral("webhook: listening on http://%1:%2/").arg(config.host).arg(port.value()));
        ready["webhookPort"] = port.value();
    }
    schedules.start();
    bus.start();
    err(QStringLiteral("serving: store %1, %2 rule(s)").arg(location).arg(bus.rules().rules.size()));
    if (clockOffsetMs != 0)
        err(QStringLiteral("clock: starts at %1").arg(QString::fromStdString(timestamp::formatMs(clock.nowMs()))));
    printLine(ready);

    QTimer watchSignals;
    QObject::connect(&watchSignals, &QTimer::timeout, [&] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    watchSignals.start(50);
    QCoreApplication::exec();

    // Stop taking work, then let what runs finish (or leave it to the next start).
    err(QStringLiteral("stopping: no new work"));
    if (webhook)
        webhook->close();
    for (auto &folder : folders)
        folder->stop();
    schedules.stop();
    bus.stop();
    std::vector<Execution> running = bus.running();
    running.insert(running.end(), resumedRunning.begin(), resumedRunning.end());
    QDeadlineTimer deadline(qint64(drainSeconds) * 1000);
    bool drained = true;
    for (const Execution &e : running)
        drained = e.waitForFinished(int(std::max<qint64>(0, deadline.remainingTime()))) && drained;
    if (!journal.value()->flush(60000))
        err(QStringLiteral("sluice-cli serve: the journal could not commit everything."));
    if (!drained) {
        // Leaving now keeps the unfinished executions RUNNING in the journal (the engine's destructor would
        // abort them): the next serve or resume continues each from its last committed transition.
        err(QStringLiteral("stopped: executions still running are left to resume at the next start"));
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(kOk);
    }
    err(QStringLiteral("stopped"));
    return kOk;
}

} // namespace sluice::cli
