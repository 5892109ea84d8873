// The four reference scenarios of issue 5 (stand-ins with the same state shapes) built as a person builds
// them in the designer: states from the palette, names and fields through the Inspector, connections by the
// port gesture, grouping, undo and redo through the window's actions, then Save; the saved ASL must be the
// expected definition in tests/fixtures/editor/. And every example in resources/examples re-saves byte for
// byte.

#include "MainWindow.h"
#include "definition/Parser.h"
#include "editor/EditorDocument.h"
#include "editor/GraphScene.h"
#include "editor/StateItem.h"
#include "editor/inspector/JsonEdit.h"
#include "editor/inspector/StateInspector.h"

#include <QAction>
#include <QDirIterator>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using sluice::StateType;
using sluice::ui::EditorDocument;
using sluice::ui::MainWindow;
using sluice::ui::StateRef;
using Ordered = nlohmann::ordered_json;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Drives one MainWindow as a person would; each step returns false (with a warning) if the editor refused.
class Designer
{
public:
    explicit Designer(MainWindow &window) : m_window(window), m_doc(*window.document()), m_scene(*window.graphScene()) {}

    /// A palette entry dropped on an empty spot of the top level; returns the new state's pointer.
    QString add(StateType type, const QString &resource = {})
    {
        const QStringList before = m_doc.statePointers();
        m_x += 320;
        if (!m_scene.dropEntry(type, resource, QPointF(3000 + m_x, -3000)))
            return {};
        for (const QString &p : m_doc.statePointers()) {
            if (!before.contains(p))
                return p;
        }
        return {};
    }

    /// Selects the state and renames it as the Inspector's Name field does when its edit is committed.
    QString rename(const QString &pointer, const QString &name)
    {
        m_scene.selectState(pointer);
        auto *edit = m_window.inspector()->findChild<QLineEdit *>(QStringLiteral("Name"));
        if (!edit || edit->text() != StateRef::nameOf(pointer)) {
            qWarning("the Inspector does not show %s", qPrintable(pointer));
            return {};
        }
        Q_EMIT m_window.inspector()->renameRequested(StateRef::nameOf(pointer), name);
        const QString renamed = StateRef::pointer(StateRef::scopeOf(pointer), name);
        return m_doc.hasState(renamed) ? renamed : QString();
    }

    /// Selects the state and edits its JSON on the Inspector's JSON tab: `fields` set (in their order),
    /// `remove` taken out; then Apply.
    bool set(const QString &pointer, const char *fields, const QStringList &remove = {})
    {
        m_scene.selectState(pointer);
        const Ordered *current = m_doc.state(pointer);
        if (!current)
            return false;
        Ordered edited = *current;
        const Ordered patch = Ordered::parse(fields);
        for (const auto &item : patch.items())
            edited[item.key()] = item.value();
        for (const QString &key : remove)
            edited.erase(key.toStdString());
        m_window.inspector()->findChild<QTabWidget *>()->setCurrentIndex(1);
        auto *json = m_window.inspector()->findChild<sluice::ui::JsonEdit *>(QStringLiteral("json"));
        auto *apply = m_window.inspector()->findChild<QPushButton *>(QStringLiteral("jsonApply"));
        json->selectAll();
        QTest::keyClick(json, Qt::Key_Delete);
        json->insertPlainText(QString::fromStdString(edited.dump(2)));
        if (!apply->isEnabled()) {
            qWarning("the Inspector refuses the JSON of %s", qPrintable(pointer));
            return false;
        }
        const quint64 revision = m_doc.revision();
        apply->click();
        m_window.inspector()->findChild<QTabWidget *>()->setCurrentIndex(0);
        return m_doc.revision() != revision;
    }

    /// The port gesture from one state to another.
    bool connect(const QString &from, const QString &to) { return m_scene.connectStates(from, to); }

    /// Selects the states and triggers a window action on them.
    bool trigger(const char *action, const QStringList &selection = {})
    {
        if (!selection.isEmpty()) {
            m_scene.clearSelection();
            for (const QString &p : selection) {
                sluice::ui::StateItem *item = m_scene.stateItem(p);
                if (!item)
                    return false;
                item->setSelected(true);
            }
        }
        QAction *a = m_window.action(QLatin1String(action));
        if (!a || !a->isEnabled())
            return false;
        const quint64 revision = m_doc.revision();
        a->trigger();
        return m_doc.revision() != revision;
    }

