#include "paths/JsonPath.h"

#include "FixtureUtil.h"

#include <QElapsedTimer>
#include <QTest>

using sluice::EvalScope;
using sluice::Json;
using sluice::JsonPath;
using sluice::test::dump;
using sluice::test::loadFixture;

class TestJsonPath : public QObject
{
    Q_OBJECT

private:
    static Json inputOf(const Json &fixture, const Json &row)
    {
        return row.contains("doc") ? fixture["documents"][row["doc"].get<std::string>()] : row["input"];
    }

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void definiteFindDoesNotCopy();
    void missingPathIsRuntimeFailure_data();
    void missingPathIsRuntimeFailure();
    void missingPathCauseIsShort();
    void missingPathCauseNamesTheField();
    void rejectsBadSyntax_data();
    void rejectsBadSyntax();
    void classifiesPaths();
    void readsContextObject();
    void existsForIsPresent();
    void sets_data();
    void sets();
    void deepInputDoesNotCrash();
    void deepFilterNestingIsRejected();
    void longFilterChainsDoNotRecurse();
    void pathologicalPathFailsInsteadOfHanging();
    void invalidUtf8InInput();
    void hugeInput();
    void definiteFindIsFast();
    void defaultConstructedIsRoot();
};

void TestJsonPath::evaluates_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Json>("input");
    QTest::addColumn<Json>("expected");
    const Json fixture = loadFixture("jsonpath_eval.json");
    for (const auto &row : fixture["cases"])
        QTest::newRow(row["name"].get<std::string>().c_str())
            << QString::fromStdString(row["path"].get<std::string>()) << inputOf(fixture, row) << row["expected"];
}

void TestJsonPath::evaluates()
{
    QFETCH(QString, path);
    QFETCH(Json, input);
    QFETCH(Json, expected);

    const auto compiled = JsonPath::parse(path.toStdString());
    QVERIFY2(compiled.ok(), compiled.ok() ? "" : qPrintable(compiled.error().message));
    const auto result = compiled->evaluate(EvalScope(input));

    QVERIFY2(result.ok(), result.ok() ? "" : result.error().cause.c_str());
    QCOMPARE(dump(*result), dump(expected));
}

void TestJsonPath::definiteFindDoesNotCopy()
{
    const Json input = Json::parse(R"({"a": {"b": [10, {"c": "x"}]}})");
    const auto path = JsonPath::parse("$.a.b[1].c").value();

    const auto found = path.find(EvalScope(input));

    QVERIFY(found.ok());
    QCOMPARE(*found, &input["a"]["b"][1]["c"]);
}

void TestJsonPath::missingPathIsRuntimeFailure_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Json>("input");
    const Json fixture = loadFixture("jsonpath_eval.json");
    for (const auto &row : fixture["missing"])
        QTest::newRow(row["path"].get<std::string>().c_str())
            << QString::fromStdString(row["path"].get<std::string>()) << inputOf(fixture, row);
}

void TestJsonPath::missingPathIsRuntimeFailure()
{
    QFETCH(QString, path);
    QFETCH(Json, input);
    const auto compiled = JsonPath::parse(path.toStdString()).value();

    const auto found = compiled.find(EvalScope(input));
    const auto value = compiled.evaluate(EvalScope(input));

    QVERIFY(!found.ok());
    QVERIFY(!value.ok());
    QCOMPARE(QString::fromStdString(found.error().error), QStringLiteral("States.Runtime"));
    QCOMPARE(found.error(), value.error());
    const std::string expectedStart = "The JSONPath '" + path.toStdString() + "' could not be found in the input '";
    QVERIFY2(found.error().cause.rfind(expectedStart, 0) == 0, found.error().cause.c_str());
    QVERIFY(!compiled.exists(EvalScope(input)));
}

void TestJsonPath::missingPathCauseIsShort()
{
    Json input = Json::object();
    for (int i = 0; i < 1000; ++i)
        input["key" + std::to_string(i)] = std::string(100, 'v');

    const auto result = JsonPath::parse("$.nope").value().evaluate(EvalScope(input));

    QVERIFY(!result.ok());
    QVERIFY2(result.error().cause.size() < 300, result.error().cause.c_str());
    QVERIFY(result.error().cause.find("...'") != std::string::npos);
    QVERIFY(result.error().cause.find("{\"key0\":\"vvv") != std::string::npos);
}

