#pragma once

#include "Result.h"
#include "events/Rules.h"

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace sluice {

class Clock;
class EventStore;

/// Puts one event per file that arrives in a folder, once the file is complete: its size and modification
/// time unchanged for StableMs, or (DoneMarker) a NAME.done file beside it. QFileSystemWatcher reports
/// changes; a polling timer covers file systems where it sees nothing (network shares) and the stability wait.
///
/// Each file is reported once: the store remembers (watch name, file name, modification time) with the
/// event, in one transaction, across restarts. A file written again later (newer time) is a new arrival.
/// Event: source/detail-type from the config, detail {"folder", "name", "path", "size", "modified"},
/// resources [path]. Lives on the thread that made it (with its store).
class FileTrigger : public QObject
{
    Q_OBJECT
public:
    FileTrigger(EventStore &store, FileWatchConfig config, const Clock &clock, QObject *parent = nullptr);

    /// Error when the folder does not exist.
    Result<void> start();
    void stop();
    /// Looks at the folder now.
    void scan();

    const FileWatchConfig &config() const { return m_config; }

Q_SIGNALS:
    void arrived(const QString &path, const QString &eventId);
    void failed(const QString &message);

private:
    struct Candidate
    {
        qint64 size = -1;
        qint64 modifiedMs = 0;
        QElapsedTimer unchangedFor;
    };

    EventStore &m_store;
    const FileWatchConfig m_config;
    const Clock &m_clock;
    QFileSystemWatcher m_watcher;
    QTimer m_poll;
    QTimer m_debounce;
    QHash<QString, Candidate> m_candidates;   ///< by file name: files not complete yet
    QHash<QString, qint64> m_reported;        ///< by file name: the modification time already reported
};

} // namespace sluice
