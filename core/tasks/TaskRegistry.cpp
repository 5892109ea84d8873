#include "TaskRegistry.h"

#include "tasks/Connections.h"
#include "tasks/FailResource.h"
#include "tasks/FileReadResource.h"
#include "tasks/FileWriteResource.h"
#include "tasks/HttpResource.h"
#include "tasks/PassResource.h"
#include "tasks/ShellResource.h"
#include "tasks/SleepResource.h"
#include "tasks/SqlResource.h"
#include "tasks/TaskResource.h"

#include <mutex>

namespace sluice {

std::shared_ptr<TaskRegistry> TaskRegistry::withBuiltins(std::shared_ptr<const Connections> connections)
{
    auto registry = std::make_shared<TaskRegistry>();
    registry->add(std::string(PassResource::kName), std::make_shared<PassResource>());
    registry->add(std::string(FailResource::kName), std::make_shared<FailResource>());
    registry->add(std::string(SleepResource::kName), std::make_shared<SleepResource>());
    registry->add(std::string(HttpResource::kName), std::make_shared<HttpResource>(connections));
    registry->add(std::string(ShellResource::kName), std::make_shared<ShellResource>());
    registry->add(std::string(FileReadResource::kName), std::make_shared<FileReadResource>());
    registry->add(std::string(FileWriteResource::kName), std::make_shared<FileWriteResource>());
    registry->add(std::string(SqlResource::kName), std::make_shared<SqlResource>(std::move(connections)));
    return registry;
}

void TaskRegistry::add(std::string resource, std::shared_ptr<TaskResource> implementation)
{
    const std::unique_lock lock(m_mutex);
    m_exact.insert_or_assign(std::move(resource), std::move(implementation));
}

void TaskRegistry::addPrefix(std::string prefix, std::shared_ptr<TaskResource> implementation)
{
    const std::unique_lock lock(m_mutex);
    m_prefixes.insert_or_assign(std::move(prefix), std::move(implementation));
}

std::shared_ptr<TaskResource> TaskRegistry::find(std::string_view resource) const
{
    const std::shared_lock lock(m_mutex);
    if (const auto it = m_exact.find(resource); it != m_exact.end())
        return it->second;

    // Prefixes are few (one per connector family), so a linear scan keeping the longest is enough.
    const std::shared_ptr<TaskResource> *best = nullptr;
    std::size_t bestLength = 0;
    for (const auto &[prefix, implementation] : m_prefixes) {
        if (resource.starts_with(prefix) && (best == nullptr || prefix.size() > bestLength)) {
            best = &implementation;
            bestLength = prefix.size();
        }
    }
    return best ? *best : nullptr;
}

std::vector<std::string> TaskRegistry::names() const
{
    const std::shared_lock lock(m_mutex);
    std::vector<std::string> result;
    result.reserve(m_exact.size());
    for (const auto &entry : m_exact)
        result.push_back(entry.first);
    return result;
}

std::vector<std::string> TaskRegistry::prefixes() const
{
    const std::shared_lock lock(m_mutex);
    std::vector<std::string> result;
    result.reserve(m_prefixes.size());
    for (const auto &entry : m_prefixes)
        result.push_back(entry.first);
    return result;
}

QStringList TaskRegistry::displayNames() const
{
    QStringList result;
    for (const auto &name : names())
        result.append(QString::fromStdString(name));
    for (const auto &prefix : prefixes())
        result.append(QString::fromStdString(prefix) + QLatin1Char('*'));
    return result;
}

} // namespace sluice
