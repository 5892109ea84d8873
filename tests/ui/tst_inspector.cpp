// The designer's inspector: a form per state type whose committed edits come out as whole state JSON,
// checked with the core as the user types, with Retry/Catch tables, the Choice rule builder and a JSON tab.

#include "editor/inspector/ChoiceRulesEditor.h"
#include "editor/inspector/FormFields.h"
#include "editor/inspector/HandlerTable.h"
#include "editor/inspector/JsonEdit.h"
#include "editor/inspector/StateInspector.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTextBlock>
#include <QToolButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>
#include <QScopeGuard>

using sluice::Json;
using sluice::ui::ChoiceRulesEditor;
using sluice::ui::HandlerTable;
using sluice::ui::InspectorField;
using sluice::ui::JsonEdit;
using sluice::ui::StateInspector;

namespace {

const QStringList kNames{QStringLiteral("Load"), QStringLiteral("Transform"), QStringLiteral("Done"),
                         QStringLiteral("Failed")};

Json j(const char *text)
{
    return Json::parse(text);
}

/// Records stateEdited() (Json is not a registered meta type, so no QSignalSpy).
struct Edits
{
    explicit Edits(StateInspector &inspector)
    {
        QObject::connect(&inspector, &StateInspector::stateEdited, &inspector,
                         [this](const QString &name, const Json &json) {
                             list.push_back({name, json});
                         });
    }
    std::vector<std::pair<QString, Json>> list;
    size_t count() const { return list.size(); }
    Json last() const { return list.back().second; }
};

QString dump(const Json &json)
{
    return QString::fromStdString(json.dump());
}

/// Types `text` into `edit` (replacing what it holds) and presses Return: a committed line edit.
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

/// Replaces a JSON editor's text as typing would and finishes the edit with Ctrl+Return.
void typeInto(JsonEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    edit->insertPlainText(text);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
}

InspectorField *fieldOf(QWidget *editor)
{
    for (QWidget *w = editor; w; w = w->parentWidget()) {
        if (auto *field = qobject_cast<InspectorField *>(w))
            return field;
    }
    return nullptr;
}

const char *kTask = R"({"Type": "Task", "Resource": "sluice:http", "QueryLanguage": "JSONPath",
    "Parameters": {"url.$": "$.url"}, "TimeoutSeconds": 60, "Next": "Transform",
    "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2, "Comment": "slow server"},
              {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "BackoffRate": 1.5, "JitterStrategy": "FULL"}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error"}]})";

const char *kChoice = R"({"Type": "Choice", "Comment": "route by price",
    "Choices": [{"Variable": "$.price", "NumericGreaterThan": 100, "Next": "Transform"},
                {"And": [{"Variable": "$.kind", "StringEquals": "x"},
                         {"Not": {"Variable": "$.done", "BooleanEquals": true}}], "Next": "Done"}],
    "Default": "Failed"})";

const char *kMap = R"({"Type": "Map", "ItemsPath": "$.rows", "MaxConcurrency": 4,
    "ItemSelector": {"row.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Clean",
                      "States": {"Clean": {"Type": "Pass", "End": true}}},
    "ResultPath": "$.cleaned", "Next": "Done",
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]})";

} // namespace

class TestInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void clearShowsHint();
    void setStateNeverEmits_data();
    void setStateNeverEmits();
    void taskTimeoutEditKeepsUnknownFields();
    void taskResourceComboAndNext();
    void invalidPathBlocksEmissionUntilFixed();
    void numberOutOfRangeBlocksEmission();
    void passResultJsonAndBadJson();
    void waitSwitchesBetweenSecondsAndTimestamp();
    void failErrorAndCausePath();
    void succeedOutputPathNull();
    void parallelShowsBranchCountAndEditsResultPath();
    void mapModeMaxConcurrencyAndItemSelector();
    void retryTableEditAddMoveRemove();
    void retryCellTypedThroughItsEditor();
    void invalidRetryCellBlocksEmission();
    void catchTableNext();
    void choiceRuleBuilderEdits();
    void choiceRuleKindChangeAndRemove();
    void choiceDefault();
    void jsonTabRoundTrip();
    void jsonTabInvalidLosesNothing();
    void renameRequestedAndRefused();
    void focusFieldFocusesTheEditor_data();
    void focusFieldFocusesTheEditor();
    void focusFieldOutsideTheFormOpensJson();
    void pathsAndTemplatesComplete();
    void screenshotsFitTheDock_data();
    void screenshotsFitTheDock();

private:
    template <typename T> T *child(const char *name) const
    {
        T *w = m_inspector->findChild<T *>(QString::fromUtf8(name));
        if (!w)
            qWarning("no %s named %s", T::staticMetaObject.className(), name);
        return w;
    }

    std::unique_ptr<StateInspector> m_inspector;
};

void TestInspector::init()
{
    m_inspector = std::make_unique<StateInspector>();
    m_inspector->resize(340, 900);
    m_inspector->show();
    QApplication::setActiveWindow(m_inspector.get());
    QVERIFY(QTest::qWaitForWindowActive(m_inspector.get()));
}

