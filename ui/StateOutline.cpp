#include "StateOutline.h"

#include "definition/Parser.h"

namespace sluice::ui::outline {

namespace {

/// Line starts of `bytes`, so a located line can be turned back into an offset.
std::vector<qsizetype> lineStarts(const QByteArray &bytes)
{
    std::vector<qsizetype> starts{0};
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n')
            starts.push_back(i + 1);
    }
    return starts;
}

/// The line of the brace that closes the object starting at or after `offset`; 0 if there is none.
int closingLine(const QByteArray &bytes, qsizetype offset, int line)
{
    qsizetype i = bytes.indexOf('{', offset);
    if (i < 0)
        return 0;
    for (qsizetype k = offset; k < i; ++k)   // the object may begin on a later line than the key
        line += bytes.at(k) == '\n';
    int depth = 0;
    bool inString = false;
    for (; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c == '\n') {
            ++line;
        } else if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return line;
        }
    }
    return 0;
}

class Locator
{
public:
    explicit Locator(const QByteArray &bytes) : m_bytes(bytes), m_starts(lineStarts(bytes)) {}

    void locate(OutlineNode &node) const
    {
        const SourceLocation where = definition::locate(m_bytes, node.pointer);
        node.line = where.line;
        node.column = where.column;
        if (where.line <= 0 || size_t(where.line) > m_starts.size())
            return;
        const qsizetype offset = m_starts[size_t(where.line - 1)] + qMax(0, where.column - 1);
        node.lastLine = closingLine(m_bytes, qMin(offset, m_bytes.size()), where.line);
    }

private:
    const QByteArray &m_bytes;
    std::vector<qsizetype> m_starts;
};

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

void appendMachine(std::vector<OutlineNode> &out, const StateMachine &machine, const QString &prefix,
                   const Locator &locator);

OutlineNode stateNode(const State &state, const QString &pointer, const Locator &locator)
{
    OutlineNode node;
    node.name = fromStd(state.name);
    node.type = state.type;
    node.typeName = QString::fromLatin1(stateTypeName(state.type));
    node.pointer = pointer;
    locator.locate(node);
    switch (state.type) {
    case StateType::Task:
        node.resource = fromStd(state.resource);
        break;
    case StateType::Wait:
        node.seconds = state.seconds;
        if (state.secondsPath)
            node.secondsPath = fromStd(state.secondsPath->text());
        if (state.timestamp)
            node.timestamp = fromStd(*state.timestamp);
        else if (state.timestampPath)
            node.timestamp = fromStd(state.timestampPath->text());
        break;
    case StateType::Choice:
        node.ruleCount = int(state.choices.size());
        break;
    case StateType::Fail:
        if (state.error.value)
            node.error = fromStd(*state.error.value);
        break;
    case StateType::Parallel:
        node.branchCount = int(state.branches.size());
        for (size_t i = 0; i < state.branches.size(); ++i) {
            OutlineNode branch;
            branch.kind = OutlineNode::Kind::Branch;
            branch.branchIndex = int(i);
            branch.pointer = pointer + QStringLiteral("/Branches/%1").arg(i);
            locator.locate(branch);
            if (state.branches[i])
                appendMachine(branch.children, *state.branches[i], branch.pointer, locator);
            node.children.push_back(std::move(branch));
        }
        break;
    case StateType::Map:
        node.distributed = state.distributed;
        if (state.processor) {
            const QString processor = pointer + (state.legacyIterator ? QStringLiteral("/Iterator")
                                                                      : QStringLiteral("/ItemProcessor"));
            appendMachine(node.children, *state.processor, processor, locator);
        }
        break;
    case StateType::Pass:
    case StateType::Succeed:
        break;
    }
    return node;
}

void appendMachine(std::vector<OutlineNode> &out, const StateMachine &machine, const QString &prefix,
                   const Locator &locator)
{
    for (const State &state : machine.states) {
        const QString pointer = prefix + QStringLiteral("/States/") + pointerSegment(fromStd(state.name));
        out.push_back(stateNode(state, pointer, locator));
    }
}

// The lenient reader: reads what it can and skips what it cannot, never throws.

QString stringAt(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? fromStd(it->get<std::string>()) : QString();
}

void appendJsonMachine(std::vector<OutlineNode> &out, const Json &machine, const QString &prefix,
                       const Locator &locator);

