// The designer as a person drives it: the main window, its actions, files on disk.

#include "MainWindow.h"
#include "ProblemListModel.h"
#include "definition/Parser.h"
#include "editor/EditorDocument.h"
#include "editor/GraphScene.h"
#include "editor/GraphView.h"
#include "editor/StateItem.h"
#include "dlq/DlqBrowser.h"
#include "dlq/DlqEntryModel.h"
#include "editor/inspector/StateInspector.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QImage>
#include <QPalette>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using sluice::StateType;
using sluice::ui::EdgeKind;
using sluice::ui::MainWindow;

namespace {

const QByteArray kBrokenNext = R"({
  "StartAt": "First",
  "States": {
    "First": {"Type": "Pass", "Next": "Done"},
    "Done": {"Type": "Pass", "Next": "Nowhere"}
  }
}
)";

const char *const kSqlFields = R"json({"Type": "Task", "Resource": "sluice:sql",
    "Parameters": {"Sql": "insert into products values (1)"}, "ResultPath": null, "End": true})json";

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool openAndWait(MainWindow &window, const QString &path)
{
    QSignalSpy shown(&window, &MainWindow::definitionShown);
    return window.openFile(path) && (shown.count() > 0 || shown.wait(5000));
}

} // namespace

class TestEditorWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void examplesResaveByteIdentically_data();
    void examplesResaveByteIdentically();
    void buildsAWorkflowThroughItsActions();
    void validationMarkersAppearAndClear();
    void clickingAProblemSelectsItsState();
    void malformedFileKeepsTheOpenDocument();
    void positionsComeBackFromTheSidecar();
    void importsYamlAsAnUnsavedJsonDocument();
    void malformedYamlKeepsTheOpenDocument();
    void exportNamesSluiceResources();
    void exportWarnsBeforeWriting();
    void titleShowsUnsavedChanges();
    void canvasFollowsALightOrDarkPalette();
    void inspectorEditsTheSelectedState();
    void dlqDockOpensTheDefaultStoreWhenShown();

private:
    QTemporaryDir m_dir;
};

void TestEditorWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SluiceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_editorwindow"));
    QVERIFY(m_dir.isValid());
}

void TestEditorWindow::init()
{
    QSettings().clear();
}

void TestEditorWindow::examplesResaveByteIdentically_data()
{
    QTest::addColumn<QString>("path");
    // The reference scenarios keep their definitions in folders of their own (product-sync/, ...).
    const QDir examples(QStringLiteral(SLUICE_EXAMPLES));
    QDirIterator it(examples.path(), {QStringLiteral("*.asl.json")}, QDir::Files, QDirIterator::Subdirectories);
    int rows = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QTest::newRow(qPrintable(examples.relativeFilePath(path))) << path;
        ++rows;
    }
    QVERIFY(rows >= 2);
}

void TestEditorWindow::examplesResaveByteIdentically()
{
    QFETCH(QString, path);
    MainWindow window;
    QVERIFY(openAndWait(window, path));
    QVERIFY(window.document()->isValid());
    const QString copy = m_dir.filePath(QFileInfo(path).fileName());
    QVERIFY(window.saveTo(copy));
    const QList<QByteArray> saved = readAll(copy).split('\n');
    const QList<QByteArray> original = readAll(path).split('\n');
    for (qsizetype i = 0; i < std::min(saved.size(), original.size()); ++i)
        QVERIFY2(saved[i] == original[i], qPrintable(QStringLiteral("line %1: saved %2, was %3")
                                                        .arg(i + 1)
                                                        .arg(QString::fromUtf8(saved[i]), QString::fromUtf8(original[i]))));
    QCOMPARE(readAll(copy), readAll(path));
    QVERIFY(QFile::exists(MainWindow::layoutPathFor(copy)));
    QVERIFY(!window.isWindowModified());
}

