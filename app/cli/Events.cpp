// sluice-cli event put | list | dlq: the event bus from the command line.

#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/StoreJson.h"

#include "events/EventStore.h"
#include "paths/Timestamp.h"

#include <QCommandLineParser>
#include <QDateTime>

namespace sluice::cli {

namespace {

std::unique_ptr<EventStore> openStore(const QCommandLineParser &parser, const QString &command)
{
    auto store = EventStore::open(storeLocation(parser));
    if (!store) {
        err(QStringLiteral("sluice-cli %1: %2").arg(command, store.error().message));
        return nullptr;
    }
    return std::move(store).value();
}

Json deliveryJson(const Delivery &d)
{
    Json j = {{"id", d.id},
              {"rule", d.rule.toStdString()},
              {"target", d.target.toStdString()},
              {"status", deliveryStatusName(d.status)},
              {"attempts", d.attempts},
              {"updated", timeJson(d.updatedMs)},
              {"replays", d.replays},
              {"event", d.event.toJson()}};
    if (!d.error.isEmpty()) {
        j["error"] = d.error.toStdString();
        j["cause"] = d.cause.toStdString();
    }
    if (!d.executionId.isEmpty())
        j["execution"] = d.executionId.toStdString();
    if (d.status == DeliveryStatus::Pending)
        j["next"] = timeJson(d.nextMs);
    return j;
}

bool readIds(const QStringList &args, QList<qint64> *ids)
{
    for (const QString &arg : args) {
        bool ok = false;
        const qint64 id = arg.toLongLong(&ok);
        if (!ok || id <= 0) {
            err(QStringLiteral("sluice-cli event dlq: '%1' is not a delivery id.").arg(arg));
            return false;
        }
        ids->append(id);
    }
    return true;
}

int put(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Puts an event on the bus: it is committed to the store before this prints {\"id\": ...}.\n"
        "A running `sluice-cli serve` on the same store routes and delivers it."));
    parser.addOptions({storeOption(),
                       {QStringLiteral("source"), QStringLiteral("The event's source."), QStringLiteral("S")},
                       {QStringLiteral("detail-type"), QStringLiteral("The event's detail-type."), QStringLiteral("T")},
                       {QStringLiteral("detail"), QStringLiteral("The event's detail: a JSON object (default {})."),
                        QStringLiteral("JSON")},
                       {QStringLiteral("resource"), QStringLiteral("A resource (repeatable)."), QStringLiteral("R")},
                       {QStringLiteral("time"), QStringLiteral("The event's time, RFC 3339 (default: now)."),
                        QStringLiteral("TIME")}});
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("event put"), args, &code))
        return code;
    const QString source = parser.value(QStringLiteral("source"));
    const QString detailType = parser.value(QStringLiteral("detail-type"));
    if (source.isEmpty() || detailType.isEmpty()) {
        err(QStringLiteral("sluice-cli event put: --source and --detail-type are required (see --help)."));
        return kUsage;
    }
    Json detail = Json::object();
    if (parser.isSet(QStringLiteral("detail"))) {
        auto parsed = parseJson(parser.value(QStringLiteral("detail")).toUtf8(), QStringLiteral("--detail"));
        if (!parsed) {
            err(parsed.error().message);
            return kUsage;
        }
        if (!parsed.value().is_object()) {
            err(QStringLiteral("sluice-cli event put: --detail must be a JSON object."));
            return kUsage;
        }
        detail = std::move(parsed).value();
    }
    qint64 time = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(QStringLiteral("time"))) {
        const auto ms = timestamp::parseMs(parser.value(QStringLiteral("time")).toStdString());
        if (!ms) {
            err(QStringLiteral("sluice-cli event put: --time needs an RFC 3339 time such as 2026-11-22T02:00:00Z."));
            return kUsage;
        }
        time = *ms;
    }
    Event event = Event::make(source.toStdString(), detailType.toStdString(), std::move(detail), time);
    for (const QString &r : parser.values(QStringLiteral("resource")))
        event.resources.push_back(r.toStdString());
    auto store = openStore(parser, QStringLiteral("event put"));
    if (!store)
        return kUsage;
    auto id = store->put(std::move(event));
    if (!id) {
        err(QStringLiteral("sluice-cli event put: %1").arg(id.error().message));
        return kFailed;
    }
    printLine({{"id", id.value()}});
    return kOk;
}

int list(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the events on the bus, oldest first, as JSON Lines."));
    parser.addOptions({storeOption(), {QStringLiteral("limit"), QStringLiteral("At most N (default 100)."), QStringLiteral("N")}});
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("event list"), args, &code))
        return code;
    int limit = 100;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit <= 0) {
            err(QStringLiteral("sluice-cli event list: --limit needs a positive number."));
            return kUsage;
        }
    }
    auto store = openStore(parser, QStringLiteral("event list"));
    if (!store)
        return kUsage;
    auto events = store->events(0, limit);
    if (!events) {
        err(events.error().message);
        return kFailed;
    }
    for (const StoredEvent &e : events.value())
        printLine(e.event.toJson());
    return kOk;
}

