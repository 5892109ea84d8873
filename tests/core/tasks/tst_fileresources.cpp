// sluice:file.read and sluice:file.write on real files in a temporary folder.

#include "tasks/FileReadResource.h"
#include "tasks/FileWriteResource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

using sluice::Failure;
using sluice::FileReadResource;
using sluice::FileWriteResource;
using sluice::Json;
using sluice::TaskCall;

namespace {

using Outcome = sluice::Result<Json, Failure>;

struct Answer
{
    std::mutex mutex;
    std::optional<Outcome> outcome; // guarded by mutex
    std::atomic_int calls = 0;

    sluice::TaskCallback callback()
    {
        return [this](Outcome r) {
            const std::lock_guard lock(mutex);
            outcome.emplace(std::move(r));
            ++calls;
        };
    }
    bool wait() { return QTest::qWaitFor([this] { return calls.load() > 0; }, 20000); }
    Outcome get()
    {
        const std::lock_guard lock(mutex);
        return *outcome;
    }
};

Outcome run(sluice::TaskResource &resource, Json input, const QString &baseDir = {})
{
    TaskCall call;
    call.input = std::move(input);
    call.baseDir = baseDir;
    Answer answer;
    resource.invoke(call, answer.callback());
    if (!answer.wait())
        return Failure{"test.NoAnswer", "no answer in 20 s"};
    return answer.get();
}

#define COMPARE_JSON(actual, expected)                                                                       \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

#define VERIFY_OK(outcome) QVERIFY2((outcome).ok(), (outcome).ok() ? "" : (outcome).error().cause.c_str())

} // namespace