    /// Undoes the last step and redoes it: the definition before, then exactly the one after again.
    bool undoRedo()
    {
        const QByteArray after = m_doc.serialized();
        const QByteArray layout = m_doc.layoutJson();
        if (!trigger("actionUndo") || m_doc.serialized() == after)
            return false;
        return trigger("actionRedo") && m_doc.serialized() == after && m_doc.layoutJson() == layout;
    }

private:
    MainWindow &m_window;
    EditorDocument &m_doc;
    sluice::ui::GraphScene &m_scene;
    double m_x = 0;
};

} // namespace

class TestEditorScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void productMasterDataSync();
    void paymentFileIngestion();
    void scheduledJoin();
    void waitForTwoDatasets();
    void everyExampleResavesByteIdentically_data();
    void everyExampleResavesByteIdentically();

private:
    /// Saves through the window and compares with tests/fixtures/editor/NAME.asl.json.
    void saveAndCompare(const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestEditorScenarios::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SluiceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_editorscenarios"));
    QVERIFY(m_dir.isValid());
}

void TestEditorScenarios::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->newWorkflow());
}

void TestEditorScenarios::cleanup()
{
    if (m_window)
        m_window->document()->undoStack()->setClean();   // nothing to ask about on close
    m_window.reset();
}

void TestEditorScenarios::saveAndCompare(const QString &name)
{
    EditorDocument *doc = m_window->document();
    if (!doc->isValid())
        qWarning("%s", doc->serialized().constData());
    QVERIFY2(doc->isValid(), doc->problems().empty() ? "" : qPrintable(doc->problems().front().toString()));
    const QString path = m_dir.filePath(name + QStringLiteral(".asl.json"));
    QVERIFY(m_window->saveTo(path));
    const QByteArray saved = readAll(path);
    if (const QByteArray out = qgetenv("SLUICE_WRITE_EXPECTED"); !out.isEmpty()) {   // to review a changed scenario
        QFile expected(QString::fromLocal8Bit(out) + QLatin1Char('/') + name + QStringLiteral(".asl.json"));
        QVERIFY(expected.open(QIODevice::WriteOnly));
        expected.write(saved);
    }
    const QByteArray expected = readAll(QStringLiteral(SLUICE_FIXTURES "/editor/") + name + QStringLiteral(".asl.json"));
    QVERIFY2(!expected.isEmpty(), qPrintable(name));
    if (saved != expected)
        qWarning("saved:\n%s", saved.constData());
    QCOMPARE(saved, expected);
    // What was saved is what core reads and writes back the same.
    const auto workflow = sluice::definition::parse(saved);
    QVERIFY2(workflow.ok(), workflow ? "" : qPrintable(workflow.error().toString()));
    QCOMPARE(sluice::definition::serialize(**workflow), saved);
    QVERIFY(!m_window->isWindowModified());
}

