#include "dlq/DlqFilterBar.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>

namespace sluice::ui {

namespace {

enum Since { AnyTime, LastHour, LastDay, LastWeek, LastMonth, Custom };
constexpr int kTypingMs = 250;

QComboBox *editableCombo(const QString &anyText, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->lineEdit()->setPlaceholderText(anyText);
    combo->lineEdit()->setClearButtonEnabled(true);
    combo->setMinimumContentsLength(12);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    return combo;
}

} // namespace

DlqFilterBar::DlqFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_workflow(new QComboBox(this))
    , m_execution(new QLineEdit(this))
    , m_state(editableCombo(tr("Any state"), this))
    , m_error(editableCombo(tr("Any error"), this))
    , m_cause(new QLineEdit(this))
    , m_since(new QComboBox(this))
    , m_sinceTime(new QDateTimeEdit(this))
    , m_status(new QComboBox(this))
    , m_clear(new QToolButton(this))
    , m_typing(new QTimer(this))
{
    m_workflow->addItem(tr("All workflows"), QString());
    m_workflow->setMinimumContentsLength(16);
    m_workflow->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_workflow->setToolTip(tr("Only entries of this workflow version"));
    m_execution->setPlaceholderText(tr("Execution id"));
    m_execution->setClearButtonEnabled(true);
    m_execution->setToolTip(tr("Only entries of this execution"));
    m_state->setToolTip(tr("Only entries that failed in this state"));
    m_error->setToolTip(tr("Only entries with this error name"));
    m_cause->setPlaceholderText(tr("Text in cause"));
    m_cause->setClearButtonEnabled(true);
    m_cause->setToolTip(tr("Only entries whose cause contains this text (case-insensitive)"));
    m_since->addItem(tr("Any time"), AnyTime);
    m_since->addItem(tr("Last hour"), LastHour);
    m_since->addItem(tr("Last 24 hours"), LastDay);
    m_since->addItem(tr("Last 7 days"), LastWeek);
    m_since->addItem(tr("Last 30 days"), LastMonth);
    m_since->addItem(tr("Since…"), Custom);
    m_since->setToolTip(tr("Only entries that last failed in this period"));
    m_sinceTime->setCalendarPopup(true);
    m_sinceTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_sinceTime->setDateTime(QDateTime::currentDateTime().addDays(-1));
    m_sinceTime->setVisible(false);
    m_status->addItem(tr("Any status"), -1);
    for (DlqStatus status : {DlqStatus::Open, DlqStatus::Replaying, DlqStatus::Replayed, DlqStatus::Discarded}) {
        static const char *const names[] = {QT_TR_NOOP("Open"), QT_TR_NOOP("Replaying"), QT_TR_NOOP("Replayed"),
                                            QT_TR_NOOP("Discarded")};
        m_status->addItem(tr(names[int(status)]), int(status));
    }
    m_status->setToolTip(tr("Only entries with this status"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Clear every filter"));
    m_clear->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_workflow, 3);
    layout->addWidget(m_execution, 2);
    layout->addWidget(m_state, 2);
    layout->addWidget(m_error, 2);
    layout->addWidget(m_cause, 3);
    layout->addWidget(m_since, 0);
    layout->addWidget(m_sinceTime, 0);
    layout->addWidget(m_status, 0);
    layout->addWidget(m_clear, 0);

    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingMs);
    connect(m_typing, &QTimer::timeout, this, &DlqFilterBar::changedNow);
    auto typed = [this] {
        if (!m_quiet)
            m_typing->start();
    };
    connect(m_execution, &QLineEdit::textChanged, this, typed);
    connect(m_cause, &QLineEdit::textChanged, this, typed);
    connect(m_state, &QComboBox::editTextChanged, this, typed);
    connect(m_error, &QComboBox::editTextChanged, this, typed);
    connect(m_workflow, &QComboBox::currentIndexChanged, this, &DlqFilterBar::changedNow);
    connect(m_status, &QComboBox::currentIndexChanged, this, &DlqFilterBar::changedNow);
    connect(m_since, &QComboBox::currentIndexChanged, this, &DlqFilterBar::sinceChosen);
    connect(m_sinceTime, &QDateTimeEdit::dateTimeChanged, this, typed);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        setFilter({});
        changedNow();
    });
}

