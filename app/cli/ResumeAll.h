#pragma once

#include "run/ResumeUnfinished.h"   // resumeUnfinished(), shared with the GUI

#include <QHash>
#include <QString>

#include <memory>

namespace sluice {
class TaskRegistry;
} // namespace sluice

namespace sluice::cli {

/// Adds the event bus's task resources (sluice:event.put, sluice:event.wait) on `location` to `tasks` (the
/// registry of taskRegistry(), with its connections) and returns it; without them (and a warning on stderr)
/// when the store cannot be opened for them.
std::shared_ptr<TaskRegistry> withEventTasks(std::shared_ptr<TaskRegistry> tasks, const QString &location);

} // namespace sluice::cli
