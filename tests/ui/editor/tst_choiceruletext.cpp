// choiceRuleText(): one line per Choice rule, as the inspector's rule list and the canvas's edge labels show
// it. Rows: tests/fixtures/editor/choice_rule_text.json ({name, rule, text}).

#include "editor/ChoiceRuleText.h"

#include <QFile>
#include <QTest>

using sluice::Json;
using sluice::ui::choiceRuleText;

class TestChoiceRuleText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void renders_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("text");
        QFile file(QStringLiteral(SLUICE_FIXTURES "/editor/choice_rule_text.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json rows = Json::parse(file.readAll().toStdString());
        QVERIFY(rows.size() >= 20);
        for (const Json &row : rows) {
            QTest::newRow(row["name"].get<std::string>().c_str())
                << QString::fromStdString(row["rule"].dump())
                << QString::fromStdString(row["text"].get<std::string>());
        }
    }
    void renders()
    {
        QFETCH(QString, rule);
        QFETCH(QString, text);
        QCOMPARE(choiceRuleText(Json::parse(rule.toStdString())), text);
    }
};

QTEST_GUILESS_MAIN(TestChoiceRuleText)
#include "tst_choiceruletext.moc"
