#pragma once

#include "engine/ItemStatus.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace sluice::ui {

/// The colour the monitor gives an item status (the table, the charts, the timeline).
QColor statusColor(sluice::ItemStatus status);
/// A round badge in the status colour (a cross for failed, a tick for succeeded), cached per status.
QIcon statusIcon(sluice::ItemStatus status);
/// A duration as a person reads it: "850 ms", "12.4 s", "3 min 05 s", "2 h 04 min".
QString durationText(qint64 ms);

} // namespace sluice::ui
