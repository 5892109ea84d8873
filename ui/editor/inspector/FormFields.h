#pragma once

#include "editor/inspector/InspectorField.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace sluice::ui {

class JsonEdit;

// The simple field kinds of the inspector form. Each owns the state keys it edits and nothing else.

/// How a line edit's text becomes JSON.
enum class TextKind {
    String, ///< as typed
    Path,   ///< as typed, with completion of $, $$ and intrinsic names
    Number, ///< a JSON number when the text is one, else the text (the core then says what is wrong)
};

/// Text given as JSON: the number for TextKind::Number text that reads as one, else the string.
Json jsonFromText(const QString &text, TextKind kind);
/// The reverse for showing a value: strings raw, everything else as JSON.
QString textFromJson(const Json &value);

/// A string field (Comment, Resource, Label): a line edit, or an editable combo when `choices` are given.
/// Empty text removes the key, unless `required` (then it writes "" and the core explains).
class TextField : public InspectorField
{
    Q_OBJECT
public:
    TextField(const QString &key, TextKind kind, bool required = false, const QStringList &choices = {},
              QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &state) const override;
    QLineEdit *lineEdit() const { return m_edit; }

private:
    std::string m_key;
    TextKind m_kind;
    bool m_required;
    QComboBox *m_combo = nullptr;
    QLineEdit *m_edit;
};

/// InputPath, OutputPath, ResultPath: a path, or JSON null (the "null" box), or absent (empty text).
class NullablePathField : public InspectorField
{
    Q_OBJECT
public:
    explicit NullablePathField(const QString &key, QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &state) const override;
    QLineEdit *lineEdit() const { return m_edit; }
    QCheckBox *nullBox() const { return m_null; }

private:
    std::string m_key;
    QLineEdit *m_edit;
    QCheckBox *m_null;
};

/// One value written under one of several keys: TimeoutSeconds / TimeoutSecondsPath, Wait's
/// Seconds / Timestamp / SecondsPath / TimestampPath, Fail's Error / ErrorPath. A combo picks the key,
/// a line edit holds the value; empty text removes every key.
class AlternativeField : public InspectorField
{
    Q_OBJECT
public:
    struct Alternative
    {
        QString key;
        QString label;
        TextKind kind;
    };
    AlternativeField(const QString &helpKey, QList<Alternative> alternatives, QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &state) const override;
    void focusPointer(const QString &pointer) override;
    QComboBox *combo() const { return m_combo; }
    QLineEdit *lineEdit() const { return m_edit; }

private:
    void updateCompleter();

    QList<Alternative> m_alternatives;
    QComboBox *m_combo;
    QLineEdit *m_edit;
};

/// A JSON value (Parameters, ResultSelector, Result, ItemReader, ...) in a compact JSON editor. Empty text
/// removes the key; text that is not JSON is a local problem and keeps the old value. With several keys
/// (ItemSelector / the older Parameters) it edits the one the state has, else the first.
class JsonField : public InspectorField
{
    Q_OBJECT
public:
    JsonField(const QString &helpKey, const QStringList &keys, QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &state) const override;
    QStringList localProblems() const override;
    JsonEdit *jsonEdit() const { return m_edit; }

private:
    QStringList m_keys;
    QString m_key; ///< the key being edited
    JsonEdit *m_edit;
};

/// Next/End (`allowEnd`) or a Choice's Default: a combo of the state names. A name the list lacks is kept
/// as an extra entry so nothing is lost; a state with neither shows no selection.
class TransitionField : public InspectorField
{
    Q_OBJECT
public:
    TransitionField(const QString &key, bool allowEnd, QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &state) const override;
    void setStateNames(const QStringList &names) override;
    QComboBox *combo() const { return m_combo; }

private:
    void fill(const QString &extra);

    QString m_key;
    bool m_allowEnd;
    QStringList m_names;
    QComboBox *m_combo;
};

/// A Map's ItemProcessor.ProcessorConfig: Mode (INLINE / DISTRIBUTED) and, when distributed, ExecutionType.
/// Disabled for the older Iterator (always inline). Other ProcessorConfig fields stay as they are.
class ProcessorModeField : public InspectorField
{
    Q_OBJECT
public:
    explicit ProcessorModeField(QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &state) const override;
    QComboBox *modeCombo() const { return m_mode; }

private:
    QComboBox *m_mode;
    QComboBox *m_executionType;
    bool m_hasProcessor = false;
};

/// The state's name. Not part of the state's JSON: committing a valid new name asks for a rename.
class NameField : public InspectorField
{
    Q_OBJECT
public:
    explicit NameField(QWidget *parent = nullptr);
    void setName(const QString &name);
    void load(const Json &) override {}
    void apply(Json &) const override {}
    QStringList localProblems() const override;
    void setStateNames(const QStringList &names) override { m_names = names; }
    QString name() const { return m_name; }
    QString typedName() const;
    QLineEdit *lineEdit() const { return m_edit; }

private:
    QString m_name;
    QStringList m_names;
    QLineEdit *m_edit;
};

/// A read-only line computed from the state (the Type, a Parallel's branch count).
class InfoField : public InspectorField
{
    Q_OBJECT
public:
    InfoField(const QString &helpKey, std::function<QString(const Json &)> text, QWidget *parent = nullptr);
    void load(const Json &state) override;
    void apply(Json &) const override {}
    QLabel *label() const { return m_label; }

private:
    std::function<QString(const Json &)> m_text;
    QLabel *m_label;
};

} // namespace sluice::ui
