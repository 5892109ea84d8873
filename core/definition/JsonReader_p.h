#pragma once

#include "Json.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice::definition::detail {

/// What reading the bytes of a definition gives: the JSON value plus what nlohmann's DOM forgets.
struct JsonDocument
{
    Json root;

    bool ok = true;
    std::string errorMessage;    ///< when !ok: why the bytes are not JSON
    std::size_t errorOffset = 0; ///< when !ok: byte offset of the problem

    /// A key written twice in one object (the later value wins in `root`).
    struct Duplicate
    {
        std::string pointer; ///< of the repeated key's value
        std::string key;
        int occurrence; ///< 2 for the second time the key appears, ...
    };
    std::vector<Duplicate> duplicates;

    /// Keys of every object named "States" (of every object with `everyObject`), in the order written
    /// (nlohmann sorts them). Key: JSON pointer of that object ("/States", "/States/P/Branches/0/States",
    /// "/States/Load/Parameters").
    std::unordered_map<std::string, std::vector<std::string>> keyOrder;
};

/// Parses with nlohmann's (iterative) SAX parser into a DOM, refusing nesting deeper than `maxDepth`
/// (deep values would overflow the stack in recursive code later: copies, comparisons, dump()),
/// non-finite numbers, and noting duplicate keys. Never throws.
JsonDocument readJson(std::string_view bytes, int maxDepth, bool everyObject = false);

} // namespace sluice::definition::detail
