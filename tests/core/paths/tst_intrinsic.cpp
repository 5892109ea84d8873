#include "paths/Intrinsic.h"

#include "FixtureUtil.h"

#include <QRegularExpression>
#include <QTest>

#include <set>

using sluice::EvalScope;
using sluice::Intrinsic;
using sluice::Json;
using sluice::test::dump;
using sluice::test::loadFixture;

class TestIntrinsic : public QObject
{
    Q_OBJECT

private:
    static Json run(const std::string &call, const Json &input)
    {
        const auto parsed = Intrinsic::parse(call);
        if (!parsed)
            return Json("PARSE ERROR: " + parsed.error().message.toStdString());
        const auto result = parsed->evaluate(EvalScope(input));
        return result ? *result : Json("FAILURE: " + result.error().error + ": " + result.error().cause);
    }

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void failsAtRuntime_data();
    void failsAtRuntime();
    void rejectsBadSyntax_data();
    void rejectsBadSyntax();
    void looksLikeCall();
    void namesEveryFunction();
    void reportsContextUse();
    void uuidIsVersion4();
    void mathRandomStaysInRange();
    void mathRandomSeedIsDeterministic();
    void base64AndHashLimits();
    void invalidUtf8();
    void deepInput();
    void hugeArrays();
    void nestingLimitIsTen();
};

void TestIntrinsic::evaluates_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<Json>("input");
    QTest::addColumn<Json>("expected");
    const Json fixture = loadFixture("intrinsic_eval.json");
    for (const auto &row : fixture["cases"]) {
        Json expected = row["expected"];
        if (expected.is_array())
            for (auto &item : expected)
                if (item == "__INPUT__")
                    item = fixture["input"];
        QTest::newRow(row["name"].get<std::string>().c_str())
            << QString::fromStdString(row["call"].get<std::string>()) << fixture["input"] << expected;
    }
}

void TestIntrinsic::evaluates()
{
    QFETCH(QString, call);
    QFETCH(Json, input);
    QFETCH(Json, expected);

    const Json result = run(call.toStdString(), input);

    QCOMPARE(dump(result), dump(expected));
}

void TestIntrinsic::failsAtRuntime_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<Json>("input");
    QTest::addColumn<QString>("error");
    const Json fixture = loadFixture("intrinsic_eval.json");
    for (const auto &row : fixture["failures"])
        QTest::newRow(row["name"].get<std::string>().c_str())
            << QString::fromStdString(row["call"].get<std::string>()) << fixture["input"]
            << QString::fromStdString(row["error"].get<std::string>());
}

void TestIntrinsic::failsAtRuntime()
{
    QFETCH(QString, call);
    QFETCH(Json, input);
    QFETCH(QString, error);
    const auto parsed = Intrinsic::parse(call.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));

    const auto result = parsed->evaluate(EvalScope(input));

    QVERIFY2(!result.ok(), result.ok() ? dump(*result).constData() : "");
    QCOMPARE(QString::fromStdString(result.error().error), error);
    QVERIFY(!result.error().cause.empty());
    QVERIFY(result.error().cause.size() < 600);
}

void TestIntrinsic::rejectsBadSyntax_data()
{
    QTest::addColumn<QString>("call");
    const Json fixture = loadFixture("intrinsic_eval.json");
    for (const auto &row : fixture["badSyntax"])
        QTest::newRow(row.get<std::string>().c_str()) << QString::fromStdString(row.get<std::string>());
}

void TestIntrinsic::rejectsBadSyntax()
{
    QFETCH(QString, call);

    const auto parsed = Intrinsic::parse(call.toStdString());

    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, sluice::ErrorCode::BadIntrinsic);
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestIntrinsic::looksLikeCall()
{
    QVERIFY(Intrinsic::looksLikeCall("States.Format('x')"));
    QVERIFY(Intrinsic::looksLikeCall("States.Nope("));
    QVERIFY(!Intrinsic::looksLikeCall("$.States"));
    QVERIFY(!Intrinsic::looksLikeCall("States.Format"));
    QVERIFY(!Intrinsic::looksLikeCall(""));
}

