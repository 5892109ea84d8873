// sluice-cli resume: continue every execution the journal shows as still running.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/ResumeAll.h"
#include "cli/StoreJson.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "events/EventTasks.h"
#include "store/Journal.h"
#include "tasks/TaskRegistry.h"
#include "store/JournalReader.h"

#include <QCommandLineParser>
#include <QDir>

namespace sluice::cli {

std::unique_ptr<JournalReader> openReader(const QCommandLineParser &parser, int *exitCode);

std::shared_ptr<TaskRegistry> withEventTasks(std::shared_ptr<TaskRegistry> tasks, const QString &location)
{
    if (auto added = addEventTasks(*tasks, location); !added)
        err(QStringLiteral("sluice-cli: sluice:event.put and sluice:event.wait are not available: %1")
                .arg(added.error().message));
    return tasks;
}

int resume(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Continues every execution left running (after a crash or a kill), each item from its last\n"
        "committed transition, and exits when they are done. Prints one JSON line per execution."));
    parser.addOptions({storeOption(), connectionsOption(),
                       {QStringLiteral("base-dir"), QStringLiteral("Folder that relative ItemReader and ResultWriter "
                                                                   "paths resolve against (default: the one journaled "
                                                                   "with each execution, its definition's folder)."),
                        QStringLiteral("DIR")},
                       {QStringLiteral("no-delays"), QStringLiteral("Wait states and Retry intervals take no time.")}});
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("resume"), args, &code))
        return code;
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    const std::shared_ptr<TaskRegistry> tasks = taskRegistry(parser, QStringLiteral("resume"));
    if (!tasks)
        return kUsage;
    auto journal = Journal::open(storeLocation(parser));
    if (!journal) {
        err(journal.error().message);
        return kUsage;
    }
    Engine engine;
    auto resumed = resumeUnfinished(*reader, engine, journal.value(), parser.isSet(QStringLiteral("no-delays")),
                                    parser.isSet(QStringLiteral("base-dir")) ? parser.value(QStringLiteral("base-dir"))
                                                                             : QString(),
                                    withEventTasks(tasks, storeLocation(parser)));
    if (!resumed) {
        err(resumed.error().message);
        return kFailed;
    }
    struct Running
    {
        QString id;
        Execution execution;
    };
    std::vector<Running> running;
    int result = kOk;
    for (const Resumed &r : resumed.value()) {
        if (!r.execution) {
            printLine({{"id", r.id.toStdString()}, {"status", "NOT_RESUMED"}, {"error", r.error.toStdString()}});
            result = kFailed;
            continue;
        }
        err(QStringLiteral("resuming: %1 (%2 unfinished item(s))").arg(r.id).arg(r.unfinishedItems));
        running.push_back({r.id, *r.execution});
    }
    for (Running &r : running) {
        r.execution.waitForFinished();
        const ExecutionResult done = r.execution.result();
        Json line = {{"id", r.id.toStdString()}, {"status", executionStatusName(done.status)}};
        if (done.status != ExecutionStatus::Succeeded) {
            line["error"] = done.failure.error;
            result = kFailed;
        }
        printLine(line);
    }
    if (!journal.value()->flush(60000)) {
        err(QStringLiteral("sluice-cli resume: the journal could not commit everything."));
        return kFailed;
    }
    return result;
}

} // namespace sluice::cli