void TestInspector::cleanup()
{
    m_inspector.reset();
}

void TestInspector::clearShowsHint()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    m_inspector->clear();
    auto *stack = m_inspector->findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget(), child<QLabel>("hint"));
    QVERIFY(child<QLabel>("hint")->text().contains(QStringLiteral("Select a state")));
}

void TestInspector::setStateNeverEmits_data()
{
    QTest::addColumn<QString>("state");
    QTest::newRow("Task") << QString::fromUtf8(kTask);
    QTest::newRow("Choice") << QString::fromUtf8(kChoice);
    QTest::newRow("Map") << QString::fromUtf8(kMap);
    QTest::newRow("Pass") << QStringLiteral(R"({"Type": "Pass", "Result": {"a": 1}, "End": true})");
    QTest::newRow("Wait") << QStringLiteral(R"({"Type": "Wait", "SecondsPath": "$.delay", "Next": "Done"})");
    QTest::newRow("Fail") << QStringLiteral(R"({"Type": "Fail", "Error": "Bad", "CausePath": "$.why"})");
    QTest::newRow("Succeed") << QStringLiteral(R"({"Type": "Succeed"})");
    QTest::newRow("Parallel") << QStringLiteral(
        R"({"Type": "Parallel", "End": true, "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}]})");
    QTest::newRow("invalid Task") << QStringLiteral(R"({"Type": "Task", "Resource": "nocolon", "Retry": 3})");
}

void TestInspector::setStateNeverEmits()
{
    QFETCH(QString, state);
    Edits edits(*m_inspector);
    QSignalSpy renames(m_inspector.get(), &StateInspector::renameRequested);
    m_inspector->setState(QStringLiteral("Load"), Json::parse(state.toStdString()), kNames);
    m_inspector->setState(QStringLiteral("Transform"), Json::parse(state.toStdString()), kNames);
    QCOMPARE(edits.count(), size_t(0));
    QCOMPARE(renames.count(), 0);
    QCOMPARE(dump(m_inspector->stateJson()), dump(Json::parse(state.toStdString())));
}

void TestInspector::taskTimeoutEditKeepsUnknownFields()
{
    Json state = j(kTask);
    state["X-Sluice-Note"] = {{"kept", true}}; // a field no widget shows (and the core refuses)
    m_inspector->setState(QStringLiteral("Load"), state, kNames);
    Edits edits(*m_inspector);

    typeInto(child<QLineEdit>("TimeoutSeconds"), QStringLiteral("30"));

    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(edits.list[0].first, QStringLiteral("Load"));
    Json expected = state;
    expected["TimeoutSeconds"] = 30;
    QCOMPARE(dump(edits.last()), dump(expected));

    // the path form replaces the number
    child<QComboBox>("TimeoutSeconds.kind")->setCurrentIndex(1);
    typeInto(child<QLineEdit>("TimeoutSeconds"), QStringLiteral("$.timeout"));
    expected.erase("TimeoutSeconds");
    expected["TimeoutSecondsPath"] = "$.timeout";
    QCOMPARE(dump(edits.last()), dump(expected));
}

void TestInspector::taskResourceComboAndNext()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *resource = child<QLineEdit>("Resource");
    typeInto(resource, QStringLiteral("arn:aws:states:::lambda:invoke"));
    Json expected = j(kTask);
    expected["Resource"] = "arn:aws:states:::lambda:invoke";
    QCOMPARE(dump(edits.last()), dump(expected));

    auto *next = child<QComboBox>("Next");
    QCOMPARE(next->currentText(), QStringLiteral("Transform"));
    next->setCurrentIndex(0); // End
    Q_EMIT next->activated(0);
    expected.erase("Next");
    expected["End"] = true;
    QCOMPARE(edits.count(), size_t(2));
    QCOMPARE(dump(edits.last()), dump(expected));
}

void TestInspector::invalidPathBlocksEmissionUntilFixed()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *inputPath = child<QLineEdit>("InputPath");

    typeInto(inputPath, QStringLiteral("$.a["));

    QCOMPARE(edits.count(), size_t(0));
    QVERIFY(inputPath->property("invalid").toBool());
    QVERIFY2(fieldOf(inputPath)->messageText().contains(QStringLiteral("InputPath")),
             qPrintable(fieldOf(inputPath)->messageText()));

    typeInto(inputPath, QStringLiteral("$.a"));
    QCOMPARE(edits.count(), size_t(1));
    QVERIFY(!inputPath->property("invalid").toBool());
    QVERIFY(fieldOf(inputPath)->messageText().isEmpty());
    QCOMPARE(dump(edits.last()["InputPath"]), dump(Json("$.a")));
}