void TestIntrinsic::reportsContextUse()
{
    const auto call = Intrinsic::parse("States.Format('{}-{}', $$.Map.Item.Index, $.id)").value();
    QVERIFY(call.usesContext());
    QVERIFY(!Intrinsic::parse("States.Array($.a)").value().usesContext());
    QCOMPARE(call.text(), std::string("States.Format('{}-{}', $$.Map.Item.Index, $.id)"));

    const Json input = Json::parse(R"({"id": "x"})");
    const Json context = Json::parse(R"({"Map": {"Item": {"Index": 3}}})");
    const auto result = call.evaluate(EvalScope(input, [&]() -> const Json & { return context; }));
    QCOMPARE(result->get<std::string>(), std::string("3-x"));
}

void TestIntrinsic::uuidIsVersion4()
{
    const auto call = Intrinsic::parse("States.UUID()").value();
    const Json input = Json::object();
    const QRegularExpression v4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const auto uuid = call.evaluate(EvalScope(input)).value().get<std::string>();
        QVERIFY2(v4.match(QString::fromStdString(uuid)).hasMatch(), uuid.c_str());
        seen.insert(uuid);
    }
    QCOMPARE(seen.size(), std::size_t(100));
}

void TestIntrinsic::mathRandomStaysInRange()
{
    const auto call = Intrinsic::parse("States.MathRandom($.start, $.end)").value();
    const Json input = Json::parse(R"({"start": 1, "end": 4})");
    std::set<std::int64_t> seen;
    for (int i = 0; i < 500; ++i) {
        const auto value = call.evaluate(EvalScope(input)).value().get<std::int64_t>();
        QVERIFY(value >= 1 && value < 4);   // start inclusive, end exclusive
        seen.insert(value);
    }
    QCOMPARE(seen.size(), std::size_t(3));
}

void TestIntrinsic::mathRandomSeedIsDeterministic()
{
    const Json input = Json::object();
    const auto a = run("States.MathRandom(0, 1000000, 1234)", input);
    const auto b = run("States.MathRandom(0, 1000000, 1234)", input);
    QCOMPARE(dump(a), dump(b));
    QVERIFY(a.is_number_integer());
}

void TestIntrinsic::base64AndHashLimits()
{
    Json input = Json::object();
    input["ok"] = std::string(10000, 'a');
    input["long"] = std::string(10001, 'a');
    input["okUnicode"] = [] { std::string s; for (int i = 0; i < 10000; ++i) s += "\xc3\xa9"; return s; }();

    QVERIFY(run("States.Base64Encode($.ok)", input).is_string());
    QVERIFY(run("States.Base64Encode($.okUnicode)", input).get<std::string>().rfind("FAILURE", 0) != 0);
    QVERIFY(run("States.Base64Encode($.long)", input).get<std::string>().rfind("FAILURE: States.IntrinsicFailure", 0) == 0);
    QVERIFY(run("States.Base64Decode($.long)", input).get<std::string>().rfind("FAILURE: States.IntrinsicFailure", 0) == 0);
    QVERIFY(run("States.Hash($.ok, 'MD5')", input).get<std::string>().size() == 32);
    QVERIFY(run("States.Hash($.long, 'MD5')", input).get<std::string>().rfind("FAILURE: States.IntrinsicFailure", 0) == 0);
}

void TestIntrinsic::invalidUtf8()
{
    Json input = Json::object();
    input["bad"] = std::string("a\xff" "b", 3);

    const Json text = run("States.JsonToString($)", input);
    QCOMPARE(text.get<std::string>(), std::string("{\"bad\":\"a\xEF\xBF\xBD" "b\"}"));
    QCOMPARE(run("States.Format('<{}>', $.bad)", input).get<std::string>(), std::string("<a\xff" "b>"));
    QCOMPARE(dump(run("States.StringSplit($.bad, 'x')", input)), dump(Json::array({input["bad"]})));
    QVERIFY(run("States.Base64Encode($.bad)", input).is_string());
    QVERIFY(run("States.StringToJson($.bad)", input).get<std::string>().rfind("FAILURE: States.IntrinsicFailure", 0) == 0);
    // Decoding to bytes that are not UTF-8 gives a string that later renderings replace, not a crash.
    QCOMPARE(run("States.Base64Decode('/w==')", input).get<std::string>(), std::string("\xff"));
    QCOMPARE(run(std::string("States.Format('\xff{}', 1)"), input).get<std::string>(), std::string("\xff" "1"));
}

