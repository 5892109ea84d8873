#pragma once

#include "store/StoreFilters.h"
#include "store/StoreRecords.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace sluice {
class JournalReader;
}

namespace sluice::ui {

/// A request's ticket: each answer carries the ticket of the request it answers, so a widget takes only
/// its own answers and drops those of requests it has since replaced.
using Ticket = quint64;

/// The monitor's reads of one store (items, item histories, execution histories), on a reader thread with
/// its own JournalReader connection, like the DLQ browser's DlqStoreReader. Lives on the GUI thread; every
/// request returns a ticket at once and its answer arrives as a queued signal. The items panel, the item
/// detail and the execution history can share one.
class MonitorStore : public QObject
{
    Q_OBJECT
public:
    explicit MonitorStore(QObject *parent = nullptr);
    ~MonitorStore() override;

    /// Opens the store at `location` (a SQLite file or a postgresql:// URL); `opened` follows.
    void open(const QString &location);
    QString location() const { return m_location; }
    bool isOpen() const { return m_open; }

    Ticket requestExecution(const QString &executionId);
    Ticket requestCount(const QString &executionId, const sluice::ItemFilter &filter);
    /// Items after `filter.afterItem` (then `filter.offset`), `filter.limit` of them.
    Ticket requestItems(const QString &executionId, const sluice::ItemFilter &filter);
    Ticket requestKeys(const QString &executionId, const sluice::ItemFilter &filter, int every);
    Ticket requestPosition(const QString &executionId, const sluice::ItemFilter &filter, qint64 item);
    /// Events of the execution (all items) or of one item, keyset-paged as HistoryFilter says.
    Ticket requestHistory(const QString &executionId, const sluice::HistoryFilter &filter);

Q_SIGNALS:
    void opened(const QString &error);
    void executionLoaded(sluice::ui::Ticket ticket, const sluice::ExecutionInfo &execution, const QString &error);
    void countLoaded(sluice::ui::Ticket ticket, qint64 count, const QString &error);
    void itemsLoaded(sluice::ui::Ticket ticket, const QList<sluice::ItemRow> &rows, const QString &error);
    void keysLoaded(sluice::ui::Ticket ticket, const QList<qint64> &keys, const QString &error);
    void positionLoaded(sluice::ui::Ticket ticket, qint64 position, const QString &error);
    void historyLoaded(sluice::ui::Ticket ticket, const QList<sluice::HistoryEvent> &events, const QString &error);

private:
    class Worker;

    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;   // lives on m_thread
    QString m_location;
    bool m_open = false;
    Ticket m_next = 0;
};

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::ItemFilter)
Q_DECLARE_METATYPE(sluice::HistoryFilter)
