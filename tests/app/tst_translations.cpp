// Every shipped catalogue is complete: lupdate over the sources finds nothing new, and no entry is left
// unfinished.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogues_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(SLUICE_SOURCE_DIR "/translations"));
        for (const QString &name : dir.entryList({QStringLiteral("sluice_*.ts")}, QDir::Files)) {
            if (name != QStringLiteral("sluice_en.ts"))   // English holds plural forms only
                QTest::newRow(qPrintable(name)) << dir.filePath(name);
        }
    }
    void catalogues()
    {
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy.ts"));
        QVERIFY(QFile::copy(file, copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(SLUICE_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral(SLUICE_SOURCE_DIR "/core"), QStringLiteral(SLUICE_SOURCE_DIR "/ui"),
                       QStringLiteral(SLUICE_SOURCE_DIR "/app"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        const QByteArray log = lupdate.readAll();
        QCOMPARE(lupdate.exitCode(), 0);
        QFile updated(copy);
        QVERIFY(updated.open(QIODevice::ReadOnly));
        const QByteArray text = updated.readAll();
        QVERIFY2(!text.contains("type=\"unfinished\""),
                 qPrintable(QStringLiteral("%1 has untranslated strings; run the update_translations target and "
                                           "translate them. lupdate said: %2")
                                .arg(file, QString::fromUtf8(log))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
