#pragma once

#include "definition/Workflow.h"

#include <QColor>
#include <QPixmap>
#include <QSizeF>

#include <optional>

namespace sluice::ui::editorstyle {

/// Geometry of the canvas, in scene units (one unit is one pixel at 100 %).
inline constexpr double kNodeWidth = 220;
inline constexpr double kNodeHeight = 58;
inline constexpr double kRadius = 8;
inline constexpr double kContainerPad = 22;
inline constexpr double kBranchLabel = 22;   ///< room for "Branch 1" above a branch's states
inline constexpr double kBranchGap = 40;
inline constexpr double kGrid = 20;
inline constexpr double kPortRadius = 6;
inline constexpr double kLayerGap = 64;
inline constexpr double kNodeGap = 40;
/// Below this zoom the canvas drops text and icons and draws coloured blocks only.
inline constexpr double kDetailZoom = 0.4;

/// The accent colour of a state type (the icon's colour).
QColor typeColor(std::optional<StateType> type);
/// The type's icon as a pixmap of `size` device pixels, cached.
const QPixmap &typeIcon(std::optional<StateType> type, int size);

} // namespace sluice::ui::editorstyle
