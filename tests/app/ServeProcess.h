#pragma once

// A running `sluice-cli serve` for the app tests (a real process), and the JSON lines it prints on stdout.

#include "Json.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <vector>

namespace sluice::testing {

class ServeProcess
{
public:
    ServeProcess() = default;
    ServeProcess(const ServeProcess &) = delete;
    ServeProcess &operator=(const ServeProcess &) = delete;
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    /// Starts `sluice-cli serve ARGS` in `env`.
    bool start(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-cli"), QStringList{QStringLiteral("serve")} + args);
        return m_process.waitForStarted();
    }

    /// The next line that has `key` (lines before it that lack it are skipped); null after `timeoutMs` or
    /// when serve has ended.
    Json waitFor(const char *key, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            while (m_next < m_lines.size()) {
                const Json line = m_lines[m_next++];
                if (line.is_object() && line.contains(key))
                    return line;
            }
            if (timer.elapsed() > timeoutMs || m_process.state() != QProcess::Running)
                return Json();
            m_process.waitForReadyRead(100);
            m_buffer += m_process.readAllStandardOutput();
            qsizetype nl;
            while ((nl = m_buffer.indexOf('\n')) >= 0) {
                const QByteArray line = m_buffer.left(nl);
                m_buffer.remove(0, nl + 1);
                const Json parsed = Json::parse(line.cbegin(), line.cend(), nullptr, false);
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

private:
    QProcess m_process;
    QByteArray m_buffer;
    std::vector<Json> m_lines;
    size_t m_next = 0;
};

} // namespace sluice::testing
