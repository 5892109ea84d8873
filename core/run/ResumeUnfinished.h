#pragma once

#include "Result.h"
#include "engine/Execution.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace sluice {

class Engine;
class Journal;
class JournalReader;
class TaskRegistry;

/// One execution the journal shows as still running, and what became of the attempt to continue it.
struct Resumed
{
    QString id;
    qsizetype unfinishedItems = 0;
    std::optional<Execution> execution;   ///< continuing on the engine
    QString error;                        ///< why it was not resumed (no execution then)
};

/// Continues on `engine` every execution the journal shows as still running, each item from its last
/// committed transition (used by `sluice-cli resume` and `serve`, and by the GUI at start on a worker
/// thread). Relative paths (ItemReader, ResultWriter, sluice:file.*, sluice:shell) resolve against `baseDir`
/// when it is given, else the folder journaled with the execution (its definition's), else (a store older
/// than that) the folder `baseDirByWorkflow` gives for its workflow name (serve: its rules' targets), else the
/// current one. Blocks on the store: call it on the thread that opened `reader`, never the GUI thread. An
/// error when the journal cannot be read.
Result<std::vector<Resumed>> resumeUnfinished(JournalReader &reader, Engine &engine, std::shared_ptr<Journal> journal,
                                              bool noDelays, const QString &baseDir,
                                              std::shared_ptr<TaskRegistry> tasks = {},
                                              const QHash<QString, QString> &baseDirByWorkflow = {});

} // namespace sluice
