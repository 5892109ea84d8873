// libFuzzer target for core/paths: the input bytes are parsed as a JsonPath (both kinds), as an
// intrinsic function call and, when they are JSON, as a payload template; whatever compiles is
// evaluated against a fixed document (and set() is tried on a copy). Build: fuzz/README.md.

#include "paths/Intrinsic.h"
#include "paths/JsonPath.h"
#include "paths/PayloadTemplate.h"
#include "paths/Timestamp.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

const sluice::Json &document()
{
    static const sluice::Json kDocument = sluice::Json::parse(R"({
        "store": {"book": [
            {"category": "reference", "author": "Nigel Rees", "price": 8.95},
            {"category": "fiction", "author": "Evelyn Waugh", "price": 12.99, "isbn": "0-553"},
            {"category": "fiction", "tags": ["a", "b", "a"], "price": 22.99, "n": null}],
            "bicycle": {"color": "red", "price": 19.95}},
        "a": {"b": {"c": [1, 2, 3, {"d": "x"}]}},
        "s": "text", "csv": "1,2,,3", "n": 42, "f": 2.5, "t": true, "z": null,
        "arr": [1, 2, 3, 4, 5, 6, 7, 8, 9], "dupes": [1, 1, "1", [1], [1]],
        "json": "{\"k\": [1, 2]}", "b64": "RGF0YQ==", "empty": {}, "list": [],
        "deep": [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]
    })");
    return kDocument;
}

const sluice::Json &context()
{
    static const sluice::Json kContext = sluice::Json::parse(
        R"({"Execution": {"Id": "e", "Input": {"x": 1}}, "Map": {"Item": {"Index": 3, "Value": {"v": 1}}}})");
    return kContext;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const sluice::EvalScope scope(document(), []() -> const sluice::Json & { return context(); });

    // Invariants: a definite path's find(), evaluate() and exists() agree; a reference path is also a
    // definite Path; what set() writes, find() reads back.
    auto path = sluice::JsonPath::parse(text, sluice::JsonPath::Kind::Path);
    if (path) {
        const auto value = path->evaluate(scope);
        const auto found = path->find(scope);
        const bool exists = path->exists(scope);
        if (path->isDefinite()) {
            if (found.ok() != value.ok() || found.ok() != exists)
                __builtin_trap();
            if (found.ok() && !(**found == *value))
                __builtin_trap();
        } else if (found.ok()) {
            __builtin_trap();
        }
    }
    auto reference = sluice::JsonPath::parse(text, sluice::JsonPath::Kind::Reference);
    if (reference) {
        if (!path || !path->isDefinite() || !reference->isDefinite())
            __builtin_trap();
        sluice::Json target = document();
        const sluice::Json written = {{"r", 1}};
        if (reference->set(target, written).ok() && !reference->isContext()) {
            const sluice::EvalScope writtenScope(target);
            const auto back = reference->find(writtenScope);
            if (!back.ok() || !(**back == written))
                __builtin_trap();
        }
    }

    if (auto call = sluice::Intrinsic::parse(text))
        (void)call->evaluate(scope);

    const sluice::Json source = sluice::Json::parse(text, nullptr, false);
    if (!source.is_discarded()) {
        if (auto compiled = sluice::PayloadTemplate::compile(source, "/fuzz"))
            (void)compiled->evaluate(scope);
    }

    (void)sluice::timestamp::parseUs(text);
    return 0;
}
