#include "engine/Engine.h"

#include "engine/Composite_p.h"
#include "engine/Interpreter_p.h"
#include "paths/Timestamp.h"
#include "tasks/TaskRegistry.h"

#include <QDateTime>
#include <QUuid>

#include <regex>

namespace sluice {

namespace {

/// RFC 7386 merge patch: objects merge key by key, null removes, anything else replaces.
void mergePatch(Json &target, const Json &patch)
{
    if (!patch.is_object()) {
        target = patch;
        return;
    }
    if (!target.is_object())
        target = Json::object();
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().is_null())
            target.erase(it.key());
        else
            mergePatch(target[it.key()], it.value());
    }
}

/// True if any "$$" reference in the definition could read Execution.Input. The input is then copied
/// into the context object; otherwise a large input is never copied per state.
bool readsExecutionInput(const Json &value)
{
    static const std::regex safe(R"(^\$\$\.(Map|State|StateMachine|Task|Execution\.(Id|Name|StartTime|RoleArn|RedriveCount))\b)");
    if (value.is_string()) {
        const auto &text = value.get_ref<const std::string &>();
        for (size_t at = text.find("$$"); at != std::string::npos; at = text.find("$$", at + 2)) {
            if (!std::regex_search(text.begin() + long(at), text.end(), safe))
                return true;
        }
        return false;
    }
    if (value.is_object() || value.is_array()) {
        for (const auto &child : value) {
            if (readsExecutionInput(child))
                return true;
        }
    }
    return false;
}

bool machineReadsInput(const StateMachine &machine);

bool stateReadsInput(const State &s)
{
    auto field = [](const PathField &f) { return f.mode == PathField::Mode::Path && f.path.isContext(); };
    auto tmpl = [](const std::optional<PayloadTemplate> &t) { return t && readsExecutionInput(t->source()); };
    auto path = [](const std::optional<JsonPath> &p) { return p && readsExecutionInput(Json(p->text())); };
    if (field(s.inputPath) || field(s.outputPath) || tmpl(s.parameters) || tmpl(s.resultSelector) ||
        tmpl(s.credentials) || path(s.secondsPath) || path(s.timestampPath) || path(s.itemsPath) ||
        path(s.error.path) || path(s.cause.path) || path(s.timeoutSeconds.path) || path(s.heartbeatSeconds.path))
        return true;
    if ((s.error.intrinsic && readsExecutionInput(Json(s.error.intrinsic->text()))) ||
        (s.cause.intrinsic && readsExecutionInput(Json(s.cause.intrinsic->text()))))
        return true;
    if (s.itemReader && tmpl(s.itemReader->parameters))
        return true;
    if (s.itemBatcher && tmpl(s.itemBatcher->batchInput))
        return true;
    std::vector<const ChoiceRule *> rules;
    for (const auto &r : s.choices)
        rules.push_back(&r);
    while (!rules.empty()) {
        const ChoiceRule *r = rules.back();
        rules.pop_back();
        if (r->kind == ChoiceRule::Kind::Compare &&
            (readsExecutionInput(Json(r->variable.text())) ||
             (r->operandIsPath && readsExecutionInput(Json(r->operandPath.text())))))
            return true;
        for (const auto &c : r->children)
            rules.push_back(&c);
    }
    for (const auto &b : s.branches) {
        if (machineReadsInput(*b))
            return true;
    }
    return s.processor && machineReadsInput(*s.processor);
}

bool machineReadsInput(const StateMachine &machine)
{
    for (const auto &s : machine.states) {
        if (stateReadsInput(s))
            return true;
    }
    return false;
}

/// The built-in resources, shared by every execution that brings no registry of its own. It lives until
/// the process exits, so no execution ever releases it on a resource's own thread.
std::shared_ptr<TaskRegistry> defaultTasks()
{
    static const std::shared_ptr<TaskRegistry> registry = TaskRegistry::withBuiltins();
    return registry;
}

