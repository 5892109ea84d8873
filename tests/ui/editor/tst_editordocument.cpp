#include "editor/EditorDocument.h"

#include "definition/Parser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <functional>
#include <memory>

using sluice::StateType;
using sluice::ui::EdgeKind;
using sluice::ui::EditorDocument;
using sluice::ui::OrderedJson;

namespace {

// Load -> Check (Choice) -> {Save | Reject}; Save catches into Report; a Parallel whose branch has its own
// "Save" scope-mate names.
const QByteArray kFlow = R"({
  "Comment": "editor fixture",
  "StartAt": "Load",
  "States": {
    "Load": {"Type": "Task", "Resource": "sluice:http", "Next": "Check"},
    "Check": {"Type": "Choice",
              "Choices": [{"Variable": "$.price", "NumericGreaterThan": 100, "Next": "Save"}],
              "Default": "Reject"},
    "Save": {"Type": "Task", "Resource": "sluice:sql",
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report"}], "Next": "Fan out"},
    "Fan out": {"Type": "Parallel",
                "Branches": [{"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Next": "Right"},
                                                            "Right": {"Type": "Pass", "End": true}}}],
                "Next": "Done"},
    "Report": {"Type": "Pass", "Next": "Reject"},
    "Reject": {"Type": "Fail", "Error": "Rejected"},
    "Done": {"Type": "Succeed"}
  }
}
)";

const QString kLoad = QStringLiteral("/States/Load");
const QString kCheck = QStringLiteral("/States/Check");
const QString kSave = QStringLiteral("/States/Save");
const QString kFan = QStringLiteral("/States/Fan out");
const QString kLeft = QStringLiteral("/States/Fan out/Branches/0/States/Left");
const QString kRight = QStringLiteral("/States/Fan out/Branches/0/States/Right");
const QString kReport = QStringLiteral("/States/Report");
const QString kReject = QStringLiteral("/States/Reject");
const QString kDone = QStringLiteral("/States/Done");

QString firstProblem(const EditorDocument &doc)
{
    return doc.problems().empty() ? QString() : doc.problems().front().toString();
}

std::string str(const OrderedJson &j, const char *key) { return j.value(key, std::string()); }

} // namespace

class TestEditorDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void loadsValidDefinitionInAslOrder();
    void replaceKeepsNestedOrder();
    void refusesNonJsonAndKeepsDocument();
    void undoRestoresExactBytes_data();
    void undoRestoresExactBytes();
    void renameUpdatesEveryReferenceInItsScope();
    void renameRefusesTakenNames();
    void deleteSplicesPredecessorsToSuccessor();
    void deleteWithoutSuccessorDropsReferences();
    void connectRefusesIllegalEdges();
    void connectAutoUsesDefaultThenRules();
    void insertOnEdgeSplits();
    void groupIntoMapAndParallelIsValid_data();
    void groupIntoMapAndParallelIsValid();
    void groupRefusesTwoExits();
    void pasteIntoOtherDocumentRenamesClashes();
    void duplicateKeepsInternalEdges();
    void movesMergeIntoOneStep();
    void problemsBelongToStates();
    void edgesCarryRuleAndErrorLabels();
    void layoutRoundTrips();
    void validatesFiveHundredStatesQuickly();

private:
    std::unique_ptr<EditorDocument> m_doc;
};

void TestEditorDocument::init()
{
    m_doc = std::make_unique<EditorDocument>();
    QVERIFY(m_doc->load(kFlow).ok());
    QVERIFY2(m_doc->isValid(), qPrintable(firstProblem(*m_doc)));
}

