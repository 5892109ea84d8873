#include "engine/Composite_p.h"

namespace sluice::interpreter {

namespace {

/// One run of a Parallel state: every branch gets the same input; the output is the array of the
/// branches' outputs in branch order. The first failing branch fails the state and stops the others.
struct ParallelRun
{
    std::shared_ptr<ItemRun> parent;
    quint64 parentGeneration = 0;
    std::shared_ptr<AbortScope> scope;
    QMutex mutex;
    std::vector<Json> results;   // guarded by mutex
    size_t remaining = 0;        // guarded by mutex
    bool finished = false;       // guarded by mutex

    void resume(Result<Json, Failure> outcome)
    {
        auto target = std::move(parent);
        const quint64 generation = parentGeneration;
        target->exec->runtime->post(target->worker, [target, generation, outcome = std::move(outcome)]() mutable {
            resumeWith(target, generation, std::move(outcome));
        });
    }
};

} // namespace

void startParallel(const std::shared_ptr<ItemRun> &run, Json input)
{
    const State &state = *run->state;
    auto parallel = std::make_shared<ParallelRun>();
    parallel->parent = run;
    parallel->parentGeneration = ++run->generation;
    parallel->scope = std::make_shared<AbortScope>();
    parallel->scope->parent = run->scope;
    parallel->results.resize(state.branches.size());
    parallel->remaining = state.branches.size();
    if (state.branches.empty()) {
        parallel->resume(Json::array());
        return;
    }
    for (size_t i = 0; i < state.branches.size(); ++i) {
        auto branch = std::make_shared<ItemRun>();
        branch->exec = run->exec;
        branch->id = run->id;
        branch->parent = run->parent;
        branch->index = run->index;
        branch->mapState = run->mapState;
        branch->isBranch = true;
        branch->scope = parallel->scope;
        branch->worker = run->exec->pickWorker();
        branch->machine = state.branches[i].get();
        branch->status = ItemStatus::Running;
        branch->input = i + 1 == state.branches.size() ? std::move(input) : input;
        branch->onDone = [parallel, i](ItemRun &, Result<Json, Failure> outcome) {
            std::optional<Result<Json, Failure>> resume;
            {
                QMutexLocker lock(&parallel->mutex);
                if (parallel->finished)
                    return;
                if (!outcome) {
                    parallel->finished = true;
                    resume.emplace(std::move(outcome).error());
                } else {
                    parallel->results[i] = std::move(outcome).value();
                    if (--parallel->remaining == 0) {
                        parallel->finished = true;
                        Json::array_t array;
                        array.reserve(parallel->results.size());
                        for (Json &r : parallel->results)
                            array.push_back(std::move(r));
                        resume.emplace(Json(std::move(array)));
                    }
                }
            }
            if (resume) {
                if (!resume->ok())
                    parallel->scope->aborted = true;   // stop the other branches
                parallel->resume(std::move(*resume));
            }
        };
        const StateMachine *machine = branch->machine;
        run->exec->runtime->post(branch->worker, [branch, machine]() {
            enterState(*branch, machine->start());
            interpreter::run(branch);
        });
    }
}

} // namespace sluice::interpreter
