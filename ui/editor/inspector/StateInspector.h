#pragma once

#include "Json.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTabWidget;
class QVBoxLayout;

namespace sluice::ui {

class InspectorField;
class JsonEdit;
class NameField;

/// The designer's inspector (right dock): a form for the selected state's fields and a JSON tab with the
/// state's JSON, kept in sync both ways.
///
/// The form shows every field of the state's type, each checked with the core validator as the user types
/// (red frame and message); an invalid field does not leave the inspector. Each committed edit (a line
/// edit's editingFinished, a combo choice, a table or rule change, Apply in the JSON tab) emits
/// stateEdited() once with the whole new state JSON, so the document can push one undo command; fields
/// the form does not show stay as they are. setState() never emits. Editing the name asks for a rename
/// (renameRequested) instead: the document renames and updates every reference, then calls setState().
/// GUI thread only.
class StateInspector : public QWidget
{
    Q_OBJECT
public:
    explicit StateInspector(QWidget *parent = nullptr);
    ~StateInspector() override;

    /// Shows `stateJson` (one entry of a States object) named `name`. `allStateNames` are the states of its
    /// state machine: the targets offered for Next, Default, Choice rules and Catch.
    void setState(const QString &name, const Json &stateJson, const QStringList &allStateNames);
    /// Shows the "Select a state" hint.
    void clear();
    /// Focuses the editor of the field at `pointerInState` ("/Retry/0/MaxAttempts", "/Parameters", ...;
    /// empty for the name). A pointer no form field shows opens the JSON tab at that place.
    void focusField(const QString &pointerInState);

    QString stateName() const { return m_name; }
    /// The state as the inspector holds it: the last setState() plus the edits emitted since.
    const Json &stateJson() const { return m_state; }

Q_SIGNALS:
    void stateEdited(const QString &name, const Json &newStateJson);
    void renameRequested(const QString &oldName, const QString &newName);

private:
    void buildForm(const QString &type);
    void addSection(const QString &title, const std::vector<InspectorField *> &fields);
    void loadFields();
    void refreshProblems();
    void showFieldProblems(InspectorField *field);
    void fieldCommitted(InspectorField *field);
    void nameCommitted();
    void updateJsonText();
    void checkJsonText();
    void applyJsonText();
    InspectorField *fieldFor(const QString &pointer) const;

    QString m_name;
    QString m_type;
    Json m_state;
    QStringList m_names;

    QStackedWidget *m_stack;
    QLabel *m_hint;
    QLabel *m_header;
    QTabWidget *m_tabs;
    QScrollArea *m_scroll;
    QWidget *m_form = nullptr;
    QVBoxLayout *m_formLayout = nullptr;
    QLabel *m_stateProblems = nullptr;
    NameField *m_nameField = nullptr;
    std::vector<InspectorField *> m_fields; ///< owned by m_form

    JsonEdit *m_json;
    QLabel *m_jsonMessage;
    QPushButton *m_jsonApply;
    QPushButton *m_jsonRevert;
};

} // namespace sluice::ui