void TestJsonPath::missingPathCauseNamesTheField()
{
    const Json input = Json::parse(R"({"a": 1})");
    const auto path = JsonPath::parse("$.x").value();

    const auto value = path.evaluate(EvalScope(input), "InputPath");
    const auto found = path.find(EvalScope(input), "OutputPath");

    QCOMPARE(value.error().cause,
             std::string("The JSONPath '$.x' specified for the field 'InputPath' could not be found in the input '{\"a\":1}'"));
    QCOMPARE(found.error().cause,
             std::string("The JSONPath '$.x' specified for the field 'OutputPath' could not be found in the input '{\"a\":1}'"));
    QCOMPARE(path.evaluate(EvalScope(input), "").error(), path.evaluate(EvalScope(input)).error());
    QCOMPARE(dump(JsonPath::parse("$.a").value().evaluate(EvalScope(input), "InputPath").value()), QByteArray("1"));
}

void TestJsonPath::rejectsBadSyntax_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("reference");
    QTest::addColumn<bool>("valid");
    const Json fixture = loadFixture("jsonpath_eval.json");
    for (const auto &row : fixture["badSyntax"]) {
        const std::string name = row["kind"].get<std::string>() + " " + row["path"].get<std::string>();
        QTest::newRow(name.c_str()) << QString::fromStdString(row["path"].get<std::string>())
                                    << (row["kind"] == "Reference") << row.value("valid", false);
    }
}

void TestJsonPath::rejectsBadSyntax()
{
    QFETCH(QString, path);
    QFETCH(bool, reference);
    QFETCH(bool, valid);

    const auto result = JsonPath::parse(path.toStdString(), reference ? JsonPath::Kind::Reference : JsonPath::Kind::Path);

    QCOMPARE(result.ok(), valid);
    if (!valid) {
        QCOMPARE(result.error().code, sluice::ErrorCode::BadPath);
        QVERIFY(result.error().message.contains(path.isEmpty() ? QStringLiteral("''") : path));
        QVERIFY2(result.error().message.contains(QStringLiteral("character")) || path.size() > 200,
                 qPrintable(result.error().message));
    }
}

void TestJsonPath::classifiesPaths()
{
    QVERIFY(JsonPath::parse("$").value().isRoot());
    QVERIFY(JsonPath::parse("$").value().isDefinite());
    QVERIFY(!JsonPath::parse("$$").value().isRoot());
    QVERIFY(JsonPath::parse("$$").value().isContext());
    QVERIFY(JsonPath::parse("$.a[0]['b']").value().isDefinite());
    QVERIFY(!JsonPath::parse("$.a[*]").value().isDefinite());
    QVERIFY(!JsonPath::parse("$..a").value().isDefinite());
    QVERIFY(!JsonPath::parse("$.a.length()").value().isDefinite());
    QCOMPARE(JsonPath::parse("$.a", JsonPath::Kind::Reference).value().kind(), JsonPath::Kind::Reference);
    QCOMPARE(JsonPath::parse("$.a").value().text(), std::string("$.a"));
    QVERIFY(JsonPath::parse("$.a").value() == JsonPath::parse("$.a").value());

    const Json input = Json::parse(R"({"a": [1, 2]})");
    const auto find = JsonPath::parse("$.a[*]").value().find(EvalScope(input));
    QVERIFY(!find.ok());   // indefinite paths are evaluated, not found
}

void TestJsonPath::readsContextObject()
{
    const Json input = Json::parse(R"({"x": 1})");
    const Json context = Json::parse(R"({"Map": {"Item": {"Index": 7, "Value": {"sku": "A"}}}, "Execution": {"Id": "e1"}})");
    const EvalScope scope(input, [&]() -> const Json & { return context; });

    QCOMPARE(dump(JsonPath::parse("$$.Map.Item.Index").value().evaluate(scope).value()), QByteArray("7"));
    QCOMPARE(dump(JsonPath::parse("$$.Map.Item.Value.sku").value().evaluate(scope).value()), QByteArray("\"A\""));
    QCOMPARE(dump(JsonPath::parse("$$").value().evaluate(scope).value()), dump(context));
    QCOMPARE(dump(JsonPath::parse("$.x").value().evaluate(scope).value()), QByteArray("1"));

    const auto missing = JsonPath::parse("$$.Task.Token").value().evaluate(scope);
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().cause.find("context object") != std::string::npos);

    // Without a context the context object is empty.
    QVERIFY(!JsonPath::parse("$$.Map").value().evaluate(EvalScope(input)).ok());
}

