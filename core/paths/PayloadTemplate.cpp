#include "paths/PayloadTemplate.h"

#include "paths/Intrinsic.h"
#include "paths/JsonPath.h"
#include "paths/ShortJson_p.h"

#include <set>

namespace sluice {

namespace {

/// Dynamic parts (objects holding ".$" fields, and their ancestors) nest at most this deep; static
/// subtrees at most detail::kMaxNesting.
constexpr int kMaxDynamicDepth = 512;

struct Node
{
    enum class Kind { Static, Object, Array, Path, Call };
    Kind kind = Kind::Static;
    Json value;                                         ///< Static
    std::vector<Node> children;                         ///< Object fields or Array items
    std::string key;                                    ///< as a field of an Object: the output key (".$" dropped)
    JsonPath path;                                      ///< Path
    Intrinsic call;                                     ///< Call
    std::string field;                                  ///< Path, Call: the key as written ("id.$")
};

bool endsWithDollar(const std::string &key)
{
    return key.size() >= 2 && key.compare(key.size() - 2, 2, ".$") == 0;
}

/// True if no object in `value` has a ".$" key. Iterative: static parts may be deeply nested.
bool isStatic(const Json &value)
{
    std::vector<const Json *> stack{&value};
    while (!stack.empty()) {
        const Json *node = stack.back();
        stack.pop_back();
        if (node->is_object()) {
            for (auto it = node->begin(); it != node->end(); ++it) {
                if (endsWithDollar(it.key()))
                    return false;
                if (it->is_structured())
                    stack.push_back(&*it);
            }
        } else if (node->is_array()) {
            for (const auto &item : *node)
                if (item.is_structured())
                    stack.push_back(&item);
        }
    }
    return true;
}

/// RFC 6901: "~" becomes "~0" and "/" becomes "~1".
std::string escapePointerToken(const std::string &key)
{
    std::string out;
    out.reserve(key.size());
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

Error compileError(ErrorCode code, const std::string &message, const std::string &pointer)
{
    return Error{code, QString::fromUtf8(message.c_str()), SourceLocation{QString::fromUtf8(pointer.c_str()), 0, 0}};
}

std::optional<Error> compileNode(const Json &source, const std::string &pointer, int depth, Node &out, bool &usesContext)
{
    if (!source.is_structured() || isStatic(source)) {
        out.kind = Node::Kind::Static;
        out.value = source;
        return std::nullopt;
    }
    if (depth > kMaxDynamicDepth)
        return compileError(ErrorCode::BadTemplate,
                            "The payload template nests deeper than " + std::to_string(kMaxDynamicDepth) + " levels",
                            pointer);
    if (source.is_array()) {
        out.kind = Node::Kind::Array;
        out.children.resize(source.size());
        for (std::size_t i = 0; i < source.size(); ++i)
            if (auto error = compileNode(source[i], pointer + "/" + std::to_string(i), depth + 1, out.children[i], usesContext))
                return error;
        return std::nullopt;
    }
    out.kind = Node::Kind::Object;
    std::set<std::string> outputKeys;
    for (auto it = source.begin(); it != source.end(); ++it) {
        const std::string &key = it.key();
        const std::string fieldPointer = pointer + "/" + escapePointerToken(key);
        Node child;
        std::string outputKey = key;
        if (endsWithDollar(key)) {
            outputKey = key.substr(0, key.size() - 2);
            child.field = key;
            if (!it->is_string())
                return compileError(ErrorCode::BadTemplate,
                                    "The value of the field '" + detail::shortText(key, 80)
                                        + "' must be a string holding a path or an intrinsic function, not "
                                        + it->type_name(),
                                    fieldPointer);
            const auto &text = it->get_ref<const std::string &>();
            if (!text.empty() && text[0] == '$') {
                auto path = JsonPath::parse(text, JsonPath::Kind::Path);
                if (!path)
                    return compileError(ErrorCode::BadPath,
                                        "The value of the field '" + detail::shortText(key, 80)
                                            + "' is not a valid JSONPath: " + path.error().message.toStdString(),
                                        fieldPointer);
                child.kind = Node::Kind::Path;
                child.path = std::move(path).value();
                usesContext = usesContext || child.path.isContext();
            } else if (Intrinsic::looksLikeCall(text)) {
                auto call = Intrinsic::parse(text);
                if (!call)
                    return compileError(ErrorCode::BadIntrinsic,
                                        "The value of the field '" + detail::shortText(key, 80)
                                            + "' is not a valid intrinsic function: " + call.error().message.toStdString(),
                                        fieldPointer);
                child.kind = Node::Kind::Call;
                child.call = std::move(call).value();
                usesContext = usesContext || child.call.usesContext();
            } else {
                return compileError(ErrorCode::BadPath,
                                    "The value of the field '" + detail::shortText(key, 80)
                                        + "' must be a JSONPath (starting with '$') or an intrinsic function "
                                          "(States.…), not '" + detail::shortText(text, 80) + "'",
                                    fieldPointer);
            }
        } else if (auto error = compileNode(*it, fieldPointer, depth + 1, child, usesContext)) {
            return error;
        }
        if (!outputKeys.insert(outputKey).second)
            return compileError(ErrorCode::BadTemplate,
                                "The field '" + detail::shortText(outputKey, 80) + "' is given twice (with and without '.$')",
                                fieldPointer);
        child.key = std::move(outputKey);
        out.children.push_back(std::move(child));
    }
    return std::nullopt;
}

Result<Json, Failure> evaluateNode(const Node &node, const EvalScope &scope)
{
    switch (node.kind) {
    case Node::Kind::Static:
        return node.value;
    case Node::Kind::Object: {
        Json result = Json::object();
        auto &object = result.get_ref<Json::object_t &>();
        for (const Node &child : node.children) {
            auto value = evaluateNode(child, scope);
            if (!value)
                return std::move(value).error();
            object.emplace_hint(object.end(), child.key, std::move(value).value());
        }
        return result;
    }
    case Node::Kind::Array: {
        Json result = Json::array();
        auto &array = result.get_ref<Json::array_t &>();
        array.reserve(node.children.size());
        for (const Node &child : node.children) {
            auto value = evaluateNode(child, scope);
            if (!value)
                return std::move(value).error();
            array.push_back(std::move(value).value());
        }
        return result;
    }
    case Node::Kind::Path:
        // "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '...'"
        return node.path.evaluate(scope, node.field);
    case Node::Kind::Call:
        return node.call.evaluate(scope);
    }
    return Json();
}

} // namespace

struct PayloadTemplate::Impl
{
    Json source;
    Node root;
    bool usesContext = false;
};

PayloadTemplate::PayloadTemplate() = default;
PayloadTemplate::~PayloadTemplate() = default;
PayloadTemplate::PayloadTemplate(const PayloadTemplate &) = default;
PayloadTemplate &PayloadTemplate::operator=(const PayloadTemplate &) = default;
PayloadTemplate::PayloadTemplate(PayloadTemplate &&) noexcept = default;
PayloadTemplate &PayloadTemplate::operator=(PayloadTemplate &&) noexcept = default;

Result<PayloadTemplate> PayloadTemplate::compile(const Json &source, std::string_view pointer)
{
    try {
        if (detail::nestsDeeperThan(source, detail::kMaxNesting))
            return Error{ErrorCode::BadTemplate,
                         QStringLiteral("The payload template nests deeper than %1 levels").arg(detail::kMaxNesting),
                         SourceLocation{QString::fromUtf8(std::string(pointer).c_str()), 0, 0}};
        auto impl = std::make_shared<Impl>();
        impl->source = source;
        if (auto error = compileNode(source, std::string(pointer), 0, impl->root, impl->usesContext))
            return std::move(*error);
        PayloadTemplate compiled;
        compiled.d = std::move(impl);
        return compiled;
    } catch (const std::exception &e) {
        return Error{ErrorCode::BadTemplate, QString::fromUtf8(e.what()),
                     SourceLocation{QString::fromUtf8(std::string(pointer).c_str()), 0, 0}};
    }
}

const Json &PayloadTemplate::source() const
{
    static const Json kNull;
    return d ? d->source : kNull;
}

bool PayloadTemplate::usesContext() const { return d && d->usesContext; }

Result<Json, Failure> PayloadTemplate::evaluate(const EvalScope &scope) const
{
    if (!d)
        return Json();
    try {
        return evaluateNode(d->root, scope);
    } catch (const std::exception &e) {
        return Failure{errors::kRuntime, std::string("The payload template failed: ") + e.what()};
    }
}

} // namespace sluice