void TestEditorDocument::loadsValidDefinitionInAslOrder()
{
    // A definition in ASL's order (as core serialize() writes it) saves byte for byte as it was read.
    const auto workflow = sluice::definition::parse(kFlow);
    QVERIFY(workflow.ok());
    const QByteArray canonical = sluice::definition::serialize(**workflow);
    QVERIFY(m_doc->load(canonical).ok());
    QCOMPARE(m_doc->serialized(), canonical);
    QVERIFY(m_doc->undoStack()->isClean());
    // A replaced state keeps ASL's order whatever order the new JSON had.
    QVERIFY(m_doc->replaceState(kLoad, sluice::Json::parse(R"({"Next": "Check", "Retry": [{"ErrorEquals": ["X"]}],
                                                              "Resource": "sluice:http", "Type": "Task"})"))
                .ok());
    QStringList keys;
    for (const auto &item : m_doc->definition()["States"]["Load"].items())
        keys << QString::fromStdString(item.key());
    QCOMPARE(keys, (QStringList{QStringLiteral("Type"), QStringLiteral("Resource"), QStringLiteral("Retry"),
                                QStringLiteral("Next")}));
    QCOMPARE(m_doc->statePointers().size(), 9);
    QCOMPARE(m_doc->statePointers().indexOf(kLeft), m_doc->statePointers().indexOf(kFan) + 1);
    QCOMPARE(m_doc->pointerOf(QStringLiteral("Left")), kLeft);
    QVERIFY(m_doc->pointerOf(QStringLiteral("Nobody")).isEmpty());
}

