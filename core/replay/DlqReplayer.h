#pragma once

#include "Json.h"
#include "Result.h"
#include "store/StoreFilters.h"
#include "store/StoreRecords.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace sluice {

class Journal;
class JournalReader;
class TaskRegistry;

/// What to replay and how: entries by id, or every entry a filter selects.
struct ReplayRequest
{
    QList<qint64> ids;                     ///< these entries, in this order; or
    std::optional<DlqFilter> filter;       ///< every entry it selects (open ones unless it names a status)
    std::optional<Json> input;             ///< an edited input instead of each entry's stored one
    QString fromState;                     ///< start here instead of the state that failed
    std::optional<QByteArray> definition;  ///< a newer definition to replay on (saved as a version); or
    bool latestVersion = false;            ///< the newest version saved under the entry's workflow name
    int concurrency = 4;                   ///< replays running at once
    bool noDelays = false;                 ///< Wait states and Retry intervals take no time
    QString user;                          ///< recorded on each replay; empty = the OS user
    std::shared_ptr<TaskRegistry> tasks;   ///< the task resources (with connections); empty = the engine's default
};

/// What happened to one entry.
struct ReplayEntryResult
{
    qint64 id = 0;
    ReplayOutcome outcome = ReplayOutcome::Failed;
    QString error;
    QString cause;
};

/// Callbacks of one replay run; each may be empty. They are called on the thread that runs replay().
struct ReplayObserver
{
    std::function<void(int total)> started;                  ///< the entries are selected
    std::function<void(const ReplayEntryResult &)> finished;  ///< one entry's outcome, in completion order
    std::function<void(const QString &)> message;            ///< redrives and store problems, for a log
};

/// Replays DLQ entries: each item starts again at the state where it failed (or `fromState`), with its
/// stored or an edited input, on its own workflow version, a newer definition or the latest saved one.
/// Every replay is recorded on its entry (when, who, which attempt, outcome); a failed one leaves the
/// entry open with the new failure. When a replayed item completes its Map and the execution had ended,
/// the execution is redriven from that Map onward, as Step Functions' RedriveExecution does.
///
/// replay() blocks until every started replay has finished; run it off the GUI thread. Setting `cancel`
/// starts no further entries; those in flight finish and are reported.
class DlqReplayer
{
public:
    DlqReplayer(std::shared_ptr<Journal> journal, std::shared_ptr<JournalReader> reader);

    /// The outcomes of every entry, in completion order; an error only when the request itself is unusable
    /// (an unreadable definition, a filter the store cannot run).
    Result<QList<ReplayEntryResult>> replay(const ReplayRequest &request, const ReplayObserver &observer = {},
                                            const std::atomic_bool *cancel = nullptr);

    /// The name of the user running this process, as recorded on replays.
    static QString osUser();

private:
    std::shared_ptr<Journal> m_journal;
    std::shared_ptr<JournalReader> m_reader;
};

/// Every DLQ entry `filter` selects, page by page (at most `limit` when it is positive).
Result<QList<DlqEntry>> allDlqEntries(JournalReader &reader, DlqFilter filter, int limit = 0);

} // namespace sluice
