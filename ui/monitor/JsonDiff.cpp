#include "monitor/JsonDiff.h"

namespace sluice::ui {

namespace {

bool isIdentifier(const std::string &key)
{
    if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front())))
        return false;
    for (char c : key) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    }
    return true;
}

void diff(const Json &before, const Json &after, const QString &path, QList<JsonChange> &out)
{
    if (before.type() != after.type()) {
        out.append({JsonChange::Changed, path, before, after});
        return;
    }
    if (before.is_object()) {
        for (auto it = before.begin(); it != before.end(); ++it) {
            const QString child = jsonPathChild(path, it.key());
            if (const auto other = after.find(it.key()); other != after.end())
                diff(it.value(), *other, child, out);
            else
                out.append({JsonChange::Removed, child, it.value(), nullptr});
        }
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (!before.contains(it.key()))
                out.append({JsonChange::Added, jsonPathChild(path, it.key()), nullptr, it.value()});
        }
        return;
    }
    if (before.is_array()) {
        const size_t common = std::min(before.size(), after.size());
        for (size_t i = 0; i < common; ++i)
            diff(before[i], after[i], jsonPathIndex(path, i), out);
        for (size_t i = common; i < before.size(); ++i)
            out.append({JsonChange::Removed, jsonPathIndex(path, i), before[i], nullptr});
        for (size_t i = common; i < after.size(); ++i)
            out.append({JsonChange::Added, jsonPathIndex(path, i), nullptr, after[i]});
        return;
    }
    if (before != after)
        out.append({JsonChange::Changed, path, before, after});
}

} // namespace

QString jsonPathChild(const QString &parent, const std::string &key)
{
    if (isIdentifier(key))
        return parent + QLatin1Char('.') + QString::fromStdString(key);
    QString quoted = QString::fromStdString(key);
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return parent + QLatin1String("['") + quoted + QLatin1String("']");
}

QString jsonPathIndex(const QString &parent, size_t index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QList<JsonChange> jsonDiff(const Json &before, const Json &after)
{
    QList<JsonChange> changes;
    diff(before, after, QStringLiteral("$"), changes);
    return changes;
}

} // namespace sluice::ui
