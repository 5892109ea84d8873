#pragma once

#include "Json.h"

#include <QList>
#include <QString>

namespace sluice::ui {

/// A JSONPath for a node as a person copies it: `$`, `$.a.b[2]`, `$['odd key']`.
QString jsonPathChild(const QString &parent, const std::string &key);
QString jsonPathIndex(const QString &parent, size_t index);

/// One difference between two JSON values.
struct JsonChange
{
    enum Kind { Added, Removed, Changed };
    Kind kind = Changed;
    QString path;     ///< JSONPath of the node
    Json before;      ///< Removed, Changed
    Json after;       ///< Added, Changed
};

/// What turns `before` into `after`, node by node, in document order: objects by key, arrays by position,
/// a value of another type or another scalar as one change.
QList<JsonChange> jsonDiff(const Json &before, const Json &after);

} // namespace sluice::ui