void TestInspector::numberOutOfRangeBlocksEmission()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *heartbeat = child<QLineEdit>("HeartbeatSeconds");

    QTest::keyClicks(heartbeat, QStringLiteral("90")); // as you type: not smaller than TimeoutSeconds (60)
    QVERIFY(heartbeat->property("invalid").toBool());
    QVERIFY(fieldOf(heartbeat)->messageText().contains(QStringLiteral("smaller than TimeoutSeconds")));
    QTest::keyClick(heartbeat, Qt::Key_Return);
    QCOMPARE(edits.count(), size_t(0));

    typeInto(heartbeat, QStringLiteral("-1"));
    QCOMPARE(edits.count(), size_t(0));
    QVERIFY(fieldOf(heartbeat)->messageText().contains(QStringLiteral("positive whole number")));

    typeInto(heartbeat, QStringLiteral("10"));
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()["HeartbeatSeconds"]), dump(Json(10)));
}

void TestInspector::passResultJsonAndBadJson()
{
    const Json state = j(R"({"Type": "Pass", "Result": {"a": 1}, "ResultPath": "$.r", "End": true})");
    m_inspector->setState(QStringLiteral("Load"), state, kNames);
    Edits edits(*m_inspector);
    auto *result = child<JsonEdit>("Result");
    QCOMPARE(dump(Json::parse(result->toPlainText().toStdString())), dump(j(R"({"a": 1})")));

    typeInto(result, QStringLiteral(R"({"a": 1, "b": [true, null]})"));
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(
        dump(edits.last()),
        dump(j(
            R"({"Type": "Pass", "Result": {"a": 1, "b": [true, null]}, "ResultPath": "$.r", "End": true})")));

    auto *parameters = child<JsonEdit>("Parameters");
    typeInto(parameters, QStringLiteral(R"({"x.$": "$.y")")); // unterminated
    QCOMPARE(edits.count(), size_t(1));
    QVERIFY(parameters->property("invalid").toBool());
    QVERIFY(fieldOf(parameters)->messageText().startsWith(QStringLiteral("Not valid JSON")));
    QCOMPARE(parameters->toPlainText(), QStringLiteral(R"({"x.$": "$.y")")); // the text is kept

    typeInto(parameters, QStringLiteral(R"j({"x.$": "States.Nope(1)"})j")); // JSON, but not a valid template
    QCOMPARE(edits.count(), size_t(1));
    QVERIFY(fieldOf(parameters)->messageText().contains(QStringLiteral("Nope")));

    typeInto(parameters, QStringLiteral(R"j({"x.$": "States.Format('{}', $.y)"})j"));
    QCOMPARE(edits.count(), size_t(2));
    QCOMPARE(dump(edits.last()["Parameters"]), dump(j(R"j({"x.$": "States.Format('{}', $.y)"})j")));
}

void TestInspector::waitSwitchesBetweenSecondsAndTimestamp()
{
    m_inspector->setState(QStringLiteral("Load"), j(R"({"Type": "Wait", "Seconds": 5, "Next": "Done"})"),
                          kNames);
    Edits edits(*m_inspector);
    auto *kind = child<QComboBox>("Wait.kind");
    auto *value = child<QLineEdit>("Wait");
    QCOMPARE(value->text(), QStringLiteral("5"));

    kind->setCurrentIndex(1); // Timestamp: "5" is no timestamp, so nothing goes out
    QCOMPARE(edits.count(), size_t(0));
    QVERIFY(value->property("invalid").toBool());
    typeInto(value, QStringLiteral("2030-01-01T00:00:00Z"));
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()),
             dump(j(R"({"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "Next": "Done"})")));
}

void TestInspector::failErrorAndCausePath()
{
    m_inspector->setState(QStringLiteral("Failed"), j(R"({"Type": "Fail", "Error": "Bad"})"), kNames);
    Edits edits(*m_inspector);
    typeInto(child<QLineEdit>("Error"), QStringLiteral("Etl.BadRow"));
    child<QComboBox>("Cause.kind")->setCurrentIndex(1);
    typeInto(child<QLineEdit>("Cause"), QStringLiteral("States.Format('row {}', $.row)"));
    QCOMPARE(edits.count(), size_t(2));
    QCOMPARE(
        dump(edits.last()),
        dump(j(
            R"j({"Type": "Fail", "Error": "Etl.BadRow", "CausePath": "States.Format('row {}', $.row)"})j")));
    QVERIFY(!m_inspector->findChild<QLineEdit *>(QStringLiteral("InputPath"))); // Fail has no InputPath
}

void TestInspector::succeedOutputPathNull()
{
    m_inspector->setState(QStringLiteral("Done"), j(R"({"Type": "Succeed", "Comment": "ok"})"), kNames);
    Edits edits(*m_inspector);
    child<QCheckBox>("OutputPath.null")->setChecked(true);
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()), dump(j(R"({"Type": "Succeed", "Comment": "ok", "OutputPath": null})")));
    QVERIFY(!child<QLineEdit>("OutputPath")->isEnabled());
}

