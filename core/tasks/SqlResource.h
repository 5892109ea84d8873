#pragma once

#include "tasks/TaskResource.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <string_view>

namespace sluice {

class Connections;

/// `sluice:sql`: SQL against SQLite or PostgreSQL through named connection profiles (Connections).
/// Parameters:
///
///   {"Connection": "warehouse",                     // a profile with a "database"
///    "Operation": "Query" | "Execute" | "Insert" | "Upsert",   // default: Query with Sql, Insert with Table
///    "Sql": "SELECT * FROM t WHERE id = ?",         // Query, Execute: one statement
///    "Parameters": [42] | {"id": 42},               // for ? or :name placeholders
///    "Table": "public.orders",                      // Insert, Upsert
///    "Rows": [{"id": 1, "name": "a"}, ...],         // Insert, Upsert: objects (or one object)
///    "Key": ["id"],                                 // Upsert: the conflict (unique) columns
///    "Columns": ["id", "name"]}                     // Insert, Upsert: default: keys of the rows
///
/// Results: Query {"Rows": [{column: value}, ...]}; the others {"RowsAffected": n}. Values travel only
/// as bound parameters, never inside SQL text. Table and column names must be identifiers (letters,
/// digits, _; "schema.table" allowed); they are quoted, so they match exactly. Insert and Upsert run in
/// one transaction (all rows or none), as multi-row INSERTs of up to kRowsPerStatement rows through a
/// statement prepared once per batch size; Upsert is INSERT ... ON CONFLICT (Key) DO UPDATE, and a key
/// repeated within Rows keeps its last row, as upserting them one by one would.
///
/// Types: JSON strings, integers, floats, booleans and null bind as such; objects and arrays as JSON
/// text. Columns come back as integers, numbers, strings, booleans or null; dates and times as ISO
/// 8601 text, blobs as base64 text.
///
/// Errors: Sql.ConnectionFailed (unknown profile, unset variable, unreachable database, a dropped
/// connection), Sql.ConstraintViolation (SQLite constraint errors; PostgreSQL SQLSTATE class 23),
/// Sql.Error (anything else the database refuses), States.Runtime (bad Parameters, or cancelled).
///
/// Threads: a QSqlDatabase belongs to the thread that opened it, so each named connection gets its
/// own thread (started on first use) that runs that connection's calls in order; invoke() returns at
/// once and `done` runs there. Destroying the resource answers queued calls with "cancelled" after
/// the running statement ends.
class SqlResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:sql";
    static constexpr int kRowsPerStatement = 500;

    explicit SqlResource(std::shared_ptr<const Connections> connections);
    ~SqlResource() override;
    SqlResource(const SqlResource &) = delete;
    SqlResource &operator=(const SqlResource &) = delete;

    void invoke(const TaskCall &call, TaskCallback done) override;

private:
    class Worker;
    std::shared_ptr<const Connections> m_connections;
    std::mutex m_mutex;
    std::map<QString, std::unique_ptr<Worker>> m_workers; // guarded by m_mutex
};

} // namespace sluice
