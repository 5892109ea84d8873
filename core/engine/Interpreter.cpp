#include "engine/Interpreter_p.h"

#include "engine/ChoiceEvaluator.h"
#include "engine/Composite_p.h"
#include "engine/RetryPolicy.h"
#include "paths/Timestamp.h"
#include "tasks/MockConfig.h"
#include "tasks/TaskRegistry.h"
#include "tasks/TaskResource.h"

#include <QDateTime>

#include <cmath>

namespace sluice {

bool RuntimeHandle::post(int worker, Runtime::Job job)
{
    QMutexLocker lock(&mutex);
    if (!runtime)
        return false;
    runtime->post(worker, std::move(job));
    return true;
}

bool RuntimeHandle::after(int worker, qint64 delayMs, const void *owner, Runtime::Job job)
{
    QMutexLocker lock(&mutex);
    if (!runtime)
        return false;
    runtime->after(worker, delayMs, owner, std::move(job));
    return true;
}

void RuntimeHandle::cancelTimers(const void *owner)
{
    QMutexLocker lock(&mutex);
    if (runtime)
        runtime->cancelTimers(owner);
}

} // namespace sluice

namespace sluice::interpreter {

namespace {

enum class Step { Continue, Suspend, Done };

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Failure stateFailure(const ItemRun &run, const Failure &inner)
{
    return Failure{inner.error,
                   "An error occurred while executing the state '" + run.state->name + "'. " + inner.cause};
}

Failure runtimeFailure(const ItemRun &run, const std::string &cause)
{
    return Failure{errors::kRuntime, "An error occurred while executing the state '" + run.state->name + "'. " + cause};
}

std::string shortDump(const Json &value)
{
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() > 200)
        text = text.substr(0, 197) + "...";
    return text;
}

EvalScope scopeFor(ItemRun &run, const Json &input)
{
    return EvalScope(input, [&run]() -> const Json & { return contextOf(run); });
}

/// Applies InputPath (or OutputPath): a pointer into `input` where possible (no copy), else into `storage`.
Result<const Json *, Failure> selectPath(ItemRun &run, const PathField &field, const Json &input, Json &storage,
                                         const char *fieldName)
{
    switch (field.mode) {
    case PathField::Mode::Absent:
        return &input;
    case PathField::Mode::Null:
        storage = Json::object();
        return &storage;
    case PathField::Mode::Path:
        break;
    }
    if (field.path.isRoot())
        return &input;
    const EvalScope scope = scopeFor(run, input);
    if (field.path.isDefinite()) {
        auto found = field.path.find(scope);
        if (!found)
            return runtimeFailure(run, "Invalid path '" + field.path.text() + "' for the field '" + fieldName +
                                           "': it could not be found in the input " + shortDump(input));
        return found.value();
    }
    auto value = field.path.evaluate(scope);
    if (!value)
        return stateFailure(run, value.error());
    storage = std::move(value).value();
    return &storage;
}

/// The effective input of a state: InputPath, then Parameters (for the states that have them).
struct Effective
{
    const Json *value = nullptr;
    Json storage;
    Json parameters;
};

Result<void, Failure> effectiveInput(ItemRun &run, Effective &eff, bool applyParameters)
{
    auto selected = selectPath(run, run.state->inputPath, run.input, eff.storage, "InputPath");
    if (!selected)
        return std::move(selected).error();
    eff.value = selected.value();
    if (applyParameters && run.state->parameters) {
        auto params = run.state->parameters->evaluate(scopeFor(run, *eff.value));
        if (!params)
            return stateFailure(run, params.error());
        eff.parameters = std::move(params).value();
        eff.value = &eff.parameters;
    }
    return {};
}

/// The effective input as a value of its own: moved out of the Effective where it was built, copied only
/// when it is (part of) the raw input.
Json takeEffective(Effective &eff)
{
    if (eff.value == &eff.parameters)
        return std::move(eff.parameters);
    if (eff.value == &eff.storage)
        return std::move(eff.storage);
    return *eff.value;
}

/// OutputPath over the effective input, for the states that produce no result (Choice, Wait, Succeed).
/// Consumes the raw input when the output is all of it.
Result<Json, Failure> passThroughOutput(ItemRun &run, Effective &eff)
{
    Json storage;
    auto selected = selectPath(run, run.state->outputPath, *eff.value, storage, "OutputPath");
    if (!selected)
        return std::move(selected).error();
    const Json *value = selected.value();
    if (value == &storage)
        return storage;
    if (value == &run.input)
        return std::move(run.input);
    if (value == &eff.storage)
        return std::move(eff.storage);
    return Json(*value);
}

bool payloadTooLarge(const ItemRun &run, const Json &value)
{
    const qint64 limit = run.exec->options.maxPayloadBytes;
    if (limit <= 0)
        return false;
    return qint64(value.dump(-1, ' ', false, Json::error_handler_t::replace).size()) > limit;
}

/// Places `result` into `input` as a ResultPath says: absent or "$" replaces the input, null keeps it.
/// `input` is consumed unless `keepInput` (a Catch may still need the raw input).
Result<Json, Failure> applyResultPath(const ItemRun &run, const PathField &resultPath, Json &input, Json result,
                                      bool keepInput)
{
    switch (resultPath.mode) {
    case PathField::Mode::Absent:
        return result;
    case PathField::Mode::Null:
        return keepInput ? Json(input) : std::move(input);
    case PathField::Mode::Path:
        break;
    }
    if (resultPath.path.isRoot())
        return result;
    Json out = keepInput ? Json(input) : std::move(input);
    auto set = resultPath.path.set(out, std::move(result));
    if (!set)
        return stateFailure(run, set.error());
    return out;
}

/// ResultPath then OutputPath; consumes the state's raw input.
Result<Json, Failure> stateOutput(ItemRun &run, Json result)
{
    const State &state = *run.state;
    auto placed = applyResultPath(run, state.resultPath, run.input, std::move(result), !state.catchers.empty());
    if (!placed)
        return std::move(placed).error();
    Json out = std::move(placed).value();
    if (state.outputPath.isDefault())
        return out;
    Json storage;
    auto selected = selectPath(run, state.outputPath, out, storage, "OutputPath");
    if (!selected)
        return std::move(selected).error();
    if (selected.value() == &storage)
        return storage;
    return Json(std::move(*const_cast<Json *>(selected.value())));
}

void countState(ItemRun &run, const State *state, int entered, int left, bool failed, bool retried)
{
    ProgressShard &shard = run.exec->shard(run.worker);
    QMutexLocker lock(&shard.mutex);
    StateCounts &c = shard.states[state];
    c.entered += entered;
    c.inState += entered - left;
    if (left)
        (failed ? c.failed : c.succeeded) += left;
    if (retried)
        ++c.retried;
}

} // namespace