// 1. A manual run fetches the product IDs from the MDM, a Map fetches each product and loads it into the CRM
//    and the ERP in parallel; the ERP is retried and its rejections caught.
void TestEditorScenarios::productMasterDataSync()
{
    Designer d(*m_window);
    EditorDocument *doc = m_window->document();

    QString list = d.add(StateType::Task, QStringLiteral("sluice:http"));
    QVERIFY(d.trigger("actionSetStart", {list}));
    QVERIFY(d.trigger("actionDelete", {QStringLiteral("/States/Start")}));
    QVERIFY(!(list = d.rename(list, QStringLiteral("List product IDs"))).isEmpty());
    QVERIFY(d.set(list, R"json({"Parameters": {"Method": "GET", "Url": "http://127.0.0.1:8080/mdm/products"},
                            "ResultSelector": {"ids.$": "$.Body.ids"}})json"));

    QString fetch = d.add(StateType::Task, QStringLiteral("sluice:http"));
    QVERIFY(!(fetch = d.rename(fetch, QStringLiteral("Fetch product"))).isEmpty());
    QVERIFY(d.set(fetch, R"json({"Parameters": {"Method": "GET",
                                            "Url.$": "States.Format('http://127.0.0.1:8080/mdm/products/{}', $)"},
                             "ResultSelector": {"product.$": "$.Body"}})json"));
    QString crm = d.add(StateType::Task, QStringLiteral("sluice:http"));
    QVERIFY(!(crm = d.rename(crm, QStringLiteral("Load into CRM"))).isEmpty());
    QVERIFY(d.set(crm, R"json({"Parameters": {"Method": "PUT", "Url": "http://127.0.0.1:8080/crm/products",
                                          "Body.$": "$.product"}})json"));
    QVERIFY(d.connect(list, fetch));
    QVERIFY(d.connect(fetch, crm));

    // The CRM load goes into a Parallel; the ERP gets a branch of its own (written on the Inspector's JSON tab).
    QVERIFY(d.trigger("actionGroupParallel", {crm}));
    QVERIFY(d.undoRedo());
    QString parallel = QStringLiteral("/States/In parallel");
    QVERIFY(doc->hasState(parallel));
    QVERIFY(!(parallel = d.rename(parallel, QStringLiteral("Load CRM and ERP"))).isEmpty());
    Ordered branches = (*doc->state(parallel))["Branches"];
    branches.push_back(Ordered::parse(R"json({"StartAt": "Load into ERP", "States": {
        "Load into ERP": {"Type": "Task", "Resource": "sluice:http",
                          "Parameters": {"Method": "PUT", "Url": "http://127.0.0.1:8080/erp/products", "Body.$": "$.product"},
                          "End": true}}})json"));
    QVERIFY(d.set(parallel, ("{\"Branches\": " + branches.dump() + "}").c_str()));

    // Retry and Catch on the ERP load; the caught rejection ends its branch in a Pass added there.
    const QString erp = parallel + QStringLiteral("/Branches/1/States/Load into ERP");
    const auto rejected = doc->addState(parallel + QStringLiteral("/Branches/1"), StateType::Pass, {}, QPointF(300, 200),
                                        QStringLiteral("ERP rejected"));
    QVERIFY(rejected.ok());
    QVERIFY(d.set(*rejected, R"json({"ResultPath": "$.erpError", "End": true})json"));
    QVERIFY(d.set(erp, R"json({"Retry": [{"ErrorEquals": ["Http.503", "Http.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 5,
                                      "BackoffRate": 2.0, "JitterStrategy": "FULL"}],
                           "Catch": [{"ErrorEquals": ["Http.4xx"], "ResultPath": "$.erpError", "Next": "ERP rejected"}]})json"));

    // Fetch and load once per product: the two steps go into a Map over the IDs.
    QVERIFY(d.trigger("actionGroupMap", {fetch, parallel}));
    QVERIFY(d.undoRedo());
    QString map = d.rename(QStringLiteral("/States/Process each"), QStringLiteral("Sync each product"));
    QVERIFY(!map.isEmpty());
    QVERIFY(d.set(map, R"json({"ItemsPath": "$.ids", "MaxConcurrency": 8})json"));
    QVERIFY(doc->state(map)->value("End", false));   // the group took the place of the last state

    saveAndCompare(QStringLiteral("scenario-product-sync"));
}

// 2. A payment file is decrypted by a program, tokenized, archived, then each transaction of it (a CSV read
//    by the Map's ItemReader) is loaded into SQLite, retrying while the database is busy.
void TestEditorScenarios::paymentFileIngestion()
{
    Designer d(*m_window);
    EditorDocument *doc = m_window->document();

    QString decrypt = d.add(StateType::Task, QStringLiteral("sluice:shell"));
    QVERIFY(d.trigger("actionSetStart", {decrypt}));
    QVERIFY(d.trigger("actionDelete", {QStringLiteral("/States/Start")}));
    QVERIFY(!(decrypt = d.rename(decrypt, QStringLiteral("Decrypt"))).isEmpty());
    QVERIFY(d.set(decrypt, R"json({"Parameters": {"Command": "gpg", "Args": ["--decrypt", "--output", "work/payments.csv"],
                                              "Input.$": "$.file"},
                               "ResultPath": "$.decrypted", "TimeoutSeconds": 60})json"));
    QString tokenize = d.add(StateType::Task, QStringLiteral("sluice:shell"));
    QVERIFY(!(tokenize = d.rename(tokenize, QStringLiteral("Tokenize"))).isEmpty());
    QVERIFY(d.set(tokenize, R"json({"Parameters": {"Command": "python3", "Args": ["tokenize.py", "work/payments.csv"]},
                                "ResultPath": null})json"));
    QString archive = d.add(StateType::Task, QStringLiteral("sluice:file.write"));
    QVERIFY(!(archive = d.rename(archive, QStringLiteral("Archive"))).isEmpty());
    QVERIFY(d.set(archive, R"json({"Parameters": {"Path": "archive/payments.jsonl", "Records.$": "$"}, "ResultPath": null})json"));
    QString load = d.add(StateType::Task, QStringLiteral("sluice:sql"));
    QVERIFY(!(load = d.rename(load, QStringLiteral("Insert transaction"))).isEmpty());
    QVERIFY(d.set(load, R"json({"Parameters": {"Connection": "payments", "Operation": "Insert", "Table": "transactions",
                                           "Rows.$": "$"},
                            "Retry": [{"ErrorEquals": ["Sql.ConnectionFailed"], "IntervalSeconds": 1, "MaxAttempts": 3}]})json"));
    QVERIFY(d.connect(decrypt, tokenize));
    QVERIFY(d.connect(tokenize, archive));
    QVERIFY(d.connect(archive, load));

    // Split into transactions: the load runs once per CSV row.
    QVERIFY(d.trigger("actionGroupMap", {load}));
    QVERIFY(d.undoRedo());
    QString map = d.rename(QStringLiteral("/States/Process each"), QStringLiteral("Load each transaction"));
    QVERIFY(!map.isEmpty());
    // An ItemReader streams the file: that makes it a distributed Map.
    Ordered processor = (*doc->state(map))["ItemProcessor"];
    processor["ProcessorConfig"] = Ordered::parse(R"json({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"})json");
    QVERIFY(d.set(map, ("{\"ItemProcessor\": " + processor.dump() + "}").c_str()));
    QVERIFY(d.set(map, R"json({"ItemReader": {"Resource": "sluice:file.read",
                                          "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                                          "Parameters": {"Path": "work/payments.csv"}},
                           "MaxConcurrency": 4, "ToleratedFailureCount": 0})json"));
    QVERIFY(doc->state(map)->value("End", false));

    // A step too many, undone.
    const QByteArray before = doc->serialized();
    const QString extra = d.add(StateType::Wait);
    QVERIFY(!extra.isEmpty());
    QVERIFY(d.trigger("actionUndo"));
    QCOMPARE(doc->serialized(), before);

    saveAndCompare(QStringLiteral("scenario-payment-ingestion"));
}

