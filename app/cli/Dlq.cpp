// sluice-cli dlq list | show | replay | discard | export: the dead-letter queue.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/StoreJson.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "paths/Timestamp.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <deque>
#include <map>
#include <set>
#include <pwd.h>
#include <unistd.h>

namespace sluice::cli {

std::unique_ptr<JournalReader> openReader(const QCommandLineParser &parser, int *exitCode);

namespace {

QList<QCommandLineOption> filterOptions()
{
    return {{QStringLiteral("execution"), QStringLiteral("Only entries of this execution."), QStringLiteral("ID")},
            {QStringLiteral("workflow"), QStringLiteral("Only entries of this workflow version."), QStringLiteral("VERSION")},
            {QStringLiteral("state"), QStringLiteral("Only entries that failed in this state."), QStringLiteral("NAME")},
            {QStringLiteral("error"), QStringLiteral("Only entries with this error name."), QStringLiteral("E")},
            {QStringLiteral("text"), QStringLiteral("Only entries whose cause contains TEXT."), QStringLiteral("TEXT")},
            {QStringLiteral("since"), QStringLiteral("Only entries that last failed at or after TIME (RFC 3339)."),
             QStringLiteral("TIME")},
            {QStringLiteral("status"), QStringLiteral("Only open, replaying, replayed or discarded entries."),
             QStringLiteral("S")}};
}

bool readFilter(const QCommandLineParser &parser, DlqFilter *filter)
{
    filter->executionId = parser.value(QStringLiteral("execution"));
    filter->workflowVersion = parser.value(QStringLiteral("workflow"));
    filter->state = parser.value(QStringLiteral("state"));
    filter->error = parser.value(QStringLiteral("error"));
    filter->causeText = parser.value(QStringLiteral("text"));
    if (parser.isSet(QStringLiteral("since"))) {
        const auto ms = timestamp::parseMs(parser.value(QStringLiteral("since")).toStdString());
        if (!ms) {
            err(QStringLiteral("sluice-cli dlq: --since needs an RFC 3339 time such as 2026-11-21T10:00:00Z."));
            return false;
        }
        filter->sinceMs = *ms;
    }
    if (parser.isSet(QStringLiteral("status"))) {
        filter->status = dlqStatusFromName(parser.value(QStringLiteral("status")).toLower().toStdString());
        if (!filter->status) {
            err(QStringLiteral("sluice-cli dlq: unknown status '%1'.").arg(parser.value(QStringLiteral("status"))));
            return false;
        }
    }
    return true;
}

bool readIds(const QStringList &args, QList<qint64> *ids)
{
    for (const QString &arg : args) {
        bool ok = false;
        const qint64 id = arg.toLongLong(&ok);
        if (!ok || id <= 0) {
            err(QStringLiteral("sluice-cli dlq: '%1' is not a DLQ entry id.").arg(arg));
            return false;
        }
        ids->append(id);
    }
    return true;
}

/// Every entry the filter selects, page by page.
Result<QList<DlqEntry>> allMatching(JournalReader &reader, DlqFilter filter, int limit = 0)
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

int list(const QStringList &args, bool exportAll)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(exportAll ? QStringLiteral("Exports DLQ entries as JSON Lines, with their replays.")
                                               : QStringLiteral("Lists DLQ entries as JSON Lines, oldest first."));
    parser.addOption(storeOption());
    parser.addOptions(filterOptions());
    parser.addOption({QStringLiteral("limit"), QStringLiteral("At most N entries (default: 100 for list, all for export)."),
                      QStringLiteral("N")});
    int code = kOk;
    if (!parseCommand(parser, exportAll ? QStringLiteral("dlq export") : QStringLiteral("dlq list"), args, &code))
        return code;
    DlqFilter filter;
    if (!readFilter(parser, &filter))
        return kUsage;
    int limit = exportAll ? 0 : 100;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit <= 0) {
            err(QStringLiteral("sluice-cli dlq: --limit needs a positive number."));
            return kUsage;
        }
    }
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    auto entries = allMatching(*reader, filter, limit);
    if (!entries) {
        err(entries.error().message);
        return kFailed;
    }
    for (const DlqEntry &entry : entries.value()) {
        Json line = toJson(entry);
        if (exportAll) {
            auto replays = reader->replays(entry.id);
            Json list = Json::array();
            if (replays) {
                for (const ReplayRecord &r : replays.value())
                    list.push_back(toJson(r));
            }
            line["replays"] = std::move(list);
        }
        printLine(line);
    }
    return kOk;
}

