#include "editor/inspector/StateInspector.h"

#include "StateIcons.h"
#include "definition/Parser.h"
#include "editor/inspector/ChoiceRulesEditor.h"
#include "editor/inspector/FieldHelp.h"
#include "editor/inspector/FormFields.h"
#include "editor/inspector/HandlerTable.h"
#include "editor/inspector/JsonEdit.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

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

QString typeOf(const Json &state)
{
    if (state.is_object()) {
        const auto it = state.find("Type");
        if (it != state.end() && it->is_string())
            return q(it->get<std::string>());
    }
    return {};
}

/// `object` with the keys of `first` first and those of `last` last (the rest in between, sorted).
nlohmann::ordered_json ordered(const Json &object, std::initializer_list<const char *> first,
                               std::initializer_list<const char *> last)
{
    if (!object.is_object())
        return nlohmann::ordered_json(object);
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const char *key : first) {
        if (const auto it = object.find(key); it != object.end())
            out[key] = nlohmann::ordered_json(*it);
    }
    for (const auto &item : object.items()) {
        const bool isLast =
            std::any_of(last.begin(), last.end(), [&](const char *k) { return item.key() == k; });
        if (!isLast && !out.contains(item.key()))
            out[item.key()] = nlohmann::ordered_json(item.value());
    }
    for (const char *key : last) {
        if (const auto it = object.find(key); it != object.end())
            out[key] = nlohmann::ordered_json(*it);
    }
    return out;
}

/// A Choice rule as people write it: Comment, Variable, the comparison (or And/Or/Not, nested alike), Next.
nlohmann::ordered_json ruleInOrder(const Json &rule)
{
    nlohmann::ordered_json out = ordered(rule, {"Comment", "Variable"}, {"Next"});
    for (const char *key : {"And", "Or"}) {
        if (rule.is_object() && rule.contains(key) && rule[key].is_array()) {
            nlohmann::ordered_json children = nlohmann::ordered_json::array();
            for (const Json &child : rule[key])
                children.push_back(ruleInOrder(child));
            out[key] = std::move(children);
        }
    }
    if (rule.is_object() && rule.contains("Not"))
        out["Not"] = ruleInOrder(rule["Not"]);
    return out;
}

/// The state's JSON for the JSON tab: the top-level fields in the order the Step Functions docs list them
/// (Type first, Next/End last), nested values as nlohmann keeps them.
QString stateText(const Json &state)
{
    if (!state.is_object())
        return q(state.dump(2));
    static const char *const kOrder[] = {"Type",
                                         "Comment",
                                         "QueryLanguage",
                                         "Resource",
                                         "Credentials",
                                         "InputPath",
                                         "Parameters",
                                         "ItemsPath",
                                         "ItemReader",
                                         "ItemSelector",
                                         "ItemBatcher",
                                         "ResultWriter",
                                         "MaxConcurrency",
                                         "MaxConcurrencyPath",
                                         "ToleratedFailureCount",
                                         "ToleratedFailureCountPath",
                                         "ToleratedFailurePercentage",
                                         "ToleratedFailurePercentagePath",
                                         "Label",
                                         "ItemProcessor",
                                         "Iterator",
                                         "Branches",
                                         "Choices",
                                         "Default",
                                         "Seconds",
                                         "Timestamp",
                                         "SecondsPath",
                                         "TimestampPath",
                                         "Error",
                                         "ErrorPath",
                                         "Cause",
                                         "CausePath",
                                         "Result",
                                         "TimeoutSeconds",
                                         "TimeoutSecondsPath",
                                         "HeartbeatSeconds",
                                         "HeartbeatSecondsPath",
                                         "ResultSelector",
                                         "ResultPath",
                                         "OutputPath",
                                         "Retry",
                                         "Catch"};
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const char *key : kOrder) {
        const auto it = state.find(key);
        if (it == state.end())
            continue;
        const std::string_view name = key;
        if ((name == "Retry" || name == "Catch" || name == "Choices") && it->is_array()) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (const Json &entry : *it) {
                if (name == "Retry")
                    list.push_back(ordered(entry,
                                           {"Comment", "ErrorEquals", "IntervalSeconds", "MaxAttempts",
                                            "BackoffRate", "MaxDelaySeconds", "JitterStrategy"},
                                           {}));
                else if (name == "Catch")
                    list.push_back(ordered(entry, {"Comment", "ErrorEquals", "ResultPath"}, {"Next"}));
                else
                    list.push_back(ruleInOrder(entry));
            }
            out[key] = std::move(list);
        } else {
            out[key] = nlohmann::ordered_json(*it);
        }
    }
    for (const auto &item : state.items()) {
        if (item.key() != "Next" && item.key() != "End" && !out.contains(item.key()))
            out[item.key()] = nlohmann::ordered_json(item.value());
    }
    for (const char *key : {"Next", "End"}) {
        if (const auto it = state.find(key); it != state.end())
            out[key] = nlohmann::ordered_json(*it);
    }
    return q(out.dump(2));
}