void TestJsonPath::existsForIsPresent()
{
    const Json input = Json::parse(R"({"a": null, "b": [1]})");
    QVERIFY(JsonPath::parse("$.a").value().exists(EvalScope(input)));
    QVERIFY(JsonPath::parse("$.b[0]").value().exists(EvalScope(input)));
    QVERIFY(!JsonPath::parse("$.b[1]").value().exists(EvalScope(input)));
    QVERIFY(!JsonPath::parse("$.c").value().exists(EvalScope(input)));
    QVERIFY(JsonPath::parse("$.b[*]").value().exists(EvalScope(input)));
    QVERIFY(!JsonPath::parse("$.c[*]").value().exists(EvalScope(input)));
}

void TestJsonPath::sets_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Json>("target");
    QTest::addColumn<Json>("value");
    QTest::addColumn<Json>("expected");   // null with error: ResultPathMatchFailure
    QTest::addColumn<bool>("fails");
    const Json fixture = loadFixture("jsonpath_set.json");
    for (const auto &row : fixture)
        QTest::newRow(row["name"].get<std::string>().c_str())
            << QString::fromStdString(row["path"].get<std::string>()) << row["target"] << row["value"]
            << row.value("expected", Json()) << row.value("fails", false);
}

void TestJsonPath::sets()
{
    QFETCH(QString, path);
    QFETCH(Json, target);
    QFETCH(Json, value);
    QFETCH(Json, expected);
    QFETCH(bool, fails);
    const auto compiled = JsonPath::parse(path.toStdString(), JsonPath::Kind::Reference);
    QVERIFY(compiled.ok());

    const auto result = compiled->set(target, value);

    QCOMPARE(!result.ok(), fails);
    if (fails) {
        QCOMPARE(QString::fromStdString(result.error().error), QStringLiteral("States.ResultPathMatchFailure"));
        QVERIFY(result.error().cause.find(path.toStdString()) != std::string::npos);
    } else {
        QCOMPARE(dump(target), dump(expected));
    }
}

void TestJsonPath::deepInputDoesNotCrash()
{
    constexpr int kDepth = 10000;
    // Build {"a":{"a":...{"x":1}...}} without recursion (nlohmann's parser is iterative).
    std::string text;
    for (int i = 0; i < kDepth; ++i)
        text += "{\"a\":";
    text += "{\"x\":1}";
    text += std::string(kDepth, '}');
    const Json input = Json::parse(text);

    std::string definite = "$";
    for (int i = 0; i < kDepth; ++i)
        definite += ".a";
    QCOMPARE(dump(JsonPath::parse(definite + ".x").value().evaluate(EvalScope(input)).value()), QByteArray("1"));
    QCOMPARE(dump(JsonPath::parse("$..x").value().evaluate(EvalScope(input)).value()), QByteArray("[1]"));
    QCOMPARE(dump(JsonPath::parse("$..[?(@.x == 1)].x").value().evaluate(EvalScope(input)).value()), QByteArray("[1]"));
    const auto missing = JsonPath::parse("$.a.nope").value().evaluate(EvalScope(input));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().cause.size() < 400);

    Json target = input;
    QVERIFY(JsonPath::parse(definite + ".y", JsonPath::Kind::Reference).value().set(target, 2).ok());
}

void TestJsonPath::deepFilterNestingIsRejected()
{
    std::string path = "$";
    for (int i = 0; i < 1000; ++i)
        path += "[?(@";
    const auto nested = JsonPath::parse(path);
    QVERIFY(!nested.ok());

    const auto parens = JsonPath::parse("$[?(" + std::string(5000, '(') + "@.a" + std::string(5000, ')') + ")]");
    QVERIFY(!parens.ok());
    QVERIFY(parens.error().message.contains(QStringLiteral("nested too deeply")));

    const auto nots = JsonPath::parse("$[?(" + std::string(5000, '!') + "@.a)]");
    QVERIFY(!nots.ok());

    QVERIFY(JsonPath::parse("$[?(((@.a)))]").ok());
}

void TestJsonPath::longFilterChainsDoNotRecurse()
{
    std::string filter = "$[?(@.a == 0";
    for (int i = 1; i < 3000; ++i)
        filter += " || @.a == " + std::to_string(i);
    filter += ")].a";
    const auto path = JsonPath::parse(filter);
    QVERIFY(path.ok());
    const Json input = Json::parse(R"([{"a": 2999}, {"a": 3000}])");
    QCOMPARE(dump(path->evaluate(EvalScope(input)).value()), QByteArray("[2999]"));
}

