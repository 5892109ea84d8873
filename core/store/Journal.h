#pragma once

#include "Result.h"
#include "engine/JournalSink.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

class JournalWriter;

/// The durable journal: what the engine reports, stored in a SQLite file (the default) or a PostgreSQL
/// database. append() only queues; a writer thread owned by the journal (with its own connection) commits
/// everything queued since its last commit in one transaction (group commit). A DLQ entry is committed in
/// the same transaction as its item's failed status. Thread-safe: every method may be called from any
/// thread; flush() and saveWorkflow() block, so not on the GUI thread.
class Journal final : public JournalSink
{
public:
    enum class Backend { Sqlite, Postgres };

    /// Counters for tests and benchmarks.
    struct Stats
    {
        qint64 transactions = 0;   ///< group transactions committed
        qint64 records = 0;        ///< records committed
        qint64 failedCommits = 0;  ///< commits that failed and were retried
        qint64 writerCpuUs = 0;    ///< CPU time the writer thread has used (0 where unknown)
    };

    /// The schema this build writes. A store with a newer one is refused, untouched.
    static constexpr int kSchemaVersion = 5;

    /// Opens (creating and migrating where needed) the store at `location`: a file path (SQLite) or
    /// `postgresql://user[:password]@host[:port]/database`. Errors: IoError for a store that cannot be
    /// opened, is corrupt or read-only, or has a schema newer than kSchemaVersion (the message names both).
    static Result<std::shared_ptr<Journal>> open(const QString &location);

    /// $SLUICE_STORE if set, else AppDataLocation/sluice.db (the folder is created).
    static QString defaultLocation();

    ~Journal() override;   ///< commits what is queued, then stops the writer

    /// Queues the records; never waits for I/O. Bounded memory: only when 100,000 records are already
    /// queued (the writer has fallen far behind) does it wait for the writer to catch up.
    void append(std::vector<JournalRecord> records) override;
    /// Encodes on the calling worker (see RecordEncoder), so the writer thread only writes.
    std::unique_ptr<Encoder> encoder(const QString &executionId) override;

    /// Waits until everything appended so far is committed. False on timeout or while commits fail.
    bool flush(int timeoutMs = 30000);

    /// Stores a definition once, by content; returns its version id (SHA-256 hex of the bytes).
    Result<std::string> saveWorkflow(const QByteArray &definition, const QString &name);

    QString location() const;
    Backend backend() const;
    Stats stats() const;

    /// The last commit error, if the latest commit failed (the writer keeps retrying the same batch).
    std::optional<Error> lastWriteError() const;

private:
    explicit Journal(std::unique_ptr<JournalWriter> writer);

    std::unique_ptr<JournalWriter> m_writer;
};

} // namespace sluice