int eventDlq(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QStringLiteral("--help") || args.first() == QStringLiteral("-h")) {
        out("usage: sluice-cli event dlq list|show|replay|discard [options]\n"
            "The event DLQ: deliveries of events to rule targets whose retries were exhausted.\n"
            "Run `sluice-cli event dlq SUBCOMMAND --help` for the options of each.\n");
        return args.isEmpty() ? kUsage : kOk;
    }
    QStringList rest = args;
    const QString sub = rest.takeFirst();
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (sub == QStringLiteral("list")) {
        parser.setApplicationDescription(QStringLiteral("Lists event DLQ entries (dead deliveries, with their event) as "
                                                        "JSON Lines."));
        parser.addOptions({{QStringLiteral("rule"), QStringLiteral("Only this rule's."), QStringLiteral("NAME")},
                           {QStringLiteral("status"), QStringLiteral("dead (default), discarded, pending or delivered."),
                            QStringLiteral("S")},
                           {QStringLiteral("limit"), QStringLiteral("At most N (default 100)."), QStringLiteral("N")}});
    } else if (sub == QStringLiteral("show")) {
        parser.setApplicationDescription(QStringLiteral("Shows one delivery with its event as JSON."));
        parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The delivery."));
    } else if (sub == QStringLiteral("replay")) {
        parser.setApplicationDescription(QStringLiteral(
            "Puts dead deliveries back to pending, due now, with their attempts reset: a running (or the next)\n"
            "`sluice-cli serve` delivers them again. Prints one JSON line per entry."));
        parser.addOptions({{QStringLiteral("all"), QStringLiteral("Every dead delivery (of --rule).")},
                           {QStringLiteral("rule"), QStringLiteral("With --all: only this rule's."), QStringLiteral("NAME")}});
        parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Deliveries (or --all)."), QStringLiteral("[ID...]"));
    } else if (sub == QStringLiteral("discard")) {
        parser.setApplicationDescription(QStringLiteral("Marks dead deliveries discarded (they are kept)."));
        parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Deliveries."), QStringLiteral("ID..."));
    } else {
        err(QStringLiteral("sluice-cli event dlq: unknown subcommand '%1'.").arg(sub));
        return kUsage;
    }
    int code = kOk;
    if (!parseCommand(parser, QStringLiteral("event dlq ") + sub, rest, &code))
        return code;
    QList<qint64> ids;
    if (!readIds(parser.positionalArguments(), &ids))
        return kUsage;
    auto store = openStore(parser, QStringLiteral("event dlq"));
    if (!store)
        return kUsage;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    if (sub == QStringLiteral("list")) {
        EventStore::Filter filter;
        filter.status = DeliveryStatus::Dead;
        filter.rule = parser.value(QStringLiteral("rule"));
        if (parser.isSet(QStringLiteral("status"))) {
            filter.status = deliveryStatusFromName(parser.value(QStringLiteral("status")).toLower());
            if (!filter.status) {
                err(QStringLiteral("sluice-cli event dlq: unknown status '%1'.").arg(parser.value(QStringLiteral("status"))));
                return kUsage;
            }
        }
        if (parser.isSet(QStringLiteral("limit"))) {
            bool ok = false;
            filter.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
            if (!ok || filter.limit <= 0) {
                err(QStringLiteral("sluice-cli event dlq: --limit needs a positive number."));
                return kUsage;
            }
        }
        auto entries = store->deliveries(filter);
        if (!entries) {
            err(entries.error().message);
            return kFailed;
        }
        for (const Delivery &d : entries.value())
            printLine(deliveryJson(d));
        return kOk;
    }
    if (sub == QStringLiteral("show")) {
        if (ids.size() != 1) {
            err(QStringLiteral("sluice-cli event dlq show: name one delivery id."));
            return kUsage;
        }
        auto d = store->delivery(ids.first());
        if (!d) {
            err(d.error().message);
            return kFailed;
        }
        printLine(deliveryJson(d.value()));
        return kOk;
    }
    if (sub == QStringLiteral("replay") && parser.isSet(QStringLiteral("all"))) {
        if (!ids.isEmpty()) {
            err(QStringLiteral("sluice-cli event dlq replay: name ids or --all, not both."));
            return kUsage;
        }
        EventStore::Filter filter;
        filter.status = DeliveryStatus::Dead;
        filter.rule = parser.value(QStringLiteral("rule"));
        filter.limit = 1000;
        for (;;) {
            auto page = store->deliveries(filter);
            if (!page) {
                err(page.error().message);
                return kFailed;
            }
            for (const Delivery &d : page.value())
                ids.append(d.id);
            if (page.value().size() < filter.limit)
                break;
            filter.afterId = page.value().last().id;
        }
    }
    if (ids.isEmpty()) {
        err(QStringLiteral("sluice-cli event dlq %1: name delivery ids (see --help).").arg(sub));
        return kUsage;
    }
    int result = kOk;
    for (qint64 id : ids) {
        auto done = sub == QStringLiteral("replay") ? store->replay(id, now) : store->discard(id, now);
        Json line = {{"id", id}, {"outcome", done ? (sub == QStringLiteral("replay") ? "pending" : "discarded") : "failed"}};
        if (!done) {
            line["error"] = done.error().message.toStdString();
            result = kFailed;
        }
        printLine(line);
    }
    return result;
}

} // namespace

int event(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QStringLiteral("--help") || args.first() == QStringLiteral("-h")) {
        out("usage: sluice-cli event put|list|dlq [options]\n"
            "Run `sluice-cli event SUBCOMMAND --help` for the options of each.\n");
        return args.isEmpty() ? kUsage : kOk;
    }
    QStringList rest = args;
    const QString sub = rest.takeFirst();
    if (sub == QStringLiteral("put"))
        return put(rest);
    if (sub == QStringLiteral("list"))
        return list(rest);
    if (sub == QStringLiteral("dlq"))
        return eventDlq(rest);
    err(QStringLiteral("sluice-cli event: unknown subcommand '%1'.").arg(sub));
    return kUsage;
}

} // namespace sluice::cli
