#include "tasks/RecordReader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using sluice::ErrorCode;
using sluice::Json;
using sluice::RecordReader;

namespace {

const QString kFixtures = QStringLiteral(SLUICE_FIXTURES "/tasks/readers");

Json loadJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Json();
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.cbegin(), bytes.cend());
}

std::optional<ErrorCode> codeFromName(const std::string &name)
{
    static const std::map<std::string, ErrorCode> codes = {{"NotJson", ErrorCode::NotJson},
                                                           {"BadDefinition", ErrorCode::BadDefinition},
                                                           {"UnknownField", ErrorCode::UnknownField},
                                                           {"MissingField", ErrorCode::MissingField},
                                                           {"WrongType", ErrorCode::WrongType},
                                                           {"IoError", ErrorCode::IoError},
                                                           {"InvalidArgument", ErrorCode::InvalidArgument}};
    const auto it = codes.find(name);
    return it == codes.end() ? std::nullopt : std::optional(it->second);
}

} // namespace

Q_DECLARE_METATYPE(Json)

class TestRecordReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// The fixture copied into the temporary directory, as the tests read real files there.
    QString copyFixture(const QString &name)
    {
        const QString target = m_dir.filePath(name);
        if (!QFile::exists(target))
            QFile::copy(kFixtures + QLatin1Char('/') + name, target);
        return target;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsFixture_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Json>("config");
        QTest::addColumn<Json>("expectedItems");
        QTest::addColumn<Json>("expectedLines");
        QTest::addColumn<Json>("expectedError");
        const Json cases = loadJson(kFixtures + QStringLiteral("/cases.json"));
        QVERIFY(cases.is_array() && !cases.empty());
        for (const auto &c : cases) {
            QTest::newRow(c.at("name").get<std::string>().c_str())
                << QString::fromStdString(c.at("file").get<std::string>()) << c.at("config")
                << c.value("items", Json::array()) << c.value("lines", Json()) << c.value("error", Json());
        }
    }

    void readsFixture()
    {
        QFETCH(QString, file);
        QFETCH(Json, config);
        QFETCH(Json, expectedItems);
        QFETCH(Json, expectedLines);
        QFETCH(Json, expectedError);

        auto opened = RecordReader::open(copyFixture(file), config);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        auto reader = std::move(opened).value();

        Json items = Json::array();
        Json lines = Json::array();
        std::optional<sluice::Error> error;
        for (;;) {
            auto item = reader->next();
            if (!item) {
                error = item.error();
                break;
            }
            if (!item->has_value())
                break;
            items.push_back(std::move(**item));
            lines.push_back(reader->line());
            QVERIFY(items.size() < 1000);
        }

        QCOMPARE(QString::fromStdString(items.dump()), QString::fromStdString(expectedItems.dump()));
        if (!expectedLines.is_null())
            QCOMPARE(QString::fromStdString(lines.dump()), QString::fromStdString(expectedLines.dump()));
        if (expectedError.is_null()) {
            QVERIFY2(!error, error ? qPrintable(error->toString()) : "");
            // The end is sticky.
            auto again = reader->next();
            QVERIFY(again.ok() && !again->has_value());
        } else {
            QVERIFY2(error, "expected an error");
            QCOMPARE(error->code, codeFromName(expectedError.at("code").get<std::string>()).value());
            QCOMPARE(error->where.line, expectedError.at("line").get<int>());
            QVERIFY(error->where.pointer.isEmpty());
            QVERIFY2(error->message.contains(file), qPrintable(error->message));
            if (expectedError.contains("contains"))
                QVERIFY2(error->message.contains(
                             QString::fromStdString(expectedError.at("contains").get<std::string>())),
                         qPrintable(error->message));
            // The error is sticky too: a caller that retries does not skip the bad record.
            auto again = reader->next();
            QVERIFY(!again.ok());
            QCOMPARE(again.error().message, error->message);
        }
    }

    void rejectsConfig_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Json>("config");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("pointer");
        const Json cases = loadJson(kFixtures + QStringLiteral("/config_errors.json"));
        QVERIFY(cases.is_array() && !cases.empty());
        for (const auto &c : cases) {
            QTest::newRow(c.at("name").get<std::string>().c_str())
                << QString::fromStdString(c.at("file").get<std::string>()) << c.at("config")
                << QString::fromStdString(c.at("code").get<std::string>())
                << QString::fromStdString(c.at("pointer").get<std::string>());
        }
    }

    void rejectsConfig()
    {
        QFETCH(QString, file);
        QFETCH(Json, config);
        QFETCH(QString, code);
        QFETCH(QString, pointer);

        const auto opened = RecordReader::open(copyFixture(file), config);

        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, codeFromName(code.toStdString()).value());
        QCOMPARE(opened.error().where.pointer, pointer);
    }

    void missingFileIsIoError()
    {
        const QString path = m_dir.filePath(QStringLiteral("does-not-exist.csv"));

        const auto opened = RecordReader::open(path, Json{{"InputType", "CSV"}});

        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::IoError);
        QVERIFY(opened.error().message.contains(path));
    }

    void streamsLargeCsvInConstantMemory()
    {
        // 200,000 rows (~7 MB): far more than the 64 KiB buffer, so the reader must stream.
        constexpr int kRows = 200'000;
        const QString path = m_dir.filePath(QStringLiteral("large.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray chunk = "id,name,note\n";
            for (int i = 0; i < kRows; ++i) {
                chunk += QByteArray::number(i) + ",item " + QByteArray::number(i) +
                         ",\"a, \"\"quoted\"\"\nnote\"\n";
                if (chunk.size() > (1 << 20)) {
                    file.write(chunk);
                    chunk.clear();
                }
            }
            file.write(chunk);
        }

        QElapsedTimer timer;
        timer.start();
        auto reader = RecordReader::open(path, Json{{"InputType", "CSV"}}).value();
        qint64 count = 0;
        Json last;
        for (;;) {
            auto item = reader->next();
            QVERIFY2(item.ok(), item.ok() ? "" : qPrintable(item.error().toString()));
            if (!item->has_value())
                break;
            last = std::move(**item);
            ++count;
        }

        QCOMPARE(count, kRows);
        QCOMPARE(reader->itemsRead(), kRows);
        QCOMPARE(last.at("id").get<std::string>(), std::to_string(kRows - 1));
        QCOMPARE(last.at("note").get<std::string>(), std::string("a, \"quoted\"\nnote"));
        QCOMPARE(reader->line(), 2 * qint64(kRows)); // each record spans two lines after the header
        qInfo("CSV: %lld rows in %lld ms", count, timer.elapsed());
    }

    void streamsLargeJsonLines()
    {
        constexpr int kLines = 200'000;
        const QString path = m_dir.filePath(QStringLiteral("large.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray chunk;
            for (int i = 0; i < kLines; ++i) {
                chunk += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"item\"}\n";
                if (chunk.size() > (1 << 20)) {
                    file.write(chunk);
                    chunk.clear();
                }
            }
            file.write(chunk);
        }

        QElapsedTimer timer;
        timer.start();
        auto reader = RecordReader::open(path, Json::object()).value(); // type from the .jsonl suffix
        qint64 count = 0;
        for (;;) {
            auto item = reader->next();
            QVERIFY(item.ok());
            if (!item->has_value())
                break;
            QCOMPARE((**item).at("id").get<qint64>(), count);
            ++count;
        }

        QCOMPARE(count, kLines);
        QCOMPARE(reader->line(), qint64(kLines));
        qInfo("JSONL: %lld lines in %lld ms", count, timer.elapsed());
    }

    void streamsLargeJsonArray()
    {
        constexpr int kElements = 200'000;
        const QString path = m_dir.filePath(QStringLiteral("large.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray chunk = "[\n";
            for (int i = 0; i < kElements; ++i) {
                chunk += "  {\"id\": " + QByteArray::number(i) + ", \"tricky\": \"],{\\\"\"}" +
                         (i + 1 < kElements ? ",\n" : "\n");
                if (chunk.size() > (1 << 20)) {
                    file.write(chunk);
                    chunk.clear();
                }
            }
            file.write(chunk + "]\n");
        }

        QElapsedTimer timer;
        timer.start();
        auto reader = RecordReader::open(path, Json{{"InputType", "JSON"}}).value();
        qint64 count = 0;
        for (;;) {
            auto item = reader->next();
            QVERIFY2(item.ok(), item.ok() ? "" : qPrintable(item.error().toString()));
            if (!item->has_value())
                break;
            QCOMPARE((**item).at("id").get<qint64>(), count);
            QCOMPARE((**item).at("tricky").get<std::string>(), std::string("],{\""));
            ++count;
        }

        QCOMPARE(count, kElements);
        QCOMPARE(reader->line(), qint64(kElements) + 1);
        qInfo("JSON array: %lld elements in %lld ms", count, timer.elapsed());
    }

    /// Throughput of one file named by SLUICE_READER_BENCH (and SLUICE_READER_BENCH_TYPE, default
    /// from the file name); skipped otherwise. For measuring peak memory with /usr/bin/time -v.
    void benchmarkFile()
    {
        const QString path = qEnvironmentVariable("SLUICE_READER_BENCH");
        if (path.isEmpty())
            QSKIP("set SLUICE_READER_BENCH=<file> to measure a reader");
        Json config = Json::object();
        if (qEnvironmentVariableIsSet("SLUICE_READER_BENCH_TYPE"))
            config["InputType"] = qEnvironmentVariable("SLUICE_READER_BENCH_TYPE").toStdString();

        QElapsedTimer timer;
        timer.start();
        auto reader = RecordReader::open(path, config).value();
        qint64 count = 0;
        for (;;) {
            auto item = reader->next();
            QVERIFY2(item.ok(), item.ok() ? "" : qPrintable(item.error().toString()));
            if (!item->has_value())
                break;
            ++count;
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        qInfo("%s: %lld items in %.2f s = %.0f items/s", qPrintable(path), count, seconds, count / seconds);
    }
};

QTEST_GUILESS_MAIN(TestRecordReader)
#include "tst_recordreader.moc"
