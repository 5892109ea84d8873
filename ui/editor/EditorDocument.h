#pragma once

#include "Json.h"
#include "Result.h"
#include "definition/Workflow.h"

#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QStringList>

#include <vector>

class QMimeData;
class QUndoStack;

namespace sluice::ui {

/// The definition as it is edited: JSON in the author's key order (nlohmann's ordered variant), so that an
/// edit changes only what it touches.
using OrderedJson = nlohmann::ordered_json;

/// One edge of the graph, named by where it leaves from.
enum class EdgeKind { Next, Default, ChoiceRule, Catch };

/// What a document holds besides the definition: view data, saved in the sidecar NAME.layout.json.
struct EditorLayout
{
    QHash<QString, QPointF> positions;   ///< state pointer -> top-left, relative to its container's content
    QSet<QString> collapsed;             ///< pointers of collapsed Map/Parallel states

    bool operator==(const EditorLayout &) const = default;
};

/// A state as the editor addresses it: the JSON pointer of its object ("/States/Load",
/// "/States/Fan out/Branches/0/States/Fetch"). Its scope is the state machine holding it ("" for the top).
struct StateRef
{
    static QString scopeOf(const QString &statePointer);
    static QString nameOf(const QString &statePointer);
    static QString pointer(const QString &scope, const QString &name);
    static QString escape(const QString &token);
    static QString unescape(const QString &token);
};

/// The document of the designer: the ASL definition being edited, the positions of its nodes, and one
/// QUndoStack through which every edit goes. Every edit is checked first (a refused edit returns an Error
/// and changes nothing), then pushed as an undoable command that swaps whole snapshots, so undo restores
/// the previous definition byte for byte. The core validator runs after every change; problems() and
/// problemsOf() report what it found. Lives on the GUI thread.
class EditorDocument : public QObject
{
    Q_OBJECT
public:
    /// The MIME type of copied states: {"States": {name: state, ...}, "Positions": {name: [x, y]}}.
    static const QString kMimeType;

    explicit EditorDocument(QObject *parent = nullptr);
    ~EditorDocument() override;

    // --- whole document -------------------------------------------------------------------------------
    /// A new, empty workflow (one Pass state) or the given one. Clears the undo stack; not undoable.
    void clear();
    /// Loads ASL text. Text that is not a JSON object is refused and the document keeps what it had;
    /// an invalid definition loads as it is and reports its problems.
    Result<void> load(const QByteArray &bytes, const EditorLayout &layout = {});
    /// The definition as saved: the JSON as edited, in the author's key order (new and replaced states in
    /// ASL's documented order), two-space indented, with a trailing newline. Byte-stable: an unchanged
    /// document saves as it was read when it was written this way (as core serialize() writes).
    QByteArray serialized() const;
    /// Positions and collapsed containers as the sidecar file holds them.
    QByteArray layoutJson() const;
    static Result<EditorLayout> parseLayout(const QByteArray &bytes);

    const OrderedJson &definition() const { return m_def; }
    const EditorLayout &layout() const { return m_layout; }
    QUndoStack *undoStack() const { return m_undo; }
    /// Bumped by every change of the definition or layout (edits, undo, redo, load).
    quint64 revision() const { return m_revision; }

    // --- reading --------------------------------------------------------------------------------------
    /// Pointers of every state, parents before their children, each machine in definition order.
    QStringList statePointers() const;
    /// Pointers of the states of the machine at `scope`, in definition order.
    QStringList statesIn(const QString &scope) const;
    /// The state machines nested in a Parallel (one per branch) or a Map (its processor).
    QStringList childScopes(const QString &statePointer) const;
    bool hasState(const QString &statePointer) const;
    const OrderedJson *state(const QString &statePointer) const;
    QString startAt(const QString &scope) const;
    std::optional<StateType> typeOf(const QString &statePointer) const;
    /// Every name used anywhere in the definition (names are kept unique across all scopes).
    QSet<QString> allNames() const;
    /// The pointer of the state named `name` (names are unique across scopes in what the editor makes; in a
    /// file that repeats a name in two branches, the first in document order), or empty. The Inspector's
    /// signals name states; this finds them.
    QString pointerOf(const QString &name) const;
    /// `base`, or `base 2`, `base 3`, ... whichever is not used anywhere yet.
    QString uniqueName(const QString &base) const;

    struct Edge
    {
        QString from;        ///< state pointer
        QString to;          ///< state pointer (same scope)
        EdgeKind kind = EdgeKind::Next;
        int index = -1;      ///< the rule's or catcher's index
        QString label;       ///< rule text ("$.price > 100") or error names
    };
    /// The outgoing edges of a state whose target exists.
    std::vector<Edge> edgesFrom(const QString &statePointer) const;
    /// The same for a state already looked up (`state` in `machine`): views walking every state use this.
    static std::vector<Edge> edgesFrom(const QString &statePointer, const OrderedJson &state, const OrderedJson &machine);
    /// The state machine object at `scope` ("" for the top level), or null.
    const OrderedJson *machineAt(const QString &scope) const { return machine(scope); }

    /// Problems found by the validator after the last change, in document order.
    const std::vector<Error> &problems() const { return m_problems; }
    /// The problems located in this state (not in its nested states).
    std::vector<Error> problemsOf(const QString &statePointer) const;
    /// The state that a problem's pointer falls in, or empty.
    QString stateOfPointer(const QString &pointer) const;
    bool isValid() const { return m_problems.empty(); }
    /// A state that names a sluice: resource (its Task Resource, a Map's ItemReader or ResultWriter).
    struct ResourceUse
    {
        QString statePointer;
        QString state;      ///< its name
        QString resource;   ///< "sluice:http", ...
    };
    /// Every use of a sluice: resource, states in document order (parents before children): what AWS Step
    /// Functions refuses, so what an export for AWS has to warn about.
    std::vector<ResourceUse> sluiceResourceUses() const;