/// The root item ended: so does the execution.
void finishRoot(const std::shared_ptr<ExecutionState> &exec, const ItemRun &root, Result<Json, Failure> outcome)
{
    if (outcome) {
        if (exec->options.maxPayloadBytes > 0 &&
            qint64(outcome.value().dump(-1, ' ', false, Json::error_handler_t::replace).size()) >
                exec->options.maxPayloadBytes) {
            exec->finish(ExecutionStatus::Failed, Json(),
                         Failure{errors::kDataLimitExceeded, "The execution output is larger than the limit of " +
                                                                 std::to_string(exec->options.maxPayloadBytes) +
                                                                 " bytes."});
            return;
        }
        // Item 0's ItemFinished, journaled just before (finishItem), carried this very output.
        exec->rootOutputJournaled = root.id.value == 0 && !root.isBranch;
        exec->finish(ExecutionStatus::Succeeded, std::move(outcome).value(), {});
    } else if (outcome.error().error == "States.Aborted") {
        exec->finish(ExecutionStatus::Aborted, Json(), outcome.error());
    } else {
        exec->finish(ExecutionStatus::Failed, Json(), std::move(outcome).error());
    }
}

} // namespace

struct Engine::Registry
{
    QMutex mutex;
    std::vector<std::weak_ptr<ExecutionState>> executions;   // guarded by mutex
    std::shared_ptr<RuntimeHandle> handle = std::make_shared<RuntimeHandle>();
};

Engine::Engine(int workers, QObject *parent)
    : QObject(parent), m_runtime(std::make_unique<Runtime>(workers)), m_registry(std::make_unique<Registry>())
{
    qRegisterMetaType<sluice::ExecutionResult>();
    qRegisterMetaType<sluice::ProgressSnapshot>();
    m_registry->handle->runtime = m_runtime.get();
}

Engine::~Engine()
{
    std::vector<std::shared_ptr<ExecutionState>> running;
    {
        QMutexLocker lock(&m_registry->mutex);
        for (auto &weak : m_registry->executions) {
            if (auto exec = weak.lock())
                running.push_back(std::move(exec));
        }
    }
    for (auto &exec : running) {
        exec->engine = nullptr;
        exec->finish(ExecutionStatus::Aborted, Json(), Failure{"States.Aborted", "The engine shut down."});
    }
    {
        QMutexLocker lock(&m_registry->handle->mutex);
        m_registry->handle->runtime = nullptr;
    }
    m_runtime.reset();
}

int Engine::workerCount() const
{
    return m_runtime->workerCount();
}

std::shared_ptr<ExecutionState> Engine::prepare(std::shared_ptr<const Workflow> workflow, ExecutionOptions options)
{
    auto exec = std::make_shared<ExecutionState>();
    exec->id = options.executionId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : options.executionId;
    exec->journal = options.journal;
    exec->name = options.name.empty() ? exec->id.toStdString() : options.name;
    exec->workflow = std::move(workflow);
    exec->tasks = options.tasks ? options.tasks : defaultTasks();
    exec->runtime = m_registry->handle;
    exec->workers = m_runtime->workerCount();
    exec->engine = this;
    exec->clock.start();
    exec->startedMs = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < exec->workers; ++i) {
        exec->shards.push_back(std::make_unique<ProgressShard>());
        if (exec->journal)
            exec->shards.back()->encoder = exec->journal->encoder(exec->id);
    }
    exec->journalEncodes = exec->journal && exec->shards.front()->encoder != nullptr;

    const std::string machine = options.stateMachineName;
    const std::string arnPrefix = "arn:aws:states:local:000000000000:";
    Json context = Json::object();
    context["Execution"] = {{"Id", arnPrefix + "execution:" + machine + ":" + exec->name},
                            {"Name", exec->name},
                            {"RoleArn", "arn:aws:iam::000000000000:role/sluice"},
                            {"StartTime", timestamp::formatMs(exec->startedMs)},
                            {"RedriveCount", 0}};
    context["StateMachine"] = {{"Id", arnPrefix + "stateMachine:" + machine}, {"Name", machine}};
    mergePatch(context, options.context);
    const bool inputOverridden = options.context.is_object() && options.context.contains("Execution") &&
                                 options.context["Execution"].is_object() &&
                                 options.context["Execution"].contains("Input");
    exec->contextBase = std::move(context);
    exec->usesExecutionInput = !inputOverridden && machineReadsInput(exec->workflow->root);
    exec->options = std::move(options);
    exec->options.tasks.reset();   // exec->tasks holds it, and lets go of it at the end
    exec->options.journal.reset(); // exec->journal holds it
    exec->result.executionId = exec->id;
    exec->result.startedMs = exec->startedMs;

    {
        QMutexLocker lock(&m_registry->mutex);
        auto &list = m_registry->executions;
        list.erase(std::remove_if(list.begin(), list.end(), [](const auto &w) { return w.expired(); }), list.end());
        list.push_back(exec);
    }

    return exec;
}

