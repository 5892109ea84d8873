#include "monitor/RunInputDialog.h"

#include "editor/inspector/JsonEdit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

const QString kRecentKey = QStringLiteral("monitor/recentInputs");

/// Line and column of byte `offset` in `text`.
std::pair<int, int> lineColumn(const QByteArray &text, size_t offset)
{
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < offset && i < size_t(text.size()); ++i) {
        if (text[qsizetype(i)] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

} // namespace

RunInputDialog::RunInputDialog(const QString &workflowName, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Run %1").arg(workflowName));
    m_recent = new QComboBox(this);
    m_recent->setObjectName(QStringLiteral("recentInputs"));
    m_recent->addItem(tr("(recent inputs)"));
    for (const QString &text : recentInputs())
        m_recent->addItem(text.simplified().left(80), text);
    m_recent->setEnabled(m_recent->count() > 1);
    m_edit = new JsonEdit(this, 10, 24);
    m_edit->setObjectName(QStringLiteral("runInput"));
    const QStringList recent = recentInputs();
    m_edit->setJsonText(recent.isEmpty() ? QStringLiteral("{}") : recent.first());
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("inputProblem"));
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Recent:"), m_recent);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Execution input (JSON):"), this));
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(520, 380);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &RunInputDialog::validate);
    connect(m_recent, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            m_edit->setJsonText(m_recent->itemData(index).toString());
        validate();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RunInputDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void RunInputDialog::validate()
{
    const QByteArray text = m_edit->toPlainText().toUtf8();
    try {
        m_input = Json::parse(text.cbegin(), text.cend());
        m_valid = true;
        m_problem->setText(tr("Valid JSON (%1).").arg(QString::fromLatin1(m_input.type_name())));
        m_problem->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    } catch (const Json::parse_error &e) {
        m_valid = false;
        const auto [line, column] = lineColumn(text, e.byte > 0 ? e.byte - 1 : 0);
        m_problem->setText(tr("Not valid JSON at line %1, column %2.").arg(line).arg(column));
        m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

void RunInputDialog::accept()
{
    validate();
    if (!m_valid)
        return;
    rememberInput(m_edit->toPlainText().trimmed());
    QDialog::accept();
}

QStringList RunInputDialog::recentInputs()
{
    return QSettings().value(kRecentKey).toStringList();
}

void RunInputDialog::rememberInput(const QString &text)
{
    QStringList recent = recentInputs();
    recent.removeAll(text);
    recent.prepend(text);
    while (recent.size() > kRecentCount)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

} // namespace sluice::ui
