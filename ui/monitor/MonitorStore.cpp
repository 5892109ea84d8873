#include "monitor/MonitorStore.h"

#include "store/JournalReader.h"

#include <QThread>

namespace sluice::ui {

/// The reader thread's half: one JournalReader, used only on that thread.
class MonitorStore::Worker : public QObject
{
    Q_OBJECT
public:
    void open(const QString &location)
    {
        m_reader.reset();
        auto reader = JournalReader::open(location);
        if (!reader) {
            Q_EMIT opened(reader.error().message);
            return;
        }
        m_reader = std::move(reader).value();
        Q_EMIT opened(QString());
    }

    /// Runs `read` on the reader, or answers `fail` with why there is none.
    template<typename Read, typename Fail>
    void withReader(Read &&read, Fail &&fail)
    {
        if (!m_reader)
            fail(tr("No store is open."));
        else
            read(*m_reader);
    }

Q_SIGNALS:
    void opened(const QString &error);
    void executionLoaded(sluice::ui::Ticket ticket, const sluice::ExecutionInfo &execution, const QString &error);
    void countLoaded(sluice::ui::Ticket ticket, qint64 count, const QString &error);
    void itemsLoaded(sluice::ui::Ticket ticket, const QList<sluice::ItemRow> &rows, const QString &error);
    void keysLoaded(sluice::ui::Ticket ticket, const QList<qint64> &keys, const QString &error);
    void positionLoaded(sluice::ui::Ticket ticket, qint64 position, const QString &error);
    void historyLoaded(sluice::ui::Ticket ticket, const QList<sluice::HistoryEvent> &events, const QString &error);

private:
    std::unique_ptr<JournalReader> m_reader;
};

MonitorStore::MonitorStore(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Ticket>("sluice::ui::Ticket");
    qRegisterMetaType<ExecutionInfo>();
    qRegisterMetaType<ItemRow>();
    qRegisterMetaType<HistoryEvent>();
    qRegisterMetaType<ItemFilter>();
    qRegisterMetaType<HistoryFilter>();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("monitor-reader"));
    m_worker = new Worker;
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::opened, this, [this](const QString &error) {
        m_open = error.isEmpty();
        Q_EMIT opened(error);
    }, Qt::QueuedConnection);
    connect(m_worker, &Worker::executionLoaded, this, &MonitorStore::executionLoaded, Qt::QueuedConnection);
    connect(m_worker, &Worker::countLoaded, this, &MonitorStore::countLoaded, Qt::QueuedConnection);
    connect(m_worker, &Worker::itemsLoaded, this, &MonitorStore::itemsLoaded, Qt::QueuedConnection);
    connect(m_worker, &Worker::keysLoaded, this, &MonitorStore::keysLoaded, Qt::QueuedConnection);
    connect(m_worker, &Worker::positionLoaded, this, &MonitorStore::positionLoaded, Qt::QueuedConnection);
    connect(m_worker, &Worker::historyLoaded, this, &MonitorStore::historyLoaded, Qt::QueuedConnection);
    m_thread->start();
}

MonitorStore::~MonitorStore()
{
    // The reader finishes its current query; queued requests after it are dropped with the thread.
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void MonitorStore::open(const QString &location)
{
    m_location = location;
    m_open = false;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, location] { worker->open(location); }, Qt::QueuedConnection);
}

Ticket MonitorStore::requestExecution(const QString &executionId)
{
    const Ticket ticket = ++m_next;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, executionId] {
        w->withReader(
            [&](JournalReader &reader) {
                auto info = reader.execution(executionId);
                Q_EMIT w->executionLoaded(ticket, info ? info.value() : ExecutionInfo(), info ? QString() : info.error().message);
            },
            [&](const QString &why) { Q_EMIT w->executionLoaded(ticket, {}, why); });
    }, Qt::QueuedConnection);
    return ticket;
}

Ticket MonitorStore::requestCount(const QString &executionId, const ItemFilter &filter)
{
    const Ticket ticket = ++m_next;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, executionId, filter] {
        w->withReader(
            [&](JournalReader &reader) {
                auto count = reader.itemCount(executionId, filter);
                Q_EMIT w->countLoaded(ticket, count ? count.value() : 0, count ? QString() : count.error().message);
            },
            [&](const QString &why) { Q_EMIT w->countLoaded(ticket, 0, why); });
    }, Qt::QueuedConnection);
    return ticket;
}

Ticket MonitorStore::requestItems(const QString &executionId, const ItemFilter &filter)
{
    const Ticket ticket = ++m_next;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, executionId, filter] {
        w->withReader(
            [&](JournalReader &reader) {
                auto rows = reader.items(executionId, filter);
                Q_EMIT w->itemsLoaded(ticket, rows ? rows.value() : QList<ItemRow>(), rows ? QString() : rows.error().message);
            },
            [&](const QString &why) { Q_EMIT w->itemsLoaded(ticket, {}, why); });
    }, Qt::QueuedConnection);
    return ticket;
}

Ticket MonitorStore::requestKeys(const QString &executionId, const ItemFilter &filter, int every)
{
    const Ticket ticket = ++m_next;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, executionId, filter, every] {
        w->withReader(
            [&](JournalReader &reader) {
                auto keys = reader.itemKeys(executionId, filter, every);
                Q_EMIT w->keysLoaded(ticket, keys ? keys.value() : QList<qint64>(), keys ? QString() : keys.error().message);
            },
            [&](const QString &why) { Q_EMIT w->keysLoaded(ticket, {}, why); });
    }, Qt::QueuedConnection);
    return ticket;
}

Ticket MonitorStore::requestPosition(const QString &executionId, const ItemFilter &filter, qint64 item)
{
    const Ticket ticket = ++m_next;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, executionId, filter, item] {
        w->withReader(
            [&](JournalReader &reader) {
                auto position = reader.itemPosition(executionId, filter, item);
                Q_EMIT w->positionLoaded(ticket, position ? position.value() : -1,
                                         position ? QString() : position.error().message);
            },
            [&](const QString &why) { Q_EMIT w->positionLoaded(ticket, -1, why); });
    }, Qt::QueuedConnection);
    return ticket;
}

Ticket MonitorStore::requestHistory(const QString &executionId, const HistoryFilter &filter)
{
    const Ticket ticket = ++m_next;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, executionId, filter] {
        w->withReader(
            [&](JournalReader &reader) {
                auto events = reader.history(executionId, filter);
                Q_EMIT w->historyLoaded(ticket, events ? events.value() : QList<HistoryEvent>(),
                                        events ? QString() : events.error().message);
            },
            [&](const QString &why) { Q_EMIT w->historyLoaded(ticket, {}, why); });
    }, Qt::QueuedConnection);
    return ticket;
}

} // namespace sluice::ui

#include "MonitorStore.moc"
