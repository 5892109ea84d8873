#include "dlq/DlqStoreReader.h"

#include "definition/Parser.h"
#include "replay/DlqJson.h"
#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QFile>
#include <QSaveFile>

#include <functional>

namespace sluice::ui {

namespace {

/// The machine (top level, Map processor or Parallel branch) that holds `state`, or null.
const StateMachine *machineHolding(const StateMachine &machine, const std::string &state)
{
    if (machine.find(state))
        return &machine;
    for (const State &s : machine.states) {
        if (s.processor) {
            if (const StateMachine *found = machineHolding(*s.processor, state))
                return found;
        }
        for (const auto &branch : s.branches) {
            if (const StateMachine *found = machineHolding(*branch, state))
                return found;
        }
    }
    return nullptr;
}

} // namespace

DlqStoreReader::DlqStoreReader() = default;

DlqStoreReader::~DlqStoreReader() = default;

void DlqStoreReader::open(const QString &location)
{
    m_reader.reset();
    m_location = location;
    auto reader = JournalReader::open(location);
    if (!reader && (location.startsWith(QLatin1String("postgres")) || QFile::exists(location))) {
        // A store of an older schema: the journal migrates it (the browser writes to it anyway).
        if (auto journal = Journal::open(location)) {
            journal.value().reset();
            reader = JournalReader::open(location);
        }
    }
    if (!reader) {
        Q_EMIT opened(location, reader.error().message);
        return;
    }
    m_reader = std::move(reader).value();
    Q_EMIT opened(location, QString());
}

void DlqStoreReader::loadGroups(const DlqFilter &filter, Generation generation)
{
    if (!m_reader) {
        Q_EMIT groupsLoaded(generation, {}, tr("No store is open."));
        return;
    }
    auto groups = m_reader->dlqGroups(filter);
    Q_EMIT groupsLoaded(generation, groups ? groups.value() : QList<DlqGroup>(), groups ? QString() : groups.error().message);
}

void DlqStoreReader::loadPage(const DlqFilter &filter, Generation generation)
{
    if (!m_reader) {
        Q_EMIT pageLoaded(generation, filter.afterId, {}, true, tr("No store is open."));
        return;
    }
    auto entries = m_reader->dlq(filter);
    if (!entries) {
        Q_EMIT pageLoaded(generation, filter.afterId, {}, true, entries.error().message);
        return;
    }
    QList<DlqRow> rows;
    rows.reserve(entries.value().size());
    for (const DlqEntry &entry : entries.value()) {
        DlqRow row{entry, 0, {}};
        // Replays are rare; the index on (dlq_id, id) answers an entry without any at once.
        if (auto replays = m_reader->replays(entry.id); replays && !replays.value().isEmpty()) {
            row.replayCount = int(replays.value().size());
            row.lastReplay = replays.value().last();
        }
        rows.append(std::move(row));
    }
    Q_EMIT pageLoaded(generation, filter.afterId, rows, rows.size() < filter.limit, QString());
}

QStringList DlqStoreReader::restartStates(const DlqEntry &entry)
{
    auto bytes = m_reader->workflowDefinition(entry.workflowVersion);
    if (!bytes)
        return {entry.state};
    auto workflow = definition::parse(bytes.value());
    if (!workflow)
        return {entry.state};
    const StateMachine *machine = machineHolding(workflow.value()->root, entry.state.toStdString());
    if (!machine)
        return {entry.state};
    QStringList names;
    for (const State &state : machine->states)
        names.append(QString::fromStdString(state.name));
    return names;
}

void DlqStoreReader::loadEntry(qint64 id)
{
    DlqEntryDetail detail;
    detail.entry.id = id;
    if (!m_reader) {
        detail.error = tr("No store is open.");
        Q_EMIT entryLoaded(detail);
        return;
    }
    auto entry = m_reader->dlqEntry(id);
    if (!entry) {
        detail.error = entry.error().message;
        Q_EMIT entryLoaded(detail);
        return;
    }
    detail.entry = entry.value();
    if (auto replays = m_reader->replays(id))
        detail.replays = replays.value();
    if (auto execution = m_reader->execution(detail.entry.executionId))
        detail.workflowName = execution.value().workflowName;
    detail.states = restartStates(detail.entry);
    Q_EMIT entryLoaded(detail);
}

void DlqStoreReader::loadWorkflows()
{
    if (!m_reader)
        return;
    if (auto versions = m_reader->workflowVersions())
        Q_EMIT workflowsLoaded(versions.value());
}

void DlqStoreReader::discard(const QList<qint64> &ids)
{
    if (!m_reader) {
        Q_EMIT discarded(0, tr("No store is open."));
        return;
    }
    int count = 0;
    QString error;
    for (qint64 id : ids) {
        if (auto done = m_reader->setDlqStatus(id, DlqStatus::Discarded))
            ++count;
        else
            error = done.error().message;
    }
    Q_EMIT discarded(count, error);
}

void DlqStoreReader::exportTo(const DlqFilter &filter, const QString &file)
{
    if (!m_reader) {
        Q_EMIT exported(0, file, tr("No store is open."));
        return;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        Q_EMIT exported(0, file, out.errorString());
        return;
    }
    DlqFilter page = filter;
    page.afterId = 0;
    page.limit = 1000;
    int count = 0;
    for (;;) {
        auto entries = m_reader->dlq(page);
        if (!entries) {
            out.cancelWriting();
            Q_EMIT exported(0, file, entries.error().message);
            return;
        }
        for (const DlqEntry &entry : entries.value()) {
            auto replays = m_reader->replays(entry.id);
            out.write(dlqExportLine(entry, replays ? replays.value() : QList<ReplayRecord>()));
            ++count;
        }
        if (entries.value().size() < page.limit)
            break;
        page.afterId = entries.value().last().id;
    }
    if (!out.commit()) {
        Q_EMIT exported(0, file, out.errorString());
        return;
    }
    Q_EMIT exported(count, file, QString());
}

} // namespace sluice::ui