class TestFileResources : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FileReadResource m_read;
    FileWriteResource m_write;

    QString put(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(bytes);
        return path;
    }
    QByteArray contents(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsCsvWithQuotesNewlinesDelimiterAndLatin1()
    {
        // Latin-1 bytes: "Müller" with ü = 0xFC; a quoted field holding the delimiter, a quote and a newline.
        const QByteArray bytes = "id;name;note\r\n"
                                 "1;M\xFCller;\"a;b \"\"quoted\"\"\nsecond line\"\r\n"
                                 "2;Smith;\r\n";
        put(QStringLiteral("latin1.csv"), bytes);

        const Outcome outcome =
            run(m_read, {{"Path", "latin1.csv"}, {"Delimiter", ";"}, {"Encoding", "ISO-8859-1"}}, m_dir.path());

        VERIFY_OK(outcome);
        const Json expected = Json::array({{{"id", "1"}, {"name", "Müller"}, {"note", "a;b \"quoted\"\nsecond line"}},
                                           {{"id", "2"}, {"name", "Smith"}, {"note", ""}}});
        COMPARE_JSON(outcome.value(), expected);
    }

    void readsGivenHeaderOffsetAndLimit()
    {
        put(QStringLiteral("plain.csv"), "a,1\nb,2\nc,3\nd,4\n");

        const Outcome outcome = run(m_read, {{"Path", m_dir.filePath(QStringLiteral("plain.csv")).toStdString()},
                                             {"Header", {"letter", "number"}},
                                             {"Offset", 1},
                                             {"Limit", 2}});

        VERIFY_OK(outcome);
        COMPARE_JSON(outcome.value(), Json::parse(R"([{"letter":"b","number":"2"},{"letter":"c","number":"3"}])"));
    }

    void readsJsonLinesAndJson()
    {
        put(QStringLiteral("items.jsonl"), "{\"a\":1}\n\n{\"a\":2}\r\n");
        put(QStringLiteral("items.json"), "[{\"a\":1}, [2], \"three\"]");

        const Outcome lines = run(m_read, {{"Path", "items.jsonl"}}, m_dir.path());
        const Outcome array = run(m_read, {{"Path", "items.json"}}, m_dir.path());
        const Outcome forced = run(m_read, {{"Path", "items.jsonl"}, {"Format", "jsonl"}, {"Limit", 1}}, m_dir.path());

        VERIFY_OK(lines);
        VERIFY_OK(array);
        VERIFY_OK(forced);
        COMPARE_JSON(lines.value(), Json::parse(R"([{"a":1},{"a":2}])"));
        COMPARE_JSON(array.value(), Json::parse(R"([{"a":1},[2],"three"])"));
        COMPARE_JSON(forced.value(), Json::parse(R"([{"a":1}])"));
    }

    void malformedCsvNamesTheLine()
    {
        put(QStringLiteral("broken.csv"), "id,name\n1,ok\n2,\"bad\"x\n3,never\n");

        const Outcome outcome = run(m_read, {{"Path", "broken.csv"}}, m_dir.path());

        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("File.ParseError"));
        QVERIFY2(outcome.error().cause.find("broken.csv:3:") != std::string::npos, outcome.error().cause.c_str());
    }

    void malformedJsonLinesNamesTheLine()
    {
        put(QStringLiteral("broken.jsonl"), "{\"a\":1}\n{\"a\":\n");
        const Outcome outcome = run(m_read, {{"Path", "broken.jsonl"}}, m_dir.path());
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("File.ParseError"));
        QVERIFY2(outcome.error().cause.find("broken.jsonl:2:") != std::string::npos, outcome.error().cause.c_str());
    }

    void missingFileIsNotFound()
    {
        const Outcome outcome = run(m_read, {{"Path", "nope.csv"}}, m_dir.path());
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("File.NotFound"));
        QVERIFY(outcome.error().cause.find("nope.csv") != std::string::npos);
    }

    void badReadParameters_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("no path") << QStringLiteral(R"({"Format": "CSV"})");
        QTest::newRow("bad format") << QStringLiteral(R"({"Path": "x.csv", "Format": "XML"})");
        QTest::newRow("bad delimiter") << QStringLiteral("{\"Path\": \"x.csv\", \"Delimiter\": \"\\\"\"}");
        QTest::newRow("bad encoding") << QStringLiteral(R"({"Path": "x.csv", "Encoding": "EBCDIC"})");
        QTest::newRow("negative limit") << QStringLiteral(R"({"Path": "x.csv", "Limit": -1})");
        QTest::newRow("unknown field") << QStringLiteral(R"({"Path": "x.csv", "Sheet": 1})");
        QTest::newRow("no suffix") << QStringLiteral(R"({"Path": "x.dat"})");
    }
    void badReadParameters()
    {
        QFETCH(QString, input);
        const Outcome outcome = run(m_read, Json::parse(input.toStdString()), m_dir.path());
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("States.Runtime"));
    }

    void csvRoundTripsThroughWriteAndRead()
    {
        const Json records = Json::array(
            {{{"id", 1}, {"name", "comma, inside"}, {"note", "quote \" inside"}},
             {{"id", 2}, {"name", "new\nline"}, {"flag", true}, {"nested", {{"a", {1, 2}}}}},
             {{"id", 3}, {"name", "Ünïcödé"}, {"note", nullptr}}});

        const Outcome written = run(m_write, {{"Path", "out/round.csv"}, {"Records", records}, {"Mode", "overwrite"}},
                                    m_dir.path());
        VERIFY_OK(written);
        QCOMPARE(written.value()["Records"].get<int>(), 3);
        const QString path = m_dir.filePath(QStringLiteral("out/round.csv"));
        QCOMPARE(QString::fromStdString(written.value()["Path"].get<std::string>()), path);
        QCOMPARE(written.value()["Bytes"].get<qint64>(), QFileInfo(path).size());
        QVERIFY(contents(path).startsWith("flag,id,name,nested,note\r\n,1,\"comma, inside\",,\"quote \"\" inside\"\r\n"));

        const Outcome read = run(m_read, {{"Path", "out/round.csv"}}, m_dir.path());
        VERIFY_OK(read);
        const Json expected = Json::array(
            {{{"id", "1"}, {"name", "comma, inside"}, {"note", "quote \" inside"}, {"flag", ""}, {"nested", ""}},
             {{"id", "2"}, {"name", "new\nline"}, {"note", ""}, {"flag", "true"}, {"nested", "{\"a\":[1,2]}"}},
             {{"id", "3"}, {"name", "Ünïcödé"}, {"note", ""}, {"flag", ""}, {"nested", ""}}});
        COMPARE_JSON(read.value(), expected);
    }

    void appendWritesTheHeaderOnceAndFollowsIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("append.csv"));
        QVERIFY(run(m_write, {{"Path", path.toStdString()}, {"Columns", {"b", "a"}}, {"Records", {{"b", 1}, {"a", 2}}}})
                    .ok());
        // A later append lists its keys in another order and leaves one out: the header decides.
        const Outcome second = run(m_write, {{"Path", path.toStdString()}, {"Records", Json::array({{{"a", 3}}, {{"b", 4}, {"a", 5}}})}});
        VERIFY_OK(second);
        QCOMPARE(contents(path), QByteArray("b,a\r\n1,2\r\n,3\r\n4,5\r\n"));

        const Outcome mismatch = run(m_write, {{"Path", path.toStdString()}, {"Records", {{"a", 1}, {"c", 9}}}});
        QVERIFY(!mismatch.ok());
        QCOMPARE(mismatch.error().error, std::string("File.SchemaMismatch"));
        QCOMPARE(contents(path), QByteArray("b,a\r\n1,2\r\n,3\r\n4,5\r\n")); // untouched
    }

    void appendAfterALastLineWithoutLineEnd()
    {
        const QString path = put(QStringLiteral("noeol.jsonl"), "{\"a\":1}");
        QVERIFY(run(m_write, {{"Path", path.toStdString()}, {"Records", {{"a", 2}}}}).ok());
        QCOMPARE(contents(path), QByteArray("{\"a\":1}\n{\"a\":2}\n"));
    }

    void concurrentAppendsNeverInterleave()
    {
        // 64 appends of 5 records of ~4 KiB each, from four threads through two resources (two pools):
        // every line must come back whole and the header exactly once.
        const QString path = m_dir.filePath(QStringLiteral("concurrent.csv"));
        FileWriteResource other(4);
        std::vector<std::unique_ptr<Answer>> answers(64);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = t; i < 64; i += 4) {
                    Json records = Json::array();
                    for (int r = 0; r < 5; ++r)
                        records.push_back({{"call", i}, {"row", r}, {"payload", std::string(4000, char('a' + i % 26))}});
                    TaskCall call;
                    call.input = {{"Path", path.toStdString()}, {"Records", records}};
                    answers[size_t(i)] = std::make_unique<Answer>();
                    (i % 2 ? other : m_write).invoke(call, answers[size_t(i)]->callback());
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        for (auto &answer : answers) {
            QVERIFY(answer->wait());
            VERIFY_OK(answer->get());
        }

        const QList<QByteArray> lines = contents(path).split('\n');
        QCOMPARE(lines.size(), 1 + 64 * 5 + 1); // header, records, "" after the last line end
        QCOMPARE(lines.first(), QByteArray("call,payload,row\r")); // JSON objects keep no order: sorted
        std::set<std::pair<int, int>> seen;
        for (int i = 1; i <= 64 * 5; ++i) {
            const QList<QByteArray> fields = lines[i].chopped(1).split(',');
            QCOMPARE(fields.size(), 3);
            const int call = fields[0].toInt();
            QCOMPARE(fields[1], QByteArray(4000, char('a' + call % 26)));
            seen.insert({call, fields[2].toInt()});
        }
        QCOMPARE(int(seen.size()), 64 * 5);
    }

    void jsonLinesAndJsonWrites()
    {
        const Json records = Json::parse(R"([{"a": 1}, {"b": "ü"}])");
        QVERIFY(run(m_write, {{"Path", "w/out.jsonl"}, {"Records", records}}, m_dir.path()).ok());
        QVERIFY(run(m_write, {{"Path", "w/out.jsonl"}, {"Records", {{"c", nullptr}}}}, m_dir.path()).ok());
        QCOMPARE(contents(m_dir.filePath(QStringLiteral("w/out.jsonl"))),
                 QByteArray("{\"a\":1}\n{\"b\":\"ü\"}\n{\"c\":null}\n"));

        QVERIFY(run(m_write, {{"Path", "w/out.json"}, {"Records", records}, {"Mode", "overwrite"}}, m_dir.path()).ok());
        QVERIFY(run(m_write, {{"Path", "w/out.json"}, {"Records", {{"only", true}}}, {"Mode", "overwrite"}},
                    m_dir.path()).ok());
        const Outcome read = run(m_read, {{"Path", "w/out.json"}}, m_dir.path());
        VERIFY_OK(read);
        COMPARE_JSON(read.value(), Json::parse(R"([{"only": true}])"));

        const Outcome appendJson = run(m_write, {{"Path", "w/out.json"}, {"Records", records}}, m_dir.path());
        QVERIFY(!appendJson.ok());
        QCOMPARE(appendJson.error().error, std::string("States.Runtime"));
    }

    void latin1WriteRefusesWhatItCannotHold()
    {
        const QString path = m_dir.filePath(QStringLiteral("latin1-out.csv"));
        QVERIFY(run(m_write, {{"Path", path.toStdString()}, {"Encoding", "ISO-8859-1"}, {"Delimiter", "TAB"},
                              {"Records", {{"name", "Müller"}}}}).ok());
        QCOMPARE(contents(path), QByteArray("name\r\nM\xFCller\r\n"));

        const Outcome refused = run(m_write, {{"Path", path.toStdString()}, {"Encoding", "ISO-8859-1"},
                                              {"Delimiter", "TAB"}, {"Records", Json::array({{{"name", "ok"}}, {{"name", "€"}}})}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, std::string("File.EncodingError"));
        QVERIFY(refused.error().cause.find("record 1") != std::string::npos);
        QCOMPARE(contents(path), QByteArray("name\r\nM\xFCller\r\n")); // nothing of the refused block
    }

    void utf16RoundTripsAcrossChunkBoundaries()
    {
        // 12,000 rows of a surrogate pair: the first 64 KiB chunk ends between the two halves of one,
        // so the decoder must carry it over.
        QString text = QStringLiteral("abc\n");
        for (int i = 0; i < 12000; ++i)
            text += QString::fromUtf8("\xF0\x9F\x98\x80\n"); // U+1F600
        QStringEncoder encoder(QStringConverter::Utf16LE);
        const QByteArray bytes = encoder.encode(text);
        const QByteArray pair = QStringEncoder(QStringConverter::Utf16LE).encode(QString::fromUtf8("\xF0\x9F\x98\x80"));
        QCOMPARE(bytes.mid(65534, 4), pair); // the high half ends the first chunk, the low half starts the second
        put(QStringLiteral("utf16.csv"), bytes);

        const Outcome read = run(m_read, {{"Path", "utf16.csv"}, {"Encoding", "UTF-16LE"}}, m_dir.path());

        VERIFY_OK(read);
        QCOMPARE(int(read.value().size()), 12000);
        for (const Json &row : read.value())
            QCOMPARE(row["abc"].get<std::string>(), std::string("\xF0\x9F\x98\x80"));

        const Outcome written = run(m_write, {{"Path", "utf16-out.jsonl"}, {"Encoding", "UTF-16BE"},
                                              {"Records", {{"name", "Müller \xF0\x9F\x98\x80"}}}}, m_dir.path());
        VERIFY_OK(written);
        const QByteArray out = contents(m_dir.filePath(QStringLiteral("utf16-out.jsonl")));
        QCOMPARE(QStringDecoder(QStringConverter::Utf16BE).decode(out),
                 QString::fromUtf8("{\"name\":\"Müller \xF0\x9F\x98\x80\"}\n"));
        const Outcome back = run(m_read, {{"Path", "utf16-out.jsonl"}, {"Encoding", "utf-16be"}}, m_dir.path());
        VERIFY_OK(back);
        QCOMPARE(back.value()[0]["name"].get<std::string>(), std::string("Müller \xF0\x9F\x98\x80"));
    }

    void writeIntoAnUnwritablePlaceIsAnIoError()
    {
        put(QStringLiteral("a-file"), "x");
        const Outcome outcome = run(m_write, {{"Path", "a-file/below.jsonl"}, {"Records", {{"a", 1}}}}, m_dir.path());
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().error, std::string("File.IoError"));
    }
};

QTEST_GUILESS_MAIN(TestFileResources)
#include "tst_fileresources.moc"
