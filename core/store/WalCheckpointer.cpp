#include "store/WalCheckpointer_p.h"

#include "store/StoreConnection_p.h"

#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcCheckpoint, "sluice.store.checkpoint")

namespace sluice {

WalCheckpointer::WalCheckpointer(QString location) : m_location(std::move(location))
{
    setObjectName(QStringLiteral("sluice-checkpoint"));
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    wait();
}

bool WalCheckpointer::startCheckpointing()
{
    start();
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return m_opened.has_value(); });
    return *m_opened;
}

void WalCheckpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_all();
}

void WalCheckpointer::run()
{
    auto opened = StoreConnection::open(m_location, "checkpoint");
    std::unique_ptr<StoreConnection> connection = opened ? std::move(*opened) : nullptr;
    sqlite3 *db = connection ? connection->sqliteHandle() : nullptr;
    {
        std::lock_guard lock(m_mutex);
        m_opened = db != nullptr;
    }
    m_wake.notify_all();
    if (!db) {
        if (!opened)
            qCWarning(lcCheckpoint).noquote() << opened.error().message;
        return;
    }
    // This connection never writes, so closing it must not checkpoint or delete the log: the writer's does.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                break;
            m_requested = false;
        }
        // PASSIVE: copies what no reader still needs, never waits for the writer or for readers.
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcCheckpoint).noquote() << "checkpoint of" << m_location << "failed:" << sqlite3_errmsg(db);
    }
    connection.reset();   // closed on the thread that opened it
}

} // namespace sluice