void TestInspector::parallelShowsBranchCountAndEditsResultPath()
{
    const Json state = j(R"({"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
        {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]})");
    m_inspector->setState(QStringLiteral("Both"), state, kNames);
    QCOMPARE(child<QLabel>("Branches")->text(), StateInspector::tr("%n branch(es)", nullptr, 2));
    Edits edits(*m_inspector);
    typeInto(child<QLineEdit>("ResultPath"), QStringLiteral("$.both"));
    Json expected = state;
    expected["ResultPath"] = "$.both";
    QCOMPARE(dump(edits.last()), dump(expected));
}

void TestInspector::mapModeMaxConcurrencyAndItemSelector()
{
    m_inspector->setState(QStringLiteral("PerRow"), j(kMap), kNames);
    Edits edits(*m_inspector);

    auto *mode = child<QComboBox>("ProcessorConfig.Mode");
    mode->setCurrentIndex(1);
    Q_EMIT mode->activated(1);
    Json expected = j(kMap);
    expected["ItemProcessor"]["ProcessorConfig"] = {{"Mode", "DISTRIBUTED"}, {"ExecutionType", "STANDARD"}};
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()), dump(expected));

    typeInto(child<QLineEdit>("MaxConcurrency"), QStringLiteral("0"));
    expected["MaxConcurrency"] = 0;
    QCOMPARE(dump(edits.last()), dump(expected));

    typeInto(child<QLineEdit>("ToleratedFailurePercentage"), QStringLiteral("2.5"));
    expected["ToleratedFailurePercentage"] = 2.5;
    QCOMPARE(dump(edits.last()), dump(expected));

    typeInto(child<JsonEdit>("ItemSelector"), QStringLiteral(R"({"row.$": "$$.Map.Item.Value"})"));
    expected["ItemSelector"] = {{"row.$", "$$.Map.Item.Value"}};
    QCOMPARE(edits.count(), size_t(4));
    QCOMPARE(dump(edits.last()), dump(expected));

    // a tolerated failure percentage is only for distributed Maps: back to INLINE, that field turns red
    mode->setCurrentIndex(0);
    Q_EMIT mode->activated(0);
    QCOMPARE(edits.count(), size_t(5));
    QCOMPARE(dump(edits.last()["ItemProcessor"]["ProcessorConfig"]), dump(j(R"({"Mode": "INLINE"})")));
    auto *percentage = child<QLineEdit>("ToleratedFailurePercentage");
    QVERIFY(percentage->property("invalid").toBool());
    QVERIFY(fieldOf(percentage)->messageText().contains(QStringLiteral("distributed")));
}

void TestInspector::retryTableEditAddMoveRemove()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *table = child<QTableWidget>("Retry");
    auto *field = qobject_cast<HandlerTable *>(fieldOf(table));
    QVERIFY(field);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("States.Timeout"));

    table->item(0, field->columnOf(QStringLiteral("MaxAttempts")))->setText(QStringLiteral("4"));
    Json expected = j(kTask);
    expected["Retry"][0]["MaxAttempts"] = 4; // Comment stays with its row
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()), dump(expected));

    // a new row goes before the trailing States.ALL
    child<QToolButton>("Retry.add")->click();
    QCOMPARE(edits.count(), size_t(2));
    QCOMPARE(edits.last()["Retry"].size(), size_t(3));
    QCOMPARE(dump(edits.last()["Retry"][1]), dump(j(R"({"ErrorEquals": ["States.TaskFailed"]})")));
    QCOMPARE(dump(edits.last()["Retry"][2]["ErrorEquals"]), dump(j(R"(["States.ALL"])")));

    table->setCurrentCell(1, 0);
    child<QToolButton>("Retry.up")->click();
    QCOMPARE(dump(edits.last()["Retry"][0]), dump(j(R"({"ErrorEquals": ["States.TaskFailed"]})")));
    QCOMPARE(dump(edits.last()["Retry"][1]), dump(expected["Retry"][0]));
    QCOMPARE(table->currentRow(), 0);

    child<QToolButton>("Retry.remove")->click();
    QCOMPARE(edits.count(), size_t(4));
    QCOMPARE(dump(edits.last()), dump(expected));
}

void TestInspector::retryCellTypedThroughItsEditor()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *table = child<QTableWidget>("Retry");
    table->setCurrentCell(0, 0);
    table->editItem(table->item(0, 0));
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QVERIFY(editor->completer()); // completes States.* names
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("States.Timeout, States.TaskFailed"));
    QVERIFY(editor->completer()->popup()->isVisible()); // it offered States.TaskFailed
    editor->completer()->popup()->hide();
    QTest::keyClick(editor, Qt::Key_Return);
    // the delegate commits on its next event loop turn
    QTRY_COMPARE(table->item(0, 0)->text(), QStringLiteral("States.Timeout, States.TaskFailed"));
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()["Retry"][0]["ErrorEquals"]),
             dump(j(R"(["States.Timeout", "States.TaskFailed"])")));
}

