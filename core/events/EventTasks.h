#pragma once

#include "Result.h"

#include <QString>

namespace sluice {

class TaskRegistry;

/// Registers the event bus's task resources in `registry`, backed by the store at `location` (a thread of
/// their own with its own connection, kept alive by the resources):
///
///  - `sluice:event.put`: Parameters {"Source", "DetailType", "Detail" (object, default {}), "Resources"};
///    puts the event and returns {"EventId"}. The id is derived from the task's idempotency key, so a retry
///    or a resumed execution does not put the same event twice.
///  - `sluice:event.wait`: Parameters {"EventPattern": {…}}; waits until an event that matches arrives and
///    returns it. Durable: the first invocation records where it started waiting (in the store), so after a
///    restart the resumed task also finds the events that arrived while Sluice was down. The state's
///    TimeoutSeconds ends the wait with States.Timeout.
/// Bad Parameters fail with States.Runtime; a store that cannot be reached with Sluice.StoreUnavailable.
Result<void> addEventTasks(TaskRegistry &registry, const QString &location, int pollMs = 200);

} // namespace sluice
