#include "events/FileTrigger.h"

#include "events/Clock.h"
#include "events/EventStore.h"
#include "paths/Timestamp.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

namespace sluice {

Q_LOGGING_CATEGORY(lcFiles, "sluice.events.files")

namespace {

const QString kKind = QStringLiteral("file");
const QLatin1String kDoneSuffix(".done");

} // namespace

FileTrigger::FileTrigger(EventStore &store, FileWatchConfig config, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_config(std::move(config)), m_clock(clock)
{
    // Poll often enough to see a file become stable soon after StableMs.
    const int stableCheck = m_config.doneMarker ? m_config.pollMs : std::max(10, m_config.stableMs / 2);
    m_poll.setInterval(std::min(m_config.pollMs, stableCheck));
    connect(&m_poll, &QTimer::timeout, this, &FileTrigger::scan);
    // A burst of writes is one scan.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(20);
    connect(&m_debounce, &QTimer::timeout, this, &FileTrigger::scan);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_debounce, qOverload<>(&QTimer::start));
}

Result<void> FileTrigger::start()
{
    if (!QFileInfo(m_config.folder).isDir())
        return Error{ErrorCode::IoError, QStringLiteral("the folder to watch %1 does not exist").arg(m_config.folder), {}};
    if (!m_watcher.addPath(m_config.folder))
        qCInfo(lcFiles) << "no file system notifications for" << m_config.folder << "- polling only";
    m_poll.start();
    scan();
    return {};
}

void FileTrigger::stop()
{
    m_poll.stop();
    m_debounce.stop();
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
}

void FileTrigger::scan()
{
    const QDir dir(m_config.folder);
    const QFileInfoList files = dir.entryInfoList({m_config.pattern}, QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    QSet<QString> present;
    for (const QFileInfo &file : files) {
        const QString name = file.fileName();
        if (name.endsWith(kDoneSuffix))
            continue;
        present.insert(name);
        const qint64 modified = file.lastModified().toMSecsSinceEpoch();
        const qint64 size = file.size();
        auto reported = m_reported.find(name);
        if (reported == m_reported.end()) {
            // First sight in this process: the store may know it from an earlier run.
            auto mark = m_store.mark(kKind, m_config.name, name);
            if (!mark) {
                Q_EMIT failed(mark.error().message);
                return;
            }
            reported = m_reported.insert(name, mark.value().value_or(-1));
        }
        if (*reported >= modified)
            continue;
        bool complete = false;
        if (m_config.doneMarker) {
            complete = QFileInfo::exists(file.absoluteFilePath() + kDoneSuffix);
        } else {
            Candidate &candidate = m_candidates[name];
            if (candidate.size != size || candidate.modifiedMs != modified) {
                candidate.size = size;
                candidate.modifiedMs = modified;
                candidate.unchangedFor.start();
            }
            complete = candidate.unchangedFor.elapsed() >= m_config.stableMs;
        }
        if (!complete)
            continue;
        Event event = Event::make(m_config.source, m_config.detailType,
                                  Json{{"folder", QDir::cleanPath(dir.absolutePath()).toStdString()},
                                       {"name", name.toStdString()},
                                       {"path", file.absoluteFilePath().toStdString()},
                                       {"size", size},
                                       {"modified", timestamp::formatMs(modified)}},
                                  m_clock.nowMs());
        event.resources = {file.absoluteFilePath().toStdString()};
        const std::string id = event.id;
        auto put = m_store.putWithMark(std::move(event), QString(), {kKind, m_config.name, name, modified});
        if (!put) {
            qCWarning(lcFiles) << "file" << file.absoluteFilePath() << ":" << put.error().message;
            Q_EMIT failed(put.error().message);
            return;   // tried again on the next scan
        }
        *reported = modified;
        m_candidates.remove(name);
        if (put.value())
            Q_EMIT arrived(file.absoluteFilePath(), QString::fromStdString(id));
    }
    // Forget candidates that went away (moved elsewhere before they were complete).
    for (auto it = m_candidates.begin(); it != m_candidates.end();) {
        if (!present.contains(it.key()))
            it = m_candidates.erase(it);
        else
            ++it;
    }
}

} // namespace sluice
