#pragma once

#include "monitor/MonitorStore.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTabWidget;
class QTreeWidget;

namespace sluice::ui {

class JsonTreeView;

/// One item of an execution: its history as a timeline (item started, states entered and exited, task
/// attempts with their errors and retry delays, finished), and for the state visit picked in the timeline
/// that state's input and output as JSON trees and the difference between them (added, removed and
/// changed paths, coloured). Reads through a MonitorStore on its reader thread.
class ItemDetailView : public QWidget
{
    Q_OBJECT
public:
    enum TimelineColumn { TimeColumn, EventColumn, StateColumn, AttemptColumn, DetailColumn, TimelineColumnCount };
    enum DiffColumn { ChangeColumn, PathColumn, BeforeColumn, AfterColumn, DiffColumnCount };

    explicit ItemDetailView(QWidget *parent = nullptr);

    void setStore(MonitorStore *store);
    /// Shows `item` of `executionId` (-1: nothing).
    void open(const QString &executionId, qint64 item);
    qint64 item() const { return m_item; }
    const QList<sluice::HistoryEvent> &events() const { return m_events; }

    /// Picks the timeline row of the `visit`-th visit (0-based) of `state` and shows its input and output.
    bool showState(const QString &state, int visit = 0);

    QTreeWidget *timeline() const { return m_timeline; }
    JsonTreeView *inputView() const { return m_input; }
    JsonTreeView *outputView() const { return m_output; }
    QTreeWidget *diffView() const { return m_diff; }
    QTabWidget *tabs() const { return m_tabs; }

    static QString eventName(sluice::JournalRecord::Type type);

Q_SIGNALS:
    /// The item's history is shown (or could not be read: `error`).
    void loaded(const QString &error);

private:
    void onHistory(Ticket ticket, const QList<sluice::HistoryEvent> &events, const QString &error);
    void onTimelineRow();
    void showVisit(int enteredEvent);

    QPointer<MonitorStore> m_store;
    QString m_execution;
    qint64 m_item = -1;
    Ticket m_ticket = 0;
    QList<HistoryEvent> m_events;
    QLabel *m_title;
    QTreeWidget *m_timeline;
    QTabWidget *m_tabs;
    JsonTreeView *m_input;
    JsonTreeView *m_output;
    QTreeWidget *m_diff;
};

} // namespace sluice::ui
