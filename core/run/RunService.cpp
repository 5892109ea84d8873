#include "run/RunService.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "run/JournaledStart.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

namespace sluice {

RunService::RunService(std::shared_ptr<Journal> journal, int workers, QObject *parent)
    : QObject(parent), m_journal(std::move(journal)), m_engine(std::make_unique<Engine>(workers))
{
}

RunService::~RunService()
{
    m_engine.reset();   // aborts and journals what still runs
    m_journal->flush(10000);
}

QString RunService::location() const
{
    return m_journal->location();
}

void RunService::track(const Execution &execution)
{
    {
        QMutexLocker lock(&m_mutex);
        m_executions.insert_or_assign(execution.id(), execution);
    }
    Q_EMIT executionStarted(execution.id());
}

Result<Execution> RunService::start(const QByteArray &definition, Json input, ExecutionOptions options)
{
    auto workflow = definition::parse(definition);
    if (!workflow)
        return std::move(workflow).error();
    if (auto prepared = prepareJournaled(m_journal, definition, options); !prepared)
        return std::move(prepared).error();
    const Execution execution = m_engine->start(std::move(workflow).value(), std::move(input), std::move(options));
    track(execution);
    return execution;
}

Result<Execution> RunService::rerun(const QString &executionId, ExecutionOptions options)
{
    auto reader = JournalReader::open(m_journal->location());
    if (!reader)
        return std::move(reader).error();
    auto info = reader.value()->execution(executionId);
    if (!info)
        return std::move(info).error();
    auto bytes = reader.value()->workflowDefinition(info.value().workflowVersion);
    if (!bytes)
        return std::move(bytes).error();
    auto workflow = definition::parse(bytes.value());
    if (!workflow)
        return std::move(workflow).error();
    if (!info.value().workflowName.isEmpty())
        options.stateMachineName = info.value().workflowName.toStdString();
    // The version is in the store already: saving it again only finds it.
    if (auto prepared = prepareJournaled(m_journal, bytes.value(), options); !prepared)
        return std::move(prepared).error();
    const Execution execution =
        m_engine->start(std::move(workflow).value(), std::move(info.value().input), std::move(options));
    track(execution);
    return execution;
}

Result<std::vector<Resumed>> RunService::resumeUnfinished(const ExecutionOptions &defaults)
{
    auto reader = JournalReader::open(m_journal->location());
    if (!reader)
        return std::move(reader).error();
    auto resumed = sluice::resumeUnfinished(*reader.value(), *m_engine, m_journal, defaults.noDelays, defaults.baseDir,
                                            defaults.tasks);
    if (resumed) {
        for (const Resumed &r : resumed.value()) {
            if (r.execution)
                track(*r.execution);
        }
    }
    return resumed;
}

std::optional<Execution> RunService::execution(const QString &executionId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_executions.find(executionId);
    if (it == m_executions.end())
        return std::nullopt;
    return it->second;
}

bool RunService::stop(const QString &executionId)
{
    const auto execution = this->execution(executionId);
    if (!execution || execution->isFinished())
        return false;
    execution->cancel();
    return true;
}

bool RunService::setPaused(const QString &executionId, bool paused)
{
    const auto execution = this->execution(executionId);
    if (!execution || execution->isFinished())
        return false;
    if (execution->isPaused() == paused)
        return true;
    execution->setPaused(paused);
    Q_EMIT pausedChanged(executionId, paused);
    return true;
}

bool RunService::isPaused(const QString &executionId) const
{
    const auto execution = this->execution(executionId);
    return execution && execution->isPaused();
}

QStringList RunService::running() const
{
    QMutexLocker lock(&m_mutex);
    QStringList ids;
    for (const auto &[id, execution] : m_executions) {
        if (!execution.isFinished())
            ids << id;
    }
    return ids;
}

} // namespace sluice
