#include "store/Journal.h"

#include "store/JournalWriter_p.h"
#include "store/RecordEncoder_p.h"
#include "store/Schema_p.h"
#include "store/StoreConnection_p.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

namespace sluice {

Result<std::shared_ptr<Journal>> Journal::open(const QString &location)
{
    if (location.isEmpty())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("no store location given"), {}};
    {
        // Migrate on a short-lived connection of the caller's thread; the writer then opens its own.
        auto connection = StoreConnection::open(location, "migrate");
        if (!connection)
            return connection.error();
        if (auto migrated = Schema::migrate(**connection); !migrated)
            return migrated.error();
    }
    auto writer = std::make_unique<JournalWriter>(location, isPostgresLocation(location) ? Backend::Postgres
                                                                                         : Backend::Sqlite);
    if (auto started = writer->startWriting(); !started)
        return started.error();
    return std::shared_ptr<Journal>(new Journal(std::move(writer)));
}

QString Journal::defaultLocation()
{
    const QString fromEnvironment = qEnvironmentVariable("SLUICE_STORE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("sluice.db"));
}

Journal::Journal(std::unique_ptr<JournalWriter> writer) : m_writer(std::move(writer)) {}

Journal::~Journal()
{
    m_writer->stop();
}

void Journal::append(std::vector<JournalRecord> records)
{
    m_writer->enqueue(std::move(records));
}

std::unique_ptr<JournalSink::Encoder> Journal::encoder(const QString &executionId)
{
    return std::make_unique<RecordEncoder>(executionId);
}

bool Journal::flush(int timeoutMs)
{
    return m_writer->waitCommitted(timeoutMs);
}

Result<std::string> Journal::saveWorkflow(const QByteArray &definition, const QString &name)
{
    const std::string version = QCryptographicHash::hash(definition, QCryptographicHash::Sha256).toHex().toStdString();
    m_writer->enqueue(WriteBatch::Workflow{version, name.toStdString(), definition, QDateTime::currentMSecsSinceEpoch()});
    if (!m_writer->waitCommitted(30000)) {
        if (auto error = m_writer->lastError())
            return *error;
        return Error{ErrorCode::IoError, QStringLiteral("store %1: saving a workflow timed out").arg(location()), {}};
    }
    return version;
}

QString Journal::location() const
{
    return m_writer->location();
}

Journal::Backend Journal::backend() const
{
    return m_writer->backend();
}

Journal::Stats Journal::stats() const
{
    return m_writer->stats();
}

std::optional<Error> Journal::lastWriteError() const
{
    return m_writer->lastError();
}

} // namespace sluice
