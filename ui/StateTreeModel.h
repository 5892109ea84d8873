#pragma once

#include "StateOutline.h"

#include <QStandardItemModel>

namespace sluice::ui {

/// The "States" tree: one row per state, nested under Parallel branches and Map processors.
/// Columns: state (icon and name), type, summary. A small in-memory model; lives on the GUI thread.
class StateTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, SummaryColumn, ColumnCount };
    enum Role {
        PointerRole = Qt::UserRole + 1,   ///< QString: JSON pointer of the state
        LineRole,                         ///< int: first line of the state's object (1-based, 0 = unknown)
        LastLineRole,                     ///< int: line of its closing brace
        IsBranchRole,                     ///< bool: a Parallel branch, not a state
        ProblemCountRole,                 ///< int: validation problems inside this state (not its children)
    };

    explicit StateTreeModel(QObject *parent = nullptr);

    void setOutline(const std::vector<OutlineNode> &nodes);
    /// Marks each problem on the innermost state whose pointer contains it (warning icon and tooltip).
    void markProblems(const std::vector<Error> &problems);

    /// The one-line summary shown for `node`: "sluice:http" for a Task, "3 rules" for a Choice, ...
    static QString summary(const OutlineNode &node);
    /// The index of the state whose pointer is `pointer` (column 0), invalid if none.
    QModelIndex indexOfPointer(const QString &pointer) const;

private:
    QStandardItem *innermostState(QStandardItem *parent, const QString &pointer) const;
    void appendNodes(QStandardItem *parent, const std::vector<OutlineNode> &nodes);
    void setHeaders();
};

} // namespace sluice::ui
