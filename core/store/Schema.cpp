#include "store/Schema_p.h"

#include "store/StoreConnection_p.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace sluice {

namespace {

// An item's events are encoded in chunks (EventCodec): the first one (seq 1..chunk_n) sits in the item's own
// row, so an item that starts and ends within one group commit costs one row; later chunks go to `events`.
// Status codes stored as small ints: ExecutionStatus, ItemStatus, DlqStatus and ReplayOutcome values.
// Version 1. Types are spelled per back end by the two lists below; the shapes are the same.
const QStringList kSqliteV1 = {
    QStringLiteral("CREATE TABLE workflows(version TEXT PRIMARY KEY, name TEXT NOT NULL, definition BLOB NOT NULL,"
                   " saved_ms INTEGER NOT NULL)"),
    QStringLiteral("CREATE TABLE executions(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                   " workflow TEXT NOT NULL, input TEXT, status INTEGER NOT NULL, started_ms INTEGER NOT NULL,"
                   " stopped_ms INTEGER NOT NULL DEFAULT 0, output TEXT, error TEXT, cause TEXT)"),
    QStringLiteral("CREATE INDEX executions_status ON executions(status, num)"),
    QStringLiteral("CREATE TABLE items(exec INTEGER NOT NULL, item INTEGER NOT NULL, parent INTEGER NOT NULL,"
                   " map_state TEXT, idx INTEGER NOT NULL, bkey TEXT, state TEXT, status INTEGER NOT NULL,"
                   " attempts INTEGER NOT NULL, error TEXT, cause TEXT, updated_ms INTEGER NOT NULL, output TEXT,"
                   " chunk_n INTEGER NOT NULL, chunk BLOB, PRIMARY KEY(exec, item)) WITHOUT ROWID"),
    QStringLiteral("CREATE TABLE item_counts(exec INTEGER NOT NULL, status INTEGER NOT NULL, n INTEGER NOT NULL,"
                   " PRIMARY KEY(exec, status)) WITHOUT ROWID"),
    QStringLiteral("CREATE TABLE payloads(hash BLOB PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID"),
    QStringLiteral("CREATE TABLE events(exec INTEGER NOT NULL, item INTEGER NOT NULL, seq INTEGER NOT NULL,"
                   " n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(exec, item, seq)) WITHOUT ROWID"),
    QStringLiteral("CREATE TABLE dlq(id INTEGER PRIMARY KEY, exec INTEGER NOT NULL, item INTEGER NOT NULL,"
                   " workflow TEXT NOT NULL, state TEXT NOT NULL, input TEXT, error TEXT NOT NULL,"
                   " cause TEXT NOT NULL, attempts INTEGER NOT NULL, first_ms INTEGER NOT NULL,"
                   " last_ms INTEGER NOT NULL, status INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX dlq_exec ON dlq(exec, id)"),
    QStringLiteral("CREATE INDEX dlq_item ON dlq(exec, item)"),
    QStringLiteral("CREATE INDEX dlq_error ON dlq(error, id)"),
    QStringLiteral("CREATE INDEX dlq_state ON dlq(state, id)"),
    QStringLiteral("CREATE INDEX dlq_workflow ON dlq(workflow, id)"),
    QStringLiteral("CREATE TABLE replays(id INTEGER PRIMARY KEY, dlq_id INTEGER NOT NULL, time_ms INTEGER NOT NULL,"
                   " os_user TEXT NOT NULL, attempt INTEGER NOT NULL, outcome INTEGER NOT NULL, error TEXT,"
                   " cause TEXT, new_exec TEXT, new_item INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX replays_dlq ON replays(dlq_id, id)"),
};

const QStringList kPostgresV1 = {
    QStringLiteral("CREATE TABLE workflows(version TEXT PRIMARY KEY, name TEXT NOT NULL, definition BYTEA NOT NULL,"
                   " saved_ms BIGINT NOT NULL)"),
    QStringLiteral("CREATE TABLE executions(num BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                   " workflow TEXT NOT NULL, input TEXT, status SMALLINT NOT NULL, started_ms BIGINT NOT NULL,"
                   " stopped_ms BIGINT NOT NULL DEFAULT 0, output TEXT, error TEXT, cause TEXT)"),
    QStringLiteral("CREATE INDEX executions_status ON executions(status, num)"),
    QStringLiteral("CREATE TABLE items(exec BIGINT NOT NULL, item BIGINT NOT NULL, parent BIGINT NOT NULL,"
                   " map_state TEXT, idx BIGINT NOT NULL, bkey TEXT, state TEXT, status SMALLINT NOT NULL,"
                   " attempts INTEGER NOT NULL, error TEXT, cause TEXT, updated_ms BIGINT NOT NULL, output TEXT,"
                   " chunk_n INTEGER NOT NULL, chunk BYTEA, PRIMARY KEY(exec, item))"),
    QStringLiteral("CREATE TABLE item_counts(exec BIGINT NOT NULL, status SMALLINT NOT NULL, n BIGINT NOT NULL,"
                   " PRIMARY KEY(exec, status))"),
    QStringLiteral("CREATE TABLE payloads(hash BYTEA PRIMARY KEY, body TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE events(exec BIGINT NOT NULL, item BIGINT NOT NULL, seq BIGINT NOT NULL,"
                   " n INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY(exec, item, seq))"),
    QStringLiteral("CREATE TABLE dlq(id BIGSERIAL PRIMARY KEY, exec BIGINT NOT NULL, item BIGINT NOT NULL,"
                   " workflow TEXT NOT NULL, state TEXT NOT NULL, input TEXT, error TEXT NOT NULL,"
                   " cause TEXT NOT NULL, attempts INTEGER NOT NULL, first_ms BIGINT NOT NULL,"
                   " last_ms BIGINT NOT NULL, status SMALLINT NOT NULL)"),
    QStringLiteral("CREATE INDEX dlq_exec ON dlq(exec, id)"),
    QStringLiteral("CREATE INDEX dlq_item ON dlq(exec, item)"),
    QStringLiteral("CREATE INDEX dlq_error ON dlq(error, id)"),
    QStringLiteral("CREATE INDEX dlq_state ON dlq(state, id)"),
    QStringLiteral("CREATE INDEX dlq_workflow ON dlq(workflow, id)"),
    QStringLiteral("CREATE TABLE replays(id BIGSERIAL PRIMARY KEY, dlq_id BIGINT NOT NULL, time_ms BIGINT NOT NULL,"
                   " os_user TEXT NOT NULL, attempt INTEGER NOT NULL, outcome SMALLINT NOT NULL, error TEXT,"
                   " cause TEXT, new_exec TEXT, new_item BIGINT NOT NULL)"),
    QStringLiteral("CREATE INDEX replays_dlq ON replays(dlq_id, id)"),
};

// Version 2: the event bus (core/events). Events as they arrive (body = the EventBridge JSON; `rule` limits a
// scheduled event to its own rule), one delivery row per (event, rule, target) with its retry state (status:
// DeliveryStatus), and what triggers remember across restarts (a schedule's last fire, the files seen).
const QStringList kSqliteV2 = {
    QStringLiteral("CREATE TABLE bus_events(id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, rule TEXT,"
                   " body TEXT NOT NULL, received_ms INTEGER NOT NULL, routed INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX bus_events_routed ON bus_events(routed, id)"),
    QStringLiteral("CREATE TABLE bus_deliveries(id INTEGER PRIMARY KEY, event INTEGER NOT NULL, rule TEXT NOT NULL,"
                   " target TEXT NOT NULL, status INTEGER NOT NULL, attempts INTEGER NOT NULL, next_ms INTEGER NOT NULL,"
                   " execution TEXT, error TEXT, cause TEXT, updated_ms INTEGER NOT NULL, replays INTEGER NOT NULL,"
                   " UNIQUE(event, rule, target))"),
    QStringLiteral("CREATE INDEX bus_deliveries_due ON bus_deliveries(status, next_ms)"),
    QStringLiteral("CREATE TABLE bus_marks(kind TEXT NOT NULL, name TEXT NOT NULL, mark TEXT NOT NULL,"
                   " value INTEGER NOT NULL, PRIMARY KEY(kind, name, mark)) WITHOUT ROWID"),
};

const QStringList kPostgresV2 = {
    QStringLiteral("CREATE TABLE bus_events(id BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, rule TEXT,"
                   " body TEXT NOT NULL, received_ms BIGINT NOT NULL, routed SMALLINT NOT NULL)"),
    QStringLiteral("CREATE INDEX bus_events_routed ON bus_events(routed, id)"),
    QStringLiteral("CREATE TABLE bus_deliveries(id BIGSERIAL PRIMARY KEY, event BIGINT NOT NULL, rule TEXT NOT NULL,"
                   " target TEXT NOT NULL, status SMALLINT NOT NULL, attempts INTEGER NOT NULL, next_ms BIGINT NOT NULL,"
                   " execution TEXT, error TEXT, cause TEXT, updated_ms BIGINT NOT NULL, replays INTEGER NOT NULL,"
                   " UNIQUE(event, rule, target))"),
    QStringLiteral("CREATE INDEX bus_deliveries_due ON bus_deliveries(status, next_ms)"),
    QStringLiteral("CREATE TABLE bus_marks(kind TEXT NOT NULL, name TEXT NOT NULL, mark TEXT NOT NULL,"
                   " value BIGINT NOT NULL, PRIMARY KEY(kind, name, mark))"),
};

// Version 3: the DLQ grouped by (error, state) from an index alone (bench_dlq_view: 400 ms -> 50 ms over
// 100,000 entries on SQLite, whose rows carry their inputs). Same statement on both back ends.
const QStringList kV3 = {
    QStringLiteral("CREATE INDEX dlq_group ON dlq(error, state, status, last_ms)"),
};

// Version 4: the monitor's item table filters and pages a million items of one execution by status, by state
// (and status) and by error name; without these every filtered page or count scans the items with their
// events. Errors are rare, so their index only holds the items that have one. Same statements on both.
const QStringList kV4 = {
    QStringLiteral("CREATE INDEX items_status ON items(exec, status, item)"),
    QStringLiteral("CREATE INDEX items_state ON items(exec, state, item)"),
    QStringLiteral("CREATE INDEX items_error ON items(exec, error, item) WHERE error IS NOT NULL"),
};

// Version 5: what Sluice itself (not the definition) set for an execution, journaled with it so that a resume
// or a replay from anywhere runs it the same way: a JSON object, {"baseDir": FOLDER} (relative paths of
// sluice:file.* and sluice:shell tasks and of ItemReader/ResultWriter resolve against FOLDER).
const QStringList kV5 = {
    QStringLiteral("ALTER TABLE executions ADD COLUMN options TEXT"),
};

/// migrations(backend)[v - 1] takes a store from version v - 1 to v.
QList<QStringList> migrations(bool sqlite)
{
    return {sqlite ? kSqliteV1 : kPostgresV1, sqlite ? kSqliteV2 : kPostgresV2, kV3, kV4, kV5};
}

Error tooNew(const StoreConnection &connection, int found)
{
    return Error{ErrorCode::IoError,
                 QStringLiteral("the store %1 has schema version %2, newer than the version %3 this build of Sluice "
                                "knows; use a newer Sluice (the store was left untouched)")
                     .arg(connection.location())
                     .arg(found)
                     .arg(Journal::kSchemaVersion),
                 {}};
}

} // namespace

