#include "events/EventBus.h"

#include "definition/Parser.h"
#include "engine/Engine.h"
#include "events/Clock.h"
#include "events/EventStore.h"
#include "store/Journal.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QUuid>

namespace sluice {

Q_LOGGING_CATEGORY(lcBus, "sluice.events.bus")

namespace {

/// The longest chain of PutEvent targets an event may pass through (EventBridge leaves loops to the user).
constexpr std::size_t kMaxEventChain = 16;
constexpr const char *kEventLoop = "Sluice.EventLoop";

Failure failure(const char *error, const QString &cause)
{
    return Failure{error, cause.toStdString()};
}

} // namespace

EventBus::EventBus(EventStore &store, Rules rules, Engine &engine, std::shared_ptr<Journal> journal, const Clock &clock,
                   Options options, QObject *parent)
    : QObject(parent), m_store(store), m_rules(std::move(rules)), m_engine(engine), m_journal(std::move(journal)),
      m_clock(clock), m_options(std::move(options))
{
    m_poll.setInterval(m_options.pollMs);
    connect(&m_poll, &QTimer::timeout, this, [this] { dispatch(); });
}

EventBus::~EventBus() = default;

Result<std::string> EventBus::put(Event event)
{
    if (event.timeMs == 0)
        event.timeMs = m_clock.nowMs();
    auto id = m_store.put(std::move(event));
    if (id)
        wake();
    return id;
}

void EventBus::start()
{
    m_stopped = false;
    m_poll.start();
    wake();
}

void EventBus::stop()
{
    m_stopped = true;
    m_poll.stop();
}

void EventBus::wake()
{
    if (m_wakePending || m_stopped)
        return;
    m_wakePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_wakePending = false;
            dispatch();
        },
        Qt::QueuedConnection);
}

std::vector<Execution> EventBus::running()
{
    std::erase_if(m_running, [](const Execution &e) { return e.isFinished(); });
    return m_running;
}

void EventBus::route()
{
    for (;;) {
        auto events = m_store.unrouted(100);
        if (!events) {
            qCWarning(lcBus) << "routing:" << events.error().message;
            return;
        }
        for (const StoredEvent &stored : events.value()) {
            const Json json = stored.event.toJson();
            QList<std::pair<QString, QString>> targets;
            for (const Rule &rule : m_rules.rules) {
                if (!rule.enabled)
                    continue;
                const bool routed = stored.onlyRule.isEmpty() ? (rule.pattern && rule.pattern->matches(json))
                                                              : stored.onlyRule == QString::fromStdString(rule.name);
                if (!routed)
                    continue;
                for (const RuleTarget &target : rule.targets)
                    targets.append({QString::fromStdString(rule.name), QString::fromStdString(target.id)});
            }
            if (auto done = m_store.route(stored.row, targets, m_clock.nowMs()); !done) {
                qCWarning(lcBus) << "routing:" << done.error().message;
                return;
            }
        }
        if (events.value().size() < 100)
            return;
    }
}

int EventBus::dispatch()
{
    if (m_stopped)
        return 0;
    std::erase_if(m_running, [](const Execution &e) { return e.isFinished(); });   // a long serve keeps no old ones
    route();
    int attempts = 0;
    auto due = m_store.due(m_clock.nowMs(), 100);
    if (!due) {
        qCWarning(lcBus) << "delivering:" << due.error().message;
        return 0;
    }
    for (const Delivery &delivery : due.value()) {
        if (m_stopped)
            break;
        ++attempts;
        const auto outcome = attempt(delivery);
        const qint64 now = m_clock.nowMs();
        if (outcome) {
            if (auto done = m_store.delivered(delivery.id, now); !done)
                qCWarning(lcBus) << "delivering:" << done.error().message;
            Q_EMIT attempted(delivery.id, delivery.rule, delivery.target, QString());
            continue;
        }
        const Failure &f = outcome.error();
        const RuleTarget *target = m_rules.target(delivery.rule.toStdString(), delivery.target.toStdString());
        const TargetRetryPolicy retry = target ? target->retry : TargetRetryPolicy{};
        const int failures = delivery.attempts + 1;
        const bool dead = failures > retry.maximumRetryAttempts || f.error == kEventLoop;   // a loop stays one
        const qint64 next = dead ? now : now + retry.delayMs(failures);
        const QString error = QString::fromStdString(f.error);
        if (auto done = m_store.failed(delivery.id, failures, next, dead, error, QString::fromStdString(f.cause), now); !done)
            qCWarning(lcBus) << "delivering:" << done.error().message;
        qCInfo(lcBus).noquote() << QStringLiteral("delivery %1 (%2/%3) failed (%4 of %5 tries): %6: %7")
                                       .arg(delivery.id)
                                       .arg(delivery.rule, delivery.target)
                                       .arg(failures)
                                       .arg(retry.maximumRetryAttempts + 1)
                                       .arg(error, QString::fromStdString(f.cause));
        Q_EMIT attempted(delivery.id, delivery.rule, delivery.target, error);
        if (dead)
            Q_EMIT deadLettered(delivery.id, delivery.rule, delivery.target, error);
    }
    return attempts;
}