void DlqFilterBar::changedNow()
{
    m_typing->stop();
    if (!m_quiet)
        Q_EMIT filterChanged();
}

void DlqFilterBar::sinceChosen()
{
    m_sinceTime->setVisible(m_since->currentData().toInt() == Custom);
    changedNow();
}

DlqFilter DlqFilterBar::filter() const
{
    DlqFilter filter;
    filter.workflowVersion = m_workflow->currentData().toString();
    filter.executionId = m_execution->text().trimmed();
    filter.state = m_state->currentText().trimmed();
    filter.error = m_error->currentText().trimmed();
    filter.causeText = m_cause->text();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr qint64 hour = 3600 * 1000;
    switch (m_since->currentData().toInt()) {
    case LastHour:
        filter.sinceMs = now - hour;
        break;
    case LastDay:
        filter.sinceMs = now - 24 * hour;
        break;
    case LastWeek:
        filter.sinceMs = now - 7 * 24 * hour;
        break;
    case LastMonth:
        filter.sinceMs = now - 30 * 24 * hour;
        break;
    case Custom:
        filter.sinceMs = m_sinceTime->dateTime().toMSecsSinceEpoch();
        break;
    default:
        break;
    }
    if (const int status = m_status->currentData().toInt(); status >= 0)
        filter.status = DlqStatus(status);
    return filter;
}

void DlqFilterBar::setFilter(const DlqFilter &filter)
{
    m_quiet = true;
    int workflow = m_workflow->findData(filter.workflowVersion);
    if (workflow < 0) {
        m_workflow->addItem(filter.workflowVersion.left(12), filter.workflowVersion);
        workflow = m_workflow->count() - 1;
    }
    m_workflow->setCurrentIndex(workflow);
    m_execution->setText(filter.executionId);
    m_state->setEditText(filter.state);
    m_error->setEditText(filter.error);
    m_cause->setText(filter.causeText);
    if (filter.sinceMs > 0) {
        m_since->setCurrentIndex(m_since->findData(Custom));
        m_sinceTime->setDateTime(QDateTime::fromMSecsSinceEpoch(filter.sinceMs));
    } else {
        m_since->setCurrentIndex(0);
    }
    m_sinceTime->setVisible(filter.sinceMs > 0);
    m_status->setCurrentIndex(filter.status ? m_status->findData(int(*filter.status)) : 0);
    m_typing->stop();
    m_quiet = false;
}

void DlqFilterBar::setWorkflows(const QList<WorkflowVersionInfo> &workflows)
{
    m_quiet = true;
    const QString current = m_workflow->currentData().toString();
    m_workflow->clear();
    m_workflow->addItem(tr("All workflows"), QString());
    for (const WorkflowVersionInfo &w : workflows) {
        const QString saved = QDateTime::fromMSecsSinceEpoch(w.savedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        const QString name = w.name.isEmpty() ? tr("(unnamed)") : w.name;
        m_workflow->addItem(tr("%1 · %2 · saved %3").arg(name, w.version.left(8), saved), w.version);
        m_workflow->setItemData(m_workflow->count() - 1, w.version, Qt::ToolTipRole);
    }
    const int index = m_workflow->findData(current);
    m_workflow->setCurrentIndex(index < 0 ? 0 : index);
    m_quiet = false;
}

void DlqFilterBar::addChoices(const QStringList &states, const QStringList &errors)
{
    m_quiet = true;
    for (auto [combo, names] : {std::pair{m_state, &states}, std::pair{m_error, &errors}}) {
        const QString text = combo->currentText();
        for (const QString &name : *names) {
            if (combo->findText(name) < 0)
                combo->addItem(name);
        }
        combo->setEditText(text);
    }
    m_quiet = false;
}

} // namespace sluice::ui
