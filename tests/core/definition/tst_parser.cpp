#include "definition/Parser.h"

#include "DefinitionFixtures.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sluice;

namespace {

std::shared_ptr<const Workflow> parseFixture(const char *file)
{
    auto result = definition::parse(fixtures::definition(QStringLiteral("valid"), QString::fromUtf8(file)));
    if (!result)
        qFatal("%s: %s", file, qPrintable(result.error().toString()));
    return result.value();
}

std::vector<std::string> names(const StateMachine &machine)
{
    std::vector<std::string> out;
    for (const auto &s : machine.states)
        out.push_back(s.name);
    return out;
}

} // namespace

class TestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidFixtures_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : fixtures::definitionFiles(QStringLiteral("valid")))
            QTest::newRow(qPrintable(file)) << file;
    }

    void parsesValidFixtures()
    {
        QFETCH(QString, file);

        const auto result = definition::parse(fixtures::definition(QStringLiteral("valid"), file));

        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const StateMachine &root = result.value()->root;
        QVERIFY(root.start());
        QCOMPARE(root.indexByName.size(), root.states.size());
        for (size_t i = 0; i < root.states.size(); ++i)
            QCOMPARE(root.indexByName.at(root.states[i].name), int(i));
    }

    void buildsThePassModel()
    {
        const auto w = parseFixture("hello-world.asl.json");

        QCOMPARE(w->root.comment,
                 std::string("A Hello World example of the Amazon States Language using a Pass state"));
        QCOMPARE(w->root.startAt, std::string("HelloWorld"));
        const State *s = w->root.start();
        QVERIFY(s);
        QCOMPARE(s->type, StateType::Pass);
        QVERIFY(s->end);
        QVERIFY(s->isTerminal());
        QVERIFY(*s->result == Json("Hello World!"));
        QVERIFY(s->inputPath.isDefault());
    }

    void buildsTheTaskModel()
    {
        const auto w = parseFixture("task-retry-catch.asl.json");

        QCOMPARE(names(w->root),
                 (std::vector<std::string>{"Load", "Store", "NotFound", "Failed"})); // definition order
        const State &load = *w->root.find("Load");
        QCOMPARE(load.resource, std::string("sluice:http"));
        QCOMPARE(load.inputPath.path.text(), std::string("$.order"));
        QCOMPARE(load.resultPath.path.text(), std::string("$.fetched"));
        QVERIFY(load.outputPath.isDefault());
        QCOMPARE(load.outputPath.mode, PathField::Mode::Path);
        QCOMPARE(*load.timeoutSeconds.value, 300.0);
        QCOMPARE(*load.heartbeatSeconds.value, 60.0);
        QVERIFY(load.parameters && load.parameters->usesContext());
        QCOMPARE(load.retry.size(), size_t(2));
        QCOMPARE(load.retry[0].errorEquals, (std::vector<std::string>{"States.Timeout", "Http.503"}));
        QCOMPARE(load.retry[0].maxAttempts, 3);
        QCOMPARE(load.retry[0].backoffRate, 2.0);
        QCOMPARE(*load.retry[0].maxDelaySeconds, 30.0);
        QVERIFY(load.retry[0].jitterFull);
        QCOMPARE(load.retry[1].maxAttempts, 0);
        QCOMPARE(load.catchers.size(), size_t(2));
        QCOMPARE(load.catchers[0].resultPath.mode, PathField::Mode::Null);
        QCOMPARE(load.catchers[1].next, std::string("Failed"));
        QCOMPARE(load.next, std::string("Store"));

        const State &store = *w->root.find("Store");
        QCOMPARE(store.timeoutSeconds.path->text(), std::string("$.limits.timeout"));
        QVERIFY(!store.timeoutSeconds.value);
        QCOMPARE(store.inputPath.mode, PathField::Mode::Null);
        QCOMPARE(store.resultPath.mode, PathField::Mode::Null);
        QVERIFY(store.credentials);
    }

    void buildsChoiceRules()
    {
        const auto w = parseFixture("choice-rules.asl.json");

        const State &route = *w->root.find("Route");
        QCOMPARE(route.defaultNext, std::string("DefaultState"));
        QCOMPARE(route.choices.size(), size_t(12));
        const ChoiceRule &notRule = route.choices[0];
        QCOMPARE(notRule.kind, ChoiceRule::Kind::Not);
        QCOMPARE(notRule.children.size(), size_t(1));
        QCOMPARE(notRule.children[0].op, ChoiceRule::Op::StringEquals);
        QCOMPARE(notRule.children[0].variable.text(), std::string("$.type"));
        QVERIFY(notRule.children[0].next.empty());
        QCOMPARE(notRule.next, std::string("Public"));
        QCOMPARE(route.choices[1].kind, ChoiceRule::Kind::And);
        QVERIFY(route.choices[1].children[3].operand == Json(30.5));
        const ChoiceRule &orRule = route.choices[2];
        QCOMPARE(orRule.children[3].op, ChoiceRule::Op::StringEquals);
        QVERIFY(orRule.children[3].operandIsPath);
        QCOMPARE(orRule.children[3].operandPath.text(), std::string("$.expected.name"));
        QCOMPARE(route.choices[3].comment, std::string("flag set"));
        QCOMPARE(route.choices[5].op, ChoiceRule::Op::TimestampGreaterThan);
    }

    void buildsWaitAndFail()
    {
        const auto wait = parseFixture("wait-variants.asl.json");
        const auto fail = parseFixture("succeed-fail.asl.json");

        QCOMPARE(*wait->root.find("WaitSeconds")->seconds, 10.0);
        QCOMPARE(*wait->root.find("WaitUntil")->timestamp, std::string("2016-03-14T01:59:00Z"));
        QCOMPARE(wait->root.find("WaitSecondsPath")->secondsPath->text(), std::string("$.delay"));
        QCOMPARE(wait->root.find("WaitTimestampPath")->timestampPath->text(), std::string("$.expirydate"));
        QCOMPARE(*fail->root.find("FailPlain")->error.value, std::string("ErrorA"));
        QCOMPARE(fail->root.find("FailWithPaths")->error.path->text(), std::string("$.detail.code"));
        QVERIFY(fail->root.find("FailWithPaths")->cause.intrinsic);
        QVERIFY(!fail->root.find("FailWithPaths")->cause.path);
    }

    void scopesNestedStateMachines()
    {
        const auto w = parseFixture("parallel-nested.asl.json");

        const State &fanOut = *w->root.find("FanOut");
        QCOMPARE(fanOut.branches.size(), size_t(2));
        QCOMPARE(fanOut.branches[0]->comment, std::string("first branch"));
        const State &inner = *fanOut.branches[0]->find("Inner");
        QCOMPARE(inner.type, StateType::Parallel);
        QCOMPARE(inner.branches[1]->start()->type, StateType::Wait);
        const State &map = *fanOut.branches[1]->find("Step");
        QCOMPARE(map.type, StateType::Map);
        QVERIFY(map.processor);
        QCOMPARE(map.processor->start()->resource, std::string("sluice:shell"));
        QVERIFY(!w->root.find("Step")); // names are scoped
        QCOMPARE(fanOut.catchers[0].next, std::string("Recover"));
    }

    void buildsMapForms()
    {
        const auto inlineMap = parseFixture("map-inline.asl.json");
        const auto legacy = parseFixture("map-legacy-iterator.asl.json");
        const auto distributed = parseFixture("map-distributed.asl.json");

        const State &a = *inlineMap->root.start();
        QVERIFY(!a.legacyIterator);
        QVERIFY(!a.itemSelectorIsLegacyParameters);
        QVERIFY(!a.distributed);
        QCOMPARE(a.itemsPath->text(), std::string("$.shipped"));
        QCOMPARE(*a.maxConcurrency.value, 0.0);

        const State &b = *legacy->root.start();
        QVERIFY(b.legacyIterator);
        QVERIFY(b.itemSelectorIsLegacyParameters);
        QVERIFY(b.parameters);
        QCOMPARE(b.maxConcurrency.path->text(), std::string("$.limit"));
        QCOMPARE(names(*b.processor), (std::vector<std::string>{"Work", "Wait"}));

        const State &c = *distributed->root.start();
        QVERIFY(c.distributed);
        QCOMPARE(c.executionType, std::string("STANDARD"));
        QCOMPARE(c.label, std::string("csvrows"));
        QCOMPARE(c.itemReader->resource, std::string("sluice:file.read"));
        QVERIFY(c.itemReader->readerConfig["CSVHeaders"] == Json::parse(R"(["sku","qty"])"));
        QCOMPARE(*c.itemBatcher->maxItemsPerBatch.value, 100.0);
        QCOMPARE(c.itemBatcher->maxInputBytesPerBatch.path->text(), std::string("$.batchBytes"));
        QCOMPARE(*c.toleratedFailurePercentage.value, 5.5);
        QCOMPARE(c.toleratedFailureCount.path->text(), std::string("$.tolerate"));
        QCOMPARE(c.resultWriter->resource, std::string("sluice:file.write"));
        const State &d = *distributed->root.find("ReadJsonLines");
        QCOMPARE(d.itemReader->maxItemsPath->text(), std::string("$.max"));
        QCOMPARE(d.executionType, std::string("EXPRESS"));
    }

    void readsTopLevelOptions()
    {
        const auto w = parseFixture("top-level-options.asl.json");

        QCOMPARE(w->version, std::string("1.0"));
        QCOMPARE(*w->timeoutSeconds, 3600.0);
        QCOMPARE(w->queryLanguage, std::string("JSONPath"));
        QCOMPARE(w->root.start()->queryLanguage, std::string("JSONPath"));
    }

    void keepsUnicodeNames()
    {
        const auto w = parseFixture("unicode-names.asl.json");

        QCOMPARE(names(w->root), (std::vector<std::string>{"Étape 1/2 ~ début", "階段二"}));
        QCOMPARE(w->root.start()->next, std::string("階段二"));
        QVERIFY(*w->root.start()->result == Json("ünïcödé ✓ é\xF0\x9F\x98\x80"));
    }

    void keepsDefinitionOrderOfStates()
    {
        const QByteArray bytes = R"({"StartAt": "Z", "States": {
            "Z": {"Type": "Pass", "Next": "A"}, "A": {"Type": "Pass", "Next": "M"}, "M": {"Type": "Succeed"}}})";

        const auto w = definition::parse(bytes);

        QVERIFY(w);
        QCOMPARE(names(w.value()->root), (std::vector<std::string>{"Z", "A", "M"}));
        QCOMPARE(w.value()->root.indexByName.at("M"), 2);
    }

    void namesStateTypesAndOperators()
    {
        for (int t = 0; t <= int(StateType::Map); ++t) {
            const auto type = StateType(t);
            QCOMPARE(stateTypeFromName(stateTypeName(type)), std::optional<StateType>(type));
        }
        bool isPath = true;
        QCOMPARE(choiceOpFromName("NumericLessThanEquals", &isPath),
                 std::optional(ChoiceRule::Op::NumericLessThanEquals));
        QVERIFY(!isPath);
        QCOMPARE(choiceOpFromName("TimestampGreaterThanPath", &isPath),
                 std::optional(ChoiceRule::Op::TimestampGreaterThan));
        QVERIFY(isPath);
        QVERIFY(!choiceOpFromName("StringMatchesPath", &isPath)); // no Path variant in ASL
        QVERIFY(!choiceOpFromName("IsNullPath", &isPath));
        QVERIFY(!choiceOpFromName("Path", &isPath));
        QVERIFY(!stateTypeFromName("task"));
        QCOMPARE(QByteArray(choiceOpName(ChoiceRule::Op::IsTimestamp)), QByteArray("IsTimestamp"));
    }

    void refusesWhatIsNotJson_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("empty") << QByteArray() << 1 << 1;
        QTest::newRow("junk") << QByteArray("hello") << 1 << 1;
        QTest::newRow("trailing comma") << QByteArray("{\"a\": 1,}") << 1 << 9;
        QTest::newRow("second line") << QByteArray("{\n  \"a\": tru\n}") << 2 << 11; // where nlohmann noticed
        QTest::newRow("invalid UTF-8 in string") << QByteArray("{\n  \"StartAt\": \"\xff\"\n}") << 2 << 15;
        QTest::newRow("overlong UTF-8") << QByteArray("{\"a\": \"\xc0\xaf\"}") << 1 << 8;
        QTest::newRow("lone surrogate escape") << QByteArray("{\"a\": \"\\ud800\"}") << 1 << 14;
        QTest::newRow("two documents") << QByteArray("{} {}") << 1 << 4;
        QTest::newRow("number too large") << QByteArray("{\"a\": [1, -1e400]}") << 1 << 11;
    }

    void refusesWhatIsNotJson()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        QFETCH(int, column);

        const auto result = definition::parse(bytes);
        const auto errors = definition::validate(bytes);

        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::NotJson);
        QCOMPARE(result.error().where.line, line);
        QCOMPARE(result.error().where.column, column);
        QVERIFY(result.error().message.startsWith(QStringLiteral("The definition is not valid JSON")));
        QCOMPARE(errors.size(), size_t(1));
    }

    void refusesFiftyMegabytesOfWhitespace()
    {
        QByteArray bytes(50 * 1024 * 1024, ' ');
        for (qsizetype i = 1000; i < bytes.size(); i += 1000)
            bytes[i] = '\n';
        QElapsedTimer timer;
        timer.start();

        const auto result = definition::parse(bytes);

        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::NotJson);
        QCOMPARE(result.error().where.line, int(bytes.size() / 1000) + 1);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void refusesFiftyMegabytesOfJunk()
    {
        QByteArray bytes(50 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919) % 251);
        QByteArray nested = "[" + QByteArray(50 * 1024 * 1024, '"');

        const auto junk = definition::parse(bytes);
        const auto strings = definition::validate(nested);

        QVERIFY(!junk);
        QCOMPARE(junk.error().code, ErrorCode::NotJson);
        QCOMPARE(junk.error().where.line, 1);
        QCOMPARE(strings.size(), size_t(1));
        QCOMPARE(strings.front().code, ErrorCode::NotJson);
    }

    void refusesDeepNesting_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("column");

        QTest::newRow("arrays") << QByteArray(10000, '[') << 513;
        QTest::newRow("objects") << QByteArray("{\"a\":").repeated(10000) << 5 * 512 + 1;
        const QByteArray inResult =
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"Result\": " +
            QByteArray(10000, '[') + QByteArray(10000, ']') + "}}}";
        QTest::newRow("inside a Result") << inResult << int(inResult.indexOf('[')) + 1 + (512 - 3);
    }

    void refusesDeepNesting()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, column);

        const auto result = definition::parse(bytes);

        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::NotJson);
        QVERIFY2(result.error().message.contains(QStringLiteral("512")), qPrintable(result.error().message));
        QCOMPARE(result.error().where.line, 1);
        QCOMPARE(result.error().where.column, column);
    }

    void acceptsNestingWithinTheLimit()
    {
        const QByteArray bytes =
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"Result\": " +
            QByteArray(500, '[') + QByteArray(500, ']') + "}}}";

        const auto result = definition::parse(bytes);

        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QVERIFY(!definition::serialize(*result.value()).isEmpty());
    }

    void locatesPointers_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("root") << QString() << 1 << 1;
        QTest::newRow("member") << QStringLiteral("/StartAt") << 2 << 14;
        QTest::newRow("escaped name") << QStringLiteral("/States/Étape 1~12 ~0 début") << 4 << 26;
        QTest::newRow("nested") << QStringLiteral("/States/Étape 1~12 ~0 début/Next") << 4 << 51;
        QTest::newRow("unicode escape in key") << QStringLiteral("/States/階段二") << 5 << 22;
        QTest::newRow("array element") << QStringLiteral("/States/階段二/List/2") << 5 << 63;
        QTest::newRow("missing") << QStringLiteral("/States/Nope") << 0 << 0;
        QTest::newRow("index past end") << QStringLiteral("/States/階段二/List/3") << 0 << 0;
    }

    void locatesPointers()
    {
        QFETCH(QString, pointer);
        QFETCH(int, line);
        QFETCH(int, column);
        const QByteArray bytes =
            "{\n"
            "  \"StartAt\": \"Étape 1/2 ~ début\",\n"
            "  \"States\": {\n"
            "    \"Étape 1/2 ~ début\": {\"Type\": \"Pass\", \"Next\": \"階段二\"},\n"
            "    \"\\u968e\\u6bb5二\": {\"Type\": \"Pass\", \"List\": [1, {\"x\": [2]}, \"t\"]}\n"
            "  }\n"
            "}\n";

        const SourceLocation at = definition::locate(bytes, pointer);

        QCOMPARE(at.line, line);
        QCOMPARE(at.column, column);
        QCOMPARE(at.pointer, pointer);
    }

    void locateSurvivesBrokenInput()
    {
        const SourceLocation a = definition::locate(QByteArray("{\"a\": [1, 2"), QStringLiteral("/a/1"));
        const SourceLocation b = definition::locate(QByteArray("{\"a\" 1}"), QStringLiteral("/a"));
        const SourceLocation c = definition::locate(QByteArray(100000, '['), QStringLiteral("/0/0/0"));

        QCOMPARE(a.column, 11);
        QCOMPARE(b.line, 0);
        QCOMPARE(c.column, 4);
    }

    void parseReturnsTheFirstProblem()
    {
        const QByteArray bytes =
            "{\"States\": {\"A\": {\"Type\": \"Pass\", \"End\": 1}}, \"StartAt\": \"B\"}";

        const auto result = definition::parse(bytes);
        const auto errors = definition::validate(bytes);

        QVERIFY(!result);
        QCOMPARE(errors.size(), size_t(2));
        QCOMPARE(result.error().where.pointer, QStringLiteral("/States/A/End"));
        QCOMPARE(errors[1].where.pointer, QStringLiteral("/StartAt"));
    }
};

QTEST_GUILESS_MAIN(TestParser)
#include "tst_parser.moc"
