#pragma once

#include "store/StoreFilters.h"
#include "store/StoreRecords.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QTimer;
class QToolButton;

namespace sluice::ui {

/// The DLQ browser's filter row: workflow version, execution, state, error, text in the cause, since
/// when, status. Emits filterChanged() when the user changes any of them (typing is debounced).
class DlqFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit DlqFilterBar(QWidget *parent = nullptr);

    /// The filter as set (afterId and limit at their defaults).
    sluice::DlqFilter filter() const;
    /// Shows `filter` in the fields without emitting filterChanged().
    void setFilter(const sluice::DlqFilter &filter);

    /// The workflow versions to offer.
    void setWorkflows(const QList<sluice::WorkflowVersionInfo> &workflows);
    /// The states and error names to offer (the current text stays).
    void addChoices(const QStringList &states, const QStringList &errors);

Q_SIGNALS:
    void filterChanged();

private:
    void changedNow();
    void sinceChosen();

    QComboBox *m_workflow;
    QLineEdit *m_execution;
    QComboBox *m_state;
    QComboBox *m_error;
    QLineEdit *m_cause;
    QComboBox *m_since;
    QDateTimeEdit *m_sinceTime;
    QComboBox *m_status;
    QToolButton *m_clear;
    QTimer *m_typing;
    bool m_quiet = false;
};

} // namespace sluice::ui
