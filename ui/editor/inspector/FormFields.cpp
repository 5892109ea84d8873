#include "editor/inspector/FormFields.h"

#include "editor/inspector/Completion.h"
#include "editor/inspector/FieldHelp.h"
#include "editor/inspector/JsonEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

/// A row widget holding `widgets` side by side, the last one stretching.
QWidget *rowOf(QWidget *parent, std::initializer_list<QWidget *> widgets, QWidget *stretching)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (QWidget *w : widgets)
        layout->addWidget(w, w == stretching ? 1 : 0);
    return row;
}

} // namespace

Json jsonFromText(const QString &text, TextKind kind)
{
    const QString t = kind == TextKind::String ? text : text.trimmed();
    if (kind == TextKind::Number) {
        static const QRegularExpression number(QStringLiteral("^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$"));
        if (number.match(t).hasMatch()) {
            bool ok = false;
            const qlonglong whole = t.toLongLong(&ok);
            if (ok)
                return Json(whole);
            const double value = t.toDouble(&ok);
            if (ok)
                return Json(value);
        }
    }
    return Json(s(t));
}

QString textFromJson(const Json &value)
{
    if (value.is_string())
        return q(value.get<std::string>());
    return q(value.dump());
}

// ---- TextField ----------------------------------------------------------------------------------------

TextField::TextField(const QString &key, TextKind kind, bool required, const QStringList &choices,
                     QWidget *parent)
    : InspectorField(key, {QLatin1Char('/') + key}, parent), m_key(s(key)), m_kind(kind), m_required(required)
{
    if (choices.isEmpty()) {
        m_edit = new QLineEdit(this);
        setEditor(m_edit);
    } else {
        m_combo = new QComboBox(this);
        m_combo->setEditable(true);
        m_combo->addItems(choices);
        m_combo->setInsertPolicy(QComboBox::NoInsert);
        m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_combo->setMinimumContentsLength(10);
        m_edit = m_combo->lineEdit();
        setEditor(m_combo);
        connect(m_combo, &QComboBox::activated, this, &InspectorField::committed);
    }
    m_edit->setObjectName(key);
    m_edit->setClearButtonEnabled(!m_combo);
    if (kind == TextKind::Path && !m_combo)
        addPathCompleter(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, &InspectorField::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &InspectorField::committed);
}

void TextField::load(const Json &state)
{
    const auto it = state.find(m_key);
    const QString text = it == state.end() ? QString() : textFromJson(*it);
    if (m_edit->text() != text) {
        const QSignalBlocker block(m_edit);
        m_edit->setText(text);
    }
}

void TextField::apply(Json &state) const
{
    const QString text = m_edit->text();
    if (text.isEmpty() && !m_required)
        state.erase(m_key);
    else
        state[m_key] = jsonFromText(text, m_kind);
}

// ---- NullablePathField --------------------------------------------------------------------------------

NullablePathField::NullablePathField(const QString &key, QWidget *parent)
    : InspectorField(key, {QLatin1Char('/') + key}, parent), m_key(s(key)), m_edit(new QLineEdit(this)),
      m_null(new QCheckBox(tr("null"), this))
{
    m_edit->setObjectName(key);
    m_edit->setPlaceholderText(QStringLiteral("$"));
    m_edit->setClearButtonEnabled(true);
    addPathCompleter(m_edit);
    m_null->setObjectName(key + QStringLiteral(".null"));
    m_null->setToolTip(key == QLatin1String("ResultPath")
                           ? tr("null: discard the result and pass the state's input on")
                           : tr("null: pass an empty object {}"));
    setEditor(m_edit, rowOf(this, {m_edit, m_null}, m_edit));
    connect(m_edit, &QLineEdit::textEdited, this, &InspectorField::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &InspectorField::committed);
    connect(m_null, &QCheckBox::toggled, this, [this](bool on) {
        m_edit->setEnabled(!on);
        Q_EMIT committed();
    });
}

void NullablePathField::load(const Json &state)
{
    const auto it = state.find(m_key);
    const bool isNull = it != state.end() && it->is_null();
    const QString text = it == state.end() || isNull ? QString() : textFromJson(*it);
    const QSignalBlocker blockEdit(m_edit);
    const QSignalBlocker blockNull(m_null);
    if (m_edit->text() != text)
        m_edit->setText(text);
    m_null->setChecked(isNull);
    m_edit->setEnabled(!isNull);
}