int showEntry(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows one DLQ entry with its replay history as JSON."));
    parser.addOption(storeOption());
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The DLQ entry."));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("dlq show"), args, &code))
        return code;
    QList<qint64> ids;
    if (parser.positionalArguments().size() != 1 || !readIds(parser.positionalArguments(), &ids))
        return kUsage;
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    auto entry = reader->dlqEntry(ids.first());
    if (!entry) {
        err(entry.error().message);
        return kFailed;
    }
    Json line = toJson(entry.value());
    Json replays = Json::array();
    if (auto list = reader->replays(entry.value().id)) {
        for (const ReplayRecord &r : list.value())
            replays.push_back(toJson(r));
    }
    line["replays"] = std::move(replays);
    printLine(line);
    return kOk;
}

int discard(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Marks DLQ entries discarded (they are kept, with their history)."));
    parser.addOption(storeOption());
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("DLQ entries."), QStringLiteral("ID..."));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("dlq discard"), args, &code))
        return code;
    QList<qint64> ids;
    if (parser.positionalArguments().isEmpty() || !readIds(parser.positionalArguments(), &ids))
        return kUsage;
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    int result = kOk;
    for (qint64 id : ids) {
        auto done = reader->setDlqStatus(id, DlqStatus::Discarded);
        if (!done) {
            err(QStringLiteral("%1: %2").arg(id).arg(done.error().message));
            result = kFailed;
        }
    }
    return result;
}