void TestEditorDocument::replaceKeepsNestedOrder()
{
    // The Inspector hands over nlohmann::json (keys sorted); an edit of a container must not sort the
    // states inside it or their fields.
    const QByteArray nested = R"({
  "StartAt": "Fan out",
  "States": {
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "Zed",
          "States": {
            "Zed": {
              "Type": "Pass",
              "Parameters": {
                "z": 1,
                "a": 2
              },
              "Next": "Alpha"
            },
            "Alpha": {
              "Type": "Pass",
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}
)";
    QVERIFY(m_doc->load(nested).ok());
    sluice::Json edited = sluice::Json::parse(m_doc->state(QStringLiteral("/States/Fan out"))->dump());
    edited["Comment"] = "both at once";

    QVERIFY(m_doc->replaceState(QStringLiteral("/States/Fan out"), edited).ok());

    QByteArray expected = nested;
    expected.replace("\"Type\": \"Parallel\",\n", "\"Type\": \"Parallel\",\n      \"Comment\": \"both at once\",\n");
    QCOMPARE(m_doc->serialized(), expected);
}

void TestEditorDocument::refusesNonJsonAndKeepsDocument()
{
    const QByteArray before = m_doc->serialized();
    const auto result = m_doc->load("{\"StartAt\": ");
    QVERIFY(!result);
    QCOMPARE(result.error().code, sluice::ErrorCode::NotJson);
    QCOMPARE(m_doc->serialized(), before);
    QVERIFY(!m_doc->load("[1, 2]"));
    QCOMPARE(m_doc->serialized(), before);
}

void TestEditorDocument::undoRestoresExactBytes_data()
{
    QTest::addColumn<int>("edit");
    const char *names[] = {"add",        "delete",    "rename",      "connect",   "connect rule", "connect catch",
                           "disconnect", "start at",  "end",         "replace",   "insert",       "group map",
                           "group par",  "paste",     "duplicate",   "collapse",  "delete nested", "rename nested"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::newRow(names[i]) << i;
}

void TestEditorDocument::undoRestoresExactBytes()
{
    QFETCH(int, edit);
    EditorDocument &doc = *m_doc;
    const QByteArray before = doc.serialized();
    const QByteArray layoutBefore = doc.layoutJson();
    bool ok = false;
    switch (edit) {
    case 0: ok = doc.addState({}, StateType::Task, QStringLiteral("sluice:http"), {10, 20}).ok(); break;
    case 1: ok = doc.deleteStates({kSave}).ok(); break;
    case 2: ok = doc.renameState(kSave, QStringLiteral("Store")).ok(); break;
    case 3: ok = doc.connectStates(kLoad, kReport, EdgeKind::Next).ok(); break;
    case 4: ok = doc.connectStates(kCheck, kDone, EdgeKind::ChoiceRule).ok(); break;
    case 5: ok = doc.connectStates(kLoad, kReject, EdgeKind::Catch).ok(); break;
    case 6: ok = doc.disconnect(kCheck, EdgeKind::Default).ok(); break;
    case 7: ok = doc.setStartAt(kCheck).ok(); break;
    case 8: ok = doc.setEnd(kLoad, true).ok(); break;
    case 9:
        ok = doc.replaceState(kLoad, sluice::Json::parse(R"({"Type": "Task", "Resource": "sluice:shell",
                                                             "TimeoutSeconds": 5, "Next": "Check"})"))
                 .ok();
        break;
    case 10: ok = doc.insertOnEdge(kLoad, EdgeKind::Next, -1, StateType::Wait).ok(); break;
    case 11: ok = doc.group({kReport}, StateType::Map).ok(); break;
    case 12: ok = doc.group({kLoad}, StateType::Parallel).ok(); break;
    case 13: {
        std::unique_ptr<QMimeData> data(doc.copy({kSave, kReport}));
        ok = doc.paste(data.get(), {}).ok();
        break;
    }
    case 14: ok = doc.duplicate({kLeft, kRight}).ok(); break;
    case 15: doc.setCollapsed(kFan, true); ok = doc.layout().collapsed.contains(kFan); break;
    case 16: ok = doc.deleteStates({kLeft}).ok(); break;
    case 17: ok = doc.renameState(kRight, QStringLiteral("Rightmost")).ok(); break;
    }
    QVERIFY(ok);
    const QByteArray after = doc.serialized();
    const QByteArray layoutAfter = doc.layoutJson();
    QVERIFY(after != before || layoutAfter != layoutBefore);
    QCOMPARE(doc.undoStack()->count(), 1);

    doc.undoStack()->undo();
    QCOMPARE(doc.serialized(), before);
    QCOMPARE(doc.layoutJson(), layoutBefore);
    QVERIFY(doc.undoStack()->isClean());
    doc.undoStack()->redo();
    QCOMPARE(doc.serialized(), after);
    QCOMPARE(doc.layoutJson(), layoutAfter);
}

void TestEditorDocument::renameUpdatesEveryReferenceInItsScope()
{
    QVERIFY(m_doc->renameState(kReject, QStringLiteral("Refuse")).ok());
    const OrderedJson &states = m_doc->definition()["States"];
    QVERIFY(states.contains("Refuse") && !states.contains("Reject"));
    QCOMPARE(str(states["Check"], "Default"), std::string("Refuse"));
    QCOMPARE(str(states["Report"], "Next"), std::string("Refuse"));
    // order kept: Refuse is still between Report and Done
    QStringList names;
    for (const auto &item : states.items())
        names << QString::fromStdString(item.key());
    QCOMPARE(names.indexOf(QStringLiteral("Refuse")), names.indexOf(QStringLiteral("Report")) + 1);

    QVERIFY(m_doc->renameState(kLoad, QStringLiteral("Fetch")).ok());
    QCOMPARE(str(m_doc->definition(), "StartAt"), std::string("Fetch"));

    // Inside a branch: the branch's StartAt and its own Next follow; the top level is untouched.
    QVERIFY(m_doc->renameState(kRight, QStringLiteral("R")).ok());
    QVERIFY(m_doc->renameState(kLeft, QStringLiteral("L")).ok());
    const OrderedJson &branch = m_doc->definition()["States"]["Fan out"]["Branches"][0];
    QCOMPARE(str(branch, "StartAt"), std::string("L"));
    QCOMPARE(str(branch["States"]["L"], "Next"), std::string("R"));
    QVERIFY(m_doc->isValid());
}

void TestEditorDocument::renameRefusesTakenNames()
{
    const QByteArray before = m_doc->serialized();
    QVERIFY(!m_doc->renameState(kLoad, QStringLiteral("Check")));
    QVERIFY(!m_doc->renameState(kLoad, QStringLiteral("Left")));   // taken in another scope
    QVERIFY(!m_doc->renameState(kLoad, QStringLiteral("   ")));
    QCOMPARE(m_doc->serialized(), before);
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void TestEditorDocument::deleteSplicesPredecessorsToSuccessor()
{
    QVERIFY(m_doc->deleteStates({kSave}).ok());
    const OrderedJson &states = m_doc->definition()["States"];
    QVERIFY(!states.contains("Save"));
    // the Choice rule that led to Save now leads where Save went
    QCOMPARE(str(states["Check"]["Choices"][0], "Next"), std::string("Fan out"));
    // Report was reached only through Save's catcher: it is unreachable now, and the validator says so
    QVERIFY(!m_doc->problemsOf(kReport).empty());

    QVERIFY(m_doc->deleteStates({kLoad}).ok());
    QCOMPARE(str(m_doc->definition(), "StartAt"), std::string("Check"));
}

void TestEditorDocument::deleteWithoutSuccessorDropsReferences()
{
    QVERIFY(m_doc->deleteStates({kReject}).ok());
    const OrderedJson &states = m_doc->definition()["States"];
    QVERIFY(!states["Check"].contains("Default"));
    QVERIFY(!states["Report"].contains("Next"));
    QVERIFY(states["Report"]["End"] == OrderedJson(true));

    QVERIFY(m_doc->deleteStates({kReport}).ok());
    QVERIFY(!m_doc->definition()["States"]["Save"].contains("Catch"));
    QVERIFY2(m_doc->isValid(), qPrintable(firstProblem(*m_doc)));
}

void TestEditorDocument::connectRefusesIllegalEdges()
{
    const QByteArray before = m_doc->serialized();
    QVERIFY(!m_doc->connectStates(kDone, kLoad, EdgeKind::Next));          // out of Succeed
    QVERIFY(!m_doc->connectStates(kReject, kLoad, EdgeKind::Next));        // out of Fail
    QVERIFY(!m_doc->connectStates(kLoad, kLeft, EdgeKind::Next));          // into a branch
    QVERIFY(!m_doc->connectStates(kRight, kDone, EdgeKind::Next));         // out of a branch
    QVERIFY(!m_doc->connectStates(kCheck, kLoad, EdgeKind::Next));         // Choice has no Next
    QVERIFY(!m_doc->connectStates(kLoad, kDone, EdgeKind::Default));       // only a Choice has a Default
    QVERIFY(!m_doc->connectStates(kReport, kDone, EdgeKind::Catch));       // Pass cannot catch
    QCOMPARE(m_doc->serialized(), before);
    QCOMPARE(m_doc->undoStack()->count(), 0);

    QVERIFY(m_doc->connectStates(kLeft, kRight, EdgeKind::Next).ok());      // inside one branch is fine
}

void TestEditorDocument::connectAutoUsesDefaultThenRules()
{
    QVERIFY(m_doc->disconnect(kCheck, EdgeKind::Default).ok());
    QVERIFY(m_doc->connectAuto(kCheck, kDone).ok());
    QCOMPARE(str(m_doc->definition()["States"]["Check"], "Default"), std::string("Done"));
    QVERIFY(m_doc->connectAuto(kCheck, kReport).ok());
    QCOMPARE(m_doc->definition()["States"]["Check"]["Choices"].size(), size_t(2));
    QVERIFY(m_doc->connectAuto(kLoad, kSave).ok());
    QCOMPARE(str(m_doc->definition()["States"]["Load"], "Next"), std::string("Save"));
}

void TestEditorDocument::insertOnEdgeSplits()
{
    const auto inserted = m_doc->insertOnEdge(kCheck, EdgeKind::ChoiceRule, 0, StateType::Wait);
    QVERIFY(inserted.ok());
    const std::string name = sluice::ui::StateRef::nameOf(*inserted).toStdString();
    const OrderedJson &states = m_doc->definition()["States"];
    QCOMPARE(str(states["Check"]["Choices"][0], "Next"), name);
    QCOMPARE(str(states[name], "Next"), std::string("Save"));
    QVERIFY(!states[name].contains("End"));
    QVERIFY2(m_doc->isValid(), qPrintable(firstProblem(*m_doc)));
    QVERIFY(!m_doc->insertOnEdge(kLoad, EdgeKind::Next, -1, StateType::Succeed));
}

void TestEditorDocument::groupIntoMapAndParallelIsValid_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("map") << int(StateType::Map);
    QTest::newRow("parallel") << int(StateType::Parallel);
}

void TestEditorDocument::groupIntoMapAndParallelIsValid()
{
    QFETCH(int, type);
    // Load and Check: Check leads out twice (rule and Default) -> refused; Save and Report form a group
    // whose only way out is Save's Next (Report's Next goes to Reject too: two exits -> refuse). Use a chain.
    const QByteArray chain = R"({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Task", "Resource": "sluice:pass", "Next": "C"},
        "C": {"Type": "Wait", "Seconds": 1, "Next": "D"},
        "D": {"Type": "Succeed"}}})";
    QVERIFY(m_doc->load(chain).ok());
    const auto group = m_doc->group({QStringLiteral("/States/B"), QStringLiteral("/States/C")}, StateType(type));
    QVERIFY2(group.ok(), group.ok() ? "" : qPrintable(group.error().message));
    QVERIFY2(m_doc->isValid(), qPrintable(firstProblem(*m_doc)));
    const auto workflow = sluice::definition::parse(m_doc->serialized());
    QVERIFY(workflow.ok());
    const sluice::State *container = (*workflow)->root.find("A")
                                         ? (*workflow)->root.find(sluice::ui::StateRef::nameOf(*group).toStdString())
                                         : nullptr;
    QVERIFY(container);
    QCOMPARE(int(container->type), type);
    QCOMPARE(container->next, std::string("D"));
    QCOMPARE((*workflow)->root.find("A")->next, container->name);
    const sluice::StateMachine &inner =
        type == int(StateType::Map) ? *container->processor : *container->branches.front();
    QCOMPARE(inner.startAt, std::string("B"));
    QCOMPARE(inner.find("B")->next, std::string("C"));
    QVERIFY(inner.find("C")->end);
    // the positions moved inside the container
    QVERIFY(m_doc->layout().positions.contains(*group + (type == int(StateType::Map)
                                                            ? QStringLiteral("/ItemProcessor/States/B")
                                                            : QStringLiteral("/Branches/0/States/B"))));
}