Result<int> Schema::version(StoreConnection &connection)
{
    QSqlQuery query(connection.db());
    const QString exists = connection.isSqlite()
        ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sluice_meta'")
        : QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
                         " AND tablename = 'sluice_meta'");
    if (!query.exec(exists) || !query.next())
        return connection.error(query.lastError(), "reading the schema version");
    if (query.value(0).toInt() == 0)
        return 0;
    if (!query.exec(QStringLiteral("SELECT value FROM sluice_meta WHERE key = 'schema_version'")))
        return connection.error(query.lastError(), "reading the schema version");
    return query.next() ? query.value(0).toInt() : 0;
}

Result<void> Schema::configure(StoreConnection &connection)
{
    if (!connection.isSqlite())
        return {};
    for (const char *pragma : {"PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -32768", "PRAGMA temp_store = MEMORY",
                                "PRAGMA wal_autocheckpoint = 4000"}) {
        if (auto done = connection.exec(QString::fromLatin1(pragma), pragma); !done)
            return done;
    }
    return {};
}

Result<void> Schema::check(StoreConnection &connection)
{
    auto found = version(connection);
    if (!found)
        return found.error();
    if (*found > Journal::kSchemaVersion)
        return tooNew(connection, *found);
    if (*found < Journal::kSchemaVersion)
        return Error{ErrorCode::IoError,
                     QStringLiteral("the store %1 has schema version %2; open it with the journal first to migrate "
                                    "it to version %3")
                         .arg(connection.location())
                         .arg(*found)
                         .arg(Journal::kSchemaVersion),
                     {}};
    return configure(connection);
}

