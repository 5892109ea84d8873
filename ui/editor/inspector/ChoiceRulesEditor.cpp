#include "editor/inspector/ChoiceRulesEditor.h"

#include "definition/Workflow.h"
#include "editor/ChoiceRuleText.h"
#include "editor/inspector/Completion.h"
#include "editor/inspector/FormFields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

constexpr int kPointerRole = Qt::UserRole + 1; // the rule's pointer inside Choices ("/0/And/1")

std::string s(const QString &text)
{
    return text.toStdString();
}

using Op = ChoiceRule::Op;

bool isTest(Op op)
{
    return op >= Op::IsNull;
}

bool isBoolean(Op op)
{
    return op == Op::BooleanEquals || isTest(op);
}

/// The comparison operator of `rule`: its key, the op and whether it is the "...Path" form.
struct Comparison
{
    std::string key;
    Op op = Op::StringEquals;
    bool isPath = false;
};

std::optional<Comparison> comparisonOf(const Json &rule)
{
    if (!rule.is_object())
        return std::nullopt;
    for (const auto &item : rule.items()) {
        bool isPath = false;
        if (const auto op = choiceOpFromName(item.key(), &isPath))
            return Comparison{item.key(), *op, isPath};
    }
    return std::nullopt;
}

/// The rule without Next and Comment (what moves when a rule is nested).
Json core(Json rule)
{
    if (rule.is_object()) {
        rule.erase("Next");
        rule.erase("Comment");
    }
    return rule;
}

QToolButton *toolButton(const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    return button;
}

Json defaultComparison()
{
    return Json{{"Variable", "$.value"}, {"IsPresent", true}};
}

} // namespace

