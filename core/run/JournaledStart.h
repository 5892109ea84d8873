#pragma once

#include "Result.h"
#include "engine/ExecutionOptions.h"

#include <QByteArray>

#include <memory>

namespace sluice {

class Journal;

/// Makes `options` journal an execution of `definition` in `journal`: saves the definition as a workflow
/// version (once, by content) under options.stateMachineName, points options.journal and
/// options.workflowVersion at it and gives the execution its id (a new UUID unless options.executionId
/// names one). What `sluice-cli run` and the GUI's Run both do before Engine::start(). Blocks on the
/// store (saveWorkflow): not on the GUI thread.
Result<void> prepareJournaled(const std::shared_ptr<Journal> &journal, const QByteArray &definition,
                              ExecutionOptions &options);

} // namespace sluice
