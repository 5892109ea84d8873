#include "DefinitionView.h"
#include "JsonHighlighter.h"
#include "MainWindow.h"
#include "ProblemListModel.h"
#include "RecentFiles.h"
#include "StateOutline.h"
#include "StateTreeModel.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using sluice::ui::MainWindow;
using sluice::ui::ProblemListModel;
using sluice::ui::StateTreeModel;

// Texts are compared through tr(): the test runs without the app's translators, so "%n state(s)" stays as is.

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void opensExampleWithNestedStates();
    void summarisesEachStateType();
    void nestsParallelBranches();
    void clickingStateHighlightsItsBlock();
    void brokenNextShowsOneProblemThatMovesTheCursor();
    void missingFileSaysSoInTheStatusBar();
    void parsesOffTheGuiThread();
    void remembersRecentFiles();
    void restoresWindowLayout();
    void stateTreeModelIsConsistent();
    void problemListModelIsConsistent();
    void highlighterColoursFollowThePalette();

private:
    /// Opens `path` and waits for it to be shown.
    static bool openAndWait(MainWindow &window, const QString &path);
    QString writeFile(const QString &name, const QByteArray &contents);
    static int lineOf(const QString &text, const QString &needle);
    static QString label(const MainWindow &window, const char *name);

    QTemporaryDir m_dir;
};

namespace {

const QString kCatalogue = QStringLiteral(SLUICE_EXAMPLES "/catalogue-sync.asl.json");
const QString kHello = QStringLiteral(SLUICE_EXAMPLES "/hello.asl.json");

// "Done" names a state that does not exist: exactly one problem, at /States/Done/Next.
const QByteArray kBrokenNext = R"({
  "StartAt": "First",
  "States": {
    "First": {
      "Type": "Pass",
      "Next": "Done"
    },
    "Done": {
      "Type": "Pass",
      "Next": "Nowhere"
    }
  }
}
)";

const QByteArray kParallel = R"({
  "StartAt": "Fan out",
  "States": {
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
                                    "C": {"Type": "Succeed"}}}
      ],
      "End": true
    }
  }
}
)";

} // namespace

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SluiceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::init()
{
    QSettings().clear();
}

bool TestMainWindow::openAndWait(MainWindow &window, const QString &path)
{
    QSignalSpy shown(&window, &MainWindow::definitionShown);
    if (!window.openFile(path))
        return false;
    return shown.count() > 0 || shown.wait(5000);
}

QString TestMainWindow::writeFile(const QString &name, const QByteArray &contents)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return file.fileName();
}

int TestMainWindow::lineOf(const QString &text, const QString &needle)
{
    const qsizetype at = text.indexOf(needle);
    return at < 0 ? 0 : int(QStringView(text).left(at).count(QLatin1Char('\n'))) + 1;
}

QString TestMainWindow::label(const MainWindow &window, const char *name)
{
    const auto *found = window.findChild<QLabel *>(QString::fromLatin1(name));
    return found ? found->text() : QString();
}

void TestMainWindow::opensExampleWithNestedStates()
{
    MainWindow window;

    QVERIFY(openAndWait(window, kCatalogue));

    const StateTreeModel &model = *window.statesModel();
    QCOMPARE(model.rowCount(), 5);
    QStringList top;
    for (int row = 0; row < model.rowCount(); ++row)
        top << model.index(row, 0).data().toString();
    QCOMPARE(top, (QStringList{QStringLiteral("Prepare run"), QStringLiteral("Sync products"),
                               QStringLiteral("Summarise"), QStringLiteral("Sync complete"),
                               QStringLiteral("Sync failed")}));
    const QModelIndex map = model.index(1, 0);
    QCOMPARE(model.rowCount(map), 9);
    QCOMPARE(model.index(0, 0, map).data().toString(), QStringLiteral("Check price and stock"));
    QCOMPARE(model.index(1, StateTreeModel::SummaryColumn).data().toString(), QStringLiteral("Distributed"));
    QCOMPARE(window.problemsModel()->rowCount(), 0);
    QCOMPARE(label(window, "stateCountLabel"), MainWindow::tr("%n state(s)", nullptr, 14));
    QCOMPARE(label(window, "validityLabel"), MainWindow::tr("Valid"));
    QCOMPARE(label(window, "fileLabel"), QStringLiteral("catalogue-sync.asl.json"));
}