Execution Engine::start(std::shared_ptr<const Workflow> workflow, Json input, ExecutionOptions options)
{
    auto exec = prepare(std::move(workflow), std::move(options));

    if (exec->options.maxPayloadBytes > 0 &&
        qint64(input.dump(-1, ' ', false, Json::error_handler_t::replace).size()) > exec->options.maxPayloadBytes) {
        exec->finish(ExecutionStatus::Failed, Json(),
                     Failure{errors::kDataLimitExceeded,
                             "The execution input is larger than the limit of " +
                                 std::to_string(exec->options.maxPayloadBytes) + " bytes."});
        return Execution(exec);
    }

    if (exec->journal) {
        JournalRecord r;
        r.type = JournalRecord::Type::ExecutionStarted;
        r.executionId = exec->id;
        r.timeMs = exec->startedMs;
        r.executionName = exec->name;
        r.workflowVersion = exec->options.workflowVersion;
        if (!exec->options.baseDir.isEmpty())   // a resume or replay from another folder resolves the same paths
            r.executionOptions = Json{{"baseDir", exec->options.baseDir.toStdString()}}.dump();
        r.status = ItemStatus::Running;
        if (exec->journalEncodes) {
            // Serialized here, once, instead of copying what may be a very large input for the writer.
            auto encoder = exec->journal->encoder(exec->id);
            r.payload = std::shared_ptr<const Json>(std::shared_ptr<const Json>(), &input);
            encoder->add(r);
            exec->journal->append({encoder->take()});
        } else {
            r.payload = std::make_shared<const Json>(input);
            exec->journal->append({std::move(r)});
        }
    }

    auto root = std::make_shared<ItemRun>();
    root->exec = exec;
    root->id = ItemId{0};
    root->scope = exec->scope;
    root->worker = exec->pickWorker();
    root->machine = &exec->workflow->root;
    root->input = exec->usesExecutionInput ? input : std::move(input);
    if (exec->usesExecutionInput)
        exec->input = std::move(input);
    root->onDone = [exec](ItemRun &item, Result<Json, Failure> outcome) { finishRoot(exec, item, std::move(outcome)); };

    if (exec->workflow->timeoutSeconds && *exec->workflow->timeoutSeconds > 0) {
        std::weak_ptr<ExecutionState> weak = exec;
        exec->runtime->after(0, qint64(*exec->workflow->timeoutSeconds * 1000), exec.get(), [weak]() {
            if (auto e = weak.lock())
                e->finish(ExecutionStatus::TimedOut, Json(),
                          Failure{errors::kTimeout, "The execution ran longer than its TimeoutSeconds."});
        });
    }
    exec->scheduleProgress();
    const StateMachine *machineRoot = root->machine;
    exec->runtime->post(root->worker, [root, machineRoot]() {
        interpreter::setStatus(*root, ItemStatus::Running);
        if (root->exec->journal) {
            JournalRecord r;
            r.type = JournalRecord::Type::ItemStarted;
            r.state = machineRoot->startAt;
            r.status = ItemStatus::Running;
            r.payload = interpreter::journalPayload(*root, root->input);
            interpreter::journal(*root, std::move(r));
        }
        interpreter::enterState(*root, machineRoot->start());
        interpreter::run(root);
    });
    return Execution(exec);
}

