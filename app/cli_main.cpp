#include "cli/Commands.h"
#include "cli/Io.h"

#include <QCoreApplication>

namespace {

const char *const kUsage = R"(usage: sluice-cli COMMAND [ARGS...]

Design, run and monitor ETL workflows written in the Amazon States Language.

Commands:
  validate FILE...   check definitions; one line per problem: FILE:LINE:COL: POINTER: message
  run FILE           run a workflow (journaled) and print its output (or {"Error", "Cause"}) as JSON
  runs               list executions (JSON Lines)
  show EXECUTION     one execution with its item counts (JSON)
  items EXECUTION    an execution's items (JSON Lines)
  history EXECUTION  an execution's event history (JSON Lines)
  dlq SUBCOMMAND     the dead-letter queue: list, show, replay, discard, export
  resume             continue every execution left running (after a crash), then exit
  serve              run triggers, rules and the engine until SIGTERM (--rules FILE)
  event SUBCOMMAND   the event bus: put, list, dlq (list, show, replay, discard)

Commands that read or write the journal take --store PATH|postgresql://... (default: $SLUICE_STORE,
else the embedded SQLite file in the user's data folder).

Run `sluice-cli COMMAND --help` for the options of a command.
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sluice-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == QStringLiteral("--help") || args.first() == QStringLiteral("-h") ||
        args.first() == QStringLiteral("help")) {
        sluice::cli::out(kUsage);
        return args.isEmpty() ? sluice::cli::kUsage : sluice::cli::kOk;
    }
    if (args.first() == QStringLiteral("--version")) {
        sluice::cli::out(QByteArray("sluice-cli ") + SLUICE_VERSION + '\n');
        return sluice::cli::kOk;
    }
    const QString command = args.takeFirst();
    if (command == QStringLiteral("validate"))
        return sluice::cli::validate(args);
    if (command == QStringLiteral("run"))
        return sluice::cli::run(args);
    if (command == QStringLiteral("runs"))
        return sluice::cli::runs(args);
    if (command == QStringLiteral("show"))
        return sluice::cli::show(args);
    if (command == QStringLiteral("items"))
        return sluice::cli::items(args);
    if (command == QStringLiteral("history"))
        return sluice::cli::history(args);
    if (command == QStringLiteral("resume"))
        return sluice::cli::resume(args);
    if (command == QStringLiteral("dlq"))
        return sluice::cli::dlq(args);
    if (command == QStringLiteral("serve"))
        return sluice::cli::serve(args);
    if (command == QStringLiteral("event"))
        return sluice::cli::event(args);
    sluice::cli::err(QStringLiteral("sluice-cli: unknown command '%1'. Run 'sluice-cli --help'.").arg(command));
    return sluice::cli::kUsage;
}
