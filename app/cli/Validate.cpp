#include "cli/Commands.h"
#include "cli/Io.h"

#include "definition/Parser.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace sluice::cli {

int validate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks ASL definitions against every static rule of the States Language.\n"
        "Exit 0 if all are valid; else exit 2 and one line per problem on stderr:\n"
        "  FILE:LINE:COL: POINTER: message"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("ASL definition(s) to check."),
                                 QStringLiteral("FILE..."));
    QStringList argv = args;
    argv.prepend(QStringLiteral("sluice-cli validate"));
    if (!parser.parse(argv)) {
        err(parser.errorText());
        return kUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText().toUtf8());
        return kOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err(QStringLiteral("sluice-cli validate: name at least one FILE (see --help)."));
        return kUsage;
    }
    bool allValid = true;
    for (const QString &file : files) {
        auto bytes = readFile(file);
        if (!bytes) {
            err(QStringLiteral("%1: %2").arg(file, bytes.error().message));
            allValid = false;
            continue;
        }
        const std::vector<Error> problems = definition::validate(bytes.value());
        for (const Error &e : problems) {
            const QString pointer = e.where.pointer.isEmpty() ? QStringLiteral("/") : e.where.pointer;
            err(QStringLiteral("%1:%2:%3: %4: %5")
                    .arg(file)
                    .arg(e.where.line)
                    .arg(e.where.column)
                    .arg(pointer, e.message));
        }
        allValid = allValid && problems.empty();
    }
    return allValid ? kOk : kUsage;
}

} // namespace sluice::cli