namespace {

const StateMachine *machineWith(const StateMachine &machine, const std::string &state)
{
    if (machine.find(state))
        return &machine;
    for (const State &s : machine.states) {
        for (const auto &branch : s.branches) {
            if (const StateMachine *found = machineWith(*branch, state))
                return found;
        }
        if (s.processor) {
            if (const StateMachine *found = machineWith(*s.processor, state))
                return found;
        }
    }
    return nullptr;
}

/// The state of `machine` whose Parallel branches hold `state` (at any depth of Parallels), or null.
const State *enclosingState(const StateMachine &machine, const std::string &state)
{
    for (const State &s : machine.states) {
        for (const auto &branch : s.branches) {
            if (branch->find(state) || enclosingState(*branch, state))
                return &s;
        }
    }
    return nullptr;
}

} // namespace

Result<Execution> Engine::restart(std::shared_ptr<const Workflow> workflow, ItemRestart item, ExecutionOptions options)
{
    const StateMachine *machine = machineWith(workflow->root, item.state);
    if (!machine)
        return Error{ErrorCode::UnknownState,
                     QStringLiteral("The state '%1' is not in this version of the workflow, so the item cannot "
                                    "start there; name another state.")
                         .arg(QString::fromStdString(item.state)),
                     {}};
    const State *mapState = nullptr;
    if (!item.mapState.empty()) {
        const StateMachine *owner = machineWith(workflow->root, item.mapState);
        mapState = owner ? owner->find(item.mapState) : nullptr;
        if (!mapState || mapState->type != StateType::Map)
            return Error{ErrorCode::UnknownState,
                         QStringLiteral("The Map state '%1' is not in this version of the workflow.")
                             .arg(QString::fromStdString(item.mapState)),
                         {}};
    }
    auto exec = prepare(std::move(workflow), std::move(options));
    exec->journalsExecution = item.finishesExecution;
    exec->result.executionId = exec->id;

    auto run = std::make_shared<ItemRun>();
    run->exec = exec;
    run->id = ItemId{item.item};
    run->parent = ItemId{item.parent};
    run->index = item.index;
    run->mapState = mapState;
    run->scope = exec->scope;
    run->worker = exec->pickWorker();
    run->machine = machine;
    run->input = std::move(item.input);
    run->dlqOnFailure = false;
    if (item.finishesExecution) {
        run->onDone = [exec](ItemRun &finished, Result<Json, Failure> outcome) { finishRoot(exec, finished, std::move(outcome)); };
    } else {
        run->onDone = [exec](ItemRun &, Result<Json, Failure> outcome) {
            if (outcome)
                exec->finish(ExecutionStatus::Succeeded, std::move(outcome).value(), {});
            else if (outcome.error().error == "States.Aborted")
                exec->finish(ExecutionStatus::Aborted, Json(), outcome.error());
            else
                exec->finish(ExecutionStatus::Failed, Json(), std::move(outcome).error());
        };
    }
    exec->scheduleProgress();
    const State *start = machine->find(item.state);
    auto result = std::move(item.stateResult);
    exec->runtime->post(run->worker, [run, start, result = std::move(result)]() mutable {
        interpreter::setStatus(*run, ItemStatus::Replaying);
        if (run->exec->journal) {
            JournalRecord r;
            r.type = JournalRecord::Type::ItemStarted;
            r.parent = run->parent.value;
            r.index = run->index;
            r.mapState = run->mapState ? run->mapState->name : std::string();
            r.state = start->name;
            r.status = ItemStatus::Replaying;
            r.payload = interpreter::journalPayload(*run, run->input);
            interpreter::journal(*run, std::move(r));
        }
        interpreter::enterState(*run, start);
        if (result)
            interpreter::resumeWith(run, run->generation, std::move(*result));
        else
            interpreter::run(run);
    });
    return Execution(exec);
}

