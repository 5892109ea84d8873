#pragma once

// Shared by the benchmarks: figures read off the running process.

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

} // namespace sluice::bench
