#include "monitor/RunsPanel.h"

#include "monitor/RunListModel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QStyleOptionProgressBar>
#include <QStyledItemDelegate>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

/// Paints the Progress column as a bar with "done / total" on it.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const qint64 total = index.data(RunListModel::TotalRole).toLongLong();
        const qint64 done = index.data(RunListModel::DoneRole).toLongLong();
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(3, 3, -3, -3);
        bar.minimum = 0;
        // QProgressBar takes ints: scale large runs down to per-mille.
        bar.maximum = 1000;
        bar.progress = total > 0 ? int(done * 1000 / total) : 0;
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        if (index.data(RunListModel::FailedRole).toLongLong() > 0)
            bar.palette.setColor(QPalette::Highlight, QColor(0xd3, 0x5f, 0x5f));
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

/// Filters by text (workflow, id) and by status; sorts by each column's SortRole.
class RunFilterProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    int status = -1;   ///< ExecutionStatus, or -1 for any
    QString text;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, RunListModel::Workflow, parent);
        if (status >= 0 && index.data(RunListModel::StatusRole).toInt() != status)
            return false;
        if (text.isEmpty())
            return true;
        return index.data(Qt::DisplayRole).toString().contains(text, Qt::CaseInsensitive) ||
               index.data(RunListModel::IdRole).toString().contains(text, Qt::CaseInsensitive);
    }
};

} // namespace

RunsPanel::RunsPanel(RunListModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    auto *proxy = new RunFilterProxy(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(RunListModel::SortRole);
    proxy->setDynamicSortFilter(true);
    m_proxy = proxy;

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_open = toolbar->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open"));
    m_open->setObjectName(QStringLiteral("actionOpenRun"));
    m_open->setToolTip(tr("Show the run on the canvas"));
    m_stop = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
    m_stop->setObjectName(QStringLiteral("actionStopRun"));
    m_stop->setToolTip(tr("Stop the run: nothing more starts, it ends as stopped"));
    m_pause = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pause->setObjectName(QStringLiteral("actionPauseRun"));
    m_pause->setToolTip(tr("Pause: no new item starts; items in flight finish"));
    m_rerun = toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Rerun"));
    m_rerun->setObjectName(QStringLiteral("actionRerun"));
    m_rerun->setToolTip(tr("Run the same workflow version again with the same input"));

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by workflow or id"));
    m_filter->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->addItem(tr("All statuses"), -1);
    for (ExecutionStatus s : {ExecutionStatus::Running, ExecutionStatus::Succeeded, ExecutionStatus::Failed,
                              ExecutionStatus::Aborted, ExecutionStatus::TimedOut})
        m_status->addItem(RunListModel::statusText(s), int(s));

    m_view = new QTreeView(this);
    m_view->setModel(proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunListModel::Started, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setItemDelegateForColumn(RunListModel::Progress, new ProgressDelegate(m_view));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(RunListModel::Workflow, QHeaderView::Stretch);
    m_view->header()->resizeSection(RunListModel::Status, 90);
    m_view->header()->resizeSection(RunListModel::Started, 140);
    m_view->header()->resizeSection(RunListModel::Duration, 80);
    m_view->header()->resizeSection(RunListModel::Progress, 160);
    m_view->header()->resizeSection(RunListModel::Failed, 60);

    auto *filters = new QHBoxLayout;
    filters->addWidget(toolbar);
    filters->addStretch();
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, this, &RunsPanel::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &RunsPanel::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsPanel::updateActions);
    connect(model, &QAbstractItemModel::dataChanged, this, &RunsPanel::updateActions);
    connect(m_view, &QTreeView::activated, this, [this]() {
        if (!currentRun().isEmpty())
            Q_EMIT openRequested(currentRun());
    });
    connect(m_open, &QAction::triggered, this, [this]() { Q_EMIT openRequested(currentRun()); });
    connect(m_stop, &QAction::triggered, this, [this]() { Q_EMIT stopRequested(currentRun()); });
    connect(m_rerun, &QAction::triggered, this, [this]() { Q_EMIT rerunRequested(currentRun()); });
    connect(m_pause, &QAction::triggered, this,
            [this]() { Q_EMIT pauseRequested(currentRun(), !m_model->isPaused(currentRun())); });
    updateActions();
}

QString RunsPanel::currentRun() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(RunListModel::IdRole).toString() : QString();
}

void RunsPanel::selectRun(const QString &executionId)
{
    const int row = m_model->rowOf(executionId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void RunsPanel::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void RunsPanel::applyFilter()
{
    auto *proxy = static_cast<RunFilterProxy *>(m_proxy);
    proxy->text = m_filter->text().trimmed();
    proxy->status = m_status->currentData().toInt();
    proxy->invalidate();
}

void RunsPanel::updateActions()
{
    const QString id = currentRun();
    const ExecutionInfo *run = id.isEmpty() ? nullptr : m_model->run(id);
    const bool running = run && run->status == ExecutionStatus::Running;
    const bool live = run && m_model->isLive(id);
    m_open->setEnabled(run);
    m_rerun->setEnabled(run && !run->workflowVersion.isEmpty());
    // Only this process's engine can be stopped or paused; a run of another process shows why not.
    m_stop->setEnabled(running && live);
    m_pause->setEnabled(running && live);
    const bool paused = m_model->isPaused(id);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    if (run && running && !live)
        m_stop->setToolTip(tr("This run belongs to another process (sluice-cli); stop it there"));
    else
        m_stop->setToolTip(tr("Stop the run: nothing more starts, it ends as stopped"));
}

} // namespace sluice::ui
