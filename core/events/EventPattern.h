#pragma once

#include "Json.h"
#include "Result.h"

#include <QByteArray>

#include <memory>

namespace sluice {

/// An EventBridge event pattern, compiled once and matched against many events. The language is
/// EventBridge's:
///
///  - An object mirrors the event; each leaf is an array of matchers, any of which may match.
///  - Exact values: strings, numbers (compared as numbers: 5 matches 5.0), null, true/false.
///  - {"prefix": "x"}, {"suffix": "x"}, and {"prefix"|"suffix": {"equals-ignore-case": "x"}}.
///  - {"equals-ignore-case": "x"}, {"wildcard": "*.png"} (`*` any run, `\*` a star).
///  - {"anything-but": v | [v…] | {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": …}}: a present value
///    that none of them matches.
///  - {"numeric": [">", 0, "<=", 5]} (operators <, <=, =, >=, >; one or two comparisons, "=" alone).
///  - {"exists": true|false}, {"cidr": "10.0.0.0/24"} (IPv4 or IPv6).
///  - {"$or": [pattern, pattern…]} at any level, alongside other fields.
///  - Arrays in the event are flattened as EventBridge does: a field matches if any element matches, and
///    objects inside arrays are searched as if the array were not there.
/// Immutable and thread-safe once parsed.
class EventPattern
{
public:
    EventPattern();
    ~EventPattern();
    EventPattern(const EventPattern &);
    EventPattern &operator=(const EventPattern &);

    /// Compiles `pattern`; an error names the JSON pointer (prefixed with `pointer`, where the pattern sits
    /// in a larger document) and says what is wrong.
    static Result<EventPattern> parse(const Json &pattern, const QString &pointer = {});
    /// Parses JSON text (errors also carry line and column).
    static Result<EventPattern> parse(const QByteArray &text);

    bool matches(const Json &event) const;

private:
    struct Node;
    std::shared_ptr<const Node> d;
};

} // namespace sluice