void TestEditorWindow::buildsAWorkflowThroughItsActions()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.newWorkflow());
    sluice::ui::GraphScene *scene = window.graphScene();
    sluice::ui::EditorDocument *doc = window.document();
    const QString start = QStringLiteral("/States/Start");

    // add from the palette (a drop where no edge runs), connect by the port's gesture, set fields
    QVERIFY(scene->dropEntry(StateType::Task, QStringLiteral("sluice:http"), QPointF(1500, 0)));
    QVERIFY(scene->dropEntry(StateType::Task, QStringLiteral("sluice:sql"), QPointF(1500, 300)));
    QVERIFY(scene->dropEntry(StateType::Fail, {}, QPointF(1900, 300)));
    const QString http = QStringLiteral("/States/HTTP request");
    const QString sql = QStringLiteral("/States/SQL query");
    const QString fail = QStringLiteral("/States/Fail");
    QVERIFY(scene->connectStates(start, http));
    QVERIFY(scene->connectStates(http, sql));
    QVERIFY(doc->connectStates(http, fail, EdgeKind::Catch).ok());
    const auto sqlFields = sluice::Json::parse(kSqlFields);
    QVERIFY(doc->replaceState(sql, sqlFields).ok());
    QVERIFY(doc->renameState(fail, QStringLiteral("Give up")).ok());

    // group the SQL step into a Map through the menu, undo it, redo it
    scene->selectState(sql);
    window.action(QStringLiteral("actionGroupMap"))->trigger();
    QVERIFY(doc->hasState(QStringLiteral("/States/Process each/ItemProcessor/States/SQL query")));
    const QByteArray grouped = doc->serialized();
    window.action(QStringLiteral("actionUndo"))->trigger();
    QVERIFY(doc->hasState(sql));
    window.action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(doc->serialized(), grouped);
    QVERIFY2(doc->isValid(), doc->problems().empty() ? "" : qPrintable(doc->problems().front().toString()));

    const QString path = m_dir.filePath(QStringLiteral("built.asl.json"));
    QVERIFY(window.saveTo(path));
    const QByteArray expected = R"json({
      "StartAt": "Start",
      "States": {
        "Start": {"Type": "Pass", "Next": "HTTP request"},
        "HTTP request": {"Type": "Task", "Resource": "sluice:http",
                         "Parameters": {"Method": "GET", "Url": "http://127.0.0.1:8080/"},
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Give up"}],
                         "Next": "Process each"},
        "Process each": {"Type": "Map",
                         "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "SQL query",
                                           "States": {"SQL query": {"Type": "Task", "Resource": "sluice:sql",
                                               "Parameters": {"Sql": "insert into products values (1)"},
                                               "ResultPath": null, "End": true}}},
                         "End": true},
        "Give up": {"Type": "Fail", "Error": "Failed"}
      }
    })json";
    const auto workflow = sluice::definition::parse(expected);
    QVERIFY(workflow.ok());
    const QByteArray saved = readAll(path);
    if (saved != sluice::definition::serialize(**workflow))
        qWarning("%s", saved.constData());
    QCOMPARE(saved, sluice::definition::serialize(**workflow));
    QVERIFY(!window.isWindowModified());
}

void TestEditorWindow::validationMarkersAppearAndClear()
{
    MainWindow window;
    const QString path = m_dir.filePath(QStringLiteral("broken.asl.json"));
    QVERIFY(writeAll(path, kBrokenNext));
    QVERIFY(openAndWait(window, path));
    const QString done = QStringLiteral("/States/Done");
    QCOMPARE(window.graphScene()->stateItem(done)->info().problems.size(), 1);
    QCOMPARE(window.problemsModel()->rowCount(), 1);

    QVERIFY(window.document()->setEnd(done, true).ok());
    QVERIFY(window.graphScene()->stateItem(done)->info().problems.isEmpty());
    QTRY_COMPARE(window.problemsModel()->rowCount(), 0);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("validityLabel"))->text(), MainWindow::tr("Valid"));

    window.action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(window.graphScene()->stateItem(done)->info().problems.size(), 1);
    QTRY_COMPARE(window.problemsModel()->rowCount(), 1);
}

