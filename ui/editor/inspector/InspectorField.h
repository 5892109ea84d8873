#pragma once

#include "Json.h"
#include "editor/inspector/StateProblems.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace sluice::ui {

/// One field of the inspector form, bound to part of a state's JSON: an editor, a red message under it
/// while the value is invalid, and a one-line caption (FieldHelp). Subclasses read their part of the
/// state in load(), write it back in apply() (leaving every other field of the state as it is) and say
/// edited() on each keystroke and committed() when an edit is done (editingFinished, a combo choice, a
/// table edit). load() never emits.
class InspectorField : public QWidget
{
    Q_OBJECT
public:
    /// `helpKey` names the FieldHelp entry; `owned` are the state pointers whose problems this field shows
    /// ("/TimeoutSeconds", "/TimeoutSecondsPath").
    InspectorField(const QString &helpKey, QStringList owned, QWidget *parent = nullptr);

    const QString &helpKey() const { return m_helpKey; }
    const QStringList &ownedPointers() const { return m_owned; }
    bool owns(const QString &pointer) const;
    /// Tables, JSON editors and the rule builder span the form's width with their label above.
    bool isWide() const { return m_wide; }

    virtual void load(const Json &state) = 0;
    virtual void apply(Json &state) const = 0;
    /// Problems found before the core can see the value (JSON that does not parse); apply() leaves the
    /// state's old value in place while there are any.
    virtual QStringList localProblems() const { return {}; }
    virtual void showProblems(const QList<FieldProblem> &problems);
    /// Puts the keyboard focus on the editor for `pointer` (one of, or below, ownedPointers()).
    virtual void focusPointer(const QString &pointer);
    virtual void setStateNames(const QStringList &names) { Q_UNUSED(names); }

    QString messageText() const;

    /// Sets or clears the red frame of `widget` (the "invalid" property the inspector's style sheet reads).
    static void markInvalid(QWidget *widget, bool invalid);

Q_SIGNALS:
    void edited();
    void committed();

protected:
    /// Puts `row` (the editor, or a row holding it and its helpers) into the field; `editor` gets the
    /// red frame, the tooltip and the focus.
    void setEditor(QWidget *editor, QWidget *row = nullptr);
    void setWide(bool wide) { m_wide = wide; }
    void setOwnedPointers(QStringList owned) { m_owned = std::move(owned); }
    QWidget *editor() const { return m_editor; }
    void setMessage(const QStringList &messages);

private:
    QString m_helpKey;
    QStringList m_owned;
    QVBoxLayout *m_layout;
    QWidget *m_editor = nullptr;
    QLabel *m_message;
    QLabel *m_caption;
    bool m_wide = false;
};

} // namespace sluice::ui