void TestEditorDocument::groupRefusesTwoExits()
{
    const QByteArray before = m_doc->serialized();
    const auto result = m_doc->group({kCheck}, StateType::Parallel);
    QVERIFY(!result);
    QVERIFY(result.error().message.contains(QStringLiteral("Check")));
    QCOMPARE(m_doc->serialized(), before);
}

void TestEditorDocument::pasteIntoOtherDocumentRenamesClashes()
{
    std::unique_ptr<QMimeData> data(m_doc->copy({kSave, kReport, kFan}));
    QVERIFY(data->hasFormat(EditorDocument::kMimeType));

    EditorDocument other;
    QVERIFY(other.load(kFlow).ok());
    const auto pasted = other.paste(data.get(), {});
    QVERIFY(pasted.ok());
    QCOMPARE(pasted->size(), 3);
    const OrderedJson &states = other.definition()["States"];
    QVERIFY(states.contains("Save 2") && states.contains("Report 2") && states.contains("Fan out 2"));
    // internal references follow the new names; references to states not pasted stay where they exist
    QCOMPARE(str(states["Save 2"]["Catch"][0], "Next"), std::string("Report 2"));
    QCOMPARE(str(states["Save 2"], "Next"), std::string("Fan out 2"));
    QCOMPARE(str(states["Report 2"], "Next"), std::string("Reject"));
    // nested names are unique across the whole document too
    const OrderedJson &branch = states["Fan out 2"]["Branches"][0];
    QCOMPARE(str(branch, "StartAt"), std::string("Left 2"));
    QCOMPARE(str(branch["States"]["Left 2"], "Next"), std::string("Right 2"));

    // into a document that lacks the targets: the dangling references are dropped
    EditorDocument empty;
    const auto into = empty.paste(data.get(), {});
    QVERIFY(into.ok());
    const OrderedJson &fresh = empty.definition()["States"];
        QVERIFY(fresh["Report"]["End"] == OrderedJson(true));
    QVERIFY(!fresh["Fan out"].contains("Next"));
}