void TestIntrinsic::deepInput()
{
    constexpr int kDepth = 10000;
    const Json input = Json::parse(std::string(kDepth, '[') + "1" + std::string(kDepth, ']'));
    const Json wrapped = {{"deep", input}};

    QCOMPARE(run("States.ArrayLength($.deep)", wrapped).get<int>(), 1);
    const Json text = run("States.JsonToString($.deep)", wrapped);
    QCOMPARE(text.get<std::string>().size(), std::size_t(2 * kDepth + 1));
    QCOMPARE(run("States.ArrayContains($.deep, $.deep[0])", wrapped).get<bool>(), true);
    const Json back = run("States.StringToJson(States.JsonToString($.deep))", wrapped);
    QVERIFY(back == input);

    // A string that would parse into something deeper than 10,000 levels is refused.
    Json tooDeep = Json::object();
    tooDeep["s"] = std::string(200000, '[') + std::string(200000, ']');
    QVERIFY(run("States.StringToJson($.s)", tooDeep).get<std::string>().rfind("FAILURE: States.IntrinsicFailure", 0) == 0);
    tooDeep["s"] = "[\"[[[[[[\"]";   // brackets inside strings do not count
    QCOMPARE(dump(run("States.StringToJson($.s)", tooDeep)), QByteArray("[\"[[[[[[\"]"));
}

void TestIntrinsic::hugeArrays()
{
    Json input = Json::object();
    auto &items = input["items"] = Json::array();
    for (int i = 0; i < 200000; ++i)
        items.push_back(i % 1000);

    QCOMPARE(run("States.ArrayLength(States.ArrayUnique($.items))", input).get<int>(), 1000);
    QCOMPARE(run("States.ArrayLength(States.ArrayPartition($.items, 7))", input).get<int>(), 28572);
    QCOMPARE(run("States.ArrayContains($.items, 999)", input).get<bool>(), true);
}

void TestIntrinsic::nestingLimitIsTen()
{
    std::string call = "1";
    for (int i = 0; i < 10; ++i)
        call = "States.Array(" + call + ")";
    QVERIFY(Intrinsic::parse(call).ok());
    QVERIFY(!Intrinsic::parse("States.Array(" + call + ")").ok());

    std::string deep;
    for (int i = 0; i < 100000; ++i)
        deep += "States.Array(";
    deep += "1" + std::string(100000, ')');
    QVERIFY(!Intrinsic::parse(deep).ok());   // beyond the length limit: rejected without recursing
}

// The editor completes these names; each must be a function the parser knows, and none may be missing.
void TestIntrinsic::namesEveryFunction()
{
    const auto names = sluice::Intrinsic::functionNames();
    QCOMPARE(names.size(), size_t(18));
    QCOMPARE(names.front(), std::string_view("States.Format"));
    std::set<std::string_view> unique(names.begin(), names.end());
    QCOMPARE(unique.size(), names.size());
    for (std::string_view name : names) {
        // a call with no arguments either parses or fails on its arguments, never as an unknown function
        const auto parsed = sluice::Intrinsic::parse(std::string(name) + "()");
        if (!parsed)
            QVERIFY2(!parsed.error().message.contains(QStringLiteral("unknown intrinsic")),
                     qPrintable(parsed.error().message));
    }
    QVERIFY(!sluice::Intrinsic::parse("States.Nope()"));
    QVERIFY(sluice::Intrinsic::parse("States.Nope()").error().message.contains(QStringLiteral("unknown intrinsic")));
}

QTEST_GUILESS_MAIN(TestIntrinsic)
#include "tst_intrinsic.moc"
