#include "editor/EditorStyle.h"

#include "StateIcons.h"

#include <QHash>

namespace sluice::ui::editorstyle {

QColor typeColor(std::optional<StateType> type)
{
    if (!type)
        return QColor(0x94, 0xa3, 0xb8);
    switch (*type) {
    case StateType::Pass: return QColor(0x64, 0x74, 0x8b);
    case StateType::Task: return QColor(0x2f, 0x6f, 0xdf);
    case StateType::Choice: return QColor(0xd9, 0x77, 0x06);
    case StateType::Wait: return QColor(0x7c, 0x4d, 0xcc);
    case StateType::Succeed: return QColor(0x16, 0xa3, 0x4a);
    case StateType::Fail: return QColor(0xdc, 0x26, 0x26);
    case StateType::Parallel: return QColor(0x0f, 0x8f, 0x8f);
    case StateType::Map: return QColor(0x4f, 0x46, 0xe5);
    }
    return QColor(0x94, 0xa3, 0xb8);
}

const QPixmap &typeIcon(std::optional<StateType> type, int size)
{
    static QHash<qint64, QPixmap> cache;
    const qint64 key = (qint64(type ? int(*type) : -1) << 16) | size;
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, stateIcon(type).pixmap(size, size));
    return it.value();
}

} // namespace sluice::ui::editorstyle
