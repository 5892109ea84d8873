#include "dlq/DlqDetailPane.h"

#include "DefinitionView.h"
#include "dlq/DlqEntryModel.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
const char *const kFields[] = {QT_TR_NOOP("Status"),    QT_TR_NOOP("Error"),     QT_TR_NOOP("State"),
                               QT_TR_NOOP("Workflow"),  QT_TR_NOOP("Execution"), QT_TR_NOOP("Attempts"),
                               QT_TR_NOOP("First failure"), QT_TR_NOOP("Last failure")};
}

DlqDetailPane::DlqDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_fields(new QWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_input(new DefinitionView(this))
    , m_copy(new QToolButton(this))
    , m_cause(new QPlainTextEdit(this))
    , m_replays(new QTreeWidget(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    // Two label/value pairs a row, so the pane stays short enough for a bottom dock.
    auto *grid = new QGridLayout(m_fields);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    struct Place
    {
        const char *field;
        int row;
        int column;
        int span;
    };
    const Place places[] = {{kFields[0], 0, 0, 1}, {kFields[5], 0, 2, 1}, {kFields[1], 1, 0, 1}, {kFields[2], 1, 2, 1},
                            {kFields[3], 2, 0, 3}, {kFields[4], 3, 0, 3}, {kFields[6], 4, 0, 3}, {kFields[7], 5, 0, 3}};
    for (const Place &place : places) {
        auto *name = new QLabel(tr(place.field), m_fields);
        name->setForegroundRole(QPalette::PlaceholderText);
        name->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *label = new QLabel(m_fields);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setTextFormat(Qt::PlainText);
        label->setMinimumWidth(40);
        grid->addWidget(name, place.row, place.column);
        grid->addWidget(label, place.row, place.column + 1, 1, place.span);
        m_values.insert(QString::fromLatin1(place.field), label);
    }

    m_input->setPlaceholderText(tr("The input the entry's state received: what a replay starts with."));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the input to the clipboard"));
    m_copy->setAutoRaise(true);
    connect(m_copy, &QToolButton::clicked, this, &DlqDetailPane::copyInput);
    m_tabs->addTab(m_input, tr("Input"));
    m_tabs->setCornerWidget(m_copy, Qt::TopRightCorner);
    m_cause->setReadOnly(true);
    m_tabs->addTab(m_cause, tr("Cause"));
    m_replays->setRootIsDecorated(false);
    m_replays->setUniformRowHeights(true);
    m_replays->setHeaderLabels({tr("Replayed"), tr("By"), tr("Attempt"), tr("Outcome"), tr("Error")});
    m_replays->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_replays->header()->setStretchLastSection(true);
    m_tabs->addTab(m_replays, tr("Replay history"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_fields);
    layout->addWidget(m_tabs, 1);
    showNothing();
}

QLabel *DlqDetailPane::value(const QString &name)
{
    return m_values.value(name);
}

void DlqDetailPane::showNothing(const QString &message)
{
    m_detail = {};
    m_title->setText(message.isEmpty() ? tr("Select an entry to see its input and replay history.") : message);
    m_fields->setVisible(false);
    m_tabs->setVisible(false);
}

void DlqDetailPane::showDetail(const DlqEntryDetail &detail)
{
    if (!detail.error.isEmpty()) {
        showNothing(tr("Entry %1 could not be read: %2").arg(detail.entry.id).arg(detail.error));
        return;
    }
    m_detail = detail;
    const DlqEntry &e = detail.entry;
    m_title->setText(tr("Entry %1 · %2 at %3").arg(e.id).arg(e.error, e.state));
    value(QStringLiteral("Status"))->setText(DlqEntryModel::statusText(e.status));
    value(QStringLiteral("Error"))->setText(e.error);
    value(QStringLiteral("State"))->setText(e.state);
    value(QStringLiteral("Workflow"))->setText(detail.workflowName.isEmpty()
                                                   ? e.workflowVersion.left(12)
                                                   : tr("%1 (version %2)").arg(detail.workflowName, e.workflowVersion.left(8)));
    value(QStringLiteral("Workflow"))->setToolTip(e.workflowVersion);
    value(QStringLiteral("Execution"))->setText(tr("%1, item %2").arg(e.executionId).arg(e.item));
    value(QStringLiteral("Attempts"))->setText(QString::number(e.attempts));
    value(QStringLiteral("First failure"))->setText(DlqEntryModel::timeText(e.firstFailureMs));
    value(QStringLiteral("Last failure"))->setText(DlqEntryModel::timeText(e.lastFailureMs));
    m_input->setDefinitionText(QString::fromStdString(e.input.dump(2, ' ', false, Json::error_handler_t::replace)));
    m_cause->setPlainText(e.cause);

    m_replays->clear();
    for (const ReplayRecord &r : detail.replays) {
        auto *row = new QTreeWidgetItem(m_replays);
        row->setText(0, DlqEntryModel::timeText(r.timeMs));
        row->setText(1, r.osUser);
        row->setText(2, QString::number(r.attempt));
        row->setText(3, DlqEntryModel::outcomeText(r.outcome));
        row->setIcon(3, DlqEntryModel::statusIcon(r.outcome == ReplayOutcome::Succeeded ? DlqStatus::Replayed
                                                                                          : DlqStatus::Open));
        row->setText(4, r.error.isEmpty() ? QString() : QStringLiteral("%1: %2").arg(r.error, r.cause));
        row->setToolTip(4, r.cause);
    }
    m_tabs->setTabText(2, detail.replays.isEmpty() ? tr("Replay history")
                                                   : tr("Replay history (%1)").arg(detail.replays.size()));
    m_fields->setVisible(true);
    m_tabs->setVisible(true);
}

QString DlqDetailPane::inputText() const
{
    return m_detail.entry.id > 0 ? m_input->toPlainText() : QString();
}

void DlqDetailPane::copyInput()
{
    if (m_detail.entry.id > 0)
        QApplication::clipboard()->setText(m_input->toPlainText());
}

} // namespace sluice::ui