void TestEditorWindow::clickingAProblemSelectsItsState()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_dir.filePath(QStringLiteral("broken-click.asl.json"));
    QVERIFY(writeAll(path, kBrokenNext));
    QVERIFY(openAndWait(window, path));
    QTreeView *problems = window.problemsView();
    const QModelIndex row = window.problemsModel()->index(0, sluice::ui::ProblemListModel::MessageColumn);
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, problems->visualRect(row).center());
    QCOMPARE(window.graphScene()->selectedStates(), QStringList{QStringLiteral("/States/Done")});
}

void TestEditorWindow::malformedFileKeepsTheOpenDocument()
{
    MainWindow window;
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json")));
    // an unsaved edit, then a file that is not JSON
    QVERIFY(window.document()->addState({}, StateType::Pass, {}, QPointF(900, 0)).ok());
    const QByteArray edited = window.document()->serialized();
    const QString broken = m_dir.filePath(QStringLiteral("not-json.asl.json"));
    QVERIFY(writeAll(broken, "{\n  \"StartAt\": \"A\",\n  \"States\": {\n"));

    QSignalSpy failed(&window, &MainWindow::openFailed);
    QVERIFY(window.openFile(broken));
    QVERIFY(failed.wait(5000));

    auto *banner = window.findChild<QLabel *>(QStringLiteral("errorBanner"));
    QVERIFY(!banner->isHidden());
    QVERIFY(banner->text().contains(QStringLiteral("not-json.asl.json")));
    QVERIFY(banner->text().contains(QStringLiteral("not JSON")));
    QCOMPARE(window.document()->serialized(), edited);
    QCOMPARE(window.document()->undoStack()->count(), 1);
    QCOMPARE(QFileInfo(window.currentFile()).fileName(), QStringLiteral("hello.asl.json"));
}

void TestEditorWindow::positionsComeBackFromTheSidecar()
{
    const QString path = m_dir.filePath(QStringLiteral("moved.asl.json"));
    QPointF moved;
    {
        MainWindow window;
        QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json")));
        const QString first = window.document()->statePointers().first();
        moved = window.document()->layout().positions.value(first) + QPointF(120, 60);
        window.document()->moveStates({{first, moved}});
        QVERIFY(window.isWindowModified());
        QVERIFY(window.saveTo(path));
    }
    MainWindow reopened;
    QVERIFY(openAndWait(reopened, path));
    const QString first = reopened.document()->statePointers().first();
    QCOMPARE(reopened.document()->layout().positions.value(first), moved);
    QCOMPARE(reopened.graphScene()->stateItem(first)->pos(), moved);
}

void TestEditorWindow::importsYamlAsAnUnsavedJsonDocument()
{
    MainWindow window;
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json")));
    const QString yaml = QStringLiteral(SLUICE_FIXTURES "/yaml/catalogue-retry.asl.yaml");
    QVERIFY(window.importFile(yaml));

    // A new, untitled document with unsaved changes, in the YAML's key order.
    QVERIFY(window.currentFile().isEmpty());
    QVERIFY(window.isWindowModified());
    QVERIFY(window.windowTitle().startsWith(MainWindow::tr("Untitled")));
    QVERIFY(window.document()->isValid());
    QVERIFY(window.document()->hasState(QStringLiteral("/States/Load each/ItemProcessor/States/Post")));
    const QByteArray expected = readAll(QStringLiteral(SLUICE_FIXTURES "/yaml/catalogue-retry.asl.json"));
    QCOMPARE(window.document()->serialized(), expected);

    // Saving writes ASL JSON and makes it that file.
    const QString path = m_dir.filePath(QStringLiteral("from-yaml.asl.json"));
    QVERIFY(window.saveTo(path));
    QCOMPARE(readAll(path), expected);
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.currentFile(), QFileInfo(path).absoluteFilePath());

    // Open… on a YAML file does the same.
    QVERIFY(openAndWait(window, yaml));
    QVERIFY(window.currentFile().isEmpty());
    QVERIFY(window.isWindowModified());
}