    // --- edits (each one undoable command) ------------------------------------------------------------
    /// Adds a state of `type` (a Task with `resource`) to `scope` at `pos`; returns its pointer.
    Result<QString> addState(const QString &scope, StateType type, const QString &resource = {},
                             QPointF pos = {}, const QString &name = {});
    /// Deletes states; transitions into them move on to their Next where they have one, else are removed.
    Result<void> deleteStates(const QStringList &statePointers);
    /// Renames a state and every transition into it (its own machine only: scopes do not see each other).
    Result<QString> renameState(const QString &statePointer, const QString &newName);
    /// Makes `from` lead to `to`. ChoiceRule/Catch with index -1 append a new rule/catcher.
    Result<void> connectStates(const QString &from, const QString &to, EdgeKind kind, int index = -1);
    /// Connects with the kind a drag means: Next; from a Choice a new rule, or its Default when it has rules
    /// and no Default yet.
    Result<void> connectAuto(const QString &from, const QString &to);
    Result<void> disconnect(const QString &from, EdgeKind kind, int index = -1);
    Result<void> setStartAt(const QString &statePointer);
    Result<void> setEnd(const QString &statePointer, bool end);
    /// Replaces a state's JSON (the Inspector's edit). The name and Type may not be empty.
    Result<void> replaceState(const QString &statePointer, const Json &stateJson);
    /// Moves nodes; consecutive moves of the same nodes merge into one undo step.
    void moveStates(const QHash<QString, QPointF> &positions);
    void setCollapsed(const QString &statePointer, bool collapsed);
    /// Gives states that have none a position, without an undo step: the automatic layout's placement of
    /// states the definition brought without a layout. Emits nothing.
    void placeStates(const QHash<QString, QPointF> &positions);
    /// Inserts a new state on the edge (from, kind, index): from -> new -> old target.
    Result<QString> insertOnEdge(const QString &from, EdgeKind kind, int index, StateType type,
                                 const QString &resource = {}, QPointF pos = {});
    /// Moves the states (one scope) into a new Parallel (one branch) or Map (its processor) in their place.
    Result<QString> group(const QStringList &statePointers, StateType containerType);

    /// The states as clipboard data (their JSON and positions).
    QMimeData *copy(const QStringList &selection) const;
    /// Pastes states into `scope`: clashing names get unique ones and references between the pasted states
    /// follow them; references to states that are not there are dropped. Returns the new pointers.
    Result<QStringList> paste(const QMimeData *data, const QString &scope, QPointF offset = {});
    Result<QStringList> duplicate(const QStringList &statePointers);

    /// One summary line for a node: the Task's resource, the Wait's seconds, the Choice's rule count, ...
    static QString summaryOf(const OrderedJson &state);
    /// A Choice rule in words: "$.price > 100", "$.a == \"x\" and $.b is present".
    static QString ruleText(const OrderedJson &rule);
    /// A starting state for the palette's entries.
    static OrderedJson stateTemplate(StateType type, const QString &resource);
    static QString defaultName(StateType type, const QString &resource);

Q_SIGNALS:
    /// The definition or layout changed (edit, undo, redo, load): views re-read what they show.
    void changed();
    /// Only positions or collapsed states changed.
    void layoutChanged();
    void problemsChanged();

private:
    friend class SnapshotCommand;
    friend class MoveCommand;
    struct Snapshot
    {
        std::string definition;   ///< compact dump: a 500-state definition keeps ~150 kB per step
        EditorLayout layout;
    };
    Snapshot snapshot() const;
    void restore(const Snapshot &snapshot);
    void applyLayout(const EditorLayout &layout);
    /// Pushes the change from `before` to the current state (already applied) as one command.
    void commit(const QString &text, Snapshot before);
    void revalidate();
    void touch();

    OrderedJson *mutableState(const QString &statePointer);
    OrderedJson *machine(const QString &scope);
    const OrderedJson *machine(const QString &scope) const;
    /// Points every transition in `scope` (and its StartAt) at `oldName` to `newName`; an empty newName
    /// drops them (Next becomes End, Default/catcher removed, StartAt falls to the first state left).
    void retarget(const QString &scope, const QString &oldName, const QString &newName);
    /// Renames layout keys under `oldPrefix` (the state itself and everything nested in it).
    void moveLayoutPrefix(const QString &oldPrefix, const QString &newPrefix);
    void dropLayoutPrefix(const QString &prefix);
    /// Renames states of a machine (and nested machines) whose names are taken, fixing the references.
    void uniquify(OrderedJson &machineJson, QSet<QString> &taken, QHash<QString, QString> *renamed);

    /// What the views ask for again and again (every state's pointer, type, machine), read from the JSON
    /// once per revision. Strings only: nothing points into m_def.
    struct Structure
    {
        quint64 revision = ~quint64(0);
        QStringList pointers;
        QSet<QString> pointerSet;
        QHash<QString, QStringList> statesByScope;
        QHash<QString, QStringList> childScopes;
        QHash<QString, int> types;   ///< -1: no valid Type
        QSet<QString> names;
    };
    const Structure &structure() const;

    OrderedJson m_def;
    mutable Structure m_structure;
    mutable std::string m_dump;          ///< compact text of m_def at m_dumpRevision
    mutable quint64 m_dumpRevision = ~quint64(0);
    EditorLayout m_layout;
    QUndoStack *m_undo;
    std::vector<Error> m_problems;
    quint64 m_revision = 0;
    quint64 m_definitionRevision = 0;   ///< bumped by changes of the definition only
    bool m_restoring = false;
};

} // namespace sluice::ui
