// bench_items_view: the monitor's items table over a finished 1,000,000-item run in a SQLite store.
// items_table_open_ms: from ItemsPanel::open() to the first page painted with data; scroll_ms_max: the
// slowest of 20 jumps to random rows, each timed until the row is painted with data. The store is made
// once by the engine (the bench_durable_map pipeline) and kept in the temp folder for later runs.
//
//   bench_items_view [--items N] [--store PATH]

#include "BenchUtil.h"
#include "definition/Parser.h"
#include "engine/Engine.h"
#include "monitor/ItemsPanel.h"
#include "monitor/ItemsTableModel.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QRandomGenerator>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace {

/// Counts paints of the table's viewport in which a given row showed data.
class PaintWatch : public QObject
{
public:
    PaintWatch(QTableView *view, sluice::ui::ItemsTableModel *model) : m_view(view), m_model(model)
    {
        view->viewport()->installEventFilter(this);
    }
    int row = 0;
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !painted) {
            // The paint runs after this filter; the row is painted with data when its page is in now.
            const QModelIndex top = m_view->indexAt(QPoint(1, 1));
            const QRect rect = m_view->visualRect(m_model->index(row, 0));
            painted = top.isValid() && m_model->isRowLoaded(row) && rect.isValid()
                && m_view->viewport()->rect().intersects(rect);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_view;
    sluice::ui::ItemsTableModel *m_model;
};

QString makeStore(const QString &path, qint64 items)
{
    if (QFile::exists(path)) {
        // Made by an earlier run; migrate it if this build's schema is newer.
        QElapsedTimer opening;
        opening.start();
        if (auto journal = sluice::Journal::open(path)) {
            journal.value().reset();
            std::printf("store              %s (opened and closed by the journal in %lld ms)\n", qPrintable(path),
                        static_cast<long long>(opening.elapsed()));
            return {};
        }
        QFile::remove(path);
    }
    std::printf("making the store   %lld items with the engine into %s (kept for later runs)\n",
                static_cast<long long>(items), qPrintable(path));
    auto journal = sluice::Journal::open(path);
    if (!journal)
        return journal.error().message;
    const QByteArray definition(sluice::bench::kMapPipeline);
    auto version = journal.value()->saveWorkflow(definition, QStringLiteral("bench_items_view"));
    auto workflow = sluice::definition::parse(definition);
    if (!version || !workflow)
        return QStringLiteral("cannot save or parse the workflow");
    sluice::Engine engine;
    sluice::ExecutionOptions options;
    options.journal = journal.value();
    options.workflowVersion = version.value();
    const sluice::Execution execution = engine.start(workflow.value(), sluice::bench::catalogueInput(items), options);
    execution.waitForFinished();
    if (!journal.value()->flush(1800000))
        return QStringLiteral("the journal did not commit");
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    qint64 items = 1000000;
    QString store;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--items") == 0 && i + 1 < argc)
            items = QByteArray(argv[++i]).toLongLong();
        else if (qstrcmp(argv[i], "--store") == 0 && i + 1 < argc)
            store = QString::fromLocal8Bit(argv[++i]);
    }
    if (store.isEmpty()) {
        QDir().mkpath(QDir::temp().filePath(QStringLiteral("sluice-bench")));
        store = QDir::temp().filePath(QStringLiteral("sluice-bench/items-%1.db").arg(items));
    }
    if (const QString error = makeStore(store, items); !error.isEmpty()) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return 1;
    }
    QString execution;
    {
        auto reader = sluice::JournalReader::open(store);
        auto runs = reader ? reader.value()->runs() : sluice::Result<QList<sluice::ExecutionInfo>>(reader.error());
        if (!runs || runs.value().isEmpty()) {
            std::fprintf(stderr, "no run in %s\n", qPrintable(store));
            return 1;
        }
        execution = runs.value().first().id;
    }

    sluice::ui::ItemsPanel panel;
    panel.resize(1000, 700);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        return 1;
    PaintWatch watch(panel.view(), panel.model());

    // 1. Open: the panel's own store (a reader thread opening its connection) to the first page painted.
    QElapsedTimer timer;
    double countMs = -1;
    double pageMs = -1;
    QObject::connect(panel.model(), &sluice::ui::ItemsTableModel::countChanged, &panel,
                     [&] { countMs = countMs < 0 ? double(timer.nsecsElapsed()) / 1e6 : countMs; });
    QObject::connect(panel.model(), &sluice::ui::ItemsTableModel::pageLoaded, &panel,
                     [&] { pageMs = pageMs < 0 ? double(timer.nsecsElapsed()) / 1e6 : pageMs; });
    timer.start();
    panel.open(store, execution);
    watch.row = 0;
    if (!QTest::qWaitFor([&] { return watch.painted; }, 30000)) {
        std::fprintf(stderr, "the first page was not painted\n");
        return 1;
    }
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    const qint64 rows = panel.model()->count();
    std::printf("open               %.1f ms to the first page painted (%lld rows; count in %.1f ms, first page in %.1f ms)\n",
                openMs, static_cast<long long>(rows), countMs, pageMs);
    // Let the page keys come in, as they would while a person looks at the first page.
    QTest::qWait(300);

    // 2. Jumps to 20 random rows.
    QRandomGenerator random(42);
    double maxMs = 0;
    double sumMs = 0;
    for (int jump = 0; jump < 20; ++jump) {
        const int row = int(random.bounded(rows));
        watch.row = row;
        watch.painted = false;
        timer.restart();
        panel.view()->scrollTo(panel.model()->index(row, 0), QAbstractItemView::PositionAtCenter);
        if (!QTest::qWaitFor([&] { return watch.painted; }, 30000)) {
            std::fprintf(stderr, "row %d was not painted\n", row);
            return 1;
        }
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        maxMs = std::max(maxMs, ms);
        sumMs += ms;
    }
    std::printf("scroll             %.1f ms max, %.1f ms mean over 20 jumps to random rows\n", maxMs, sumMs / 20);
    std::printf("memory             %.0f MB peak RSS\n", sluice::bench::peakRssMb());
    std::printf("{\"bench\": \"items_view\", \"items\": %lld, \"items_table_open_ms\": %.1f, \"scroll_ms_max\": %.1f}\n",
                static_cast<long long>(rows), openMs, maxMs);
    return 0;
}
