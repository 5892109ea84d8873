#include "dlq/DlqReplayDialog.h"

#include "DefinitionView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

/// The edited input, or where it stops being JSON (1-based line and column).
struct Parsed
{
    std::optional<Json> value;
    int line = 0;
    int column = 0;
    QString detail;
};

// The one place the browser reads JSON a person typed.
Parsed parseInput(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    try {
        return {Json::parse(bytes.cbegin(), bytes.cend()), 0, 0, {}};
    } catch (const Json::parse_error &e) {
        Parsed failed;
        const qsizetype at = qBound<qsizetype>(0, qsizetype(e.byte) - 1, bytes.size());
        const QByteArray before = bytes.left(at);
        failed.line = int(before.count('\n')) + 1;
        failed.column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
        failed.detail = QString::fromUtf8(e.what());
        return failed;
    } catch (const Json::exception &e) {
        return {std::nullopt, 1, 1, QString::fromUtf8(e.what())};
    }
}

} // namespace

DlqReplayDialog::DlqReplayDialog(const QString &title, const std::optional<Json> &input, const QStringList &states,
                                 const QString &failedState, bool latestVersion, QWidget *parent)
    : QDialog(parent)
    , m_editable(input.has_value())
    , m_failedState(failedState)
    , m_editor(new DefinitionView(this))
    , m_validation(new QLabel(this))
    , m_state(new QComboBox(this))
    , m_latest(new QCheckBox(tr("On the latest workflow version"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    m_replay = m_buttons->addButton(tr("Replay"), QDialogButtonBox::AcceptRole);
    m_replay->setDefault(true);

    auto *heading = new QLabel(m_editable ? tr("Input the replay starts with:")
                                          : tr("Each entry is replayed with its own stored input."),
                               this);
    m_editor->setReadOnly(!m_editable);
    m_editor->setTextInteractionFlags(m_editable ? Qt::TextEditorInteraction
                                                 : Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_editor->setPlaceholderText(QString());
    m_editor->setVisible(m_editable);
    if (m_editable)
        m_editor->setDefinitionText(QString::fromStdString(input->dump(2, ' ', false, Json::error_handler_t::replace)));
    m_validation->setWordWrap(true);
    m_validation->setVisible(m_editable);

    for (const QString &state : states)
        m_state->addItem(state == failedState ? tr("%1 (where it failed)").arg(state) : state, state);
    if (m_state->findData(failedState) < 0)
        m_state->insertItem(0, tr("%1 (where it failed)").arg(failedState), failedState);
    m_state->setCurrentIndex(m_state->findData(failedState));
    m_state->setToolTip(tr("The state the item starts again in"));
    m_latest->setChecked(latestVersion);
    m_latest->setToolTip(tr("Run on the newest version saved under the entry's workflow name"));

    auto *options = new QFormLayout;
    options->addRow(tr("Start in state:"), m_state);
    options->addRow(QString(), m_latest);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_validation);
    layout->addLayout(options);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &DlqReplayDialog::validate);
    resize(m_editable ? QSize(560, 480) : QSize(420, 160));
    validate();
}

QString DlqReplayDialog::fromState() const
{
    const QString state = m_state->currentData().toString();
    return state == m_failedState ? QString() : state;
}

bool DlqReplayDialog::latestVersion() const
{
    return m_latest->isChecked();
}

void DlqReplayDialog::validate()
{
    if (!m_editable) {
        m_replay->setEnabled(true);
        return;
    }
    const Parsed parsed = parseInput(m_editor->toPlainText());
    m_parsed = parsed.value;
    m_replay->setEnabled(m_parsed.has_value());
    if (m_parsed) {
        m_editor->clearHighlight();
        m_validation->setText(tr("Valid JSON."));
        m_validation->setToolTip(QString());
        m_validation->setStyleSheet(QString());
        return;
    }
    m_validation->setText(tr("Not valid JSON at line %1, column %2. Replay is possible once the input is valid.")
                              .arg(parsed.line)
                              .arg(parsed.column));
    m_validation->setToolTip(parsed.detail);
    m_validation->setStyleSheet(QStringLiteral("color: #c0392b;"));
}

} // namespace sluice::ui
