#pragma once

#include "engine/Progress.h"
#include "monitor/MonitorStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <map>

namespace sluice::ui {

/// The items of one execution as a table that is a window over the store: the row count is the number of
/// items the filter selects, and rows are read a page at a time (kPageSize) on the MonitorStore's reader
/// thread when a view asks for them, so a million items cost nothing until they are looked at. A few pages
/// stay cached (kMaxPages); page keys from the store let a jump to any row read one page (no scan).
///
/// Live snapshots update loaded rows in place (coalesced to one flush per kFlushMs, one dataChanged per
/// contiguous range); new items append rows at the end, so selection and scroll position survive. When an
/// update can change which items a narrowed filter selects, the count is read again.
class ItemsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IndexColumn, KeyColumn, StateColumn, StatusColumn, AttemptsColumn, ErrorColumn, DurationColumn,
                  ColumnCount };
    enum Role { ItemIdRole = Qt::UserRole + 1, StatusRole, LoadedRole };

    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 24;
    static constexpr int kFlushMs = 100;

    explicit ItemsTableModel(QObject *parent = nullptr);
    ~ItemsTableModel() override;

    void setStore(MonitorStore *store);
    MonitorStore *store() const { return m_store; }
    /// Shows the items of `executionId` that the current filter selects.
    void open(const QString &executionId);
    QString executionId() const { return m_execution; }
    void setFilter(const sluice::ItemFilter &filter);
    sluice::ItemFilter filter() const { return m_filter; }
    /// Takes a snapshot's changed items; they show at the next flush.
    void applySnapshot(const sluice::ProgressSnapshot &snapshot);

    /// The row at `row` when its page is loaded, else null.
    const sluice::ItemRow *rowAt(int row) const;
    bool isRowLoaded(int row) const { return rowAt(row) != nullptr; }
    /// The row of `item` among the loaded rows, or -1.
    int rowOfItem(qint64 item) const;
    qint64 count() const { return m_count; }
    int loadedPageCount() const { return int(m_pages.size()); }
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(sluice::ItemStatus status);

Q_SIGNALS:
    /// The filtered count is known (after open, a filter change or a live change).
    void countChanged(qint64 count);
    /// A page came in and its rows show data.
    void pageLoaded(int page);
    /// A narrowed filter's selection changed under live updates: loaded rows were dropped and rows may
    /// have moved.
    void rowsInvalidated();
    void failed(const QString &error);

private:
    struct Page
    {
        QList<ItemRow> rows;
        quint64 used = 0;   ///< for dropping the least recently used page
    };

    void restart();
    void wantPage(int page) const;
    void fetchWanted();
    void requestPage(int page);
    void requestCount();
    void flushUpdates();
    void onCount(Ticket ticket, qint64 count, const QString &error);
    void onItems(Ticket ticket, const QList<ItemRow> &rows, const QString &error);
    void onKeys(Ticket ticket, const QList<qint64> &keys, const QString &error);
    void setCount(qint64 count);
    void dropOldPages();
    void invalidateRows();

    QPointer<MonitorStore> m_store;
    QString m_execution;
    ItemFilter m_filter;
    qint64 m_count = 0;
    QString m_error;

    mutable std::map<int, Page> m_pages;      // by page number
    mutable quint64 m_useClock = 0;
    QHash<qint64, int> m_rowByItem;           // loaded rows only
    mutable QList<int> m_wanted;              // pages a view asked for, not loaded yet, newest last
    QHash<Ticket, int> m_pending;             // page requests in flight
    QList<qint64> m_keys;                     // m_keys[k]: the last item of page k (from the store)
    Ticket m_countTicket = 0;
    Ticket m_keysTicket = 0;
    bool m_membershipDirty = false;          // live updates may have changed what a narrowed filter selects
    mutable QTimer m_fetchTimer;
    QTimer m_flushTimer;
    QTimer m_recountTimer;
    std::map<qint64, ItemUpdate> m_updates;   // coalesced until the next flush; newest per item
};

} // namespace sluice::ui
