// Connection profiles: secrets only as ${env:NAME}, resolved at use time.

#include "tasks/Connections.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using sluice::Connections;
using sluice::ErrorCode;
using sluice::Json;

class TestConnections : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(bytes);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loadsAndResolvesProfiles()
    {
        const QString path = write(QStringLiteral("connections.json"), "{\n            \"crm\": {\"baseUrl\": \"http://127.0.0.1:${env:TST_CRM_PORT}\",\n                    \"headers\": {\"Authorization\": \"Bearer ${env:TST_CRM_TOKEN}\", \"Accept\": \"application/json\"}},\n            \"warehouse\": {\"database\": \"postgresql://etl@127.0.0.1:5433/dw\", \"password\": \"${env:TST_WH_PASSWORD}\"},\n            \"local\": {\"database\": \"data/local.db\"}}");
        qputenv("TST_CRM_PORT", "8080");
        qputenv("TST_CRM_TOKEN", "s3cr3t");
        qputenv("TST_WH_PASSWORD", "p@ss:word/");

        auto loaded = Connections::load(path);

        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        QCOMPARE(loaded->names(), (QStringList{QStringLiteral("crm"), QStringLiteral("local"), QStringLiteral("warehouse")}));
        auto http = loaded->http(QStringLiteral("crm"));
        QVERIFY(http);
        QCOMPARE(http->baseUrl, QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(int(http->headers.size()), 2);
        QCOMPARE(http->headers[0], qMakePair(QStringLiteral("Accept"), QStringLiteral("application/json")));
        QCOMPARE(http->headers[1], qMakePair(QStringLiteral("Authorization"), QStringLiteral("Bearer s3cr3t")));

        auto warehouse = loaded->databaseLocation(QStringLiteral("warehouse"));
        QVERIFY(warehouse);
        const QUrl url(warehouse.value());
        QCOMPARE(url.password(), QStringLiteral("p@ss:word/"));   // special characters survive the URL
        QCOMPARE(url.userName(), QStringLiteral("etl"));
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(url.port(), 5433);

        auto local = loaded->databaseLocation(QStringLiteral("local"));
        QVERIFY(local);
        QCOMPARE(local.value(), QDir(m_dir.path()).filePath(QStringLiteral("data/local.db")));

        // Resolved at use time: a changed variable is seen by the next lookup.
        qputenv("TST_CRM_TOKEN", "rotated");
        QCOMPARE(loaded->http(QStringLiteral("crm"))->headers[1].second, QStringLiteral("Bearer rotated"));
    }

    void missingVariableIsNamed()
    {
        auto loaded = Connections::fromJson(Json::parse("{\"wh\": {\"database\": \"postgresql://u@h/db\", \"password\": \"${env:TST_NOT_SET_ANYWHERE}\"}}"),
                                            QStringLiteral("test"));
        QVERIFY(loaded);
        qunsetenv("TST_NOT_SET_ANYWHERE");

        auto location = loaded->databaseLocation(QStringLiteral("wh"));

        QVERIFY(!location);
        QVERIFY2(location.error().message.contains(QLatin1String("TST_NOT_SET_ANYWHERE")), qPrintable(location.error().message));
        QVERIFY(location.error().message.contains(QLatin1String("password")));
    }

    void unknownProfileIsNamed()
    {
        const Connections none;
        auto location = none.databaseLocation(QStringLiteral("ghost"));
        QVERIFY(!location);
        QVERIFY(location.error().message.contains(QLatin1String("\"ghost\"")));
    }

    void refusesSecretsInClear_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("password") << QStringLiteral("{\"wh\": {\"database\": \"postgresql://u@h/db\", \"password\": \"hunter2\"}}")
                                  << QStringLiteral("/wh/password");
        QTest::newRow("authorization header") << QStringLiteral("{\"crm\": {\"headers\": {\"Authorization\": \"Bearer abc\"}}}")
                                              << QStringLiteral("/crm/headers/Authorization");
        QTest::newRow("api key header") << QStringLiteral("{\"crm\": {\"headers\": {\"X-Api-Key\": \"abc\"}}}")
                                        << QStringLiteral("/crm/headers/X-Api-Key");
        QTest::newRow("token") << QStringLiteral("{\"svc\": {\"token\": \"abc\"}}") << QStringLiteral("/svc/token");
        QTest::newRow("client secret") << QStringLiteral("{\"svc\": {\"client_secret\": 12345}}")
                                       << QStringLiteral("/svc/client_secret");
        QTest::newRow("password in url") << QStringLiteral("{\"wh\": {\"database\": \"postgresql://u:pw@h/db\"}}")
                                         << QStringLiteral("/wh/database");
        QTest::newRow("other reference") << QStringLiteral("{\"wh\": {\"password\": \"${keychain:wh}\"}}")
                                         << QStringLiteral("/wh/password");
    }
    void refusesSecretsInClear()
    {
        QFETCH(QString, document);
        QFETCH(QString, pointer);
        const QString path = write(QStringLiteral("bad.json"), document.toUtf8());

        auto loaded = Connections::load(path);

        QVERIFY(!loaded);
        QCOMPARE(loaded.error().where.pointer, pointer);
        QVERIFY2(loaded.error().message.contains(pointer), qPrintable(loaded.error().message));
        QVERIFY(loaded.error().message.contains(path));
    }

    void refusesMalformedFiles()
    {
        QCOMPARE(Connections::load(write(QStringLiteral("notjson.json"), "{nope")).error().code, ErrorCode::NotJson);
        QCOMPARE(Connections::load(write(QStringLiteral("array.json"), "[]")).error().code, ErrorCode::WrongType);
        QCOMPARE(Connections::load(write(QStringLiteral("scalar.json"), "{\"a\": 1}")).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(Connections::load(m_dir.filePath(QStringLiteral("missing.json"))).error().code, ErrorCode::IoError);
    }

    void defaultPathIsNextToTheStore()
    {
        QCOMPARE(Connections::defaultPath(QStringLiteral("/data/sluice/journal.db")),
                 QStringLiteral("/data/sluice/connections.json"));
        QVERIFY(Connections::defaultPath(QStringLiteral("postgresql://u@h/db")).endsWith(QLatin1String("/connections.json")));
    }
};

QTEST_GUILESS_MAIN(TestConnections)
#include "tst_connections.moc"
