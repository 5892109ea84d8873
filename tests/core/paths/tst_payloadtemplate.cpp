#include "paths/PayloadTemplate.h"

#include "FixtureUtil.h"

#include <QElapsedTimer>
#include <QTest>

using sluice::ErrorCode;
using sluice::EvalScope;
using sluice::Json;
using sluice::PayloadTemplate;
using sluice::test::dump;
using sluice::test::loadFixture;

class TestPayloadTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void rejectsBadTemplates_data();
    void rejectsBadTemplates();
    void missingPathNamesTheField();
    void intrinsicFailurePassesThrough();
    void keepsSourceAndContextUse();
    void emptyPointerStillPoints();
    void deepStaticSubtreeIsFine();
    void deepDynamicNestingIsRejected();
    void invalidUtf8();
    void hugeTemplateAndInput();
    void evaluationIsFast();
};

void TestPayloadTemplate::evaluates_data()
{
    QTest::addColumn<Json>("source");
    QTest::addColumn<Json>("input");
    QTest::addColumn<Json>("context");
    QTest::addColumn<Json>("expected");
    const Json fixture = loadFixture("payload_template.json");
    for (const auto &row : fixture["cases"])
        QTest::newRow(row["name"].get<std::string>().c_str())
            << row["template"] << row["input"] << row.value("context", Json::object()) << row["expected"];
}

void TestPayloadTemplate::evaluates()
{
    QFETCH(Json, source);
    QFETCH(Json, input);
    QFETCH(Json, context);
    QFETCH(Json, expected);
    const auto compiled = PayloadTemplate::compile(source, "/States/S/Parameters");
    QVERIFY2(compiled.ok(), compiled.ok() ? "" : qPrintable(compiled.error().toString()));

    const auto result = compiled->evaluate(EvalScope(input, [&]() -> const Json & { return context; }));

    QVERIFY2(result.ok(), result.ok() ? "" : result.error().cause.c_str());
    QCOMPARE(dump(*result), dump(expected));
}

void TestPayloadTemplate::rejectsBadTemplates_data()
{
    QTest::addColumn<Json>("source");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("pointer");
    const Json fixture = loadFixture("payload_template.json");
    for (const auto &row : fixture["errors"])
        QTest::newRow(row["name"].get<std::string>().c_str())
            << row["template"] << QString::fromStdString(row["code"].get<std::string>())
            << QString::fromStdString(row["pointer"].get<std::string>());
}

void TestPayloadTemplate::rejectsBadTemplates()
{
    QFETCH(Json, source);
    QFETCH(QString, code);
    QFETCH(QString, pointer);
    static const QHash<QString, ErrorCode> kCodes = {
        {QStringLiteral("BadTemplate"), ErrorCode::BadTemplate},
        {QStringLiteral("BadPath"), ErrorCode::BadPath},
        {QStringLiteral("BadIntrinsic"), ErrorCode::BadIntrinsic},
    };

    const auto compiled = PayloadTemplate::compile(source, "/States/S/Parameters");

    QVERIFY(!compiled.ok());
    QCOMPARE(compiled.error().code, kCodes.value(code));
    QCOMPARE(compiled.error().where.pointer, pointer);
    QCOMPARE(compiled.error().where.line, 0);
    QCOMPARE(compiled.error().where.column, 0);
    QVERIFY(!compiled.error().message.isEmpty());
}

void TestPayloadTemplate::missingPathNamesTheField()
{
    const auto compiled = PayloadTemplate::compile(Json::parse(R"({"outer": {"id.$": "$.order.id"}})")).value();
    const Json input = Json::parse(R"({"order": {"number": 5}})");

    const auto result = compiled.evaluate(EvalScope(input));

    QVERIFY(!result.ok());
    QCOMPARE(result.error().error, std::string("States.Runtime"));
    QCOMPARE(result.error().cause, std::string("The JSONPath '$.order.id' specified for the field 'id.$' could not be "
                                               "found in the input '{\"order\":{\"number\":5}}'"));
}

void TestPayloadTemplate::intrinsicFailurePassesThrough()
{
    const auto compiled = PayloadTemplate::compile(Json::parse(R"j({"n.$": "States.ArrayLength($.s)"})j")).value();
    const Json input = Json::parse(R"({"s": "text"})");

    const auto result = compiled.evaluate(EvalScope(input));

    QVERIFY(!result.ok());
    QCOMPARE(result.error().error, std::string("States.IntrinsicFailure"));
}

void TestPayloadTemplate::keepsSourceAndContextUse()
{
    const Json source = Json::parse(R"j({"a.$": "$.x", "b": [{"c.$": "States.Format('{}', $$.Execution.Id)"}]})j");
    const auto compiled = PayloadTemplate::compile(source).value();
    QCOMPARE(dump(compiled.source()), dump(source));
    QVERIFY(compiled.usesContext());
    QVERIFY(!PayloadTemplate::compile(Json::parse(R"({"a.$": "$.x"})")).value().usesContext());
    QVERIFY(compiled == PayloadTemplate::compile(source).value());

    const PayloadTemplate empty;
    QVERIFY(empty.evaluate(EvalScope(source)).ok());
}