void TestJsonPath::pathologicalPathFailsInsteadOfHanging()
{
    // Each "..*" multiplies the matches by the depth: C(300, 8) nodes would take years.
    const Json input = Json::parse(std::string(300, '[') + std::string(300, ']'));
    QElapsedTimer timer;
    timer.start();

    const auto result = JsonPath::parse("$..*..*..*..*..*..*..*..*").value().evaluate(EvalScope(input));
    const auto filtered = JsonPath::parse("$..[?(@..[?(@..[?(@..[?(@..x)])])])]").value().evaluate(EvalScope(input));

    QVERIFY(!result.ok());
    QCOMPARE(result.error().error, std::string("States.Runtime"));
    QVERIFY(result.error().cause.find("simplify the path") != std::string::npos);
    QVERIFY(!filtered.ok());
    QVERIFY(!JsonPath::parse("$..*..*..*..*..*..*..*..*").value().exists(EvalScope(input)));
    QVERIFY2(timer.elapsed() < 20000, "the work limit did not stop the evaluation");
}

void TestJsonPath::invalidUtf8InInput()
{
    Json input = Json::object();
    input["bad"] = std::string("\xff\xfe broken \xc3", 11);
    input[std::string("k\xff", 2)] = 1;

    const auto found = JsonPath::parse("$.bad").value().evaluate(EvalScope(input));
    QVERIFY(found.ok());
    QCOMPARE(found->get<std::string>(), input["bad"].get<std::string>());

    const auto missing = JsonPath::parse("$.nope").value().evaluate(EvalScope(input));
    QVERIFY(!missing.ok());   // the cause renders the bad bytes as U+FFFD instead of throwing
    QVERIFY(missing.error().cause.find("\xEF\xBF\xBD") != std::string::npos);

    const auto filtered = JsonPath::parse("$[?(@ == 1)]").value().evaluate(EvalScope(input));
    QCOMPARE(dump(filtered.value()), QByteArray("[1]"));

    // A path text with invalid UTF-8 parses as a name (bytes are compared as they are).
    QCOMPARE(dump(JsonPath::parse(std::string("$.k\xff", 4)).value().evaluate(EvalScope(input)).value()), QByteArray("1"));
}

void TestJsonPath::hugeInput()
{
    Json input = Json::object();
    auto &items = input["items"];
    items = Json::array();
    for (int i = 0; i < 200000; ++i)
        items.push_back({{"id", i}, {"even", i % 2 == 0}});

    const auto ids = JsonPath::parse("$.items[*].id").value().evaluate(EvalScope(input));
    QCOMPARE(ids->size(), std::size_t(200000));
    const auto even = JsonPath::parse("$.items[?(@.even == true)].id").value().evaluate(EvalScope(input));
    QCOMPARE(even->size(), std::size_t(100000));
    const auto count = JsonPath::parse("$.items.length()").value().evaluate(EvalScope(input));
    QCOMPARE(count->get<int>(), 200000);
    const auto last = JsonPath::parse("$.items[-1].id").value().evaluate(EvalScope(input));
    QCOMPARE(last->get<int>(), 199999);
}

void TestJsonPath::definiteFindIsFast()
{
    // The Map benchmark evaluates a few definite paths per item at > 300k items/s; find() must cost
    // well under a microsecond.
    const Json item = Json::parse(R"({"order": {"id": 42, "lines": [{"sku": "A-1", "qty": 3}]}, "customer": "c"})");
    const auto path = JsonPath::parse("$.order.lines[0].sku").value();
    const EvalScope scope(item);
    QElapsedTimer timer;
    timer.start();
    std::size_t hits = 0;
    for (int i = 0; i < 1000000; ++i)
        hits += path.find(scope).ok();
    const qint64 ms = timer.elapsed();
    QCOMPARE(hits, std::size_t(1000000));
    qInfo("1,000,000 definite finds in %lld ms", ms);
    QVERIFY2(ms < 2000, "definite find is too slow");
}

void TestJsonPath::defaultConstructedIsRoot()
{
    const JsonPath path;
    const Json input = 5;
    QCOMPARE(dump(path.evaluate(EvalScope(input)).value()), QByteArray("5"));
    QVERIFY(path.text().empty());
}

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
