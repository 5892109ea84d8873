#pragma once

#include "definition/Workflow.h"

#include <QIcon>

#include <optional>

namespace sluice::ui {

/// The icon of a state type (resources/icons/*.svg); a dashed outline when the type is unknown.
QIcon stateIcon(std::optional<StateType> type);

} // namespace sluice::ui
