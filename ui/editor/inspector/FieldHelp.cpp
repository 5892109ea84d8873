#include "editor/inspector/FieldHelp.h"

namespace sluice::ui {

namespace {

struct Entry
{
    const char *key;
    const char *label;
    const char *caption;
    const char *help;
};

} // namespace

FieldHelp FieldHelp::of(const QString &key)
{
    // QT_TR_NOOP inside this member function: lupdate files the texts under FieldHelp, tr() looks them up.
    static const Entry kEntries[] = {
        {"Name", QT_TR_NOOP("Name"), QT_TR_NOOP("Unique in its state machine, at most 80 characters."),
         QT_TR_NOOP("The state's name. Every Next, Default and Catch that leads here uses it; renaming "
                    "updates them.")},
        {"Type", QT_TR_NOOP("Type"), QT_TR_NOOP("The kind of state; fixed once the state exists."),
         QT_TR_NOOP("Type: Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map.")},
        {"Comment", QT_TR_NOOP("Comment"), QT_TR_NOOP("A note for people; ignored when the workflow runs."),
         QT_TR_NOOP("Comment: a human-readable description of the state.")},
        {"Next", QT_TR_NOOP("Next"), QT_TR_NOOP("The state to run after this one, or End."),
         QT_TR_NOOP(
             "Next names the state that runs when this one finishes. End (\"End\": true) makes this state "
             "terminal: the state machine (or branch, or Map iteration) stops here with this state's "
             "output.")},
        {"Resource", QT_TR_NOOP("Resource"),
         QT_TR_NOOP("The task to run: a sluice: resource or an AWS ARN (mocked locally)."),
         QT_TR_NOOP("Resource: a URI that identifies the work. sluice:http, sluice:sql, sluice:file.read and "
                    "the other "
                    "sluice: resources run here; an AWS ARN runs locally only through a mock and unchanged "
                    "on AWS.")},
        {"TimeoutSeconds", QT_TR_NOOP("Timeout"),
         QT_TR_NOOP("Fails with States.Timeout after this many seconds."),
         QT_TR_NOOP(
             "TimeoutSeconds (or TimeoutSecondsPath, a reference path to a number in the input): the longest "
             "the "
             "task may run before it fails with States.Timeout. A positive whole number; default 99999999.")},
        {"HeartbeatSeconds", QT_TR_NOOP("Heartbeat"),
         QT_TR_NOOP("Fails with States.HeartbeatTimeout without a heartbeat in time."),
         QT_TR_NOOP("HeartbeatSeconds (or HeartbeatSecondsPath): the longest time between two heartbeats of "
                    "the task "
                    "before it fails with States.HeartbeatTimeout. Must be smaller than TimeoutSeconds.")},
        {"Credentials", QT_TR_NOOP("Credentials"),
         QT_TR_NOOP("A role to assume for the task (payload template)."),
         QT_TR_NOOP("Credentials: a payload template with RoleArn (or RoleArn.$) naming the role the task "
                    "runs with.")},
        {"InputPath", QT_TR_NOOP("Input path"),
         QT_TR_NOOP("Selects the part of the input the state works on. Default $."),
         QT_TR_NOOP(
             "InputPath: a path that picks the effective input from the state's input. \"$\" (the default) "
             "passes everything; null passes an empty object {}.")},
        {"Parameters", QT_TR_NOOP("Parameters"),
         QT_TR_NOOP("Builds the task's input. Keys ending in .$ take a path or intrinsic."),
         QT_TR_NOOP("Parameters: a payload template. Its JSON becomes the effective input; a key ending in "
                    "\".$\" takes "
                    "its value from a path ($.field, $$.Execution.Id) or an intrinsic function "
                    "(States.Format(...)).")},
        {"ResultSelector", QT_TR_NOOP("Result selector"),
         QT_TR_NOOP("Reshapes the result before ResultPath (payload template)."),
         QT_TR_NOOP(
             "ResultSelector: a payload template evaluated against the task's result; its output is what "
             "ResultPath places into the input.")},
        {"ResultPath", QT_TR_NOOP("Result path"),
         QT_TR_NOOP("Where the result goes in the input. Default $ (replace it)."),
         QT_TR_NOOP(
             "ResultPath: a reference path where the result is written into the state's input to make its "
             "output. \"$\" (the default) replaces the input with the result; null discards the result and "
             "passes "
             "the input on.")},
        {"OutputPath", QT_TR_NOOP("Output path"),
         QT_TR_NOOP("Selects the part of the output passed on. Default $."),
         QT_TR_NOOP(
             "OutputPath: a path that picks what is passed to the next state. \"$\" (the default) passes "
             "everything; null passes an empty object {}.")},
        {"Result", QT_TR_NOOP("Result"), QT_TR_NOOP("A fixed value that becomes the state's result (JSON)."),
         QT_TR_NOOP(
             "Result: any JSON value. A Pass state outputs it (through ResultPath) instead of its input.")},
        {"Wait", QT_TR_NOOP("Wait for"),
         QT_TR_NOOP("How long to wait: seconds, a timestamp, or a path to either."),
         QT_TR_NOOP(
             "Exactly one of Seconds (a whole number), Timestamp (RFC 3339, e.g. 2016-03-14T01:59:00Z), "
             "SecondsPath or TimestampPath (reference paths into the input).")},
        {"Error", QT_TR_NOOP("Error"), QT_TR_NOOP("The error name the state fails with (string or path)."),
         QT_TR_NOOP(
             "Error or ErrorPath: the error name reported by the failure; Retry and Catch of an enclosing "
             "Parallel "
             "or Map match on it. ErrorPath may be a reference path or an intrinsic that returns a string.")},
        {"Cause", QT_TR_NOOP("Cause"), QT_TR_NOOP("A human-readable description of the failure."),
         QT_TR_NOOP("Cause or CausePath: the failure's description. CausePath may be a reference path or an "
                    "intrinsic "
                    "that returns a string.")},
        {"Choices", QT_TR_NOOP("Rules"),
         QT_TR_NOOP("Checked in order; the first rule that matches picks the next state."),
         QT_TR_NOOP("Choices: an array of Choice rules. Each top-level rule is a comparison of a Variable "
                    "(or And, Or, "
                    "Not of rules) and a Next state. The first matching rule wins.")},
        {"Default", QT_TR_NOOP("Default"), QT_TR_NOOP("The state to run when no rule matches."),
         QT_TR_NOOP("Default: the next state when no rule matches. Without it the Choice fails with "
                    "States.NoChoiceMatched.")},
        {"Branches", QT_TR_NOOP("Branches"), QT_TR_NOOP("Edit the branches on the canvas."),
         QT_TR_NOOP("Branches: the state machines a Parallel state runs at the same time; its output is the "
                    "array of "
                    "their outputs.")},
        {"ItemsPath", QT_TR_NOOP("Items path"),
         QT_TR_NOOP("The array in the input to iterate over. Default $."),
         QT_TR_NOOP("ItemsPath: a reference path to the array whose elements become the Map's items.")},
        {"ItemSelector", QT_TR_NOOP("Item selector"),
         QT_TR_NOOP("Builds each item's input (payload template, $$.Map.Item.Value ...)."),
         QT_TR_NOOP("ItemSelector (or the older Parameters): a payload template evaluated for every item; "
                    "$$.Map.Item.Value is the item and $$.Map.Item.Index its position.")},
        {"MaxConcurrency", QT_TR_NOOP("Max concurrency"),
         QT_TR_NOOP("How many items run at once; 0 means no limit."),
         QT_TR_NOOP("MaxConcurrency (or MaxConcurrencyPath): the upper bound on iterations running at the "
                    "same time. "
                    "0 (the default) sets no limit.")},
        {"ProcessorConfig", QT_TR_NOOP("Processor mode"),
         QT_TR_NOOP("INLINE runs items inside this execution; DISTRIBUTED as child runs."),
         QT_TR_NOOP(
             "ItemProcessor.ProcessorConfig: Mode INLINE (the default; the first failed item fails the Map) "
             "or "
             "DISTRIBUTED (each item runs to its end, failures are tolerated up to a threshold; needs an "
             "ExecutionType, STANDARD or EXPRESS).")},
        {"ItemReader", QT_TR_NOOP("Item reader"),
         QT_TR_NOOP("Reads the items from a file (CSV, JSON Lines) instead of the input."),
         QT_TR_NOOP(
             "ItemReader: Resource (sluice:file.read, or an S3 getObject ARN), ReaderConfig (InputType, "
             "CSVHeaderLocation, MaxItems ...) and Parameters (the file). Distributed mode only.")},
        {"ItemBatcher", QT_TR_NOOP("Item batcher"),
         QT_TR_NOOP("Groups items into batches (MaxItemsPerBatch ...)."),
         QT_TR_NOOP("ItemBatcher: MaxItemsPerBatch and/or MaxInputBytesPerBatch (or their Path forms) and "
                    "BatchInput. "
                    "Distributed mode only.")},
        {"ResultWriter", QT_TR_NOOP("Result writer"),
         QT_TR_NOOP("Writes the Map's results to a file instead of the output."),
         QT_TR_NOOP("ResultWriter: Resource (sluice:file.write, or an S3 putObject ARN) and Parameters. "
                    "Distributed mode "
                    "only.")},
        {"ToleratedFailureCount", QT_TR_NOOP("Tolerated failures"),
         QT_TR_NOOP("How many items may fail before the Map fails."),
         QT_TR_NOOP("ToleratedFailureCount (or its Path form): the Map fails with "
                    "States.ExceedToleratedFailureThreshold "
                    "when more items fail. Distributed mode only.")},
        {"ToleratedFailurePercentage", QT_TR_NOOP("Tolerated failure %"),
         QT_TR_NOOP("The share of items (0-100) that may fail."),
         QT_TR_NOOP("ToleratedFailurePercentage (or its Path form): a number from 0 to 100. Distributed mode "
                    "only.")},
        {"Label", QT_TR_NOOP("Label"),
         QT_TR_NOOP("Names the child executions of a distributed Map (up to 40 characters)."),
         QT_TR_NOOP("Label: a name for the Map run, shown in the child executions. Distributed mode only.")},
        {"Retry", QT_TR_NOOP("Retry"),
         QT_TR_NOOP("Retries that match an error: interval, attempts, backoff, jitter."),
         QT_TR_NOOP("Retry: retriers tried in order. ErrorEquals lists the error names (States.ALL matches "
                    "all, and must "
                    "be last); IntervalSeconds (default 1) before the first retry, MaxAttempts (default 3, 0 "
                    "= never), "
                    "BackoffRate (default 2.0) multiplies the interval, MaxDelaySeconds caps it, "
                    "JitterStrategy FULL "
                    "randomises it.")},
        {"Catch", QT_TR_NOOP("Catch"), QT_TR_NOOP("Where an error goes once retries are exhausted."),
         QT_TR_NOOP(
             "Catch: catchers tried in order. ErrorEquals lists the error names; Next is the state to go to; "
             "ResultPath places the error output ({\"Error\", \"Cause\"}) into the input (default $, "
             "replace).")},
    };
    for (const Entry &e : kEntries) {
        if (key == QLatin1String(e.key))
            return {tr(e.label), tr(e.caption), tr(e.help)};
    }
    return {};
}

} // namespace sluice::ui