ChoiceRulesEditor::ChoiceRulesEditor(QWidget *parent)
    : InspectorField(QStringLiteral("Choices"), {QStringLiteral("/Choices")}, parent),
      m_tree(new QTreeWidget(this)), m_addRule(toolButton(tr("Add rule"), this)),
      m_addCondition(toolButton(tr("Add condition"), this)), m_remove(toolButton(tr("Remove"), this)),
      m_up(toolButton(QString(), this)), m_down(toolButton(QString(), this)), m_pane(new QWidget(this)),
      m_kind(new QComboBox(m_pane)), m_variableLabel(new QLabel(tr("Variable"), m_pane)),
      m_variable(new QLineEdit(m_pane)), m_operatorLabel(new QLabel(tr("Operator"), m_pane)),
      m_operator(new QComboBox(m_pane)), m_isPath(new QCheckBox(tr("Compare with a path"), m_pane)),
      m_valueLabel(new QLabel(tr("Value"), m_pane)), m_value(new QLineEdit(m_pane)),
      m_boolValue(new QComboBox(m_pane)), m_nextLabel(new QLabel(tr("Next"), m_pane)),
      m_next(new QComboBox(m_pane))
{
    setWide(true);
    m_tree->setObjectName(QStringLiteral("Choices"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Rule"), tr("Next")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    m_tree->setIndentation(14);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setMinimumHeight(90);

    m_addRule->setObjectName(QStringLiteral("Choices.addRule"));
    m_addRule->setToolTip(tr("Add a top-level rule with its own Next state"));
    m_addCondition->setObjectName(QStringLiteral("Choices.addCondition"));
    m_addCondition->setToolTip(tr("Add a condition to the selected And/Or (a comparison becomes an And of "
                                  "itself and the new condition)"));
    m_remove->setObjectName(QStringLiteral("Choices.remove"));
    m_remove->setToolTip(tr("Remove the selected rule"));
    m_up->setArrowType(Qt::UpArrow);
    m_down->setArrowType(Qt::DownArrow);
    m_up->setObjectName(QStringLiteral("Choices.up"));
    m_up->setToolTip(tr("Move the selected rule up (rules are checked in order)"));
    m_down->setObjectName(QStringLiteral("Choices.down"));
    m_down->setToolTip(tr("Move the selected rule down"));

    m_kind->setObjectName(QStringLiteral("Choices.kind"));
    m_kind->addItem(tr("Comparison"), int(Kind::Compare));
    m_kind->addItem(tr("And (all of)"), int(Kind::And));
    m_kind->addItem(tr("Or (any of)"), int(Kind::Or));
    m_kind->addItem(tr("Not"), int(Kind::Not));
    m_variable->setObjectName(QStringLiteral("Choices.Variable"));
    m_variable->setToolTip(tr("Variable: the path of the value to compare, such as $.price"));
    addPathCompleter(m_variable);
    m_operator->setObjectName(QStringLiteral("Choices.operator"));
    for (int i = 0; i <= int(Op::IsTimestamp); ++i)
        m_operator->addItem(QString::fromUtf8(choiceOpName(Op(i))), i);
    m_operator->setToolTip(
        tr("The comparison: String…, Numeric…, Boolean…, Timestamp… operators, StringMatches "
           "(with * wildcards) and the Is… type tests"));
    m_operator->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_operator->setMinimumContentsLength(12);
    m_isPath->setObjectName(QStringLiteral("Choices.isPath"));
    m_isPath->setToolTip(tr("Use the operator's …Path form: the value is a path into the input"));
    m_value->setObjectName(QStringLiteral("Choices.value"));
    m_boolValue->setObjectName(QStringLiteral("Choices.bool"));
    m_boolValue->addItems({QStringLiteral("true"), QStringLiteral("false")});
    m_next->setObjectName(QStringLiteral("Choices.Next"));
    m_next->setToolTip(tr("The state to run when this rule matches"));
    m_next->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_next->setMinimumContentsLength(10);

    auto *valueRow = new QWidget(m_pane);
    auto *valueLayout = new QHBoxLayout(valueRow);
    valueLayout->setContentsMargins(0, 0, 0, 0);
    valueLayout->addWidget(m_value, 1);
    valueLayout->addWidget(m_boolValue, 1);

    auto *form = new QFormLayout(m_pane);
    form->setContentsMargins(8, 4, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Condition"), m_kind);
    form->addRow(m_variableLabel, m_variable);
    form->addRow(m_operatorLabel, m_operator);
    form->addRow(QString(), m_isPath);
    form->addRow(m_valueLabel, valueRow);
    form->addRow(m_nextLabel, m_next);

    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_tree);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    for (QToolButton *b : {m_addRule, m_addCondition, m_remove, m_up, m_down}) {
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addWidget(m_pane);
    setEditor(m_tree, box);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ChoiceRulesEditor::showSelected);
    connect(m_addRule, &QToolButton::clicked, this, &ChoiceRulesEditor::addRule);
    connect(m_addCondition, &QToolButton::clicked, this, &ChoiceRulesEditor::addCondition);
    connect(m_remove, &QToolButton::clicked, this, &ChoiceRulesEditor::removeSelected);
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(1); });
    connect(m_kind, &QComboBox::activated, this, &ChoiceRulesEditor::changeKind);
    connect(m_variable, &QLineEdit::editingFinished, this, &ChoiceRulesEditor::applyComparison);
    connect(m_value, &QLineEdit::editingFinished, this, &ChoiceRulesEditor::applyComparison);
    connect(m_variable, &QLineEdit::textEdited, this, &InspectorField::edited);
    connect(m_value, &QLineEdit::textEdited, this, &InspectorField::edited);
    connect(m_operator, &QComboBox::activated, this, [this] {
        updateOperandEditor();
        applyComparison();
    });
    connect(m_isPath, &QCheckBox::toggled, this, [this] {
        updateOperandEditor();
        applyComparison();
    });
    connect(m_boolValue, &QComboBox::activated, this, &ChoiceRulesEditor::applyComparison);
    connect(m_next, &QComboBox::activated, this, &ChoiceRulesEditor::applyComparison);
    showSelected();
}

void ChoiceRulesEditor::setStateNames(const QStringList &names)
{
    m_names = names;
}

