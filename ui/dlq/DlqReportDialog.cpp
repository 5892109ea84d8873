#include "dlq/DlqReportDialog.h"

#include "dlq/DlqEntryModel.h"

#include <QAbstractTableModel>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

/// The rows of a replay report.
class DlqReportModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    DlqReportModel(const QList<ReplayEntryResult> &results, QObject *parent)
        : QAbstractTableModel(parent)
        , m_results(results)
    {
    }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_results.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 4; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const ReplayEntryResult &r = m_results.at(index.row());
        if (role == Qt::DecorationRole && index.column() == 1)
            return DlqEntryModel::statusIcon(r.outcome == ReplayOutcome::Succeeded ? DlqStatus::Replayed : DlqStatus::Open);
        if (role == Qt::ToolTipRole && index.column() == 3)
            return r.cause;
        if (role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case 0:
            return r.id;
        case 1:
            return DlqEntryModel::outcomeText(r.outcome);
        case 2:
            return r.error;
        case 3:
            return r.cause;
        }
        return {};
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        switch (section) {
        case 0:
            return tr("Entry");
        case 1:
            return tr("Outcome");
        case 2:
            return tr("Error");
        case 3:
            return tr("Cause");
        }
        return {};
    }

private:
    QList<ReplayEntryResult> m_results;
};

DlqReportDialog::DlqReportDialog(const QList<ReplayEntryResult> &results, bool cancelled, const QString &error,
                                 QWidget *parent)
    : QDialog(parent)
    , m_results(results)
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
{
    setWindowTitle(tr("Replay report"));
    int succeeded = 0;
    for (const ReplayEntryResult &r : results)
        succeeded += r.outcome == ReplayOutcome::Succeeded;
    QString text = tr("%1 of %2 replayed entries succeeded; %3 failed again.")
                       .arg(succeeded)
                       .arg(results.size())
                       .arg(results.size() - succeeded);
    if (cancelled)
        text += QLatin1Char(' ') + tr("The replay was cancelled: entries not yet started were left as they were.");
    if (!error.isEmpty())
        text = tr("The replay could not run: %1").arg(error);
    m_summary->setText(text);
    m_summary->setWordWrap(true);

    m_table->setModel(new DlqReportModel(results, this));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 380);
}

QString DlqReportDialog::summary() const
{
    return m_summary->text();
}

} // namespace sluice::ui

#include "DlqReportDialog.moc"