void enterState(ItemRun &run, const State *state)
{
    run.state = state;
    run.retryCounts.assign(state->retry.size(), 0);
    run.attempt = 1;
    run.enteredMs = nowMs();
    run.contextValid = false;
    run.waiting = false;
    run.firstFailureMs = 0;
    ++run.generation;
    countState(run, state, 1, 0, false, false);
    if (run.exec->journal) {
        JournalRecord r;
        r.type = JournalRecord::Type::StateEntered;
        r.state = state->name;
        r.payload = journalPayload(run, run.input);
        journal(run, std::move(r));
    }
}

void journal(ItemRun &run, JournalRecord record)
{
    if (!run.exec->journal)
        return;
    record.executionId = run.exec->id;
    record.item = run.id.value;
    if (record.timeMs == 0)
        record.timeMs = nowMs();
    // Backpressure: a worker that has queued this many records hands them to the journal itself, which
    // waits while the journal's own queue is full, so the engine runs at the journal's pace instead of
    // piling records up in memory.
    constexpr qint64 kMaxBufferedRecords = 20000;
    ProgressShard &shard = run.exec->shard(run.worker);
    std::vector<JournalRecord> full;
    {
        QMutexLocker lock(&shard.mutex);
        if (shard.encoder) {
            shard.encoder->add(record);   // encoded here, on the worker, while borrowed payloads are valid
            if (shard.encoder->pending() < kMaxBufferedRecords)
                return;
        } else {
            shard.journal.push_back(std::move(record));
            if (qint64(shard.journal.size()) < kMaxBufferedRecords)
                return;
        }
    }
    // Appends go through progressMutex (as in publishProgress), so batches keep their order.
    QMutexLocker appendLock(&run.exec->progressMutex);
    {
        QMutexLocker lock(&shard.mutex);
        full.swap(shard.journal);
        if (shard.encoder && shard.encoder->pending() > 0)
            full.push_back(shard.encoder->take());
    }
    if (!full.empty())
        run.exec->journal->append(std::move(full));
}

