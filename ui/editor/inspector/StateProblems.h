#pragma once

#include "Json.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sluice::ui {

/// A problem the core validator found in one state. `pointer` is relative to the state
/// ("/Retry/0/MaxAttempts"; empty for the state as a whole).
struct FieldProblem
{
    QString pointer;
    QString message;

    bool operator==(const FieldProblem &) const = default;
};

/// Runs the core validator (definition::validate) over `state` alone: the state becomes the StartAt of a
/// scratch definition in which every other name of `stateNames` is a Succeed state, so transitions to
/// them resolve and a transition to any other name is reported. Only problems inside `state` are kept.
/// Cheap enough to run on every keystroke (one small parse).
QList<FieldProblem> validateState(const QString &name, const Json &state, const QStringList &stateNames);

/// `pointer` lies at or below `prefix` ("/Retry/0" is below "/Retry", "/RetryX" is not).
bool pointerWithin(const QString &pointer, const QString &prefix);

/// RFC 6901 token escaping: "~" -> "~0", "/" -> "~1".
QString escapePointerToken(const QString &token);

} // namespace sluice::ui
