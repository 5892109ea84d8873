#pragma once

#include "store/StoreRecords.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace sluice {

/// Watches a store that any process may be writing (the GUI's own engine, a `sluice-cli run` or `serve`):
/// a reader thread of its own polls the store's change counter (JournalReader::changeCounter(), a
/// PRAGMA on SQLite) every `intervalMs` and, only when it moved, re-reads the runs list (with item counts)
/// and the per-state counts of the execution set with setOpenExecution(). Signals are queued to the
/// receivers' threads and carry values only. Made and used on one thread (the GUI's); all the SQL runs on
/// the watcher's own thread.
class StoreWatcher : public QObject
{
    Q_OBJECT
public:
    explicit StoreWatcher(const QString &location, int intervalMs = 250, QObject *parent = nullptr);
    ~StoreWatcher() override;   ///< stops the reader thread (waits for its current query)

    QString location() const { return m_location; }
    /// Starts polling (the first poll reads everything).
    void start();
    /// The execution whose per-state counts to follow ("" = none); read at once, then when the store moves.
    void setOpenExecution(const QString &executionId);
    /// How many runs the runs list holds (newest first; default 500).
    void setRunLimit(int limit);
    /// Re-reads now, whether or not the store moved.
    void refresh();

Q_SIGNALS:
    /// The newest runs, with item counts: after the first poll and whenever the store moved.
    void runsRead(const QList<sluice::ExecutionInfo> &runs);
    /// The open execution (with its item counts) and its items by state and status.
    void executionRead(const sluice::ExecutionInfo &execution, const sluice::StateItemCounts &states);
    /// The store could not be opened or read (the watcher goes on trying).
    void failed(const QString &message);

private:
    class Poller;
    QString m_location;
    QThread *m_thread = nullptr;
    Poller *m_poller = nullptr;   // lives on m_thread; deleted there when it finishes
};

} // namespace sluice