Result<void, Failure> EventBus::attempt(const Delivery &delivery)
{
    const RuleTarget *target = m_rules.target(delivery.rule.toStdString(), delivery.target.toStdString());
    if (!target)
        return failure("Sluice.TargetMissing",
                       QStringLiteral("the rules have no target %1 in rule %2 (any more)").arg(delivery.target, delivery.rule));
    auto input = target->input.apply(delivery.event.toJson(), delivery.rule.toStdString());
    if (!input)
        return std::move(input).error();
    if (target->kind == RuleTarget::Kind::PutEvent)
        return putEvent(delivery, *target, std::move(input).value());
    return startWorkflow(delivery, *target, std::move(input).value());
}

Result<void, Failure> EventBus::startWorkflow(const Delivery &delivery, const RuleTarget &target, Json input)
{
    QFile file(target.workflowPath);
    if (!file.open(QIODevice::ReadOnly))
        return failure("Sluice.WorkflowMissing",
                       QStringLiteral("cannot read %1: %2").arg(target.workflowPath, file.errorString()));
    const QByteArray bytes = file.readAll();
    auto workflow = definition::parse(bytes);
    if (!workflow)
        return failure("Sluice.WorkflowInvalid",
                       QStringLiteral("%1: %2").arg(target.workflowPath, workflow.error().toString()));

    QString executionId = delivery.executionId;
    if (m_startedHere.contains(executionId)) {
        // Started by an earlier attempt of this process whose journal flush failed: never start it twice.
        if (!m_journal->flush(30000))
            return failure("Sluice.StoreUnavailable",
                           QStringLiteral("the journal did not commit the start of execution %1").arg(executionId));
        return {};
    }
    if (!executionId.isEmpty()) {
        // An earlier attempt chose this id; if its start reached the journal, the execution exists (and the
        // resume of unfinished executions continues it): starting it again would run the event twice.
        auto exists = m_store.executionExists(executionId);
        if (!exists)
            return failure("Sluice.StoreUnavailable", exists.error().message);
        if (exists.value())
            return {};
    } else {
        executionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (auto recorded = m_store.setExecution(delivery.id, executionId); !recorded)
            return failure("Sluice.StoreUnavailable", recorded.error().message);
    }
    auto version = m_journal->saveWorkflow(bytes, QString::fromStdString(target.stateMachineName));
    if (!version)
        return failure("Sluice.StoreUnavailable", version.error().message);

    ExecutionOptions options;
    options.executionId = executionId;
    options.stateMachineName = target.stateMachineName;
    options.journal = m_journal;
    options.workflowVersion = version.value();
    options.baseDir = QFileInfo(target.workflowPath).absolutePath();
    options.noDelays = m_options.noDelays;
    options.tasks = m_options.tasks;
    Execution execution = m_engine.start(std::move(workflow).value(), std::move(input), std::move(options));
    m_running.push_back(execution);
    m_startedHere.insert(executionId);
    if (!m_journal->flush(30000))
        return failure("Sluice.StoreUnavailable",
                       QStringLiteral("the journal did not commit the start of execution %1").arg(executionId));
    Q_EMIT executionStarted(executionId, delivery.rule, delivery.target);
    return {};
}

Result<void, Failure> EventBus::putEvent(const Delivery &delivery, const RuleTarget &target, Json input)
{
    if (!input.is_object())
        return failure("Sluice.InputTransformFailed",
                       QStringLiteral("a PutEvent target's input becomes the new event's detail and must be a JSON "
                                      "object, not %1")
                           .arg(QString::fromStdString(input.dump())));
    // The rules this event came through, oldest first: PutEvent targets that feed each other's patterns
    // would otherwise put events for ever, so a chain that long is stopped and dead-lettered.
    std::vector<std::string> chain;
    for (const std::string &resource : delivery.event.resources) {
        if (resource.starts_with("rule/"))
            chain.push_back(resource);
    }
    chain.push_back("rule/" + delivery.rule.toStdString());
    if (chain.size() > kMaxEventChain) {
        QStringList names;
        for (const std::string &rule : chain)
            names << QString::fromStdString(rule).mid(5);
        return failure(kEventLoop, QStringLiteral("the event has passed through %1 PutEvent targets (%2): the rules "
                                                  "feed each other in a loop; fix their patterns, then replay or "
                                                  "discard this entry")
                                       .arg(chain.size() - 1)
                                       .arg(names.join(QStringLiteral(" → "))));
    }
    Event event = Event::make(target.source, target.detailType, std::move(input), m_clock.nowMs());
    // The same delivery (and replay) always puts the same event id, so a retry after a crash puts it once.
    static const QUuid ns(QStringLiteral("{4f0d5ad1-2b3c-4c57-9a51-3e0b1c1e5e11}"));
    event.id = QUuid::createUuidV5(ns, QStringLiteral("%1/%2/%3").arg(m_store.location()).arg(delivery.id).arg(delivery.replays))
                   .toString(QUuid::WithoutBraces)
                   .toStdString();
    event.resources = std::move(chain);
    if (auto put = m_store.put(std::move(event)); !put)
        return failure("Sluice.StoreUnavailable", put.error().message);
    wake();
    return {};
}

} // namespace sluice
