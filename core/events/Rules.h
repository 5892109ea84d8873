#pragma once

#include "Json.h"
#include "Result.h"
#include "events/EventPattern.h"
#include "events/Schedule.h"
#include "paths/JsonPath.h"

#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

/// What a target receives, as EventBridge's target input options: the whole event (default), a constant
/// `Input`, an `InputPath`, or an `InputTransformer` (`InputPathsMap` + `InputTemplate` with <name>
/// placeholders, plus the reserved <aws.events.rule-name>, <aws.events.event>, <aws.events.event.json> and
/// <aws.events.event.ingestion-time>).
struct InputTransform
{
    enum class Kind { WholeEvent, Constant, Path, Template };
    Kind kind = Kind::WholeEvent;
    Json constant;
    JsonPath path;
    std::vector<std::pair<std::string, JsonPath>> paths;
    std::string inputTemplate;

    /// The target's input for `event`. A placeholder inside a JSON string takes the value's text; outside
    /// one, its JSON. A template that is not JSON once filled in becomes a JSON string. Failure names
    /// Sluice.InputTransformFailed.
    Result<Json, Failure> apply(const Json &event, const std::string &ruleName) const;
};

/// How often a failing target is tried again: after IntervalSeconds, then times BackoffRate each time, at
/// most MaxIntervalSeconds apart; after MaximumRetryAttempts retries the delivery goes to the event DLQ.
struct TargetRetryPolicy
{
    int maximumRetryAttempts = 3;
    double intervalSeconds = 1;
    double backoffRate = 2;
    double maxIntervalSeconds = 300;

    /// The delay before retry number `retry` (1 = the first retry).
    qint64 delayMs(int retry) const;
};

/// Where a rule sends a matching event.
struct RuleTarget
{
    enum class Kind { Workflow, PutEvent };
    std::string id;
    Kind kind = Kind::Workflow;
    QString workflowPath;        ///< Workflow: the .asl.json file (absolute; relative ones resolve against the rules file)
    std::string stateMachineName;   ///< Workflow: $$.StateMachine.Name (default: the file name without .asl.json)
    std::string source;          ///< PutEvent
    std::string detailType;      ///< PutEvent
    InputTransform input;
    TargetRetryPolicy retry;
};

/// A rule: an event pattern or a schedule, and its targets.
struct Rule
{
    enum class CatchUp { None, Once };
    std::string name;
    bool enabled = true;
    std::optional<EventPattern> pattern;
    std::optional<Schedule> schedule;
    CatchUp catchUp = CatchUp::None;   ///< schedules: what to do with fire times missed while Sluice was down
    std::vector<RuleTarget> targets;
};

/// The webhook trigger: HTTP POST on Host:Port; the body (a JSON object) becomes an event's detail.
struct WebhookConfig
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;                    ///< 0: any free port (reported at start)
    QString tokenEnv = QStringLiteral("SLUICE_WEBHOOK_TOKEN");   ///< the variable that holds the token
    std::string source = "sluice.webhook";
    std::string detailType = "Webhook";
    qint64 maxBodyBytes = 1 << 20;
};

/// The file-arrival trigger: one event per complete file in Folder.
struct FileWatchConfig
{
    QString name;                        ///< remembers the files it reported under this name (default: Folder)
    QString folder;                      ///< absolute; a relative one resolves against the rules file; ${env:NAME} is replaced at load
    QString pattern = QStringLiteral("*");   ///< file name glob
    int stableMs = 1000;                 ///< complete once size and time stay unchanged this long
    bool doneMarker = false;             ///< complete once NAME.done exists (instead of the size test)
    int pollMs = 1000;                   ///< the polling fallback under QFileSystemWatcher
    std::string source = "sluice.file";
    std::string detailType = "Object Created";
};

/// A rules file:
///
///     {"Rules": [{"Name": "…", "EventPattern": {…} | "ScheduleExpression": "rate(5 minutes)",
///                 "CatchUp": "none"|"once", "State": "ENABLED"|"DISABLED",
///                 "Targets": [{"Id": "…", "Workflow": "x.asl.json" | "PutEvent": {"Source", "DetailType"},
///                              "Input" | "InputPath" | "InputTransformer": {"InputPathsMap", "InputTemplate"},
///                              "RetryPolicy": {"MaximumRetryAttempts", "IntervalSeconds", "BackoffRate",
///                                              "MaxIntervalSeconds"}}]}],
///      "Triggers": {"Webhook": {…}, "Files": [{…}]}}
/// Value type; immutable once loaded.
struct Rules
{
    std::vector<Rule> rules;
    std::optional<WebhookConfig> webhook;
    std::vector<FileWatchConfig> files;

    /// Errors carry the JSON pointer and line:column of the mistake.
    static Result<Rules> load(const QString &path);
    static Result<Rules> parse(const QByteArray &bytes, const QString &baseDir);

    const Rule *rule(const std::string &name) const;
    const RuleTarget *target(const std::string &rule, const std::string &id) const;
};

} // namespace sluice
