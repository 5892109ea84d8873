// sluice-cli dlq list | show | replay | discard | export: the dead-letter queue.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/StoreJson.h"

#include "definition/Parser.h"
#include "paths/Timestamp.h"
#include "replay/DlqJson.h"
#include "replay/DlqReplayer.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <algorithm>

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
    auto entries = allDlqEntries(*reader, filter, limit);
    if (!entries) {
        err(entries.error().message);
        return kFailed;
    }
    for (const DlqEntry &entry : entries.value()) {
        if (exportAll) {
            // The same lines as the DLQ browser's export.
            auto replays = reader->replays(entry.id);
            out(dlqExportLine(entry, replays ? replays.value() : QList<ReplayRecord>()));
        } else {
            printLine(toJson(entry));
        }
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
                       {QStringLiteral("no-delays"), QStringLiteral("Wait states and Retry intervals take no time.")},
                       connectionsOption()});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("DLQ entries (or --all)."), QStringLiteral("[ID...]"));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("dlq replay"), args, &code))
        return code;
    ReplayRequest request;
    const bool all = parser.isSet(QStringLiteral("all"));
    if (!readIds(parser.positionalArguments(), &request.ids))
        return kUsage;
    if (all == !request.ids.isEmpty()) {
        err(QStringLiteral("sluice-cli dlq replay: name entry ids or --all, not both (see --help)."));
        return kUsage;
    }
    if (all) {
        DlqFilter filter;
        if (!readFilter(parser, &filter))
            return kUsage;
        request.filter = filter;
    }
    if (parser.isSet(QStringLiteral("input-json"))) {
        auto parsed = parseJson(parser.value(QStringLiteral("input-json")).toUtf8(), QStringLiteral("--input-json"));
        if (!parsed) {
            err(parsed.error().message);
            return kUsage;
        }
        request.input = std::move(parsed).value();
    }
    if (parser.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        request.concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || request.concurrency <= 0) {
            err(QStringLiteral("sluice-cli dlq replay: --concurrency needs a positive number."));
            return kUsage;
        }
    }
    request.latestVersion = parser.isSet(QStringLiteral("latest-version"));
    if (parser.isSet(QStringLiteral("definition"))) {
        if (request.latestVersion) {
            err(QStringLiteral("sluice-cli dlq replay: --latest-version and --definition exclude each other."));
            return kUsage;
        }
        const QString file = parser.value(QStringLiteral("definition"));
        auto source = readDefinition(file);
        if (!source) {
            err(source.error().message);
            return kUsage;
        }
        if (auto parsed = definition::parse(source->json); !parsed) {
            Error e = parsed.error();
            source->relocate(e);
            err(QStringLiteral("%1:%2").arg(file, e.toString()));
            return kUsage;
        }
        request.definition = source->json;
    }
    request.fromState = parser.value(QStringLiteral("from-state"));
    request.noDelays = parser.isSet(QStringLiteral("no-delays"));
    request.tasks = taskRegistry(parser, QStringLiteral("dlq replay"));
    if (!request.tasks)
        return kUsage;

    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    auto journal = Journal::open(storeLocation(parser));
    if (!journal) {
        err(journal.error().message);
        return kUsage;
    }
    DlqReplayer replayer(journal.value(), std::shared_ptr<JournalReader>(std::move(reader)));
    ReplayObserver observer;
    observer.finished = [](const ReplayEntryResult &result) {
        Json line = {{"id", result.id}, {"outcome", replayOutcomeName(result.outcome)}};
        if (!result.error.isEmpty()) {
            line["error"] = result.error.toStdString();
            line["cause"] = result.cause.toStdString();
        }
        printLine(line);
    };
    observer.message = [](const QString &line) { err(line); };
    auto results = replayer.replay(request, observer);
    if (!results) {
        err(QStringLiteral("sluice-cli dlq replay: %1").arg(results.error().message));
        return kFailed;
    }
    const bool anyFailed = std::any_of(results.value().cbegin(), results.value().cend(), [](const ReplayEntryResult &r) {
        return r.outcome != ReplayOutcome::Succeeded;
    });
    return anyFailed ? kFailed : kOk;
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