void NullablePathField::apply(Json &state) const
{
    if (m_null->isChecked())
        state[m_key] = nullptr;
    else if (m_edit->text().trimmed().isEmpty())
        state.erase(m_key);
    else
        state[m_key] = jsonFromText(m_edit->text(), TextKind::Path);
}

// ---- AlternativeField ---------------------------------------------------------------------------------

AlternativeField::AlternativeField(const QString &helpKey, QList<Alternative> alternatives, QWidget *parent)
    : InspectorField(helpKey, {}, parent), m_alternatives(std::move(alternatives)),
      m_combo(new QComboBox(this)), m_edit(new QLineEdit(this))
{
    QStringList owned;
    for (const Alternative &a : m_alternatives) {
        m_combo->addItem(a.label, a.key);
        owned << QLatin1Char('/') + a.key;
    }
    setOwnedPointers(owned);
    m_combo->setObjectName(helpKey + QStringLiteral(".kind"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_edit->setObjectName(helpKey);
    m_edit->setClearButtonEnabled(true);
    setEditor(m_edit, rowOf(this, {m_combo, m_edit}, m_edit));
    m_combo->setToolTip(m_edit->toolTip());
    updateCompleter();
    connect(m_edit, &QLineEdit::textEdited, this, &InspectorField::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &InspectorField::committed);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        updateCompleter();
        Q_EMIT committed();
    });
}

void AlternativeField::updateCompleter()
{
    const int i = std::max(0, m_combo->currentIndex());
    if (m_alternatives.value(i).kind == TextKind::Path) {
        if (!m_edit->completer())
            addPathCompleter(m_edit);
    } else if (m_edit->completer()) {
        m_edit->setCompleter(nullptr);
    }
    m_edit->setPlaceholderText(m_alternatives.value(i).kind == TextKind::Path ? QStringLiteral("$.")
                                                                              : QString());
}

void AlternativeField::load(const Json &state)
{
    int index = 0;
    QString text;
    for (int i = 0; i < m_alternatives.size(); ++i) {
        const auto it = state.find(s(m_alternatives[i].key));
        if (it != state.end()) {
            index = i;
            text = textFromJson(*it);
            break;
        }
    }
    const QSignalBlocker blockCombo(m_combo);
    const QSignalBlocker blockEdit(m_edit);
    m_combo->setCurrentIndex(index);
    updateCompleter();
    if (m_edit->text() != text)
        m_edit->setText(text);
}

void AlternativeField::apply(Json &state) const
{
    for (const Alternative &a : m_alternatives)
        state.erase(s(a.key));
    const QString text = m_edit->text();
    if (text.trimmed().isEmpty())
        return;
    const Alternative &a = m_alternatives.value(std::max(0, m_combo->currentIndex()));
    state[s(a.key)] = jsonFromText(text, a.kind);
}

void AlternativeField::focusPointer(const QString &pointer)
{
    for (int i = 0; i < m_alternatives.size(); ++i) {
        if (pointerWithin(pointer, QLatin1Char('/') + m_alternatives[i].key) &&
            m_combo->currentIndex() != i) {
            const QSignalBlocker block(m_combo);
            m_combo->setCurrentIndex(i);
            updateCompleter();
        }
    }
    m_edit->setFocus(Qt::OtherFocusReason);
}

// ---- JsonField ----------------------------------------------------------------------------------------

JsonField::JsonField(const QString &helpKey, const QStringList &keys, QWidget *parent)
    : InspectorField(helpKey, {}, parent), m_keys(keys), m_key(keys.value(0)),
      m_edit(new JsonEdit(this, 2, 10))
{
    QStringList owned;
    for (const QString &key : keys)
        owned << QLatin1Char('/') + key;
    setOwnedPointers(owned);
    setWide(true);
    m_edit->setObjectName(helpKey);
    m_edit->setPlaceholderText(tr("(not set)"));
    setEditor(m_edit);
    connect(m_edit, &JsonEdit::edited, this, &InspectorField::edited);
    connect(m_edit, &JsonEdit::editingFinished, this, &InspectorField::committed);
}