void TestInspector::invalidRetryCellBlocksEmission()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *table = child<QTableWidget>("Retry");
    auto *field = qobject_cast<HandlerTable *>(fieldOf(table));
    table->item(1, field->columnOf(QStringLiteral("BackoffRate")))->setText(QStringLiteral("0.5"));
    QCOMPARE(edits.count(), size_t(0));
    QVERIFY(table->property("invalid").toBool());
    QVERIFY2(field->messageText().startsWith(QStringLiteral("Row 2:")), qPrintable(field->messageText()));
    QCOMPARE(table->item(1, field->columnOf(QStringLiteral("BackoffRate")))->text(), QStringLiteral("0.5"));

    table->item(1, field->columnOf(QStringLiteral("BackoffRate")))->setText(QStringLiteral("3"));
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()["Retry"][1]["BackoffRate"]), dump(Json(3)));
    QVERIFY(!table->property("invalid").toBool());
}

void TestInspector::catchTableNext()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *table = child<QTableWidget>("Catch");
    table->item(0, 1)->setText(QStringLiteral("Done"));
    table->item(0, 2)->setText(QStringLiteral("null"));
    QCOMPARE(edits.count(), size_t(2));
    QCOMPARE(dump(edits.last()["Catch"]),
             dump(j(R"([{"ErrorEquals": ["States.ALL"], "Next": "Done", "ResultPath": null}])")));

    table->item(0, 1)->setText(QStringLiteral("Nowhere")); // not a state
    QCOMPARE(edits.count(), size_t(2));
    QVERIFY(qobject_cast<HandlerTable *>(fieldOf(table))->messageText().contains(QStringLiteral("Nowhere")));
}

void TestInspector::choiceRuleBuilderEdits()
{
    m_inspector->setState(QStringLiteral("Route"), j(kChoice), kNames);
    Edits edits(*m_inspector);
    auto *rules = qobject_cast<ChoiceRulesEditor *>(fieldOf(child<QTreeWidget>("Choices")));
    QVERIFY(rules);
    QCOMPARE(rules->tree()->topLevelItemCount(), 2);
    QCOMPARE(rules->tree()->topLevelItem(0)->text(0), QStringLiteral("$.price > 100"));
    QCOMPARE(rules->tree()->topLevelItem(1)->text(0), QStringLiteral(R"($.kind == "x" && !($.done))"));

    QVERIFY(rules->selectRule(QStringLiteral("/0")));
    typeInto(rules->valueEdit(), QStringLiteral("250"));
    Json expected = j(kChoice);
    expected["Choices"][0]["NumericGreaterThan"] = 250;
    QCOMPARE(edits.count(), size_t(1));
    QCOMPARE(dump(edits.last()), dump(expected));

    // the operator: >= with a path operand
    rules->operatorCombo()->setCurrentIndex(
        rules->operatorCombo()->findText(QStringLiteral("NumericGreaterThanEquals")));
    Q_EMIT rules->operatorCombo()->activated(rules->operatorCombo()->currentIndex());
    rules->pathBox()->setChecked(true);
    typeInto(rules->valueEdit(), QStringLiteral("$.limit"));
    expected["Choices"][0].erase("NumericGreaterThan");
    expected["Choices"][0]["NumericGreaterThanEqualsPath"] = "$.limit";
    QCOMPARE(dump(edits.last()), dump(expected));
    QCOMPARE(rules->tree()->topLevelItem(0)->text(0), QStringLiteral("$.price >= $.limit"));

    // a nested comparison: its Variable
    QVERIFY(rules->selectRule(QStringLiteral("/1/And/0")));
    typeInto(rules->variableEdit(), QStringLiteral("$.type"));
    expected["Choices"][1]["And"][0]["Variable"] = "$.type";
    QCOMPARE(dump(edits.last()), dump(expected));

    // the Next of a top-level rule
    QVERIFY(rules->selectRule(QStringLiteral("/1")));
    QVERIFY(rules->nextCombo()->isVisibleTo(rules));
    rules->nextCombo()->setCurrentIndex(rules->nextCombo()->findText(QStringLiteral("Load")));
    Q_EMIT rules->nextCombo()->activated(rules->nextCombo()->currentIndex());
    expected["Choices"][1]["Next"] = "Load";
    QCOMPARE(dump(edits.last()), dump(expected));

    // an invalid Variable blocks, and says so on the rule
    QVERIFY(rules->selectRule(QStringLiteral("/0")));
    const size_t before = edits.count();
    typeInto(rules->variableEdit(), QStringLiteral("price"));
    QCOMPARE(edits.count(), before);
    QVERIFY(rules->messageText().startsWith(QStringLiteral("Rule 1:")));

    // and a new rule goes out with a valid default
    typeInto(rules->variableEdit(), QStringLiteral("$.price"));
    rules->addRule();
    QCOMPARE(edits.last()["Choices"].size(), size_t(3));
    QCOMPARE(dump(edits.last()["Choices"][2]),
             dump(j(R"({"Variable": "$.value", "IsPresent": true, "Next": "Load"})")));
}

