#include "dlq/DlqReplayJob.h"

#include "store/Journal.h"
#include "store/JournalReader.h"

#include <QElapsedTimer>

namespace sluice::ui {

namespace {
constexpr qint64 kProgressMs = 100;
}

DlqReplayJob::DlqReplayJob(const QString &location, std::shared_ptr<Journal> journal)
    : m_location(location)
    , m_journal(std::move(journal))
{
}

DlqReplayJob::~DlqReplayJob() = default;

void DlqReplayJob::run(const ReplayRequest &request, std::shared_ptr<std::atomic_bool> cancel)
{
    if (!m_journal) {
        auto journal = Journal::open(m_location);
        if (!journal) {
            Q_EMIT finished({}, journal.error().message);
            return;
        }
        m_journal = journal.value();
    }
    if (!m_reader) {
        auto reader = JournalReader::open(m_location);
        if (!reader) {
            Q_EMIT finished({}, reader.error().message);
            return;
        }
        m_reader = std::shared_ptr<JournalReader>(std::move(reader).value());
    }

    int total = 0;
    int done = 0;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    ReplayObserver observer;
    observer.started = [&](int n) {
        total = n;
        Q_EMIT progress(0, total);
    };
    observer.finished = [&](const ReplayEntryResult &) {
        ++done;
        if (sinceProgress.hasExpired(kProgressMs)) {
            sinceProgress.restart();
            Q_EMIT progress(done, total);
        }
    };
    DlqReplayer replayer(m_journal, m_reader);
    auto results = replayer.replay(request, observer, cancel.get());
    if (!results) {
        Q_EMIT finished({}, results.error().message);
        return;
    }
    Q_EMIT progress(done, total);
    Q_EMIT finished(results.value(), QString());
}

} // namespace sluice::ui
