#include "dlq/DlqGroupModel.h"

#include "dlq/DlqEntryModel.h"

#include <QFont>
#include <QLocale>

namespace sluice::ui {

DlqGroupModel::DlqGroupModel(QObject *parent) : QAbstractTableModel(parent) {}

int DlqGroupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size()) + 1;
}

int DlqGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DlqGroupModel::groupText(const DlqGroup &group)
{
    return tr("%1 × %2 at %3").arg(QLocale().toString(group.count), group.error, group.state);
}

QVariant DlqGroupModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() > m_groups.size())
        return {};
    const bool all = index.row() == 0;
    const DlqGroup *group = all ? nullptr : &m_groups.at(index.row() - 1);
    switch (role) {
    case ErrorRole:
        return all ? QString() : group->error;
    case StateRole:
        return all ? QString() : group->state;
    case CountRole:
        return all ? m_total : group->count;
    case AllRole:
        return all;
    case Qt::FontRole:
        if (all) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == OpenColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == LastFailureColumn)
            return DlqEntryModel::timeText(all ? m_last : group->lastFailureMs);
        if (all)
            return tr("Every entry the filter selects");
        return tr("%1 entries failed in %2 with %3; %4 are open")
            .arg(group->count)
            .arg(group->state, group->error)
            .arg(group->open);
    case Qt::DisplayRole:
        switch (index.column()) {
        case GroupColumn:
            return all ? tr("All entries (%1)").arg(QLocale().toString(m_total)) : groupText(*group);
        case OpenColumn:
            return QLocale().toString(all ? m_open : group->open);
        case LastFailureColumn:
            return DlqEntryModel::shortTimeText(all ? m_last : group->lastFailureMs);
        }
        return {};
    }
    return {};
}

QVariant DlqGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case GroupColumn:
        return tr("Failures");
    case OpenColumn:
        return tr("Open");
    case LastFailureColumn:
        return tr("Last");
    }
    return {};
}

void DlqGroupModel::setGroups(const QList<DlqGroup> &groups)
{
    beginResetModel();
    m_groups = groups;
    m_total = 0;
    m_open = 0;
    m_last = 0;
    for (const DlqGroup &g : m_groups) {
        m_total += g.count;
        m_open += g.open;
        m_last = std::max(m_last, g.lastFailureMs);
    }
    endResetModel();
}

int DlqGroupModel::rowOf(const QString &error, const QString &state) const
{
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i].error == error && m_groups[i].state == state)
            return int(i) + 1;
    }
    return 0;
}

} // namespace sluice::ui