Result<Execution> Engine::resume(std::shared_ptr<const Workflow> workflow, ResumePoint point, ExecutionOptions options)
{
    ResumePoint::Item *root = nullptr;
    for (auto &item : point.items) {
        if (item.item == 0)
            root = &item;
    }
    auto executionInput = [&point]() -> Json {
        if (point.executionInput.is_null() && !point.executionInputText.empty())
            return Json::parse(point.executionInputText, nullptr, false);   // discarded if damaged
        return point.executionInput;
    };
    ResumePoint::Item fromTheStart;
    if (!root) {
        // The process stopped before the root item's first transition was committed: start it over.
        fromTheStart.state = workflow->root.startAt;
        fromTheStart.input = executionInput();
        root = &fromTheStart;
    }
    const State *state = workflow->root.find(root->state);
    if (!state) {
        // It stopped inside a Parallel's branch: that Parallel runs again from its start (at least once, as a
        // task without a recorded result does), with the input it was entered with.
        state = enclosingState(workflow->root, root->state);
        const auto entered = state ? root->enteredInputs.find(state->name) : root->enteredInputs.end();
        if (entered == root->enteredInputs.end())
            return Error{ErrorCode::UnknownState,
                         QStringLiteral("The state '%1' is not in the execution's workflow.")
                             .arg(QString::fromStdString(root->state)),
                         {}};
        root->input = entered->second;
    }

    auto exec = prepare(std::move(workflow), std::move(options));
    exec->startedMs = point.startedMs > 0 ? point.startedMs : exec->startedMs;
    exec->result.startedMs = exec->startedMs;
    exec->contextBase["Execution"]["StartTime"] = timestamp::formatMs(exec->startedMs);
    exec->nextItemId = point.maxItem + 1;
    if (exec->usesExecutionInput)
        exec->input = executionInput();

    auto run = std::make_shared<ItemRun>();
    run->exec = exec;
    run->id = ItemId{0};
    run->scope = exec->scope;
    run->worker = exec->pickWorker();
    run->machine = &exec->workflow->root;
    run->input = std::move(root->input);
    run->onDone = [exec](ItemRun &item, Result<Json, Failure> outcome) { finishRoot(exec, item, std::move(outcome)); };
    if (state->type == StateType::Map) {
        // Items of this Map: finished ones keep their results, unfinished ones continue where they were.
        // Items of deeper Maps are not listed: their own parent item runs them again (at least once).
        auto slots = std::make_shared<std::map<qint64, ResumedSlot>>();
        for (auto &child : root->finishedChildren) {
            ResumedSlot &slot = (*slots)[child.index];
            slot.finished = true;
            slot.succeeded = child.succeeded;
            slot.output = std::move(child.output);
            slot.outputText = std::move(child.outputText);
            slot.failure = Failure{std::move(child.error), std::move(child.cause)};
        }
        for (const auto &item : point.items) {
            if (item.parent != 0 || item.item == 0 || item.mapState != state->name || item.index < 0)
                continue;
            ResumedSlot &slot = (*slots)[item.index];
            if (slot.finished)
                continue;
            slot.item = item.item;
            slot.state = item.state;
            slot.input = std::move(item.input);
        }
        run->resumedSlots = std::move(slots);
    }

    if (exec->workflow->timeoutSeconds && *exec->workflow->timeoutSeconds > 0) {
        const qint64 left = qint64(*exec->workflow->timeoutSeconds * 1000) -
                            (QDateTime::currentMSecsSinceEpoch() - exec->startedMs);
        std::weak_ptr<ExecutionState> weak = exec;
        exec->runtime->after(0, std::max<qint64>(0, left), exec.get(), [weak]() {
            if (auto e = weak.lock())
                e->finish(ExecutionStatus::TimedOut, Json(),
                          Failure{errors::kTimeout, "The execution ran longer than its TimeoutSeconds."});
        });
    }
    exec->scheduleProgress();
    exec->runtime->post(run->worker, [run, state]() {
        interpreter::setStatus(*run, ItemStatus::Running);
        interpreter::enterState(*run, state);
        interpreter::run(run);
    });
    return Execution(exec);
}

