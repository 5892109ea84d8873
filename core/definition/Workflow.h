#pragma once

#include "Json.h"
#include "Result.h"
#include "paths/Intrinsic.h"
#include "paths/JsonPath.h"
#include "paths/PayloadTemplate.h"

#include <QByteArray>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sluice {

enum class StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map };

/// "Pass", "Task", ... as ASL spells them.
const char *stateTypeName(StateType type);
std::optional<StateType> stateTypeFromName(std::string_view name);

/// An optional path field that may also be JSON null (InputPath, OutputPath, ResultPath):
/// absent means "$" (the default), null means "discard" ({} for Input/OutputPath, keep input for ResultPath).
struct PathField
{
    enum class Mode { Absent, Null, Path };
    Mode mode = Mode::Absent;
    JsonPath path;   ///< valid when mode == Path

    bool isDefault() const { return mode == Mode::Absent || (mode == Mode::Path && path.isRoot()); }
    bool operator==(const PathField &) const = default;
};

/// A number given literally or through a reference path (TimeoutSeconds / TimeoutSecondsPath, ...).
struct NumberField
{
    std::optional<double> value;
    std::optional<JsonPath> path;

    bool isSet() const { return value || path; }
    bool operator==(const NumberField &) const = default;
};

/// A string given literally, through a path or an intrinsic (Fail's Error/ErrorPath, Cause/CausePath).
struct StringField
{
    std::optional<std::string> value;
    std::optional<JsonPath> path;
    std::optional<Intrinsic> intrinsic;   ///< ErrorPath/CausePath may be an intrinsic function

    bool isSet() const { return value || path || intrinsic; }
};

struct Retrier
{
    std::vector<std::string> errorEquals;
    double intervalSeconds = 1.0;
    int maxAttempts = 3;
    double backoffRate = 2.0;
    std::optional<double> maxDelaySeconds;
    bool jitterFull = false;   ///< JitterStrategy "FULL" (default "NONE")
    std::string comment;

    /// Optional fields the author wrote out, even with their default value; serialize() writes them back.
    enum WrittenField : unsigned { WroteInterval = 1, WroteMaxAttempts = 2, WroteBackoffRate = 4, WroteJitter = 8 };
    unsigned written = 0;
};

struct Catcher
{
    std::vector<std::string> errorEquals;
    std::string next;
    PathField resultPath;   ///< Absent = "$" (the error output replaces the input)
    std::string comment;
};

/// One Choice rule: a boolean combinator (And/Or/Not) or a comparison of Variable with an operand.
/// Top-level rules carry Next; nested ones never do.
struct ChoiceRule
{
    enum class Kind { And, Or, Not, Compare };
    enum class Op {
        StringEquals, StringLessThan, StringGreaterThan, StringLessThanEquals, StringGreaterThanEquals,
        StringMatches,
        NumericEquals, NumericLessThan, NumericGreaterThan, NumericLessThanEquals, NumericGreaterThanEquals,
        BooleanEquals,
        TimestampEquals, TimestampLessThan, TimestampGreaterThan, TimestampLessThanEquals,
        TimestampGreaterThanEquals,
        IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp,
    };

    Kind kind = Kind::Compare;
    std::vector<ChoiceRule> children;   ///< And/Or: two or more; Not: exactly one
    JsonPath variable;                  ///< Compare only
    Op op = Op::StringEquals;
    bool operandIsPath = false;         ///< the "...Path" form of the operator (e.g. StringEqualsPath)
    Json operand;                       ///< literal operand (string, number, bool), or unused
    JsonPath operandPath;               ///< when operandIsPath
    std::string next;                   ///< top-level rules only
    std::string comment;
};

const char *choiceOpName(ChoiceRule::Op op);   ///< "StringEquals", ...
std::optional<ChoiceRule::Op> choiceOpFromName(std::string_view name, bool *isPathVariant);

struct StateMachine;

/// Map's ItemReader over a local file (Sluice extension of the S3 reader: Resource "sluice:file.read",
/// or arn:aws:states:::s3:getObject with Parameters.Bucket/Key mapped onto a local path).
struct ItemReader
{
    std::string resource;
    Json readerConfig;                  ///< InputType CSV/JSONL/JSON, CSVHeaderLocation, CSVHeaders, MaxItems, Delimiter
    std::optional<PayloadTemplate> parameters;   ///< e.g. {"Path": "data/in.csv"} or {"Bucket","Key"}
    std::optional<JsonPath> maxItemsPath;
};

