#pragma once

#include "dlq/DlqTypes.h"

#include <QObject>

#include <memory>

namespace sluice {
class JournalReader;
}

namespace sluice::ui {

/// The DLQ browser's reads and small writes (discard, export), on a thread of its own with its own
/// JournalReader connection. Its functions are called on that thread (QMetaObject::invokeMethod from the
/// GUI thread); every answer goes back as a signal, which the GUI receives queued.
class DlqStoreReader : public QObject
{
    Q_OBJECT
public:
    DlqStoreReader();
    ~DlqStoreReader() override;

    static constexpr int kPageSize = 250;

    void open(const QString &location);
    void loadGroups(const sluice::DlqFilter &filter, sluice::ui::Generation generation);
    /// `filter.afterId` and `filter.limit` select the page.
    void loadPage(const sluice::DlqFilter &filter, sluice::ui::Generation generation);
    void loadEntry(qint64 id);
    void loadWorkflows();
    void discard(const QList<qint64> &ids);
    /// Every entry `filter` selects, as `sluice-cli dlq export` prints them, into `file`.
    void exportTo(const sluice::DlqFilter &filter, const QString &file);

Q_SIGNALS:
    void opened(const QString &location, const QString &error);
    void groupsLoaded(sluice::ui::Generation generation, const QList<sluice::DlqGroup> &groups, const QString &error);
    /// `atEnd` when the page is the last one the filter selects.
    void pageLoaded(sluice::ui::Generation generation, qint64 afterId, const QList<sluice::ui::DlqRow> &rows,
                    bool atEnd, const QString &error);
    void entryLoaded(const sluice::ui::DlqEntryDetail &detail);
    void workflowsLoaded(const QList<sluice::WorkflowVersionInfo> &workflows);
    void discarded(int count, const QString &error);
    void exported(int count, const QString &file, const QString &error);

private:
    QStringList restartStates(const DlqEntry &entry);

    std::unique_ptr<JournalReader> m_reader;
    QString m_location;
};

} // namespace sluice::ui