// ---- ExecutionState -------------------------------------------------------------------------------

void ExecutionState::finish(ExecutionStatus status, Json output, Failure failure)
{
    {
        QMutexLocker lock(&mutex);
        if (finishing)
            return;
        finishing = true;
        result.status = status;
        result.outputData = std::make_shared<const Json>(std::move(output));
        result.failure = std::move(failure);
        result.stoppedMs = QDateTime::currentMSecsSinceEpoch();
    }
    scope->aborted = true;
    cancelFlag->store(true);
    tasks.store(nullptr);
    std::vector<std::shared_ptr<MapRun>> held;   // they hold the execution: let go of each other
    {
        QMutexLocker lock(&pauseMutex);
        held.swap(heldMaps);
    }
    held.clear();
    runtime->cancelTimers(this);
    publishProgress(true);
    if (journal && journalsExecution) {
        JournalRecord r;
        r.type = JournalRecord::Type::ExecutionFinished;
        r.executionId = id;
        QMutexLocker lock(&mutex);
        r.timeMs = result.stoppedMs;
        r.error = result.failure.error;
        r.cause = result.failure.cause;
        r.executionStatus = executionStatusName(result.status);
        r.status = result.status == ExecutionStatus::Succeeded ? ItemStatus::Succeeded
                   : result.status == ExecutionStatus::Aborted ? ItemStatus::Cancelled
                                                               : ItemStatus::Failed;
        if (result.status == ExecutionStatus::TimedOut && r.error.empty())
            r.error = "States.Timeout";
        // The root item's ItemFinished has journaled this output already (see finishRoot).
        if (result.status == ExecutionStatus::Succeeded && rootOutputJournaled)
            r.outputInRootItem = true;
        else if (result.outputData)
            r.payload = result.outputData;
        lock.unlock();
        journal->append({std::move(r)});
    }
    ExecutionResult copy;
    {
        QMutexLocker lock(&mutex);
        copy = result;
    }
    if (options.onFinished)
        options.onFinished(copy);
    if (Engine *e = engine.data())
        Q_EMIT e->executionFinished(copy);
    {
        QMutexLocker lock(&mutex);
        finished = true;
    }
    finishedCondition.wakeAll();
}

void ExecutionState::setPaused(bool pause)
{
    std::vector<std::shared_ptr<MapRun>> release;
    {
        QMutexLocker lock(&pauseMutex);
        paused.store(pause, std::memory_order_release);
        if (!pause)
            release.swap(heldMaps);
    }
    for (auto &map : release) {
        {
            QMutexLocker lock(&map->mutex);
            map->heldByPause = false;
        }
        runtime->post(pickWorker(), [map]() { map->pump(); });
    }
}

bool ExecutionState::holdWhilePaused(const std::shared_ptr<MapRun> &map)
{
    QMutexLocker lock(&pauseMutex);
    if (!paused.load(std::memory_order_relaxed))
        return false;   // resumed in the meantime: go on
    heldMaps.push_back(map);
    return true;
}

