#include "definition/Parser.h"

#include "definition/SourceLocator_p.h"

#include <cmath>

// Writing a Workflow back as ASL. Fields come out in the order of the Step Functions documentation and
// in the form the author used (Iterator vs ItemProcessor, Parameters vs ItemSelector, "$" written out), so
// parse(serialize(parse(x))) equals parse(x) and saving an unchanged definition gives a small diff.
// nlohmann::json sorts keys, so the ordered variant holds the document while it is built, and the values
// the author wrote freely (payload templates, a Pass's Result) get their keys back in the order written
// (Workflow::keyOrder, by JSON pointer), so a definition round-tripped through core is byte-stable too.

namespace sluice::definition {

namespace {

using Ordered = nlohmann::ordered_json;
using KeyOrder = std::unordered_map<std::string, std::vector<std::string>>;

/// What the writer carries down the tree: where it is, and the author's key order.
struct Place
{
    const KeyOrder *order = nullptr;
    std::string pointer;

    Place operator/(std::string_view token) const
    {
        return {order, pointer + '/' + detail::escapePointerToken(token)};
    }
    Place operator/(std::size_t index) const { return {order, pointer + '/' + std::to_string(index)}; }
};

/// `value` as written at `place`: object keys in the author's order where it is known (then any others,
/// sorted), recursively.
Ordered asWritten(const Json &value, const Place &place)
{
    if (value.is_array()) {
        Ordered out = Ordered::array();
        for (std::size_t i = 0; i < value.size(); ++i)
            out.push_back(asWritten(value[i], place / i));
        return out;
    }
    if (!value.is_object())
        return Ordered(value);
    Ordered out = Ordered::object();
    if (place.order) {
        if (const auto it = place.order->find(place.pointer); it != place.order->end()) {
            for (const std::string &key : it->second) {
                if (const auto v = value.find(key); v != value.end())
                    out[key] = asWritten(*v, place / key);
            }
        }
    }
    for (const auto &item : value.items()) {
        if (!out.contains(item.key()))
            out[item.key()] = asWritten(item.value(), place / item.key());
    }
    return out;
}

Ordered number(double value)
{
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15)
        return Ordered(static_cast<std::int64_t>(value));
    return Ordered(value);
}

void putPath(Ordered &out, const char *name, const PathField &field)
{
    if (field.mode == PathField::Mode::Null)
        out[name] = nullptr;
    else if (field.mode == PathField::Mode::Path)
        out[name] = field.path.text();
}

void putPath(Ordered &out, const char *name, const std::optional<JsonPath> &path)
{
    if (path)
        out[name] = path->text();
}

void putNumber(Ordered &out, const char *name, const char *pathName, const NumberField &field)
{
    if (field.value)
        out[name] = number(*field.value);
    if (field.path)
        out[pathName] = field.path->text();
}

void putTemplate(Ordered &out, const char *name, const std::optional<PayloadTemplate> &payload, const Place &parent)
{
    if (payload)
        out[name] = asWritten(payload->source(), parent / name);
}

void putString(Ordered &out, const char *name, const std::string &value)
{
    if (!value.empty())
        out[name] = value;
}

void putStringField(Ordered &out, const char *name, const char *pathName, const StringField &field)
{
    if (field.value)
        out[name] = *field.value;
    if (field.path)
        out[pathName] = field.path->text();
    else if (field.intrinsic)
        out[pathName] = field.intrinsic->text();
}

/// `object` with the keys in `order` first (the documented order), then any others.
Ordered inOrder(const Json &object, std::initializer_list<const char *> order)
{
    if (!object.is_object())
        return Ordered(object);
    Ordered out = Ordered::object();
    for (const char *key : order) {
        if (const auto it = object.find(key); it != object.end())
            out[key] = Ordered(*it);
    }
    for (const auto &item : object.items()) {
        if (!out.contains(item.key()))
            out[item.key()] = Ordered(item.value());
    }
    return out;
}

Ordered machineJson(const StateMachine &machine, const Json *processorConfig, const Place &place);

Ordered ruleJson(const ChoiceRule &rule, const Place &place)
{
    Ordered out = Ordered::object();
    putString(out, "Comment", rule.comment);
    switch (rule.kind) {
    case ChoiceRule::Kind::And:
    case ChoiceRule::Kind::Or: {
        Ordered children = Ordered::array();
        for (const auto &c : rule.children)
            children.push_back(ruleJson(c, place / (rule.kind == ChoiceRule::Kind::And ? "And" : "Or") / children.size()));
        out[rule.kind == ChoiceRule::Kind::And ? "And" : "Or"] = std::move(children);
        break;
    }
    case ChoiceRule::Kind::Not:
        out["Not"] = rule.children.empty() ? Ordered::object() : ruleJson(rule.children.front(), place / "Not");
        break;
    case ChoiceRule::Kind::Compare: {
        out["Variable"] = rule.variable.text();
        const std::string op = std::string(choiceOpName(rule.op)) + (rule.operandIsPath ? "Path" : "");
        out[op] = rule.operandIsPath ? Ordered(rule.operandPath.text()) : Ordered(rule.operand);
        break;
    }
    }
    putString(out, "Next", rule.next);
    return out;
}

Ordered stateJson(const State &s, const Place &place)
{
    Ordered out = Ordered::object();
    out["Type"] = stateTypeName(s.type);
    putString(out, "Comment", s.comment);
    putString(out, "QueryLanguage", s.queryLanguage);

    switch (s.type) {
    case StateType::Task:
        out["Resource"] = s.resource;
        break;
    case StateType::Choice: {
        Ordered choices = Ordered::array();
        for (const auto &rule : s.choices)
            choices.push_back(ruleJson(rule, place / "Choices" / choices.size()));
        out["Choices"] = std::move(choices);
        putString(out, "Default", s.defaultNext);
        break;
    }
    case StateType::Wait:
        if (s.seconds)
            out["Seconds"] = number(*s.seconds);
        if (s.timestamp)
            out["Timestamp"] = *s.timestamp;
        putPath(out, "SecondsPath", s.secondsPath);
        putPath(out, "TimestampPath", s.timestampPath);
        break;
    case StateType::Fail:
        putStringField(out, "Error", "ErrorPath", s.error);
        putStringField(out, "Cause", "CausePath", s.cause);
        break;
    case StateType::Parallel: {
        Ordered branches = Ordered::array();
        for (const auto &b : s.branches)
            branches.push_back(machineJson(*b, nullptr, place / "Branches" / branches.size()));
        out["Branches"] = std::move(branches);
        break;
    }
    case StateType::Map:
        if (s.processor)
            out[s.legacyIterator ? "Iterator" : "ItemProcessor"] =
                machineJson(*s.processor, s.legacyIterator ? nullptr : &s.processorConfig,
                            place / (s.legacyIterator ? "Iterator" : "ItemProcessor"));
        if (s.itemReader) {
            Ordered reader = Ordered::object();
            reader["Resource"] = s.itemReader->resource;
            if (!s.itemReader->readerConfig.is_null())
                reader["ReaderConfig"] =
                    inOrder(s.itemReader->readerConfig, {"InputType", "CSVHeaderLocation", "CSVHeaders",
                                                         "CSVDelimiter", "MaxItems", "MaxItemsPath"});
            putTemplate(reader, "Parameters", s.itemReader->parameters, place / "ItemReader");
            out["ItemReader"] = std::move(reader);
        }
        putPath(out, "ItemsPath", s.itemsPath);
        putTemplate(out, s.itemSelectorIsLegacyParameters ? "Parameters" : "ItemSelector", s.parameters, place);
        if (s.itemBatcher) {
            Ordered batcher = Ordered::object();
            putNumber(batcher, "MaxItemsPerBatch", "MaxItemsPerBatchPath", s.itemBatcher->maxItemsPerBatch);
            putNumber(batcher, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath",
                      s.itemBatcher->maxInputBytesPerBatch);
            putTemplate(batcher, "BatchInput", s.itemBatcher->batchInput, place / "ItemBatcher");
            out["ItemBatcher"] = std::move(batcher);
        }
        putNumber(out, "MaxConcurrency", "MaxConcurrencyPath", s.maxConcurrency);
        putNumber(out, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                  s.toleratedFailurePercentage);
        putNumber(out, "ToleratedFailureCount", "ToleratedFailureCountPath", s.toleratedFailureCount);
        putString(out, "Label", s.label);
        if (s.resultWriter) {
            Ordered writer = Ordered::object();
            writer["Resource"] = s.resultWriter->resource;
            putTemplate(writer, "Parameters", s.resultWriter->parameters, place / "ResultWriter");
            out["ResultWriter"] = std::move(writer);
        }
        break;
    case StateType::Pass:
    case StateType::Succeed:
        break;
    }

    putPath(out, "InputPath", s.inputPath);
    if (s.type != StateType::Map)
        putTemplate(out, "Parameters", s.parameters, place);
    putTemplate(out, "Credentials", s.credentials, place);
    if (s.result)
        out["Result"] = asWritten(*s.result, place / "Result");
    putTemplate(out, "ResultSelector", s.resultSelector, place);
    putPath(out, "ResultPath", s.resultPath);
    putPath(out, "OutputPath", s.outputPath);
    putNumber(out, "TimeoutSeconds", "TimeoutSecondsPath", s.timeoutSeconds);
    putNumber(out, "HeartbeatSeconds", "HeartbeatSecondsPath", s.heartbeatSeconds);

    if (!s.retry.empty()) {
        Ordered retry = Ordered::array();
        for (const Retrier &r : s.retry) {
            Ordered o = Ordered::object();
            o["ErrorEquals"] = r.errorEquals;
            if ((r.written & Retrier::WroteInterval) || r.intervalSeconds != 1.0)
                o["IntervalSeconds"] = number(r.intervalSeconds);
            if ((r.written & Retrier::WroteMaxAttempts) || r.maxAttempts != 3)
                o["MaxAttempts"] = r.maxAttempts;
            if ((r.written & Retrier::WroteBackoffRate) || r.backoffRate != 2.0)
                o["BackoffRate"] = r.backoffRate;
            if (r.maxDelaySeconds)
                o["MaxDelaySeconds"] = number(*r.maxDelaySeconds);
            if ((r.written & Retrier::WroteJitter) || r.jitterFull)
                o["JitterStrategy"] = r.jitterFull ? "FULL" : "NONE";
            putString(o, "Comment", r.comment);
            retry.push_back(std::move(o));
        }
        out["Retry"] = std::move(retry);
    }
    if (!s.catchers.empty()) {
        Ordered catchers = Ordered::array();
        for (const Catcher &c : s.catchers) {
            Ordered o = Ordered::object();
            o["ErrorEquals"] = c.errorEquals;
            putPath(o, "ResultPath", c.resultPath);
            o["Next"] = c.next;
            putString(o, "Comment", c.comment);
            catchers.push_back(std::move(o));
        }
        out["Catch"] = std::move(catchers);
    }

    putString(out, "Next", s.next);
    if (s.end)
        out["End"] = true;
    return out;
}

Ordered machineJson(const StateMachine &machine, const Json *processorConfig, const Place &place)
{
    Ordered out = Ordered::object();
    putString(out, "Comment", machine.comment);
    if (processorConfig && processorConfig->is_object())
        out["ProcessorConfig"] = inOrder(*processorConfig, {"Mode", "ExecutionType"});
    out["StartAt"] = machine.startAt;
    Ordered states = Ordered::object();
    for (const State &s : machine.states)
        states[s.name] = stateJson(s, place / "States" / s.name);
    out["States"] = std::move(states);
    return out;
}

Ordered workflowJson(const Workflow &workflow)
{
    Ordered out = Ordered::object();
    putString(out, "Comment", workflow.root.comment);
    putString(out, "QueryLanguage", workflow.queryLanguage);
    putString(out, "Version", workflow.version);
    if (workflow.timeoutSeconds)
        out["TimeoutSeconds"] = number(*workflow.timeoutSeconds);
    Ordered machine = machineJson(workflow.root, nullptr, Place{workflow.keyOrder.get(), std::string()});
    out["StartAt"] = std::move(machine["StartAt"]);
    out["States"] = std::move(machine["States"]);
    return out;
}

} // namespace

Json toJson(const Workflow &workflow)
{
    try {
        return Json(workflowJson(workflow));
    } catch (...) {
        return Json();
    }
}

QByteArray serialize(const Workflow &workflow)
{
    try {
        const std::string text = workflowJson(workflow).dump(2, ' ', false, Json::error_handler_t::replace);
        QByteArray bytes(text.data(), qsizetype(text.size()));
        bytes.append('\n');
        return bytes;
    } catch (...) {
        return {};
    }
}

} // namespace sluice::definition
