#pragma once

#include "Json.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace sluice::ui {

class DefinitionView;

/// Replay with options: an edited input (a JSON editor that validates as you type; Replay stays disabled
/// while the text is not JSON), the state to start in, and whether to run on the latest workflow version.
/// With several entries the input is each entry's own and cannot be edited.
class DlqReplayDialog : public QDialog
{
    Q_OBJECT
public:
    /// `input` is the entry's stored input, or null for several entries (each keeps its own).
    DlqReplayDialog(const QString &title, const std::optional<sluice::Json> &input, const QStringList &states,
                    const QString &failedState, bool latestVersion, QWidget *parent = nullptr);

    /// The edited input; nullopt for several entries, or while the text is not JSON.
    std::optional<sluice::Json> input() const { return m_parsed; }
    /// Empty when the entry restarts in the state that failed.
    QString fromState() const;
    bool latestVersion() const;

    DefinitionView *editor() const { return m_editor; }
    QComboBox *stateChoice() const { return m_state; }
    QPushButton *replayButton() const { return m_replay; }
    QLabel *validation() const { return m_validation; }

private:
    void validate();

    bool m_editable;
    QString m_failedState;
    std::optional<Json> m_parsed;
    DefinitionView *m_editor;
    QLabel *m_validation;
    QComboBox *m_state;
    QCheckBox *m_latest;
    QDialogButtonBox *m_buttons;
    QPushButton *m_replay;
};

} // namespace sluice::ui