OutlineNode jsonStateNode(const std::string &name, const Json &state, const QString &pointer,
                          const Locator &locator)
{
    OutlineNode node;
    node.name = fromStd(name);
    node.pointer = pointer;
    locator.locate(node);
    if (!state.is_object())
        return node;
    node.typeName = stringAt(state, "Type");
    node.type = stateTypeFromName(node.typeName.toStdString());
    if (!node.type)
        return node;
    switch (*node.type) {
    case StateType::Task:
        node.resource = stringAt(state, "Resource");
        break;
    case StateType::Wait:
        if (const auto it = state.find("Seconds"); it != state.end() && it->is_number())
            node.seconds = it->get<double>();
        node.secondsPath = stringAt(state, "SecondsPath");
        node.timestamp = stringAt(state, "Timestamp");
        if (node.timestamp.isEmpty())
            node.timestamp = stringAt(state, "TimestampPath");
        break;
    case StateType::Choice:
        if (const auto it = state.find("Choices"); it != state.end() && it->is_array())
            node.ruleCount = int(it->size());
        break;
    case StateType::Fail:
        node.error = stringAt(state, "Error");
        break;
    case StateType::Parallel:
        if (const auto it = state.find("Branches"); it != state.end() && it->is_array()) {
            node.branchCount = int(it->size());
            for (size_t i = 0; i < it->size(); ++i) {
                OutlineNode branch;
                branch.kind = OutlineNode::Kind::Branch;
                branch.branchIndex = int(i);
                branch.pointer = pointer + QStringLiteral("/Branches/%1").arg(i);
                locator.locate(branch);
                appendJsonMachine(branch.children, (*it)[i], branch.pointer, locator);
                node.children.push_back(std::move(branch));
            }
        }
        break;
    case StateType::Map: {
        const bool legacy = !state.contains("ItemProcessor") && state.contains("Iterator");
        const char *key = legacy ? "Iterator" : "ItemProcessor";
        if (const auto it = state.find(key); it != state.end() && it->is_object()) {
            if (const auto config = it->find("ProcessorConfig"); config != it->end() && config->is_object())
                node.distributed = stringAt(*config, "Mode") == QLatin1String("DISTRIBUTED");
            appendJsonMachine(node.children, *it, pointer + QLatin1Char('/') + QLatin1String(key), locator);
        }
        break;
    }
    case StateType::Pass:
    case StateType::Succeed:
        break;
    }
    return node;
}

void appendJsonMachine(std::vector<OutlineNode> &out, const Json &machine, const QString &prefix,
                       const Locator &locator)
{
    if (!machine.is_object())
        return;
    const auto states = machine.find("States");
    if (states == machine.end() || !states->is_object())
        return;
    // nlohmann::json sorts object keys; the outline follows the document, so order by line.
    std::vector<OutlineNode> nodes;
    for (auto it = states->begin(); it != states->end(); ++it) {
        const QString pointer = prefix + QStringLiteral("/States/") + pointerSegment(fromStd(it.key()));
        nodes.push_back(jsonStateNode(it.key(), it.value(), pointer, locator));
    }
    std::stable_sort(nodes.begin(), nodes.end(), [](const OutlineNode &a, const OutlineNode &b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    for (auto &node : nodes)
        out.push_back(std::move(node));
}

} // namespace

std::vector<OutlineNode> fromWorkflow(const Workflow &workflow, const QByteArray &bytes)
{
    const Locator locator(bytes);
    std::vector<OutlineNode> nodes;
    appendMachine(nodes, workflow.root, QString(), locator);
    return nodes;
}

std::vector<OutlineNode> fromJson(const QByteArray &bytes)
{
    const Json doc = Json::parse(bytes.cbegin(), bytes.cend(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return {};
    const Locator locator(bytes);
    std::vector<OutlineNode> nodes;
    appendJsonMachine(nodes, doc, QString(), locator);
    return nodes;
}

int stateCount(const std::vector<OutlineNode> &nodes)
{
    int count = 0;
    for (const OutlineNode &node : nodes)
        count += (node.kind == OutlineNode::Kind::State ? 1 : 0) + stateCount(node.children);
    return count;
}

QString pointerSegment(const QString &name)
{
    QString segment = name;
    segment.replace(QLatin1Char('~'), QLatin1String("~0"));
    segment.replace(QLatin1Char('/'), QLatin1String("~1"));
    return segment;
}

} // namespace sluice::ui::outline
