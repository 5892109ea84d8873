#pragma once

#include "monitor/MonitorStore.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTableView;

namespace sluice::ui {

/// The events of one execution, as Step Functions' console lists them (id, type, state, elapsed time since
/// the start, details), paged from the journal: canFetchMore()/fetchMore() ask the MonitorStore for the
/// next kPageSize events after the last one loaded (keyset by item and sequence number).
class ExecutionHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, TypeColumn, ItemColumn, StateColumn, ElapsedColumn, DetailsColumn, ColumnCount };
    static constexpr int kPageSize = 500;

    explicit ExecutionHistoryModel(QObject *parent = nullptr);

    void setStore(MonitorStore *store);
    void open(const QString &executionId);
    const sluice::HistoryEvent &eventAt(int row) const { return m_events[row]; }
    bool atEnd() const { return m_atEnd; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void pageLoaded(int rows, const QString &error);

private:
    void onExecution(Ticket ticket, const sluice::ExecutionInfo &execution, const QString &error);
    void onHistory(Ticket ticket, const QList<sluice::HistoryEvent> &events, const QString &error);

    QPointer<MonitorStore> m_store;
    QString m_execution;
    qint64 m_startedMs = 0;
    QList<HistoryEvent> m_events;
    Ticket m_executionTicket = 0;
    Ticket m_pageTicket = 0;
    bool m_atEnd = true;
};

/// ExecutionHistoryModel in a table, with a line that says how many events are loaded.
class ExecutionHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit ExecutionHistoryView(QWidget *parent = nullptr);

    void setStore(MonitorStore *store);
    void open(const QString &executionId);
    ExecutionHistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    ExecutionHistoryModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
};

} // namespace sluice::ui
