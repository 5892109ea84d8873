#pragma once

#include "dlq/DlqTypes.h"

#include <QDialog>

class QLabel;
class QTableView;

namespace sluice::ui {

class DlqReportModel;

/// The end of a replay: one row per entry (entry, outcome, error and cause), and a summary line.
class DlqReportDialog : public QDialog
{
    Q_OBJECT
public:
    DlqReportDialog(const QList<sluice::ReplayEntryResult> &results, bool cancelled, const QString &error,
                    QWidget *parent = nullptr);

    const QList<ReplayEntryResult> &results() const { return m_results; }
    QString summary() const;
    QTableView *table() const { return m_table; }

private:
    QList<ReplayEntryResult> m_results;
    QLabel *m_summary;
    QTableView *m_table;
};

} // namespace sluice::ui