Result<void> Schema::migrate(StoreConnection &connection)
{
    // Look before touching anything: a newer store is refused without a single write.
    auto found = version(connection);
    if (!found)
        return found.error();
    if (*found > Journal::kSchemaVersion)
        return tooNew(connection, *found);

    const bool sqlite = connection.isSqlite();
    if (sqlite) {
        // Bigger pages suit the item rows (which carry their first events chunk); only a new file takes it.
        if (*found == 0)
            (void)connection.exec(QStringLiteral("PRAGMA page_size = 8192"), "setting the page size");
        QSqlQuery wal(connection.db());
        if (!wal.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !wal.next()) {
            const QString text = wal.lastError().text();
            if (text.contains(QLatin1String("readonly"), Qt::CaseInsensitive))
                return Error{ErrorCode::IoError, QStringLiteral("the store %1 is read-only").arg(connection.location()), {}};
            return connection.error(wal.lastError(), "switching to WAL");
        }
    }
    if (auto done = configure(connection); !done)
        return done;

    // One writer migrates; others wait for it and then find the store current.
    if (auto done = connection.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"), "BEGIN"); !done)
        return done;
    auto fail = [&connection](Error error) -> Result<void> {
        (void)connection.exec(QStringLiteral("ROLLBACK"), "ROLLBACK");
        return error;
    };
    if (!sqlite) {
        if (auto done = connection.exec(QStringLiteral("SELECT pg_advisory_xact_lock(73101)"), "locking the schema"); !done)
            return fail(done.error());
    }
    found = version(connection);
    if (!found)
        return fail(found.error());
    if (*found > Journal::kSchemaVersion)
        return fail(tooNew(connection, *found));
    if (*found == Journal::kSchemaVersion) {
        (void)connection.exec(QStringLiteral("ROLLBACK"), "ROLLBACK");
        return {};
    }
    if (*found == 0) {
        if (auto done = connection.exec(QStringLiteral("CREATE TABLE sluice_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                                        "creating the schema");
            !done)
            return fail(done.error());
        if (auto done = connection.exec(QStringLiteral("INSERT INTO sluice_meta(key, value) VALUES ('schema_version', '0')"),
                                        "creating the schema");
            !done)
            return fail(done.error());
    }
    const QList<QStringList> steps = migrations(sqlite);
    for (int v = *found + 1; v <= Journal::kSchemaVersion; ++v) {
        for (const QString &statement : steps[v - 1]) {
            if (auto done = connection.exec(statement, "migrating the schema"); !done)
                return fail(done.error());
        }
    }
    if (auto done = connection.exec(QStringLiteral("UPDATE sluice_meta SET value = '%1' WHERE key = 'schema_version'")
                                        .arg(Journal::kSchemaVersion),
                                    "migrating the schema");
        !done)
        return fail(done.error());
    if (auto done = connection.exec(QStringLiteral("COMMIT"), "COMMIT"); !done) {
        if (done.error().message.contains(QLatin1String("readonly"), Qt::CaseInsensitive))
            return fail(Error{ErrorCode::IoError, QStringLiteral("the store %1 is read-only").arg(connection.location()), {}});
        return fail(done.error());
    }
    return {};
}

} // namespace sluice
