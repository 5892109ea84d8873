#include "engine/Composite_p.h"

#include "tasks/RecordReader.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>
#include <QUuid>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace sluice {

namespace {

/// In-flight cap when MaxConcurrency is 0 ("as many as possible"), as a Distributed Map's 10,000 child
/// executions: enough to keep every worker busy and every Wait overlapping, bounded in memory.
constexpr qint64 kUnboundedConcurrency = 10000;
constexpr size_t kMaxChunk = 256;

/// One unit of work for a child: a single source item, or a batch of them (ItemBatcher).
struct Unit
{
    qint64 slot = 0;
    qint64 sourceIndex = 0;
    const Json *ref = nullptr;    // an item inside the ItemsPath array (borrowed)
    Json owned;                   // an item read by an ItemReader
    std::vector<Json> batch;      // ItemBatcher: the items of the batch (copies)
    bool isBatch = false;
    const ResumedSlot *resume = nullptr;   // a resumed item: continues at its journaled state
};

Failure mapFailure(const MapRun &map, const std::string &error, const std::string &cause)
{
    return Failure{error, "An error occurred while executing the state '" + map.state->name + "'. " + cause};
}

/// The context object an ItemSelector sees: $$ plus Map.Item.Index and Map.Item.Value.
Json itemContext(const MapRun &map, qint64 index, const Json &value)
{
    Json context = map.exec->contextBase;
    if (map.exec->usesExecutionInput)
        context["Execution"]["Input"] = map.exec->input;
    context["State"]["Name"] = map.state->name;
    Json &item = context["Map"]["Item"];
    item["Index"] = index;
    item["Value"] = value;
    return context;
}

Result<Json, Failure> selectItem(const MapRun &map, qint64 index, const Json &value)
{
    const State &state = *map.state;
    if (!state.parameters)
        return Json(value);
    std::optional<Json> context;
    const EvalScope scope(*map.effective, [&]() -> const Json & {
        if (!context)
            context = itemContext(map, index, value);
        return *context;
    });
    auto selected = state.parameters->evaluate(scope);
    if (!selected)
        return mapFailure(map, selected.error().error, selected.error().cause);
    return selected;
}

void runChunk(const std::shared_ptr<MapRun> &map, std::vector<Unit> units, int worker)
{
    const StateMachine *processor = map->state->processor.get();
    for (Unit &unit : units) {
        auto child = std::make_shared<ItemRun>();
        child->exec = map->exec;
        child->id = ItemId{map->exec->nextItemId.fetch_add(1, std::memory_order_relaxed)};
        child->parent = map->parentId;
        child->index = unit.slot;
        child->mapState = map->state;
        child->map = map;
        child->scope = map->scope;
        child->worker = worker;
        child->machine = processor;

        if (unit.resume) {
            // Journaled before the process stopped: same item, at its last committed state.
            child->id = ItemId{unit.resume->item};
            const State *at = processor->find(unit.resume->state);
            child->input = unit.resume->input;
            interpreter::setStatus(*child, ItemStatus::Running);
            interpreter::enterState(*child, at ? at : processor->start());
            interpreter::run(child);
            continue;
        }
        Result<Json, Failure> input = Json();
        if (unit.isBatch) {
            Json items = Json::array();
            for (size_t i = 0; i < unit.batch.size(); ++i) {
                auto selected = selectItem(*map, unit.sourceIndex + qint64(i), unit.batch[i]);
                if (!selected) {
                    input = std::move(selected).error();
                    break;
                }
                items.push_back(std::move(selected).value());
            }
            if (input) {
                Json batch = Json::object();
                if (!map->batchInput.is_null())
                    batch["BatchInput"] = map->batchInput;
                batch["Items"] = std::move(items);
                input = std::move(batch);
            }
        } else if (unit.ref) {
            input = selectItem(*map, unit.sourceIndex, *unit.ref);
        } else if (map->state->parameters) {
            input = selectItem(*map, unit.sourceIndex, unit.owned);
        } else {
            input = std::move(unit.owned);
        }

        interpreter::setStatus(*child, ItemStatus::Running);
        if (!input) {
            child->state = processor->start();
            map->childDone(unit.slot, std::move(input).error());
            continue;
        }
        child->input = std::move(input).value();
        if (map->exec->journal) {
            JournalRecord r;
            r.type = JournalRecord::Type::ItemStarted;
            r.parent = map->parentId.value;
            r.index = unit.slot;
            r.mapState = map->state->name;
            r.state = processor->startAt;
            r.status = ItemStatus::Running;
            r.payload = interpreter::journalPayload(*child, child->input);
            interpreter::journal(*child, std::move(r));
        }
        if (map->writing)
            map->recordStart(unit.slot, child->input);
        interpreter::enterState(*child, processor->start());
        interpreter::run(child);
    }
}

} // namespace

