#pragma once

#include "dlq/DlqTypes.h"

#include <QAbstractTableModel>
#include <QIcon>

namespace sluice::ui {

/// The DLQ entries a filter selects, as a window over the store: rows arrive a page at a time from the
/// browser's reader thread (fetchMore() asks for the page after the last loaded id by pageRequested()).
/// Lives on the GUI thread and never queries the store itself.
class DlqEntryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, StatusColumn, ErrorColumn, StateColumn, LastFailureColumn, CauseColumn, ReplaysColumn,
                  AttemptsColumn, ExecutionColumn, ItemColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, ErrorRole, StateRole };

    explicit DlqEntryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Drops every row; nothing is fetched until setActive(true).
    void clear();
    /// Whether fetchMore() may ask for pages (false while no store is open).
    void setActive(bool active);
    /// A page that follows the loaded rows (`afterId` is the last loaded id; other pages are dropped).
    void appendPage(qint64 afterId, const QList<sluice::ui::DlqRow> &rows, bool atEnd);
    /// Replaces the rows with a fresh read from the first one on: changed cells when the same entries came
    /// back, a reset otherwise.
    void replaceRows(const QList<sluice::ui::DlqRow> &rows, bool atEnd);
    /// The request in flight failed: allow fetchMore() again.
    void pageFailed();

    const DlqRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(qint64 id) const;
    qint64 lastId() const { return m_rows.isEmpty() ? 0 : m_rows.constLast().entry.id; }
    bool atEnd() const { return m_atEnd; }
    bool isLoading() const { return m_loading; }

    static QString statusText(DlqStatus status);
    static QString outcomeText(ReplayOutcome outcome);
    /// Local time, "2026-11-22 03:04:05"; empty for 0.
    static QString timeText(qint64 ms);
    /// Shorter: "03:04:05" today, "2026-11-21 03:04" before.
    static QString shortTimeText(qint64 ms);
    /// A small filled circle in the colour of `status`.
    static QIcon statusIcon(DlqStatus status);

Q_SIGNALS:
    /// Wants the page after `afterId`.
    void pageRequested(qint64 afterId);

private:
    QList<DlqRow> m_rows;
    bool m_active = false;
    bool m_atEnd = false;
    bool m_loading = false;
};

} // namespace sluice::ui