ChoiceRulesEditor::Kind ChoiceRulesEditor::kindOf(const Json &rule)
{
    if (rule.is_object()) {
        if (rule.contains("And"))
            return Kind::And;
        if (rule.contains("Or"))
            return Kind::Or;
        if (rule.contains("Not"))
            return Kind::Not;
    }
    return Kind::Compare;
}

Json *ChoiceRulesEditor::node(const QString &pointer)
{
    if (pointer.isEmpty())
        return nullptr;
    try {
        return &m_rules.at(Json::json_pointer(s(pointer)));
    } catch (const Json::exception &) {
        return nullptr;
    }
}

QString ChoiceRulesEditor::defaultNext() const
{
    for (const QString &name : m_names) {
        if (name != m_self)
            return name;
    }
    return m_self;
}

void ChoiceRulesEditor::load(const Json &state)
{
    const auto it = state.find("Choices");
    m_present = it != state.end();
    m_rules = m_present && it->is_array() ? *it : Json::array();
    rebuild(selectedRule().isEmpty() ? QStringLiteral("/0") : selectedRule());
}

void ChoiceRulesEditor::apply(Json &state) const
{
    if (!m_present && m_rules.empty())
        return;
    state["Choices"] = m_rules;
}

void ChoiceRulesEditor::addItems(QTreeWidgetItem *parent, const Json &rule, const QString &pointer)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setData(0, kPointerRole, pointer);
    const Kind kind = kindOf(rule);
    if (kind == Kind::And || kind == Kind::Or) {
        const char *key = kind == Kind::And ? "And" : "Or";
        const Json &children = rule[key];
        if (children.is_array()) {
            for (size_t i = 0; i < children.size(); ++i)
                addItems(item, children[i],
                         pointer + QStringLiteral("/%1/%2").arg(QLatin1String(key)).arg(i));
        }
    } else if (kind == Kind::Not && rule["Not"].is_object() && !rule["Not"].empty()) {
        addItems(item, rule["Not"], pointer + QStringLiteral("/Not"));
    }
}

void ChoiceRulesEditor::refreshTexts()
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        QTreeWidgetItem *item = *it;
        const QString pointer = item->data(0, kPointerRole).toString();
        const Json *rule = node(pointer);
        if (!rule)
            continue;
        const bool topLevel = !item->parent();
        const Kind kind = kindOf(*rule);
        QString text;
        if (topLevel || kind == Kind::Compare)
            text = choiceRuleText(*rule);
        else
            text = kind == Kind::And ? tr("And (all of)") : kind == Kind::Or ? tr("Or (any of)") : tr("Not");
        item->setText(0, text);
        item->setToolTip(0, choiceRuleText(*rule));
        if (topLevel) {
            const auto next = rule->is_object() ? rule->find("Next") : rule->end();
            item->setText(1, rule->is_object() && next != rule->end()
                                 ? QStringLiteral("→ ") + textFromJson(*next)
                                 : QString());
        }
    }
}

void ChoiceRulesEditor::rebuild(const QString &select)
{
    m_loading = true;
    m_tree->clear();
    for (size_t i = 0; i < m_rules.size(); ++i)
        addItems(nullptr, m_rules[i], QStringLiteral("/%1").arg(i));
    m_tree->expandAll();
    refreshTexts();
    m_loading = false;
    if (!selectRule(select) && m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(m_tree->topLevelItemCount() - 1));
    showSelected();
    int rows = 0;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        ++rows;
    const int rowHeight = std::max(m_tree->fontMetrics().height() + 6, 20);
    m_tree->setFixedHeight(m_tree->header()->sizeHint().height() + rowHeight * std::clamp(rows, 3, 10) +
                           m_tree->frameWidth() * 2 + 4);
}

bool ChoiceRulesEditor::selectRule(const QString &pointer)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, kPointerRole).toString() == pointer) {
            m_tree->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

QString ChoiceRulesEditor::selectedRule() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, kPointerRole).toString() : QString();
}

