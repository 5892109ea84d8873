#include "replay/DlqReplayer.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QDateTime>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <pwd.h>
#include <unistd.h>

namespace sluice {

namespace {

/// One replay in flight.
struct Pending
{
    DlqEntry entry;
    ItemRow row;
    Execution execution;
};

/// The root's input when it entered `mapState`, from the execution's history.
Result<Json> mapInputOf(JournalReader &reader, const QString &executionId, const QString &mapState)
{
    HistoryFilter history;
    history.item = 0;
    std::optional<Json> found;
    for (;;) {
        auto page = reader.history(executionId, history);
        if (!page)
            return std::move(page).error();
        for (const HistoryEvent &e : page.value()) {
            if (e.type == JournalRecord::Type::StateEntered && e.state == mapState)
                found = e.payload;
        }
        if (page.value().size() < history.limit)
            break;
        history.afterItem = page.value().last().item;
        history.afterSeq = page.value().last().seq;
    }
    if (!found)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("execution %1 never entered %2").arg(executionId, mapState), {}};
    return std::move(*found);
}

/// Redrives the execution's root item from `mapState` once every item of that Map has succeeded: the
/// Map's result is rebuilt from the items' outputs and the root goes on from there. Returns a line for
/// the log.
QString redrive(Engine &engine, JournalReader &reader, const std::shared_ptr<Journal> &journal,
                const QString &executionId, const QString &mapState, bool noDelays,
                const std::shared_ptr<TaskRegistry> &tasks)
{
    auto info = reader.execution(executionId);
    if (!info)
        return info.error().message;
    if (info.value().status == ExecutionStatus::Running)
        return QStringLiteral("execution %1 is still running; its Map takes the result when it resumes").arg(executionId);
    ItemFilter filter;
    filter.limit = 1000;
    std::map<qint64, Json> outputs;
    qint64 notDone = 0;
    for (;;) {
        auto page = reader.items(executionId, filter);
        if (!page)
            return page.error().message;
        for (const ItemRow &row : page.value()) {
            if (row.parent != 0 || row.mapState != mapState)
                continue;
            if (row.status == ItemStatus::Succeeded)
                outputs[row.index] = row.output;
            else
                ++notDone;
        }
        if (page.value().size() < filter.limit)
            break;
        filter.afterItem = page.value().last().item;
    }
    if (notDone > 0)
        return QStringLiteral("execution %1 waits for %2 more item(s) of %3 before it is redriven")
            .arg(executionId)
            .arg(notDone)
            .arg(mapState);
    Json results = Json::array();
    qint64 expected = 0;
    for (auto &[index, output] : outputs) {
        if (index != expected++)
            return QStringLiteral("execution %1: item %2 of %3 was never run, so it cannot be redriven yet")
                .arg(executionId)
                .arg(expected - 1)
                .arg(mapState);
        results.push_back(std::move(output));
    }
    auto mapInput = mapInputOf(reader, executionId, mapState);
    if (!mapInput)
        return mapInput.error().message;
    auto bytes = reader.workflowDefinition(info.value().workflowVersion);
    if (!bytes)
        return bytes.error().message;
    auto workflow = definition::parse(bytes.value());
    if (!workflow)
        return workflow.error().toString();

    ItemRestart root;
    root.item = 0;
    root.state = mapState.toStdString();
    root.input = std::move(mapInput).value();
    root.stateResult = std::move(results);
    root.finishesExecution = true;
    ExecutionOptions options;
    options.executionId = executionId;
    options.name = info.value().name.toStdString();
    options.stateMachineName = info.value().workflowName.isEmpty() ? "StateMachine" : info.value().workflowName.toStdString();
    options.journal = journal;
    options.workflowVersion = info.value().workflowVersion.toStdString();
    options.baseDir = info.value().baseDir;   // as the run resolved its relative paths, wherever this runs
    options.noDelays = noDelays;
    options.tasks = tasks;
    auto execution = engine.restart(std::move(workflow).value(), std::move(root), std::move(options));
    if (!execution)
        return execution.error().message;
    execution.value().waitForFinished();
    journal->flush(60000);
    const ExecutionResult result = execution.value().result();
    return QStringLiteral("execution %1 redriven from %2: %3")
        .arg(executionId, mapState, QLatin1String(executionStatusName(result.status)));
}

} // namespace

