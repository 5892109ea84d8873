#pragma once

#include "replay/DlqReplayer.h"
#include "store/StoreFilters.h"
#include "store/StoreRecords.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Value types the DLQ browser passes between its reader/replay threads and the GUI thread.

namespace sluice::ui {

/// One row of the entry table: the entry and a summary of its replays.
struct DlqRow
{
    DlqEntry entry;
    int replayCount = 0;
    ReplayRecord lastReplay;   ///< valid when replayCount > 0
};

/// Everything the detail pane shows about one entry.
struct DlqEntryDetail
{
    DlqEntry entry;
    QList<ReplayRecord> replays;
    QString workflowName;      ///< empty when unknown
    QStringList states;        ///< the states an item of the entry's Map (or the top level) can restart in
    QString error;             ///< when the entry could not be read
};

/// A request's generation: answers to an older one are dropped when the filter has changed since.
using Generation = quint64;

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::DlqFilter)
Q_DECLARE_METATYPE(sluice::ReplayRequest)
Q_DECLARE_METATYPE(sluice::ReplayEntryResult)
Q_DECLARE_METATYPE(sluice::ui::DlqRow)
Q_DECLARE_METATYPE(sluice::ui::DlqEntryDetail)