void MapRun::pump()
{
    for (;;) {
        std::vector<Unit> units;
        bool completeNow = false;
        bool skippedFinished = false;   // slots a resume found done: the pass made progress all the same
        Failure readerFailure;
        {
            QMutexLocker lock(&mutex);
            if (finished)
                return;
            if (scope->isAborted()) {
                // The execution stopped: nothing more starts; the parent is told by its own abort check.
                finished = true;
                return;
            }
            const qint64 room = limit - inFlight;
            const bool worthIt = room >= qint64(chunkSize) || inFlight == 0;
            // Paused: nothing new starts; the items in flight finish and come back here.
            bool held = false;
            if (!sourceDone && room > 0 && exec->paused.load(std::memory_order_acquire)) {
                held = heldByPause || exec->holdWhilePaused(shared_from_this());
                heldByPause = held;
            }
            if (!held && !sourceDone && room > 0 && worthIt) {
                const qint64 take = std::min<qint64>(room, qint64(chunkSize));
                units.reserve(size_t(take));
                for (qint64 k = 0; k < take && !sourceDone; ++k) {
                    Unit unit;
                    unit.slot = qint64(nextSlot);
                    unit.sourceIndex = qint64(nextSource);
                    const qint64 perUnit = batching ? std::max<qint64>(1, batchItems > 0 ? batchItems : 1000000) : 1;
                    qint64 bytes = 0;
                    for (qint64 n = 0; n < perUnit; ++n) {
                        if (maxItems > 0 && qint64(nextSource) >= maxItems) {
                            sourceDone = true;
                            break;
                        }
                        const Json *ref = nullptr;
                        Json owned;
                        if (items) {
                            if (nextSource >= items->size()) {
                                sourceDone = true;
                                break;
                            }
                            ref = &(*items)[nextSource];
                        } else {
                            auto next = reader->next();
                            if (!next) {
                                readerFailure = mapFailure(*this, errors::kItemReaderFailed,
                                                           next.error().toString().toStdString());
                                sourceDone = true;
                                break;
                            }
                            if (!next.value()) {
                                sourceDone = true;
                                break;
                            }
                            owned = std::move(*next.value());
                        }
                        if (batching && batchBytes > 0) {
                            const qint64 size = qint64((ref ? *ref : owned).dump().size());
                            if (n > 0 && bytes + size > batchBytes)
                                break;   // this item starts the next batch
                            bytes += size;
                        }
                        ++nextSource;
                        if (batching) {
                            unit.isBatch = true;
                            unit.batch.push_back(ref ? *ref : std::move(owned));
                        } else if (ref) {
                            unit.ref = ref;
                        } else {
                            unit.owned = std::move(owned);
                        }
                    }
                    if (batching ? unit.batch.empty() : (!unit.ref && unit.owned.is_null() && sourceDone))
                        break;
                    if (resumed) {
                        auto it = resumed->find(unit.slot);
                        if (it != resumed->end() && it->second.finished) {
                            // Done before the process stopped: its result stands, nothing runs again.
                            ++nextSlot;
                            ++completed;
                            if (it->second.succeeded && !it->second.outputText.empty()) {
                                deferredOutputs.emplace_back(results.size(), &it->second.outputText);
                                results.emplace_back();
                            } else if (it->second.succeeded) {
                                results.push_back(it->second.output);
                            } else {
                                ++failed;
                                results.push_back(Json{{"Error", it->second.failure.error},
                                                       {"Cause", it->second.failure.cause}});
                            }
                            if (writing)
                                records.emplace_back();
                            skippedFinished = true;
                            continue;
                        }
                        if (it != resumed->end())
                            unit.resume = &it->second;
                    }
                    ++nextSlot;
                    results.emplace_back();
                    if (writing)
                        records.emplace_back();
                    units.push_back(std::move(unit));
                }
                if (items && nextSource >= items->size())
                    sourceDone = true;
                inFlight += qint64(units.size());
            }
            if (!readerFailure.error.empty()) {
                finished = true;
            } else if (sourceDone && inFlight == 0) {
                finished = true;
                completeNow = true;
            }
        }
        if (!readerFailure.error.empty()) {
            scope->aborted = true;
            finish(readerFailure);
            return;
        }
        if (completeNow) {
            complete();
            return;
        }
        if (units.empty()) {
            if (skippedFinished)
                continue;
            return;
        }
        const int worker = exec->pickWorker();
        auto self = shared_from_this();
        exec->runtime->post(worker, [self, units = std::move(units), worker]() mutable {
            runChunk(self, std::move(units), worker);
        });
    }
}

