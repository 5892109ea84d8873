#include "MainWindow.h"
#include "store/Journal.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Sluice"));
    QApplication::setApplicationName(QStringLiteral("Sluice"));
    QApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    // Without a catalogue for the user's language, English still needs its plural forms ("1 state", "2 states").
    if (translator.load(QLocale(), QStringLiteral("sluice"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral("sluice_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Design, run and monitor ETL workflows."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Render the window to FILE (PNG) and exit."),
                                        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("workflow"),
                                 QApplication::translate("main", "An ASL definition to open."),
                                 QStringLiteral("[WORKFLOW]"));
    parser.process(app);

    sluice::ui::MainWindow window;
    const QStringList files = parser.positionalArguments();
    const bool opening = !files.isEmpty() && window.openFile(files.first());

    if (parser.isSet(screenshot)) {
        window.resize(1400, 900);
        window.show();
        const QString target = parser.value(screenshot);
        const auto grab = [&window, target]() {
            // Let the docks and views settle before grabbing.
            QTimer::singleShot(200, &window, [&window, target]() {
                const bool saved = window.grab().save(target, "PNG");
                QApplication::exit(saved ? 0 : 1);
            });
        };
        if (opening) {
            QObject::connect(&window, &sluice::ui::MainWindow::definitionShown, &window, grab);
            QObject::connect(&window, &sluice::ui::MainWindow::openFailed, &window, grab);
        } else {
            grab();
        }
        return QApplication::exec();
    }

    window.show();
    // Runs go to the embedded store (SLUICE_STORE overrides); what a previous session left running resumes.
    window.startMonitor(sluice::Journal::defaultLocation());
    return QApplication::exec();
}
