#include "ProblemListModel.h"

#include "ErrorText.h"

#include <QApplication>
#include <QStyle>

namespace sluice::ui {

ProblemListModel::ProblemListModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void ProblemListModel::setProblems(std::vector<Error> problems)
{
    beginResetModel();
    m_problems = std::move(problems);
    endResetModel();
}

int ProblemListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ProblemListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Error &problem = m_problems[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LocationColumn:
            if (problem.where.line <= 0)
                return QString();
            return tr("%1:%2").arg(problem.where.line).arg(problem.where.column);
        case KindColumn:
            return ErrorText::title(problem.code);
        case PointerColumn:
            return problem.where.pointer;
        case MessageColumn:
            return problem.message;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == LocationColumn)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case LineRole:
        return problem.where.line;
    case ColumnRole:
        return problem.where.column;
    case PointerRole:
        return problem.where.pointer;
    }
    return {};
}

QVariant ProblemListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LocationColumn:
        return tr("Line:Col");
    case KindColumn:
        return tr("Kind");
    case PointerColumn:
        return tr("Pointer");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace sluice::ui