// 3. Two CSV extracts read, joined and cleaned by a program; a Choice routes failed records to a table for
//    the next run, and a notification event carries the counts.
void TestEditorScenarios::scheduledJoin()
{
    Designer d(*m_window);
    EditorDocument *doc = m_window->document();

    QString orders = d.add(StateType::Task, QStringLiteral("sluice:file.read"));
    QVERIFY(d.trigger("actionSetStart", {orders}));
    QVERIFY(d.trigger("actionDelete", {QStringLiteral("/States/Start")}));
    QVERIFY(!(orders = d.rename(orders, QStringLiteral("Extract orders"))).isEmpty());
    QVERIFY(d.set(orders, R"json({"Parameters": {"Path": "data/orders.csv"}, "ResultPath": "$.orders"})json"));
    QString customers = d.add(StateType::Task, QStringLiteral("sluice:file.read"));
    QVERIFY(!(customers = d.rename(customers, QStringLiteral("Extract customers"))).isEmpty());
    QVERIFY(d.set(customers, R"json({"Parameters": {"Path": "data/customers.csv"}, "ResultPath": "$.customers"})json"));
    QString join = d.add(StateType::Task, QStringLiteral("sluice:shell"));
    QVERIFY(!(join = d.rename(join, QStringLiteral("Join and clean"))).isEmpty());
    QVERIFY(d.set(join, R"json({"Parameters": {"Command": "python3", "Args": ["join.py"], "Input.$": "$"}})json"));
    QString check = d.add(StateType::Choice);
    QVERIFY(!(check = d.rename(check, QStringLiteral("Any failed?"))).isEmpty());
    QString track = d.add(StateType::Task, QStringLiteral("sluice:sql"));
    QVERIFY(!(track = d.rename(track, QStringLiteral("Track failed records"))).isEmpty());
    QVERIFY(d.set(track, R"json({"Parameters": {"Connection": "warehouse", "Operation": "Upsert", "Table": "retry_queue",
                                            "Key": ["id"], "Rows.$": "$.failed"},
                             "ResultPath": null})json"));
    QString notify = d.add(StateType::Task, QStringLiteral("sluice:event.put"));
    QVERIFY(!(notify = d.rename(notify, QStringLiteral("Notify"))).isEmpty());
    QVERIFY(d.set(notify, R"json({"Parameters": {"Source": "sluice.join", "DetailType": "Join Finished",
                                             "Detail": {"joined.$": "$.count", "failed.$": "States.ArrayLength($.failed)"}}})json"));
    QString failed = d.add(StateType::Fail);
    QVERIFY(!(failed = d.rename(failed, QStringLiteral("Join failed"))).isEmpty());
    QVERIFY(d.set(failed, R"json({"Error": "Join.Failed", "Cause": "The join program failed."})json"));

    QVERIFY(d.connect(orders, customers));
    QVERIFY(d.connect(customers, join));
    QVERIFY(d.connect(join, check));
    QVERIFY(d.connect(check, track));    // a Choice's first connection is a rule (its condition set below)
    QVERIFY(d.connect(check, notify));   // then its Default
    QVERIFY(d.undoRedo());
    QVERIFY(d.connect(track, notify));
    QVERIFY(d.set(check, R"json({"Choices": [{"Variable": "$.failed[0]", "IsPresent": true, "Next": "Track failed records"}]})json"));
    QVERIFY(d.set(join, R"json({"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Join failed"}]})json"));
    QVERIFY(doc->state(notify)->value("End", false) || d.trigger("actionToggleEnd", {notify}));

    saveAndCompare(QStringLiteral("scenario-scheduled-join"));
}