QString osUser()
{
    if (const passwd *pw = getpwuid(getuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}

/// One replay in flight.
struct Pending
{
    DlqEntry entry;
    ItemRow row;
    std::optional<Execution> execution;
};

/// Redrives the execution's root item from `mapState` once every item of that Map has succeeded: the
/// Map's result is rebuilt from the items' outputs and the root goes on from there, as Step Functions'
/// RedriveExecution does. Returns a line for stderr.
QString redrive(Engine &engine, JournalReader &reader, const std::shared_ptr<Journal> &journal,
                const QString &executionId, const QString &mapState, bool noDelays)
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
    // The root's input when it entered the Map.
    HistoryFilter history;
    history.item = 0;
    Json mapInput;
    bool found = false;
    for (;;) {
        auto page = reader.history(executionId, history);
        if (!page)
            return page.error().message;
        for (const HistoryEvent &e : page.value()) {
            if (e.type == JournalRecord::Type::StateEntered && e.state == mapState) {
                mapInput = e.payload;
                found = true;
            }
        }
        if (page.value().size() < history.limit)
            break;
        history.afterItem = page.value().last().item;
        history.afterSeq = page.value().last().seq;
    }
    if (!found)
        return QStringLiteral("execution %1 never entered %2").arg(executionId, mapState);
    auto bytes = reader.workflowDefinition(info.value().workflowVersion);
    if (!bytes)
        return bytes.error().message;
    auto workflow = definition::parse(bytes.value());
    if (!workflow)
        return workflow.error().toString();

    ItemRestart root;
    root.item = 0;
    root.state = mapState.toStdString();
    root.input = std::move(mapInput);
    root.stateResult = std::move(results);
    root.finishesExecution = true;
    ExecutionOptions options;
    options.executionId = executionId;
    options.name = info.value().name.toStdString();
    options.stateMachineName = info.value().workflowName.isEmpty() ? "StateMachine" : info.value().workflowName.toStdString();
    options.journal = journal;
    options.workflowVersion = info.value().workflowVersion.toStdString();
    options.noDelays = noDelays;
    auto execution = engine.restart(std::move(workflow).value(), std::move(root), std::move(options));
    if (!execution)
        return execution.error().message;
    execution.value().waitForFinished();
    journal->flush(60000);
    const ExecutionResult result = execution.value().result();
    return QStringLiteral("execution %1 redriven from %2: %3")
        .arg(executionId, mapState, QLatin1String(executionStatusName(result.status)));
}

int replay(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Replays DLQ entries: each item starts again at the state where it failed, with its stored input\n"
        "(or --input-json), in its own execution. Its result joins its Map's result; once every item of that\n"
        "Map has succeeded and the execution had ended, the execution is redriven from the Map onward.\n"
        "Prints one JSON line per entry: id, outcome (succeeded/failed), error."));
    parser.addOption(storeOption());
    parser.addOptions(filterOptions());
    parser.addOptions({{QStringLiteral("all"), QStringLiteral("Replay every open entry the filters select.")},
                       {QStringLiteral("input-json"), QStringLiteral("Replay with this input instead of the stored one."),
                        QStringLiteral("JSON")},
                       {QStringLiteral("from-state"), QStringLiteral("Start in this state instead of the one that failed."),
                        QStringLiteral("NAME")},
                       {QStringLiteral("definition"),
                        QStringLiteral("Replay on this (newer) definition instead of the entry's version."),
                        QStringLiteral("FILE")},
                       {QStringLiteral("latest-version"),
                        QStringLiteral("Replay on the newest saved version of the entry's workflow (same name).")},
                       {QStringLiteral("concurrency"), QStringLiteral("Replays running at once (default 4)."),
                        QStringLiteral("N")},
                       {QStringLiteral("no-delays"), QStringLiteral("Wait states and Retry intervals take no time.")}});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("DLQ entries (or --all)."), QStringLiteral("[ID...]"));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("dlq replay"), args, &code))
        return code;
    const bool all = parser.isSet(QStringLiteral("all"));
    QList<qint64> ids;
    if (!readIds(parser.positionalArguments(), &ids))
        return kUsage;
    if (all == !ids.isEmpty()) {
        err(QStringLiteral("sluice-cli dlq replay: name entry ids or --all, not both (see --help)."));
        return kUsage;
    }
    std::optional<Json> editedInput;
    if (parser.isSet(QStringLiteral("input-json"))) {
        auto parsed = parseJson(parser.value(QStringLiteral("input-json")).toUtf8(), QStringLiteral("--input-json"));
        if (!parsed) {
            err(parsed.error().message);
            return kUsage;
        }
        editedInput = std::move(parsed).value();
    }
    int concurrency = 4;
    if (parser.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || concurrency <= 0) {
            err(QStringLiteral("sluice-cli dlq replay: --concurrency needs a positive number."));
            return kUsage;
        }
    }
    const bool latestVersion = parser.isSet(QStringLiteral("latest-version"));
    if (latestVersion && parser.isSet(QStringLiteral("definition"))) {
        err(QStringLiteral("sluice-cli dlq replay: --latest-version and --definition exclude each other."));
        return kUsage;
    }
    std::shared_ptr<const Workflow> newer;
    std::string newerVersion;
    QByteArray newerBytes;
    if (parser.isSet(QStringLiteral("definition"))) {
        auto bytes = readFile(parser.value(QStringLiteral("definition")));
        if (!bytes) {
            err(bytes.error().message);
            return kUsage;
        }
        auto parsed = definition::parse(bytes.value());
        if (!parsed) {
            err(QStringLiteral("%1:%2").arg(parser.value(QStringLiteral("definition")), parsed.error().toString()));
            return kUsage;
        }
        newer = std::move(parsed).value();
        newerBytes = bytes.value();
    }

    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    auto journal = Journal::open(storeLocation(parser));
    if (!journal) {
        err(journal.error().message);
        return kUsage;
    }
    if (newer) {
        auto version = journal.value()->saveWorkflow(newerBytes, QString());
        if (!version) {
            err(version.error().message);
            return kFailed;
        }
        newerVersion = version.value();
    }

    QList<DlqEntry> entries;
    if (all) {
        DlqFilter filter;
        if (!readFilter(parser, &filter))
            return kUsage;
        if (!filter.status)
            filter.status = DlqStatus::Open;
        auto matching = allMatching(*reader, filter);
        if (!matching) {
            err(matching.error().message);
            return kFailed;
        }
        entries = matching.value();
    } else {
        for (qint64 id : ids) {
            auto entry = reader->dlqEntry(id);
            if (!entry) {
                printLine({{"id", id}, {"outcome", "failed"}, {"error", entry.error().message.toStdString()}});
                code = kFailed;
                continue;
            }
            entries.append(entry.value());
        }
    }

    Engine engine;
    const QString user = osUser();
    const bool noDelays = parser.isSet(QStringLiteral("no-delays"));
    std::map<QString, std::shared_ptr<const Workflow>> workflows;   // by version
    std::set<std::pair<QString, QString>> mapsToRedrive;            // (execution, Map state)
    std::deque<Pending> running;
    int cursor = 0;
    bool anyFailed = false;

    auto report = [&](const DlqEntry &entry, ReplayOutcome outcome, const QString &error, const QString &cause,
                      const QString &execution) {
        auto previous = reader->replays(entry.id);
        ReplayRecord record;
        record.timeMs = QDateTime::currentMSecsSinceEpoch();
        record.osUser = user;
        record.attempt = previous ? int(previous.value().size()) + 1 : 1;
        record.outcome = outcome;
        record.error = error;
        record.cause = cause;
        record.newExecutionId = execution;
        record.newItem = entry.item;
        // The entry keeps its story: every replay is recorded on it, and a failed one leaves it open.
        auto added = reader->addReplay(entry.id, record);
        auto marked = reader->setDlqStatus(entry.id, outcome == ReplayOutcome::Succeeded ? DlqStatus::Replayed
                                                                                        : DlqStatus::Open);
        if (!added || !marked)
            err(QStringLiteral("sluice-cli dlq replay: entry %1: %2")
                    .arg(entry.id)
                    .arg(!added ? added.error().message : marked.error().message));
        Json line = {{"id", entry.id}, {"outcome", replayOutcomeName(outcome)}};
        if (!error.isEmpty()) {
            line["error"] = error.toStdString();
            line["cause"] = cause.toStdString();
        }
        printLine(line);
        if (outcome == ReplayOutcome::Failed)
            anyFailed = true;
    };

    auto launch = [&](const DlqEntry &entry) -> std::optional<Pending> {
        if (entry.status == DlqStatus::Discarded) {
            printLine({{"id", entry.id}, {"outcome", "failed"}, {"error", "the entry is discarded"}});
            anyFailed = true;
            return std::nullopt;
        }
        std::shared_ptr<const Workflow> workflow = newer;
        QString entryVersion = entry.workflowVersion;
        if (latestVersion) {
            auto latest = reader->latestWorkflowVersion(entryVersion);
            if (!latest) {
                report(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.WorkflowMissing"), latest.error().message,
                       QString());
                return std::nullopt;
            }
            entryVersion = latest.value();
        }
        std::string version = newer ? newerVersion : entryVersion.toStdString();
        if (!workflow) {
            auto &cached = workflows[entryVersion];
            if (!cached) {
                auto bytes = reader->workflowDefinition(entryVersion);
                if (bytes) {
                    auto parsed = definition::parse(bytes.value());
                    if (parsed)
                        cached = parsed.value();
                }
            }
            workflow = cached;
        }
        if (!workflow) {
            report(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.WorkflowMissing"),
                   QStringLiteral("The workflow version of this entry is not in the store."), QString());
            return std::nullopt;
        }
        ItemFilter filter;
        filter.afterItem = entry.item - 1;
        filter.limit = 1;
        auto rows = reader->items(entry.executionId, filter);
        if (!rows || rows.value().isEmpty() || rows.value().first().item != entry.item) {
            report(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.ItemMissing"),
                   QStringLiteral("The item of this entry is not in the store."), QString());
            return std::nullopt;
        }
        Pending pending{entry, rows.value().first(), std::nullopt};
        ItemRestart restart;
        restart.item = entry.item;
        restart.parent = pending.row.parent;
        restart.index = pending.row.index;
        restart.mapState = pending.row.mapState.toStdString();
        restart.state = parser.isSet(QStringLiteral("from-state")) ? parser.value(QStringLiteral("from-state")).toStdString()
                                                                    : entry.state.toStdString();
        restart.input = editedInput ? *editedInput : entry.input;
        restart.finishesExecution = entry.item == 0;
        ExecutionOptions options;
        options.executionId = entry.executionId;
        options.journal = journal.value();
        options.workflowVersion = version;
        options.noDelays = noDelays;
        auto execution = engine.restart(workflow, std::move(restart), std::move(options));
        if (!execution) {
            report(entry, ReplayOutcome::Failed, QStringLiteral("Sluice.StateMissing"), execution.error().message,
                   QString());
            return std::nullopt;
        }
        if (auto marked = reader->setDlqStatus(entry.id, DlqStatus::Replaying); !marked)
            err(QStringLiteral("sluice-cli dlq replay: entry %1: %2").arg(entry.id).arg(marked.error().message));
        pending.execution = execution.value();
        return pending;
    };

    while (cursor < entries.size() || !running.empty()) {
        while (cursor < entries.size() && int(running.size()) < concurrency) {
            if (auto p = launch(entries[cursor++]))
                running.push_back(std::move(*p));
        }
        if (running.empty())
            continue;
        Pending &first = running.front();
        first.execution->waitForFinished();
        journal.value()->flush(60000);
        const ExecutionResult result = first.execution->result();
        if (result.status == ExecutionStatus::Succeeded) {
            report(first.entry, ReplayOutcome::Succeeded, QString(), QString(), first.entry.executionId);
            if (!first.row.mapState.isEmpty() && first.row.parent == 0)
                mapsToRedrive.insert({first.entry.executionId, first.row.mapState});
        } else {
            report(first.entry, ReplayOutcome::Failed, QString::fromStdString(result.failure.error),
                   QString::fromStdString(result.failure.cause), first.entry.executionId);
        }
        running.pop_front();
    }

    for (const auto &[execution, mapState] : mapsToRedrive)
        err(redrive(engine, *reader, journal.value(), execution, mapState, noDelays));
    return code != kOk ? code : (anyFailed ? kFailed : kOk);
}

} // namespace

int dlq(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QStringLiteral("--help") || args.first() == QStringLiteral("-h")) {
        out("usage: sluice-cli dlq list|show|replay|discard|export [options]\n"
            "Run `sluice-cli dlq SUBCOMMAND --help` for the options of each.\n");
        return args.isEmpty() ? kUsage : kOk;
    }
    QStringList rest = args;
    const QString sub = rest.takeFirst();
    if (sub == QStringLiteral("list"))
        return list(rest, false);
    if (sub == QStringLiteral("export"))
        return list(rest, true);
    if (sub == QStringLiteral("show"))
        return showEntry(rest);
    if (sub == QStringLiteral("discard"))
        return discard(rest);
    if (sub == QStringLiteral("replay"))
        return replay(rest);
    err(QStringLiteral("sluice-cli dlq: unknown subcommand '%1'.").arg(sub));
    return kUsage;
}

} // namespace sluice::cli