void TestPayloadTemplate::emptyPointerStillPoints()
{
    const auto compiled = PayloadTemplate::compile(Json::parse(R"({"a.$": 1})"));
    QVERIFY(!compiled.ok());
    QCOMPARE(compiled.error().where.pointer, QStringLiteral("/a.$"));
}

void TestPayloadTemplate::deepStaticSubtreeIsFine()
{
    constexpr int kDepth = 9999;   // plus the template object: the 10,000-level limit
    const Json deep = Json::parse(std::string(kDepth, '[') + "1" + std::string(kDepth, ']'));
    Json source = Json::object();
    source["static"] = deep;
    source["x.$"] = "$.x";
    const auto compiled = PayloadTemplate::compile(source);
    QVERIFY(compiled.ok());

    const Json input = Json::parse(R"({"x": 1})");
    const auto result = compiled->evaluate(EvalScope(input));
    QVERIFY(result.ok());
    QVERIFY((*result)["static"] == deep);

    // A deep input selected by a path is copied without trouble, too.
    const Json deepInput = {{"x", deep}};
    QVERIFY(compiled->evaluate(EvalScope(deepInput)).ok());

    // Deeper than that is refused, not copied until the stack runs out.
    const Json deeper = Json::parse(std::string(20000, '[') + std::string(20000, ']'));
    const auto refused = PayloadTemplate::compile(deeper, "/P");
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::BadTemplate);
    QCOMPARE(refused.error().where.pointer, QStringLiteral("/P"));
}

void TestPayloadTemplate::deepDynamicNestingIsRejected()
{
    constexpr int kDepth = 5000;   // under the 10,000-level limit, over the 512 for dynamic parts
    std::string text;
    for (int i = 0; i < kDepth; ++i)
        text += "{\"a\":";
    text += "{\"x.$\":\"$.x\"}" + std::string(kDepth, '}');
    const auto compiled = PayloadTemplate::compile(Json::parse(text), "/P");
    QVERIFY(!compiled.ok());
    QCOMPARE(compiled.error().code, ErrorCode::BadTemplate);
    QVERIFY(compiled.error().where.pointer.startsWith(QStringLiteral("/P/a/a/a")));

    std::string ok;
    for (int i = 0; i < 400; ++i)
        ok += "{\"a\":";
    ok += "{\"x.$\":\"$.x\"}" + std::string(400, '}');
    const auto fine = PayloadTemplate::compile(Json::parse(ok));
    QVERIFY(fine.ok());
    const Json input = Json::parse(R"({"x": 7})");
    QVERIFY(fine->evaluate(EvalScope(input)).ok());
}

void TestPayloadTemplate::invalidUtf8()
{
    Json source = Json::object();
    source[std::string("k\xff.$", 4)] = "$.v";
    source[std::string("bad\xfe.$", 6)] = 3;
    const auto bad = PayloadTemplate::compile(source, "/P");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::BadTemplate);   // the message holds U+FFFD, not garbage

    Json good = Json::object();
    good[std::string("k\xff.$", 4)] = "$.v";
    Json input = Json::object();
    input["v"] = std::string("\xc3", 1);
    const auto result = PayloadTemplate::compile(good).value().evaluate(EvalScope(input));
    QVERIFY(result.ok());
    QCOMPARE((*result)[std::string("k\xff", 2)].get<std::string>(), std::string("\xc3", 1));
}

void TestPayloadTemplate::hugeTemplateAndInput()
{
    Json source = Json::object();
    Json input = Json::object();
    for (int i = 0; i < 20000; ++i) {
        source["f" + std::to_string(i) + ".$"] = "$.v" + std::to_string(i);
        source["s" + std::to_string(i)] = i;
        input["v" + std::to_string(i)] = std::string(50, 'x');
    }
    const auto compiled = PayloadTemplate::compile(source);
    QVERIFY(compiled.ok());
    const auto result = compiled->evaluate(EvalScope(input));
    QVERIFY(result.ok());
    QCOMPARE(result->size(), std::size_t(40000));

    input.erase("v19999");
    const auto missing = compiled->evaluate(EvalScope(input));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().cause.size() < 400);
}

void TestPayloadTemplate::evaluationIsFast()
{
    const auto compiled = PayloadTemplate::compile(
        Json::parse(R"({"sku.$": "$.sku", "qty.$": "$.qty", "index.$": "$$.Map.Item.Index", "source": "bench"})")).value();
    const Json item = Json::parse(R"({"sku": "A-1", "qty": 3, "other": [1, 2, 3]})");
    const Json context = Json::parse(R"({"Map": {"Item": {"Index": 1}}})");
    const EvalScope scope(item, [&]() -> const Json & { return context; });
    QElapsedTimer timer;
    timer.start();
    std::size_t ok = 0;
    for (int i = 0; i < 200000; ++i)
        ok += compiled.evaluate(scope).ok();
    const qint64 ms = timer.elapsed();
    QCOMPARE(ok, std::size_t(200000));
    qInfo("200,000 template evaluations in %lld ms", ms);
    QVERIFY2(ms < 3000, "template evaluation is too slow");
}

QTEST_GUILESS_MAIN(TestPayloadTemplate)
#include "tst_payloadtemplate.moc"