void TestEditorDocument::duplicateKeepsInternalEdges()
{
    const auto copies = m_doc->duplicate({kLeft, kRight});
    QVERIFY(copies.ok());
    const OrderedJson &states = m_doc->definition()["States"]["Fan out"]["Branches"][0]["States"];
    QCOMPARE(str(states["Left 2"], "Next"), std::string("Right 2"));
    QCOMPARE(m_doc->layout().positions.value(copies->first()), QPointF(40, 40));
}

void TestEditorDocument::movesMergeIntoOneStep()
{
    m_doc->moveStates({{kLoad, QPointF(10, 10)}});
    m_doc->moveStates({{kLoad, QPointF(20, 10)}});
    m_doc->moveStates({{kLoad, QPointF(30, 15)}});
    QCOMPARE(m_doc->undoStack()->count(), 1);
    m_doc->moveStates({{kLoad, QPointF(40, 15)}, {kSave, QPointF(0, 100)}});
    QCOMPARE(m_doc->undoStack()->count(), 2);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->layout().positions.value(kLoad), QPointF(30, 15));
    QVERIFY(!m_doc->layout().positions.contains(kSave));
    m_doc->undoStack()->undo();
    QVERIFY(!m_doc->layout().positions.contains(kLoad));
}

void TestEditorDocument::problemsBelongToStates()
{
    QSignalSpy spy(m_doc.get(), &EditorDocument::problemsChanged);
    QVERIFY(m_doc->replaceState(kLeft, sluice::Json::parse(R"({"Type": "Pass", "Next": "Nowhere"})")).ok());
    QCOMPARE(spy.count(), 1);
    QVERIFY(!m_doc->isValid());
    QCOMPARE(m_doc->problemsOf(kLeft).size(), size_t(1));
    QVERIFY(m_doc->problemsOf(kFan).empty());   // a nested problem belongs to the nested state
    QCOMPARE(m_doc->stateOfPointer(m_doc->problems().front().where.pointer), kLeft);
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->isValid());
    QVERIFY(m_doc->problemsOf(kLeft).empty());
}

