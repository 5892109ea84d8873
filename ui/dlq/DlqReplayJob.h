#pragma once

#include "dlq/DlqTypes.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace sluice {
class Journal;
class JournalReader;
}

namespace sluice::ui {

/// Runs DlqReplayer for the DLQ browser, on a thread of its own: run() blocks that thread until every
/// started replay has finished. Progress goes out at most about ten times a second, so a replay of
/// thousands of entries does not flood the GUI with events.
class DlqReplayJob : public QObject
{
    Q_OBJECT
public:
    /// `journal` may be null: the job then opens its own on `location` when it first runs.
    DlqReplayJob(const QString &location, std::shared_ptr<Journal> journal);
    ~DlqReplayJob() override;

    /// Called on the job's thread. `cancel` starts no further entries once set.
    void run(const sluice::ReplayRequest &request, std::shared_ptr<std::atomic_bool> cancel);

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const QList<sluice::ReplayEntryResult> &results, const QString &error);

private:
    QString m_location;
    std::shared_ptr<Journal> m_journal;
    std::shared_ptr<JournalReader> m_reader;
};

} // namespace sluice::ui
