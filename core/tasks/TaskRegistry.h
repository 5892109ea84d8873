#pragma once

#include <QStringList>

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

class Connections;
class TaskResource;

/// Maps a Task state's "Resource" string to the TaskResource that runs it: the extension point that
/// connectors (sluice:http, sluice:sql, ...) plug into. An exact name wins; otherwise the longest
/// registered prefix whose text starts the resource ("sluice:http" matches "sluice:http.get").
/// Thread-safe: set it up on any thread, then look up from every engine worker thread at once.
class TaskRegistry
{
public:
    TaskRegistry() = default;
    TaskRegistry(const TaskRegistry &) = delete;
    TaskRegistry &operator=(const TaskRegistry &) = delete;

    /// A registry holding the built-in resources sluice:pass, sluice:fail, sluice:sleep, sluice:shell,
    /// sluice:file.read, sluice:file.write and sluice:sql; the connectors take their named profiles from
    /// `connections` (none: no profiles).
    static std::shared_ptr<TaskRegistry> withBuiltins(std::shared_ptr<const Connections> connections = {});

    /// Registers `resource` under an exact name; a second add() of the same name replaces the first.
    void add(std::string resource, std::shared_ptr<TaskResource> implementation);
    /// Registers `resource` for every name that starts with `prefix`; replaces an equal prefix.
    void addPrefix(std::string prefix, std::shared_ptr<TaskResource> implementation);

    /// The resource for `resource`: exact match first, then the longest prefix; nullptr when none.
    std::shared_ptr<TaskResource> find(std::string_view resource) const;

    /// Exact names, sorted.
    std::vector<std::string> names() const;
    /// Registered prefixes, sorted.
    std::vector<std::string> prefixes() const;
    /// names() and prefixes() as one list for display; prefixes end with "*".
    QStringList displayNames() const;

private:
    mutable std::shared_mutex m_mutex;
    std::map<std::string, std::shared_ptr<TaskResource>, std::less<>> m_exact;    // guarded by m_mutex
    std::map<std::string, std::shared_ptr<TaskResource>, std::less<>> m_prefixes; // guarded by m_mutex
};

} // namespace sluice
