// bench_store: the journal's write speed and the DLQ's first page.
//   1. N items (default 200,000) x 3 states appended to a SQLite journal (ItemStarted, 3 x StateEntered/Exited,
//      ItemFinished: 8 records per item, one append per item); committed items/s, from the first append
//      to flush() returning.
//   2. The raw rate in the same run: one row per item through the SQLite C API (prepared statement, bind,
//      step), 1,000 rows per transaction, WAL, synchronous=NORMAL.
//   3. With --pg URL, step 1 on PostgreSQL too.
//   4. A journal holding --dlq N (default 100,000) DLQ entries: the first page of 100, unfiltered and filtered.
// Prints figures; the last line is one JSON object.

#include "BenchUtil.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>

#include <sqlite3.h>

#include <cstdio>

using namespace sluice;
using Type = JournalRecord::Type;

namespace {

const QByteArray kDefinition = R"({"StartAt":"Each","States":{"Each":{"Type":"Map","End":true}}})";
const std::vector<std::string> kStates = {"Extract", "Transform", "Load"};

std::shared_ptr<const Json> itemInput(qint64 i)
{
    return std::make_shared<const Json>(Json{{"sku", "SKU-" + std::to_string(100000 + i)},
                                             {"name", "Widget " + std::to_string(i)},
                                             {"qty", i % 17},
                                             {"price", double(i % 1000) / 10.0}});
}

JournalRecord make(Type type, const QString &execution, qint64 item, const std::string &state,
                   std::shared_ptr<const Json> payload, qint64 now)
{
    JournalRecord r;
    r.type = type;
    r.executionId = execution;
    r.item = item;
    r.state = state;
    r.payload = std::move(payload);
    r.timeMs = now;
    return r;
}

/// The records of one item through the three states; it fails for good in the last one when `fail`.
std::vector<JournalRecord> itemRecords(const QString &execution, qint64 item, qint64 now, bool fail = false)
{
    std::vector<JournalRecord> out;
    out.reserve(8);
    auto current = itemInput(item);
    JournalRecord start = make(Type::ItemStarted, execution, item, kStates[0], current, now);
    start.index = item - 1;
    start.mapState = "Each";
    out.push_back(std::move(start));
    for (size_t s = 0; s < kStates.size(); ++s) {
        out.push_back(make(Type::StateEntered, execution, item, kStates[s], current, now));
        if (fail && s + 1 == kStates.size()) {
            JournalRecord failed = make(Type::ItemFinished, execution, item, kStates[s], nullptr, now);
            failed.status = ItemStatus::Failed;
            failed.error = item % 3 ? "Http.500" : "States.Timeout";
            failed.cause = "upstream refused item " + std::to_string(item);
            failed.attempt = 3;
            failed.dlq = true;
            failed.dlqInput = current;
            out.push_back(std::move(failed));
            return out;
        }
        auto next = std::make_shared<Json>(*current);
        (*next)["step"] = int(s);
        std::shared_ptr<const Json> output = std::move(next);
        out.push_back(make(Type::StateExited, execution, item, kStates[s], output, now));
        current = output;
    }
    JournalRecord finished = make(Type::ItemFinished, execution, item, {}, current, now);
    finished.status = ItemStatus::Succeeded;
    out.push_back(std::move(finished));
    return out;
}

double msOf(const std::function<bool()> &run);

/// Appends `items` items to a journal at `location`; items/s committed, or -1.
double journalRate(const QString &location, qint64 items, bool fail, Journal::Stats *stats = nullptr,
                   QString *executionId = nullptr)
{
    auto journal = Journal::open(location);
    if (!journal) {
        std::fprintf(stderr, "%s\n", qPrintable(journal.error().message));
        return -1;
    }
    auto version = (*journal)->saveWorkflow(kDefinition, QStringLiteral("bench"));
    if (!version)
        return -1;
    const QString execution = QStringLiteral("bench-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    JournalRecord start = make(Type::ExecutionStarted, execution, 0, {}, std::make_shared<const Json>(Json::object()), now);
    start.executionName = "bench";
    start.workflowVersion = *version;
    QElapsedTimer timer;
    timer.start();
    (*journal)->append({start});
    for (qint64 item = 1; item <= items; ++item)
        (*journal)->append(itemRecords(execution, item, now, fail));
    if (!(*journal)->flush(600000))
        return -1;
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (stats)
        *stats = (*journal)->stats();
    if (executionId)
        *executionId = execution;
    return double(items) / seconds;
}

/// One row per item through the C API (BenchUtil's rawInsertRate), with the same payloads as the journal.
double rawRate(const QString &path, qint64 rows)
{
    std::vector<std::string> payloads;
    payloads.reserve(size_t(rows));
    for (qint64 i = 1; i <= rows; ++i)
        payloads.push_back(itemInput(i)->dump());
    return sluice::bench::rawInsertRate(path, payloads);
}

double msOf(const std::function<bool()> &run)
{
    QElapsedTimer timer;
    timer.start();
    if (!run())
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

/// Drops and recreates the public schema of a PostgreSQL database (the benchmark's own).
void resetPostgres(const QString &location)
{
    const QUrl url(location);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-reset"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("SET client_min_messages = WARNING"));
            query.exec(QStringLiteral("DROP SCHEMA public CASCADE"));
            query.exec(QStringLiteral("CREATE SCHEMA public"));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-reset"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 items = 200000;
    qint64 dlqEntries = 100000;
    QString pg;
    for (int i = 1; i + 1 < argc; ++i) {
        const QByteArray arg = argv[i];
        if (arg == "--items")
            items = QByteArray(argv[++i]).toLongLong();
        else if (arg == "--dlq")
            dlqEntries = QByteArray(argv[++i]).toLongLong();
        else if (arg == "--pg")
            pg = QString::fromLocal8Bit(argv[++i]);
    }
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;

    const double raw = rawRate(dir.filePath(QStringLiteral("raw.db")), items);
    std::printf("raw C API          %10.0f rows/s (%lld rows, 1,000 per transaction)\n", raw, qlonglong(items));
    Journal::Stats stats;
    QString execution;
    const QString journalStore = dir.filePath(QStringLiteral("journal.db"));
    const double journal = journalRate(journalStore, items, false, &stats, &execution);
    std::printf("journal (SQLite)   %10.0f items/s (%lld items x 8 records, %lld transactions)\n", journal,
                qlonglong(items), qlonglong(stats.transactions));
    std::printf("  writer thread    %10.2f us CPU per item\n", double(stats.writerCpuUs) / double(items));
    std::printf("ratio              %10.2f (aim: 0.3)\n", journal / raw);
    if (auto reader = JournalReader::open(journalStore)) {
        // Reads over the run just written, as the monitor and a resume do them.
        auto time = [](const char *what, const std::function<bool()> &run) {
            std::printf("  %-34s %10.2f ms\n", what, msOf(run));
        };
        JournalReader &r = **reader;
        time("execution() with counts", [&] { return bool(r.execution(execution)); });
        time("items(), first page of 100", [&] { return bool(r.items(execution, {})); });
        time("items(), page from the middle", [&] {
            return bool(r.items(execution, ItemFilter{std::nullopt, QString(), items / 2, 100}));
        });
        time("history(), one item", [&] { return bool(r.history(execution, HistoryFilter{items / 2, -1, 0, 100})); });
        time("history(), whole run, first page", [&] { return bool(r.history(execution, {})); });
        time("unfinished() (scans the run's items)", [&] { return bool(r.unfinished()); });
    }
    double pgRate = 0;
    if (!pg.isEmpty()) {
        resetPostgres(pg);
        pgRate = journalRate(pg, items, false, &stats);
        std::printf("journal (Postgres) %10.0f items/s (%lld transactions)\n", pgRate, qlonglong(stats.transactions));
        std::printf("  writer thread    %10.2f us CPU per item\n", double(stats.writerCpuUs) / double(items));
    }

    // The DLQ: N failed items, then first pages as `sluice-cli dlq list` asks for them.
    const QString dlqStore = dir.filePath(QStringLiteral("dlq.db"));
    const double dlqWrite = journalRate(dlqStore, dlqEntries, true);
    std::printf("journal, all failing %8.0f items/s (%lld DLQ entries)\n", dlqWrite, qlonglong(dlqEntries));
    double firstPage = -1;
    {
        auto reader = JournalReader::open(dlqStore);
        if (!reader) {
            std::fprintf(stderr, "%s\n", qPrintable(reader.error().message));
            return 1;
        }
        auto page = [&](DlqFilter filter) {
            return msOf([&] {
                auto result = (*reader)->dlq(filter);
                return result && !result->isEmpty();
            });
        };
        firstPage = page({});
        DlqFilter byError;
        byError.error = QStringLiteral("States.Timeout");
        DlqFilter byCause;
        byCause.causeText = QStringLiteral("ITEM 9999");
        DlqFilter byState;
        byState.state = QStringLiteral("Load");
        DlqFilter deep;
        deep.afterId = dlqEntries - 150;
        std::printf("DLQ first page     %10.2f ms (100 of %lld)\n", firstPage, qlonglong(dlqEntries));
        std::printf("  --error          %10.2f ms\n", page(byError));
        std::printf("  --text           %10.2f ms (a cause-text search scans the entries)\n", page(byCause));
        std::printf("  --state          %10.2f ms\n", page(byState));
        std::printf("  last page        %10.2f ms (keyset)\n", page(deep));
    }

    std::printf("{\"bench\": \"store\", \"items\": %lld, \"items_per_s\": %.0f, \"raw_insert_rows_per_s\": %.0f, "
                "\"ratio\": %.2f, \"pg_items_per_s\": %.0f, \"dlq_entries\": %lld, \"dlq_first_page_ms\": %.2f, "
                "\"peak_rss_mb\": %.1f}\n",
                qlonglong(items), journal, raw, journal / raw, pgRate, qlonglong(dlqEntries), firstPage,
                bench::peakRssMb());
    return 0;
}
