// JournalReader's item paging for the monitor's table: keyset pages, counts and page keys under filters by
// status, state, error name and text, over items written through the real Journal on SQLite (and
// PostgreSQL when SLUICE_TEST_PG names a server); on SQLite the query plans use the item indexes.

#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sluice;

namespace {

using Type = JournalRecord::Type;
constexpr int kItems = 1000;

/// What item `i` (1-based) becomes in the fixture run.
ItemStatus statusOf(qint64 i)
{
    if (i % 10 == 0)
        return ItemStatus::Failed;
    if (i % 7 == 0)
        return ItemStatus::Running;
    return ItemStatus::Succeeded;
}

QString stateOf(qint64 i)
{
    return statusOf(i) == ItemStatus::Running ? QStringLiteral("Transform") : QStringLiteral("Load");
}

} // namespace

class TestItemPaging : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;
    std::shared_ptr<Journal> m_journal;
    std::unique_ptr<JournalReader> m_reader;
    int m_runs = 0;

    /// One execution whose items carry the ids in `ids` (index = position); see statusOf() and stateOf().
    QString writeRun(const QList<qint64> &ids)
    {
        const QString id = QStringLiteral("paging-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_runs);
        JournalRecord start;
        start.type = Type::ExecutionStarted;
        start.executionId = id;
        start.executionName = "paging";
        start.payload = std::make_shared<const Json>(Json::object());
        start.timeMs = 1000;
        std::vector<JournalRecord> records{start};
        for (qsizetype n = 0; n < ids.size(); ++n) {
            const qint64 i = ids[n];
            auto input = std::make_shared<const Json>(Json{{"sku", i}});
            JournalRecord began;
            began.type = Type::ItemStarted;
            began.executionId = id;
            began.item = i;
            began.index = n;
            began.mapState = "Each";
            began.businessKey = "sku-" + std::to_string(i);
            began.state = "Transform";
            began.payload = input;
            began.timeMs = 2000 + i;
            records.push_back(began);
            if (stateOf(i) == QLatin1String("Load")) {
                JournalRecord entered;
                entered.type = Type::StateEntered;
                entered.executionId = id;
                entered.item = i;
                entered.state = "Load";
                entered.payload = input;
                entered.timeMs = 2500 + i;
                records.push_back(entered);
            }
            if (statusOf(i) == ItemStatus::Running)
                continue;
            JournalRecord done;
            done.type = Type::ItemFinished;
            done.executionId = id;
            done.item = i;
            done.state = "Load";
            done.status = statusOf(i);
            done.timeMs = 3000 + 2 * i;
            if (done.status == ItemStatus::Failed) {
                done.error = i % 20 == 0 ? "Http.503" : "Http.429";
                done.cause = "ERP rejected order " + std::to_string(i);
                done.attempt = 3;
                done.dlq = true;
                done.dlqInput = input;
            } else {
                done.payload = input;
            }
            records.push_back(done);
        }
        m_journal->append(std::move(records));
        return m_journal->flush(30000) ? id : QString();
    }

    static QList<qint64> idsOf(const QList<ItemRow> &rows)
    {
        QList<qint64> ids;
        for (const ItemRow &row : rows)
            ids.append(row.item);
        return ids;
    }

    /// Every item `filter` selects, read page by page through the keyset.
    QList<qint64> readAll(const QString &execution, ItemFilter filter, int pageSize)
    {
        filter.limit = pageSize;
        QList<qint64> all;
        for (;;) {
            auto page = m_reader->items(execution, filter);
            if (!page)
                return {-1};
            all += idsOf(page.value());
            if (page.value().size() < pageSize)
                return all;
            filter.afterItem = page.value().last().item;
        }
    }

    static QList<qint64> expected(const std::function<bool(qint64)> &keep, qint64 last = kItems)
    {
        QList<qint64> ids;
        for (qint64 i = 1; i <= last; ++i) {
            if (keep(i))
                ids.append(i);
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == QStringLiteral("postgresql")) {
            m_store = qEnvironmentVariable("SLUICE_TEST_PG");
            if (m_store.isEmpty())
                QSKIP("SLUICE_TEST_PG is not set (scripts/test starts a PostgreSQL server and sets it)");
        } else {
            m_store = m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        }
        auto journal = Journal::open(m_store);
        QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
        m_journal = journal.value();
        auto reader = JournalReader::open(m_store);
        QVERIFY(reader);
        m_reader = std::move(reader).value();
    }

    void cleanup()
    {
        m_reader.reset();
        m_journal.reset();
    }

    void pagesCountsAndFiltersAgree()
    {
        QList<qint64> ids;
        for (qint64 i = 1; i <= kItems; ++i)
            ids.append(i);
        const QString run = writeRun(ids);
        QVERIFY(!run.isEmpty());

        struct Case
        {
            const char *name;
            ItemFilter filter;
            std::function<bool(qint64)> keep;
        };
        ItemFilter failed;
        failed.status = ItemStatus::Failed;
        ItemFilter transform;
        transform.state = QStringLiteral("Transform");
        ItemFilter loadSucceeded;
        loadSucceeded.state = QStringLiteral("Load");
        loadSucceeded.status = ItemStatus::Succeeded;
        ItemFilter http503;
        http503.error = QStringLiteral("Http.503");
        ItemFilter text;
        text.text = QStringLiteral("order 1");   // "ERP rejected order 1.." in causes, case-insensitive below
        ItemFilter key;
        key.text = QStringLiteral("SKU-99");     // business keys sku-99, sku-990..999
        const Case cases[] = {
            {"all", ItemFilter{}, [](qint64) { return true; }},
            {"failed", failed, [](qint64 i) { return statusOf(i) == ItemStatus::Failed; }},
            {"state", transform, [](qint64 i) { return stateOf(i) == QLatin1String("Transform"); }},
            {"state+status", loadSucceeded, [](qint64 i) { return statusOf(i) == ItemStatus::Succeeded; }},
            {"error", http503, [](qint64 i) { return i % 20 == 0; }},
            {"cause text", text, [](qint64 i) { return i % 10 == 0 && QString::number(i).startsWith(QLatin1Char('1')); }},
            {"key text", key, [](qint64 i) { return QString::number(i).startsWith(QStringLiteral("99")); }},
        };
        for (const Case &c : cases) {
            const QList<qint64> want = expected(c.keep);
            QVERIFY2(!want.isEmpty(), c.name);
            QCOMPARE(readAll(run, c.filter, 37), want);
            auto count = m_reader->itemCount(run, c.filter);
            QVERIFY2(count, c.name);
            QCOMPARE(count.value(), qint64(want.size()));
            // Page keys: the last item of every full page; page k + 1 starts right after keys[k].
            auto keys = m_reader->itemKeys(run, c.filter, 25);
            QVERIFY2(keys, c.name);
            QCOMPARE(keys.value().size(), want.size() / 25);
            for (qsizetype k = 0; k < keys.value().size(); ++k)
                QCOMPARE(keys.value()[k], want[(k + 1) * 25 - 1]);
            // A jump by offset lands where the keyset would.
            ItemFilter jump = c.filter;
            jump.offset = want.size() / 2;
            jump.limit = 3;
            QCOMPARE(idsOf(m_reader->items(run, jump).value()), want.mid(want.size() / 2, 3));
            // The position of an item among those selected.
            QCOMPARE(m_reader->itemPosition(run, c.filter, want.last()).value(), qint64(want.size() - 1));
        }
    }

    void rowsCarryWhatTheTableShows()
    {
        const QString run = writeRun({1, 2, 3, 10, 20});
        QVERIFY(!run.isEmpty());
        ItemFilter filter;
        filter.outputs = false;
        const QList<ItemRow> rows = m_reader->items(run, filter).value();
        QCOMPARE(rows.size(), 5);
        const ItemRow &failed = rows[4];   // item 20
        QCOMPARE(failed.item, qint64(20));
        QCOMPARE(failed.index, qint64(4));
        QCOMPARE(failed.businessKey, QStringLiteral("sku-20"));
        QCOMPARE(failed.state, QStringLiteral("Load"));
        QCOMPARE(failed.status, ItemStatus::Failed);
        QCOMPARE(failed.error, QStringLiteral("Http.503"));
        QCOMPARE(failed.startedMs, qint64(2020));
        QCOMPARE(failed.updatedMs, qint64(3040));
        QVERIFY(rows[0].output.is_null());   // not read when the filter says so
        QVERIFY(!m_reader->items(run, ItemFilter{}).value().first().output.is_null());

        // Ids with gaps: the keys come from a scan instead of arithmetic, and still name page ends.
        auto keys = m_reader->itemKeys(run, ItemFilter{}, 2);
        QVERIFY(keys);
        QCOMPARE(keys.value(), (QList<qint64>{2, 10}));
        QVERIFY(!m_reader->itemKeys(QStringLiteral("no-such-run"), ItemFilter{}, 2));
        QVERIFY(!m_reader->itemKeys(run, ItemFilter{}, 0));
    }

    void migratesAVersion3StoreToTheItemIndexes()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QStringLiteral("sqlite"))
            QSKIP("a throw-away SQLite file is taken back to version 3");
        const QString run = writeRun({1, 2, 10});
        QVERIFY(!run.isEmpty());
        cleanup();
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(m_store);
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (const char *index : {"items_status", "items_state", "items_error"})
                QVERIFY(query.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))));
            QVERIFY(query.exec(QStringLiteral("ALTER TABLE executions DROP COLUMN options")));   // version 5's
            QVERIFY(query.exec(QStringLiteral("UPDATE sluice_meta SET value = '3' WHERE key = 'schema_version'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        QVERIFY(!JournalReader::open(m_store));   // a reader does not migrate
        QVERIFY(Journal::open(m_store));
        auto reader = JournalReader::open(m_store);
        QVERIFY(reader);
        ItemFilter failed;
        failed.status = ItemStatus::Failed;
        QCOMPARE(idsOf(reader.value()->items(run, failed).value()), (QList<qint64>{10}));
    }

    void sqlitePlansUseTheItemIndexes()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QStringLiteral("sqlite"))
            QSKIP("PostgreSQL plans a small table as a scan; bench_items_view covers it at size");
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plans"));
        db.setDatabaseName(m_store);
        QVERIFY(db.open());
        auto plan = [&db](const QString &sql) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
                return QStringLiteral("failed");
            QStringList lines;
            while (query.next())
                lines << query.value(3).toString();
            return lines.join(QLatin1Char('\n'));
        };
        const QString status = plan(QStringLiteral("SELECT item FROM items i WHERE i.exec = 1 AND i.item > 5 AND i.status = 4"
                                                   " ORDER BY i.item LIMIT 200"));
        QVERIFY2(status.contains(QLatin1String("items_status")) && !status.contains(QLatin1String("TEMP B-TREE")),
                 qPrintable(status));
        const QString state = plan(QStringLiteral("SELECT item FROM items i WHERE i.exec = 1 AND i.item > 5"
                                                  " AND i.state = 'Load' ORDER BY i.item LIMIT 200"));
        QVERIFY2(state.contains(QLatin1String("items_state")), qPrintable(state));
        const QString error = plan(QStringLiteral("SELECT count(*) FROM items i WHERE i.exec = 1 AND i.error = 'Http.503'"));
        QVERIFY2(error.contains(QLatin1String("items_error")), qPrintable(error));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("plans"));
    }
};

QTEST_GUILESS_MAIN(TestItemPaging)
#include "tst_itempaging.moc"
