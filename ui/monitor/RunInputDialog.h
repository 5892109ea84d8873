#pragma once

#include "Json.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace sluice::ui {

class JsonEdit;

/// Asks for a run's input: a JSON editor checked as you type (the Run button only takes valid JSON, the
/// label under it says where the text breaks), and the recent inputs (kept in QSettings, newest first) to
/// pick from. GUI thread.
class RunInputDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kRecentCount = 10;

    explicit RunInputDialog(const QString &workflowName, QWidget *parent = nullptr);

    JsonEdit *editor() const { return m_edit; }
    QComboBox *recentBox() const { return m_recent; }
    QLabel *problemLabel() const { return m_problem; }
    /// The parsed input (valid once accepted).
    const Json &input() const { return m_input; }
    bool isValid() const { return m_valid; }

    /// The recent inputs, newest first, as text.
    static QStringList recentInputs();
    /// Puts `text` first in the recent inputs (once).
    static void rememberInput(const QString &text);

    void accept() override;

private:
    void validate();

    JsonEdit *m_edit;
    QComboBox *m_recent;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    Json m_input;
    bool m_valid = false;
};

} // namespace sluice::ui
