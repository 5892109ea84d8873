#include "editor/EdgeItem.h"
#include "editor/EditorDocument.h"
#include "editor/GraphScene.h"
#include "editor/GraphView.h"
#include "editor/StateItem.h"

#include <QGraphicsSceneMouseEvent>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using sluice::StateType;
using sluice::ui::EdgeItem;
using sluice::ui::EdgeKind;
using sluice::ui::EditorDocument;
using sluice::ui::GraphScene;
using sluice::ui::StateItem;

namespace {

const QByteArray kFlow = R"({
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
                                                            "Right": {"Type": "Pass", "End": true}}},
                             {"StartAt": "Other", "States": {"Other": {"Type": "Wait", "Seconds": 3, "End": true}}}],
                "Next": "Done"},
    "Report": {"Type": "Pass", "Next": "Reject"},
    "Reject": {"Type": "Fail", "Error": "Rejected"},
    "Done": {"Type": "Succeed"}
  }
}
)";

const QString kLoad = QStringLiteral("/States/Load");
const QString kCheck = QStringLiteral("/States/Check");
const QString kFan = QStringLiteral("/States/Fan out");
const QString kLeft = QStringLiteral("/States/Fan out/Branches/0/States/Left");
const QString kDone = QStringLiteral("/States/Done");

void sendMouse(GraphScene &scene, QEvent::Type type, QPointF scenePos)
{
    QGraphicsSceneMouseEvent event(type);
    event.setScenePos(scenePos);
    event.setButton(Qt::LeftButton);
    event.setButtons(type == QEvent::GraphicsSceneMouseRelease ? Qt::NoButton : Qt::LeftButton);
    event.setButtonDownScenePos(Qt::LeftButton, scenePos);
    QCoreApplication::sendEvent(&scene, &event);
}

EdgeItem *findEdge(const GraphScene &scene, const QString &from, EdgeKind kind)
{
    for (EdgeItem *edge : scene.edgeItems()) {
        if (edge->edge().from == from && edge->edge().kind == kind)
            return edge;
    }
    return nullptr;
}

QRectF cardInScene(const StateItem *item)
{
    return item->mapRectToScene(item->cardRect());
}

} // namespace

class TestGraphScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void itemsMirrorTheDocument();
    void laysOutWithoutOverlaps();
    void collapseHidesAndUndoRestores();
    void dropOnEdgeInserts();
    void dropIntoContainerAddsToItsMachine();
    void portDragConnectsOrSaysWhyNot();
    void moveIsOneUndoStep();
    void problemsShowAsBadges();
    void rendersAtEveryZoom();

private:
    std::unique_ptr<EditorDocument> m_doc;
    std::unique_ptr<GraphScene> m_scene;
};

void TestGraphScene::init()
{
    m_doc = std::make_unique<EditorDocument>();
    QVERIFY(m_doc->load(kFlow).ok());
    m_scene = std::make_unique<GraphScene>(m_doc.get());
}

void TestGraphScene::cleanup()
{
    m_scene.reset();
    m_doc.reset();
}

void TestGraphScene::itemsMirrorTheDocument()
{
    QCOMPARE(m_scene->stateItemCount(), 10);
    QCOMPARE(m_scene->edgeItems().size(), size_t(8));
    const EdgeItem *rule = findEdge(*m_scene, kCheck, EdgeKind::ChoiceRule);
    QVERIFY(rule);
    QCOMPARE(rule->edge().label, QStringLiteral("$.price > 100"));
    QCOMPARE(rule->target()->pointer(), QStringLiteral("/States/Save"));
    const EdgeItem *caught = findEdge(*m_scene, QStringLiteral("/States/Save"), EdgeKind::Catch);
    QVERIFY(caught && caught->edge().label == QStringLiteral("States.ALL"));
    // nested states are children of their container, and so are their edges
    StateItem *left = m_scene->stateItem(kLeft);
    QCOMPARE(left->parentItem(), m_scene->stateItem(kFan));
    QVERIFY(m_scene->stateItem(kLoad)->info().start);
    QVERIFY(m_scene->stateItem(kDone)->info().end);
    QCOMPARE(m_scene->stateItem(QStringLiteral("/States/Load"))->info().summary, QStringLiteral("sluice:http"));

    // an edit shows at once
    QVERIFY(m_doc->renameState(kLoad, QStringLiteral("Fetch")).ok());
    QVERIFY(!m_scene->stateItem(kLoad));
    QVERIFY(m_scene->stateItem(QStringLiteral("/States/Fetch"))->info().start);
    QCOMPARE(m_scene->edgeItems().size(), size_t(8));
}

