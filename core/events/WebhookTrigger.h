#pragma once

#include "Result.h"
#include "events/Rules.h"

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

namespace sluice {

class Clock;
class EventStore;

/// The webhook trigger: a minimal HTTP/1.1 server (QTcpServer; one request per connection) that turns
/// `POST` bodies into events. The body must be a JSON object and becomes the event's detail; the
/// `X-Sluice-Detail-Type` header overrides the configured detail-type; the request path is the event's
/// resource.
///
///     401  no `Authorization: Bearer TOKEN` or `X-Sluice-Token: TOKEN`, or the wrong token
///     405  not POST;  411  no Content-Length (chunked bodies are not taken);  413  body over MaxBodyBytes
///     400  not JSON, or not an object;  408  the request did not arrive within 10 s
///     202  {"id": "…"} once the event is committed to the store;  503  the store failed (nothing was put)
///
/// Listens on 127.0.0.1 unless configured otherwise. Lives on the thread that made it (with its store).
class WebhookTrigger : public QObject
{
    Q_OBJECT
public:
    /// `token` must not be empty: a webhook without one is refused at listen().
    WebhookTrigger(EventStore &store, WebhookConfig config, QByteArray token, const Clock &clock,
                   QObject *parent = nullptr);
    ~WebhookTrigger() override;

    /// Starts listening; returns the port (the configured one, or the one chosen for port 0).
    Result<quint16> listen();
    void close();

Q_SIGNALS:
    void received(const QString &eventId);
    /// A request that was refused (status 4xx/5xx), for the log.
    void refused(int status, const QString &reason);

private:
    class Connection;
    friend class Connection;
    void onNewConnection();
    /// The status and JSON body to answer a complete request with.
    std::pair<int, QByteArray> handle(const QByteArray &path, const QByteArray &detailType, const QByteArray &body);

    EventStore &m_store;
    const WebhookConfig m_config;
    const QByteArray m_token;
    const Clock &m_clock;
    QTcpServer m_server;
};

} // namespace sluice
