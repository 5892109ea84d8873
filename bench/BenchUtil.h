#pragma once

// Shared by the benchmarks: figures read off the running process.

#include "Json.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QString>

#include <sqlite3.h>

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

/// The raw SQLite rate the journal is held against: one row per item through the C API (prepared
/// statement, bind, step), 1,000 rows per transaction, WAL, synchronous=NORMAL. `payloads` are the rows'
/// payload texts (their serialization is not timed). Rows per second, or -1.
inline double rawInsertRate(const QString &path, const std::vector<std::string> &payloads)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return -1;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "CREATE TABLE raw(exec INTEGER, item INTEGER, state TEXT, status INTEGER, payload TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO raw(exec, item, state, status, payload) VALUES (?, ?, ?, ?, ?)", -1, &insert,
                       nullptr);
    const qint64 rows = qint64(payloads.size());
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 1; i <= rows; ++i) {
        if (i % 1000 == 1)
            sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        const std::string &payload = payloads[size_t(i - 1)];
        sqlite3_bind_int64(insert, 1, 1);
        sqlite3_bind_int64(insert, 2, i);
        sqlite3_bind_text(insert, 3, "Load", 4, SQLITE_STATIC);
        sqlite3_bind_int(insert, 4, 3);
        sqlite3_bind_text(insert, 5, payload.data(), int(payload.size()), SQLITE_STATIC);
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