void TestEditorWindow::malformedYamlKeepsTheOpenDocument()
{
    MainWindow window;
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json")));
    QVERIFY(window.document()->addState({}, StateType::Pass, {}, QPointF(900, 0)).ok());
    const QByteArray edited = window.document()->serialized();
    const QString broken = m_dir.filePath(QStringLiteral("broken.asl.yaml"));
    QVERIFY(writeAll(broken, "StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n"));

    QSignalSpy failed(&window, &MainWindow::openFailed);
    QVERIFY(!window.importFile(broken));
    QCOMPARE(failed.count(), 1);
    auto *banner = window.findChild<QLabel *>(QStringLiteral("errorBanner"));
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->text().contains(QStringLiteral("broken.asl.yaml")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("line 5, column 4")), qPrintable(banner->text()));
    QCOMPARE(window.document()->serialized(), edited);
    QCOMPARE(window.document()->undoStack()->count(), 1);
    QCOMPARE(QFileInfo(window.currentFile()).fileName(), QStringLiteral("hello.asl.json"));
}

void TestEditorWindow::exportNamesSluiceResources()
{
    MainWindow window;
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/catalogue-sync.asl.json")));
    QStringList warnings;
    const QString path = m_dir.filePath(QStringLiteral("aws.json"));
    QVERIFY(window.exportForAws(path, &warnings));
    // One line per state, in document order: the Map's ItemReader and the Task inside the Map.
    QCOMPARE(warnings, (QStringList{QStringLiteral("Sync products uses sluice:file.read"),
                                    QStringLiteral("Load into CRM uses sluice:pass")}));
    QCOMPARE(readAll(path), window.document()->serialized());
    QVERIFY(!QFile::exists(MainWindow::layoutPathFor(path)));   // AWS gets plain ASL only
}

void TestEditorWindow::exportWarnsBeforeWriting()
{
    MainWindow window;
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/catalogue-sync.asl.json")));
    // File > Export asks first, naming the states; Cancel leaves without a file dialog or a file.
    QString shown;
    bool answered = false;
    QTimer::singleShot(0, &window, [&]() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        shown = box->text() + QLatin1Char('\n') + box->informativeText();
        answered = true;
        box->button(QMessageBox::Cancel)->click();
    });
    window.action(QStringLiteral("actionExport"))->trigger();
    QVERIFY(answered);
    QVERIFY2(shown.contains(QStringLiteral("Sync products uses sluice:file.read")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("Load into CRM uses sluice:pass")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("2 state")), qPrintable(shown));

    // A definition with only AWS resources exports without a question.
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json")));
    QVERIFY(window.awsExportWarnings().isEmpty());
}

void TestEditorWindow::canvasFollowsALightOrDarkPalette()
{
    // The system's palette decides: a dark one gives a dark canvas and dark cards, a light one light ones.
    const QPalette original = QApplication::palette();
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json")));
    sluice::ui::StateItem *item = window.graphScene()->stateItem(QStringLiteral("/States/Greet"));
    QVERIFY(item);
    const auto lightness = [&](QPointF scenePos) {
        const QImage image = window.graphView()->viewport()->grab().toImage();
        const QPoint at = window.graphView()->mapFromScene(scenePos);
        return image.pixelColor(at).lightness();
    };
    const QPointF background = item->mapToScene(item->boundingRect().topLeft()) - QPointF(30, 30);
    const QPointF card = item->mapToScene(QPointF(120, 50));   // right of the name, below the text

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    QApplication::setPalette(dark);
    QTRY_VERIFY2(lightness(background) < 80, "the canvas stays light under a dark palette");
    QVERIFY2(lightness(card) < 80, "the cards stay light under a dark palette");

    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Base, Qt::white);
    QApplication::setPalette(light);
    QTRY_VERIFY2(lightness(background) > 180, "the canvas stays dark under a light palette");
    QVERIFY2(lightness(card) > 180, "the cards stay dark under a light palette");
    QApplication::setPalette(original);
}