void TestMainWindow::summarisesEachStateType()
{
    MainWindow window;

    QVERIFY(openAndWait(window, kHello));

    const StateTreeModel &model = *window.statesModel();
    QCOMPARE(model.rowCount(), 5);
    const auto summary = [&model](int row) { return model.index(row, StateTreeModel::SummaryColumn).data().toString(); };
    QCOMPARE(model.index(1, StateTreeModel::TypeColumn).data().toString(), QStringLiteral("Wait"));
    QCOMPARE(summary(1), StateTreeModel::tr("%1 s").arg(1));
    QCOMPARE(summary(2), StateTreeModel::tr("%n rule(s)", nullptr, 1));
    QCOMPARE(summary(4), QStringLiteral("Hello.Rude"));
    QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestMainWindow::nestsParallelBranches()
{
    MainWindow window;
    const QString path = writeFile(QStringLiteral("parallel.asl.json"), kParallel);

    QVERIFY(openAndWait(window, path));

    const StateTreeModel &model = *window.statesModel();
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex parallel = model.index(0, 0);
    QCOMPARE(model.index(0, StateTreeModel::SummaryColumn).data().toString(),
             StateTreeModel::tr("%n branch(es)", nullptr, 2));
    QCOMPARE(model.rowCount(parallel), 2);
    const QModelIndex second = model.index(1, 0, parallel);
    QVERIFY(second.data(StateTreeModel::IsBranchRole).toBool());
    QCOMPARE(model.rowCount(second), 2);
    QCOMPARE(model.index(0, 0, second).data().toString(), QStringLiteral("B"));
    QCOMPARE(model.index(0, 0, second).data(StateTreeModel::PointerRole).toString(),
             QStringLiteral("/States/Fan out/Branches/1/States/B"));
    QCOMPARE(label(window, "stateCountLabel"), MainWindow::tr("%n state(s)", nullptr, 4));
}

void TestMainWindow::clickingStateHighlightsItsBlock()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, kCatalogue));
    const QString text = window.definitionView()->toPlainText();
    const int first = lineOf(text, QStringLiteral("\"Load into CRM\": {"));
    const int last = lineOf(text, QStringLiteral("\"Record load error\": {")) - 1;   // the line of its "},"
    const QModelIndex map = window.statesModel()->index(1, 0);
    const QModelIndex load = window.statesModel()->index(6, 0, map);
    QCOMPARE(load.data().toString(), QStringLiteral("Load into CRM"));
    QTreeView *tree = window.statesView();
    tree->scrollTo(load);

    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(load).center());

    QCOMPARE(window.definitionView()->highlightedRange(), std::make_pair(first, last));
    QCOMPARE(window.definitionView()->cursorPosition().first, first);
}

void TestMainWindow::brokenNextShowsOneProblemThatMovesTheCursor()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = writeFile(QStringLiteral("broken-next.asl.json"), kBrokenNext);
    QVERIFY(openAndWait(window, path));
    const int expectedLine = lineOf(QString::fromUtf8(kBrokenNext), QStringLiteral("\"Nowhere\""));

    QCOMPARE(window.problemsModel()->rowCount(), 1);
    QCOMPARE(window.statesModel()->rowCount(), 2);   // the lenient outline still shows the states
    QCOMPARE(window.statesModel()->index(1, 0).data(StateTreeModel::ProblemCountRole).toInt(), 1);
    QCOMPARE(window.statesModel()->index(0, 0).data(StateTreeModel::ProblemCountRole).toInt(), 0);
    QCOMPARE(label(window, "validityLabel"), MainWindow::tr("%n problem(s)", nullptr, 1));
    const QModelIndex problem = window.problemsModel()->index(0, ProblemListModel::MessageColumn);
    QCOMPARE(problem.data(ProblemListModel::LineRole).toInt(), expectedLine);
    QTreeView *view = window.problemsView();

    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(problem).center());

    QCOMPARE(window.definitionView()->cursorPosition().first, expectedLine);
    QCOMPARE(window.definitionView()->highlightedRange(), std::make_pair(expectedLine, expectedLine));
}

void TestMainWindow::missingFileSaysSoInTheStatusBar()
{
    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::openFailed);
    const QString missing = m_dir.filePath(QStringLiteral("no-such-workflow.asl.json"));
    const int before = window.statesModel()->rowCount();   // the new, untitled workflow

    QVERIFY(!window.openFile(missing));

    QCOMPARE(failed.count(), 1);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("no-such-workflow.asl.json")));
    QVERIFY(window.currentFile().isEmpty());
    QCOMPARE(window.statesModel()->rowCount(), before);
}

