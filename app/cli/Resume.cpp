// sluice-cli resume: continue every execution the journal shows as still running.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/StoreJson.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QCommandLineParser>
#include <QDir>

namespace sluice::cli {

std::unique_ptr<JournalReader> openReader(const QCommandLineParser &parser, int *exitCode);

namespace {

ResumePoint resumePointOf(UnfinishedExecution &unfinished)
{
    ResumePoint point;
    point.executionInputText = std::move(unfinished.inputText);
    point.startedMs = unfinished.startedMs;
    point.maxItem = unfinished.maxItem;
    for (UnfinishedItem &item : unfinished.items) {
        ResumePoint::Item p;
        p.item = item.item;
        p.parent = item.parent;
        p.index = item.index;
        p.mapState = item.mapState.toStdString();
        p.state = item.state.toStdString();
        p.input = std::move(item.input);
        for (FinishedChild &child : item.finishedChildren) {
            ResumePoint::Child c;
            c.index = child.index;
            c.succeeded = child.status == ItemStatus::Succeeded;
            c.outputText = std::move(child.outputText);
            c.error = child.error.toStdString();
            c.cause = child.cause.toStdString();
            // A cancelled item did not finish its work: it runs again.
            if (child.status != ItemStatus::Cancelled)
                p.finishedChildren.push_back(std::move(c));
        }
        point.items.push_back(std::move(p));
    }
    return point;
}

} // namespace

int resume(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Continues every execution left running (after a crash or a kill), each item from its last\n"
        "committed transition, and exits when they are done. Prints one JSON line per execution."));
    parser.addOptions({storeOption(), connectionsOption(),
                       {QStringLiteral("base-dir"), QStringLiteral("Folder that relative ItemReader and ResultWriter "
                                                                   "paths resolve against (default: the current one)."),
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
    auto unfinished = reader->unfinished();
    if (!unfinished) {
        err(unfinished.error().message);
        return kFailed;
    }
    Engine engine;
    struct Running
    {
        QString id;
        Execution execution;
    };
    std::vector<Running> running;
    int result = kOk;
    for (UnfinishedExecution &u : unfinished.value()) {
        auto bytes = reader->workflowDefinition(u.workflowVersion);
        auto workflow = bytes ? definition::parse(bytes.value()) : Result<std::shared_ptr<const Workflow>>(bytes.error());
        if (!workflow) {
            printLine({{"id", u.id.toStdString()}, {"status", "NOT_RESUMED"}, {"error", workflow.error().message.toStdString()}});
            result = kFailed;
            continue;
        }
        auto info = reader->execution(u.id);
        ExecutionOptions options;
        options.executionId = u.id;
        options.name = u.name.toStdString();
        if (info && !info.value().workflowName.isEmpty())
            options.stateMachineName = info.value().workflowName.toStdString();
        options.journal = journal.value();
        options.workflowVersion = u.workflowVersion.toStdString();
        options.noDelays = parser.isSet(QStringLiteral("no-delays"));
        options.tasks = tasks;
        options.baseDir = parser.isSet(QStringLiteral("base-dir")) ? parser.value(QStringLiteral("base-dir"))
                                                                   : QDir::currentPath();
        auto execution = engine.resume(std::move(workflow).value(), resumePointOf(u), std::move(options));
        if (!execution) {
            printLine({{"id", u.id.toStdString()}, {"status", "NOT_RESUMED"}, {"error", execution.error().message.toStdString()}});
            result = kFailed;
            continue;
        }
        err(QStringLiteral("resuming: %1 (%2 unfinished item(s))").arg(u.id).arg(u.items.size()));
        running.push_back({u.id, execution.value()});
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
