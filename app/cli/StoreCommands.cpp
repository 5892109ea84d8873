// sluice-cli runs | show | items | history: reading the journal.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/StoreJson.h"

#include "store/Journal.h"
#include "store/JournalReader.h"
#include "tasks/Connections.h"
#include "tasks/TaskRegistry.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace sluice::cli {

QCommandLineOption storeOption()
{
    return QCommandLineOption(QStringLiteral("store"),
                              QStringLiteral("The journal: a SQLite file or postgresql://user@host:port/db "
                                             "(default: $SLUICE_STORE, else the embedded file in the user's data folder)."),
                              QStringLiteral("PATH|URL"));
}

QString storeLocation(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")) : Journal::defaultLocation();
}

QCommandLineOption connectionsOption()
{
    return QCommandLineOption(QStringLiteral("connections"),
                              QStringLiteral("Connection profiles for sluice:sql and the other connectors (default: "
                                             "connections.json next to the store, when it exists)."),
                              QStringLiteral("FILE"));
}

std::shared_ptr<TaskRegistry> taskRegistry(const QCommandLineParser &parser, const QString &command)
{
    const bool given = parser.isSet(QStringLiteral("connections"));
    const QString path = given ? parser.value(QStringLiteral("connections"))
                               : Connections::defaultPath(storeLocation(parser));
    if (!given && !QFileInfo::exists(path))
        return TaskRegistry::withBuiltins();
    auto connections = Connections::load(path);
    if (!connections) {
        err(QStringLiteral("sluice-cli %1: %2").arg(command, connections.error().message));
        return nullptr;
    }
    return TaskRegistry::withBuiltins(std::make_shared<const Connections>(std::move(connections).value()));
}

bool parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &args, int *exitCode)
{
    parser.addHelpOption();
    QStringList argv = args;
    argv.prepend(QStringLiteral("sluice-cli ") + command);
    if (!parser.parse(argv)) {
        err(QStringLiteral("sluice-cli %1: %2").arg(command, parser.errorText()));
        *exitCode = kUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText().toUtf8());
        *exitCode = kOk;
        return false;
    }
    return true;
}

std::unique_ptr<JournalReader> openReader(const QCommandLineParser &parser, int *exitCode)
{
    auto reader = JournalReader::open(storeLocation(parser));
    if (!reader) {
        err(QStringLiteral("sluice-cli: %1").arg(reader.error().message));
        *exitCode = kUsage;
        return nullptr;
    }
    return std::move(reader).value();
}

namespace {

bool positiveInt(const QCommandLineParser &parser, const QString &name, int *value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    *value = parser.value(name).toInt(&ok);
    if (!ok || *value <= 0) {
        err(QStringLiteral("sluice-cli: --%1 needs a positive number.").arg(name));
        return false;
    }
    return true;
}

} // namespace

int runs(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists executions, newest first, as JSON Lines."));
    parser.addOptions({storeOption(),
                       {QStringLiteral("status"), QStringLiteral("Only RUNNING, SUCCEEDED, FAILED, ABORTED or TIMED_OUT."),
                        QStringLiteral("S")},
                       {QStringLiteral("limit"), QStringLiteral("At most N (default 100)."), QStringLiteral("N")}});
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("runs"), args, &code))
        return code;
    RunFilter filter;
    if (parser.isSet(QStringLiteral("status"))) {
        filter.status = executionStatusFromName(parser.value(QStringLiteral("status")).toUpper().toStdString());
        if (!filter.status) {
            err(QStringLiteral("sluice-cli runs: unknown status '%1'.").arg(parser.value(QStringLiteral("status"))));
            return kUsage;
        }
    }
    if (!positiveInt(parser, QStringLiteral("limit"), &filter.limit))
        return kUsage;
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    auto list = reader->runs(filter);
    if (!list) {
        err(list.error().message);
        return kFailed;
    }
    for (const ExecutionInfo &info : list.value())
        printLine(toJson(info, false));
    return kOk;
}

int show(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows one execution as a JSON object."));
    parser.addOption(storeOption());
    parser.addPositionalArgument(QStringLiteral("EXECUTION"), QStringLiteral("The execution id."));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("show"), args, &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("sluice-cli show: name one EXECUTION."));
        return kUsage;
    }
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    auto info = reader->execution(parser.positionalArguments().first());
    if (!info) {
        err(info.error().message);
        return kFailed;
    }
    printLine(toJson(info.value(), true));
    return kOk;
}

int items(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists an execution's items as JSON Lines."));
    parser.addOptions({storeOption(),
                       {QStringLiteral("status"), QStringLiteral("Only items with this status (pending, running, "
                                                                 "retrying, succeeded, failed, replaying, cancelled)."),
                        QStringLiteral("S")},
                       {QStringLiteral("state"), QStringLiteral("Only items in this state."), QStringLiteral("NAME")},
                       {QStringLiteral("limit"), QStringLiteral("At most N (default: all)."), QStringLiteral("N")}});
    parser.addPositionalArgument(QStringLiteral("EXECUTION"), QStringLiteral("The execution id."));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("items"), args, &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("sluice-cli items: name one EXECUTION."));
        return kUsage;
    }
    ItemFilter filter;
    if (parser.isSet(QStringLiteral("status"))) {
        filter.status = itemStatusFromName(parser.value(QStringLiteral("status")).toLower().toStdString());
        if (!filter.status) {
            err(QStringLiteral("sluice-cli items: unknown status '%1'.").arg(parser.value(QStringLiteral("status"))));
            return kUsage;
        }
    }
    filter.state = parser.value(QStringLiteral("state"));
    int limit = 0;
    if (!positiveInt(parser, QStringLiteral("limit"), &limit))
        return kUsage;
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    const QString execution = parser.positionalArguments().first();
    qint64 printed = 0;
    for (;;) {   // page through, 1,000 rows at a time
        filter.limit = limit > 0 ? int(std::min<qint64>(1000, limit - printed)) : 1000;
        if (filter.limit <= 0)
            break;
        auto page = reader->items(execution, filter);
        if (!page) {
            err(page.error().message);
            return kFailed;
        }
        for (const ItemRow &row : page.value())
            printLine(toJson(row));
        printed += page.value().size();
        if (page.value().size() < filter.limit)
            break;
        filter.afterItem = page.value().last().item;
    }
    return kOk;
}

int history(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists an execution's event history as JSON Lines."));
    parser.addOptions({storeOption(),
                       {QStringLiteral("item"), QStringLiteral("Only this item's events."), QStringLiteral("N")}});
    parser.addPositionalArgument(QStringLiteral("EXECUTION"), QStringLiteral("The execution id."));
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("history"), args, &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("sluice-cli history: name one EXECUTION."));
        return kUsage;
    }
    HistoryFilter filter;
    if (parser.isSet(QStringLiteral("item"))) {
        bool ok = false;
        filter.item = parser.value(QStringLiteral("item")).toLongLong(&ok);
        if (!ok || *filter.item < 0) {
            err(QStringLiteral("sluice-cli history: --item needs an item number."));
            return kUsage;
        }
    }
    auto reader = openReader(parser, &code);
    if (!reader)
        return code;
    const QString execution = parser.positionalArguments().first();
    for (;;) {
        auto page = reader->history(execution, filter);
        if (!page) {
            err(page.error().message);
            return kFailed;
        }
        for (const HistoryEvent &event : page.value())
            printLine(toJson(event));
        if (page.value().size() < filter.limit)
            break;
        filter.afterItem = page.value().last().item;
        filter.afterSeq = page.value().last().seq;
    }
    return kOk;
}

} // namespace sluice::cli
