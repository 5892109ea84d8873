#include "tasks/TaskRegistry.h"
#include "tasks/TaskResource.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using sluice::TaskRegistry;
using sluice::TaskResource;

namespace {

/// Answers with its own tag, so a test can tell which resource a lookup found.
class TagResource : public TaskResource
{
public:
    explicit TagResource(std::string tag) : m_tag(std::move(tag)) {}
    void invoke(const sluice::TaskCall &, sluice::TaskCallback done) override { done(sluice::Json(m_tag)); }

private:
    std::string m_tag;
};

std::string tagOf(const std::shared_ptr<TaskResource> &resource)
{
    if (!resource)
        return "<none>";
    std::string tag;
    resource->invoke(sluice::TaskCall{}, [&tag](sluice::Result<sluice::Json, sluice::Failure> r) {
        tag = r.value().get<std::string>();
    });
    return tag;
}

} // namespace

class TestTaskRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsExactName()
    {
        TaskRegistry registry;
        registry.add("sluice:a", std::make_shared<TagResource>("a"));

        QCOMPARE(tagOf(registry.find("sluice:a")), std::string("a"));
        QCOMPARE(tagOf(registry.find("sluice:b")), std::string("<none>"));
        QCOMPARE(tagOf(registry.find("sluice:")), std::string("<none>"));
    }

    void longestPrefixWins()
    {
        TaskRegistry registry;
        registry.addPrefix("sluice:", std::make_shared<TagResource>("any"));
        registry.addPrefix("sluice:http", std::make_shared<TagResource>("http"));
        registry.addPrefix("sluice:http.get", std::make_shared<TagResource>("get"));

        QCOMPARE(tagOf(registry.find("sluice:http.post")), std::string("http"));
        QCOMPARE(tagOf(registry.find("sluice:http.get")), std::string("get"));
        QCOMPARE(tagOf(registry.find("sluice:http")), std::string("http"));
        QCOMPARE(tagOf(registry.find("sluice:sql")), std::string("any"));
        QCOMPARE(tagOf(registry.find("arn:aws:states:::lambda:invoke")), std::string("<none>"));
    }

    void exactNameBeatsPrefix()
    {
        TaskRegistry registry;
        registry.addPrefix("sluice:http", std::make_shared<TagResource>("prefix"));
        registry.add("sluice:http.special", std::make_shared<TagResource>("exact"));

        QCOMPARE(tagOf(registry.find("sluice:http.special")), std::string("exact"));
        QCOMPARE(tagOf(registry.find("sluice:http.specials")), std::string("prefix"));
    }

    void addReplacesSameName()
    {
        TaskRegistry registry;
        registry.add("x", std::make_shared<TagResource>("first"));
        registry.add("x", std::make_shared<TagResource>("second"));

        QCOMPARE(tagOf(registry.find("x")), std::string("second"));
        QCOMPARE(registry.names().size(), std::size_t(1));
    }

    void listsNamesSorted()
    {
        TaskRegistry registry;
        registry.add("sluice:b", std::make_shared<TagResource>("b"));
        registry.add("sluice:a", std::make_shared<TagResource>("a"));
        registry.addPrefix("sluice:http", std::make_shared<TagResource>("h"));

        QCOMPARE(registry.names(), (std::vector<std::string>{"sluice:a", "sluice:b"}));
        QCOMPARE(registry.prefixes(), (std::vector<std::string>{"sluice:http"}));
        QCOMPARE(registry.displayNames(), (QStringList{QStringLiteral("sluice:a"), QStringLiteral("sluice:b"),
                                                       QStringLiteral("sluice:http*")}));
    }

    void builtinsAreRegistered()
    {
        const auto registry = TaskRegistry::withBuiltins();

        QCOMPARE(registry->names(), (std::vector<std::string>{"sluice:fail", "sluice:file.read", "sluice:file.write",
                                                              "sluice:http", "sluice:pass", "sluice:shell", "sluice:sleep",
                                                              "sluice:sql"}));
        for (const auto &name : registry->names())
            QVERIFY(registry->find(name));
    }

    void concurrentLookupsAreSafe()
    {
        TaskRegistry registry;
        registry.add("sluice:a", std::make_shared<TagResource>("a"));
        registry.addPrefix("sluice:http", std::make_shared<TagResource>("h"));
        std::atomic_int wrong = 0;

        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&registry, &wrong, t] {
                for (int i = 0; i < 20'000; ++i) {
                    if (!registry.find(i % 2 ? "sluice:a" : "sluice:http.get"))
                        ++wrong;
                    if (t == 0 && i % 1000 == 0) // a late registration while others read
                        registry.add("sluice:late" + std::to_string(i),
                                     std::make_shared<TagResource>("late"));
                }
            });
        }
        for (auto &thread : threads)
            thread.join();

        QCOMPARE(wrong.load(), 0);
        QCOMPARE(registry.names().size(), std::size_t(21));
    }
};

QTEST_GUILESS_MAIN(TestTaskRegistry)
#include "tst_taskregistry.moc"
