#pragma once

// Private to core/engine: the Map and Parallel states, which run other items and wait for them.

#include "engine/Interpreter_p.h"

#include <deque>

namespace sluice {

class RecordReader;

/// One run of a Map state. Dispatches its iterations in chunks to the workers, at most MaxConcurrency
/// at a time, collects their results in order and resumes the parent item when all are done (or, in
/// INLINE mode, at the first failure; in DISTRIBUTED mode, when the tolerated failures are exceeded).
/// Shared by the workers that run its children; counters guarded by `mutex`.
struct MapRun : std::enable_shared_from_this<MapRun>
{
    std::shared_ptr<ItemRun> parent;   // released by finish(); children use parentId
    ItemId parentId;
    quint64 parentGeneration = 0;
    const State *state = nullptr;
    std::shared_ptr<ExecutionState> exec;
    std::shared_ptr<AbortScope> scope;

    Json ownedInput;                 // the effective input, when it is not the parent's raw input
    Json ownedItems;                 // the items, when an indefinite ItemsPath selected them
    const Json *effective = nullptr; // $ for ItemSelector and BatchInput
    const Json::array_t *items = nullptr;   // ItemsPath source
    std::unique_ptr<RecordReader> reader;    // ItemReader source

    qint64 limit = 0;                // in-flight cap
    size_t chunkSize = 1;
    qint64 batchItems = 0;           // ItemBatcher: MaxItemsPerBatch (0 = no batching by count)
    qint64 batchBytes = 0;           // ItemBatcher: MaxInputBytesPerBatch
    Json batchInput;                 // ItemBatcher: evaluated BatchInput
    bool batching = false;
    qint64 toleratedCount = 0;
    double toleratedPercent = 0;
    qint64 maxItems = 0;             // ReaderConfig.MaxItems (0 = all)
    std::shared_ptr<const std::map<qint64, ResumedSlot>> resumed;   // a resumed Map: its slots' state

    // ResultWriter: where the child results go instead of the state output
    bool writing = false;
    QString writeDir;               // <Bucket>/<Prefix>/<map run id>, resolved against the base folder
    std::string writeBucket;
    std::string writeKeyPrefix;     // <Prefix>/<map run id>
    std::string mapRunArn;
    struct ChildRecord
    {
        Json input;
        qint64 startedMs = 0;
        qint64 stoppedMs = 0;
        bool failed = false;
    };

    QMutex mutex;
    std::deque<ChildRecord> records; // guarded by mutex; only when writing
    size_t nextSource = 0;           // guarded by mutex: next source item
    size_t nextSlot = 0;             // guarded by mutex: next result slot (== units dispatched)
    bool sourceDone = false;         // guarded by mutex
    qint64 inFlight = 0;             // guarded by mutex
    qint64 completed = 0;            // guarded by mutex
    qint64 failed = 0;               // guarded by mutex
    bool finished = false;           // guarded by mutex
    bool heldByPause = false;        // guarded by mutex: listed in exec->heldMaps
    std::deque<Json> results;        // guarded by mutex
    /// Slots a resume found done whose output is still text (in `resumed`): parsed by complete(), so a
    /// resumed Map starts new items before it has parsed what the old ones returned.
    std::vector<std::pair<size_t, const std::string *>> deferredOutputs;   // guarded by mutex

    void pump();
    void childDone(qint64 slot, Result<Json, Failure> outcome);
    void recordStart(qint64 slot, const Json &input);
    /// Every child is done: the results array, or with a ResultWriter the files and their manifest.
    void complete();
    void finish(Result<Json, Failure> outcome);
};

namespace interpreter {
Result<void, Failure> startMap(const std::shared_ptr<ItemRun> &run);
void startParallel(const std::shared_ptr<ItemRun> &run, Json input);
void mapChildDone(ItemRun &child, Result<Json, Failure> outcome);
} // namespace interpreter

} // namespace sluice