void ChoiceRulesEditor::updateOperandEditor()
{
    const Op op = Op(m_operator->currentData().toInt());
    m_isPath->setVisible(!isTest(op));
    const bool path = m_isPath->isChecked() && !isTest(op);
    const bool boolean = isBoolean(op) && !path;
    m_value->setVisible(!boolean);
    m_boolValue->setVisible(boolean);
    if (path && !m_value->completer())
        addPathCompleter(m_value);
    else if (!path && m_value->completer())
        m_value->setCompleter(nullptr);
    QString placeholder;
    if (path)
        placeholder = QStringLiteral("$.");
    else if (op >= Op::TimestampEquals && op <= Op::TimestampGreaterThanEquals)
        placeholder = QStringLiteral("2016-03-14T01:59:00Z");
    else if (op >= Op::NumericEquals && op <= Op::NumericGreaterThanEquals)
        placeholder = tr("a number");
    m_value->setPlaceholderText(placeholder);
}

void ChoiceRulesEditor::showSelected()
{
    if (m_loading)
        return;
    const QString pointer = selectedRule();
    const Json *rule = node(pointer);
    const bool topLevel = !pointer.isEmpty() && pointer.count(QLatin1Char('/')) == 1;
    m_pane->setEnabled(rule != nullptr);
    m_remove->setEnabled(rule != nullptr);
    m_addCondition->setEnabled(rule != nullptr);
    const QString parent = pointer.section(QLatin1Char('/'), 0, -2);
    const bool inArray = rule && !pointer.endsWith(QLatin1String("/Not"));
    bool ok = false;
    const int index = pointer.section(QLatin1Char('/'), -1).toInt(&ok);
    const Json *siblings = parent.isEmpty() ? &m_rules : node(parent);
    m_up->setEnabled(inArray && ok && index > 0);
    m_down->setEnabled(inArray && ok && siblings && siblings->is_array() &&
                       index + 1 < int(siblings->size()));

    const QSignalBlocker b1(m_kind), b2(m_variable), b3(m_operator), b4(m_isPath), b5(m_value),
        b6(m_boolValue), b7(m_next);
    const Kind kind = rule ? kindOf(*rule) : Kind::Compare;
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    const bool compare = rule && kind == Kind::Compare;
    for (QWidget *w : {static_cast<QWidget *>(m_variableLabel), static_cast<QWidget *>(m_variable),
                       static_cast<QWidget *>(m_operatorLabel), static_cast<QWidget *>(m_operator),
                       static_cast<QWidget *>(m_valueLabel), m_value->parentWidget()})
        w->setVisible(compare || !rule);
    m_isPath->setVisible(compare || !rule);
    m_nextLabel->setVisible(topLevel);
    m_next->setVisible(topLevel);

    m_next->clear();
    m_next->addItems(m_names);
    if (topLevel && rule->is_object()) {
        const QString next = rule->contains("Next") ? textFromJson((*rule)["Next"]) : QString();
        if (!next.isEmpty() && m_next->findText(next) < 0)
            m_next->addItem(next);
        m_next->setCurrentIndex(next.isEmpty() ? -1 : m_next->findText(next));
    }
    if (!compare) {
        m_variable->clear();
        m_value->clear();
        updateOperandEditor();
        return;
    }
    m_variable->setText(rule->contains("Variable") ? textFromJson((*rule)["Variable"]) : QString());
    const auto comparison = comparisonOf(*rule);
    const Op op = comparison ? comparison->op : Op::StringEquals;
    m_operator->setCurrentIndex(m_operator->findData(int(op)));
    m_isPath->setChecked(comparison && comparison->isPath);
    const Json operand = comparison ? (*rule)[comparison->key] : Json();
    if (operand.is_boolean())
        m_boolValue->setCurrentIndex(operand.get<bool>() ? 0 : 1);
    m_value->setText(comparison && !operand.is_boolean() ? textFromJson(operand) : QString());
    updateOperandEditor();
}

