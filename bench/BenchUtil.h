#pragma once

// Shared by the benchmarks: figures read off the running process.

#include <QByteArray>
#include <QFile>
#include <QList>

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

} // namespace sluice::bench
