#pragma once

#include "Result.h"

#include <QAbstractTableModel>

#include <vector>

namespace sluice::ui {

/// The "Problems" list: one row per validation problem, in document order.
/// Columns: line:column, kind, JSON pointer, message. Lives on the GUI thread.
class ProblemListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LocationColumn, KindColumn, PointerColumn, MessageColumn, ColumnCount };
    enum Role {
        LineRole = Qt::UserRole + 1,   ///< int, 1-based, 0 = unknown
        ColumnRole,                    ///< int, 1-based, 0 = unknown
        PointerRole,                   ///< QString
    };

    explicit ProblemListModel(QObject *parent = nullptr);

    void setProblems(std::vector<Error> problems);
    const Error &problem(int row) const { return m_problems.at(size_t(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Error> m_problems;
};

} // namespace sluice::ui