void MapRun::childDone(qint64 slot, Result<Json, Failure> outcome)
{
    bool pumpNow = false;
    bool completeNow = false;
    std::optional<Failure> failure;
    {
        QMutexLocker lock(&mutex);
        if (finished)
            return;
        --inFlight;
        ++completed;
        if (writing) {
            ChildRecord &record = records[size_t(slot)];
            record.stoppedMs = QDateTime::currentMSecsSinceEpoch();
            record.failed = !outcome.ok();
        }
        if (outcome) {
            results[size_t(slot)] = std::move(outcome).value();
        } else if (!state->distributed) {
            finished = true;   // INLINE: the first failure fails the Map
            failure = std::move(outcome).error();
        } else {
            ++failed;
            const Failure &f = outcome.error();
            Json error = Json::object();
            error["Error"] = f.error;
            error["Cause"] = f.cause;
            results[size_t(slot)] = std::move(error);
            const bool hasCount = state->toleratedFailureCount.isSet();
            const bool hasPercent = state->toleratedFailurePercentage.isSet();
            bool exceeded = false;
            if (!hasCount && !hasPercent)
                exceeded = true;
            if (hasCount && failed > toleratedCount)
                exceeded = true;
            if (hasPercent && items) {
                const double total = double(batching ? results.size() : items->size());
                exceeded = exceeded || (total > 0 && double(failed) * 100.0 / total > toleratedPercent);
            }
            if (exceeded) {
                finished = true;
                failure = mapFailure(*this, errors::kExceedToleratedFailureThreshold,
                                     "The specified tolerated failure threshold was exceeded: " +
                                         std::to_string(failed) + " item(s) failed; the last with " + f.error +
                                         ": " + f.cause);
            }
        }
        if (!finished) {
            if (sourceDone && inFlight == 0) {
                // Percentage over an ItemReader is known only now.
                if (state->distributed && state->toleratedFailurePercentage.isSet() && !items && completed > 0 &&
                    double(failed) * 100.0 / double(completed) > toleratedPercent) {
                    finished = true;
                    failure = mapFailure(*this, errors::kExceedToleratedFailureThreshold,
                                         "The specified tolerated failure threshold was exceeded: " +
                                             std::to_string(failed) + " of " + std::to_string(completed) +
                                             " item(s) failed.");
                } else {
                    finished = true;
                    completeNow = true;
                }
            } else if (!sourceDone) {
                pumpNow = limit - inFlight >= qint64(chunkSize) || inFlight == 0;
            }
        }
    }
    if (failure) {
        scope->aborted = true;   // stop the iterations still running
        finish(std::move(*failure));
        return;
    }
    if (completeNow) {
        complete();
        return;
    }
    if (pumpNow)
        pump();
}

void MapRun::recordStart(qint64 slot, const Json &input)
{
    QMutexLocker lock(&mutex);
    ChildRecord &record = records[size_t(slot)];
    record.input = input;
    record.startedMs = QDateTime::currentMSecsSinceEpoch();
}

namespace {

/// Writes `value` to `dir/name` atomically (temp file + rename); returns its size, or -1.
qint64 writeJsonFile(const QString &dir, const QString &name, const Json &value)
{
    QSaveFile file(QDir(dir).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit())
        return -1;
    return qint64(text.size());
}

} // namespace