void ChoiceRulesEditor::applyComparison()
{
    const QString pointer = selectedRule();
    Json *rule = node(pointer);
    if (!rule || !rule->is_object())
        return;
    Json updated = *rule;
    const bool topLevel = pointer.count(QLatin1Char('/')) == 1;
    if (kindOf(updated) == Kind::Compare) {
        if (const auto old = comparisonOf(updated))
            updated.erase(old->key);
        const Op op = Op(m_operator->currentData().toInt());
        const bool path = m_isPath->isChecked() && !isTest(op);
        const std::string key = std::string(choiceOpName(op)) + (path ? "Path" : "");
        updated["Variable"] = s(m_variable->text().trimmed());
        if (path)
            updated[key] = s(m_value->text().trimmed());
        else if (isBoolean(op))
            updated[key] = m_boolValue->currentIndex() == 0;
        else if (op >= Op::NumericEquals && op <= Op::NumericGreaterThanEquals)
            updated[key] = jsonFromText(m_value->text(), TextKind::Number);
        else
            updated[key] = s(m_value->text());
    }
    if (topLevel && m_next->currentIndex() >= 0)
        updated["Next"] = s(m_next->currentText());
    if (updated == *rule)
        return;
    *rule = updated;
    m_present = true;
    refreshTexts();
    Q_EMIT committed();
}

void ChoiceRulesEditor::commitStructure(const QString &select)
{
    m_present = true;
    rebuild(select);
    Q_EMIT committed();
}

void ChoiceRulesEditor::changeKind()
{
    const QString pointer = selectedRule();
    Json *rule = node(pointer);
    if (!rule)
        return;
    const Kind from = kindOf(*rule);
    const Kind to = Kind(m_kind->currentData().toInt());
    if (from == to)
        return;
    Json extras = Json::object(); // Next and Comment stay on the rule that replaces this one
    for (const char *key : {"Next", "Comment"}) {
        if (rule->is_object() && rule->contains(key))
            extras[key] = (*rule)[key];
    }
    const auto keyOf = [](Kind k) { return k == Kind::And ? "And" : k == Kind::Or ? "Or" : "Not"; };
    Json inner = core(*rule);
    Json replacement;
    if (to == Kind::Compare) {
        Json first;
        if (from == Kind::Not)
            first = inner["Not"];
        else if (inner[keyOf(from)].is_array() && !inner[keyOf(from)].empty())
            first = inner[keyOf(from)][0];
        replacement = kindOf(first) == Kind::Compare && first.is_object() && comparisonOf(first)
                          ? core(first)
                          : defaultComparison();
    } else if (to == Kind::Not) {
        replacement = Json{{"Not", inner}};
    } else if (from == Kind::And || from == Kind::Or) {
        replacement = Json{{keyOf(to), inner[keyOf(from)]}};
    } else {
        replacement = Json{{keyOf(to), Json::array({from == Kind::Not ? inner["Not"] : inner})}};
    }
    replacement.update(extras);
    *rule = replacement;
    commitStructure(pointer);
}

void ChoiceRulesEditor::addRule()
{
    Json rule = defaultComparison();
    rule["Next"] = s(defaultNext());
    m_rules.push_back(rule);
    commitStructure(QStringLiteral("/%1").arg(m_rules.size() - 1));
}

void ChoiceRulesEditor::addCondition()
{
    const QString pointer = selectedRule();
    Json *rule = node(pointer);
    if (!rule || !rule->is_object())
        return;
    QString select;
    switch (kindOf(*rule)) {
    case Kind::And:
    case Kind::Or: {
        Json &children = (*rule)[rule->contains("And") ? "And" : "Or"];
        if (!children.is_array())
            children = Json::array();
        children.push_back(defaultComparison());
        select = pointer + QStringLiteral("/%1/%2")
                               .arg(QLatin1String(rule->contains("And") ? "And" : "Or"))
                               .arg(children.size() - 1);
        break;
    }
    case Kind::Not:
        if (!(*rule)["Not"].is_object() || (*rule)["Not"].empty()) {
            (*rule)["Not"] = defaultComparison();
            select = pointer + QStringLiteral("/Not");
            break;
        }
        [[fallthrough]]; // a full Not: wrap it in And like a comparison
    case Kind::Compare: {
        Json extras = Json::object();
        for (const char *key : {"Next", "Comment"}) {
            if (rule->contains(key))
                extras[key] = (*rule)[key];
        }
        Json wrapped{{"And", Json::array({core(*rule), defaultComparison()})}};
        wrapped.update(extras);
        *rule = wrapped;
        select = pointer + QStringLiteral("/And/1");
        break;
    }
    }
    commitStructure(select);
}