struct ItemBatcher
{
    NumberField maxItemsPerBatch;
    NumberField maxInputBytesPerBatch;
    std::optional<PayloadTemplate> batchInput;
};

struct ResultWriter
{
    std::string resource;
    std::optional<PayloadTemplate> parameters;
};

/// One state with every field ASL allows for its type; fields that do not apply stay empty.
/// Immutable once the Workflow is built.
struct State
{
    std::string name;
    StateType type = StateType::Pass;
    std::string comment;
    std::string queryLanguage;   ///< the state's own "QueryLanguage" as written (only "JSONPath" is accepted)
    std::string next;   ///< empty when end or for Choice/Succeed/Fail
    bool end = false;

    // Input and output processing (Pass, Task, Parallel, Map; Choice/Wait: InputPath/OutputPath only)
    PathField inputPath;
    PathField outputPath;
    PathField resultPath;
    std::optional<PayloadTemplate> parameters;   ///< Parameters (Map: ItemSelector or legacy Parameters)
    std::optional<PayloadTemplate> resultSelector;
    std::optional<Json> result;                  ///< Pass

    // Task
    std::string resource;
    NumberField timeoutSeconds;
    NumberField heartbeatSeconds;
    std::optional<PayloadTemplate> credentials;
    std::vector<Retrier> retry;    ///< Task, Parallel, Map
    std::vector<Catcher> catchers; ///< Task, Parallel, Map

    // Choice
    std::vector<ChoiceRule> choices;
    std::string defaultNext;

    // Wait
    std::optional<double> seconds;
    std::optional<std::string> timestamp;
    std::optional<JsonPath> secondsPath;
    std::optional<JsonPath> timestampPath;

    // Fail
    StringField error;
    StringField cause;

    // Parallel
    std::vector<std::shared_ptr<const StateMachine>> branches;

    // Map
    std::shared_ptr<const StateMachine> processor;   ///< ItemProcessor or legacy Iterator
    bool legacyIterator = false;                     ///< written as "Iterator" (serialize it back that way)
    bool distributed = false;                        ///< ProcessorConfig.Mode == DISTRIBUTED
    std::string executionType;                       ///< ProcessorConfig.ExecutionType (STANDARD/EXPRESS)
    std::optional<JsonPath> itemsPath;
    bool itemSelectorIsLegacyParameters = false;     ///< written as "Parameters" instead of "ItemSelector"
    NumberField maxConcurrency;
    NumberField toleratedFailureCount;
    NumberField toleratedFailurePercentage;
    std::optional<ItemReader> itemReader;
    std::optional<ItemBatcher> itemBatcher;
    std::optional<ResultWriter> resultWriter;
    std::string label;

    Json processorConfig;   ///< ProcessorConfig as written (object or null)

    bool isTerminal() const { return end || type == StateType::Succeed || type == StateType::Fail; }
};

/// A set of states with a StartAt: the top level, a Parallel branch or a Map's item processor.
struct StateMachine
{
    std::string startAt;
    std::string comment;
    std::vector<State> states;                          ///< in definition order
    std::unordered_map<std::string, int> indexByName;   ///< name -> index into states

    const State *find(std::string_view name) const
    {
        auto it = indexByName.find(std::string(name));
        return it == indexByName.end() ? nullptr : &states[size_t(it->second)];
    }
    const State *start() const { return find(startAt); }
};

/// A parsed, validated state machine definition. Immutable and shared between executions
/// (std::shared_ptr<const Workflow>); safe to read from any thread.
struct Workflow
{
    StateMachine root;
    std::string version;                  ///< "Version", e.g. "1.0"
    std::optional<double> timeoutSeconds; ///< top-level TimeoutSeconds
    std::string queryLanguage;            ///< "JSONPath" or empty (JSONata is refused with a clear error)
    /// The keys of every object as written, by JSON pointer ("/States/Load/Parameters"): nlohmann::json
    /// sorts keys, and serialize() puts payload templates and Results back in the author's order with this.
    /// Null for a workflow not parsed from text (then those keys come out sorted).
    std::shared_ptr<const std::unordered_map<std::string, std::vector<std::string>>> keyOrder;
};

} // namespace sluice
