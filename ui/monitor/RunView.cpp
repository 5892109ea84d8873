#include "monitor/RunView.h"

#include "editor/EdgeItem.h"
#include "editor/EditorDocument.h"
#include "editor/GraphView.h"
#include "editor/StateItem.h"
#include "monitor/RunListModel.h"
#include "monitor/RunScene.h"
#include "store/JournalReader.h"

#include <QFont>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QSplitter>
#include <QTabWidget>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

qint64 sum(const ItemCounts &c)
{
    qint64 n = 0;
    for (qint64 v : c)
        n += v;
    return n;
}

QString rateText(double perSecond)
{
    if (perSecond < 0.05)
        return {};
    if (perSecond < 10)
        return RunView::tr("%1/s").arg(QLocale().toString(perSecond, 'f', 1));
    return RunView::tr("%1/s").arg(QLocale().toString(qint64(perSecond + 0.5)));
}

} // namespace

RunView::RunView(const QString &storeLocation, const QString &executionId, QWidget *parent)
    : QWidget(parent), m_location(storeLocation), m_executionId(executionId)
{
    m_doc = new EditorDocument(this);
    m_scene = new RunScene(m_doc, this);
    m_view = new GraphView(m_scene, this);
    m_view->setAcceptDrops(false);
    m_view->setObjectName(QStringLiteral("runCanvas"));
    m_status = new QLabel(tr("Reading the run…"), this);
    m_status->setContentsMargins(6, 3, 6, 3);
    m_bottom = new QTabWidget(this);
    m_bottom->setDocumentMode(true);
    m_bottom->hide();   // until a panel is added
    m_splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_status);
    topLayout->addWidget(m_view);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_bottom);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_scene, &RunScene::stateClicked, this, &RunView::stateClicked);
    connect(m_scene, &RunScene::failedClicked, this,
            [this](const QString &state) { Q_EMIT dlqRequested(m_executionId, state); });
    m_rateClock.start();
    m_paintTimer = new QTimer(this);
    m_paintTimer->setSingleShot(true);
    m_paintTimer->setInterval(250);
    connect(m_paintTimer, &QTimer::timeout, this, [this]() {
        if (m_loaded)
            paintCounts();
    });

    // The run's workflow version, read on a worker thread with a reader of its own.
    QPointer<RunView> self(this);
    QThreadPool::globalInstance()->start([self, location = m_location, id = m_executionId]() {
        QByteArray definition;
        QString name;
        QString error;
        auto reader = JournalReader::open(location);
        // A run that has just started may not be committed yet: wait for it a little.
        auto info = reader ? reader.value()->execution(id, false) : Result<ExecutionInfo>(reader.error());
        for (int attempt = 0; reader && !info && attempt < 100 && self; ++attempt) {
            QThread::msleep(200);
            info = reader.value()->execution(id, false);
        }
        if (!reader) {
            error = reader.error().message;
        } else if (!info) {
            error = info.error().message;
        } else {
            name = info.value().workflowName;
            auto bytes = reader.value()->workflowDefinition(info.value().workflowVersion);
            if (bytes)
                definition = bytes.value();
            else
                error = bytes.error().message;
        }
        QMetaObject::invokeMethod(
            qApp, [self, definition, name, error]() {
                if (self)
                    self->onDefinition(definition, name, error);
            },
            Qt::QueuedConnection);
    });
}

RunView::~RunView()
{
    // the scene's items must go before the document they show
    m_view->setScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
}

int RunView::addBottomTab(QWidget *widget, const QString &title)
{
    m_bottom->show();
    return m_bottom->addTab(widget, title);
}

StateRunBadge *RunView::badge(const QString &name) const
{
    return m_badges.value(name);
}

QString RunView::edgeLabel(const QString &name) const
{
    const auto labels = m_edgeLabels.value(name);
    return labels.isEmpty() ? QString() : labels.first()->text();
}

void RunView::onDefinition(const QByteArray &definition, const QString &workflowName, const QString &error)
{
    m_workflowName = workflowName;
    if (!error.isEmpty()) {
        m_status->setText(tr("Cannot show the run: %1").arg(error));
        Q_EMIT loaded(error);
        return;
    }
    if (auto result = m_doc->load(definition); !result) {
        m_status->setText(tr("Cannot show the run: %1").arg(result.error().message));
        Q_EMIT loaded(result.error().message);
        return;
    }
    m_loaded = true;
    buildOverlay();
    m_view->fitAll();
    paintCounts();
    Q_EMIT loaded(QString());
}

void RunView::buildOverlay()
{
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() != StateItem::Type)
            continue;
        auto *state = static_cast<StateItem *>(item);
        state->setFlag(QGraphicsItem::ItemIsMovable, false);
        const bool map = state->info().type == StateType::Map;
        auto *badge = new StateRunBadge(state->cardRect().size(), map, state);
        badge->setCard(state->cardRect().size(), state->size());
        m_badges.insert(state->info().name, badge);
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    for (EdgeItem *edge : m_scene->edgeItems()) {
        auto *label = new QGraphicsSimpleTextItem(edge);
        label->setFont(small);
        label->setBrush(QColor(0x45, 0x5a, 0x64));
        label->setZValue(4);
        const QString from = edge->source()->info().name;
        label->setData(0, edge->edge().kind == EdgeKind::Catch);
        label->setPos(edge->path().pointAtPercent(0.5) + QPointF(6, -8));
        m_edgeLabels[from].append(label);
    }
}

