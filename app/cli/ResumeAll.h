#pragma once

#include "engine/Execution.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace sluice {
class Engine;
class Journal;
class JournalReader;
class TaskRegistry;
} // namespace sluice

namespace sluice::cli {

/// One execution the journal shows as still running, and what became of the attempt to continue it.
struct Resumed
{
    QString id;
    qsizetype unfinishedItems = 0;
    std::optional<Execution> execution;   ///< continuing on the engine
    QString error;                        ///< why it was not resumed (no execution then)
};

/// Continues on `engine` every execution the journal shows as still running, each item from its last
/// committed transition (used by `resume`, which waits for them, and `serve`, which goes on serving).
/// Relative paths (ItemReader/ResultWriter, sluice:file.*, sluice:shell) resolve against `baseDir` when it is
/// given, else against the folder journaled with each execution (its definition's), else the current one.
/// An error when the journal cannot be read.
Result<std::vector<Resumed>> resumeUnfinished(JournalReader &reader, Engine &engine, std::shared_ptr<Journal> journal,
                                              bool noDelays, const QString &baseDir,
                                              std::shared_ptr<TaskRegistry> tasks = {});

/// Adds the event bus's task resources (sluice:event.put, sluice:event.wait) on `location` to `tasks` (the
/// registry of taskRegistry(), with its connections) and returns it; without them (and a warning on stderr)
/// when the store cannot be opened for them.
std::shared_ptr<TaskRegistry> withEventTasks(std::shared_ptr<TaskRegistry> tasks, const QString &location);

} // namespace sluice::cli
