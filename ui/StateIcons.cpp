#include "StateIcons.h"

#include <QHash>

namespace sluice::ui {

QIcon stateIcon(std::optional<StateType> type)
{
    static const QHash<int, QIcon> icons = [] {
        QHash<int, QIcon> map;
        const auto add = [&map](StateType t, const char *file) {
            map.insert(int(t), QIcon(QStringLiteral(":/icons/") + QLatin1String(file)));
        };
        add(StateType::Pass, "pass.svg");
        add(StateType::Task, "task.svg");
        add(StateType::Choice, "choice.svg");
        add(StateType::Wait, "wait.svg");
        add(StateType::Succeed, "succeed.svg");
        add(StateType::Fail, "fail.svg");
        add(StateType::Parallel, "parallel.svg");
        add(StateType::Map, "map.svg");
        map.insert(-1, QIcon(QStringLiteral(":/icons/state-unknown.svg")));
        return map;
    }();
    return icons.value(type ? int(*type) : -1);
}

} // namespace sluice::ui