const QStringList &taskResources()
{
    static const QStringList resources{
        QStringLiteral("sluice:pass"),       QStringLiteral("sluice:fail"),
        QStringLiteral("sluice:sleep"),      QStringLiteral("sluice:http"),
        QStringLiteral("sluice:sql"),        QStringLiteral("sluice:file.read"),
        QStringLiteral("sluice:file.write"), QStringLiteral("sluice:shell"),
        QStringLiteral("sluice:event.put"),  QStringLiteral("sluice:event.wait")};
    return resources;
}

} // namespace

StateInspector::StateInspector(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_hint(new QLabel(this)),
      m_header(new QLabel(this)), m_tabs(new QTabWidget(this)), m_scroll(new QScrollArea(this)),
      m_json(new JsonEdit(this, 10, 100000)), m_jsonMessage(new QLabel(this)),
      m_jsonApply(new QPushButton(tr("Apply"), this)), m_jsonRevert(new QPushButton(tr("Revert"), this))
{
    setStyleSheet(QStringLiteral(
        "QLineEdit[invalid=\"true\"], QPlainTextEdit[invalid=\"true\"], QComboBox[invalid=\"true\"],"
        " QTableWidget[invalid=\"true\"], QTreeWidget[invalid=\"true\"] { border: 2px solid #d32f2f; }"
        " QLabel[problem=\"true\"] { color: #d32f2f; }"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setText(tr("Select a state to edit its fields here."));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    m_stack->addWidget(m_hint);

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(4, 4, 4, 4);
    pageLayout->setSpacing(4);
    m_header->setObjectName(QStringLiteral("header"));
    m_header->setTextFormat(Qt::PlainText);
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    pageLayout->addWidget(m_header);
    pageLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(page);

    m_scroll->setObjectName(QStringLiteral("formScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(m_scroll, tr("Form"));

    auto *jsonPage = new QWidget(this);
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 4, 0, 0);
    m_json->setObjectName(QStringLiteral("json"));
    m_json->setToolTip(tr("The state's JSON. Apply (or leaving the editor) puts valid JSON into the form; "
                          "invalid JSON stays here until it is fixed or reverted."));
    m_jsonMessage->setObjectName(QStringLiteral("jsonMessage"));
    m_jsonMessage->setWordWrap(true);
    m_jsonMessage->setTextFormat(Qt::PlainText);
    m_jsonMessage->setProperty("problem", true);
    m_jsonMessage->hide();
    m_jsonApply->setObjectName(QStringLiteral("jsonApply"));
    m_jsonRevert->setObjectName(QStringLiteral("jsonRevert"));
    // the buttons take no focus: clicking Revert must not first apply the text by leaving the editor
    m_jsonApply->setFocusPolicy(Qt::NoFocus);
    m_jsonRevert->setFocusPolicy(Qt::NoFocus);
    m_jsonApply->setEnabled(false);
    m_jsonRevert->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_jsonRevert);
    buttons->addWidget(m_jsonApply);
    jsonLayout->addWidget(m_json, 1);
    jsonLayout->addWidget(m_jsonMessage);
    jsonLayout->addLayout(buttons);
    m_tabs->addTab(jsonPage, tr("JSON"));

    connect(m_json, &JsonEdit::edited, this, &StateInspector::checkJsonText);
    connect(m_json, &JsonEdit::editingFinished, this, &StateInspector::applyJsonText);
    connect(m_jsonApply, &QPushButton::clicked, this, &StateInspector::applyJsonText);
    connect(m_jsonRevert, &QPushButton::clicked, this, [this] {
        m_json->setJsonText(stateText(m_state));
        checkJsonText();
    });
    clear();
}

StateInspector::~StateInspector()
{
    // Hiding the editors while the widget goes away makes a focused line edit report editingFinished;
    // nothing may reach this half-destroyed inspector.
    for (QObject *child : findChildren<QObject *>())
        disconnect(child, nullptr, this, nullptr);
}

void StateInspector::clear()
{
    m_name.clear();
    m_type.clear();
    m_state = Json();
    m_stack->setCurrentIndex(0);
}

void StateInspector::setState(const QString &name, const Json &stateJson, const QStringList &allStateNames)
{
    const QString type = typeOf(stateJson);
    const bool shown = m_stack->currentIndex() == 1;
    if (shown && name == m_name && stateJson == m_state && allStateNames == m_names)
        return; // the document echoing our own edit: keep the editors (and the focus) as they are
    const bool rebuild = !m_form || type != m_type;
    m_name = name;
    m_state = stateJson;
    m_names = allStateNames;
    m_type = type;
    if (rebuild)
        buildForm(type);
    m_header->setText(type.isEmpty() ? name : tr("%1 — %2 state").arg(name, type));
    const auto parsedType = stateTypeFromName(s(type));
    setWindowIcon(stateIcon(parsedType));
    loadFields();
    refreshProblems();
    m_json->setJsonText(stateText(m_state));
    checkJsonText();
    m_stack->setCurrentIndex(1);
}

void StateInspector::addSection(const QString &title, const std::vector<InspectorField *> &fields)
{
    if (fields.empty())
        return;
    auto *heading = new QLabel(title, m_form);
    QFont font = heading->font();
    font.setBold(true);
    heading->setFont(font);
    heading->setContentsMargins(0, 6, 0, 0);
    m_formLayout->addWidget(heading);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setHorizontalSpacing(8);
    form->setVerticalSpacing(6);
    for (InspectorField *field : fields) {
        const FieldHelp help = FieldHelp::of(field->helpKey());
        auto *label = new QLabel(help.label, m_form);
        label->setToolTip(help.help);
        label->setWhatsThis(help.help);
        if (field->isWide()) {
            form->addRow(label);
            form->addRow(field);
        } else {
            form->addRow(label, field);
        }
        m_fields.push_back(field);
        connect(field, &InspectorField::edited, this, [this, field] { showFieldProblems(field); });
        connect(field, &InspectorField::committed, this, [this, field] { fieldCommitted(field); });
    }
    m_formLayout->addLayout(form);
}

void StateInspector::buildForm(const QString &type)
{
    if (m_form) {
        for (InspectorField *field : m_fields)
            disconnect(field, nullptr, this, nullptr); // a focused editor reports editingFinished as it dies
        delete m_form;
    }
    m_fields.clear();
    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("form"));
    m_formLayout = new QVBoxLayout(m_form);
    m_formLayout->setContentsMargins(4, 0, 8, 8);
    m_formLayout->setSpacing(2);

    m_stateProblems = new QLabel(m_form);
    m_stateProblems->setObjectName(QStringLiteral("stateProblems"));
    m_stateProblems->setWordWrap(true);
    m_stateProblems->setTextFormat(Qt::PlainText);
    m_stateProblems->setProperty("problem", true);
    m_stateProblems->hide();
    m_formLayout->addWidget(m_stateProblems);

    const auto t = stateTypeFromName(s(type));
    const bool flowing = t && *t != StateType::Choice && *t != StateType::Succeed && *t != StateType::Fail;
    const bool working = t && (*t == StateType::Pass || *t == StateType::Task || *t == StateType::Parallel ||
                               *t == StateType::Map);
    const bool handles = t && (*t == StateType::Task || *t == StateType::Parallel || *t == StateType::Map);
    using Alt = AlternativeField::Alternative;

    m_nameField = new NameField(m_form);
    std::vector<InspectorField *> general{m_nameField};
    general.push_back(new InfoField(
        QStringLiteral("Type"), [](const Json &state) { return typeOf(state); }, m_form));
    general.push_back(new TextField(QStringLiteral("Comment"), TextKind::String, false, {}, m_form));
    if (t == StateType::Task)
        general.push_back(
            new TextField(QStringLiteral("Resource"), TextKind::String, true, taskResources(), m_form));
    if (flowing)
        general.push_back(new TransitionField(QStringLiteral("Next"), true, m_form));
    addSection(tr("State"), general);

    std::vector<InspectorField *> specific;
    QString specificTitle;
    if (t == StateType::Task) {
        specificTitle = tr("Task");
        specific.push_back(
            new AlternativeField(QStringLiteral("TimeoutSeconds"),
                                 {Alt{QStringLiteral("TimeoutSeconds"), tr("seconds"), TextKind::Number},
                                  Alt{QStringLiteral("TimeoutSecondsPath"), tr("path"), TextKind::Path}},
                                 m_form));
        specific.push_back(
            new AlternativeField(QStringLiteral("HeartbeatSeconds"),
                                 {Alt{QStringLiteral("HeartbeatSeconds"), tr("seconds"), TextKind::Number},
                                  Alt{QStringLiteral("HeartbeatSecondsPath"), tr("path"), TextKind::Path}},
                                 m_form));
        if (m_state.is_object() && m_state.contains("Credentials"))
            specific.push_back(
                new JsonField(QStringLiteral("Credentials"), {QStringLiteral("Credentials")}, m_form));
    } else if (t == StateType::Wait) {
        specificTitle = tr("Wait");
        specific.push_back(
            new AlternativeField(QStringLiteral("Wait"),
                                 {Alt{QStringLiteral("Seconds"), tr("seconds"), TextKind::Number},
                                  Alt{QStringLiteral("Timestamp"), tr("timestamp"), TextKind::String},
                                  Alt{QStringLiteral("SecondsPath"), tr("seconds path"), TextKind::Path},
                                  Alt{QStringLiteral("TimestampPath"), tr("timestamp path"), TextKind::Path}},
                                 m_form));
    } else if (t == StateType::Fail) {
        specificTitle = tr("Failure");
        specific.push_back(
            new AlternativeField(QStringLiteral("Error"),
                                 {Alt{QStringLiteral("Error"), tr("text"), TextKind::String},
                                  Alt{QStringLiteral("ErrorPath"), tr("path"), TextKind::Path}},
                                 m_form));
        specific.push_back(
            new AlternativeField(QStringLiteral("Cause"),
                                 {Alt{QStringLiteral("Cause"), tr("text"), TextKind::String},
                                  Alt{QStringLiteral("CausePath"), tr("path"), TextKind::Path}},
                                 m_form));
    } else if (t == StateType::Choice) {
        specificTitle = tr("Choice");
        specific.push_back(new ChoiceRulesEditor(m_form));
        specific.push_back(new TransitionField(QStringLiteral("Default"), false, m_form));
    } else if (t == StateType::Parallel) {
        specificTitle = tr("Parallel");
        specific.push_back(new InfoField(
            QStringLiteral("Branches"),
            [](const Json &state) {
                const auto it = state.find("Branches");
                const int n = it != state.end() && it->is_array() ? int(it->size()) : 0;
                return QCoreApplication::translate("sluice::ui::StateInspector", "%n branch(es)", nullptr, n);
            },
            m_form));
    } else if (t == StateType::Map) {
        specificTitle = tr("Map");
        specific.push_back(new ProcessorModeField(m_form));
        specific.push_back(new TextField(QStringLiteral("ItemsPath"), TextKind::Path, false, {}, m_form));
        specific.push_back(
            new AlternativeField(QStringLiteral("MaxConcurrency"),
                                 {Alt{QStringLiteral("MaxConcurrency"), tr("items"), TextKind::Number},
                                  Alt{QStringLiteral("MaxConcurrencyPath"), tr("path"), TextKind::Path}},
                                 m_form));
        specific.push_back(new AlternativeField(
            QStringLiteral("ToleratedFailureCount"),
            {Alt{QStringLiteral("ToleratedFailureCount"), tr("items"), TextKind::Number},
             Alt{QStringLiteral("ToleratedFailureCountPath"), tr("path"), TextKind::Path}},
            m_form));
        specific.push_back(new AlternativeField(
            QStringLiteral("ToleratedFailurePercentage"),
            {Alt{QStringLiteral("ToleratedFailurePercentage"), tr("percent"), TextKind::Number},
             Alt{QStringLiteral("ToleratedFailurePercentagePath"), tr("path"), TextKind::Path}},
            m_form));
        specific.push_back(new TextField(QStringLiteral("Label"), TextKind::String, false, {}, m_form));
        specific.push_back(new JsonField(QStringLiteral("ItemSelector"),
                                         {QStringLiteral("ItemSelector"), QStringLiteral("Parameters")},
                                         m_form));
        specific.push_back(
            new JsonField(QStringLiteral("ItemReader"), {QStringLiteral("ItemReader")}, m_form));
        specific.push_back(
            new JsonField(QStringLiteral("ItemBatcher"), {QStringLiteral("ItemBatcher")}, m_form));
        specific.push_back(
            new JsonField(QStringLiteral("ResultWriter"), {QStringLiteral("ResultWriter")}, m_form));
    } else if (t == StateType::Pass) {
        specificTitle = tr("Pass");
        specific.push_back(new JsonField(QStringLiteral("Result"), {QStringLiteral("Result")}, m_form));
    }
    addSection(specificTitle, specific);

    std::vector<InspectorField *> io;
    if (t && *t != StateType::Fail)
        io.push_back(new NullablePathField(QStringLiteral("InputPath"), m_form));
    if (working && t != StateType::Map)
        io.push_back(new JsonField(QStringLiteral("Parameters"), {QStringLiteral("Parameters")}, m_form));
    if (handles)
        io.push_back(
            new JsonField(QStringLiteral("ResultSelector"), {QStringLiteral("ResultSelector")}, m_form));
    if (working)
        io.push_back(new NullablePathField(QStringLiteral("ResultPath"), m_form));
    if (t && *t != StateType::Fail)
        io.push_back(new NullablePathField(QStringLiteral("OutputPath"), m_form));
    addSection(tr("Input and output"), io);

    if (handles) {
        auto *retry = new HandlerTable(HandlerTable::Kind::Retry, m_form);
        auto *catcher = new HandlerTable(HandlerTable::Kind::Catch, m_form);
        addSection(tr("Errors"), {retry, catcher});
    }
    m_formLayout->addStretch(1);
    m_scroll->setWidget(m_form);
}

void StateInspector::loadFields()
{
    m_nameField->setName(m_name);
    for (InspectorField *field : m_fields) {
        field->setStateNames(m_names);
        if (auto *table = qobject_cast<HandlerTable *>(field))
            table->setSelfName(m_name);
        if (auto *rules = qobject_cast<ChoiceRulesEditor *>(field))
            rules->setSelfName(m_name);
        field->load(m_state);
    }
}

InspectorField *StateInspector::fieldFor(const QString &pointer) const
{
    InspectorField *best = nullptr;
    qsizetype bestLength = -1;
    for (InspectorField *field : m_fields) {
        for (const QString &owned : field->ownedPointers()) {
            if (pointerWithin(pointer, owned) && owned.size() > bestLength) {
                best = field;
                bestLength = owned.size();
            }
        }
    }
    return best;
}

namespace {

QList<FieldProblem> ownedBy(const InspectorField *field, const QList<FieldProblem> &problems)
{
    QList<FieldProblem> owned;
    for (const FieldProblem &p : problems) {
        if (field->owns(p.pointer))
            owned.append(p);
    }
    return owned;
}

QList<FieldProblem> asProblems(const QStringList &messages)
{
    QList<FieldProblem> problems;
    for (const QString &m : messages)
        problems.append({QString(), m});
    return problems;
}

} // namespace

void StateInspector::showFieldProblems(InspectorField *field)
{
    const QStringList local = field->localProblems();
    if (!local.isEmpty()) {
        field->showProblems(asProblems(local));
        return;
    }
    Json candidate = m_state;
    field->apply(candidate);
    field->showProblems(ownedBy(field, validateState(m_name, candidate, m_names)));
}

void StateInspector::refreshProblems()
{
    const QList<FieldProblem> base = validateState(m_name, m_state, m_names);
    for (InspectorField *field : m_fields) {
        const QStringList local = field->localProblems();
        if (!local.isEmpty()) {
            field->showProblems(asProblems(local));
            continue;
        }
        Json candidate = m_state;
        field->apply(candidate);
        field->showProblems(
            ownedBy(field, candidate == m_state ? base : validateState(m_name, candidate, m_names)));
    }
    QStringList rest;
    for (const FieldProblem &p : base) {
        if (!fieldFor(p.pointer))
            rest << (p.pointer.isEmpty() ? p.message : QStringLiteral("%1: %2").arg(p.pointer, p.message));
    }
    m_stateProblems->setText(rest.join(QLatin1Char('\n')));
    m_stateProblems->setVisible(!rest.isEmpty());
}

void StateInspector::fieldCommitted(InspectorField *field)
{
    if (field == m_nameField) {
        nameCommitted();
        return;
    }
    const QStringList local = field->localProblems();
    if (!local.isEmpty()) {
        field->showProblems(asProblems(local));
        return;
    }
    Json candidate = m_state;
    field->apply(candidate);
    const QList<FieldProblem> problems = ownedBy(field, validateState(m_name, candidate, m_names));
    field->showProblems(problems);
    if (!problems.isEmpty() || candidate == m_state)
        return;
    m_state = std::move(candidate);
    refreshProblems();
    updateJsonText();
    Q_EMIT stateEdited(m_name, m_state);
}

void StateInspector::nameCommitted()
{
    const QStringList local = m_nameField->localProblems();
    m_nameField->showProblems(asProblems(local));
    const QString typed = m_nameField->typedName();
    if (local.isEmpty() && typed != m_name)
        Q_EMIT renameRequested(m_name, typed);
}

void StateInspector::updateJsonText()
{
    if (!m_json->hasPendingEdit())
        m_json->setJsonText(stateText(m_state));
}

void StateInspector::checkJsonText()
{
    QString message;
    const bool pending = m_json->hasPendingEdit();
    if (pending) {
        try {
            const Json parsed = Json::parse(m_json->toPlainText().toStdString());
            if (!parsed.is_object())
                message = tr("A state must be a JSON object");
            else if (typeOf(parsed) != m_type)
                message = tr("The Type cannot be changed here (it is \"%1\"); add a state of the other type "
                             "instead")
                              .arg(m_type);
        } catch (const Json::parse_error &e) {
            message = tr("Not valid JSON: %1")
                          .arg(QString::fromUtf8(e.what()).section(QLatin1Char(':'), 1).trimmed());
        }
    }
    InspectorField::markInvalid(m_json, !message.isEmpty());
    m_jsonMessage->setText(message);
    m_jsonMessage->setVisible(!message.isEmpty());
    m_jsonApply->setEnabled(pending && message.isEmpty());
    m_jsonRevert->setEnabled(pending);
}

void StateInspector::applyJsonText()
{
    if (!m_json->hasPendingEdit())
        return;
    checkJsonText();
    if (!m_jsonApply->isEnabled())
        return; // invalid: the text stays for the user to fix; nothing is lost
    const Json parsed = Json::parse(m_json->toPlainText().toStdString());
    m_json->setJsonText(stateText(parsed));
    checkJsonText();
    if (parsed == m_state)
        return;
    m_state = parsed;
    loadFields();
    refreshProblems();
    Q_EMIT stateEdited(m_name, m_state);
}

void StateInspector::focusField(const QString &pointerInState)
{
    if (m_stack->currentIndex() != 1)
        return;
    if (pointerInState.isEmpty() || pointerInState == QLatin1String("/Name")) {
        m_tabs->setCurrentIndex(0);
        m_nameField->focusPointer(pointerInState);
        return;
    }
    if (InspectorField *field = fieldFor(pointerInState)) {
        m_tabs->setCurrentIndex(0);
        m_scroll->ensureWidgetVisible(field);
        field->focusPointer(pointerInState);
        return;
    }
    // not on the form (ItemProcessor, Branches, an unknown field): show it in the JSON
    m_tabs->setCurrentIndex(1);
    const SourceLocation at = definition::locate(m_json->toPlainText().toUtf8(), pointerInState);
    if (at.line > 0) {
        QTextCursor cursor(m_json->document()->findBlockByNumber(at.line - 1));
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, at.column - 1));
        m_json->setTextCursor(cursor);
        m_json->centerCursor();
    }
    m_json->setFocus(Qt::OtherFocusReason);
}

} // namespace sluice::ui