void MapRun::complete()
{
    Json::array_t array;
    std::deque<ChildRecord> written;
    {
        QMutexLocker lock(&mutex);
        array.reserve(results.size());
        for (Json &r : results)
            array.push_back(std::move(r));
        results.clear();
        for (const auto &[slot, text] : deferredOutputs) {
            if (slot < array.size())
                array[slot] = Json::parse(*text, nullptr, false);   // discarded (not throwing) if damaged
        }
        deferredOutputs.clear();
        written.swap(records);
    }
    if (!writing) {
        finish(Json(std::move(array)));
        return;
    }

    // ResultWriter, as Step Functions writes to S3: SUCCEEDED_0.json and FAILED_0.json (arrays of child
    // execution records, Input and Output as JSON text) and a manifest.json naming them.
    auto iso = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString(); };
    const std::string machineArn = exec->contextBase["StateMachine"].value("Id", std::string());
    Json succeeded = Json::array();
    Json failedRecords = Json::array();
    for (size_t i = 0; i < written.size() && i < array.size(); ++i) {
        const ChildRecord &r = written[i];
        const std::string name = std::to_string(i);
        Json entry = {{"ExecutionArn", mapRunArn + ":" + name},
                      {"Input", r.input.dump(-1, ' ', false, Json::error_handler_t::replace)},
                      {"InputDetails", {{"Included", true}}},
                      {"Name", name},
                      {"RedriveCount", 0},
                      {"RedriveStatus", "NOT_REDRIVABLE"},
                      {"StartDate", iso(r.startedMs)},
                      {"StateMachineArn", machineArn},
                      {"Status", r.failed ? "FAILED" : "SUCCEEDED"},
                      {"StopDate", iso(r.stoppedMs)}};
        if (r.failed) {
            entry["Error"] = array[i].value("Error", std::string());
            entry["Cause"] = array[i].value("Cause", std::string());
            failedRecords.push_back(std::move(entry));
        } else {
            entry["Output"] = array[i].dump(-1, ' ', false, Json::error_handler_t::replace);
            entry["OutputDetails"] = {{"Included", true}};
            succeeded.push_back(std::move(entry));
        }
    }
    auto failWriter = [this](const QString &what) {
        finish(Failure{errors::kResultWriterFailed, "An error occurred while executing the state '" + state->name +
                                                        "'. The ResultWriter could not write " + what.toStdString() +
                                                        "."});
    };
    if (!QDir().mkpath(writeDir))
        return failWriter(writeDir);
    Json files = {{"FAILED", Json::array()}, {"PENDING", Json::array()}, {"SUCCEEDED", Json::array()}};
    for (auto [status, list] : {std::pair<const char *, const Json *>{"SUCCEEDED", &succeeded},
                                   std::pair<const char *, const Json *>{"FAILED", &failedRecords}}) {
        if (list->empty())
            continue;
        const QString name = QStringLiteral("%1_0.json").arg(QLatin1String(status));
        const qint64 size = writeJsonFile(writeDir, name, *list);
        if (size < 0)
            return failWriter(QDir(writeDir).filePath(name));
        files[status].push_back({{"Key", writeKeyPrefix + "/" + name.toStdString()}, {"Size", size}});
    }
    const Json manifest = {{"DestinationBucket", writeBucket}, {"MapRunArn", mapRunArn}, {"ResultFiles", files}};
    if (writeJsonFile(writeDir, QStringLiteral("manifest.json"), manifest) < 0)
        return failWriter(QDir(writeDir).filePath(QStringLiteral("manifest.json")));
    finish(Json{{"MapRunArn", mapRunArn},
                {"ResultWriterDetails", {{"Bucket", writeBucket}, {"Key", writeKeyPrefix + "/manifest.json"}}}});
}

void MapRun::finish(Result<Json, Failure> outcome)
{
    auto target = parent;
    const quint64 generation = parentGeneration;
    exec->runtime->post(target->worker, [target, generation, outcome = std::move(outcome)]() mutable {
        interpreter::resumeWith(target, generation, std::move(outcome));
    });
    parent.reset();   // the children keep the MapRun; the MapRun no longer keeps the parent
}