void TestMainWindow::parsesOffTheGuiThread()
{
    // 500 Pass states in a chain: openFile() must return before the parse is done.
    QByteArray big = "{\n  \"StartAt\": \"S0\",\n  \"States\": {\n";
    for (int i = 0; i < 500; ++i) {
        big += QStringLiteral("    \"S%1\": {\n      \"Type\": \"Pass\",\n      \"Result\": {\"n\": %1},\n      %2\n    }%3\n")
                   .arg(i)
                   .arg(i == 499 ? QStringLiteral("\"End\": true") : QStringLiteral("\"Next\": \"S%1\"").arg(i + 1))
                   .arg(i == 499 ? QString() : QStringLiteral(","))
                   .toUtf8();
    }
    big += "  }\n}\n";
    const QString path = writeFile(QStringLiteral("big.asl.json"), big);
    MainWindow window;
    QSignalSpy shown(&window, &MainWindow::definitionShown);

    QVERIFY(window.openFile(path));

    QCOMPARE(shown.count(), 0);   // delivered by a queued call, never inside openFile()
    QVERIFY(shown.wait(10000));
    QCOMPARE(window.statesModel()->rowCount(), 500);
    QCOMPARE(label(window, "stateCountLabel"), MainWindow::tr("%n state(s)", nullptr, 500));
}

void TestMainWindow::remembersRecentFiles()
{
    QMenu menu;
    sluice::ui::RecentFiles recent(&menu);
    for (int i = 0; i < 10; ++i)
        recent.add(m_dir.filePath(QStringLiteral("w%1.asl.json").arg(i)));
    recent.add(m_dir.filePath(QStringLiteral("w3.asl.json")));

    const QStringList files = recent.files();

    QCOMPARE(files.size(), sluice::ui::RecentFiles::kMaxEntries);
    QCOMPARE(files.first(), m_dir.filePath(QStringLiteral("w3.asl.json")));
    QCOMPARE(files.count(m_dir.filePath(QStringLiteral("w3.asl.json"))), 1);
    QVERIFY(!files.contains(m_dir.filePath(QStringLiteral("w0.asl.json"))));
}

void TestMainWindow::restoresWindowLayout()
{
    {
        MainWindow window;
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QDockWidget *>(QStringLiteral("problemsDock"))->hide();
        window.close();   // saves geometry and dock state
    }

    MainWindow restored;

    QCOMPARE(restored.size(), QSize(900, 600));
    QVERIFY(restored.findChild<QDockWidget *>(QStringLiteral("problemsDock"))->isHidden());
    QVERIFY(!restored.findChild<QDockWidget *>(QStringLiteral("statesDock"))->isHidden());
}

void TestMainWindow::stateTreeModelIsConsistent()
{
    StateTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.setOutline(sluice::ui::outline::fromJson(kParallel));
    QCOMPARE(model.rowCount(), 1);
    model.setOutline({});
    QCOMPARE(model.rowCount(), 0);
}

void TestMainWindow::problemListModelIsConsistent()
{
    ProblemListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    sluice::Error error{sluice::ErrorCode::UnknownState, QStringLiteral("no state 'X'"),
                        {QStringLiteral("/States/A/Next"), 4, 15}};

    model.setProblems({error, error});

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ProblemListModel::LocationColumn).data().toString(), QStringLiteral("4:15"));
    QCOMPARE(model.index(1, ProblemListModel::PointerColumn).data().toString(), QStringLiteral("/States/A/Next"));
    model.setProblems({});
    QCOMPARE(model.rowCount(), 0);
}

void TestMainWindow::highlighterColoursFollowThePalette()
{
    QTextDocument document;
    sluice::ui::JsonHighlighter highlighter(&document);
    using Token = sluice::ui::JsonHighlighter::Token;
    for (const QColor &base : {QColor(Qt::white), QColor(30, 30, 30)}) {
        QPalette palette;
        palette.setColor(QPalette::Base, base);

        highlighter.setPalette(palette);

        for (Token token : {Token::Key, Token::String, Token::Number, Token::Literal}) {
            const QColor colour = highlighter.format(token).foreground().color();
            QVERIFY2(qAbs(colour.lightness() - base.lightness()) > 80, qPrintable(colour.name()));
        }
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
