#pragma once

#include "engine/Progress.h"
#include "store/StoreFilters.h"
#include "store/StoreRecords.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace sluice::ui {

class ItemsTableModel;
class MonitorStore;

/// The items of one execution: a filter bar (status, state, error name, text) over a table that pages from
/// the journal (ItemsTableModel), with live updates from the engine's snapshots. Opens on a store of its own
/// (open(location, id)) or on a MonitorStore it shares with other monitor widgets (setStore + open(id)).
class ItemsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ItemsPanel(QWidget *parent = nullptr);
    ~ItemsPanel() override;

    /// Reads through `store` (not owned; it must outlive the panel's use of it).
    void setStore(MonitorStore *store);
    MonitorStore *store() const { return m_store; }
    /// Opens a store of the panel's own at `location` and shows `executionId`'s items.
    void open(const QString &location, const QString &executionId);
    /// Shows `executionId`'s items from the current store.
    void open(const QString &executionId);
    QString executionId() const;

    /// Narrows the table to the items in `state` (empty: any state); the state filter shows it.
    void setStateFilter(const QString &state);
    void setStatusFilter(std::optional<sluice::ItemStatus> status);
    void setErrorFilter(const QString &error);
    void setTextFilter(const QString &text);
    sluice::ItemFilter filter() const;
    /// States offered by the state filter (the workflow's, as the canvas knows them).
    void setStates(const QStringList &states);

    ItemsTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// The item of the current row, or -1.
    qint64 currentItem() const;
    /// Makes the row of `item` current when it is loaded; false otherwise.
    bool selectItem(qint64 item);

public Q_SLOTS:
    void applySnapshot(const sluice::ProgressSnapshot &snapshot);

Q_SIGNALS:
    /// The current row's item changed (-1: none).
    void itemActivated(qint64 item);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyFilter();
    void updateSummary();
    void restoreSelection();

    std::unique_ptr<MonitorStore> m_ownStore;
    MonitorStore *m_store = nullptr;
    ItemsTableModel *m_model;
    QComboBox *m_status;
    QComboBox *m_state;
    QLineEdit *m_error;
    QLineEdit *m_text;
    QTableView *m_view;
    QLabel *m_summary;
    QTimer *m_typing;
    qint64 m_selectedItem = -1;   // kept across live updates that move rows
    bool m_applying = false;
};

} // namespace sluice::ui
