#pragma once

#include "Json.h"
#include "engine/Progress.h"

#include <QString>

#include <functional>
#include <memory>
#include <string>

namespace sluice {

class JournalSink;
class MockConfig;
class TaskRegistry;
struct ExecutionResult;

/// How one execution runs. Plain value; copied into the execution at start.
struct ExecutionOptions
{
    std::string name;                        ///< execution name ($$.Execution.Name); default: the id
    std::string stateMachineName = "StateMachine";   ///< $$.StateMachine.Name, and the mock config key
    Json context = Json::object();           ///< merged (RFC 7386) into the context object $$
    bool noDelays = false;                   ///< Wait states and Retry intervals take no time
    std::shared_ptr<const MockConfig> mocks; ///< AWS mock config; with testCase, mocked states use it
    std::string testCase;
    std::shared_ptr<TaskRegistry> tasks;     ///< default: TaskRegistry::withBuiltins()
    QString baseDir;                         ///< relative ItemReader paths resolve against it
    qint64 maxPayloadBytes = 0;              ///< States.DataLimitExceeded above this (0 = no limit)
    /// Called once on a worker thread when the execution ends.
    std::function<void(const ExecutionResult &)> onFinished;
    /// Called on a worker thread with each coalesced snapshot (about ten per second while running).
    std::function<void(const ProgressSnapshot &)> onProgress;
    int snapshotIntervalMs = 100;
    /// Where every transition is recorded (core/store's Journal); none keeps the run in memory only.
    std::shared_ptr<JournalSink> journal;
    std::string workflowVersion;             ///< the definition's version in the journal
    QString executionId;                     ///< reuse this id (resume); default: a new UUID
};

} // namespace sluice