void TestEditorWindow::titleShowsUnsavedChanges()
{
    MainWindow window;
    QVERIFY(window.windowTitle().contains(QStringLiteral("[*]")));
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.document()->addState({}, StateType::Wait, {}, QPointF(400, 0)).ok());
    QVERIFY(window.isWindowModified());
    window.action(QStringLiteral("actionUndo"))->trigger();
    QVERIFY(!window.isWindowModified());
}


void TestEditorWindow::inspectorEditsTheSelectedState()
{
    MainWindow window;
    const QString path = m_dir.filePath(QStringLiteral("inspected.asl.json"));
    QVERIFY(writeAll(path, kBrokenNext));
    QVERIFY(openAndWait(window, path));
    const QByteArray before = window.document()->serialized();
    sluice::ui::StateInspector *inspector = window.inspector();
    QVERIFY(inspector);

    // Selecting a state shows it; its edit is one undoable document command.
    window.graphScene()->selectState(QStringLiteral("/States/Done"));
    QCOMPARE(window.graphScene()->selectedStates(), QStringList{QStringLiteral("/States/Done")});
    Q_EMIT inspector->stateEdited(QStringLiteral("Done"), sluice::Json::parse(R"({"Type": "Pass", "Comment": "x", "End": true})"));
    const sluice::Json after = sluice::Json::parse(window.document()->serialized().toStdString());
    QCOMPARE(QString::fromStdString(after["States"]["Done"].dump()), QStringLiteral(R"({"Comment":"x","End":true,"Type":"Pass"})"));
    QTRY_COMPARE(window.problemsModel()->rowCount(), 0);

    // A rename from the Inspector updates every reference and keeps the state selected.
    Q_EMIT inspector->renameRequested(QStringLiteral("Done"), QStringLiteral("Finish"));
    const sluice::Json renamed = sluice::Json::parse(window.document()->serialized().toStdString());
    QCOMPARE(renamed["States"]["First"]["Next"].get<std::string>(), std::string("Finish"));
    QCOMPARE(window.graphScene()->selectedStates(), QStringList{QStringLiteral("/States/Finish")});

    window.document()->undoStack()->undo();
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->serialized(), before);
}

void TestEditorWindow::dlqDockOpensTheDefaultStoreWhenShown()
{
    // A store with two DLQ entries, written by the real sluice-cli.
    const QString store = m_dir.filePath(QStringLiteral("dlq-dock.db"));
    QProcess run;
    run.start(QStringLiteral(SLUICE_BIN_DIR "/sluice-cli"),
              {QStringLiteral("run"), QStringLiteral(SLUICE_FIXTURES "/cli/orders.asl.json"), QStringLiteral("--no-delays"),
               QStringLiteral("--store"), store, QStringLiteral("--input-json"),
               QStringLiteral(R"({"orders": [{"id": 1, "rejections": 0}, {"id": 2, "rejections": 5}, {"id": 3, "rejections": 1}, {"id": 4, "rejections": 7}]})")});
    QVERIFY(run.waitForFinished(60000));
    QCOMPARE(run.exitCode(), 0);

    qputenv("SLUICE_STORE", store.toUtf8());
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.dlqBrowser()->entryModel()->rowCount(), 0);   // not opened while hidden
    window.dlqDock()->raise();
    QTRY_COMPARE(window.dlqBrowser()->entryModel()->rowCount(), 2);
    qunsetenv("SLUICE_STORE");
}

QTEST_MAIN(TestEditorWindow)
#include "tst_editorwindow.moc"
