#include "run/ResumeUnfinished.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QDir>

namespace sluice {

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
        p.enteredInputs = std::move(item.enteredInputs);
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

Result<std::vector<Resumed>> resumeUnfinished(JournalReader &reader, Engine &engine, std::shared_ptr<Journal> journal,
                                              bool noDelays, const QString &baseDir, std::shared_ptr<TaskRegistry> tasks,
                                              const QHash<QString, QString> &baseDirByWorkflow)
{
    auto unfinished = reader.unfinished();
    if (!unfinished)
        return std::move(unfinished).error();
    std::vector<Resumed> resumed;
    for (UnfinishedExecution &u : unfinished.value()) {
        Resumed r{u.id, u.items.size(), std::nullopt, QString()};
        auto bytes = reader.workflowDefinition(u.workflowVersion);
        auto workflow = bytes ? definition::parse(bytes.value()) : Result<std::shared_ptr<const Workflow>>(bytes.error());
        if (!workflow) {
            r.error = workflow.error().message;
            resumed.push_back(std::move(r));
            continue;
        }
        auto info = reader.execution(u.id, false);   // the name only: the input is in `u` as text
        ExecutionOptions options;
        options.executionId = u.id;
        options.name = u.name.toStdString();
        if (info && !info.value().workflowName.isEmpty())
            options.stateMachineName = info.value().workflowName.toStdString();
        options.journal = journal;
        options.workflowVersion = u.workflowVersion.toStdString();
        options.noDelays = noDelays;
        options.baseDir = !baseDir.isEmpty()        ? baseDir
                          : !u.baseDir.isEmpty()    ? u.baseDir
                          : info && baseDirByWorkflow.contains(info.value().workflowName)
                              ? baseDirByWorkflow.value(info.value().workflowName)
                              : QDir::currentPath();
        options.tasks = tasks;
        auto execution = engine.resume(std::move(workflow).value(), resumePointOf(u), std::move(options));
        if (!execution)
            r.error = execution.error().message;
        else
            r.execution = execution.value();
        resumed.push_back(std::move(r));
    }
    return resumed;
}

} // namespace sluice
