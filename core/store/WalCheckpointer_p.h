#pragma once

#include <QString>
#include <QThread>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace sluice {

/// Copies a SQLite journal's write-ahead log into the database file on a thread of its own (PASSIVE
/// checkpoints on its own connection), so that the journal writer does not wait for those writes and
/// their fsyncs between its group commits. Created and driven by SqliteWriteBackend on the writer thread;
/// run() lives on the thread it starts.
class WalCheckpointer final : public QThread
{
public:
    explicit WalCheckpointer(QString location);
    ~WalCheckpointer() override;   ///< stops

    /// Starts the thread and waits until its connection is open; false when it could not open one (then
    /// the writer checkpoints itself).
    bool startCheckpointing();
    /// Asks for a checkpoint soon; requests made while one runs are served by one more pass.
    void request();

protected:
    void run() override;

private:
    const QString m_location;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;             // guarded by m_mutex
    bool m_stopping = false;              // guarded by m_mutex
    std::optional<bool> m_opened;         // guarded by m_mutex
};

} // namespace sluice
