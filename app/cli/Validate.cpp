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
        "Checks ASL definitions (JSON, or YAML for FILE.yaml / FILE.yml) against every static rule\n"
        "of the States Language.\n"
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
        auto source = readDefinition(file);
        if (!source) {
            const Error &e = source.error();
            // A YAML error already names the file, its line and column.
            err(e.code == ErrorCode::NotYaml ? e.message : QStringLiteral("%1: %2").arg(file, e.message));
            allValid = false;
            continue;
        }
        std::vector<Error> problems = definition::validate(source->json);
        for (Error &e : problems) {
            source->relocate(e);
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
