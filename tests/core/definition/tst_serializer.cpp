#include "definition/Parser.h"

#include "DefinitionFixtures.h"

#include <QTest>

using namespace sluice;

namespace {

std::shared_ptr<const Workflow> parseBytes(const QByteArray &bytes)
{
    auto result = definition::parse(bytes);
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return result.value();
}

/// Keys of the object at `pointer` in the serialized text, in the order written.
QStringList keysAt(const QByteArray &text, const char *pointer)
{
    const auto doc = nlohmann::ordered_json::parse(text.toStdString());
    QStringList keys;
    for (const auto &item : doc.at(nlohmann::ordered_json::json_pointer(pointer)).items())
        keys << QString::fromStdString(item.key());
    return keys;
}

} // namespace

class TestSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryFixture_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : fixtures::definitionFiles(QStringLiteral("valid")))
            QTest::newRow(qPrintable(file)) << file;
    }

    void roundTripsEveryFixture()
    {
        QFETCH(QString, file);
        const auto original = parseBytes(fixtures::definition(QStringLiteral("valid"), file));

        const QByteArray once = definition::serialize(*original);
        const auto reparsed = definition::parse(once);

        QVERIFY2(reparsed, qPrintable(reparsed ? QString()
                                               : reparsed.error().toString() + QLatin1Char('\n') +
                                                     QString::fromUtf8(once)));
        QCOMPARE(definition::serialize(*reparsed.value()), once); // byte-identical
        QVERIFY(definition::toJson(*reparsed.value()) == definition::toJson(*original));
        QVERIFY(once.endsWith("}\n"));
    }

    void writesFieldsInDocumentedOrder()
    {
        const auto w = parseBytes(
            fixtures::definition(QStringLiteral("valid"), QStringLiteral("task-retry-catch.asl.json")));

        const QByteArray text = definition::serialize(*w);

        QCOMPARE(keysAt(text, ""), (QStringList{QStringLiteral("Comment"), QStringLiteral("StartAt"),
                                                QStringLiteral("States")}));
        QCOMPARE(keysAt(text, "/States"),
                 (QStringList{QStringLiteral("Load"), QStringLiteral("Store"), QStringLiteral("NotFound"),
                              QStringLiteral("Failed")}));
        QCOMPARE(keysAt(text, "/States/Load"),
                 (QStringList{QStringLiteral("Type"), QStringLiteral("Comment"), QStringLiteral("Resource"),
                              QStringLiteral("InputPath"), QStringLiteral("Parameters"),
                              QStringLiteral("ResultSelector"), QStringLiteral("ResultPath"),
                              QStringLiteral("OutputPath"), QStringLiteral("TimeoutSeconds"),
                              QStringLiteral("HeartbeatSeconds"), QStringLiteral("Retry"),
                              QStringLiteral("Catch"), QStringLiteral("Next")}));
        QCOMPARE(keysAt(text, "/States/Load/Retry/0"),
                 (QStringList{QStringLiteral("ErrorEquals"), QStringLiteral("IntervalSeconds"),
                              QStringLiteral("MaxAttempts"), QStringLiteral("BackoffRate"),
                              QStringLiteral("MaxDelaySeconds"), QStringLiteral("JitterStrategy"),
                              QStringLiteral("Comment")}));
        QCOMPARE(keysAt(text, "/States/Load/Retry/1"),
                 (QStringList{QStringLiteral("ErrorEquals"), QStringLiteral("MaxAttempts")}));
    }

    void keepsTheAuthorsForms()
    {
        const auto legacy = parseBytes(
            fixtures::definition(QStringLiteral("valid"), QStringLiteral("map-legacy-iterator.asl.json")));
        const auto modern =
            parseBytes(fixtures::definition(QStringLiteral("valid"), QStringLiteral("map-inline.asl.json")));
        const auto task = parseBytes(
            fixtures::definition(QStringLiteral("valid"), QStringLiteral("task-retry-catch.asl.json")));

        const Json legacyJson = Json::parse(definition::serialize(*legacy).toStdString());
        const Json modernJson = Json::parse(definition::serialize(*modern).toStdString());
        const Json taskJson = Json::parse(definition::serialize(*task).toStdString());

        QVERIFY(legacyJson["States"]["Each"].contains("Iterator"));
        QVERIFY(legacyJson["States"]["Each"].contains("Parameters"));
        QVERIFY(!legacyJson["States"]["Each"].contains("ItemSelector"));
        const Json &map = modernJson["States"]["Validate-All"];
        QVERIFY(map.contains("ItemProcessor") && map.contains("ItemSelector"));
        QVERIFY(map["ItemProcessor"]["ProcessorConfig"] == Json::parse(R"({"Mode":"INLINE"})"));
        QVERIFY(map["MaxConcurrency"] == Json(0));
        QVERIFY(taskJson["States"]["Store"]["InputPath"] == Json(nullptr));
        QVERIFY(taskJson["States"]["Load"]["OutputPath"] == Json("$"));
        QVERIFY(taskJson["States"]["Load"]["Catch"][0]["ResultPath"] == Json(nullptr));
        QVERIFY(taskJson["States"]["Load"]["Retry"][0]["BackoffRate"] == Json(2.0));
        QVERIFY(!taskJson["States"]["Load"]["Retry"][1].contains("BackoffRate")); // not written, not invented
    }

    void keepsTheAuthorsKeyOrderInPayloads()
    {
        // Parameters, ResultSelector, ItemSelector, ItemReader Parameters and a Pass's Result, nested
        // objects and objects in arrays: all in the order written, so the file round-trips byte for byte.
        const QByteArray source =
            fixtures::read(fixtures::definitionsDir() + QStringLiteral("/serializer/payload-key-order.asl.json"));
        const auto w = parseBytes(source);

        const QByteArray text = definition::serialize(*w);

        QCOMPARE(keysAt(text, "/States/Fetch/Parameters"),
                 (QStringList{QStringLiteral("Url.$"), QStringLiteral("Method"), QStringLiteral("Headers")}));
        QCOMPARE(keysAt(text, "/States/Stamp/Result/batch/order/0"),
                 (QStringList{QStringLiteral("sku"), QStringLiteral("name")}));
        QCOMPARE(text, source);
        QCOMPARE(definition::serialize(*parseBytes(text)), source);
    }

    void sortsPayloadKeysOfAWorkflowNotReadFromText()
    {
        auto w = std::make_shared<Workflow>(*parseBytes(
            fixtures::read(fixtures::definitionsDir() + QStringLiteral("/serializer/payload-key-order.asl.json"))));
        w->keyOrder.reset();

        const QByteArray text = definition::serialize(*w);

        QCOMPARE(keysAt(text, "/States/Fetch/Parameters"),
                 (QStringList{QStringLiteral("Headers"), QStringLiteral("Method"), QStringLiteral("Url.$")}));
        QVERIFY(definition::toJson(*parseBytes(text)) == definition::toJson(*w));
    }

    void writesTwoSpaceIndentation()
    {
        const auto w = parseBytes(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})");

        QCOMPARE(definition::serialize(*w),
                 QByteArray("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": "
                            "\"Succeed\"\n    }\n  }\n}\n"));
    }
};

QTEST_GUILESS_MAIN(TestSerializer)
#include "tst_serializer.moc"
