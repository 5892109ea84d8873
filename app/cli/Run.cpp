#include "cli/Commands.h"
#include "cli/Io.h"
#include "cli/ResumeAll.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "run/JournaledStart.h"
#include "store/Journal.h"
#include "tasks/MockConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QUuid>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace sluice::cli {

namespace {

std::atomic_bool g_interrupted{false};

void onSignal(int)
{
    g_interrupted = true;
}

QString defaultMachineName(const QString &file)
{
    QString name = QFileInfo(file).fileName();
    for (const char *suffix : {".asl.json", ".json", ".asl.yaml", ".yaml", ".asl.yml", ".yml"}) {
        if (name.endsWith(QLatin1String(suffix))) {
            name.chop(int(qstrlen(suffix)));
            break;
        }
    }
    return name;
}

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a workflow and prints its result on stdout: the output JSON (exit 0), or\n"
        "{\"Error\": ..., \"Cause\": ...} when it fails (exit 1). An invalid definition or usage\n"
        "prints a message on stderr and exits 2."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The ASL definition to run."));
    const QCommandLineOption input(QStringLiteral("input"), QStringLiteral("Read the execution input from FILE ('-' = stdin)."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption inputJson(QStringLiteral("input-json"), QStringLiteral("The execution input as JSON text."),
                                       QStringLiteral("JSON"));
    const QCommandLineOption mockConfig(QStringLiteral("mock-config"),
                                        QStringLiteral("AWS Step Functions Local mock config file (with --test-case)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption testCase(QStringLiteral("test-case"), QStringLiteral("The mock config test case to use."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The state machine's name (mock config key, $$.StateMachine.Name); "
                                                 "default: the file name without .asl.json."),
                                  QStringLiteral("STATE_MACHINE_NAME"));
    const QCommandLineOption context(QStringLiteral("context"),
                                     QStringLiteral("A JSON object merged into the context object $$."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption noDelays(QStringLiteral("no-delays"),
                                      QStringLiteral("Wait states and Retry intervals take no time."));
    const QCommandLineOption maxPayload(QStringLiteral("max-payload-bytes"),
                                       QStringLiteral("Fail with States.DataLimitExceeded when the input, the output "
                                                      "or a task result is larger (AWS: 262144). Default: no limit."),
                                       QStringLiteral("BYTES"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Worker threads (default: one per core)."),
                                     QStringLiteral("N"));
    const QCommandLineOption noStore(QStringLiteral("no-store"),
                                     QStringLiteral("Keep the run in memory only: no journal, no DLQ."));
    parser.addOptions({input, inputJson, mockConfig, testCase, name, context, noDelays, maxPayload, workers, noStore,
                       storeOption(), connectionsOption()});

    QStringList argv = args;
    argv.prepend(QStringLiteral("sluice-cli run"));
    if (!parser.parse(argv)) {
        err(QStringLiteral("sluice-cli run: %1").arg(parser.errorText()));
        return kUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText().toUtf8());
        return kOk;
    }
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("sluice-cli run: name exactly one FILE (see --help)."));
        return kUsage;
    }
    const QString file = parser.positionalArguments().first();

    auto source = readDefinition(file);
    if (!source) {
        err(source.error().message);
        return kUsage;
    }
    auto workflow = definition::parse(source->json);
    if (!workflow) {
        Error e = workflow.error();
        source->relocate(e);
        err(QStringLiteral("%1:%2:%3: %4: %5")
                .arg(file)
                .arg(e.where.line)
                .arg(e.where.column)
                .arg(e.where.pointer.isEmpty() ? QStringLiteral("/") : e.where.pointer, e.message));
        return kUsage;
    }

    Json executionInput = Json::object();
    if (parser.isSet(input) && parser.isSet(inputJson)) {
        err(QStringLiteral("sluice-cli run: give --input or --input-json, not both."));
        return kUsage;
    }
    if (parser.isSet(input) || parser.isSet(inputJson)) {
        QByteArray text;
        QString what;
        if (parser.isSet(input)) {
            auto read = readFile(parser.value(input));
            if (!read) {
                err(read.error().message);
                return kUsage;
            }
            text = read.value();
            what = parser.value(input);
        } else {
            text = parser.value(inputJson).toUtf8();
            what = QStringLiteral("--input-json");
        }
        auto parsed = parseJson(text, what);
        if (!parsed) {
            err(parsed.error().message);
            return kUsage;
        }
        executionInput = std::move(parsed).value();
    }

    ExecutionOptions options;
    options.stateMachineName = (parser.isSet(name) ? parser.value(name) : defaultMachineName(file)).toStdString();
    options.noDelays = parser.isSet(noDelays);
    options.baseDir = QFileInfo(file).absolutePath();
    if (parser.isSet(maxPayload)) {
        bool ok = false;
        options.maxPayloadBytes = parser.value(maxPayload).toLongLong(&ok);
        if (!ok || options.maxPayloadBytes <= 0) {
            err(QStringLiteral("sluice-cli run: --max-payload-bytes needs a positive number."));
            return kUsage;
        }
    }
    if (parser.isSet(context)) {
        auto read = readFile(parser.value(context));
        if (!read) {
            err(read.error().message);
            return kUsage;
        }
        auto parsed = parseJson(read.value(), parser.value(context));
        if (!parsed) {
            err(parsed.error().message);
            return kUsage;
        }
        if (!parsed.value().is_object()) {
            err(QStringLiteral("sluice-cli run: the --context file must hold a JSON object."));
            return kUsage;
        }
        options.context = std::move(parsed).value();
    }
    if (parser.isSet(mockConfig) != parser.isSet(testCase)) {
        err(QStringLiteral("sluice-cli run: --mock-config and --test-case go together."));
        return kUsage;
    }
    if (parser.isSet(mockConfig)) {
        auto mocks = MockConfig::load(parser.value(mockConfig));
        if (!mocks) {
            err(QStringLiteral("%1: %2").arg(parser.value(mockConfig), mocks.error().toString()));
            return kUsage;
        }
        options.testCase = parser.value(testCase).toStdString();
        if (!mocks.value().hasTestCase(options.stateMachineName, options.testCase)) {
            err(QStringLiteral("sluice-cli run: the mock config has no test case '%1' for the state machine '%2' "
                               "(set the name with --name).")
                    .arg(parser.value(testCase), QString::fromStdString(options.stateMachineName)));
            return kUsage;
        }
        options.mocks = std::make_shared<const MockConfig>(std::move(mocks).value());
    }
    // Held here as well, so that the resources outlive the engine and are never released on their own threads.
    const std::shared_ptr<TaskRegistry> tasks = taskRegistry(parser, QStringLiteral("run"));
    if (!tasks)
        return kUsage;
    options.tasks = tasks;
    int workerCount = 0;
    if (parser.isSet(workers)) {
        bool ok = false;
        workerCount = parser.value(workers).toInt(&ok);
        if (!ok || workerCount <= 0) {
            err(QStringLiteral("sluice-cli run: --workers needs a positive number."));
            return kUsage;
        }
    }

    // A progress line for long runs, only when a person is watching.
    const bool tty = isatty(STDERR_FILENO);
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (tty) {
        options.onProgress = [&sinceStart](const ProgressSnapshot &s) {
            if (s.final || sinceStart.elapsed() < 1000)
                return;
            const auto &c = s.items;
            std::fprintf(stderr, "\r\033[K%lld item(s): %lld running, %lld succeeded, %lld failed, %lld retrying",
                         static_cast<long long>(c[0] + c[1] + c[2] + c[3] + c[4] + c[5] + c[6]),
                         static_cast<long long>(c[size_t(ItemStatus::Running)]),
                         static_cast<long long>(c[size_t(ItemStatus::Succeeded)]),
                         static_cast<long long>(c[size_t(ItemStatus::Failed)]),
                         static_cast<long long>(c[size_t(ItemStatus::Retrying)]));
            std::fflush(stderr);
        };
    }

    std::shared_ptr<Journal> journal;
    if (!parser.isSet(noStore)) {
        auto opened = Journal::open(storeLocation(parser));
        if (!opened) {
            err(QStringLiteral("sluice-cli run: %1").arg(opened.error().message));
            return kUsage;
        }
        journal = std::move(opened).value();
        if (auto prepared = prepareJournaled(journal, source->json, options); !prepared) {
            err(QStringLiteral("sluice-cli run: %1").arg(prepared.error().message));
            return kUsage;
        }
        withEventTasks(tasks, storeLocation(parser));   // sluice:event.* work on the same store
    } else {
        options.executionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    err(QStringLiteral("execution: %1").arg(options.executionId));

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    Engine engine(workerCount);
    const Execution execution = engine.start(std::move(workflow).value(), std::move(executionInput), std::move(options));
    while (!execution.waitForFinished(100)) {
        if (g_interrupted) {
            err(QStringLiteral("sluice-cli run: interrupted; stopping the execution."));
            execution.cancel();
        }
    }
    if (tty && sinceStart.elapsed() >= 1000)
        std::fprintf(stderr, "\r\033[K");

    const ExecutionResult result = execution.result();
    if (journal && !journal->flush(60000)) {
        err(QStringLiteral("sluice-cli run: the journal could not commit everything: %1")
                .arg(journal->lastWriteError() ? journal->lastWriteError()->message : QStringLiteral("timed out")));
    }
    std::string text = result.toJson().dump(-1, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    out(QByteArray::fromStdString(text));
    return result.status == ExecutionStatus::Succeeded ? kOk : kFailed;
}

} // namespace sluice::cli
