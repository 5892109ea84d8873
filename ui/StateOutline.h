#pragma once

#include "definition/Workflow.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace sluice::ui {

/// One row of the "States" tree: a state, or a Parallel branch that groups states. A value type built
/// off the GUI thread (see DefinitionLoader) and shown by StateTreeModel.
struct OutlineNode
{
    enum class Kind { State, Branch };

    Kind kind = Kind::State;
    QString name;                      ///< state name; empty for a branch (the model numbers branches)
    int branchIndex = -1;              ///< Branch only: 0-based index in Branches
    std::optional<StateType> type;     ///< empty when Type is missing or not an ASL type
    QString typeName;                  ///< Type as written

    // What the one-line summary needs; the model puts it into words.
    QString resource;                  ///< Task
    std::optional<double> seconds;     ///< Wait
    QString secondsPath;               ///< Wait
    QString timestamp;                 ///< Wait (Timestamp or TimestampPath)
    int ruleCount = 0;                 ///< Choice
    bool distributed = false;          ///< Map
    int branchCount = 0;               ///< Parallel
    QString error;                     ///< Fail

    QString pointer;                   ///< JSON pointer of the state's object, "/States/Load"
    int line = 0;                      ///< 1-based line of the state's object; 0 = unknown
    int column = 0;
    int lastLine = 0;                  ///< line of the object's closing brace; 0 = unknown

    std::vector<OutlineNode> children; ///< Parallel: branches; Branch and Map: the nested states
};

/// Builds the outline of a definition, from a parsed Workflow or leniently from JSON that did not validate
/// (so a definition with a broken Next still shows its states). Pure functions; callable from any thread.
namespace outline {

/// Every state of `workflow`, nested for Parallel branches and Map processors, located in `bytes`.
std::vector<OutlineNode> fromWorkflow(const Workflow &workflow, const QByteArray &bytes);

/// The same, read leniently from `bytes` that may break ASL rules; empty when `bytes` is not JSON.
std::vector<OutlineNode> fromJson(const QByteArray &bytes);

/// Number of states (branches not counted), nested ones included.
int stateCount(const std::vector<OutlineNode> &nodes);

/// "/States/a~1b" for "a/b": RFC 6901 escaping of one pointer segment.
QString pointerSegment(const QString &name);

} // namespace outline
} // namespace sluice::ui
