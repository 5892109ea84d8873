#pragma once

#include "Json.h"
#include "Result.h"

#include <QString>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// A mock configuration in the format of AWS Step Functions Local (MockConfigFile.json), so a
/// definition that calls AWS resources can be run and tested here without them:
///
///   {"StateMachines":   {"<machine>": {"TestCases": {"<case>": {"<state>": "<mocked response>"}}}},
///    "MockedResponses": {"<mocked response>": {"0":   {"Return": <any JSON>},
///                                             "1-2": {"Throw": {"Error": "...", "Cause": "..."}}}}}
///
/// Response keys are 0-based invocation numbers ("3") or inclusive ranges ("1-2"); ranges may not
/// overlap. Each response holds exactly one of Return or Throw; Throw needs string Error and Cause.
/// As in Step Functions Local, an invocation no key covers (past the last range, or in a gap) is an
/// error: respond() gives Failure{"States.Runtime", ...}, which fails the execution (States.ALL
/// does not catch States.Runtime). Nothing repeats.
///
/// An immutable value once loaded; const member functions are safe from any thread.
class MockConfig
{
public:
    /// Validates and takes over a parsed mock configuration. Errors carry the JSON pointer of the
    /// offending field in `where.pointer`.
    static Result<MockConfig> fromJson(const Json &document);
    /// Reads and validates a mock configuration file. Syntax errors carry line and column.
    static Result<MockConfig> load(const QString &path);

    bool hasStateMachine(std::string_view machine) const;
    bool hasTestCase(std::string_view machine, std::string_view testCase) const;
    /// True when `state` has a mocked response in that test case.
    bool mocksState(std::string_view machine, std::string_view testCase, std::string_view state) const;
    /// Test case names of `machine`, sorted.
    std::vector<std::string> testCases(std::string_view machine) const;

    /// The mocked answer to invocation `invocation` (0-based) of `state`: the Return value, or the
    /// Throw as a Failure. nullopt when the state is not mocked in that test case (or the machine or
    /// test case is unknown).
    std::optional<Result<Json, Failure>> respond(std::string_view machine, std::string_view testCase,
                                                 std::string_view state, int invocation) const;

private:
    struct Response
    {
        int first = 0;
        int last = 0; // inclusive
        bool isThrow = false;
        Json value;      // the Return value
        Failure failure; // the Throw
    };
    using TestCase = std::map<std::string, std::string, std::less<>>;  // state -> response name
    using StateMachine = std::map<std::string, TestCase, std::less<>>; // case -> test case
    std::map<std::string, StateMachine, std::less<>> m_machines;
    std::map<std::string, std::vector<Response>, std::less<>> m_responses; // sorted by `first`
};

} // namespace sluice