void JsonField::load(const Json &state)
{
    m_key = m_keys.value(0);
    for (const QString &key : m_keys) {
        if (state.contains(s(key))) {
            m_key = key;
            break;
        }
    }
    const auto it = state.find(s(m_key));
    m_edit->setJsonText(it == state.end() ? QString() : q(it->dump(2)));
}

QStringList JsonField::localProblems() const
{
    const QString text = m_edit->toPlainText();
    if (text.trimmed().isEmpty())
        return {};
    try {
        const Json parsed = Json::parse(text.toStdString());
        Q_UNUSED(parsed);
        return {};
    } catch (const Json::parse_error &e) {
        return {
            tr("Not valid JSON: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char(':'), 1).trimmed())};
    }
}

void JsonField::apply(Json &state) const
{
    const QString text = m_edit->toPlainText();
    if (text.trimmed().isEmpty()) {
        state.erase(s(m_key));
        return;
    }
    try {
        state[s(m_key)] = Json::parse(text.toStdString());
    } catch (const Json::parse_error &) {
        // a local problem: the state keeps its old value
    }
}

// ---- TransitionField ----------------------------------------------------------------------------------

TransitionField::TransitionField(const QString &key, bool allowEnd, QWidget *parent)
    : InspectorField(key,
                     allowEnd ? QStringList{QStringLiteral("/Next"), QStringLiteral("/End")}
                              : QStringList{QLatin1Char('/') + key},
                     parent),
      m_key(key), m_allowEnd(allowEnd), m_combo(new QComboBox(this))
{
    m_combo->setObjectName(key);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(10);
    setEditor(m_combo);
    connect(m_combo, &QComboBox::activated, this, &InspectorField::committed);
}

void TransitionField::fill(const QString &extra)
{
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    // data: "" = End (or no Default), else the state name
    m_combo->addItem(m_allowEnd ? tr("End (this state is the last)")
                                : tr("(none: fail with States.NoChoiceMatched)"),
                     QString());
    m_combo->insertSeparator(1);
    for (const QString &name : m_names)
        m_combo->addItem(name, name);
    if (!extra.isEmpty() && !m_names.contains(extra))
        m_combo->addItem(tr("%1 (not a state)").arg(extra), extra);
}

void TransitionField::setStateNames(const QStringList &names)
{
    m_names = names;
}

void TransitionField::load(const Json &state)
{
    QString next;
    bool end = false;
    if (m_allowEnd) {
        const auto n = state.find("Next");
        if (n != state.end())
            next = textFromJson(*n);
        end = state.contains("End");
    } else {
        const auto d = state.find(s(m_key));
        if (d != state.end())
            next = textFromJson(*d);
    }
    fill(next);
    const QSignalBlocker block(m_combo);
    if (!next.isEmpty())
        m_combo->setCurrentIndex(m_combo->findData(next));
    else if (end || !m_allowEnd)
        m_combo->setCurrentIndex(0);
    else
        m_combo->setCurrentIndex(-1); // neither Next nor End yet
}

void TransitionField::apply(Json &state) const
{
    if (m_combo->currentIndex() < 0)
        return;
    const QString target = m_combo->currentData().toString();
    if (m_allowEnd) {
        state.erase("Next");
        state.erase("End");
        if (target.isEmpty())
            state["End"] = true;
        else
            state["Next"] = s(target);
    } else if (target.isEmpty()) {
        state.erase(s(m_key));
    } else {
        state[s(m_key)] = s(target);
    }
}

// ---- ProcessorModeField -------------------------------------------------------------------------------

ProcessorModeField::ProcessorModeField(QWidget *parent)
    : InspectorField(QStringLiteral("ProcessorConfig"), {QStringLiteral("/ItemProcessor/ProcessorConfig")},
                     parent),
      m_mode(new QComboBox(this)), m_executionType(new QComboBox(this))
{
    m_mode->setObjectName(QStringLiteral("ProcessorConfig.Mode"));
    m_mode->addItems({QStringLiteral("INLINE"), QStringLiteral("DISTRIBUTED")});
    m_executionType->setObjectName(QStringLiteral("ProcessorConfig.ExecutionType"));
    m_executionType->addItems({QStringLiteral("STANDARD"), QStringLiteral("EXPRESS")});
    m_executionType->setToolTip(tr("ExecutionType of the child executions of a distributed Map"));
    // one above the other: side by side they would not fit a narrow dock
    auto *column = new QWidget(this);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_mode);
    layout->addWidget(m_executionType);
    setEditor(m_mode, column);
    connect(m_mode, &QComboBox::activated, this, &InspectorField::committed);
    connect(m_executionType, &QComboBox::activated, this, &InspectorField::committed);
}

void ProcessorModeField::load(const Json &state)
{
    const auto processor = state.find("ItemProcessor");
    m_hasProcessor = processor != state.end() && processor->is_object();
    QString mode = QStringLiteral("INLINE");
    QString type = QStringLiteral("STANDARD");
    if (m_hasProcessor) {
        const auto config = processor->find("ProcessorConfig");
        if (config != processor->end() && config->is_object()) {
            mode = textFromJson(config->value("Mode", Json("INLINE")));
            type = textFromJson(config->value("ExecutionType", Json("STANDARD")));
        }
    }
    const QSignalBlocker blockMode(m_mode);
    const QSignalBlocker blockType(m_executionType);
    if (m_mode->findText(mode) < 0)
        m_mode->addItem(mode); // shown as written; the core reports it
    m_mode->setCurrentText(mode);
    if (m_executionType->findText(type) < 0)
        m_executionType->addItem(type);
    m_executionType->setCurrentText(type);
    m_mode->setEnabled(m_hasProcessor);
    m_executionType->setEnabled(m_hasProcessor && mode == QLatin1String("DISTRIBUTED"));
    m_mode->setToolTip(
        m_hasProcessor
            ? FieldHelp::of(helpKey()).help
            : tr("The older Iterator always runs inline; use ItemProcessor for a distributed Map"));
}

void ProcessorModeField::apply(Json &state) const
{
    if (!m_hasProcessor || !state.contains("ItemProcessor") || !state["ItemProcessor"].is_object())
        return;
    Json &processor = state["ItemProcessor"];
    Json config = processor.value("ProcessorConfig", Json::object());
    if (!config.is_object())
        return; // the core reports it; the form does not guess
    const bool distributed = m_mode->currentText() == QLatin1String("DISTRIBUTED");
    const bool wasWritten = processor.contains("ProcessorConfig");
    if (!distributed && !wasWritten)
        return; // INLINE is the default: nothing to write
    config["Mode"] = s(m_mode->currentText());
    if (distributed)
        config["ExecutionType"] = s(m_executionType->currentText());
    else
        config.erase("ExecutionType"); // Step Functions accepts ExecutionType only for DISTRIBUTED
    processor["ProcessorConfig"] = config;
}

// ---- NameField ----------------------------------------------------------------------------------------

NameField::NameField(QWidget *parent)
    : InspectorField(QStringLiteral("Name"), {}, parent), m_edit(new QLineEdit(this))
{
    m_edit->setObjectName(QStringLiteral("Name"));
    setEditor(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, &InspectorField::edited);
    connect(m_edit, &QLineEdit::editingFinished, this, &InspectorField::committed);
}

void NameField::setName(const QString &name)
{
    m_name = name;
    const QSignalBlocker block(m_edit);
    if (m_edit->text() != name)
        m_edit->setText(name);
}

QString NameField::typedName() const
{
    return m_edit->text();
}

QStringList NameField::localProblems() const
{
    const QString typed = m_edit->text();
    if (typed == m_name)
        return {};
    if (typed.trimmed().isEmpty())
        return {tr("A state needs a name")};
    if (const qsizetype length = typed.toUcs4().size(); length > 80)
        return {tr("A state name has at most 80 characters; this one has %1").arg(length)};
    if (m_names.contains(typed))
        return {tr("There is already a state named '%1'").arg(typed)};
    return {};
}

// ---- InfoField ----------------------------------------------------------------------------------------

InfoField::InfoField(const QString &helpKey, std::function<QString(const Json &)> text, QWidget *parent)
    : InspectorField(helpKey, {}, parent), m_text(std::move(text)), m_label(new QLabel(this))
{
    m_label->setObjectName(helpKey);
    m_label->setTextFormat(Qt::PlainText);
    setEditor(m_label);
}

void InfoField::load(const Json &state)
{
    m_label->setText(m_text(state));
}

} // namespace sluice::ui
