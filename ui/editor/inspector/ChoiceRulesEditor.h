#pragma once

#include "editor/inspector/InspectorField.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QWidget;

namespace sluice::ui {

/// A Choice state's rules as a rule builder. The tree lists the top-level rules (as one line each, with
/// their Next) and the rules nested in And, Or and Not; the pane below edits the selected one: its kind
/// (comparison, And, Or, Not), the Variable, the operator (every ASL comparison, with or without the
/// "...Path" form), the value, and for a top-level rule the Next state. Changing the kind keeps what it
/// can (a comparison turned into And becomes its first condition). Fields the form does not show
/// (Comment) stay in the rule.
class ChoiceRulesEditor : public InspectorField
{
    Q_OBJECT
public:
    explicit ChoiceRulesEditor(QWidget *parent = nullptr);

    void load(const Json &state) override;
    void apply(Json &state) const override;
    void showProblems(const QList<FieldProblem> &problems) override;
    void focusPointer(const QString &pointer) override;
    void setStateNames(const QStringList &names) override;
    void setSelfName(const QString &name) { m_self = name; }

    QTreeWidget *tree() const { return m_tree; }
    QComboBox *kindCombo() const { return m_kind; }
    QLineEdit *variableEdit() const { return m_variable; }
    QComboBox *operatorCombo() const { return m_operator; }
    QCheckBox *pathBox() const { return m_isPath; }
    QLineEdit *valueEdit() const { return m_value; }
    QComboBox *boolCombo() const { return m_boolValue; }
    QComboBox *nextCombo() const { return m_next; }
    /// Selects the rule at `pointer` inside Choices ("/0", "/0/And/1"); false if there is none.
    bool selectRule(const QString &pointer);
    QString selectedRule() const;

    void addRule();
    void addCondition();
    void removeSelected();
    void moveSelected(int delta);

private:
    enum class Kind { Compare, And, Or, Not };

    Json *node(const QString &pointer);
    static Kind kindOf(const Json &rule);
    void rebuild(const QString &select);
    void addItems(QTreeWidgetItem *parent, const Json &rule, const QString &pointer);
    void refreshTexts();
    void showSelected();
    void changeKind();
    void applyComparison();
    void commitStructure(const QString &select);
    void updateOperandEditor();
    QString defaultNext() const;

    Json m_rules = Json::array();
    bool m_present = false; ///< the state has Choices (an edit writes it even when empty)
    QStringList m_names;
    QString m_self;
    bool m_loading = false;

    QTreeWidget *m_tree;
    QToolButton *m_addRule;
    QToolButton *m_addCondition;
    QToolButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    QWidget *m_pane;
    QComboBox *m_kind;
    QLabel *m_variableLabel;
    QLineEdit *m_variable;
    QLabel *m_operatorLabel;
    QComboBox *m_operator;
    QCheckBox *m_isPath;
    QLabel *m_valueLabel;
    QLineEdit *m_value;
    QComboBox *m_boolValue;
    QLabel *m_nextLabel;
    QComboBox *m_next;
};

} // namespace sluice::ui