std::shared_ptr<const Json> journalPayload(const ItemRun &run, const Json &value)
{
    if (run.exec->journalEncodes)
        return std::shared_ptr<const Json>(std::shared_ptr<const Json>(), &value);   // borrowed, not owned
    return std::make_shared<const Json>(value);
}

namespace {

void finishItem(ItemRun &run, Result<Json, Failure> outcome)
{
    ++run.generation;
    if (run.state)
        countState(run, run.state, 0, 1, !outcome.ok(), false);
    if (run.exec->journal && !run.isBranch) {
        JournalRecord r;
        r.type = JournalRecord::Type::ItemFinished;
        r.parent = run.parent.value;
        r.index = run.index;
        r.mapState = run.mapState ? run.mapState->name : std::string();
        r.state = run.state ? run.state->name : std::string();
        r.attempt = run.attempt;
        if (outcome.ok()) {
            r.status = ItemStatus::Succeeded;
            r.payload = journalPayload(run, outcome.value());
        } else {
            r.error = outcome.error().error;
            r.cause = outcome.error().cause;
            if (run.aborted()) {
                r.status = ItemStatus::Cancelled;
            } else {
                r.status = ItemStatus::Failed;
                // Failed for good: into the DLQ with the input that replays the state. A Map that failed
                // because its items failed is not an entry of its own: its items are.
                r.dlq = run.dlqOnFailure && run.state && run.state->type != StateType::Map;
                if (r.dlq) {
                    r.dlqInput = journalPayload(run, run.input);
                    r.firstFailureMs = run.firstFailureMs ? run.firstFailureMs : nowMs();
                }
            }
        }
        journal(run, std::move(r));
    }
    if (run.aborted() && !outcome.ok() && run.status != ItemStatus::Failed)
        setStatus(run, ItemStatus::Cancelled);
    else if (outcome.ok())
        setStatus(run, ItemStatus::Succeeded);
    else
        setStatus(run, ItemStatus::Failed, &outcome.error());
    if (run.map) {
        mapChildDone(run, std::move(outcome));
        return;
    }
    ItemDone done = std::move(run.onDone);
    run.onDone = nullptr;
    if (done)
        done(run, std::move(outcome));
}

Step transition(ItemRun &run, Json output, const std::string &next, bool leftWithError = false)
{
    countState(run, run.state, 0, 1, leftWithError, false);
    if (run.exec->journal) {
        JournalRecord r;   // the output is the next state's input: StateEntered carries it
        r.type = JournalRecord::Type::StateExited;
        r.state = run.state->name;
        journal(run, std::move(r));
    }
    if (run.status == ItemStatus::Retrying)
        setStatus(run, ItemStatus::Running);
    const State *target = run.machine->find(next);
    if (!target) {   // the validator makes this impossible; a safety net, not control flow
        run.state = nullptr;
        finishItem(run, Failure{errors::kRuntime, "No state named '" + next + "'."});
        return Step::Done;
    }
    run.input = std::move(output);
    enterState(run, target);
    return Step::Continue;
}

Step advance(ItemRun &run, Json output)
{
    if (run.state->end) {
        finishItem(run, std::move(output));
        return Step::Done;
    }
    return transition(run, std::move(output), run.state->next);
}

Step fail(const std::shared_ptr<ItemRun> &self, Failure failure);

/// A state's result is in: ResultSelector, ResultPath, OutputPath, then on to the next state.
Step complete(const std::shared_ptr<ItemRun> &self, Json result)
{
    ItemRun &run = *self;
    if (run.state->resultSelector) {
        auto selected = run.state->resultSelector->evaluate(scopeFor(run, result));
        if (!selected)
            return fail(self, stateFailure(run, selected.error()));
        result = std::move(selected).value();
    }
    if (payloadTooLarge(run, result))
        return fail(self, Failure{errors::kDataLimitExceeded,
                                  "The state/task '" + run.state->name + "' returned a result with a size exceeding "
                                  "the maximum number of bytes service limit."});
    auto output = stateOutput(run, std::move(result));
    if (!output)
        return fail(self, std::move(output).error());
    return advance(run, std::move(output).value());
}

/// Retry, then Catch, then the item fails.
Step fail(const std::shared_ptr<ItemRun> &self, Failure failure)
{
    ItemRun &run = *self;
    const State &state = *run.state;
    if (run.firstFailureMs == 0)
        run.firstFailureMs = nowMs();
    if (!retry::isTerminal(failure.error) && !run.aborted()) {
        for (size_t i = 0; i < state.retry.size(); ++i) {
            const Retrier &retrier = state.retry[i];
            if (!retry::matches(retrier.errorEquals, failure.error))
                continue;
            if (run.retryCounts[i] >= retrier.maxAttempts)
                break;   // the first matching retrier is exhausted: on to Catch
            const qint64 delay = run.exec->options.noDelays ? 0 : retry::delayMs(retrier, run.retryCounts[i]);
            ++run.retryCounts[i];
            ++run.attempt;
            if (run.exec->journal) {
                JournalRecord r;
                r.type = JournalRecord::Type::TaskRetryScheduled;
                r.state = state.name;
                r.attempt = run.attempt;
                r.delayMs = delay;
                r.error = failure.error;
                r.cause = failure.cause;
                journal(run, std::move(r));
            }
            run.contextValid = false;
            countState(run, run.state, 0, 0, false, true);
            setStatus(run, ItemStatus::Retrying, &failure);
            const quint64 generation = ++run.generation;
            run.exec->runtime->after(run.worker, delay, run.exec.get(), [self, generation]() {
                if (self->generation != generation)
                    return;
                if (self->aborted()) {
                    finishItem(*self, Failure{"States.Aborted", "The execution was stopped."});
                    return;
                }
                interpreter::run(self);
            });
            return Step::Suspend;
        }
        for (const Catcher &catcher : state.catchers) {
            if (!retry::matches(catcher.errorEquals, failure.error))
                continue;
            Json errorOutput = Json::object();
            errorOutput["Error"] = failure.error;
            errorOutput["Cause"] = failure.cause;
            auto output = applyResultPath(run, catcher.resultPath, run.input, std::move(errorOutput), false);
            if (!output) {
                finishItem(run, std::move(output).error());
                return Step::Done;
            }
            return transition(run, std::move(output).value(), catcher.next, true);
        }
    }
    finishItem(run, std::move(failure));
    return Step::Done;
}

std::optional<double> numberField(ItemRun &run, const NumberField &field, const Json &input, Failure *failure,
                                  const char *name)
{
    if (field.value)
        return field.value;
    if (!field.path)
        return std::nullopt;
    auto found = field.path->find(scopeFor(run, input));
    if (!found || !found.value()->is_number()) {
        *failure = runtimeFailure(run, "The value for the field '" + std::string(name) + "' must be a number; the path '" +
                                           field.path->text() + "' did not give one.");
        return std::nullopt;
    }
    return found.value()->get<double>();
}

Step runPass(const std::shared_ptr<ItemRun> &self)
{
    ItemRun &run = *self;
    const State &state = *run.state;
    if (state.result) {
        Json result = *state.result;
        auto output = stateOutput(run, std::move(result));
        if (!output)
            return fail(self, std::move(output).error());
        return advance(run, std::move(output).value());
    }
    Effective eff;
    auto ok = effectiveInput(run, eff, true);
    if (!ok)
        return fail(self, std::move(ok).error());
    // The common "pass it on" case copies nothing: the raw input becomes the result.
    Json result = eff.value == &run.input && state.resultPath.isDefault() ? std::move(run.input) : takeEffective(eff);
    auto output = stateOutput(run, std::move(result));
    if (!output)
        return fail(self, std::move(output).error());
    return advance(run, std::move(output).value());
}

Step runChoice(const std::shared_ptr<ItemRun> &self)
{
    ItemRun &run = *self;
    const State &state = *run.state;
    Effective eff;
    auto ok = effectiveInput(run, eff, false);
    if (!ok)
        return fail(self, std::move(ok).error());
    const std::string *next = nullptr;
    {
        const EvalScope scope = scopeFor(run, *eff.value);
        for (const ChoiceRule &rule : state.choices) {
            auto matched = choice::matches(rule, scope);
            if (!matched)
                return fail(self, stateFailure(run, matched.error()));
            if (matched.value()) {
                next = &rule.next;
                break;
            }
        }
    }
    if (!next && !state.defaultNext.empty())
        next = &state.defaultNext;
    if (!next)
        return fail(self, Failure{errors::kNoChoiceMatched,
                                  "No Matches! The state '" + state.name + "' found no rule that matched its input."});
    auto output = passThroughOutput(run, eff);
    if (!output)
        return fail(self, std::move(output).error());
    return transition(run, std::move(output).value(), *next);
}

Step runWait(const std::shared_ptr<ItemRun> &self)
{
    ItemRun &run = *self;
    const State &state = *run.state;
    Effective eff;
    auto ok = effectiveInput(run, eff, false);
    if (!ok)
        return fail(self, std::move(ok).error());

    qint64 delayMs = 0;
    if (state.seconds) {
        delayMs = qint64(std::llround(*state.seconds * 1000.0));
    } else if (state.timestamp) {
        const auto at = timestamp::parseMs(*state.timestamp);
        delayMs = at ? *at - nowMs() : 0;
    } else if (state.secondsPath) {
        auto found = state.secondsPath->find(scopeFor(run, *eff.value));
        if (!found || !found.value()->is_number() || found.value()->get<double>() < 0)
            return fail(self, runtimeFailure(run, "The SecondsPath '" + state.secondsPath->text() +
                                                      "' must point to a non-negative number."));
        delayMs = qint64(std::llround(found.value()->get<double>() * 1000.0));
    } else if (state.timestampPath) {
        auto found = state.timestampPath->find(scopeFor(run, *eff.value));
        std::optional<std::int64_t> at;
        if (found && found.value()->is_string())
            at = timestamp::parseMs(found.value()->get_ref<const std::string &>());
        if (!at)
            return fail(self, runtimeFailure(run, "The TimestampPath '" + state.timestampPath->text() +
                                                      "' must point to an ISO-8601 timestamp."));
        delayMs = *at - nowMs();
    }
    if (run.exec->options.noDelays || delayMs < 0)
        delayMs = 0;

    auto output = passThroughOutput(run, eff);
    if (!output)
        return fail(self, std::move(output).error());
    run.input = std::move(output).value();
    run.waiting = true;
    const quint64 generation = ++run.generation;
    run.exec->runtime->after(run.worker, delayMs, run.exec.get(), [self, generation]() {
        if (self->generation != generation)
            return;
        if (self->aborted()) {
            finishItem(*self, Failure{"States.Aborted", "The execution was stopped."});
            return;
        }
        self->waiting = false;
        if (advance(*self, std::move(self->input)) == Step::Continue)
            interpreter::run(self);
    });
    return Step::Suspend;
}

Step runSucceed(const std::shared_ptr<ItemRun> &self)
{
    ItemRun &run = *self;
    Effective eff;
    auto ok = effectiveInput(run, eff, false);
    if (!ok)
        return fail(self, std::move(ok).error());
    auto output = passThroughOutput(run, eff);
    if (!output)
        return fail(self, std::move(output).error());
    finishItem(run, std::move(output).value());
    return Step::Done;
}

std::optional<std::string> stringField(ItemRun &run, const StringField &field, Failure *failure, const char *name)
{
    if (field.value)
        return field.value;
    const EvalScope scope = scopeFor(run, run.input);
    if (field.intrinsic) {
        auto value = field.intrinsic->evaluate(scope);
        if (!value) {
            *failure = stateFailure(run, value.error());
            return std::nullopt;
        }
        if (value.value().is_string())
            return value.value().get<std::string>();
        return value.value().dump();
    }
    if (field.path) {
        auto found = field.path->find(scope);
        if (!found || !found.value()->is_string()) {
            *failure = runtimeFailure(run, "The " + std::string(name) + " path '" + field.path->text() +
                                               "' must point to a string.");
            return std::nullopt;
        }
        return found.value()->get<std::string>();
    }
    return std::string();
}

Step runFail(const std::shared_ptr<ItemRun> &self)
{
    ItemRun &run = *self;
    Failure problem;
    auto error = stringField(run, run.state->error, &problem, "ErrorPath");
    if (!error) {
        finishItem(run, problem);
        return Step::Done;
    }
    auto cause = stringField(run, run.state->cause, &problem, "CausePath");
    if (!cause) {
        finishItem(run, problem);
        return Step::Done;
    }
    // A Fail state ends the item; Retry and Catch do not apply to it.
    finishItem(run, Failure{*error, *cause});
    return Step::Done;
}

Step taskDone(const std::shared_ptr<ItemRun> &self, Result<Json, Failure> outcome)
{
    ++self->generation;   // any timeout timer of this attempt is now stale
    if (self->exec->journal && self->state->type == StateType::Task) {
        JournalRecord r;
        r.type = outcome ? JournalRecord::Type::TaskSucceeded : JournalRecord::Type::TaskFailed;
        r.state = self->state->name;
        r.attempt = self->attempt;
        if (outcome) {
            r.payload = journalPayload(*self, outcome.value());
        } else {
            r.error = outcome.error().error;
            r.cause = outcome.error().cause;
        }
        journal(*self, std::move(r));
    }
    if (!outcome)
        return fail(self, std::move(outcome).error());
    return complete(self, std::move(outcome).value());
}

Step runTask(const std::shared_ptr<ItemRun> &self)
{
    ItemRun &run = *self;
    const State &state = *run.state;
    ExecutionState &exec = *run.exec;
    Effective eff;
    auto ok = effectiveInput(run, eff, true);
    if (!ok)
        return fail(self, std::move(ok).error());

    Failure problem;
    const auto timeout = numberField(run, state.timeoutSeconds, run.input, &problem, "TimeoutSecondsPath");
    if (!problem.error.empty())
        return fail(self, problem);
    const auto heartbeat = numberField(run, state.heartbeatSeconds, run.input, &problem, "HeartbeatSecondsPath");
    if (!problem.error.empty())
        return fail(self, problem);

    const int invocation = run.invocations[run.state]++;
    if (exec.options.mocks && !exec.options.testCase.empty()) {
        auto mocked = exec.options.mocks->respond(exec.options.stateMachineName, exec.options.testCase, state.name,
                                                  invocation);
        if (mocked)
            return taskDone(self, std::move(*mocked));
    }
    const std::shared_ptr<TaskRegistry> registry = exec.tasks.load();
    std::shared_ptr<TaskResource> resource = registry ? registry->find(state.resource) : nullptr;
    if (!resource)
        return fail(self, runtimeFailure(run, "No task resource '" + state.resource +
                                                  "' is available here. Sluice runs 'sluice:' resources; other "
                                                  "resources need a mock (--mock-config with --test-case)."));

    TaskCall call;
    call.resource = state.resource;
    call.input = takeEffective(eff);
    call.stateName = state.name;
    call.stateMachineName = exec.options.stateMachineName;
    call.executionId = exec.id.toStdString();
    call.itemId = run.id.value;
    call.attempt = run.attempt;
    call.invocation = invocation;
    call.idempotencyKey = call.executionId + "/" + std::to_string(run.id.value) + "/" + state.name + "/" +
                          std::to_string(run.attempt);
    call.timeoutSeconds = timeout.value_or(0);
    call.cancelled = exec.cancelFlag;
    call.baseDir = exec.options.baseDir;
    if (exec.journal) {
        JournalRecord r;
        r.type = JournalRecord::Type::TaskScheduled;
        r.state = state.name;
        r.attempt = run.attempt;
        r.payload = journalPayload(run, call.input);
        journal(run, std::move(r));
    }

    const quint64 generation = ++run.generation;
    const int worker = run.worker;
    std::weak_ptr<RuntimeHandle> runtime = exec.runtime;
    if (heartbeat && *heartbeat > 0) {
        // Each heartbeat re-arms the HeartbeatSeconds timer; only the newest timer may fire.
        const qint64 heartbeatMs = qint64(std::llround(*heartbeat * 1000.0));
        std::weak_ptr<ItemRun> weakItem = self;
        call.heartbeat = [weakItem, generation, worker, runtime, heartbeatMs]() {
            auto handle = runtime.lock();
            if (!handle)
                return;
            handle->post(worker, [weakItem, generation, runtime, worker, heartbeatMs]() {
                auto item = weakItem.lock();
                auto h = runtime.lock();
                if (!item || !h || item->generation != generation)
                    return;
                const quint64 beat = ++item->heartbeats;
                h->after(worker, heartbeatMs, item->exec.get(), [weakItem, generation, beat]() {
                    auto it = weakItem.lock();
                    if (it && it->heartbeats == beat)
                        resumeWith(it, generation,
                                   Failure{errors::kHeartbeatTimeout, "The task '" + it->state->name +
                                                                          "' sent no heartbeat in time."});
                });
            });
        };
    }
    run.inInvoke = true;
    run.syncDone = false;
    resource->invoke(call, [self, generation, worker, runtime](Result<Json, Failure> result) mutable {
        if (!self)
            return;   // called twice: the contract says once, so the second call is dropped
        if (Runtime::currentWorker() == worker && self->inInvoke && self->generation == generation) {
            self->syncResult.emplace(std::move(result));
            self->syncDone = true;
            return;
        }
        // The item moves into the posted job, so that whatever it owns is released on its worker,
        // never on the resource's thread.
        if (auto handle = runtime.lock()) {
            handle->post(worker, [item = std::move(self), generation, result = std::move(result)]() mutable {
                resumeWith(item, generation, std::move(result));
            });
        }
    });
    run.inInvoke = false;
    if (run.syncDone) {
        run.syncDone = false;
        Result<Json, Failure> result = std::move(*run.syncResult);
        run.syncResult.reset();
        return taskDone(self, std::move(result));
    }

    // TimeoutSeconds bounds the attempt; HeartbeatSeconds bounds the time between heartbeats (the first
    // counts from the start), each with its own error name.
    if (timeout && *timeout > 0) {
        exec.runtime->after(worker, qint64(std::llround(*timeout * 1000.0)), run.exec.get(), [self, generation]() {
            resumeWith(self, generation,
                       Failure{errors::kTimeout, "The task '" + self->state->name + "' did not finish in time."});
        });
    }
    if (heartbeat && *heartbeat > 0) {
        const quint64 beat = ++run.heartbeats;
        exec.runtime->after(worker, qint64(std::llround(*heartbeat * 1000.0)), run.exec.get(),
                            [self, generation, beat]() {
                                if (self->heartbeats != beat)
                                    return;
                                resumeWith(self, generation,
                                           Failure{errors::kHeartbeatTimeout, "The task '" + self->state->name +
                                                                                  "' sent no heartbeat in time."});
                            });
    }
    return Step::Suspend;
}

Step step(const std::shared_ptr<ItemRun> &self)
{
    switch (self->state->type) {
    case StateType::Pass:
        return runPass(self);
    case StateType::Task:
        return runTask(self);
    case StateType::Choice:
        return runChoice(self);
    case StateType::Wait:
        return runWait(self);
    case StateType::Succeed:
        return runSucceed(self);
    case StateType::Fail:
        return runFail(self);
    case StateType::Parallel: {
        Effective eff;
        auto ok = effectiveInput(*self, eff, true);
        if (!ok)
            return fail(self, std::move(ok).error());
        startParallel(self, takeEffective(eff));
        return Step::Suspend;
    }
    case StateType::Map: {
        auto started = startMap(self);
        if (!started)
            return fail(self, std::move(started).error());
        return Step::Suspend;
    }
    }
    return fail(self, runtimeFailure(*self, "Unknown state type."));
}

} // namespace

