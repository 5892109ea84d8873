#include "definition/Parser.h"

#include "definition/JsonReader_p.h"
#include "definition/SourceLocator_p.h"
#include "paths/Timestamp.h"

#include <QCoreApplication>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace sluice::definition {

namespace {

constexpr int kMaxDepth = 512;          // deeper JSON is refused before anything recurses over it
constexpr int kMaxStateNameLength = 80; // Step Functions' limit, in characters
constexpr int kMaxLabelLength = 40;
constexpr int kMaxSuggestions = 100;     // "did you mean" for the first unknown state names only
constexpr double kMaxSeconds = 99999999; // Step Functions' upper bound for second counts and attempts

using detail::escapePointerToken;
using detail::JsonDocument;

QString q(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString q(const char *text)
{
    return QString::fromUtf8(text);
}

/// A problem found while building the model; its line:column is looked up only at the end.
struct Issue
{
    ErrorCode code;
    QString message;
    std::string pointer;
    int occurrence = 1;
};

int utf8Length(std::string_view text)
{
    int n = 0;
    for (unsigned char c : text)
        n += (c & 0xC0) != 0x80;
    return n;
}

/// Damerau-Levenshtein distance in half edits: a case slip costs 1, any other edit (including swapping
/// two neighbours) costs 2.
int editDistance(std::string_view a, std::string_view b)
{
    const size_t n = a.size(), m = b.size();
    std::vector<int> d((n + 1) * (m + 1));
    auto at = [&](size_t i, size_t j) -> int & { return d[i * (m + 1) + j]; };
    for (size_t i = 0; i <= n; ++i)
        at(i, 0) = int(i) * 2;
    for (size_t j = 0; j <= m; ++j)
        at(0, j) = int(j) * 2;
    for (size_t i = 1; i <= n; ++i) {
        for (size_t j = 1; j <= m; ++j) {
            int substitution = 0;
            if (a[i - 1] != b[j - 1])
                substitution =
                    std::tolower((unsigned char)a[i - 1]) == std::tolower((unsigned char)b[j - 1]) ? 1 : 2;
            at(i, j) = std::min({at(i - 1, j) + 2, at(i, j - 1) + 2, at(i - 1, j - 1) + substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 2);
        }
    }
    return at(n, m);
}

/// The candidate closest to `word` if it is close enough to be a likely typo (about one edit in three
/// characters).
std::string closest(std::string_view word, const std::vector<std::string_view> &candidates)
{
    if (word.empty() || word.size() > 100)
        return {};
    std::string best;
    // very short names: only a case slip counts ("b" for "B"), else every one-letter name would match
    int bestDistance = (word.size() < 3 ? 1 : std::max(2, int(word.size()) * 2 / 3)) + 1;
    for (std::string_view candidate : candidates) {
        if (candidate.size() > 100)
            continue;
        const int distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = std::string(candidate);
        }
    }
    return best;
}

/// "the string 'abc'", "the number 3", "an object", ... for messages.
QString describe(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::boolean:
        return value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    case Json::value_t::string: {
        QString text = q(value.get_ref<const std::string &>());
        if (text.size() > 60)
            text = text.left(57) + QStringLiteral("...");
        return QStringLiteral("the string '%1'").arg(text);
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return QStringLiteral("the number %1").arg(q(value.dump()));
    case Json::value_t::object:
        return value.empty() ? QStringLiteral("an empty object") : QStringLiteral("an object");
    case Json::value_t::array:
        return value.empty() ? QStringLiteral("an empty array") : QStringLiteral("an array");
    default:
        return QStringLiteral("a value of an unexpected type");
    }
}

unsigned bit(StateType type)
{
    return 1u << unsigned(type);
}

// Which state types allow which fields (the "Fields" tables of the Step Functions developer guide).
constexpr unsigned kPass = 1u << unsigned(StateType::Pass);
constexpr unsigned kTask = 1u << unsigned(StateType::Task);
constexpr unsigned kChoice = 1u << unsigned(StateType::Choice);
constexpr unsigned kWait = 1u << unsigned(StateType::Wait);
constexpr unsigned kFail = 1u << unsigned(StateType::Fail);
constexpr unsigned kParallel = 1u << unsigned(StateType::Parallel);
constexpr unsigned kMap = 1u << unsigned(StateType::Map);
constexpr unsigned kAll = 0xFF;
constexpr unsigned kFlowing = kPass | kTask | kWait | kParallel | kMap; // Next / End
constexpr unsigned kWorking = kPass | kTask | kParallel | kMap;         // ResultPath, Parameters

struct FieldRule
{
    std::string_view name;
    unsigned types;
};

constexpr FieldRule kStateFields[] = {
    {"Type", kAll},
    {"Comment", kAll},
    {"QueryLanguage", kAll},
    {"InputPath", kAll & ~kFail},
    {"OutputPath", kAll & ~kFail},
    {"Next", kFlowing},
    {"End", kFlowing},
    {"ResultPath", kWorking},
    {"Parameters", kWorking},
    {"ResultSelector", kTask | kParallel | kMap},
    {"Result", kPass},
    {"Resource", kTask},
    {"TimeoutSeconds", kTask},
    {"TimeoutSecondsPath", kTask},
    {"HeartbeatSeconds", kTask},
    {"HeartbeatSecondsPath", kTask},
    {"Credentials", kTask},
    {"Retry", kTask | kParallel | kMap},
    {"Catch", kTask | kParallel | kMap},
    {"Choices", kChoice},
    {"Default", kChoice},
    {"Seconds", kWait},
    {"Timestamp", kWait},
    {"SecondsPath", kWait},
    {"TimestampPath", kWait},
    {"Error", kFail},
    {"ErrorPath", kFail},
    {"Cause", kFail},
    {"CausePath", kFail},
    {"Branches", kParallel},
    {"ItemProcessor", kMap},
    {"Iterator", kMap},
    {"ItemsPath", kMap},
    {"ItemSelector", kMap},
    {"MaxConcurrency", kMap},
    {"MaxConcurrencyPath", kMap},
    {"ToleratedFailureCount", kMap},
    {"ToleratedFailureCountPath", kMap},
    {"ToleratedFailurePercentage", kMap},
    {"ToleratedFailurePercentagePath", kMap},
    {"ItemReader", kMap},
    {"ItemBatcher", kMap},
    {"ResultWriter", kMap},
    {"Label", kMap},
};

const FieldRule *stateFieldRule(std::string_view name)
{
    for (const auto &rule : kStateFields) {
        if (rule.name == name)
            return &rule;
    }
    return nullptr;
}

/// Where a set of states sits: the top level, a Parallel branch or a Map's item processor.
enum class MachineKind { Root, Branch, Processor, Iterator };

struct Transition
{
    std::string target;
    std::string pointer;
    const char *field;
};

class Builder
{
    Q_DECLARE_TR_FUNCTIONS(sluice::definition::Parser)

public:
    explicit Builder(const JsonDocument &doc) : m_doc(doc) {}

    std::vector<Issue> issues;

    std::shared_ptr<Workflow> build()
    {
        auto workflow = std::make_shared<Workflow>();
        for (const auto &d : m_doc.duplicates) {
            const bool stateName =
                std::string_view(d.pointer).ends_with("/States/" + escapePointerToken(d.key));
            add(ErrorCode::BadDefinition, d.pointer,
                stateName ? tr("The state name '%1' is used more than once in this state machine; "
                               "state names must be unique")
                                .arg(q(d.key))
                          : tr("The field '%1' is written more than once in this object; "
                               "Step Functions refuses duplicate keys")
                                .arg(q(d.key)),
                d.occurrence);
        }

        const Json &root = m_doc.root;
        if (!root.is_object()) {
            add(ErrorCode::WrongType, "",
                tr("A state machine definition must be a JSON object with StartAt and States, not %1")
                    .arg(describe(root)));
            return workflow;
        }
        if (const Json *v = get(root, "Version")) {
            if (v->is_string())
                workflow->version = v->get<std::string>();
            else
                add(ErrorCode::WrongType, "/Version",
                    tr("Version must be a string such as \"1.0\", not %1").arg(describe(*v)));
        }
        if (const Json *v = get(root, "TimeoutSeconds"))
            workflow->timeoutSeconds = integer(*v, "/TimeoutSeconds", "TimeoutSeconds", 1, kMaxSeconds);
        if (const Json *v = get(root, "QueryLanguage")) {
            if (queryLanguage(*v, "/QueryLanguage"))
                workflow->queryLanguage = v->get<std::string>();
        }
        workflow->root = std::move(*machine(root, "", MachineKind::Root));
        resolveTransitions();
        return workflow;
    }

private:
    // ---- reporting -------------------------------------------------------------------------

    void add(ErrorCode code, std::string pointer, QString message, int occurrence = 1)
    {
        issues.push_back({code, std::move(message), std::move(pointer), occurrence});
    }

    static const Json *get(const Json &object, const char *name)
    {
        const auto it = object.find(name);
        return it == object.end() ? nullptr : &*it;
    }

    static std::string child(const std::string &pointer, std::string_view token)
    {
        return pointer + '/' + escapePointerToken(token);
    }

    static std::string child(const std::string &pointer, size_t index)
    {
        return pointer + '/' + std::to_string(index);
    }

    /// Refuses every field of `object` that `allowed` does not list: "Field 'X' is not allowed in <where>".
    void onlyFields(const Json &object, const std::string &pointer,
                    std::initializer_list<std::string_view> allowed, const QString &where)
    {
        for (const auto &item : object.items()) {
            const std::string &key = item.key();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
                continue;
            QString message = tr("Field '%1' is not allowed in %2").arg(q(key), where);
            const std::string guess = closest(key, std::vector<std::string_view>(allowed));
            if (!guess.empty())
                message += tr("; did you mean '%1'?").arg(q(guess));
            add(ErrorCode::UnknownField, child(pointer, key), message);
        }
    }

    // ---- typed field readers ---------------------------------------------------------------

    std::optional<std::string> string(const Json &object, const std::string &pointer, const char *name,
                                      bool required, const QString &purpose = {})
    {
        const Json *v = get(object, name);
        if (!v) {
            if (required) {
                add(ErrorCode::MissingField, pointer,
                    purpose.isEmpty() ? tr("%1 is required here").arg(q(name))
                                      : tr("%1 is required: %2").arg(q(name), purpose));
            }
            return std::nullopt;
        }
        if (!v->is_string()) {
            add(ErrorCode::WrongType, child(pointer, name),
                tr("%1 must be a string, not %2").arg(q(name), describe(*v)));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<double> integer(const Json &v, const std::string &pointer, const char *name, double min,
                                  double max)
    {
        const bool isInteger = v.is_number_integer() || v.is_number_unsigned();
        double value = 0;
        if (v.is_number_unsigned())
            value = double(v.get<std::uint64_t>());
        else if (v.is_number_integer())
            value = double(v.get<std::int64_t>());
        if (isInteger && value >= min && value <= max)
            return value;
        QString expected;
        if (min <= 0)
            expected = tr("a whole number from 0 to %1").arg(qint64(max));
        else
            expected = tr("a positive whole number (at most %1)").arg(qint64(max));
        add(ErrorCode::WrongType, pointer, tr("%1 must be %2, not %3").arg(q(name), expected, describe(v)));
        return std::nullopt;
    }

    std::optional<JsonPath> path(const Json &v, const std::string &pointer, const char *name,
                                 JsonPath::Kind kind)
    {
        if (!v.is_string()) {
            add(ErrorCode::WrongType, pointer,
                tr("%1 must be a string holding a %2, not %3")
                    .arg(q(name),
                         kind == JsonPath::Kind::Reference ? tr("reference path such as \"$.result\"")
                                                           : tr("path such as \"$.items\""),
                         describe(v)));
            return std::nullopt;
        }
        const std::string &text = v.get_ref<const std::string &>();
        auto parsed = JsonPath::parse(text, kind);
        if (!parsed) {
            add(ErrorCode::BadPath, pointer,
                tr("%1 '%2' is not a valid %3: %4")
                    .arg(q(name), q(text),
                         kind == JsonPath::Kind::Reference ? tr("reference path") : tr("path"),
                         parsed.error().message));
            return std::nullopt;
        }
        return std::move(parsed).value();
    }

    std::optional<JsonPath> pathField(const Json &object, const std::string &pointer, const char *name,
                                      JsonPath::Kind kind)
    {
        const Json *v = get(object, name);
        if (!v)
            return std::nullopt;
        return path(*v, child(pointer, name), name, kind);
    }

    /// InputPath, OutputPath, ResultPath: absent, null or a path.
    PathField nullablePath(const Json &object, const std::string &pointer, const char *name,
                           JsonPath::Kind kind)
    {
        PathField field;
        const Json *v = get(object, name);
        if (!v)
            return field;
        if (v->is_null()) {
            field.mode = PathField::Mode::Null;
            return field;
        }
        if (auto p = path(*v, child(pointer, name), name, kind)) {
            field.mode = PathField::Mode::Path;
            field.path = std::move(*p);
        }
        return field;
    }

    /// X / XPath pairs such as TimeoutSeconds / TimeoutSecondsPath.
    NumberField numberPair(const Json &object, const std::string &pointer, const char *name,
                           const char *pathName, double min, double max, bool wholeNumber = true)
    {
        NumberField field;
        const Json *v = get(object, name);
        const Json *p = get(object, pathName);
        if (v && p) {
            add(ErrorCode::BadDefinition, child(pointer, pathName),
                tr("Use %1 or %2, not both").arg(q(name), q(pathName)));
        }
        if (v) {
            if (wholeNumber) {
                field.value = integer(*v, child(pointer, name), name, min, max);
            } else if (v->is_number() && v->get<double>() >= min && v->get<double>() <= max) {
                field.value = v->get<double>();
            } else {
                add(ErrorCode::WrongType, child(pointer, name),
                    tr("%1 must be a number from %2 to %3, not %4")
                        .arg(q(name))
                        .arg(min)
                        .arg(max)
                        .arg(describe(*v)));
            }
        }
        if (p)
            field.path = path(*p, child(pointer, pathName), pathName, JsonPath::Kind::Reference);
        return field;
    }

    std::optional<PayloadTemplate> payload(const Json &object, const std::string &pointer, const char *name)
    {
        const Json *v = get(object, name);
        if (!v)
            return std::nullopt;
        const std::string at = child(pointer, name);
        auto compiled = PayloadTemplate::compile(*v, at);
        if (!compiled) {
            const Error &e = compiled.error();
            add(e.code, e.where.pointer.isEmpty() ? at : e.where.pointer.toStdString(),
                tr("%1: %2").arg(q(name), e.message));
            return std::nullopt;
        }
        return std::move(compiled).value();
    }

    bool queryLanguage(const Json &v, const std::string &pointer)
    {
        if (v.is_string() && v.get_ref<const std::string &>() == "JSONPath")
            return true;
        if (v.is_string() && v.get_ref<const std::string &>() == "JSONata") {
            add(ErrorCode::BadDefinition, pointer,
                tr("QueryLanguage \"JSONata\" is not supported yet; Sluice runs JSONPath definitions "
                   "(remove QueryLanguage or set it to \"JSONPath\")"));
        } else {
            add(ErrorCode::WrongType, pointer,
                tr("QueryLanguage must be \"JSONPath\" (or \"JSONata\", not supported yet), not %1")
                    .arg(describe(v)));
        }
        return false;
    }

    bool oneOf(const Json &object, const std::string &pointer, const char *name,
               std::initializer_list<std::string_view> values, std::string *out = nullptr)
    {
        const Json *v = get(object, name);
        if (!v)
            return false;
        if (v->is_string()) {
            const std::string &text = v->get_ref<const std::string &>();
            if (std::find(values.begin(), values.end(), text) != values.end()) {
                if (out)
                    *out = text;
                return true;
            }
        }
        QStringList names;
        for (std::string_view value : values)
            names << QStringLiteral("\"%1\"").arg(q(value));
        add(ErrorCode::WrongType, child(pointer, name),
            tr("%1 must be one of %2, not %3").arg(q(name), names.join(QStringLiteral(", ")), describe(*v)));
        return false;
    }

    // ---- state machines --------------------------------------------------------------------

    std::shared_ptr<StateMachine> machine(const Json &object, const std::string &pointer, MachineKind kind)
    {
        auto m = std::make_shared<StateMachine>();
        if (!object.is_object()) {
            add(ErrorCode::WrongType, pointer,
                tr("A state machine must be an object with StartAt and States, not %1")
                    .arg(describe(object)));
            return m;
        }
        switch (kind) {
        case MachineKind::Root:
            onlyFields(object, pointer,
                       {"Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"},
                       tr("a state machine definition"));
            break;
        case MachineKind::Branch:
            onlyFields(object, pointer, {"Comment", "StartAt", "States"}, tr("a Parallel branch"));
            break;
        case MachineKind::Processor:
            onlyFields(object, pointer, {"Comment", "StartAt", "States", "ProcessorConfig"},
                       tr("an ItemProcessor"));
            break;
        case MachineKind::Iterator:
            onlyFields(object, pointer, {"Comment", "StartAt", "States"}, tr("an Iterator"));
            break;
        }
        if (auto comment = string(object, pointer, "Comment", false))
            m->comment = *comment;
        const auto startAt =
            string(object, pointer, "StartAt", true, tr("the name of the state to run first"));
        if (startAt)
            m->startAt = *startAt;

        const Json *states = get(object, "States");
        if (!states) {
            add(ErrorCode::MissingField, pointer, tr("States is required: an object of named states"));
            return m;
        }
        const std::string statesPointer = child(pointer, "States");
        if (!states->is_object()) {
            add(ErrorCode::WrongType, statesPointer,
                tr("States must be an object that maps state names to states, not %1")
                    .arg(describe(*states)));
            return m;
        }

        std::vector<Transition> transitions;
        if (startAt)
            transitions.push_back({*startAt, child(pointer, "StartAt"), "StartAt"});
        bool broken = false; // a state we could not read: its transitions are unknown

        const auto order = m_doc.keyOrder.find(statesPointer);
        std::vector<std::string> names;
        if (order != m_doc.keyOrder.end()) {
            names = order->second;
        } else {
            for (const auto &item : states->items())
                names.push_back(item.key());
        }
        m->states.reserve(names.size());
        for (const std::string &name : names) {
            const auto it = states->find(name);
            if (it == states->end())
                continue;
            const std::string statePointer = child(statesPointer, name);
            State s = state(name, *it, statePointer, transitions, broken);
            m->indexByName.emplace(name, int(m->states.size()));
            m_allStates.emplace(name, pointer);
            m->states.push_back(std::move(s));
        }

        std::vector<std::string_view> candidates;
        for (const Transition &t : transitions) {
            if (m->indexByName.count(t.target))
                continue;
            // suggestions cost (unresolved x states) edit distances: bounded for pathological documents
            std::string suggestion;
            if (m_suggestions < kMaxSuggestions) {
                ++m_suggestions;
                if (candidates.empty()) {
                    for (const auto &s : m->states)
                        candidates.push_back(s.name);
                }
                suggestion = closest(t.target, candidates);
            }
            m_unresolved.push_back({t, suggestion});
        }
        if (!broken && startAt && m->find(m->startAt))
            reportUnreachable(*m, statesPointer);
        return m;
    }

    void reportUnreachable(const StateMachine &m, const std::string &statesPointer)
    {
        std::vector<char> reached(m.states.size(), 0);
        std::vector<int> queue{m.indexByName.at(m.startAt)};
        reached[size_t(queue.front())] = 1;
        auto visit = [&](const std::string &name) {
            if (name.empty())
                return;
            const auto it = m.indexByName.find(name);
            if (it != m.indexByName.end() && !reached[size_t(it->second)]) {
                reached[size_t(it->second)] = 1;
                queue.push_back(it->second);
            }
        };
        while (!queue.empty()) {
            const State &s = m.states[size_t(queue.back())];
            queue.pop_back();
            visit(s.next);
            visit(s.defaultNext);
            for (const auto &rule : s.choices)
                visit(rule.next);
            for (const auto &c : s.catchers)
                visit(c.next);
        }
        for (size_t i = 0; i < m.states.size(); ++i) {
            if (!reached[i]) {
                add(ErrorCode::Unreachable, child(statesPointer, m.states[i].name),
                    tr("The state '%1' can never run: no path from StartAt ('%2') leads to it")
                        .arg(q(m.states[i].name), q(m.startAt)));
            }
        }
    }

    void resolveTransitions()
    {
        for (const auto &u : m_unresolved) {
            QString message = tr("%1 names '%2', which is not a state in this state machine")
                                  .arg(q(u.transition.field), q(u.transition.target));
            if (m_allStates.count(u.transition.target)) {
                message += tr(" (it is a state of another state machine: a transition cannot enter or leave "
                              "a Parallel branch or a Map's item processor)");
            } else if (!u.suggestion.empty()) {
                message += tr("; did you mean '%1'?").arg(q(u.suggestion));
            }
            add(ErrorCode::UnknownState, u.transition.pointer, message);
        }
    }

    // ---- states ----------------------------------------------------------------------------

    State state(const std::string &name, const Json &object, const std::string &pointer,
                std::vector<Transition> &transitions, bool &broken)
    {
        State s;
        s.name = name;
        const int length = utf8Length(name);
        if (length == 0 || length > kMaxStateNameLength) {
            add(ErrorCode::BadDefinition, pointer,
                tr("The state name '%1' has %2 characters; a state name must have 1 to %3")
                    .arg(q(name))
                    .arg(length)
                    .arg(kMaxStateNameLength));
        }
        if (!object.is_object()) {
            add(ErrorCode::WrongType, pointer,
                tr("The state '%1' must be an object, not %2").arg(q(name), describe(object)));
            broken = true;
            return s;
        }
        const Json *typeValue = get(object, "Type");
        std::optional<StateType> type;
        if (!typeValue) {
            add(ErrorCode::MissingField, pointer,
                tr("The state '%1' has no Type; it must be one of Pass, Task, Choice, Wait, Succeed, Fail, "
                   "Parallel, Map")
                    .arg(q(name)));
        } else if (typeValue->is_string()) {
            type = stateTypeFromName(typeValue->get_ref<const std::string &>());
            if (!type) {
                QString message =
                    tr("Type '%1' is not a state type; it must be one of Pass, Task, Choice, Wait, "
                       "Succeed, Fail, Parallel, Map")
                        .arg(q(typeValue->get_ref<const std::string &>()));
                const std::string guess =
                    closest(typeValue->get_ref<const std::string &>(),
                            {"Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"});
                if (!guess.empty())
                    message += tr("; did you mean '%1'?").arg(q(guess));
                add(ErrorCode::WrongType, child(pointer, "Type"), message);
            }
        } else {
            add(ErrorCode::WrongType, child(pointer, "Type"),
                tr("Type must be a string such as \"Task\", not %1").arg(describe(*typeValue)));
        }
        if (!type) {
            broken = true;
            return s;
        }
        s.type = *type;
        const char *typeName = stateTypeName(s.type);

        // field names legal for this type
        std::vector<std::string_view> allowed;
        for (const auto &rule : kStateFields) {
            if (rule.types & bit(s.type))
                allowed.push_back(rule.name);
        }
        for (const auto &item : object.items()) {
            const std::string &key = item.key();
            const FieldRule *rule = stateFieldRule(key);
            if (rule && (rule->types & bit(s.type)))
                continue;
            QString message = tr("Field '%1' is not allowed in a %2 state").arg(q(key), q(typeName));
            if ((key == "Next" || key == "End") && s.type == StateType::Choice) {
                message += tr(" (a Choice state names its next states in each rule's Next and in Default)");
            } else if ((key == "Next" || key == "End") &&
                       (s.type == StateType::Succeed || s.type == StateType::Fail)) {
                message += tr(" (a %1 state always ends its state machine)").arg(q(typeName));
            } else if (!rule) {
                const std::string guess = closest(key, allowed);
                if (!guess.empty())
                    message += tr("; did you mean '%1'?").arg(q(guess));
            }
            add(ErrorCode::UnknownField, child(pointer, key), message);
        }

        if (auto comment = string(object, pointer, "Comment", false))
            s.comment = *comment;
        if (const Json *v = get(object, "QueryLanguage")) {
            if (queryLanguage(*v, child(pointer, "QueryLanguage")))
                s.queryLanguage = v->get<std::string>();
        }
        if (s.type != StateType::Fail) {
            s.inputPath = nullablePath(object, pointer, "InputPath", JsonPath::Kind::Path);
            s.outputPath = nullablePath(object, pointer, "OutputPath", JsonPath::Kind::Path);
        }
        if (bit(s.type) & kFlowing)
            nextOrEnd(s, object, pointer, transitions);
        if (bit(s.type) & kWorking) {
            s.resultPath = nullablePath(object, pointer, "ResultPath", JsonPath::Kind::Reference);
            if (s.type != StateType::Map)
                s.parameters = payload(object, pointer, "Parameters");
        }
        if (bit(s.type) & (kTask | kParallel | kMap)) {
            s.resultSelector = payload(object, pointer, "ResultSelector");
            retry(s, object, pointer);
            catchers(s, object, pointer, transitions);
        }

        switch (s.type) {
        case StateType::Pass:
            if (const Json *v = get(object, "Result"))
                s.result = *v;
            break;
        case StateType::Task:
            task(s, object, pointer);
            break;
        case StateType::Choice:
            choice(s, object, pointer, transitions);
            break;
        case StateType::Wait:
            wait(s, object, pointer);
            break;
        case StateType::Succeed:
            break;
        case StateType::Fail:
            fail(s, object, pointer);
            break;
        case StateType::Parallel:
            parallel(s, object, pointer);
            break;
        case StateType::Map:
            map(s, object, pointer);
            break;
        }
        return s;
    }

    void nextOrEnd(State &s, const Json &object, const std::string &pointer,
                   std::vector<Transition> &transitions)
    {
        const Json *next = get(object, "Next");
        const Json *end = get(object, "End");
        const char *typeName = stateTypeName(s.type);
        if (next && end) {
            add(ErrorCode::BadDefinition, child(pointer, "End"),
                tr("A %1 state has either Next or End, not both").arg(q(typeName)));
        } else if (!next && !end) {
            add(ErrorCode::MissingField, pointer,
                tr("A %1 state needs Next (the state to run after it) or \"End\": true").arg(q(typeName)));
        }
        if (end) {
            if (!end->is_boolean()) {
                add(ErrorCode::WrongType, child(pointer, "End"),
                    tr("End must be true, not %1").arg(describe(*end)));
            } else if (!end->get<bool>()) {
                add(ErrorCode::BadDefinition, child(pointer, "End"),
                    tr("End must be true when present; to continue to another state, use Next instead"));
            } else {
                s.end = true;
            }
        }
        if (next) {
            if (!next->is_string()) {
                add(ErrorCode::WrongType, child(pointer, "Next"),
                    tr("Next must be the name of a state (a string), not %1").arg(describe(*next)));
            } else {
                s.next = next->get<std::string>();
                transitions.push_back({s.next, child(pointer, "Next"), "Next"});
            }
        }
    }

    std::vector<std::string> errorEquals(const Json &object, const std::string &pointer, bool *matchesAll)
    {
        std::vector<std::string> names;
        const Json *v = get(object, "ErrorEquals");
        const std::string at = child(pointer, "ErrorEquals");
        if (!v) {
            add(ErrorCode::MissingField, pointer,
                tr("ErrorEquals is required: the error names to match, such as [\"States.ALL\"]"));
            return names;
        }
        if (!v->is_array() || v->empty()) {
            add(ErrorCode::WrongType, at,
                tr("ErrorEquals must be a non-empty array of error names, not %1").arg(describe(*v)));
            return names;
        }
        for (size_t i = 0; i < v->size(); ++i) {
            const Json &name = (*v)[i];
            if (!name.is_string() || name.get_ref<const std::string &>().empty()) {
                add(ErrorCode::WrongType, child(at, i),
                    tr("An error name must be a non-empty string, not %1").arg(describe(name)));
                continue;
            }
            names.push_back(name.get<std::string>());
        }
        const bool all = std::find(names.begin(), names.end(), errors::kAll) != names.end();
        if (all && v->size() > 1) {
            add(ErrorCode::BadDefinition, at,
                tr("States.ALL must be the only error name in its ErrorEquals (it already matches every "
                   "error)"));
        }
        *matchesAll = all;
        return names;
    }

    void retry(State &s, const Json &object, const std::string &pointer)
    {
        const Json *list = get(object, "Retry");
        if (!list)
            return;
        const std::string at = child(pointer, "Retry");
        if (!list->is_array()) {
            add(ErrorCode::WrongType, at,
                tr("Retry must be an array of retriers, not %1").arg(describe(*list)));
            return;
        }
        for (size_t i = 0; i < list->size(); ++i) {
            const Json &item = (*list)[i];
            const std::string ip = child(at, i);
            if (!item.is_object()) {
                add(ErrorCode::WrongType, ip,
                    tr("A retrier must be an object with ErrorEquals, not %1").arg(describe(item)));
                continue;
            }
            onlyFields(item, ip,
                       {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                        "JitterStrategy", "Comment"},
                       tr("a retrier"));
            Retrier r;
            bool all = false;
            r.errorEquals = errorEquals(item, ip, &all);
            if (all && i + 1 < list->size()) {
                add(ErrorCode::BadDefinition, child(ip, "ErrorEquals"),
                    tr("A retrier that matches States.ALL must be the last one in Retry"));
            }
            if (const Json *v = get(item, "IntervalSeconds")) {
                r.written |= Retrier::WroteInterval;
                if (auto n = integer(*v, child(ip, "IntervalSeconds"), "IntervalSeconds", 1, kMaxSeconds))
                    r.intervalSeconds = *n;
            }
            if (const Json *v = get(item, "MaxAttempts")) {
                r.written |= Retrier::WroteMaxAttempts;
                if (auto n = integer(*v, child(ip, "MaxAttempts"), "MaxAttempts", 0, kMaxSeconds))
                    r.maxAttempts = int(*n);
            }
            if (const Json *v = get(item, "BackoffRate")) {
                r.written |= Retrier::WroteBackoffRate;
                if (v->is_number() && v->get<double>() >= 1.0 && v->get<double>() <= kMaxSeconds)
                    r.backoffRate = v->get<double>();
                else
                    add(ErrorCode::WrongType, child(ip, "BackoffRate"),
                        tr("BackoffRate must be a number of at least 1.0, not %1").arg(describe(*v)));
            }
            if (const Json *v = get(item, "MaxDelaySeconds"))
                r.maxDelaySeconds = integer(*v, child(ip, "MaxDelaySeconds"), "MaxDelaySeconds", 1, 31622400);
            if (get(item, "JitterStrategy")) {
                r.written |= Retrier::WroteJitter;
                std::string jitter;
                if (oneOf(item, ip, "JitterStrategy", {"FULL", "NONE"}, &jitter))
                    r.jitterFull = jitter == "FULL";
            }
            if (auto comment = string(item, ip, "Comment", false))
                r.comment = *comment;
            s.retry.push_back(std::move(r));
        }
    }

    void catchers(State &s, const Json &object, const std::string &pointer,
                  std::vector<Transition> &transitions)
    {
        const Json *list = get(object, "Catch");
        if (!list)
            return;
        const std::string at = child(pointer, "Catch");
        if (!list->is_array()) {
            add(ErrorCode::WrongType, at,
                tr("Catch must be an array of catchers, not %1").arg(describe(*list)));
            return;
        }
        for (size_t i = 0; i < list->size(); ++i) {
            const Json &item = (*list)[i];
            const std::string ip = child(at, i);
            if (!item.is_object()) {
                add(ErrorCode::WrongType, ip,
                    tr("A catcher must be an object with ErrorEquals and Next, not %1").arg(describe(item)));
                continue;
            }
            onlyFields(item, ip, {"ErrorEquals", "Next", "ResultPath", "Comment"}, tr("a catcher"));
            Catcher c;
            bool all = false;
            c.errorEquals = errorEquals(item, ip, &all);
            if (all && i + 1 < list->size()) {
                add(ErrorCode::BadDefinition, child(ip, "ErrorEquals"),
                    tr("A catcher that matches States.ALL must be the last one in Catch"));
            }
            if (auto next = string(item, ip, "Next", true, tr("the state to run when the error is caught"))) {
                c.next = *next;
                transitions.push_back({c.next, child(ip, "Next"), "Next"});
            }
            c.resultPath = nullablePath(item, ip, "ResultPath", JsonPath::Kind::Reference);
            if (auto comment = string(item, ip, "Comment", false))
                c.comment = *comment;
            s.catchers.push_back(std::move(c));
        }
    }

    void task(State &s, const Json &object, const std::string &pointer)
    {
        if (auto resource = string(object, pointer, "Resource", true,
                                   tr("the task to run, such as \"sluice:http\" or an AWS ARN"))) {
            if (resource->find(':') == std::string::npos || resource->front() == ':') {
                add(ErrorCode::WrongType, child(pointer, "Resource"),
                    tr("Resource must be a URI such as \"sluice:http\" or an AWS ARN, not %1")
                        .arg(describe(object["Resource"])));
            }
            s.resource = *resource;
        }
        s.timeoutSeconds =
            numberPair(object, pointer, "TimeoutSeconds", "TimeoutSecondsPath", 1, kMaxSeconds);
        s.heartbeatSeconds =
            numberPair(object, pointer, "HeartbeatSeconds", "HeartbeatSecondsPath", 1, kMaxSeconds);
        if (s.timeoutSeconds.value && s.heartbeatSeconds.value &&
            *s.heartbeatSeconds.value >= *s.timeoutSeconds.value) {
            add(ErrorCode::BadDefinition, child(pointer, "HeartbeatSeconds"),
                tr("HeartbeatSeconds (%1) must be smaller than TimeoutSeconds (%2)")
                    .arg(*s.heartbeatSeconds.value)
                    .arg(*s.timeoutSeconds.value));
        }
        s.credentials = payload(object, pointer, "Credentials");
    }

    // ---- Choice ----------------------------------------------------------------------------

    void choice(State &s, const Json &object, const std::string &pointer,
                std::vector<Transition> &transitions)
    {
        const Json *list = get(object, "Choices");
        const std::string at = child(pointer, "Choices");
        if (!list) {
            add(ErrorCode::MissingField, pointer,
                tr("Choices is required: a non-empty array of Choice rules"));
        } else if (!list->is_array() || list->empty()) {
            add(ErrorCode::WrongType, at,
                tr("Choices must be a non-empty array of Choice rules, not %1").arg(describe(*list)));
        } else {
            for (size_t i = 0; i < list->size(); ++i) {
                ChoiceRule rule = choiceRule((*list)[i], child(at, i), true);
                if (!rule.next.empty())
                    transitions.push_back({rule.next, child(child(at, i), "Next"), "Next"});
                s.choices.push_back(std::move(rule));
            }
        }
        if (auto def = string(object, pointer, "Default", false)) {
            s.defaultNext = *def;
            transitions.push_back({s.defaultNext, child(pointer, "Default"), "Default"});
        }
    }

    ChoiceRule choiceRule(const Json &object, const std::string &pointer, bool topLevel)
    {
        ChoiceRule rule;
        if (!object.is_object()) {
            add(ErrorCode::BadChoiceRule, pointer,
                tr("A Choice rule must be an object, not %1").arg(describe(object)));
            return rule;
        }
        std::vector<std::string> operators;
        bool hasVariable = false;
        static const std::vector<std::string_view> kKnown = [] {
            std::vector<std::string_view> names{"Variable", "Next", "Comment", "And", "Or", "Not"};
            for (int i = 0; i <= int(ChoiceRule::Op::IsTimestamp); ++i) {
                names.push_back(choiceOpName(ChoiceRule::Op(i)));
            }
            return names;
        }();
        for (const auto &item : object.items()) {
            const std::string &key = item.key();
            if (key == "And" || key == "Or" || key == "Not" || choiceOpFromName(key, nullptr)) {
                operators.push_back(key);
            } else if (key == "Variable") {
                hasVariable = true;
            } else if (key != "Next" && key != "Comment") {
                QString message = tr("Field '%1' is not allowed in a Choice rule").arg(q(key));
                const std::string guess = closest(key, kKnown);
                if (!guess.empty())
                    message += tr("; did you mean '%1'?").arg(q(guess));
                add(ErrorCode::UnknownField, child(pointer, key), message);
            }
        }
        if (auto comment = string(object, pointer, "Comment", false))
            rule.comment = *comment;
        if (topLevel) {
            if (auto next =
                    string(object, pointer, "Next", true, tr("the state to run when this rule matches")))
                rule.next = *next;
        } else if (get(object, "Next")) {
            add(ErrorCode::BadChoiceRule, child(pointer, "Next"),
                tr("Only top-level Choice rules have Next; a rule inside And, Or or Not must not"));
        }
        if (operators.empty()) {
            add(ErrorCode::BadChoiceRule, pointer,
                tr("This Choice rule has no comparison (such as StringEquals or NumericGreaterThan) and no "
                   "And, Or or Not"));
            return rule;
        }
        if (operators.size() > 1) {
            add(ErrorCode::BadChoiceRule, child(pointer, operators[1]),
                tr("A Choice rule holds exactly one comparison or And/Or/Not; this one has both '%1' and "
                   "'%2' "
                   "(combine them with And)")
                    .arg(q(operators[0]), q(operators[1])));
        }
        const std::string &key = operators.front();
        const Json &operand = object[key];
        const std::string at = child(pointer, key);

        if (key == "And" || key == "Or" || key == "Not") {
            rule.kind = key == "And"  ? ChoiceRule::Kind::And
                        : key == "Or" ? ChoiceRule::Kind::Or
                                      : ChoiceRule::Kind::Not;
            if (hasVariable) {
                add(ErrorCode::BadChoiceRule, child(pointer, "Variable"),
                    tr("Variable does not belong in a rule with %1; put it in the nested comparisons")
                        .arg(q(key)));
            }
            if (rule.kind == ChoiceRule::Kind::Not) {
                if (!operand.is_object())
                    add(ErrorCode::BadChoiceRule, at,
                        tr("Not must hold one Choice rule (an object), not %1").arg(describe(operand)));
                else
                    rule.children.push_back(choiceRule(operand, at, false));
            } else if (!operand.is_array() || operand.empty()) {
                add(ErrorCode::BadChoiceRule, at,
                    tr("%1 must be a non-empty array of Choice rules, not %2")
                        .arg(q(key), describe(operand)));
            } else {
                for (size_t i = 0; i < operand.size(); ++i)
                    rule.children.push_back(choiceRule(operand[i], child(at, i), false));
            }
            return rule;
        }

        rule.kind = ChoiceRule::Kind::Compare;
        bool isPath = false;
        rule.op = *choiceOpFromName(key, &isPath);
        rule.operandIsPath = isPath;
        if (!hasVariable) {
            add(ErrorCode::MissingField, pointer,
                tr("This comparison (%1) needs a Variable: the path of the value to compare").arg(q(key)));
        } else if (auto variable = path(object["Variable"], child(pointer, "Variable"), "Variable",
                                        JsonPath::Kind::Path)) {
            rule.variable = std::move(*variable);
        }
        if (isPath) {
            if (auto p = path(operand, at, key.c_str(), JsonPath::Kind::Path))
                rule.operandPath = std::move(*p);
            return rule;
        }
        using Op = ChoiceRule::Op;
        const Op op = rule.op;
        bool ok = false;
        QString expected;
        if (op <= Op::StringMatches) {
            ok = operand.is_string();
            expected = tr("a string");
        } else if (op <= Op::NumericGreaterThanEquals) {
            ok = operand.is_number();
            expected = tr("a number");
        } else if (op == Op::BooleanEquals || op >= Op::IsNull) {
            ok = operand.is_boolean();
            expected = tr("true or false");
        } else { // Timestamp*
            ok =
                operand.is_string() && timestamp::parseMs(operand.get_ref<const std::string &>()).has_value();
            expected = tr("an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\"");
        }
        if (!ok) {
            add(ErrorCode::WrongType, at,
                tr("%1 compares with %2, not %3").arg(q(key), expected, describe(operand)));
            return rule;
        }
        rule.operand = operand;
        return rule;
    }

    // ---- Wait, Fail ------------------------------------------------------------------------

    void wait(State &s, const Json &object, const std::string &pointer)
    {
        std::vector<const char *> present;
        for (const char *name : {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"}) {
            if (get(object, name))
                present.push_back(name);
        }
        if (present.empty()) {
            add(ErrorCode::MissingField, pointer,
                tr("A Wait state needs one of Seconds, Timestamp, SecondsPath or TimestampPath"));
        } else if (present.size() > 1) {
            add(ErrorCode::BadDefinition, child(pointer, present[1]),
                tr("A Wait state takes exactly one of Seconds, Timestamp, SecondsPath and TimestampPath; "
                   "this one has both %1 and %2")
                    .arg(q(present[0]), q(present[1])));
        }
        if (const Json *v = get(object, "Seconds"))
            s.seconds = integer(*v, child(pointer, "Seconds"), "Seconds", 0, kMaxSeconds);
        if (const Json *v = get(object, "Timestamp")) {
            if (v->is_string() && timestamp::parseMs(v->get_ref<const std::string &>()))
                s.timestamp = v->get<std::string>();
            else
                add(ErrorCode::WrongType, child(pointer, "Timestamp"),
                    tr("Timestamp must be an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\", not %1")
                        .arg(describe(*v)));
        }
        s.secondsPath = pathField(object, pointer, "SecondsPath", JsonPath::Kind::Reference);
        s.timestampPath = pathField(object, pointer, "TimestampPath", JsonPath::Kind::Reference);
    }

    StringField stringOrPath(const Json &object, const std::string &pointer, const char *name,
                             const char *pathName)
    {
        StringField field;
        if (get(object, name) && get(object, pathName)) {
            add(ErrorCode::BadDefinition, child(pointer, pathName),
                tr("Use %1 or %2, not both").arg(q(name), q(pathName)));
        }
        if (auto value = string(object, pointer, name, false))
            field.value = *value;
        const Json *p = get(object, pathName);
        if (!p)
            return field;
        const std::string at = child(pointer, pathName);
        // AWS: a reference path, or one of the intrinsics that return a string
        if (p->is_string() && Intrinsic::looksLikeCall(p->get_ref<const std::string &>())) {
            const std::string &text = p->get_ref<const std::string &>();
            auto call = Intrinsic::parse(text);
            if (!call) {
                add(ErrorCode::BadIntrinsic, at, tr("%1: %2").arg(q(pathName), call.error().message));
                return field;
            }
            static constexpr std::string_view kStringFunctions[] = {
                "States.Format",       "States.JsonToString", "States.ArrayGetItem", "States.Base64Encode",
                "States.Base64Decode", "States.Hash",         "States.UUID"};
            const auto begin = text.find_first_not_of(" \t");
            const std::string_view function =
                std::string_view(text).substr(begin == std::string::npos ? 0 : begin,
                                              text.find('(') - (begin == std::string::npos ? 0 : begin));
            if (std::find(std::begin(kStringFunctions), std::end(kStringFunctions), function) ==
                std::end(kStringFunctions)) {
                add(ErrorCode::BadIntrinsic, at,
                    tr("%1 can use only an intrinsic function that returns a string (States.Format, "
                       "States.JsonToString, States.ArrayGetItem, States.Base64Encode, States.Base64Decode, "
                       "States.Hash or States.UUID), not %2")
                        .arg(q(pathName), q(function)));
                return field;
            }
            field.intrinsic = std::move(call).value();
        } else {
            field.path = path(*p, at, pathName, JsonPath::Kind::Reference);
        }
        return field;
    }

    void fail(State &s, const Json &object, const std::string &pointer)
    {
        s.error = stringOrPath(object, pointer, "Error", "ErrorPath");
        s.cause = stringOrPath(object, pointer, "Cause", "CausePath");
    }

    // ---- Parallel, Map ---------------------------------------------------------------------

    void parallel(State &s, const Json &object, const std::string &pointer)
    {
        const Json *branches = get(object, "Branches");
        const std::string at = child(pointer, "Branches");
        if (!branches) {
            add(ErrorCode::MissingField, pointer,
                tr("Branches is required: a non-empty array of state machines to run in parallel"));
            return;
        }
        if (!branches->is_array() || branches->empty()) {
            add(ErrorCode::WrongType, at,
                tr("Branches must be a non-empty array of state machines, not %1").arg(describe(*branches)));
            return;
        }
        for (size_t i = 0; i < branches->size(); ++i)
            s.branches.push_back(machine((*branches)[i], child(at, i), MachineKind::Branch));
    }

    void distributedOnly(const State &s, const Json &object, const std::string &pointer,
                         std::initializer_list<const char *> names)
    {
        if (s.distributed)
            return;
        for (const char *name : names) {
            if (get(object, name)) {
                add(ErrorCode::BadDefinition, child(pointer, name),
                    tr("%1 is only allowed in a distributed Map (set ItemProcessor.ProcessorConfig.Mode to "
                       "\"DISTRIBUTED\")")
                        .arg(q(name)));
            }
        }
    }

    void map(State &s, const Json &object, const std::string &pointer)
    {
        const Json *processor = get(object, "ItemProcessor");
        const Json *iterator = get(object, "Iterator");
        if (processor && iterator) {
            add(ErrorCode::BadDefinition, child(pointer, "Iterator"),
                tr("Use ItemProcessor or the older Iterator, not both"));
        } else if (!processor && !iterator) {
            add(ErrorCode::MissingField, pointer,
                tr("A Map state needs an ItemProcessor: the states to run for each item"));
        }
        if (processor) {
            const std::string at = child(pointer, "ItemProcessor");
            s.processor = machine(*processor, at, MachineKind::Processor);
            if (processor->is_object())
                processorConfig(s, *processor, at);
        } else if (iterator) {
            s.legacyIterator = true;
            s.processor = machine(*iterator, child(pointer, "Iterator"), MachineKind::Iterator);
        }

        s.itemsPath = pathField(object, pointer, "ItemsPath", JsonPath::Kind::Reference);
        if (get(object, "ItemsPath") && get(object, "ItemReader")) {
            add(ErrorCode::BadDefinition, child(pointer, "ItemsPath"),
                tr("Use ItemsPath (items from the state input) or ItemReader (items from a file), not both"));
        }
        const bool selector = get(object, "ItemSelector");
        const bool legacy = get(object, "Parameters");
        if (selector && legacy) {
            add(ErrorCode::BadDefinition, child(pointer, "Parameters"),
                tr("Use ItemSelector or the older Parameters, not both"));
        }
        if (selector) {
            s.parameters = payload(object, pointer, "ItemSelector");
        } else if (legacy) {
            s.itemSelectorIsLegacyParameters = true;
            s.parameters = payload(object, pointer, "Parameters");
        }
        s.maxConcurrency =
            numberPair(object, pointer, "MaxConcurrency", "MaxConcurrencyPath", 0, kMaxSeconds);
        s.toleratedFailureCount =
            numberPair(object, pointer, "ToleratedFailureCount", "ToleratedFailureCountPath", 0, kMaxSeconds);
        s.toleratedFailurePercentage = numberPair(object, pointer, "ToleratedFailurePercentage",
                                                  "ToleratedFailurePercentagePath", 0, 100, false);
        distributedOnly(s, object, pointer,
                        {"ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                         "ToleratedFailurePercentagePath", "ItemReader", "ItemBatcher", "ResultWriter",
                         "Label"});
        if (const Json *v = get(object, "ItemReader"))
            s.itemReader = itemReader(*v, child(pointer, "ItemReader"));
        if (const Json *v = get(object, "ItemBatcher"))
            s.itemBatcher = itemBatcher(*v, child(pointer, "ItemBatcher"));
        if (const Json *v = get(object, "ResultWriter"))
            s.resultWriter = resultWriter(*v, child(pointer, "ResultWriter"));
        if (auto label = string(object, pointer, "Label", false)) {
            if (utf8Length(*label) > kMaxLabelLength)
                add(ErrorCode::WrongType, child(pointer, "Label"),
                    tr("Label must have at most %1 characters").arg(kMaxLabelLength));
            s.label = *label;
        }
    }

    void processorConfig(State &s, const Json &processor, const std::string &pointer)
    {
        const Json *config = get(processor, "ProcessorConfig");
        if (!config)
            return;
        const std::string at = child(pointer, "ProcessorConfig");
        if (!config->is_object()) {
            add(ErrorCode::WrongType, at,
                tr("ProcessorConfig must be an object, not %1").arg(describe(*config)));
            return;
        }
        s.processorConfig = *config;
        onlyFields(*config, at, {"Mode", "ExecutionType"}, tr("ProcessorConfig"));
        std::string mode;
        if (oneOf(*config, at, "Mode", {"INLINE", "DISTRIBUTED"}, &mode))
            s.distributed = mode == "DISTRIBUTED";
        oneOf(*config, at, "ExecutionType", {"STANDARD", "EXPRESS"}, &s.executionType);
        if (s.distributed && !get(*config, "ExecutionType")) {
            add(ErrorCode::MissingField, at,
                tr("A distributed Map needs ProcessorConfig.ExecutionType: \"STANDARD\" or \"EXPRESS\""));
        }
    }

    std::optional<ItemReader> itemReader(const Json &object, const std::string &pointer)
    {
        if (!object.is_object()) {
            add(ErrorCode::WrongType, pointer,
                tr("ItemReader must be an object with Resource, not %1").arg(describe(object)));
            return std::nullopt;
        }
        onlyFields(object, pointer, {"Resource", "ReaderConfig", "Parameters"}, tr("an ItemReader"));
        ItemReader reader;
        if (auto resource = string(object, pointer, "Resource", true,
                                   tr("where the items come from, such as \"sluice:file.read\"")))
            reader.resource = *resource;
        reader.parameters = payload(object, pointer, "Parameters");
        const Json *config = get(object, "ReaderConfig");
        if (!config)
            return reader;
        const std::string at = child(pointer, "ReaderConfig");
        if (!config->is_object()) {
            add(ErrorCode::WrongType, at,
                tr("ReaderConfig must be an object, not %1").arg(describe(*config)));
            return reader;
        }
        reader.readerConfig = *config;
        onlyFields(
            *config, at,
            {"InputType", "CSVHeaderLocation", "CSVHeaders", "MaxItems", "MaxItemsPath", "CSVDelimiter"},
            tr("ReaderConfig"));
        oneOf(*config, at, "InputType", {"CSV", "JSON", "JSONL", "MANIFEST"});
        std::string headerLocation;
        oneOf(*config, at, "CSVHeaderLocation", {"FIRST_ROW", "GIVEN"}, &headerLocation);
        oneOf(*config, at, "CSVDelimiter", {"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"});
        if (const Json *headers = get(*config, "CSVHeaders")) {
            const bool strings =
                headers->is_array() && !headers->empty() &&
                std::all_of(headers->begin(), headers->end(), [](const Json &h) { return h.is_string(); });
            if (!strings) {
                add(ErrorCode::WrongType, child(at, "CSVHeaders"),
                    tr("CSVHeaders must be a non-empty array of column names, not %1")
                        .arg(describe(*headers)));
            }
        } else if (headerLocation == "GIVEN") {
            add(ErrorCode::MissingField, at,
                tr("CSVHeaderLocation \"GIVEN\" needs CSVHeaders: the column names"));
        }
        const NumberField maxItems = numberPair(*config, at, "MaxItems", "MaxItemsPath", 1, 100000000);
        reader.maxItemsPath = maxItems.path;
        return reader;
    }

    std::optional<ItemBatcher> itemBatcher(const Json &object, const std::string &pointer)
    {
        if (!object.is_object()) {
            add(ErrorCode::WrongType, pointer,
                tr("ItemBatcher must be an object, not %1").arg(describe(object)));
            return std::nullopt;
        }
        onlyFields(object, pointer,
                   {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                    "MaxInputBytesPerBatchPath", "BatchInput"},
                   tr("an ItemBatcher"));
        ItemBatcher batcher;
        batcher.maxItemsPerBatch =
            numberPair(object, pointer, "MaxItemsPerBatch", "MaxItemsPerBatchPath", 1, kMaxSeconds);
        batcher.maxInputBytesPerBatch =
            numberPair(object, pointer, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", 1, 262144);
        if (!get(object, "MaxItemsPerBatch") && !get(object, "MaxItemsPerBatchPath") &&
            !get(object, "MaxInputBytesPerBatch") && !get(object, "MaxInputBytesPerBatchPath")) {
            add(ErrorCode::MissingField, pointer,
                tr("An ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path forms)"));
        }
        if (const Json *input = get(object, "BatchInput"); input && !input->is_object()) {
            add(ErrorCode::WrongType, child(pointer, "BatchInput"),
                tr("BatchInput must be an object, not %1").arg(describe(*input)));
        } else {
            batcher.batchInput = payload(object, pointer, "BatchInput");
        }
        return batcher;
    }

    std::optional<ResultWriter> resultWriter(const Json &object, const std::string &pointer)
    {
        if (!object.is_object()) {
            add(ErrorCode::WrongType, pointer,
                tr("ResultWriter must be an object with Resource, not %1").arg(describe(object)));
            return std::nullopt;
        }
        onlyFields(object, pointer, {"Resource", "Parameters"}, tr("a ResultWriter"));
        ResultWriter writer;
        if (auto resource = string(object, pointer, "Resource", true,
                                   tr("where the results go, such as \"sluice:file.write\"")))
            writer.resource = *resource;
        writer.parameters = payload(object, pointer, "Parameters");
        return writer;
    }

    struct Unresolved
    {
        Transition transition;
        std::string suggestion;
    };

    const JsonDocument &m_doc;
    std::unordered_map<std::string, std::string> m_allStates; // every state name -> pointer of its machine
    std::vector<Unresolved> m_unresolved;
    int m_suggestions = 0;
};

/// Gives each issue its line and column (one scan of the bytes) and sorts them into document order.
std::vector<Error> locateIssues(std::string_view bytes, std::vector<Issue> issues)
{
    std::vector<detail::LocateRequest> requests;
    requests.reserve(issues.size());
    for (const Issue &issue : issues)
        requests.push_back({issue.pointer, issue.occurrence, {}});
    detail::SourceLocator::locate(bytes, requests);
    std::vector<Error> errors;
    errors.reserve(issues.size());
    for (size_t i = 0; i < issues.size(); ++i) {
        errors.push_back({issues[i].code,
                          std::move(issues[i].message),
                          {q(issues[i].pointer), requests[i].result.line, requests[i].result.column}});
    }
    std::stable_sort(errors.begin(), errors.end(), [](const Error &a, const Error &b) {
        const auto key = [](const Error &e) {
            return std::pair(e.where.line > 0 ? e.where.line : std::numeric_limits<int>::max(),
                             e.where.column);
        };
        return key(a) < key(b);
    });
    return errors;
}

struct Outcome
{
    std::shared_ptr<const Workflow> workflow;
    std::vector<Error> errors;
};

/// `keepKeyOrder`: note every object's key order for serialize() (parse() does; validate() needs only
/// the States objects' order, and runs after every edit in the designer).
Outcome run(const QByteArray &bytes, bool keepKeyOrder)
{
    const std::string_view view(bytes.constData(), size_t(bytes.size()));
    JsonDocument doc = detail::readJson(view, kMaxDepth, keepKeyOrder);
    if (!doc.ok) {
        detail::LineCounter lines(view);
        const auto at = lines.at(doc.errorOffset);
        return {nullptr,
                {Error{ErrorCode::NotJson,
                       QCoreApplication::translate("sluice::definition::Parser",
                                                   "The definition is not valid JSON: %1")
                           .arg(q(doc.errorMessage)),
                       {QString(), at.line, at.column}}}};
    }
    Builder builder(doc);
    auto workflow = builder.build();
    if (!builder.issues.empty())
        return {nullptr, locateIssues(view, std::move(builder.issues))};
    if (keepKeyOrder)
        workflow->keyOrder = std::make_shared<const std::unordered_map<std::string, std::vector<std::string>>>(
            std::move(doc.keyOrder));
    return {std::move(workflow), {}};
}

Error internalError(const char *what)
{
    return Error{
        ErrorCode::BadDefinition,
        QCoreApplication::translate("sluice::definition::Parser", "The definition could not be read: %1")
            .arg(QString::fromUtf8(what)),
        {}};
}

} // namespace

Result<std::shared_ptr<const Workflow>> parse(const QByteArray &bytes)
{
    try {
        Outcome outcome = run(bytes, true);
        if (!outcome.errors.empty())
            return std::move(outcome.errors.front());
        return std::move(outcome.workflow);
    } catch (const std::exception &e) {
        return internalError(e.what());
    } catch (...) {
        return internalError("unexpected failure");
    }
}

std::vector<Error> validate(const QByteArray &bytes)
{
    try {
        return run(bytes, false).errors;
    } catch (const std::exception &e) {
        return {internalError(e.what())};
    } catch (...) {
        return {internalError("unexpected failure")};
    }
}

SourceLocation locate(const QByteArray &bytes, const QString &pointer)
{
    try {
        std::vector<detail::LocateRequest> requests{{pointer.toStdString(), 1, {}}};
        detail::SourceLocator::locate(std::string_view(bytes.constData(), size_t(bytes.size())), requests);
        return {pointer, requests.front().result.line, requests.front().result.column};
    } catch (...) {
        return {pointer, 0, 0};
    }
}

} // namespace sluice::definition