void TestInspector::choiceRuleKindChangeAndRemove()
{
    m_inspector->setState(QStringLiteral("Route"), j(kChoice), kNames);
    Edits edits(*m_inspector);
    auto *rules = qobject_cast<ChoiceRulesEditor *>(fieldOf(child<QTreeWidget>("Choices")));

    // a comparison turned into Or keeps itself as the first condition, and Next stays on the rule
    QVERIFY(rules->selectRule(QStringLiteral("/0")));
    rules->kindCombo()->setCurrentIndex(2);
    Q_EMIT rules->kindCombo()->activated(2);
    QCOMPARE(dump(edits.last()["Choices"][0]),
             dump(j(R"({"Or": [{"Variable": "$.price", "NumericGreaterThan": 100}], "Next": "Transform"})")));

    rules->addCondition();
    QCOMPARE(edits.last()["Choices"][0]["Or"].size(), size_t(2));
    QCOMPARE(rules->selectedRule(), QStringLiteral("/0/Or/1"));

    // removing the rule inside a Not removes the Not
    QVERIFY(rules->selectRule(QStringLiteral("/1/And/1/Not")));
    rules->removeSelected();
    QCOMPARE(dump(edits.last()["Choices"][1]),
             dump(j(R"({"And": [{"Variable": "$.kind", "StringEquals": "x"}], "Next": "Done"})")));

    QVERIFY(rules->selectRule(QStringLiteral("/1")));
    rules->moveSelected(-1);
    QCOMPARE(dump(edits.last()["Choices"][0]["Next"]), dump(Json("Done")));
    QCOMPARE(rules->selectedRule(), QStringLiteral("/0"));
}

void TestInspector::choiceDefault()
{
    m_inspector->setState(QStringLiteral("Route"), j(kChoice), kNames);
    Edits edits(*m_inspector);
    auto *def = child<QComboBox>("Default");
    QCOMPARE(def->currentText(), QStringLiteral("Failed"));
    def->setCurrentIndex(0); // none
    Q_EMIT def->activated(0);
    Json expected = j(kChoice);
    expected.erase("Default");
    QCOMPARE(dump(edits.last()), dump(expected));
}

void TestInspector::jsonTabRoundTrip()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *json = child<JsonEdit>("json");
    QCOMPARE(dump(Json::parse(json->toPlainText().toStdString())), dump(j(kTask)));
    QVERIFY(json->toPlainText().startsWith(QStringLiteral("{\n  \"Type\": \"Task\"")));
    // retriers, catchers and rules read as people write them: ErrorEquals first, Next last
    const QString text = json->toPlainText();
    QVERIFY(text.indexOf(QStringLiteral("\"ErrorEquals\"")) <
            text.indexOf(QStringLiteral("\"MaxAttempts\"")));
    QVERIFY(text.indexOf(QStringLiteral("\"Failed\"")) > text.indexOf(QStringLiteral("\"$.error\"")));

    // form -> JSON
    typeInto(child<QLineEdit>("Comment"), QStringLiteral("fetch"));
    Json expected = j(kTask);
    expected["Comment"] = "fetch";
    QCOMPARE(dump(Json::parse(json->toPlainText().toStdString())), dump(expected));

    // JSON -> form, one emission
    expected["TimeoutSeconds"] = 15;
    expected["OutputPath"] = "$.body";
    json->selectAll();
    json->insertPlainText(QString::fromStdString(expected.dump(2)));
    child<QPushButton>("jsonApply")->click();
    QCOMPARE(edits.count(), size_t(2));
    QCOMPARE(dump(edits.last()), dump(expected));
    QCOMPARE(child<QLineEdit>("TimeoutSeconds")->text(), QStringLiteral("15"));
    QCOMPARE(child<QLineEdit>("OutputPath")->text(), QStringLiteral("$.body"));
}

void TestInspector::jsonTabInvalidLosesNothing()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    auto *json = child<JsonEdit>("json");
    json->selectAll();
    json->insertPlainText(QStringLiteral(R"({"Type": "Task", "Resource": )"));
    QVERIFY(!child<QPushButton>("jsonApply")->isEnabled());
    QVERIFY(child<QLabel>("jsonMessage")->text().startsWith(QStringLiteral("Not valid JSON")));
    QTest::keyClick(json, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(edits.count(), size_t(0));
    QCOMPARE(json->toPlainText(), QStringLiteral(R"({"Type": "Task", "Resource": )")); // kept for fixing
    QCOMPARE(dump(m_inspector->stateJson()), dump(j(kTask)));

    json->selectAll();
    json->insertPlainText(QStringLiteral(R"({"Type": "Pass", "End": true})"));
    QVERIFY(child<QLabel>("jsonMessage")->text().contains(QStringLiteral("Type")));
    QVERIFY(!child<QPushButton>("jsonApply")->isEnabled());

    child<QPushButton>("jsonRevert")->click();
    QCOMPARE(dump(Json::parse(json->toPlainText().toStdString())), dump(j(kTask)));
    QVERIFY(child<QLabel>("jsonMessage")->isHidden());
    QCOMPARE(edits.count(), size_t(0));

    // Revert also drops a valid edit: clicking it does not first apply the text by taking the focus
    json->setFocus();
    json->selectAll();
    json->insertPlainText(QStringLiteral(R"({"Type": "Task", "Resource": "sluice:sql", "End": true})"));
    QTest::mouseClick(child<QPushButton>("jsonRevert"), Qt::LeftButton);
    QCOMPARE(edits.count(), size_t(0));
    QCOMPARE(dump(Json::parse(json->toPlainText().toStdString())), dump(j(kTask)));
}

