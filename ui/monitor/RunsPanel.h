#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace sluice::ui {

class RunListModel;

/// The Runs dock's content: every execution of the store (RunListModel) with a text filter, a status
/// filter and sorting by any column; progress as a bar. Stop, Pause/Resume, Rerun and Open act on the
/// selected run; the panel only asks (signals), the main window does. GUI thread.
class RunsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunsPanel(RunListModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    /// The selected run's execution id, or empty.
    QString currentRun() const;
    void selectRun(const QString &executionId);
    void setFilterText(const QString &text);
    QAction *stopAction() const { return m_stop; }
    QAction *pauseAction() const { return m_pause; }
    QAction *rerunAction() const { return m_rerun; }
    QAction *openAction() const { return m_open; }

Q_SIGNALS:
    void openRequested(const QString &executionId);
    void stopRequested(const QString &executionId);
    void pauseRequested(const QString &executionId, bool pause);
    void rerunRequested(const QString &executionId);

private:
    void updateActions();
    void applyFilter();

    RunListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QAction *m_stop;
    QAction *m_pause;
    QAction *m_rerun;
    QAction *m_open;
};

} // namespace sluice::ui
