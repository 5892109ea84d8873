#include "editor/EditorDocument.h"

#include "definition/Parser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <functional>
#include <cmath>

namespace sluice::ui {

const QString EditorDocument::kMimeType = QStringLiteral("application/x-sluice-states+json");

namespace {

constexpr int kUndoLimit = 200;
constexpr int kMoveCommandId = 0x51c3;

std::string s(const QString &text) { return text.toStdString(); }
QString q(const std::string &text) { return QString::fromStdString(text); }

Error refused(const QString &message) { return Error{ErrorCode::InvalidArgument, message, {}}; }

bool isMachine(const OrderedJson &j) { return j.is_object() && j.contains("States") && j["States"].is_object(); }

/// Every transition field in one state that names another state of its machine, as (object, key) pairs.
template <typename Fn>
void forEachTarget(OrderedJson &state, Fn fn)
{
    if (!state.is_object())
        return;
    if (state.contains("Next") && state["Next"].is_string())
        fn(state, "Next");
    if (state.contains("Default") && state["Default"].is_string())
        fn(state, "Default");
    if (state.contains("Choices") && state["Choices"].is_array()) {
        for (auto &rule : state["Choices"]) {
            if (rule.is_object() && rule.contains("Next") && rule["Next"].is_string())
                fn(rule, "Next");
        }
    }
    if (state.contains("Catch") && state["Catch"].is_array()) {
        for (auto &catcher : state["Catch"]) {
            if (catcher.is_object() && catcher.contains("Next") && catcher["Next"].is_string())
                fn(catcher, "Next");
        }
    }
}

const char *processorKey(const OrderedJson &state)
{
    if (state.contains("ItemProcessor"))
        return "ItemProcessor";
    if (state.contains("Iterator"))
        return "Iterator";
    return nullptr;
}

/// Where a state's field goes in ASL's documented order (as core serialize() writes it); unknown fields
/// go before the transition.
int fieldRank(const std::string &key, const std::string &type)
{
    static const std::vector<std::string> order = {
        "Type", "Comment", "QueryLanguage", "Resource", "Choices", "Default", "Seconds", "Timestamp",
        "SecondsPath", "TimestampPath", "Error", "ErrorPath", "Cause", "CausePath", "Branches", "ItemProcessor",
        "Iterator", "ItemReader", "ItemsPath", "ItemSelector", "ItemBatcher", "MaxConcurrency",
        "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
        "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "ResultWriter", "InputPath", "Parameters",
        "Credentials", "Result", "ResultSelector", "ResultPath", "OutputPath", "TimeoutSeconds",
        "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "~", "Next", "End"};
    const std::string &k = key == "Parameters" && type == "Map" ? std::string("ItemSelector") : key;
    auto it = std::find(order.begin(), order.end(), k);
    if (it == order.end())
        it = std::find(order.begin(), order.end(), std::string("~"));
    return int(it - order.begin());
}

/// Puts a state's fields in ASL's documented order (Retry before Catch before Next, ...), so that a field
/// an edit adds goes where a reader expects it.
void orderFields(OrderedJson &state)
{
    if (!state.is_object())
        return;
    const std::string type = state.value("Type", std::string());
    std::vector<std::pair<std::string, OrderedJson>> fields;
    for (auto &item : state.items())
        fields.emplace_back(item.key(), std::move(item.value()));
    std::stable_sort(fields.begin(), fields.end(), [&type](const auto &a, const auto &b) {
        return fieldRank(a.first, type) < fieldRank(b.first, type);
    });
    state = OrderedJson::object();
    for (auto &[key, value] : fields)
        state[key] = std::move(value);
}

/// Sorts an object's keys by `rank` (stable: equal ranks keep their order).
template <typename Rank> void orderKeys(OrderedJson &object, Rank rank)
{
    std::vector<std::pair<std::string, OrderedJson>> fields;
    for (auto &item : object.items())
        fields.emplace_back(item.key(), std::move(item.value()));
    std::stable_sort(fields.begin(), fields.end(), [&rank](const auto &a, const auto &b) { return rank(a.first) < rank(b.first); });
    object = OrderedJson::object();
    for (auto &[key, value] : fields)
        object[key] = std::move(value);
}

/// `fresh` (nlohmann::json: keys sorted) in the order `old` had, recursively: keys `old` had keep their
/// place, new ones follow. States (in a "States" object), retriers, catchers and Choice rules are put in
/// ASL's documented field order (as core serialize() writes them), and new states follow the existing
/// ones. So an Inspector edit of a Map or a Parallel leaves its nested states as they were written.
enum class JsonPlace { Value, State, StatesMap, Handler, Rule, Reader, ReaderConfig, ProcessorConfig, Batcher };

/// The documented order of the fields of the objects inside a state, as core serialize() writes them.
const std::vector<std::string> *documentedOrder(JsonPlace place)
{
    static const std::vector<std::string> handler{"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                                                  "MaxDelaySeconds", "JitterStrategy", "ResultPath", "Next", "Comment"};
    static const std::vector<std::string> reader{"Resource", "ReaderConfig", "Parameters"};
    static const std::vector<std::string> readerConfig{"InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter",
                                                       "MaxItems", "MaxItemsPath"};
    static const std::vector<std::string> processorConfig{"Mode", "ExecutionType"};
    static const std::vector<std::string> batcher{"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                                                  "MaxInputBytesPerBatchPath", "BatchInput"};
    switch (place) {
    case JsonPlace::Handler: return &handler;
    case JsonPlace::Reader: return &reader;
    case JsonPlace::ReaderConfig: return &readerConfig;
    case JsonPlace::ProcessorConfig: return &processorConfig;
    case JsonPlace::Batcher: return &batcher;
    default: return nullptr;
    }
}
OrderedJson likeBefore(const Json &fresh, const OrderedJson *old, JsonPlace place)
{
    if (fresh.is_array()) {
        OrderedJson out = OrderedJson::array();
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            const OrderedJson *was = old && old->is_array() && i < old->size() ? &(*old)[i] : nullptr;
            out.push_back(likeBefore(fresh[i], was, place));
        }
        return out;
    }
    if (!fresh.is_object())
        return OrderedJson(fresh);
    const auto childPlace = [place](const std::string &key) {
        if (place == JsonPlace::StatesMap)
            return JsonPlace::State;
        if (key == "States")
            return JsonPlace::StatesMap;
        if (place == JsonPlace::State && (key == "Retry" || key == "Catch"))
            return JsonPlace::Handler;
        if ((place == JsonPlace::State && key == "Choices") ||
            (place == JsonPlace::Rule && (key == "And" || key == "Or" || key == "Not")))
            return JsonPlace::Rule;
        if (place == JsonPlace::State && (key == "ItemReader" || key == "ResultWriter"))
            return JsonPlace::Reader;
        if (place == JsonPlace::State && key == "ItemBatcher")
            return JsonPlace::Batcher;
        if (place == JsonPlace::Reader && key == "ReaderConfig")
            return JsonPlace::ReaderConfig;
        if (key == "ProcessorConfig")
            return JsonPlace::ProcessorConfig;
        return JsonPlace::Value;
    };
    OrderedJson out = OrderedJson::object();
    if (old && old->is_object()) {
        for (const auto &item : old->items()) {
            if (const auto it = fresh.find(item.key()); it != fresh.end())
                out[item.key()] = likeBefore(*it, &item.value(), childPlace(item.key()));
        }
    }
    for (const auto &item : fresh.items()) {
        if (!out.contains(item.key()))
            out[item.key()] = likeBefore(item.value(), nullptr, childPlace(item.key()));
    }
    // A state machine typed in whole (a new branch): its states in the order they run, not sorted by name.
    const bool newMachine = !(old && old->is_object() && old->contains("States"));
    if (newMachine && out.contains("StartAt") && out["StartAt"].is_string() && out.contains("States") &&
        out["States"].is_object()) {
        OrderedJson &states = out["States"];
        OrderedJson ordered = OrderedJson::object();
        std::vector<std::string> queue{out["StartAt"].get<std::string>()};
        for (std::size_t i = 0; i < queue.size(); ++i) {
            const auto it = states.find(queue[i]);
            if (it == states.end() || ordered.contains(queue[i]))
                continue;
            ordered[queue[i]] = *it;
            forEachTarget(ordered[queue[i]], [&queue](OrderedJson &owner, const char *key) {
                queue.push_back(owner[key].get<std::string>());
            });
        }
        for (const auto &item : states.items()) {
            if (!ordered.contains(item.key()))
                ordered[item.key()] = item.value();
        }
        states = std::move(ordered);
    }
    if (place == JsonPlace::State) {
        orderFields(out);
    } else if (const std::vector<std::string> *order = documentedOrder(place)) {
        orderKeys(out, [order](const std::string &key) {
            return int(std::find(order->begin(), order->end(), key) - order->begin());
        });
    } else if (place == JsonPlace::Rule) {
        orderKeys(out, [](const std::string &key) { return key == "Comment" ? 0 : key == "Variable" ? 1 : key == "Next" ? 3 : 2; });
    }
    return out;
}

QString numberText(const OrderedJson &value)
{
    if (value.is_number_integer())
        return QString::number(value.get<long long>());
    if (value.is_number())
        return QString::number(value.get<double>());
    if (value.is_string())
        return QLatin1Char('"') + q(value.get<std::string>()) + QLatin1Char('"');
    return q(value.dump());
}

} // namespace

// --- StateRef ------------------------------------------------------------------------------------------

QString StateRef::escape(const QString &token)
{
    QString out = token;
    out.replace(QLatin1Char('~'), QStringLiteral("~0"));
    out.replace(QLatin1Char('/'), QStringLiteral("~1"));
    return out;
}

QString StateRef::unescape(const QString &token)
{
    QString out = token;
    out.replace(QStringLiteral("~1"), QStringLiteral("/"));
    out.replace(QStringLiteral("~0"), QStringLiteral("~"));
    return out;
}

QString StateRef::scopeOf(const QString &statePointer)
{
    const int slash = statePointer.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return {};
    const QString states = statePointer.left(slash);   // ".../States"
    return states.left(states.lastIndexOf(QLatin1Char('/')));
}

QString StateRef::nameOf(const QString &statePointer)
{
    return unescape(statePointer.mid(statePointer.lastIndexOf(QLatin1Char('/')) + 1));
}

QString StateRef::pointer(const QString &scope, const QString &name)
{
    return scope + QStringLiteral("/States/") + escape(name);
}

// --- commands ------------------------------------------------------------------------------------------

/// Swaps whole snapshots: exact undo whatever the edit was. The edit is applied before the push.
class SnapshotCommand : public QUndoCommand
{
public:
    SnapshotCommand(EditorDocument *doc, const QString &text, EditorDocument::Snapshot before,
                    EditorDocument::Snapshot after)
        : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void undo() override { m_doc->restore(m_before); }
    void redo() override
    {
        if (m_applied)
            m_doc->restore(m_after);
        m_applied = true;
    }

private:
    EditorDocument *m_doc;
    EditorDocument::Snapshot m_before;
    EditorDocument::Snapshot m_after;
    bool m_applied = false;
};

/// Moves of nodes: only positions, merged while the same nodes keep moving.
class MoveCommand : public QUndoCommand
{
public:
    MoveCommand(EditorDocument *doc, QHash<QString, QPointF> before, QHash<QString, QPointF> after)
        : QUndoCommand(EditorDocument::tr("Move")), m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    int id() const override { return kMoveCommandId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *move = static_cast<const MoveCommand *>(other);
        if (QSet<QString>(move->m_after.keyBegin(), move->m_after.keyEnd())
            != QSet<QString>(m_after.keyBegin(), m_after.keyEnd()))
            return false;
        m_after = move->m_after;
        return true;
    }
    void undo() override { apply(m_before); }
    void redo() override { apply(m_after); }

private:
    void apply(const QHash<QString, QPointF> &positions)
    {
        EditorLayout layout = m_doc->m_layout;
        for (auto it = positions.begin(); it != positions.end(); ++it) {
            if (std::isnan(it.value().x()))
                layout.positions.remove(it.key());
            else
                layout.positions.insert(it.key(), it.value());
        }
        m_doc->applyLayout(layout);
    }

    EditorDocument *m_doc;
    QHash<QString, QPointF> m_before;   ///< NaN: had no position
    QHash<QString, QPointF> m_after;
};

// --- document ------------------------------------------------------------------------------------------

EditorDocument::EditorDocument(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this))
{
    m_undo->setUndoLimit(kUndoLimit);
    clear();
}

EditorDocument::~EditorDocument() = default;

void EditorDocument::clear()
{
    m_undo->clear();
    m_def = OrderedJson::object();
    m_def["StartAt"] = "Start";
    m_def["States"] = OrderedJson::object();
    m_def["States"]["Start"] = stateTemplate(StateType::Pass, {});
    m_layout = {};
    m_undo->setClean();
    touch();
}

Result<void> EditorDocument::load(const QByteArray &bytes, const EditorLayout &layout)
{
    OrderedJson parsed;
    try {
        parsed = OrderedJson::parse(bytes.cbegin(), bytes.cend());
    } catch (const nlohmann::json::exception &e) {
        return Error{ErrorCode::NotJson, tr("The file is not JSON: %1").arg(QString::fromUtf8(e.what())), {}};
    }
    if (!parsed.is_object())
        return Error{ErrorCode::WrongType, tr("The definition must be a JSON object."), {}};
    if (!parsed.contains("States") || !parsed["States"].is_object())
        parsed["States"] = OrderedJson::object();
    m_undo->clear();
    m_def = std::move(parsed);
    m_layout = layout;
    m_undo->setClean();
    touch();
    return {};
}

QByteArray EditorDocument::serialized() const
{
    // The author's key order, two-space indentation, as core serialize() writes it; not serialize() itself,
    // which sorts the keys of payload templates (Parameters, ItemSelector, ...) and so would rewrite them.
    const std::string text = m_def.dump(2, ' ', false, Json::error_handler_t::replace);
    QByteArray bytes(text.data(), qsizetype(text.size()));
    bytes.append('\n');
    return bytes;
}

QByteArray EditorDocument::layoutJson() const
{
    QJsonObject positions;
    QStringList keys = m_layout.positions.keys();
    keys.sort();
    for (const QString &key : keys) {
        const QPointF p = m_layout.positions.value(key);
        positions.insert(key, QJsonArray{std::round(p.x()), std::round(p.y())});
    }
    QStringList collapsed(m_layout.collapsed.begin(), m_layout.collapsed.end());
    collapsed.sort();
    QJsonObject root{{QStringLiteral("version"), 1},
                     {QStringLiteral("positions"), positions},
                     {QStringLiteral("collapsed"), QJsonArray::fromStringList(collapsed)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<EditorLayout> EditorDocument::parseLayout(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (!doc.isObject())
        return Error{ErrorCode::NotJson, tr("The layout file is not a JSON object: %1").arg(error.errorString()), {}};
    EditorLayout layout;
    const QJsonObject positions = doc.object().value(QStringLiteral("positions")).toObject();
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        const QJsonArray xy = it.value().toArray();
        if (xy.size() == 2)
            layout.positions.insert(it.key(), QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
    for (const auto &value : doc.object().value(QStringLiteral("collapsed")).toArray())
        layout.collapsed.insert(value.toString());
    return layout;
}

EditorDocument::Snapshot EditorDocument::snapshot() const
{
    // the dump made when the definition last changed (edits dump once, for their undo step and validation)
    if (m_dumpRevision != m_definitionRevision) {
        m_dump = m_def.dump(-1, ' ', false, Json::error_handler_t::replace);
        m_dumpRevision = m_definitionRevision;
    }
    return Snapshot{m_dump, m_layout};
}

void EditorDocument::restore(const Snapshot &snapshot)
{
    m_def = OrderedJson::parse(snapshot.definition);
    m_layout = snapshot.layout;
    ++m_revision;
    ++m_definitionRevision;
    m_dump = snapshot.definition;   // the definition is this text again: no need to dump it
    m_dumpRevision = m_definitionRevision;
    revalidate();
    Q_EMIT changed();
}

void EditorDocument::applyLayout(const EditorLayout &layout)
{
    m_layout = layout;
    ++m_revision;
    Q_EMIT layoutChanged();
}

void EditorDocument::commit(const QString &text, Snapshot before)
{
    touch();
    m_undo->push(new SnapshotCommand(this, text, std::move(before), snapshot()));
}

void EditorDocument::touch()
{
    ++m_revision;
    ++m_definitionRevision;
    revalidate();
    Q_EMIT changed();
}

void EditorDocument::revalidate()
{
    // Validate the compact text (fast); only when there are problems, again the text as saved, so that
    // their lines and columns match what the source view shows.
    const std::string &compact = snapshot().definition;
    m_problems = definition::validate(QByteArray::fromRawData(compact.data(), qsizetype(compact.size())));
    if (!m_problems.empty())
        m_problems = definition::validate(serialized());
    Q_EMIT problemsChanged();
}

// --- reading -------------------------------------------------------------------------------------------

const OrderedJson *EditorDocument::machine(const QString &scope) const
{
    if (scope.isEmpty())
        return &m_def;
    try {
        const auto pointer = OrderedJson::json_pointer(s(scope));
        if (!m_def.contains(pointer))
            return nullptr;
        const OrderedJson &j = m_def.at(pointer);
        return isMachine(j) ? &j : nullptr;
    } catch (const nlohmann::json::exception &) {
        return nullptr;
    }
}

OrderedJson *EditorDocument::machine(const QString &scope)
{
    return const_cast<OrderedJson *>(std::as_const(*this).machine(scope));
}

const OrderedJson *EditorDocument::state(const QString &statePointer) const
{
    const OrderedJson *m = machine(StateRef::scopeOf(statePointer));
    if (!m)
        return nullptr;
    const std::string name = s(StateRef::nameOf(statePointer));
    const auto &states = (*m)["States"];
    const auto it = states.find(name);
    return it == states.end() ? nullptr : &*it;
}

OrderedJson *EditorDocument::mutableState(const QString &statePointer)
{
    return const_cast<OrderedJson *>(std::as_const(*this).state(statePointer));
}

bool EditorDocument::hasState(const QString &statePointer) const
{
    return structure().pointerSet.contains(statePointer);
}

QString EditorDocument::startAt(const QString &scope) const
{
    const OrderedJson *m = machine(scope);
    if (!m || !m->contains("StartAt") || !(*m)["StartAt"].is_string())
        return {};
    return q((*m)["StartAt"].get<std::string>());
}

std::optional<StateType> EditorDocument::typeOf(const QString &statePointer) const
{
    const int type = structure().types.value(statePointer, -1);
    return type < 0 ? std::nullopt : std::optional<StateType>(StateType(type));
}

QStringList EditorDocument::statesIn(const QString &scope) const
{
    return structure().statesByScope.value(scope);
}

QStringList EditorDocument::childScopes(const QString &statePointer) const
{
    return structure().childScopes.value(statePointer);
}

const EditorDocument::Structure &EditorDocument::structure() const
{
    if (m_structure.revision == m_definitionRevision)
        return m_structure;
    Structure s;
    s.revision = m_definitionRevision;
    std::function<void(const OrderedJson &, const QString &)> walk = [&](const OrderedJson &m, const QString &scope) {
        QStringList list;   // not a reference into the hash: the nested walks below insert into it
        if (!isMachine(m)) {
            s.statesByScope.insert(scope, list);
            return;
        }
        for (const auto &item : m["States"].items()) {
            const QString name = q(item.key());
            const QString pointer = StateRef::pointer(scope, name);
            list << pointer;
            s.pointers << pointer;
            s.pointerSet.insert(pointer);
            s.names.insert(name);
            const OrderedJson &st = item.value();
            std::optional<StateType> type;
            if (st.is_object() && st.contains("Type") && st["Type"].is_string())
                type = stateTypeFromName(st["Type"].get<std::string>());
            s.types.insert(pointer, type ? int(*type) : -1);
            if (!st.is_object())
                continue;
            QStringList children;
            std::vector<const OrderedJson *> machines;
            if (st.contains("Branches") && st["Branches"].is_array()) {
                for (size_t i = 0; i < st["Branches"].size(); ++i) {
                    if (isMachine(st["Branches"][i])) {
                        children << pointer + QStringLiteral("/Branches/") + QString::number(i);
                        machines.push_back(&st["Branches"][i]);
                    }
                }
            }
            if (const char *key = processorKey(st); key && isMachine(st[key])) {
                children << pointer + QLatin1Char('/') + QLatin1String(key);
                machines.push_back(&st[key]);
            }
            if (!children.isEmpty())
                s.childScopes.insert(pointer, children);
            for (size_t i = 0; i < machines.size(); ++i)
                walk(*machines[i], children[qsizetype(i)]);
        }
        s.statesByScope.insert(scope, list);
    };
    walk(m_def, QString());
    m_structure = std::move(s);
    return m_structure;
}

QStringList EditorDocument::statePointers() const
{
    return structure().pointers;
}

QSet<QString> EditorDocument::allNames() const
{
    return structure().names;
}

QString EditorDocument::pointerOf(const QString &name) const
{
    for (const QString &p : structure().pointers) {
        if (StateRef::nameOf(p) == name)
            return p;
    }
    return {};
}

QString EditorDocument::uniqueName(const QString &base) const
{
    const QSet<QString> taken = allNames();
    if (!taken.contains(base))
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = base + QLatin1Char(' ') + QString::number(i);
        if (!taken.contains(candidate))
            return candidate;
    }
}

std::vector<EditorDocument::Edge> EditorDocument::edgesFrom(const QString &statePointer) const
{
    const OrderedJson *st = state(statePointer);
    const OrderedJson *m = machine(StateRef::scopeOf(statePointer));
    if (!st || !m)
        return {};
    return edgesFrom(statePointer, *st, *m);
}

std::vector<EditorDocument::Edge> EditorDocument::edgesFrom(const QString &statePointer, const OrderedJson &state,
                                                            const OrderedJson &machineJson)
{
    std::vector<Edge> out;
    const OrderedJson *st = &state;
    const OrderedJson *m = &machineJson;
    if (!st->is_object() || !isMachine(*m))
        return out;
    const QString scope = StateRef::scopeOf(statePointer);
    const auto exists = [&](const OrderedJson &name) {
        return name.is_string() && (*m)["States"].contains(name.get<std::string>());
    };
    const auto target = [&](const OrderedJson &name) { return StateRef::pointer(scope, q(name.get<std::string>())); };
    if (st->contains("Choices") && (*st)["Choices"].is_array()) {
        int i = 0;
        for (const auto &rule : (*st)["Choices"]) {
            if (rule.is_object() && rule.contains("Next") && exists(rule["Next"]))
                out.push_back({statePointer, target(rule["Next"]), EdgeKind::ChoiceRule, i, ruleText(rule)});
            ++i;
        }
    }
    if (st->contains("Default") && exists((*st)["Default"]))
        out.push_back({statePointer, target((*st)["Default"]), EdgeKind::Default, -1, tr("Default")});
    if (st->contains("Next") && exists((*st)["Next"]))
        out.push_back({statePointer, target((*st)["Next"]), EdgeKind::Next, -1, {}});
    if (st->contains("Catch") && (*st)["Catch"].is_array()) {
        int i = 0;
        for (const auto &catcher : (*st)["Catch"]) {
            if (catcher.is_object() && catcher.contains("Next") && exists(catcher["Next"])) {
                QStringList errors;
                if (catcher.contains("ErrorEquals") && catcher["ErrorEquals"].is_array()) {
                    for (const auto &e : catcher["ErrorEquals"])
                        errors << (e.is_string() ? q(e.get<std::string>()) : q(e.dump()));
                }
                out.push_back({statePointer, target(catcher["Next"]), EdgeKind::Catch, i,
                               errors.join(QStringLiteral(", "))});
            }
            ++i;
        }
    }
    return out;
}

QString EditorDocument::stateOfPointer(const QString &pointer) const
{
    QString p = pointer;
    while (!p.isEmpty()) {
        // a state pointer ends in ".../States/NAME"
        const int slash = p.lastIndexOf(QLatin1Char('/'));
        if (slash < 0)
            break;
        const QString parent = p.left(slash);
        if (parent.endsWith(QStringLiteral("/States")) && hasState(p))
            return p;
        p = parent;
    }
    return {};
}

std::vector<Error> EditorDocument::problemsOf(const QString &statePointer) const
{
    std::vector<Error> out;
    for (const Error &e : m_problems) {
        if (e.where.pointer == statePointer || e.where.pointer.startsWith(statePointer + QLatin1Char('/'))) {
            if (stateOfPointer(e.where.pointer) == statePointer)
                out.push_back(e);
        }
    }
    return out;
}

std::vector<EditorDocument::ResourceUse> EditorDocument::sluiceResourceUses() const
{
    std::vector<ResourceUse> uses;
    const auto note = [&](const QString &pointer, const OrderedJson *holder) {
        if (!holder || !holder->is_object())
            return;
        const auto it = holder->find("Resource");
        if (it != holder->end() && it->is_string() && it->get<std::string>().rfind("sluice:", 0) == 0)
            uses.push_back({pointer, StateRef::nameOf(pointer), q(it->get<std::string>())});
    };
    for (const QString &pointer : statePointers()) {
        const OrderedJson *st = state(pointer);
        if (!st || !st->is_object())
            continue;
        note(pointer, st);
        for (const char *field : {"ItemReader", "ResultWriter"}) {
            if (const auto it = st->find(field); it != st->end())
                note(pointer, &*it);
        }
    }
    return uses;
}

// --- texts ---------------------------------------------------------------------------------------------

QString EditorDocument::ruleText(const OrderedJson &rule)
{
    if (!rule.is_object())
        return {};
    if (rule.contains("And") || rule.contains("Or")) {
        const bool isAnd = rule.contains("And");
        const auto &children = rule[isAnd ? "And" : "Or"];
        QStringList parts;
        if (children.is_array()) {
            for (const auto &c : children)
                parts << ruleText(c);
        }
        return parts.join(isAnd ? QStringLiteral(" and ") : QStringLiteral(" or "));
    }
    if (rule.contains("Not"))
        return QStringLiteral("not (") + ruleText(rule["Not"]) + QLatin1Char(')');
    const QString variable = rule.contains("Variable") && rule["Variable"].is_string()
                                 ? q(rule["Variable"].get<std::string>())
                                 : QStringLiteral("?");
    static const QList<QPair<QString, QString>> ops = {
        {QStringLiteral("Equals"), QStringLiteral("==")},
        {QStringLiteral("LessThanEquals"), QStringLiteral("<=")},
        {QStringLiteral("GreaterThanEquals"), QStringLiteral(">=")},
        {QStringLiteral("LessThan"), QStringLiteral("<")},
        {QStringLiteral("GreaterThan"), QStringLiteral(">")},
        {QStringLiteral("Matches"), QStringLiteral("matches")},
    };
    for (const auto &item : rule.items()) {
        QString key = q(item.key());
        if (key == QLatin1String("Variable") || key == QLatin1String("Next") || key == QLatin1String("Comment"))
            continue;
        if (key.startsWith(QLatin1String("Is"))) {
            const bool yes = !item.value().is_boolean() || item.value().get<bool>();
            return variable + (yes ? QStringLiteral(" is ") : QStringLiteral(" is not ")) + key.mid(2).toLower();
        }
        const bool path = key.endsWith(QLatin1String("Path"));
        if (path)
            key.chop(4);
        for (const auto &[suffix, symbol] : ops) {
            if (key.endsWith(suffix)) {
                const QString operand = path ? q(item.value().get<std::string>()) : numberText(item.value());
                return variable + QLatin1Char(' ') + symbol + QLatin1Char(' ') + operand;
            }
        }
        return variable + QLatin1Char(' ') + key + QLatin1Char(' ') + numberText(item.value());
    }
    return variable;
}

QString EditorDocument::summaryOf(const OrderedJson &st)
{
    if (!st.is_object() || !st.contains("Type") || !st["Type"].is_string())
        return {};
    const auto type = stateTypeFromName(st["Type"].get<std::string>());
    if (!type)
        return {};
    switch (*type) {
    case StateType::Task:
        return st.contains("Resource") && st["Resource"].is_string() ? q(st["Resource"].get<std::string>())
                                                                       : QString();
    case StateType::Wait:
        if (st.contains("Seconds"))
            return tr("wait %1 s").arg(numberText(st["Seconds"]));
        if (st.contains("SecondsPath"))
            return tr("wait %1 s").arg(q(st["SecondsPath"].dump()).remove(QLatin1Char('"')));
        if (st.contains("Timestamp") || st.contains("TimestampPath"))
            return tr("wait until a timestamp");
        return {};
    case StateType::Choice: {
        const int n = st.contains("Choices") && st["Choices"].is_array() ? int(st["Choices"].size()) : 0;
        return tr("%n rule(s)", nullptr, n);
    }
    case StateType::Fail:
        return st.contains("Error") && st["Error"].is_string() ? q(st["Error"].get<std::string>()) : QString();
    case StateType::Parallel: {
        const int n = st.contains("Branches") && st["Branches"].is_array() ? int(st["Branches"].size()) : 0;
        return tr("%n branch(es)", nullptr, n);
    }
    case StateType::Map: {
        const char *key = processorKey(st);
        const bool distributed = key && st[key].is_object() && st[key].contains("ProcessorConfig")
                                 && st[key]["ProcessorConfig"].is_object()
                                 && st[key]["ProcessorConfig"].value("Mode", std::string()) == "DISTRIBUTED";
        if (st.contains("ItemReader"))
            return distributed ? tr("distributed, items from a file") : tr("items from a file");
        if (st.contains("ItemsPath") && st["ItemsPath"].is_string())
            return tr("for each in %1").arg(q(st["ItemsPath"].get<std::string>()));
        return distributed ? tr("distributed") : tr("for each item");
    }
    case StateType::Pass:
        return st.contains("Result") ? tr("fixed result") : QString();
    case StateType::Succeed:
        return {};
    }
    return {};
}

QString EditorDocument::defaultName(StateType type, const QString &resource)
{
    if (type == StateType::Task && !resource.isEmpty()) {
        static const QHash<QString, const char *> names = {
            {QStringLiteral("sluice:pass"), QT_TR_NOOP("Pass through")},
            {QStringLiteral("sluice:fail"), QT_TR_NOOP("Raise error")},
            {QStringLiteral("sluice:sleep"), QT_TR_NOOP("Sleep")},
            {QStringLiteral("sluice:http"), QT_TR_NOOP("HTTP request")},
            {QStringLiteral("sluice:sql"), QT_TR_NOOP("SQL query")},
            {QStringLiteral("sluice:file.read"), QT_TR_NOOP("Read file")},
            {QStringLiteral("sluice:file.write"), QT_TR_NOOP("Write file")},
            {QStringLiteral("sluice:shell"), QT_TR_NOOP("Run command")},
            {QStringLiteral("sluice:event.put"), QT_TR_NOOP("Put event")},
            {QStringLiteral("sluice:event.wait"), QT_TR_NOOP("Wait for event")},
        };
        if (const auto it = names.find(resource); it != names.end())
            return tr(it.value());
        return tr("AWS task");
    }
    return QLatin1String(stateTypeName(type));
}

OrderedJson EditorDocument::stateTemplate(StateType type, const QString &resource)
{
    OrderedJson st = OrderedJson::object();
    st["Type"] = stateTypeName(type);
    const auto machineOf = [](const char *name) {
        OrderedJson m = OrderedJson::object();
        m["StartAt"] = name;
        m["States"] = OrderedJson::object();
        m["States"][name] = OrderedJson::object({{"Type", "Pass"}, {"End", true}});
        return m;
    };
    switch (type) {
    case StateType::Task:
        st["Resource"] = resource.isEmpty() ? std::string("sluice:pass") : s(resource);
        if (resource == QLatin1String("sluice:http"))
            st["Parameters"] = OrderedJson::object({{"Method", "GET"}, {"Url", "http://127.0.0.1:8080/"}});
        else if (resource == QLatin1String("sluice:sleep"))
            st["Parameters"] = OrderedJson::object({{"Seconds", 1}});
        else if (resource == QLatin1String("sluice:shell"))
            st["Parameters"] = OrderedJson::object({{"Command", "true"}});
        break;
    case StateType::Wait:
        st["Seconds"] = 5;
        break;
    case StateType::Fail:
        st["Error"] = "Failed";
        break;
    case StateType::Choice:
        st["Choices"] = OrderedJson::array();
        break;
    case StateType::Parallel:
        st["Branches"] = OrderedJson::array({machineOf("Branch 1")});
        break;
    case StateType::Map:
        st["ItemProcessor"] = machineOf("Process item");
        st["ItemProcessor"]["ProcessorConfig"] = OrderedJson::object({{"Mode", "INLINE"}});
        break;
    case StateType::Pass:
    case StateType::Succeed:
        break;
    }
    if (type != StateType::Choice && type != StateType::Succeed && type != StateType::Fail)
        st["End"] = true;
    return st;
}

// --- edits ---------------------------------------------------------------------------------------------

void EditorDocument::retarget(const QString &scope, const QString &oldName, const QString &newName)
{
    OrderedJson *m = machine(scope);
    if (!m)
        return;
    const std::string from = s(oldName);
    const std::string to = s(newName);
    auto &states = (*m)["States"];
    if (m->contains("StartAt") && (*m)["StartAt"] == from) {
        if (!to.empty())
            (*m)["StartAt"] = to;
        else
            (*m)["StartAt"] = states.empty() ? std::string() : states.begin().key();
    }
    for (auto &item : states.items()) {
        OrderedJson &st = item.value();
        if (!st.is_object())
            continue;
        if (!to.empty()) {
            forEachTarget(st, [&](OrderedJson &owner, const char *key) {
                if (owner[key] == from)
                    owner[key] = to;
            });
            continue;
        }
        // Dropping: Next becomes End, Default and catchers go; a Choice rule stays (a Choice needs rules),
        // and the validator shows it.
        if (st.contains("Next") && st["Next"] == from) {
            st.erase("Next");
            st["End"] = true;
        }
        if (st.contains("Default") && st["Default"] == from)
            st.erase("Default");
        if (st.contains("Catch") && st["Catch"].is_array()) {
            auto &catchers = st["Catch"];
            for (size_t i = catchers.size(); i-- > 0;) {
                if (catchers[i].is_object() && catchers[i].value("Next", std::string()) == from)
                    catchers.erase(i);
            }
            if (catchers.empty())
                st.erase("Catch");
        }
    }
}

void EditorDocument::moveLayoutPrefix(const QString &oldPrefix, const QString &newPrefix)
{
    QHash<QString, QPointF> positions;
    for (auto it = m_layout.positions.begin(); it != m_layout.positions.end(); ++it) {
        const QString &key = it.key();
        if (key == oldPrefix || key.startsWith(oldPrefix + QLatin1Char('/')))
            positions.insert(newPrefix + key.mid(oldPrefix.size()), it.value());
        else
            positions.insert(key, it.value());
    }
    QSet<QString> collapsed;
    for (const QString &key : std::as_const(m_layout.collapsed)) {
        if (key == oldPrefix || key.startsWith(oldPrefix + QLatin1Char('/')))
            collapsed.insert(newPrefix + key.mid(oldPrefix.size()));
        else
            collapsed.insert(key);
    }
    m_layout.positions = positions;
    m_layout.collapsed = collapsed;
}

void EditorDocument::dropLayoutPrefix(const QString &prefix)
{
    const auto under = [&prefix](const QString &key) {
        return key == prefix || key.startsWith(prefix + QLatin1Char('/'));
    };
    for (auto it = m_layout.positions.begin(); it != m_layout.positions.end();)
        it = under(it.key()) ? m_layout.positions.erase(it) : std::next(it);
    for (auto it = m_layout.collapsed.begin(); it != m_layout.collapsed.end();)
        it = under(*it) ? m_layout.collapsed.erase(it) : std::next(it);
}

Result<QString> EditorDocument::addState(const QString &scope, StateType type, const QString &resource, QPointF pos,
                                         const QString &name)
{
    OrderedJson *m = machine(scope);
    if (!m)
        return refused(tr("There is no state machine at %1.").arg(scope));
    Snapshot before = snapshot();
    const QString base = name.trimmed().isEmpty() ? defaultName(type, resource) : name.trimmed();
    const QString unique = uniqueName(base);
    OrderedJson st = stateTemplate(type, resource);
    // A nested machine's sample state needs a name of its own too.
    QSet<QString> taken = allNames();
    taken.insert(unique);
    for (const char *key : {"ItemProcessor"}) {
        if (st.contains(key))
            uniquify(st[key], taken, nullptr);
    }
    if (st.contains("Branches")) {
        for (auto &branch : st["Branches"])
            uniquify(branch, taken, nullptr);
    }
    (*m)["States"][s(unique)] = std::move(st);
    if (!m->contains("StartAt") || !(*m)["StartAt"].is_string() || (*m)["StartAt"].get<std::string>().empty()
        || !(*m)["States"].contains((*m)["StartAt"].get<std::string>()))
        (*m)["StartAt"] = s(unique);
    const QString pointer = StateRef::pointer(scope, unique);
    m_layout.positions.insert(pointer, pos);
    commit(tr("Add %1").arg(unique), std::move(before));
    return pointer;
}

Result<void> EditorDocument::deleteStates(const QStringList &statePointers)
{
    QStringList targets;
    for (const QString &p : statePointers) {
        if (!hasState(p))
            return refused(tr("There is no state %1.").arg(StateRef::nameOf(p)));
        // A state inside another one being deleted goes with it.
        bool nested = false;
        for (const QString &other : statePointers)
            nested |= other != p && p.startsWith(other + QLatin1Char('/'));
        if (!nested)
            targets << p;
    }
    if (targets.isEmpty())
        return {};
    Snapshot before = snapshot();
    for (const QString &p : std::as_const(targets)) {
        const QString scope = StateRef::scopeOf(p);
        const QString name = StateRef::nameOf(p);
        OrderedJson *m = machine(scope);
        OrderedJson st = (*m)["States"][s(name)];
        QString successor;
        if (st.is_object() && st.contains("Next") && st["Next"].is_string() && st["Next"] != s(name))
            successor = q(st["Next"].get<std::string>());
        for (const QString &gone : std::as_const(targets)) {
            if (StateRef::scopeOf(gone) == scope && StateRef::nameOf(gone) == successor)
                successor.clear();
        }
        (*m)["States"].erase(s(name));
        retarget(scope, name, successor);
        dropLayoutPrefix(p);
    }
    commit(targets.size() == 1 ? tr("Delete %1").arg(StateRef::nameOf(targets.first()))
                               : tr("Delete %n state(s)", nullptr, int(targets.size())),
           std::move(before));
    return {};
}

Result<QString> EditorDocument::renameState(const QString &statePointer, const QString &newName)
{
    const QString name = newName.trimmed();
    const QString oldName = StateRef::nameOf(statePointer);
    if (!hasState(statePointer))
        return refused(tr("There is no state %1.").arg(oldName));
    if (name.isEmpty())
        return refused(tr("A state needs a name."));
    if (name.size() > 80)
        return refused(tr("State names may be at most 80 characters long."));
    if (name == oldName)
        return statePointer;
    if (allNames().contains(name))
        return refused(tr("There is already a state named %1.").arg(name));
    Snapshot before = snapshot();
    const QString scope = StateRef::scopeOf(statePointer);
    OrderedJson *m = machine(scope);
    // Rebuild the States object to keep the state in its place.
    OrderedJson states = OrderedJson::object();
    for (auto &item : (*m)["States"].items())
        states[item.key() == s(oldName) ? s(name) : item.key()] = std::move(item.value());
    (*m)["States"] = std::move(states);
    retarget(scope, oldName, name);
    const QString pointer = StateRef::pointer(scope, name);
    moveLayoutPrefix(statePointer, pointer);
    commit(tr("Rename %1 to %2").arg(oldName, name), std::move(before));
    return pointer;
}

Result<void> EditorDocument::connectStates(const QString &from, const QString &to, EdgeKind kind, int index)
{
    const auto fromType = typeOf(from);
    if (!fromType || !hasState(to))
        return refused(tr("Both ends of a transition must be states."));
    if (StateRef::scopeOf(from) != StateRef::scopeOf(to))
        return refused(tr("A transition cannot leave its branch or Map: %1 and %2 are in different state machines.")
                           .arg(StateRef::nameOf(from), StateRef::nameOf(to)));
    if (*fromType == StateType::Succeed || *fromType == StateType::Fail)
        return refused(tr("A %1 state ends the execution; nothing can follow it.")
                           .arg(QLatin1String(stateTypeName(*fromType))));
    const std::string target = s(StateRef::nameOf(to));
    Snapshot before = snapshot();
    OrderedJson &st = *mutableState(from);
    switch (kind) {
    case EdgeKind::Next:
        if (*fromType == StateType::Choice)
            return refused(tr("A Choice has no Next: connect a rule or its Default."));
        st.erase("End");
        st["Next"] = target;
        break;
    case EdgeKind::Default:
        if (*fromType != StateType::Choice)
            return refused(tr("Only a Choice has a Default."));
        st["Default"] = target;
        break;
    case EdgeKind::ChoiceRule: {
        if (*fromType != StateType::Choice)
            return refused(tr("Only a Choice has rules."));
        auto &choices = st["Choices"];
        if (!choices.is_array())
            choices = OrderedJson::array();
        if (index < 0) {
            choices.push_back(OrderedJson::object({{"Variable", "$.value"}, {"IsPresent", true}, {"Next", target}}));
        } else if (size_t(index) < choices.size() && choices[size_t(index)].is_object()) {
            choices[size_t(index)]["Next"] = target;
        } else {
            return refused(tr("The Choice has no rule %1.").arg(index + 1));
        }
        break;
    }
    case EdgeKind::Catch: {
        if (*fromType != StateType::Task && *fromType != StateType::Parallel && *fromType != StateType::Map)
            return refused(tr("Only Task, Parallel and Map states can catch errors."));
        auto &catchers = st["Catch"];
        if (!catchers.is_array())
            catchers = OrderedJson::array();
        if (index < 0) {
            catchers.push_back(OrderedJson::object({{"ErrorEquals", OrderedJson::array({"States.ALL"})}, {"Next", target}}));
        } else if (size_t(index) < catchers.size() && catchers[size_t(index)].is_object()) {
            catchers[size_t(index)]["Next"] = target;
        } else {
            return refused(tr("The state has no catcher %1.").arg(index + 1));
        }
        break;
    }
    }
    orderFields(st);
    commit(tr("Connect %1 to %2").arg(StateRef::nameOf(from), StateRef::nameOf(to)), std::move(before));
    return {};
}

Result<void> EditorDocument::connectAuto(const QString &from, const QString &to)
{
    if (typeOf(from) != StateType::Choice)
        return connectStates(from, to, EdgeKind::Next);
    const OrderedJson *st = state(from);
    const bool hasDefault = st->contains("Default");
    const bool hasRules = st->contains("Choices") && (*st)["Choices"].is_array() && !(*st)["Choices"].empty();
    return connectStates(from, to, hasRules && !hasDefault ? EdgeKind::Default : EdgeKind::ChoiceRule, -1);
}

Result<void> EditorDocument::disconnect(const QString &from, EdgeKind kind, int index)
{
    if (!hasState(from))
        return refused(tr("There is no state %1.").arg(StateRef::nameOf(from)));
    Snapshot before = snapshot();
    OrderedJson &st = *mutableState(from);
    const auto eraseAt = [&](const char *key) -> bool {
        if (!st.contains(key) || !st[key].is_array() || index < 0 || size_t(index) >= st[key].size())
            return false;
        st[key].erase(size_t(index));
        if (st[key].empty() && std::string_view(key) == "Catch")
            st.erase(key);
        return true;
    };
    switch (kind) {
    case EdgeKind::Next:
        if (!st.contains("Next"))
            return refused(tr("%1 has no Next.").arg(StateRef::nameOf(from)));
        st.erase("Next");
        st["End"] = true;
        break;
    case EdgeKind::Default:
        if (!st.contains("Default"))
            return refused(tr("%1 has no Default.").arg(StateRef::nameOf(from)));
        st.erase("Default");
        break;
    case EdgeKind::ChoiceRule:
        if (!eraseAt("Choices"))
            return refused(tr("The Choice has no rule %1.").arg(index + 1));
        break;
    case EdgeKind::Catch:
        if (!eraseAt("Catch"))
            return refused(tr("The state has no catcher %1.").arg(index + 1));
        break;
    }
    commit(tr("Disconnect %1").arg(StateRef::nameOf(from)), std::move(before));
    return {};
}

Result<void> EditorDocument::setStartAt(const QString &statePointer)
{
    if (!hasState(statePointer))
        return refused(tr("There is no state %1.").arg(StateRef::nameOf(statePointer)));
    const QString scope = StateRef::scopeOf(statePointer);
    if (startAt(scope) == StateRef::nameOf(statePointer))
        return {};
    Snapshot before = snapshot();
    (*machine(scope))["StartAt"] = s(StateRef::nameOf(statePointer));
    commit(tr("Start at %1").arg(StateRef::nameOf(statePointer)), std::move(before));
    return {};
}

Result<void> EditorDocument::setEnd(const QString &statePointer, bool end)
{
    const auto type = typeOf(statePointer);
    if (!type)
        return refused(tr("There is no state %1.").arg(StateRef::nameOf(statePointer)));
    if (*type == StateType::Choice || *type == StateType::Succeed || *type == StateType::Fail)
        return refused(tr("A %1 state has no End field.").arg(QLatin1String(stateTypeName(*type))));
    Snapshot before = snapshot();
    OrderedJson &st = *mutableState(statePointer);
    if (end) {
        st.erase("Next");
        st["End"] = true;
    } else {
        st.erase("End");
    }
    orderFields(st);
    commit(end ? tr("End at %1").arg(StateRef::nameOf(statePointer))
               : tr("Do not end at %1").arg(StateRef::nameOf(statePointer)),
           std::move(before));
    return {};
}

Result<void> EditorDocument::replaceState(const QString &statePointer, const Json &stateJson)
{
    if (!hasState(statePointer))
        return refused(tr("There is no state %1.").arg(StateRef::nameOf(statePointer)));
    if (!stateJson.is_object() || !stateJson.contains("Type") || !stateJson["Type"].is_string())
        return refused(tr("A state must be a JSON object with a Type."));
    Snapshot before = snapshot();
    // Keep what the state already had in its order (nested states and payloads too), then the new fields,
    // in ASL's documented order.
    const OrderedJson &old = *state(statePointer);
    OrderedJson next = likeBefore(stateJson, &old, JsonPlace::State);
    if (next == old)
        return {};
    *mutableState(statePointer) = std::move(next);
    commit(tr("Edit %1").arg(StateRef::nameOf(statePointer)), std::move(before));
    return {};
}

void EditorDocument::moveStates(const QHash<QString, QPointF> &positions)
{
    QHash<QString, QPointF> before;
    QHash<QString, QPointF> after;
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        if (!hasState(it.key()))
            continue;
        before.insert(it.key(), m_layout.positions.value(it.key(), QPointF(qQNaN(), qQNaN())));
        after.insert(it.key(), it.value());
    }
    if (after.isEmpty() || before == after)
        return;
    m_undo->push(new MoveCommand(this, before, after));
}

void EditorDocument::placeStates(const QHash<QString, QPointF> &positions)
{
    for (auto it = positions.begin(); it != positions.end(); ++it)
        m_layout.positions.insert(it.key(), it.value());
    ++m_revision;
}

void EditorDocument::setCollapsed(const QString &statePointer, bool collapsed)
{
    if (!hasState(statePointer) || m_layout.collapsed.contains(statePointer) == collapsed)
        return;
    Snapshot before = snapshot();
    if (collapsed)
        m_layout.collapsed.insert(statePointer);
    else
        m_layout.collapsed.remove(statePointer);
    ++m_revision;
    Q_EMIT layoutChanged();
    m_undo->push(new SnapshotCommand(this, collapsed ? tr("Collapse %1").arg(StateRef::nameOf(statePointer))
                                                     : tr("Expand %1").arg(StateRef::nameOf(statePointer)),
                                     std::move(before), snapshot()));
}

Result<QString> EditorDocument::insertOnEdge(const QString &from, EdgeKind kind, int index, StateType type,
                                             const QString &resource, QPointF pos)
{
    QString oldTarget;
    for (const Edge &e : edgesFrom(from)) {
        if (e.kind == kind && (e.index == index || kind == EdgeKind::Next || kind == EdgeKind::Default))
            oldTarget = e.to;
    }
    if (oldTarget.isEmpty())
        return refused(tr("There is no such transition to insert into."));
    if (type == StateType::Choice || type == StateType::Succeed || type == StateType::Fail)
        return refused(tr("A %1 state cannot be inserted into a transition: it has no Next.")
                           .arg(QLatin1String(stateTypeName(type))));
    Snapshot before = snapshot();
    // The three steps below are one undo step: block the stack's view of the intermediate ones.
    const QString scope = StateRef::scopeOf(from);
    const QString name = uniqueName(defaultName(type, resource));
    OrderedJson st = stateTemplate(type, resource);
    QSet<QString> taken = allNames();
    taken.insert(name);
    if (st.contains("ItemProcessor"))
        uniquify(st["ItemProcessor"], taken, nullptr);
    if (st.contains("Branches")) {
        for (auto &branch : st["Branches"])
            uniquify(branch, taken, nullptr);
    }
    st.erase("End");
    st["Next"] = s(StateRef::nameOf(oldTarget));
    (*machine(scope))["States"][s(name)] = std::move(st);
    OrderedJson &source = *mutableState(from);
    const std::string newTarget = s(name);
    switch (kind) {
    case EdgeKind::Next:
        source["Next"] = newTarget;
        break;
    case EdgeKind::Default:
        source["Default"] = newTarget;
        break;
    case EdgeKind::ChoiceRule:
        source["Choices"][size_t(index)]["Next"] = newTarget;
        break;
    case EdgeKind::Catch:
        source["Catch"][size_t(index)]["Next"] = newTarget;
        break;
    }
    const QString pointer = StateRef::pointer(scope, name);
    m_layout.positions.insert(pointer, pos);
    commit(tr("Insert %1").arg(name), std::move(before));
    return pointer;
}

Result<QString> EditorDocument::group(const QStringList &statePointers, StateType containerType)
{
    if (containerType != StateType::Parallel && containerType != StateType::Map)
        return refused(tr("States can be grouped into a Parallel or a Map only."));
    if (statePointers.isEmpty())
        return refused(tr("Select the states to group first."));
    const QString scope = StateRef::scopeOf(statePointers.first());
    QSet<std::string> inside;
    for (const QString &p : statePointers) {
        if (!hasState(p))
            return refused(tr("There is no state %1.").arg(StateRef::nameOf(p)));
        if (StateRef::scopeOf(p) != scope)
            return refused(tr("Only states of one state machine can be grouped."));
        inside.insert(s(StateRef::nameOf(p)));
    }
    OrderedJson *m = machine(scope);
    // Where the group starts: the state entered from outside (or the machine's start), else the first.
    std::string start;
    std::string exit;
    for (const auto &item : (*m)["States"].items()) {
        OrderedJson st = item.value();
        const bool in = inside.contains(item.key());
        std::string problem;
        forEachTarget(st, [&](OrderedJson &owner, const char *key) {
            const std::string target = owner[key].get<std::string>();
            if (!in && inside.contains(target) && start.empty())
                start = target;
            if (in && !inside.contains(target)) {
                const bool isNext = &owner == &st && std::string_view(key) == "Next";
                if (!isNext)
                    problem = item.key();
                else if (exit.empty())
                    exit = target;
                else if (exit != target)
                    problem = item.key();
            }
        });
        if (!problem.empty())
            return refused(tr("%1 leads out of the selection in more than one way; a group has one way out. "
                              "Select the states it leads to as well.")
                               .arg(q(problem)));
    }
    const std::string scopeStart = m->value("StartAt", std::string());
    if (inside.contains(scopeStart))
        start = scopeStart;
    if (start.empty()) {
        for (const auto &item : (*m)["States"].items()) {
            if (inside.contains(item.key())) {
                start = item.key();
                break;
            }
        }
    }

    Snapshot before = snapshot();
    const QString containerName =
        uniqueName(containerType == StateType::Map ? tr("Process each") : tr("In parallel"));
    OrderedJson inner = OrderedJson::object();
    if (containerType == StateType::Map)
        inner["ProcessorConfig"] = OrderedJson::object({{"Mode", "INLINE"}});
    inner["StartAt"] = start;
    inner["States"] = OrderedJson::object();
    OrderedJson states = OrderedJson::object();
    QPointF origin(1e12, 1e12);
    for (const QString &p : statePointers) {
        const QPointF pos = m_layout.positions.value(p);
        origin.setX(std::min(origin.x(), pos.x()));
        origin.setY(std::min(origin.y(), pos.y()));
    }
    const QString containerPointer = StateRef::pointer(scope, containerName);
    const QString innerScope =
        containerPointer + (containerType == StateType::Map ? QStringLiteral("/ItemProcessor") : QStringLiteral("/Branches/0"));
    bool placed = false;
    for (auto &item : (*m)["States"].items()) {
        if (!inside.contains(item.key())) {
            states[item.key()] = std::move(item.value());
            continue;
        }
        if (!placed) {   // the container takes the place of the first grouped state
            states[s(containerName)] = OrderedJson();
            placed = true;
        }
        OrderedJson st = std::move(item.value());
        if (st.contains("Next") && !inside.contains(st["Next"].get<std::string>())) {
            st.erase("Next");
            st["End"] = true;
        }
        const QString oldPointer = StateRef::pointer(scope, q(item.key()));
        const QString newPointer = StateRef::pointer(innerScope, q(item.key()));
        const QPointF pos = m_layout.positions.value(oldPointer);
        moveLayoutPrefix(oldPointer, newPointer);
        m_layout.positions.insert(newPointer, pos - origin);
        inner["States"][item.key()] = std::move(st);
    }
    OrderedJson container = OrderedJson::object();
    container["Type"] = stateTypeName(containerType);
    if (containerType == StateType::Map)
        container["ItemProcessor"] = std::move(inner);
    else
        container["Branches"] = OrderedJson::array({std::move(inner)});
    if (exit.empty())
        container["End"] = true;
    else
        container["Next"] = exit;
    states[s(containerName)] = std::move(container);
    (*m)["States"] = std::move(states);
    for (const std::string &name : inside)
        retarget(scope, q(name), containerName);
    m_layout.positions.insert(containerPointer, origin);
    commit(containerType == StateType::Map ? tr("Group into a Map") : tr("Group into a Parallel"), std::move(before));
    return containerPointer;
}

void EditorDocument::uniquify(OrderedJson &machineJson, QSet<QString> &taken, QHash<QString, QString> *renamed)
{
    if (!machineJson.is_object() || !machineJson.contains("States") || !machineJson["States"].is_object())
        return;
    QHash<QString, QString> local;
    OrderedJson states = OrderedJson::object();
    for (auto &item : machineJson["States"].items()) {
        QString name = q(item.key());
        if (taken.contains(name)) {
            QString base = name;
            // "Load 2" clashes: count on from 2 rather than making "Load 2 2".
            const int space = base.lastIndexOf(QLatin1Char(' '));
            bool numbered = false;
            if (space > 0)
                base.mid(space + 1).toInt(&numbered);
            if (numbered)
                base = base.left(space);
            for (int i = 2;; ++i) {
                const QString candidate = base + QLatin1Char(' ') + QString::number(i);
                if (!taken.contains(candidate)) {
                    local.insert(name, candidate);
                    name = candidate;
                    break;
                }
            }
        }
        taken.insert(name);
        states[s(name)] = std::move(item.value());
    }
    machineJson["States"] = std::move(states);
    if (!local.isEmpty()) {
        if (machineJson.contains("StartAt") && machineJson["StartAt"].is_string()) {
            const QString start = q(machineJson["StartAt"].get<std::string>());
            if (local.contains(start))
                machineJson["StartAt"] = s(local.value(start));
        }
        for (auto &item : machineJson["States"].items()) {
            forEachTarget(item.value(), [&](OrderedJson &owner, const char *key) {
                const QString target = q(owner[key].get<std::string>());
                if (local.contains(target))
                    owner[key] = s(local.value(target));
            });
        }
    }
    for (auto &item : machineJson["States"].items()) {
        OrderedJson &st = item.value();
        if (!st.is_object())
            continue;
        if (st.contains("Branches") && st["Branches"].is_array()) {
            for (auto &branch : st["Branches"])
                uniquify(branch, taken, nullptr);
        }
        if (const char *key = processorKey(st))
            uniquify(st[key], taken, nullptr);
    }
    if (renamed)
        *renamed = local;
}

QMimeData *EditorDocument::copy(const QStringList &selection) const
{
    OrderedJson states = OrderedJson::object();
    OrderedJson positions = OrderedJson::object();
    // Keep definition order, whatever the order of the selection.
    for (const QString &p : statePointers()) {
        if (!selection.contains(p))
            continue;
        bool nested = false;
        for (const QString &other : selection)
            nested |= other != p && p.startsWith(other + QLatin1Char('/'));
        if (nested)
            continue;
        const std::string name = s(StateRef::nameOf(p));
        states[name] = *state(p);
        const QPointF pos = m_layout.positions.value(p);
        positions[name] = OrderedJson::array({pos.x(), pos.y()});
    }
    OrderedJson root = OrderedJson::object();
    root["States"] = std::move(states);
    root["Positions"] = std::move(positions);
    auto *data = new QMimeData;
    const std::string text = root.dump(2);
    data->setData(kMimeType, QByteArray(text.data(), qsizetype(text.size())));
    // Plain text too: pasting into a text editor gives the states' JSON.
    const std::string plain = root["States"].dump(2);
    data->setText(QString::fromStdString(plain));
    return data;
}

Result<QStringList> EditorDocument::paste(const QMimeData *data, const QString &scope, QPointF offset)
{
    if (!data || !data->hasFormat(kMimeType))
        return refused(tr("The clipboard holds no states."));
    OrderedJson *m = machine(scope);
    if (!m)
        return refused(tr("There is no state machine at %1.").arg(scope));
    OrderedJson root;
    try {
        const QByteArray bytes = data->data(kMimeType);
        root = OrderedJson::parse(bytes.cbegin(), bytes.cend());
    } catch (const nlohmann::json::exception &) {
        return refused(tr("The clipboard's states are not readable."));
    }
    if (!root.is_object() || !root.contains("States") || !root["States"].is_object() || root["States"].empty())
        return refused(tr("The clipboard holds no states."));
    Snapshot before = snapshot();
    OrderedJson pasted = OrderedJson::object();
    pasted["States"] = root["States"];
    QSet<QString> taken = allNames();
    QHash<QString, QString> renamed;
    uniquify(pasted, taken, &renamed);
    // References to states that are neither pasted nor in the target machine are dropped.
    QSet<std::string> known;
    for (const auto &item : pasted["States"].items())
        known.insert(item.key());
    for (const auto &item : (*m)["States"].items())
        known.insert(item.key());
    QStringList added;
    const OrderedJson positions = root.value("Positions", OrderedJson::object());
    for (auto &item : pasted["States"].items()) {
        OrderedJson &st = item.value();
        if (!st.is_object())
            continue;
        if (st.contains("Next") && (!st["Next"].is_string() || !known.contains(st["Next"].get<std::string>()))) {
            st.erase("Next");
            st["End"] = true;
        }
        if (st.contains("Default") && (!st["Default"].is_string() || !known.contains(st["Default"].get<std::string>())))
            st.erase("Default");
        if (st.contains("Catch") && st["Catch"].is_array()) {
            auto &catchers = st["Catch"];
            for (size_t i = catchers.size(); i-- > 0;) {
                if (!catchers[i].is_object() || !known.contains(catchers[i].value("Next", std::string())))
                    catchers.erase(i);
            }
            if (catchers.empty())
                st.erase("Catch");
        }
        const QString name = q(item.key());
        QString original = name;
        for (auto it = renamed.begin(); it != renamed.end(); ++it) {
            if (it.value() == name)
                original = it.key();
        }
        QPointF pos;
        const std::string key = s(original);
        if (positions.contains(key) && positions[key].is_array() && positions[key].size() == 2)
            pos = QPointF(positions[key][0].get<double>(), positions[key][1].get<double>());
        (*m)["States"][item.key()] = std::move(st);
        const QString pointer = StateRef::pointer(scope, name);
        m_layout.positions.insert(pointer, pos + offset);
        added << pointer;
    }
    if (!m->contains("StartAt") || (*m)["StartAt"].get<std::string>().empty())
        (*m)["StartAt"] = s(StateRef::nameOf(added.first()));
    commit(tr("Paste %n state(s)", nullptr, int(added.size())), std::move(before));
    return added;
}

Result<QStringList> EditorDocument::duplicate(const QStringList &statePointers)
{
    if (statePointers.isEmpty())
        return refused(tr("Select the states to duplicate first."));
    const QString scope = StateRef::scopeOf(statePointers.first());
    for (const QString &p : statePointers) {
        if (StateRef::scopeOf(p) != scope)
            return refused(tr("Only states of one state machine can be duplicated together."));
    }
    std::unique_ptr<QMimeData> data(copy(statePointers));
    return paste(data.get(), scope, QPointF(40, 40));
}

} // namespace sluice::ui