void RunView::applySnapshot(const ProgressSnapshot &snapshot)
{
    if (snapshot.executionId != m_executionId)
        return;
    const double seconds = std::max<qint64>(1, m_rateClock.restart()) / 1000.0;
    for (const auto &[name, c] : snapshot.states) {
        const QString state = QString::fromStdString(name);
        m_counts[state] = StateLiveCounts{c.inState, c.succeeded, c.failed, c.retried};
        const qint64 left = c.succeeded + c.failed;
        m_rates[state] = double(left - m_left.value(state, left)) / seconds;
        m_left[state] = left;
    }
    const ItemCounts &items = snapshot.items;
    // Map items: everything but the root item (which sits in the Map while its items run).
    m_itemsTotal = std::max<qint64>(0, sum(items) - 1);
    m_itemsFailed = items[size_t(ItemStatus::Failed)];
    m_itemsDone = items[size_t(ItemStatus::Succeeded)] + m_itemsFailed + items[size_t(ItemStatus::Cancelled)];
    if (snapshot.final || m_itemsDone > m_itemsTotal)
        m_itemsDone = std::min(m_itemsDone, m_itemsTotal);
    m_itemsRunning = items[size_t(ItemStatus::Running)] + items[size_t(ItemStatus::Retrying)];
    // Repainting the canvas costs the engine a core's time on a small machine: a few times a second is
    // enough for the eye; the last snapshot paints at once.
    if (snapshot.final) {
        m_paintTimer->stop();
        if (m_loaded)
            paintCounts();
    } else if (!m_paintTimer->isActive()) {
        m_paintTimer->start();
    }
    m_status->setText(snapshot.final ? tr("Finished: %n item(s)", nullptr, int(std::min<qint64>(m_itemsTotal + 1, INT_MAX)))
                                     : tr("Running: %1 of %2 items done, %3 failed")
                                           .arg(QLocale().toString(m_itemsDone), QLocale().toString(m_itemsTotal),
                                                QLocale().toString(m_itemsFailed)));
    Q_EMIT this->snapshot(snapshot);
}

void RunView::applyStoreCounts(const ExecutionInfo &execution, const StateItemCounts &states)
{
    if (execution.id != m_executionId)
        return;
    // From the store: where the items are now (in a state, or ended there).
    const double seconds = std::max<qint64>(1, m_rateClock.restart()) / 1000.0;
    // The store knows where items are (or ended), not what passed through: a state's successes seen from
    // the engine's snapshots stay, while failures follow the store (a replay takes them away).
    const QHash<QString, StateLiveCounts> before = m_counts;
    m_counts.clear();
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        m_counts[it.key()] = StateLiveCounts{0, it.value().succeeded, 0, 0};
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        const ItemCounts &c = it.value();
        StateLiveCounts live;
        live.inState = c[size_t(ItemStatus::Pending)] + c[size_t(ItemStatus::Running)] +
                       c[size_t(ItemStatus::Replaying)] + c[size_t(ItemStatus::Retrying)];
        live.retrying = c[size_t(ItemStatus::Retrying)];
        live.succeeded = std::max(c[size_t(ItemStatus::Succeeded)], before.value(it.key()).succeeded);
        live.failed = c[size_t(ItemStatus::Failed)];
        m_counts[it.key()] = live;
        const qint64 left = live.succeeded + live.failed;
        m_rates[it.key()] = double(left - m_left.value(it.key(), left)) / seconds;
        m_left[it.key()] = left;
    }
    const ItemCounts &items = execution.counts;
    m_itemsTotal = std::max<qint64>(0, sum(items) - 1);
    m_itemsFailed = items[size_t(ItemStatus::Failed)];
    m_itemsDone = std::min(m_itemsTotal, items[size_t(ItemStatus::Succeeded)] + m_itemsFailed +
                                             items[size_t(ItemStatus::Cancelled)]);
    if (m_loaded)
        paintCounts();
    setStatus(execution);
}

void RunView::setStatus(const ExecutionInfo &execution)
{
    if (execution.id != m_executionId)
        return;
    QString text = tr("%1 — %2 of %3 items done, %4 failed")
                       .arg(RunListModel::statusText(execution.status), QLocale().toString(m_itemsDone),
                            QLocale().toString(m_itemsTotal), QLocale().toString(m_itemsFailed));
    if (!execution.error.isEmpty())
        text += QStringLiteral(" — %1").arg(execution.error);
    m_status->setText(text);
}

void RunView::paintCounts()
{
    for (auto it = m_badges.cbegin(); it != m_badges.cend(); ++it) {
        StateRunBadge *badge = it.value();
        auto *state = static_cast<StateItem *>(badge->parentItem());
        badge->setCard(state->cardRect().size(), state->size());
        if (state->info().type == StateType::Map) {
            // A Map shows its items: running, succeeded, failed.
            badge->setCounts(StateLiveCounts{m_itemsRunning, m_itemsDone - m_itemsFailed, m_itemsFailed, 0});
            badge->setItems(m_itemsDone, m_itemsFailed, m_itemsTotal);
        } else {
            badge->setCounts(m_counts.value(it.key()));
        }
    }
    for (auto it = m_edgeLabels.cbegin(); it != m_edgeLabels.cend(); ++it) {
        const double rate = m_rates.value(it.key());
        const StateLiveCounts counts = m_counts.value(it.key());
        for (QGraphicsSimpleTextItem *label : it.value()) {
            const bool isCatch = label->data(0).toBool();
            // Normal edges carry the state's exits; a Catch edge only its failures.
            const qint64 left = counts.succeeded + counts.failed;
            const double share = left > 0 ? double(isCatch ? counts.failed : counts.succeeded) / double(left) : 0;
            label->setText(rateText(rate * share));
        }
    }
}

} // namespace sluice::ui
