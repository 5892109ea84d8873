#include "store/StoreConnection_p.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

#include <sqlite3.h>

#include <atomic>

namespace sluice {

namespace {
std::atomic<int> g_connectionCounter{0};

Error ioError(QString message)
{
    return Error{ErrorCode::IoError, std::move(message), {}};
}
} // namespace

bool isPostgresLocation(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

Result<std::unique_ptr<StoreConnection>> StoreConnection::open(const QString &location, const char *purpose)
{
    std::unique_ptr<StoreConnection> connection(new StoreConnection);
    connection->m_location = location;
    connection->m_name = QStringLiteral("sluice-store-%1-%2").arg(QLatin1String(purpose)).arg(++g_connectionCounter);

    if (isPostgresLocation(location)) {
        const QUrl url(location);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("not a PostgreSQL URL (postgresql://user@host:port/database): %1")
                             .arg(location),
                         {}};
        connection->m_backend = Journal::Backend::Postgres;
        connection->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection->m_name);
        connection->m_db.setHostName(url.host());
        connection->m_db.setPort(url.port(5432));
        connection->m_db.setDatabaseName(url.path().mid(1));
        if (!url.userName().isEmpty())
            connection->m_db.setUserName(url.userName());
        if (!url.password().isEmpty())
            connection->m_db.setPassword(url.password());
        connection->m_db.setConnectOptions(QStringLiteral("connect_timeout=5"));
        if (!connection->m_db.open())
            return ioError(QStringLiteral("cannot connect to the PostgreSQL store %1@%2:%3/%4: %5")
                               .arg(url.userName(), url.host())
                               .arg(url.port(5432))
                               .arg(url.path().mid(1), connection->m_db.lastError().text()));
        // Quiet NOTICEs ("relation already exists, skipping") and keep the journal's writes cheap.
        QSqlQuery(QStringLiteral("SET client_min_messages = WARNING"), connection->m_db);
        return connection;
    }

    const QFileInfo info(location);
    if (info.exists()) {
        if (!info.isFile())
            return ioError(QStringLiteral("the store %1 is not a file").arg(location));
        // Permission bits, not access(2): root may write anything, but a file marked read-only stays so.
        if (!(info.permissions() & QFileDevice::WriteOwner) || !info.isWritable())
            return ioError(QStringLiteral("the store %1 is read-only").arg(location));
        if (!QFileInfo(info.absolutePath()).isWritable())
            return ioError(QStringLiteral("the folder of the store %1 is read-only (SQLite needs to write "
                                          "its -wal and -shm files beside it)")
                               .arg(location));
    } else if (!QFileInfo(info.absolutePath()).isDir()) {
        return ioError(QStringLiteral("the folder of the store %1 does not exist").arg(location));
    }
    connection->m_backend = Journal::Backend::Sqlite;
    connection->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection->m_name);
    connection->m_db.setDatabaseName(location);
    connection->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!connection->m_db.open())
        return ioError(QStringLiteral("cannot open the store %1: %2").arg(location, connection->m_db.lastError().text()));
    // Any read of the schema fails on a file that is not a SQLite database (or whose header is damaged).
    QSqlQuery probe(connection->m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return ioError(QStringLiteral("the store %1 is corrupt or not a Sluice store: %2")
                           .arg(location, probe.lastError().text()));
    return connection;
}

StoreConnection::~StoreConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

sqlite3 *StoreConnection::sqliteHandle() const
{
    if (!isSqlite())
        return nullptr;
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(handle.data());
    return nullptr;
}

Result<void> StoreConnection::exec(const QString &sql, const char *what)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return error(query.lastError(), what);
    return {};
}

Error StoreConnection::error(const QSqlError &sqlError, const char *what) const
{
    QString location = m_location;
    if (m_backend == Journal::Backend::Postgres) {
        QUrl url(location);   // never echo a password
        url.setPassword(QString());
        location = url.toString();
    }
    return ioError(QStringLiteral("store %1: %2 failed: %3").arg(location, QLatin1String(what), sqlError.text()));
}

bool runPrepared(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace sluice