void TestInspector::renameRequestedAndRefused()
{
    m_inspector->setState(QStringLiteral("Load"), j(kTask), kNames);
    Edits edits(*m_inspector);
    QSignalSpy renames(m_inspector.get(), &StateInspector::renameRequested);
    auto *name = child<QLineEdit>("Name");

    typeInto(name, QStringLiteral("Done")); // taken
    QCOMPARE(renames.count(), 0);
    QVERIFY(name->property("invalid").toBool());

    typeInto(name, QStringLiteral("Fetch"));
    QCOMPARE(renames.count(), 1);
    QCOMPARE(renames.at(0).at(0).toString(), QStringLiteral("Load"));
    QCOMPARE(renames.at(0).at(1).toString(), QStringLiteral("Fetch"));
    QCOMPARE(edits.count(), size_t(0));
}

void TestInspector::focusFieldFocusesTheEditor_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("widget");
    QTest::newRow("retry cell") << QString::fromUtf8(kTask) << "/Retry/1/MaxAttempts"
                                << "Retry";
    QTest::newRow("parameters") << QString::fromUtf8(kTask) << "/Parameters/url.$"
                                << "Parameters";
    QTest::newRow("timeout") << QString::fromUtf8(kTask) << "/TimeoutSeconds"
                             << "TimeoutSeconds";
    QTest::newRow("timeout path") << QString::fromUtf8(kTask) << "/TimeoutSecondsPath"
                                  << "TimeoutSeconds";
    QTest::newRow("end") << QString::fromUtf8(kTask) << "/End"
                         << "Next";
    QTest::newRow("name") << QString::fromUtf8(kTask) << ""
                          << "Name";
    QTest::newRow("rule variable") << QString::fromUtf8(kChoice) << "/Choices/1/And/0/Variable"
                                   << "Choices.Variable";
    QTest::newRow("rule next") << QString::fromUtf8(kChoice) << "/Choices/0/Next"
                               << "Choices.Next";
    QTest::newRow("rule operand") << QString::fromUtf8(kChoice) << "/Choices/0/NumericGreaterThan"
                                  << "Choices.value";
    QTest::newRow("map mode") << QString::fromUtf8(kMap) << "/ItemProcessor/ProcessorConfig/Mode"
                              << "ProcessorConfig.Mode";
    QTest::newRow("catch next") << QString::fromUtf8(kMap) << "/Catch/0/Next"
                                << "Catch";
}

void TestInspector::focusFieldFocusesTheEditor()
{
    QFETCH(QString, state);
    QFETCH(QString, pointer);
    QFETCH(QString, widget);
    m_inspector->setState(QStringLiteral("Load"), Json::parse(state.toStdString()), kNames);
    m_inspector->findChild<QTabWidget *>()->setCurrentIndex(1); // starting from the JSON tab

    m_inspector->focusField(pointer);

    QWidget *expected = m_inspector->findChild<QWidget *>(widget);
    QVERIFY(expected);
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus == expected || (focus && expected->isAncestorOf(focus)),
             qPrintable(focus ? focus->objectName() : QStringLiteral("(none)")));
    QCOMPARE(m_inspector->findChild<QTabWidget *>()->currentIndex(), 0);
    if (pointer.startsWith(QStringLiteral("/Retry/"))) {
        auto *table = qobject_cast<QTableWidget *>(expected);
        QCOMPARE(table->currentRow(), 1);
        QCOMPARE(table->currentColumn(), 2); // MaxAttempts
    }
    if (pointer == QStringLiteral("/TimeoutSecondsPath"))
        QCOMPARE(m_inspector->findChild<QComboBox *>(QStringLiteral("TimeoutSeconds.kind"))->currentIndex(),
                 1);
    if (pointer.startsWith(QStringLiteral("/Choices/1/And/0"))) {
        auto *rules = qobject_cast<ChoiceRulesEditor *>(
            fieldOf(m_inspector->findChild<QTreeWidget *>(QStringLiteral("Choices"))));
        QCOMPARE(rules->selectedRule(), QStringLiteral("/1/And/0"));
    }
}

