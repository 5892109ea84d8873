#pragma once

#include <QStringList>

#include <memory>

class QCommandLineOption;
class QCommandLineParser;

namespace sluice {
class TaskRegistry;
}

namespace sluice::cli {

/// Exit codes of sluice-cli.
enum Exit { kOk = 0, kFailed = 1, kUsage = 2 };

/// `sluice-cli validate FILE...`
int validate(const QStringList &args);
/// `sluice-cli run FILE [options]`
int run(const QStringList &args);
/// `sluice-cli runs | show | items | history` (reading the journal)
int runs(const QStringList &args);
int show(const QStringList &args);
int items(const QStringList &args);
int history(const QStringList &args);
/// `sluice-cli resume`
int resume(const QStringList &args);
/// `sluice-cli dlq list | show | replay | discard | export`
int dlq(const QStringList &args);
/// `sluice-cli serve` (events, rules, triggers and the engine until stopped)
int serve(const QStringList &args);
/// `sluice-cli event put | list | dlq`
int event(const QStringList &args);

/// --store and the location it names (default: Journal::defaultLocation()).
QCommandLineOption storeOption();
QString storeLocation(const QCommandLineParser &parser);
/// --connections and the task registry it gives: the built-in resources with the connection profiles of
/// FILE, or of connections.json next to the store when that exists. nullptr (after a message on stderr)
/// when the file cannot be read or is refused.
QCommandLineOption connectionsOption();
std::shared_ptr<TaskRegistry> taskRegistry(const QCommandLineParser &parser, const QString &command);
/// Adds --help, parses `args`; false (with *exitCode set) when the command is done or wrong.
bool parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &args, int *exitCode);

} // namespace sluice::cli
