#pragma once

#include "tasks/TaskResource.h"

#include <memory>
#include <string_view>

namespace sluice {

/// `sluice:shell`: runs a program (the local equivalent of a Lambda function, in any language). The
/// Parameters:
///
///   {"Command": "/usr/bin/python3",            // the program; a relative path with a '/' resolves
///                                              // against the workflow's folder, a bare name via PATH
///    "Args": ["transform.py", "--strict"],     // no shell: each element is one argument
///    "Input": {...},                           // written to stdin as JSON; default: the whole Parameters
///    "WorkingDirectory": "work",               // default: the workflow's folder
///    "Environment": {"LANG": "C", "X": null},  // merged over the inherited one; null removes a variable
///    "TimeoutSeconds": 30}                     // kills the whole process tree; the Task's own
///                                              // TimeoutSeconds does the same
///
/// The program's stdout, parsed as JSON, is the result (empty stdout gives null). Errors:
///  - Shell.InvalidOutput: stdout is not JSON (the cause quotes its start);
///  - the program's own error: it exits non-zero with {"Error": "...", "Cause": "..."} on stderr
///    (the whole of stderr or its last line);
///  - Shell.ExitCode.N: it exits with code N otherwise (the cause quotes the end of stderr);
///  - Shell.Crashed: a signal ended it; Shell.StartFailed: it could not be started;
///  - Shell.OutputTooLarge: stdout passed kMaxOutputBytes (the program is killed);
///  - States.Timeout: TimeoutSeconds passed (process group killed); States.Runtime: bad Parameters,
///    or the execution was cancelled (process group killed).
/// The child also gets SLUICE_IDEMPOTENCY_KEY in its environment.
///
/// Every child starts in its own session (setsid), so that a timeout or a cancel kills it with all
/// it started (kill(-pgid, SIGKILL)). At most maxProcesses children run at once; further calls wait
/// in a queue (FIFO), so a 10,000-item Map does not fork 10,000 processes.
///
/// Threads: invoke() may be called from any thread and returns at once; the processes live on the
/// resource's own thread (an event loop), where `done` is called. Destroying the resource kills the
/// running process groups and answers every pending call with States.Runtime "cancelled".
class ShellResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:shell";
    static constexpr int kDefaultMaxProcesses = 8;
    static constexpr qint64 kMaxOutputBytes = 64 * 1024 * 1024;
    static constexpr int kCancelPollMs = 100;

    explicit ShellResource(int maxProcesses = kDefaultMaxProcesses);
    ~ShellResource() override;
    ShellResource(const ShellResource &) = delete;
    ShellResource &operator=(const ShellResource &) = delete;

    void invoke(const TaskCall &call, TaskCallback done) override;

    int maxProcesses() const;
    /// The most children that ever ran at once.
    int peakRunning() const;

private:
    class Host;
    class Runner;
    std::unique_ptr<Runner> m_runner;
};

} // namespace sluice