void TestEditorDocument::edgesCarryRuleAndErrorLabels()
{
    const auto check = m_doc->edgesFrom(kCheck);
    QCOMPARE(check.size(), size_t(2));
    QCOMPARE(check[0].kind, EdgeKind::ChoiceRule);
    QCOMPARE(check[0].label, QStringLiteral("$.price > 100"));
    QCOMPARE(check[0].to, kSave);
    QCOMPARE(check[1].kind, EdgeKind::Default);
    const auto save = m_doc->edgesFrom(kSave);
    QCOMPARE(save.size(), size_t(2));
    QCOMPARE(save[1].kind, EdgeKind::Catch);
    QCOMPARE(save[1].label, QStringLiteral("States.ALL"));
    QCOMPARE(EditorDocument::summaryOf(m_doc->definition()["States"]["Check"]), QStringLiteral("1 rule(s)"));
}

void TestEditorDocument::layoutRoundTrips()
{
    m_doc->moveStates({{kLoad, QPointF(12, 34)}, {kLeft, QPointF(5, 6)}});
    m_doc->setCollapsed(kFan, true);
    const auto layout = EditorDocument::parseLayout(m_doc->layoutJson());
    QVERIFY(layout.ok());
    QCOMPARE(*layout, m_doc->layout());
    QVERIFY(!EditorDocument::parseLayout("not json"));
    // renaming a container moves its children's positions with it
    QVERIFY(m_doc->renameState(kFan, QStringLiteral("Split")).ok());
    QCOMPARE(m_doc->layout().positions.value(QStringLiteral("/States/Split/Branches/0/States/Left")), QPointF(5, 6));
    QVERIFY(m_doc->layout().collapsed.contains(QStringLiteral("/States/Split")));
}

void TestEditorDocument::validatesFiveHundredStatesQuickly()
{
    // A chain of 500 Tasks: an edit, its validation and its undo stay interactive.
    OrderedJson def = OrderedJson::object();
    def["StartAt"] = "S0";
    def["States"] = OrderedJson::object();
    for (int i = 0; i < 500; ++i) {
        OrderedJson st = OrderedJson::object({{"Type", "Task"}, {"Resource", "sluice:pass"}});
        if (i + 1 < 500)
            st["Next"] = "S" + std::to_string(i + 1);
        else
            st["End"] = true;
        def["States"]["S" + std::to_string(i)] = st;
    }
    QVERIFY(m_doc->load(QByteArray::fromStdString(def.dump())).ok());
    QVERIFY(m_doc->isValid());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_doc->renameState(QStringLiteral("/States/S250"), QStringLiteral("Middle")).ok());
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->isValid());
    qInfo("rename + undo on 500 states: %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 1000);   // generous: speed is measured in bench_editor, not here
}

QTEST_MAIN(TestEditorDocument)
#include "tst_editordocument.moc"
