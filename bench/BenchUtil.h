#pragma once

// Shared by the benchmarks: figures read off the running process.

#include "Json.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QString>

#include <sqlite3.h>
#include <sys/resource.h>

#include <string>
#include <vector>

namespace sluice::bench {

/// The process's peak resident set size (VmHWM) in MB, or 0 where /proc is missing.
inline double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

/// CPU time the process has used so far, all threads, in seconds (0 where unknown).
inline double processCpuSeconds()
{
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// The raw SQLite rate the journal is held against: one row per item through the C API (prepared
/// statement, bind, step), 1,000 rows per transaction, WAL, synchronous=NORMAL. The row is what an item
/// row needs at the least: its key (execution, item) as the table's primary key (WITHOUT ROWID, the
/// layout of the journal's own item table, so no second B-tree), its identity in the Map (parent, Map
/// state, index), its current state and status, a time, and its input payload. `payloads` are the rows'
/// payload texts (their serialization is not timed). Rows per second, or -1.
inline double rawInsertRate(const QString &path, const std::vector<std::string> &payloads)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return -1;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "CREATE TABLE raw(exec INTEGER NOT NULL, item INTEGER NOT NULL, parent INTEGER NOT NULL,"
                     " map_state TEXT, idx INTEGER NOT NULL, state TEXT, status INTEGER NOT NULL,"
                     " updated_ms INTEGER NOT NULL, input TEXT, PRIMARY KEY(exec, item)) WITHOUT ROWID",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr;
    if (sqlite3_prepare_v2(db, "INSERT INTO raw VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &insert, nullptr)
        != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    const qint64 rows = qint64(payloads.size());
    const qint64 baseMs = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 1; i <= rows; ++i) {
        if (i % 1000 == 1)
            sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        const std::string &payload = payloads[size_t(i - 1)];
        sqlite3_bind_int64(insert, 1, 1);
        sqlite3_bind_int64(insert, 2, i);
        sqlite3_bind_int64(insert, 3, 0);
        sqlite3_bind_text(insert, 4, "EachItem", 8, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 5, i - 1);
        sqlite3_bind_text(insert, 6, "Label", 5, SQLITE_STATIC);
        sqlite3_bind_int(insert, 7, 1);
        sqlite3_bind_int64(insert, 8, baseMs + i / 1000);
        sqlite3_bind_text(insert, 9, payload.data(), int(payload.size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        if (i % 1000 == 0 || i == rows)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return double(rows) / seconds;
}

/// The Map pipeline bench_engine_map and bench_durable_map run: for every item of $.items,
/// Pass (Parameters with States.Format) -> Choice -> Pass.
inline const char *const kMapPipeline = R"JSON({
  "Comment": "Pass (States.Format) -> Choice -> Pass for every item",
  "StartAt": "EachItem",
  "States": {
    "EachItem": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Label",
        "States": {
          "Label": {
            "Type": "Pass",
            "Parameters": {
              "sku.$": "$.sku",
              "price.$": "$.price",
              "label.$": "States.Format('{} ({}) at {}', $.name, $.sku, $.price)"
            },
            "Next": "Route"
          },
          "Route": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.price", "NumericGreaterThan": 50, "Next": "Premium"}],
            "Default": "Standard"
          },
          "Premium": {"Type": "Pass", "Result": "premium", "ResultPath": "$.tier", "End": true},
          "Standard": {"Type": "Pass", "Result": "standard", "ResultPath": "$.tier", "End": true}
        }
      },
      "End": true
    }
  }
})JSON";

/// {"items": [...]} with `count` catalogue items (sku, name, price, stock), for kMapPipeline.
inline sluice::Json catalogueInput(qint64 count)
{
    static const char *const kNames[] = {"Desk lamp", "Office chair", "Notebook", "Monitor arm", "Cable tray"};
    sluice::Json::array_t list;
    list.reserve(size_t(count));
    for (qint64 i = 0; i < count; ++i) {
        sluice::Json item = sluice::Json::object();
        item["sku"] = "SKU-" + std::to_string(100000 + i);
        item["name"] = kNames[i % 5];
        item["price"] = double((i * 37) % 10000) / 100.0;
        item["stock"] = i % 17;
        list.push_back(std::move(item));
    }
    return sluice::Json{{"items", std::move(list)}};
}

} // namespace sluice::bench