void TestGraphScene::laysOutWithoutOverlaps()
{
    // every state got a position, and no two cards of one machine overlap
    const QStringList pointers = m_doc->statePointers();
    for (const QString &p : pointers)
        QVERIFY2(m_doc->layout().positions.contains(p), qPrintable(p));
    for (int i = 0; i < pointers.size(); ++i) {
        for (int j = i + 1; j < pointers.size(); ++j) {
            const StateItem *a = m_scene->stateItem(pointers[i]);
            const StateItem *b = m_scene->stateItem(pointers[j]);
            if (a->parentItem() != b->parentItem())
                continue;
            QVERIFY2(!a->sceneBoundingRect().isEmpty(), "item has a size");
            QVERIFY2(!QRectF(a->scenePos(), a->size()).intersects(QRectF(b->scenePos(), b->size())),
                     qPrintable(pointers[i] + QStringLiteral(" overlaps ") + pointers[j]));
        }
    }
    // the container wraps its states
    const StateItem *fan = m_scene->stateItem(kFan);
    for (const QString &p : pointers) {
        if (p.startsWith(kFan + QLatin1Char('/')))
            QVERIFY(QRectF(fan->scenePos(), fan->size()).contains(cardInScene(m_scene->stateItem(p))));
    }
    // the start is above what follows it
    QVERIFY(m_scene->stateItem(kLoad)->scenePos().y() < m_scene->stateItem(kCheck)->scenePos().y());
}

void TestGraphScene::collapseHidesAndUndoRestores()
{
    const QSizeF open = m_scene->stateItem(kFan)->size();
    m_doc->setCollapsed(kFan, true);
    QVERIFY(!m_scene->stateItem(kLeft));
    QVERIFY(m_scene->stateItem(kFan)->size().height() < open.height());
    m_doc->undoStack()->undo();
    QVERIFY(m_scene->stateItem(kLeft));
    QCOMPARE(m_scene->stateItem(kFan)->size(), open);
}

void TestGraphScene::dropOnEdgeInserts()
{
    EdgeItem *edge = findEdge(*m_scene, kLoad, EdgeKind::Next);
    QVERIFY(edge);
    const QPointF onEdge = edge->mapToScene(edge->path().pointAtPercent(0.5));
    QVERIFY(m_scene->dropEntry(StateType::Wait, {}, onEdge));
    const auto &states = m_doc->definition()["States"];
    QCOMPARE(states["Load"]["Next"].get<std::string>(), std::string("Wait"));
    QCOMPARE(states["Wait"]["Next"].get<std::string>(), std::string("Check"));
    QCOMPARE(m_scene->selectedStates(), QStringList{QStringLiteral("/States/Wait")});
}

void TestGraphScene::dropIntoContainerAddsToItsMachine()
{
    const StateItem *fan = m_scene->stateItem(kFan);
    const StateItem *left = m_scene->stateItem(kLeft);
    // just below the first branch's last state, inside the frame
    const QPointF inside = fan->mapToScene(QPointF(left->pos().x() + 30, fan->size().height() - 12));
    QVERIFY(m_scene->dropEntry(StateType::Task, QStringLiteral("sluice:shell"), inside));
    const QStringList branch = m_doc->statesIn(kFan + QStringLiteral("/Branches/0"));
    QCOMPARE(branch.size(), 3);
    QCOMPARE(branch.last(), kFan + QStringLiteral("/Branches/0/States/Run command"));
    QVERIFY(m_scene->stateItem(branch.last())->parentItem() == fan);
}