void setStatus(ItemRun &run, ItemStatus status, const Failure *failure)
{
    if (run.isBranch || (run.status == status && !failure))
        return;
    ProgressShard &shard = run.exec->shard(run.worker);
    QMutexLocker lock(&shard.mutex);
    if (run.status != ItemStatus::Pending || status != ItemStatus::Pending)
        --shard.items[size_t(run.status)];
    ++shard.items[size_t(status)];
    run.status = status;
    ItemUpdate &u = shard.changed[run.id];
    u.id = run.id;
    u.parent = run.parent;
    u.index = run.index;
    if (run.mapState && u.mapState.empty())
        u.mapState = run.mapState->name;
    if (run.state)
        u.state = run.state->name;
    u.status = status;
    u.attempts = run.attempt;
    if (failure) {
        u.error = failure->error;
        u.cause = failure->cause;
    }
}

const Json &contextOf(ItemRun &run)
{
    if (run.contextValid)
        return run.context;
    run.context = run.exec->contextBase;
    if (run.exec->usesExecutionInput)
        run.context["Execution"]["Input"] = run.exec->input;
    Json &state = run.context["State"];
    state["Name"] = run.state ? run.state->name : std::string();
    state["EnteredTime"] = timestamp::formatMs(run.enteredMs);
    int retries = 0;
    for (int c : run.retryCounts)
        retries += c;
    state["RetryCount"] = retries;
    run.contextValid = true;
    return run.context;
}

void start(const std::shared_ptr<ItemRun> &item)
{
    item->exec->runtime->post(item->worker, [item]() { run(item); });
}

void run(const std::shared_ptr<ItemRun> &self)
{
    for (;;) {
        if (self->aborted()) {
            finishItem(*self, Failure{"States.Aborted", "The execution was stopped."});
            return;
        }
        Step s;
        try {
            s = step(self);
        } catch (const std::exception &e) {   // a safety net, not control flow
            s = fail(self, runtimeFailure(*self, std::string("Internal error: ") + e.what()));
        }
        if (s != Step::Continue)
            return;
    }
}

void resumeWith(const std::shared_ptr<ItemRun> &self, quint64 generation, Result<Json, Failure> outcome)
{
    if (self->generation != generation)
        return;   // a late result of an attempt that timed out, or a timeout of an attempt that ended
    if (self->aborted()) {
        finishItem(*self, Failure{"States.Aborted", "The execution was stopped."});
        return;
    }
    Step s;
    try {
        s = taskDone(self, std::move(outcome));
    } catch (const std::exception &e) {
        s = fail(self, runtimeFailure(*self, std::string("Internal error: ") + e.what()));
    }
    if (s == Step::Continue)
        run(self);
}

} // namespace sluice::interpreter
