#include "events/WebhookTrigger.h"

#include "events/Clock.h"
#include "events/EventStore.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

namespace sluice {

Q_LOGGING_CATEGORY(lcWebhook, "sluice.events.webhook")

namespace {

constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
constexpr int kRequestTimeoutMs = 10000;

const char *reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 202: return "Accepted";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

QByteArray errorBody(const QString &message)
{
    return QByteArray::fromStdString(Json{{"error", message.toStdString()}}.dump());
}

/// Compares without stopping at the first difference, so the time taken says nothing about the token.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

/// One client connection: reads one request, answers it, closes.
class WebhookTrigger::Connection : public QObject
{
public:
    Connection(WebhookTrigger &trigger, QTcpSocket *socket) : QObject(socket), m_trigger(trigger), m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, [this] {
            answer(408, errorBody(QStringLiteral("the request did not arrive within %1 s").arg(kRequestTimeoutMs / 1000)));
        });
        m_timeout.start(kRequestTimeoutMs);
    }

private:
    void answer(int status, const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        if (m_answered)
            return;
        m_answered = true;
        m_timeout.stop();
        if (status >= 400)
            Q_EMIT m_trigger.refused(status, QString::fromUtf8(body));
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n" +
                              "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                              "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
        m_socket->write(response);
        m_socket->disconnectFromHost();
    }

    void onReadyRead()
    {
        if (m_answered) {
            m_socket->readAll();
            return;
        }
        m_buffer += m_socket->readAll();
        if (!m_headersDone && !parseHeaders())
            return;
        if (m_headersDone && m_buffer.size() >= m_contentLength) {
            const auto [status, body] = m_trigger.handle(m_path, m_detailType, m_buffer.left(m_contentLength));
            answer(status, body);
        }
    }

    /// True once the headers are read and the body may follow; answers (and returns false) on a bad request.
    bool parseHeaders()
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeaderBytes)
                answer(431, errorBody(QStringLiteral("the request headers exceed %1 bytes").arg(kMaxHeaderBytes)));
            return false;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            answer(400, errorBody(QStringLiteral("not an HTTP/1.1 request")));
            return false;
        }
        QByteArray authorization, token, contentLength, transferEncoding, expect;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0) {
                answer(400, errorBody(QStringLiteral("malformed header line")));
                return false;
            }
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            if (name == "authorization")
                authorization = value;
            else if (name == "x-sluice-token")
                token = value;
            else if (name == "content-length")
                contentLength = value;
            else if (name == "transfer-encoding")
                transferEncoding = value;
            else if (name == "expect")
                expect = value.toLower();
            else if (name == "x-sluice-detail-type")
                m_detailType = value;
        }
        if (requestLine[0] != "POST") {
            answer(405, errorBody(QStringLiteral("only POST is accepted")), "Allow: POST\r\n");
            return false;
        }
        if (authorization.startsWith("Bearer ") || authorization.startsWith("bearer "))
            token = authorization.mid(7).trimmed();
        if (!sameToken(token, m_trigger.m_token)) {
            answer(401, errorBody(QStringLiteral("a valid token is required (Authorization: Bearer TOKEN or "
                                                 "X-Sluice-Token: TOKEN)")),
                   "WWW-Authenticate: Bearer\r\n");
            return false;
        }
        if (!transferEncoding.isEmpty() || contentLength.isEmpty()) {
            answer(411, errorBody(QStringLiteral("send the body with a Content-Length (chunked bodies are not taken)")));
            return false;
        }
        bool ok = false;
        m_contentLength = contentLength.toLongLong(&ok);
        if (!ok || m_contentLength < 0) {
            answer(400, errorBody(QStringLiteral("Content-Length is not a number")));
            return false;
        }
        if (m_contentLength > m_trigger.m_config.maxBodyBytes) {
            answer(413, errorBody(QStringLiteral("the body (%1 bytes) is larger than the limit of %2 bytes")
                                      .arg(m_contentLength)
                                      .arg(m_trigger.m_config.maxBodyBytes)));
            return false;
        }
        m_path = requestLine[1];
        m_headersDone = true;
        if (expect == "100-continue" && m_buffer.isEmpty())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return true;
    }

    WebhookTrigger &m_trigger;
    QTcpSocket *m_socket;
    QTimer m_timeout;
    QByteArray m_buffer;
    QByteArray m_path;
    QByteArray m_detailType;
    qint64 m_contentLength = 0;
    bool m_headersDone = false;
    bool m_answered = false;
};

WebhookTrigger::WebhookTrigger(EventStore &store, WebhookConfig config, QByteArray token, const Clock &clock,
                               QObject *parent)
    : QObject(parent), m_store(store), m_config(std::move(config)), m_token(std::move(token)), m_clock(clock)
{
    connect(&m_server, &QTcpServer::newConnection, this, &WebhookTrigger::onNewConnection);
}

WebhookTrigger::~WebhookTrigger() = default;

Result<quint16> WebhookTrigger::listen()
{
    if (m_token.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("the webhook needs a token: set the environment variable %1").arg(m_config.tokenEnv), {}};
    const QHostAddress address(m_config.host);
    if (address.isNull())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("the webhook host %1 is not an IP address").arg(m_config.host), {}};
    if (!m_server.listen(address, m_config.port))
        return Error{ErrorCode::IoError,
                     QStringLiteral("the webhook cannot listen on %1:%2: %3")
                         .arg(m_config.host)
                         .arg(m_config.port)
                         .arg(m_server.errorString()),
                     {}};
    return m_server.serverPort();
}

void WebhookTrigger::close()
{
    m_server.close();
}

void WebhookTrigger::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection())
        new Connection(*this, socket);
}

std::pair<int, QByteArray> WebhookTrigger::handle(const QByteArray &path, const QByteArray &detailType, const QByteArray &body)
{
    const Json detail = Json::parse(body.cbegin(), body.cend(), nullptr, false);
    if (detail.is_discarded())
        return {400, errorBody(QStringLiteral("the body is not JSON"))};
    if (!detail.is_object())
        return {400, errorBody(QStringLiteral("the body must be a JSON object: it becomes the event's detail"))};
    Event event = Event::make(m_config.source, detailType.isEmpty() ? m_config.detailType : detailType.toStdString(),
                              detail, m_clock.nowMs());
    event.resources = {path.toStdString()};
    auto id = m_store.put(std::move(event));
    if (!id) {
        qCWarning(lcWebhook) << "webhook:" << id.error().message;
        return {503, errorBody(QStringLiteral("the event could not be stored; nothing was accepted"))};
    }
    Q_EMIT received(QString::fromStdString(id.value()));
    return {202, QByteArray::fromStdString(Json{{"id", id.value()}}.dump())};
}

} // namespace sluice
