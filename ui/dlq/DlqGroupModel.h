#pragma once

#include "store/StoreRecords.h"

#include <QAbstractTableModel>

namespace sluice::ui {

/// The DLQ grouped by error and state ("412 × Http.503 at LoadToERP"), under a first row for all entries.
/// A small list that the reader thread delivers whole; lives on the GUI thread.
class DlqGroupModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { GroupColumn, OpenColumn, LastFailureColumn, ColumnCount };
    enum Role { ErrorRole = Qt::UserRole + 1, StateRole, CountRole, AllRole };

    explicit DlqGroupModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setGroups(const QList<sluice::DlqGroup> &groups);
    const QList<DlqGroup> &groups() const { return m_groups; }
    /// Entries in every group together.
    qint64 total() const { return m_total; }
    /// The row of the group (error, state); 0 (all entries) when there is none.
    int rowOf(const QString &error, const QString &state) const;

    /// "412 × Http.503 at LoadToERP".
    static QString groupText(const DlqGroup &group);

private:
    QList<DlqGroup> m_groups;
    qint64 m_total = 0;
    qint64 m_open = 0;
    qint64 m_last = 0;
};

} // namespace sluice::ui