void TestInspector::focusFieldOutsideTheFormOpensJson()
{
    m_inspector->setState(QStringLiteral("PerRow"), j(kMap), kNames);
    m_inspector->focusField(QStringLiteral("/ItemProcessor/States/Clean/End"));
    auto *json = child<JsonEdit>("json");
    QCOMPARE(m_inspector->findChild<QTabWidget *>()->currentIndex(), 1);
    QCOMPARE(QApplication::focusWidget(), json);
    QVERIFY2(json->textCursor().block().text().contains(QStringLiteral("\"End\": true")),
             qPrintable(json->textCursor().block().text()));
}

void TestInspector::pathsAndTemplatesComplete()
{
    m_inspector->setState(QStringLiteral("PerRow"), j(kMap), kNames);
    // a path field completes $$ context fields and intrinsic names over its whole text
    QCompleter *completer = child<QLineEdit>("ItemsPath")->completer();
    QVERIFY(completer);
    completer->setCompletionPrefix(QStringLiteral("$$.Map.Item."));
    QStringList offered;
    for (int i = 0; completer->setCurrentRow(i); ++i)
        offered << completer->currentCompletion();
    QCOMPARE(offered,
             (QStringList{QStringLiteral("$$.Map.Item.Index"), QStringLiteral("$$.Map.Item.Value")}));

    // a template editor offers them at the cursor, inside a JSON string
    auto *selector = child<JsonEdit>("ItemSelector");
    selector->setFocus();
    selector->moveCursor(QTextCursor::End);
    selector->insertPlainText(QStringLiteral("\n"));
    QTest::keyClicks(selector, QStringLiteral("\"x.$\": \"States.Arr"));
    auto *popup = selector->findChild<QCompleter *>()->popup();
    QVERIFY(popup->isVisible());
    QStringList names;
    for (int row = 0; row < popup->model()->rowCount(); ++row)
        names << popup->model()->index(row, 0).data().toString();
    QVERIFY2(names.contains(QStringLiteral("States.ArrayPartition(")), qPrintable(names.join(u',')));
    QVERIFY(!names.contains(QStringLiteral("States.Format(")));
    QTest::keyClick(popup, Qt::Key_Escape);
}

void TestInspector::screenshotsFitTheDock_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("german");
    QTest::newRow("task") << QString::fromUtf8(kTask) << "inspector-task.png" << false;
    QTest::newRow("choice") << QString::fromUtf8(kChoice) << "inspector-choice.png" << false;
    QTest::newRow("map") << QString::fromUtf8(kMap) << "inspector-map.png" << false;
    // German labels are longer; the catalogue is built with the sluice target
    QTest::newRow("task de") << QString::fromUtf8(kTask) << "inspector-task-de.png" << true;
    QTest::newRow("map de") << QString::fromUtf8(kMap) << "inspector-map-de.png" << true;
}

void TestInspector::screenshotsFitTheDock()
{
    QFETCH(QString, state);
    QFETCH(QString, file);
    QFETCH(bool, german);
    QTranslator translator;
    if (german) {
        if (!translator.load(QStringLiteral(SLUICE_BIN_DIR "/../app/sluice_de.qm")))
            QSKIP("translations/sluice_de.ts is not compiled yet (build the sluice target)");
        QCoreApplication::installTranslator(&translator);
        m_inspector = std::make_unique<StateInspector>();
        m_inspector->show();
    }
    const auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
    m_inspector->resize(340, 1400);
    m_inspector->setState(QStringLiteral("Load"), Json::parse(state.toStdString()), kNames);
    QApplication::processEvents();
    auto *scroll = child<QScrollArea>("formScroll");
    QWidget *form = scroll->widget();
    // the whole form in one picture, at the dock's width (word-wrapped captions make it taller than its hint)
    m_inspector->resize(340, 4000);
    QApplication::processEvents();
    const int formHeight = form->layout()->totalHeightForWidth(scroll->viewport()->width());
    m_inspector->resize(340,
                        std::max(600, formHeight + scroll->mapTo(m_inspector.get(), QPoint(0, 0)).y() + 8));
    QApplication::processEvents();
    const QString path = QDir(QStringLiteral(SLUICE_BIN_DIR)).filePath(file);
    QVERIFY(m_inspector->grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
    // nothing is cut off on the right: the form needs no more width than the dock gives it
    QVERIFY2(form->minimumSizeHint().width() <= scroll->viewport()->width(),
             qPrintable(QStringLiteral("form needs %1 px, has %2")
                            .arg(form->minimumSizeHint().width())
                            .arg(scroll->viewport()->width())));
    for (auto *field : form->findChildren<InspectorField *>()) {
        if (field->isVisibleTo(form))
            QVERIFY2(field->geometry().right() <= form->width(), qPrintable(field->helpKey()));
    }
    // and the JSON tab
    m_inspector->findChild<QTabWidget *>()->setCurrentIndex(1);
    m_inspector->resize(340, 700);
    QApplication::processEvents();
    QVERIFY(
        m_inspector->grab().save(QString(path).replace(QStringLiteral(".png"), QStringLiteral("-json.png"))));
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
