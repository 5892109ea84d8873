#pragma once

#include "Json.h"
#include "Result.h"
#include "engine/Execution.h"
#include "engine/ExecutionOptions.h"
#include "run/ResumeUnfinished.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace sluice {

class Engine;
class Journal;

/// The engine and the journal of one store, for a program that starts and steers journaled runs (the
/// GUI): start, stop, pause/resume, rerun with the same input, and continue what a previous process left
/// unfinished. The object lives on the thread that made it; its engine works on its own threads.
/// Thread-safe. start(), rerun() and resumeUnfinished() block on the store (they save or read the
/// workflow), so the GUI calls them on a worker thread; stop() and setPaused() return at once.
class RunService : public QObject
{
    Q_OBJECT
public:
    /// Runs on `journal` (opened by the caller, off the GUI thread) with `workers` engine threads (0 = one
    /// per core).
    explicit RunService(std::shared_ptr<Journal> journal, int workers = 0, QObject *parent = nullptr);
    ~RunService() override;   ///< aborts what still runs (journaled ABORTED) and flushes the journal

    /// Starts a journaled execution of `definition` (saved as a workflow version under
    /// options.stateMachineName). Errors: the definition does not parse, or the store refuses it.
    Result<Execution> start(const QByteArray &definition, Json input, ExecutionOptions options = {});
    /// Starts a new execution of the same workflow version with the same input as `executionId`.
    /// Opens its own reader on the calling thread. InvalidArgument when the store has no such execution.
    Result<Execution> rerun(const QString &executionId, ExecutionOptions options = {});
    /// Continues every execution the store shows as still running (see sluice::resumeUnfinished), with
    /// `defaults`' noDelays, baseDir and tasks. Opens its own reader on the calling thread.
    Result<std::vector<Resumed>> resumeUnfinished(const ExecutionOptions &defaults = {});

    /// Aborts the execution (ABORTED in the journal). False when this service does not run it.
    bool stop(const QString &executionId);
    /// Pauses (no new item starts; items in flight finish) or resumes it. False when this service does not
    /// run it or it has finished.
    bool setPaused(const QString &executionId, bool paused);
    bool isPaused(const QString &executionId) const;
    /// The execution, when this service started or resumed it.
    std::optional<Execution> execution(const QString &executionId) const;
    /// Ids of the executions this service runs that have not finished.
    QStringList running() const;

    Engine &engine() { return *m_engine; }
    const std::shared_ptr<Journal> &journal() const { return m_journal; }
    QString location() const;

Q_SIGNALS:
    /// An execution began (started, rerun or resumed); emitted on the thread that began it.
    void executionStarted(const QString &executionId);
    /// Pause or resume took effect; emitted on the thread that called setPaused().
    void pausedChanged(const QString &executionId, bool paused);

private:
    void track(const Execution &execution);

    std::shared_ptr<Journal> m_journal;
    std::unique_ptr<Engine> m_engine;
    mutable QMutex m_mutex;
    std::map<QString, Execution> m_executions;   // guarded by m_mutex
};

} // namespace sluice
