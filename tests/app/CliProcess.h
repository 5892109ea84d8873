#pragma once

// The real sluice-cli as the app tests run it: one-shot commands (runCli) and a `sluice-cli serve` child
// process whose JSON lines can be waited for (ServeProcess).

#include "Json.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QThread>

#include <vector>

namespace cli_test {

struct Outcome
{
    int exitCode = -1; ///< -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;
};

inline QString cliPath()
{
    return QStringLiteral(SLUICE_BIN_DIR "/sluice-cli");
}

/// Runs `sluice-cli ARGS` to its end (at most a minute).
inline Outcome runCli(const QStringList &args,
                      const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(cliPath(), args);
    if (!process.waitForStarted())
        return {};
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAllStandardOutput(), process.readAllStandardError()};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

/// The JSON lines of `text` (lines that are not JSON are skipped).
inline std::vector<sluice::Json> jsonLines(const QByteArray &text)
{
    std::vector<sluice::Json> lines;
    for (const QByteArray &line : text.split('\n')) {
        const sluice::Json parsed = sluice::Json::parse(line.cbegin(), line.cend(), nullptr, false);
        if (!parsed.is_discarded())
            lines.push_back(parsed);
    }
    return lines;
}

/// `sluice-cli show ID --store STORE` as JSON (null when it fails).
inline sluice::Json show(const QString &store, const QString &id)
{
    const Outcome shown = runCli({QStringLiteral("show"), id, QStringLiteral("--store"), store});
    if (shown.exitCode != 0)
        return sluice::Json();
    return sluice::Json::parse(shown.out.cbegin(), shown.out.cend(), nullptr, false);
}

/// Shows the execution until its status is no longer RUNNING (or `timeoutMs` passed); the last shown JSON.
inline sluice::Json waitUntilFinished(const QString &store, const QString &id, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    sluice::Json shown;
    do {
        shown = show(store, id);
        if (shown.is_object() && shown.value("status", "") != "RUNNING")
            break;
        QThread::msleep(100);
    } while (timer.elapsed() < timeoutMs);
    return shown;
}

/// A running `sluice-cli serve` and the JSON lines it printed. Killed when destroyed while still running.
class ServeProcess
{
public:
    bool start(const QStringList &args,
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProcessEnvironment(env);
        m_process.start(cliPath(), QStringList{QStringLiteral("serve")} + args);
        return m_process.waitForStarted();
    }
    void setWorkingDirectory(const QString &dir) { m_process.setWorkingDirectory(dir); }
    /// The next line that has `key` (lines before it that lack it are skipped); null after `timeoutMs` or
    /// when serve ended.
    sluice::Json waitFor(const char *key, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            while (m_next < m_lines.size()) {
                const sluice::Json line = m_lines[m_next++];
                if (line.contains(key))
                    return line;
            }
            if (timer.elapsed() > timeoutMs || m_process.state() != QProcess::Running)
                return sluice::Json();
            m_process.waitForReadyRead(100);
            m_buffer += m_process.readAllStandardOutput();
            qsizetype nl;
            while ((nl = m_buffer.indexOf('\n')) >= 0) {
                const QByteArray line = m_buffer.left(nl);
                m_buffer.remove(0, nl + 1);
                const sluice::Json parsed = sluice::Json::parse(line.cbegin(), line.cend(), nullptr, false);
                if (!parsed.is_discarded())
                    m_lines.push_back(parsed);
            }
        }
    }
    /// SIGTERM, then the exit code (-1 for a crash or a hang).
    int terminate()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished();
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QByteArray stderrText() { return m_process.readAllStandardError(); }
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

private:
    QProcess m_process;
    QByteArray m_buffer;
    std::vector<sluice::Json> m_lines;
    size_t m_next = 0;
};

} // namespace cli_test