Result<QList<DlqEntry>> allDlqEntries(JournalReader &reader, DlqFilter filter, int limit)
{
    QList<DlqEntry> all;
    for (;;) {
        filter.limit = limit > 0 ? std::min(1000, limit - int(all.size())) : 1000;
        if (filter.limit <= 0)
            break;
        auto page = reader.dlq(filter);
        if (!page)
            return std::move(page).error();
        all.append(page.value());
        if (page.value().size() < filter.limit)
            break;
        filter.afterId = page.value().last().id;
    }
    return all;
}

DlqReplayer::DlqReplayer(std::shared_ptr<Journal> journal, std::shared_ptr<JournalReader> reader)
    : m_journal(std::move(journal))
    , m_reader(std::move(reader))
{
}

QString DlqReplayer::osUser()
{
    if (const passwd *pw = getpwuid(getuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}

Result<QList<ReplayEntryResult>> DlqReplayer::replay(const ReplayRequest &request, const ReplayObserver &observer,
                                                     const std::atomic_bool *cancel)
{
    JournalReader &reader = *m_reader;
    auto say = [&](const QString &line) {
        if (observer.message && !line.isEmpty())
            observer.message(line);
    };

    // A newer definition is saved as a version of its own, so the replayed items' history points at it.
    std::shared_ptr<const Workflow> newer;
    std::string newerVersion;
    if (request.definition) {
        if (request.latestVersion)
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("a newer definition and the latest saved version exclude each other"), {}};
        auto parsed = definition::parse(*request.definition);
        if (!parsed)
            return std::move(parsed).error();
        newer = std::move(parsed).value();
    }

    QList<ReplayEntryResult> results;
    auto emitResult = [&](ReplayEntryResult result) {
        if (observer.finished)
            observer.finished(result);
        results.append(std::move(result));
    };

    // Select the entries. Ids that name no entry are reported at once, without touching the store.
    QList<DlqEntry> entries;
    if (request.filter) {
        DlqFilter filter = *request.filter;
        if (!filter.status)
            filter.status = DlqStatus::Open;
        auto matching = allDlqEntries(reader, filter);
        if (!matching)
            return std::move(matching).error();
        entries = std::move(matching).value();
    }
    QList<ReplayEntryResult> missing;
    for (qint64 id : request.ids) {
        auto entry = reader.dlqEntry(id);
        if (entry)
            entries.append(entry.value());
        else
            missing.append({id, ReplayOutcome::Failed, QStringLiteral("Sluice.EntryMissing"), entry.error().message});
    }
    if (observer.started)
        observer.started(int(entries.size() + missing.size()));
    for (ReplayEntryResult &result : missing)
        emitResult(std::move(result));

    const QString user = request.user.isEmpty() ? osUser() : request.user;
    // Records the replay on its entry (the entry keeps its story) and reports it.
    auto record = [&](const DlqEntry &entry, ReplayOutcome outcome, const QString &error, const QString &cause) {
        auto previous = reader.replays(entry.id);
        ReplayRecord replay;
        replay.timeMs = QDateTime::currentMSecsSinceEpoch();
        replay.osUser = user;
        replay.attempt = previous ? int(previous.value().size()) + 1 : 1;
        replay.outcome = outcome;
        replay.error = error;
        replay.cause = cause;
        replay.newExecutionId = entry.executionId;
        replay.newItem = entry.item;
        auto added = reader.addReplay(entry.id, replay);
        auto marked = reader.setDlqStatus(entry.id, outcome == ReplayOutcome::Succeeded ? DlqStatus::Replayed
                                                                                       : DlqStatus::Open);
        if (!added || !marked)
            say(QStringLiteral("entry %1: %2").arg(entry.id).arg(!added ? added.error().message : marked.error().message));
        emitResult({entry.id, outcome, error, cause});
    };

    Engine engine;
    std::map<QString, std::shared_ptr<const Workflow>> workflows;   // by version
    std::map<QString, QString> latest;                              // entry version -> newest of its name
    std::map<QString, QString> baseDirs;                            // by execution
    std::set<std::pair<QString, QString>> mapsToRedrive;            // (execution, Map state)

    auto launch = [&](const DlqEntry &entry) -> std::optional<Pending> {
        if (entry.status == DlqStatus::Discarded) {
            emitResult({entry.id, ReplayOutcome::Failed, QStringLiteral("Sluice.EntryDiscarded"),
                        QStringLiteral("the entry is discarded")});
            return std::nullopt;
        }
        QString version = entry.workflowVersion;
        if (request.latestVersion) {
            auto known = latest.find(version);
            if (known == latest.end()) {
                auto found = reader.latestWorkflowVersion(version);
                if (!found) {
                    record(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.WorkflowMissing"), found.error().message);
                    return std::nullopt;
                }
                known = latest.emplace(version, found.value()).first;
            }
            version = known->second;
        }
        std::shared_ptr<const Workflow> workflow = newer;
        if (newer && newerVersion.empty()) {
            // Saved under the name of the workflow it replaces, so it is that workflow's latest version.
            auto info = reader.execution(entry.executionId);
            auto saved = m_journal->saveWorkflow(*request.definition, info ? info.value().workflowName : QString());
            if (!saved) {
                record(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.StoreError"), saved.error().message);
                return std::nullopt;
            }
            newerVersion = saved.value();
        }
        if (!workflow) {
            auto &cached = workflows[version];
            if (!cached) {
                auto bytes = reader.workflowDefinition(version);
                if (bytes) {
                    auto parsed = definition::parse(bytes.value());
                    if (parsed)
                        cached = parsed.value();
                }
            }
            workflow = cached;
        }
        if (!workflow) {
            record(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.WorkflowMissing"),
                   QStringLiteral("The workflow version of this entry is not in the store."));
            return std::nullopt;
        }
        ItemFilter filter;
        filter.afterItem = entry.item - 1;
        filter.limit = 1;
        auto rows = reader.items(entry.executionId, filter);
        if (!rows || rows.value().isEmpty() || rows.value().first().item != entry.item) {
            record(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.ItemMissing"),
                   QStringLiteral("The item of this entry is not in the store."));
            return std::nullopt;
        }
        const ItemRow row = rows.value().first();
        ItemRestart restart;
        restart.item = entry.item;
        restart.parent = row.parent;
        restart.index = row.index;
        restart.mapState = row.mapState.toStdString();
        restart.state = request.fromState.isEmpty() ? entry.state.toStdString() : request.fromState.toStdString();
        restart.input = request.input ? *request.input : entry.input;
        restart.finishesExecution = entry.item == 0;
        ExecutionOptions options;
        options.executionId = entry.executionId;
        options.journal = m_journal;
        options.workflowVersion = newer ? newerVersion : version.toStdString();
        // The run's own base folder (journaled with it), so relative paths resolve as they did in the run.
        auto knownDir = baseDirs.find(entry.executionId);
        if (knownDir == baseDirs.end()) {
            auto dir = reader.executionBaseDir(entry.executionId);
            knownDir = baseDirs.emplace(entry.executionId, dir ? dir.value() : QString()).first;
        }
        options.baseDir = knownDir->second;
        options.noDelays = request.noDelays;
        options.tasks = request.tasks;
        auto execution = engine.restart(workflow, std::move(restart), std::move(options));
        if (!execution) {
            record(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.StateMissing"), execution.error().message);
            return std::nullopt;
        }
        if (auto marked = reader.setDlqStatus(entry.id, DlqStatus::Replaying); !marked)
            say(QStringLiteral("entry %1: %2").arg(entry.id).arg(marked.error().message));
        return Pending{entry, row, execution.value()};
    };

    auto settle = [&](Pending &done) {
        m_journal->flush(60000);
        const ExecutionResult result = done.execution.result();
        if (result.status == ExecutionStatus::Succeeded) {
            record(done.entry, ReplayOutcome::Succeeded, QString(), QString());
            if (!done.row.mapState.isEmpty() && done.row.parent == 0)
                mapsToRedrive.insert({done.entry.executionId, done.row.mapState});
        } else {
            record(done.entry, ReplayOutcome::Failed, QString::fromStdString(result.failure.error),
                   QString::fromStdString(result.failure.cause));
        }
    };

    const int concurrency = std::max(1, request.concurrency);
    std::deque<Pending> running;
    qsizetype cursor = 0;
    auto cancelled = [&] { return cancel && cancel->load(); };
    while ((cursor < entries.size() && !cancelled()) || !running.empty()) {
        while (cursor < entries.size() && int(running.size()) < concurrency && !cancelled()) {
            if (auto pending = launch(entries[cursor++]))
                running.push_back(std::move(*pending));
        }
        if (running.empty())
            continue;
        // Report whichever replay ends first; wait a little on the oldest while none has.
        auto done = std::find_if(running.begin(), running.end(), [](const Pending &p) { return p.execution.isFinished(); });
        if (done == running.end()) {
            running.front().execution.waitForFinished(20);
            continue;
        }
        settle(*done);
        running.erase(done);
    }

    for (const auto &[execution, mapState] : mapsToRedrive)
        say(redrive(engine, reader, m_journal, execution, mapState, request.noDelays, request.tasks));
    return results;
}

} // namespace sluice