void TestGraphScene::portDragConnectsOrSaysWhyNot()
{
    QSignalSpy messages(m_scene.get(), &GraphScene::message);
    StateItem *report = m_scene->stateItem(QStringLiteral("/States/Report"));
    StateItem *done = m_scene->stateItem(kDone);
    // from Report's port onto Done
    sendMouse(*m_scene, QEvent::GraphicsSceneMousePress, report->mapToScene(report->portPos()));
    sendMouse(*m_scene, QEvent::GraphicsSceneMouseMove, cardInScene(done).center());
    sendMouse(*m_scene, QEvent::GraphicsSceneMouseRelease, cardInScene(done).center());
    QCOMPARE(m_doc->definition()["States"]["Report"]["Next"].get<std::string>(), std::string("Done"));
    QCOMPARE(messages.count(), 0);

    // out of a branch is refused, and the status says why
    StateItem *left = m_scene->stateItem(QStringLiteral("/States/Fan out/Branches/0/States/Right"));
    const QByteArray before = m_doc->serialized();
    sendMouse(*m_scene, QEvent::GraphicsSceneMousePress, left->mapToScene(left->portPos()));
    sendMouse(*m_scene, QEvent::GraphicsSceneMouseRelease, cardInScene(m_scene->stateItem(kDone)).center());
    QCOMPARE(messages.count(), 1);
    QVERIFY(messages.first().first().toString().contains(QStringLiteral("branch")));
    QCOMPARE(m_doc->serialized(), before);
}

void TestGraphScene::moveIsOneUndoStep()
{
    StateItem *load = m_scene->stateItem(kLoad);
    const QPointF start = load->pos();
    const QPointF grab = cardInScene(load).center() + QPointF(0, -10);
    sendMouse(*m_scene, QEvent::GraphicsSceneMousePress, grab);
    QVERIFY(load->isSelected());
    load->setPos(start + QPointF(100, 40));   // what a drag does
    sendMouse(*m_scene, QEvent::GraphicsSceneMouseRelease, grab + QPointF(100, 40));
    QCOMPARE(m_doc->layout().positions.value(kLoad), start + QPointF(100, 40));
    QCOMPARE(m_doc->undoStack()->count(), 1);
    m_doc->undoStack()->undo();
    QCOMPARE(m_scene->stateItem(kLoad)->pos(), start);

    m_scene->setSnapToGrid(true);
    m_scene->stateItem(kLoad)->setPos(QPointF(13, 29));
    QCOMPARE(m_scene->stateItem(kLoad)->pos(), QPointF(20, 20));
}

void TestGraphScene::problemsShowAsBadges()
{
    QVERIFY(m_doc->replaceState(kLeft, sluice::Json::parse(R"({"Type": "Pass", "Next": "Nowhere"})")).ok());
    StateItem *left = m_scene->stateItem(kLeft);
    QCOMPARE(left->info().problems.size(), 1);
    QVERIFY(left->toolTip().contains(QStringLiteral("Nowhere")));
    m_doc->undoStack()->undo();
    QVERIFY(m_scene->stateItem(kLeft)->info().problems.isEmpty());
    QVERIFY(m_scene->stateItem(kLeft)->toolTip().isEmpty());
}

void TestGraphScene::rendersAtEveryZoom()
{
    // near and far: the far view draws blocks only, the near one text; both paint something
    QImage image(800, 600, QImage::Format_ARGB32_Premultiplied);
    for (double zoom : {0.2, 1.0, 2.0}) {
        image.fill(Qt::white);
        QPainter painter(&image);
        const QRectF bounds = m_scene->itemsBoundingRect();
        const QRectF source(bounds.center() - QPointF(400 / zoom, 300 / zoom), QSizeF(800 / zoom, 600 / zoom));
        m_scene->render(&painter, QRectF(0, 0, 800, 600), source);
        painter.end();
        int coloured = 0;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                coloured += image.pixelColor(x, y).saturation() > 60 ? 1 : 0;
        }
        QVERIFY2(coloured > 10, qPrintable(QStringLiteral("zoom %1 drew nothing coloured").arg(zoom)));
    }
}

QTEST_MAIN(TestGraphScene)
#include "tst_graphscene.moc"