void ExecutionState::publishProgress(bool final)
{
    ProgressSnapshot snapshot;
    snapshot.executionId = id;
    snapshot.final = final;
    std::vector<JournalRecord> journalBatch;
    QMutexLocker lock(&progressMutex);
    for (auto &shard : shards) {
        QMutexLocker shardLock(&shard->mutex);
        for (auto &[state, delta] : shard->states) {
            StateCounts &total = stateTotals[state->name];
            total.inState += delta.inState;
            total.entered += delta.entered;
            total.succeeded += delta.succeeded;
            total.failed += delta.failed;
            total.retried += delta.retried;
        }
        shard->states.clear();
        for (int i = 0; i < kItemStatusCount; ++i)
            itemTotals[size_t(i)] += shard->items[size_t(i)];
        shard->items = {};
        if (!shard->journal.empty()) {
            journalBatch.insert(journalBatch.end(), std::make_move_iterator(shard->journal.begin()),
                                std::make_move_iterator(shard->journal.end()));
            shard->journal.clear();
        }
        if (shard->encoder && shard->encoder->pending() > 0)
            journalBatch.push_back(shard->encoder->take());
        snapshot.changed.reserve(snapshot.changed.size() + shard->changed.size());
        for (auto &[itemId, update] : shard->changed)
            snapshot.changed.push_back(std::move(update));
        shard->changed.clear();
    }
    snapshot.states = stateTotals;
    snapshot.items = itemTotals;
    // Handed over under the lock, so batches reach the journal in the order they were taken.
    if (journal && !journalBatch.empty())
        journal->append(std::move(journalBatch));
    lock.unlock();
    if (options.onProgress)
        options.onProgress(snapshot);
    if (Engine *e = engine.data())
        Q_EMIT e->progress(snapshot);
}

void ExecutionState::scheduleProgress()
{
    std::weak_ptr<ExecutionState> weak = weak_from_this();
    runtime->after(0, options.snapshotIntervalMs, this, [weak]() {
        auto self = weak.lock();
        if (!self)
            return;
        {
            QMutexLocker lock(&self->mutex);
            if (self->finishing)
                return;
        }
        self->publishProgress(false);
        self->scheduleProgress();
    });
}

// ---- Execution handle -----------------------------------------------------------------------------

Execution::Execution(std::shared_ptr<ExecutionState> state) : m_state(std::move(state)) {}

QString Execution::id() const
{
    return m_state->id;
}

bool Execution::isFinished() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->finished;
}

ExecutionResult Execution::result() const
{
    QMutexLocker lock(&m_state->mutex);
    if (!m_state->finished) {
        ExecutionResult running;
        running.executionId = m_state->id;
        running.startedMs = m_state->startedMs;
        return running;
    }
    return m_state->result;
}

void Execution::cancel() const
{
    m_state->finish(ExecutionStatus::Aborted, Json(), Failure{"States.Aborted", "The execution was stopped."});
}

void Execution::setPaused(bool pause) const
{
    m_state->setPaused(pause);
}

bool Execution::isPaused() const
{
    return m_state->paused.load(std::memory_order_acquire);
}

bool Execution::waitForFinished(int timeoutMs) const
{
    QMutexLocker lock(&m_state->mutex);
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(timeoutMs));
    while (!m_state->finished) {
        if (!m_state->finishedCondition.wait(&m_state->mutex, deadline))
            return m_state->finished;
    }
    return true;
}

// ---- ExecutionResult ------------------------------------------------------------------------------

const char *executionStatusName(ExecutionStatus status)
{
    switch (status) {
    case ExecutionStatus::Running:
        return "RUNNING";
    case ExecutionStatus::Succeeded:
        return "SUCCEEDED";
    case ExecutionStatus::Failed:
        return "FAILED";
    case ExecutionStatus::Aborted:
        return "ABORTED";
    case ExecutionStatus::TimedOut:
        return "TIMED_OUT";
    }
    return "UNKNOWN";
}

const Json &ExecutionResult::output() const
{
    static const Json kNull;
    return outputData ? *outputData : kNull;
}

Json ExecutionResult::toJson() const
{
    if (status == ExecutionStatus::Succeeded)
        return output();
    Json error = Json::object();
    error["Error"] = failure.error;
    if (!failure.cause.empty())
        error["Cause"] = failure.cause;
    return error;
}

} // namespace sluice