void ChoiceRulesEditor::removeSelected()
{
    QString pointer = selectedRule();
    // the rule inside a Not goes with its Not
    while (pointer.endsWith(QLatin1String("/Not")))
        pointer.chop(4);
    const QString parent = pointer.section(QLatin1Char('/'), 0, -2);
    bool ok = false;
    const int index = pointer.section(QLatin1Char('/'), -1).toInt(&ok);
    Json *siblings = parent.isEmpty() ? &m_rules : node(parent);
    if (!ok || !siblings || !siblings->is_array() || index >= int(siblings->size()))
        return;
    siblings->erase(size_t(index));
    QString select = parent + QStringLiteral("/%1").arg(std::max(0, index - 1));
    if (siblings->empty())
        select = parent;
    commitStructure(select);
}

void ChoiceRulesEditor::moveSelected(int delta)
{
    const QString pointer = selectedRule();
    const QString parent = pointer.section(QLatin1Char('/'), 0, -2);
    bool ok = false;
    const int index = pointer.section(QLatin1Char('/'), -1).toInt(&ok);
    Json *siblings = parent.isEmpty() ? &m_rules : node(parent);
    const int to = index + delta;
    if (!ok || !siblings || !siblings->is_array() || to < 0 || to >= int(siblings->size()))
        return;
    std::swap((*siblings)[size_t(index)], (*siblings)[size_t(to)]);
    commitStructure(parent + QStringLiteral("/%1").arg(to));
}

void ChoiceRulesEditor::showProblems(const QList<FieldProblem> &problems)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        (*it)->setData(0, Qt::BackgroundRole, QVariant());
        (*it)->setToolTip(0, (*it)->text(0));
    }
    QStringList messages;
    const QString prefix = QStringLiteral("/Choices");
    for (const FieldProblem &p : problems) {
        const QString inside = p.pointer.mid(prefix.size());
        QTreeWidgetItem *best = nullptr;
        qsizetype bestLength = -1;
        for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
            const QString pointer = (*it)->data(0, kPointerRole).toString();
            if (pointerWithin(inside, pointer) && pointer.size() > bestLength) {
                best = *it;
                bestLength = pointer.size();
            }
        }
        if (best) {
            best->setData(0, Qt::BackgroundRole, QColor(0xd3, 0x2f, 0x2f, 70));
            best->setToolTip(0, p.message);
            const int rule = inside.section(QLatin1Char('/'), 1, 1).toInt();
            messages << tr("Rule %1: %2").arg(rule + 1).arg(p.message);
        } else {
            messages << p.message;
        }
    }
    markInvalid(m_tree, !messages.isEmpty());
    setMessage(messages);
}

void ChoiceRulesEditor::focusPointer(const QString &pointer)
{
    const QString inside = pointer.mid(QStringLiteral("/Choices").size());
    QString best;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QString candidate = (*it)->data(0, kPointerRole).toString();
        if (pointerWithin(inside, candidate) && candidate.size() > best.size())
            best = candidate;
    }
    if (best.isEmpty()) {
        m_tree->setFocus(Qt::OtherFocusReason);
        return;
    }
    selectRule(best);
    const QString field = inside.mid(best.size());
    QWidget *target = m_tree;
    if (field == QLatin1String("/Variable"))
        target = m_variable;
    else if (field == QLatin1String("/Next"))
        target = m_next;
    else if (field.size() > 1 && choiceOpFromName(s(field.mid(1)), nullptr))
        target = !m_value->isHidden() ? static_cast<QWidget *>(m_value) : m_boolValue;
    target->setFocus(Qt::OtherFocusReason);
}

} // namespace sluice::ui