// 4. Two branches each wait for their file's arrival event and read it; the join runs when both are done.
void TestEditorScenarios::waitForTwoDatasets()
{
    Designer d(*m_window);
    EditorDocument *doc = m_window->document();

    QString waitSales = d.add(StateType::Task, QStringLiteral("sluice:event.wait"));
    QVERIFY(d.trigger("actionSetStart", {waitSales}));
    QVERIFY(d.trigger("actionDelete", {QStringLiteral("/States/Start")}));
    QVERIFY(!(waitSales = d.rename(waitSales, QStringLiteral("Wait for sales file"))).isEmpty());
    QVERIFY(d.set(waitSales, R"json({"Parameters": {"EventPattern": {"source": ["sluice.files"],
                                                                 "detail": {"name": [{"prefix": "sales-"}]}}},
                                 "TimeoutSeconds": 86400})json"));
    QString readSales = d.add(StateType::Task, QStringLiteral("sluice:file.read"));
    QVERIFY(!(readSales = d.rename(readSales, QStringLiteral("Read sales"))).isEmpty());
    QVERIFY(d.set(readSales, R"json({"Parameters": {"Path.$": "$.detail.path"}})json"));
    QVERIFY(d.connect(waitSales, readSales));

    QVERIFY(d.trigger("actionGroupParallel", {waitSales, readSales}));
    QVERIFY(d.undoRedo());
    QString parallel = d.rename(QStringLiteral("/States/In parallel"), QStringLiteral("Wait for both"));
    QVERIFY(!parallel.isEmpty());
    Ordered branches = (*doc->state(parallel))["Branches"];
    branches.push_back(Ordered::parse(R"json({"StartAt": "Wait for stock file", "States": {
        "Wait for stock file": {"Type": "Task", "Resource": "sluice:event.wait",
            "Parameters": {"EventPattern": {"source": ["sluice.files"], "detail": {"name": [{"prefix": "stock-"}]}}},
            "TimeoutSeconds": 86400, "Next": "Read stock"},
        "Read stock": {"Type": "Task", "Resource": "sluice:file.read", "Parameters": {"Path.$": "$.detail.path"},
                       "End": true}}})json"));
    QVERIFY(d.set(parallel, ("{\"Branches\": " + branches.dump() + "}").c_str()));

    QString join = d.add(StateType::Task, QStringLiteral("sluice:shell"));
    QVERIFY(!(join = d.rename(join, QStringLiteral("Join datasets"))).isEmpty());
    QVERIFY(d.set(join, R"json({"Parameters": {"Command": "python3", "Args": ["join.py"], "Input.$": "$"}})json"));
    QVERIFY(d.connect(parallel, join));
    QVERIFY(doc->state(join)->value("End", false));

    saveAndCompare(QStringLiteral("scenario-wait-for-two"));
}

void TestEditorScenarios::everyExampleResavesByteIdentically_data()
{
    QTest::addColumn<QString>("path");
    const QString root = QStringLiteral(SLUICE_EXAMPLES);
    QDirIterator it(root, {QStringLiteral("*.asl.json")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    QVERIFY(files.size() >= 2);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(file))) << file;
}

void TestEditorScenarios::everyExampleResavesByteIdentically()
{
    QFETCH(QString, path);
    QSignalSpy shown(m_window.get(), &MainWindow::definitionShown);
    QVERIFY(m_window->openFile(path));
    QVERIFY(shown.count() > 0 || shown.wait(10000));
    const QString copy = m_dir.filePath(QStringLiteral("resaved-") + QFileInfo(path).fileName());
    QVERIFY(m_window->saveTo(copy));
    const QByteArray original = readAll(path);
    const QByteArray saved = readAll(copy);
    if (saved != original) {
        const QList<QByteArray> a = saved.split('\n');
        const QList<QByteArray> b = original.split('\n');
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
            if (a[i] != b[i]) {
                qWarning("first difference at line %lld: saved %s, was %s", qlonglong(i + 1), a[i].constData(),
                         b[i].constData());
                break;
            }
        }
    }
    QCOMPARE(saved, original);
}

QTEST_MAIN(TestEditorScenarios)
#include "tst_editorscenarios.moc"
