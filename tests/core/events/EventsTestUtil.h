#pragma once

// Shared by the events tests: a store per test on SQLite (a file in a QTemporaryDir) or PostgreSQL (a
// database of this test process's own on $SLUICE_TEST_PG, which scripts/test provides).

#include "Json.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QVariant>

namespace events_test {

/// A direct connection for arranging and inspecting what the API does not expose.
class RawDb
{
public:
    explicit RawDb(const QString &location)
    {
        static int counter = 0;
        m_name = QStringLiteral("tst-events-raw-%1").arg(++counter);
        if (location.startsWith(QLatin1String("postgresql://"))) {
            const QUrl url(location);
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(url.host());
            m_db.setPort(url.port(5432));
            m_db.setUserName(url.userName());
            m_db.setDatabaseName(url.path().mid(1));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(location);
        }
        if (!m_db.open())
            qWarning() << "RawDb:" << m_db.lastError().text();
        else if (m_db.driverName() == QLatin1String("QPSQL"))
            exec(QStringLiteral("SET client_min_messages = WARNING"));
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
        return true;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

/// Stores for the "backend" data column: "sqlite" or "postgres".
class Stores
{
public:
    void init(const char *testName)
    {
        QVERIFY(m_dir.isValid());
        m_pgAdminUrl = qEnvironmentVariable("SLUICE_TEST_PG");
        if (m_pgAdminUrl.isEmpty())
            return;
        QUrl url(m_pgAdminUrl);
        const QString name = QStringLiteral("sluice_%1_%2").arg(QLatin1String(testName)).arg(QCoreApplication::applicationPid());
        RawDb admin(m_pgAdminUrl);
        admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
        QVERIFY2(admin.exec(QStringLiteral("CREATE DATABASE %1").arg(name)), "cannot create the test database");
        url.setPath(QLatin1Char('/') + name);
        m_pgUrl = url.toString();
    }
    void cleanup()
    {
        if (m_pgUrl.isEmpty())
            return;
        RawDb admin(m_pgAdminUrl);
        admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(QUrl(m_pgUrl).path().mid(1)));
    }
    /// A new, empty store for `backend` ("" when PostgreSQL is not available).
    QString fresh(const QString &backend)
    {
        if (backend == QLatin1String("sqlite"))
            return m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_files));
        if (m_pgUrl.isEmpty())
            return {};
        RawDb db(m_pgUrl);
        db.exec(QStringLiteral("DROP SCHEMA public CASCADE"));
        db.exec(QStringLiteral("CREATE SCHEMA public"));
        return m_pgUrl;
    }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QString m_pgUrl;
    QString m_pgAdminUrl;
    int m_files = 0;
};

inline void backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

} // namespace events_test

#define EVENTS_FRESH_STORE(location)                                                                           \
    QFETCH(QString, backend);                                                                                  \
    const QString location = m_stores.fresh(backend);                                                          \
    if (location.isEmpty())                                                                                    \
        QSKIP("SLUICE_TEST_PG is not set: no PostgreSQL to test against (scripts/test starts one)");

#define JSON_VERIFY_EQ(actual, expected)                                                                       \
    do {                                                                                                       \
        const sluice::Json actual_ = (actual);                                                                 \
        const sluice::Json expected_ = (expected);                                                             \
        QVERIFY2(actual_ == expected_, qPrintable(QStringLiteral("%1 != %2")                                   \
                                                      .arg(QString::fromStdString(actual_.dump()),             \
                                                           QString::fromStdString(expected_.dump()))));        \
    } while (false)
