#include "Result.h"

namespace sluice {

QString Error::toString() const
{
    QString text;
    if (where.line > 0)
        text += QStringLiteral("%1:%2: ").arg(where.line).arg(where.column);
    if (!where.pointer.isNull())
        text += (where.pointer.isEmpty() ? QStringLiteral("(root)") : where.pointer) + QStringLiteral(": ");
    return text + message;
}

} // namespace sluice