namespace interpreter {

void mapChildDone(ItemRun &child, Result<Json, Failure> outcome)
{
    std::shared_ptr<MapRun> map = std::move(child.map);
    map->childDone(child.index, std::move(outcome));
}

Result<void, Failure> startMap(const std::shared_ptr<ItemRun> &run)
{
    const State &state = *run->state;
    auto map = std::make_shared<MapRun>();
    map->parent = run;
    map->parentId = run->id;
    map->state = &state;
    map->exec = run->exec;
    map->scope = std::make_shared<AbortScope>();
    map->scope->parent = run->scope;

    auto fail = [&](const std::string &error, const std::string &cause) {
        return Failure{error, "An error occurred while executing the state '" + state.name + "'. " + cause};
    };
    const EvalScope rawScope(run->input, [&]() -> const Json & { return contextOf(*run); });

    // InputPath: the effective input stays the parent's raw input when possible (no copy of the items).
    switch (state.inputPath.mode) {
    case PathField::Mode::Absent:
        map->effective = &run->input;
        break;
    case PathField::Mode::Null:
        map->ownedInput = Json::object();
        map->effective = &map->ownedInput;
        break;
    case PathField::Mode::Path:
        if (state.inputPath.path.isRoot()) {
            map->effective = &run->input;
        } else if (state.inputPath.path.isDefinite()) {
            auto found = state.inputPath.path.find(rawScope);
            if (!found)
                return fail(errors::kRuntime, "Invalid path '" + state.inputPath.path.text() +
                                                  "' for the field 'InputPath': it could not be found in the input.");
            map->effective = found.value();
        } else {
            auto value = state.inputPath.path.evaluate(rawScope);
            if (!value)
                return value.error();
            map->ownedInput = std::move(value).value();
            map->effective = &map->ownedInput;
        }
        break;
    }
    const EvalScope scope(*map->effective, [&]() -> const Json & { return contextOf(*run); });

    auto number = [&](const NumberField &field, const char *name, double fallback) -> Result<double, Failure> {
        if (field.value)
            return *field.value;
        if (field.path) {
            auto found = field.path->find(scope);
            if (!found || !found.value()->is_number())
                return fail(errors::kRuntime, "The path '" + field.path->text() + "' for the field '" + name +
                                                  "' must point to a number.");
            return found.value()->get<double>();
        }
        return fallback;
    };

    auto concurrency = number(state.maxConcurrency, "MaxConcurrencyPath", 0);
    if (!concurrency)
        return concurrency.error();
    map->limit = concurrency.value() > 0 ? qint64(concurrency.value()) : kUnboundedConcurrency;
    auto toleratedCount = number(state.toleratedFailureCount, "ToleratedFailureCountPath", 0);
    if (!toleratedCount)
        return toleratedCount.error();
    map->toleratedCount = qint64(toleratedCount.value());
    auto toleratedPercent = number(state.toleratedFailurePercentage, "ToleratedFailurePercentagePath", 0);
    if (!toleratedPercent)
        return toleratedPercent.error();
    map->toleratedPercent = toleratedPercent.value();

    if (state.itemBatcher) {
        map->batching = true;
        auto perBatch = number(state.itemBatcher->maxItemsPerBatch, "MaxItemsPerBatchPath", 0);
        if (!perBatch)
            return perBatch.error();
        map->batchItems = qint64(perBatch.value());
        auto bytes = number(state.itemBatcher->maxInputBytesPerBatch, "MaxInputBytesPerBatchPath", 0);
        if (!bytes)
            return bytes.error();
        map->batchBytes = qint64(bytes.value());
        if (state.itemBatcher->batchInput) {
            auto batchInput = state.itemBatcher->batchInput->evaluate(scope);
            if (!batchInput)
                return batchInput.error();
            map->batchInput = std::move(batchInput).value();
        }
    }

    if (state.itemReader) {
        const ItemReader &reader = *state.itemReader;
        Json parameters = Json::object();
        if (reader.parameters) {
            auto evaluated = reader.parameters->evaluate(scope);
            if (!evaluated)
                return evaluated.error();
            parameters = std::move(evaluated).value();
        }
        QString path;
        if (parameters.contains("Path") && parameters["Path"].is_string()) {
            path = QString::fromStdString(parameters["Path"].get<std::string>());
        } else if (parameters.contains("Key") && parameters["Key"].is_string()) {
            // s3:getObject mapped onto the local disk: Bucket is a folder, Key a file inside it.
            const QString bucket = parameters.contains("Bucket") && parameters["Bucket"].is_string()
                                       ? QString::fromStdString(parameters["Bucket"].get<std::string>())
                                       : QString();
            path = QDir(bucket).filePath(QString::fromStdString(parameters["Key"].get<std::string>()));
        } else {
            return fail(errors::kItemReaderFailed, "The ItemReader needs Parameters with a \"Path\" (or "
                                                   "\"Bucket\" and \"Key\") naming a local file.");
        }
        if (QFileInfo(path).isRelative() && !run->exec->options.baseDir.isEmpty())
            path = QDir(run->exec->options.baseDir).filePath(path);
        Json config = reader.readerConfig.is_object() ? reader.readerConfig : Json::object();
        if (config.contains("MaxItems") && config["MaxItems"].is_number())
            map->maxItems = config["MaxItems"].get<qint64>();
        if (reader.maxItemsPath) {
            auto found = reader.maxItemsPath->find(scope);
            if (!found || !found.value()->is_number())
                return fail(errors::kRuntime, "The MaxItemsPath '" + reader.maxItemsPath->text() +
                                                  "' must point to a number.");
            map->maxItems = found.value()->get<qint64>();
        }
        auto opened = RecordReader::open(path, config);
        if (!opened)
            return fail(errors::kItemReaderFailed, opened.error().toString().toStdString());
        map->reader = std::move(opened).value();
    } else {
        const Json *source = map->effective;
        if (state.itemsPath && !state.itemsPath->isRoot()) {
            if (state.itemsPath->isDefinite()) {
                auto found = state.itemsPath->find(scope);
                if (!found)
                    return fail(errors::kRuntime, "Invalid path '" + state.itemsPath->text() +
                                                      "' for the field 'ItemsPath': it could not be found in the input.");
                source = found.value();
            } else {
                auto value = state.itemsPath->evaluate(scope);
                if (!value)
                    return value.error();
                map->ownedItems = std::move(value).value();
                source = &map->ownedItems;
            }
        }
        if (!source->is_array())
            return fail(errors::kRuntime, "The ItemsPath must select an array, but it selected " +
                                              std::string(source->type_name()) + ".");
        map->items = &source->get_ref<const Json::array_t &>();
    }

    if (state.resultWriter) {
        Json parameters = Json::object();
        if (state.resultWriter->parameters) {
            auto evaluated = state.resultWriter->parameters->evaluate(scope);
            if (!evaluated)
                return evaluated.error();
            parameters = std::move(evaluated).value();
        }
        if (!parameters.contains("Bucket") || !parameters["Bucket"].is_string())
            return fail(errors::kResultWriterFailed, "The ResultWriter needs Parameters with a \"Bucket\" (a local "
                                                     "folder) and optionally a \"Prefix\".");
        const std::string runId = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
        const std::string prefix = parameters.value("Prefix", std::string());
        map->writing = true;
        map->writeBucket = parameters["Bucket"].get<std::string>();
        map->writeKeyPrefix = prefix.empty() ? runId : prefix + "/" + runId;
        QString bucket = QString::fromStdString(map->writeBucket);
        if (QFileInfo(bucket).isRelative() && !run->exec->options.baseDir.isEmpty())
            bucket = QDir(run->exec->options.baseDir).filePath(bucket);
        map->writeDir = QDir(bucket).filePath(QString::fromStdString(map->writeKeyPrefix));
        map->mapRunArn = "arn:aws:states:local:000000000000:mapRun:" + run->exec->options.stateMachineName + "/" +
                         state.name + ":" + runId;
    }

    map->resumed = std::move(run->resumedSlots);   // only the first entry after a resume
    run->resumedSlots.reset();

    const qint64 perWorker = std::max<qint64>(1, map->limit / (2 * std::max(1, run->exec->workers)));
    map->chunkSize = size_t(std::clamp<qint64>(perWorker, 1, qint64(kMaxChunk)));
    map->parentGeneration = ++run->generation;
    map->pump();
    return {};
}

} // namespace interpreter
} // namespace sluice
