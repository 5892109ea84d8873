#include "HttpResource.h"

#include "tasks/Connections.h"

#include <QByteArray>
#include <QHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>
#include <QTimerEvent>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <vector>

Q_LOGGING_CATEGORY(lcHttp, "sluice.tasks.http")

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

constexpr const char *kInvalidResponse = "Http.InvalidResponse";
constexpr qint64 kNoDeadline = std::numeric_limits<qint64>::max();

enum class ResponseType { Auto, Json, Text };
enum class Abort { None, Timeout, EngineTimeout, Cancelled };

/// One call, prepared on the caller's thread: everything the network thread needs to send it.
struct PreparedCall
{
    QString host;
    QNetworkRequest request;
    QByteArray method;
    QByteArray body;
    bool hasBody = false;
    qint64 timeoutMs = 0;              ///< from the moment it is sent (the TimeoutSeconds parameter)
    qint64 engineDeadlineNs = kNoDeadline;   ///< the state's TimeoutSeconds, counted from invoke()
    double engineTimeoutSeconds = 0;
    ResponseType responseType = ResponseType::Auto;
    std::string stateName;
    std::shared_ptr<const std::atomic_bool> cancelled;
    std::function<void()> heartbeat;   ///< empty unless the state has HeartbeatSeconds
    TaskCallback done;

    bool isCancelled() const { return cancelled && cancelled->load(std::memory_order_relaxed); }
};

void answer(TaskCallback &done, Result<Json, Failure> result)
{
    try {
        done(std::move(result));
    } catch (const std::exception &e) {
        qCWarning(lcHttp) << "an http callback threw:" << e.what();
    } catch (...) {
        qCWarning(lcHttp) << "an http callback threw";
    }
}

Failure cancelledFailure()
{
    return Failure{errors::kRuntime, "cancelled"};
}

Failure engineTimeoutFailure(const PreparedCall &call)
{
    return Failure{errors::kTimeout, "The task '" + call.stateName + "' did not finish in time."};
}

Failure badParameters(const std::string &message)
{
    return Failure{errors::kRuntime, "sluice:http: " + message};
}

/// Text that is valid UTF-8 whatever the bytes were (invalid sequences become U+FFFD), so that the
/// journal can always serialize it.
std::string utf8Text(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toStdString();
}

/// A JSON value's text as a header or query value: strings as they are, other scalars as JSON.
std::optional<QByteArray> scalarText(const Json &value)
{
    if (value.is_string())
        return QByteArray::fromStdString(value.get_ref<const std::string &>());
    if (value.is_number() || value.is_boolean())
        return QByteArray::fromStdString(value.dump());
    return std::nullopt;
}

bool hasLineBreak(const QByteArray &text)
{
    return text.contains('\r') || text.contains('\n') || text.contains('\0');
}

/// "k=v&k=v", every key and value percent-encoded except RFC 3986's unreserved characters, so that
/// '+', '&', '=' and '#' arrive as themselves.
Result<QByteArray, Failure> encodeQuery(const Json &query)
{
    QByteArray out;
    auto append = [&out](const std::string &key, const QByteArray &value) {
        if (!out.isEmpty())
            out += '&';
        out += QByteArray::fromStdString(key).toPercentEncoding();
        out += '=';
        out += value.toPercentEncoding();
    };
    for (const auto &[key, value] : query.items()) {
        if (value.is_array()) {
            for (const Json &element : value) {
                const auto text = scalarText(element);
                if (!text)
                    return badParameters("Query." + key + " must hold strings, numbers or booleans, not " +
                                         element.type_name());
                append(key, *text);
            }
            continue;
        }
        if (value.is_null()) {
            if (!out.isEmpty())
                out += '&';
            out += QByteArray::fromStdString(key).toPercentEncoding();
            continue;
        }
        const auto text = scalarText(value);
        if (!text)
            return badParameters("Query." + key + " must be a string, number, boolean, null or array, not " +
                                 value.type_name());
        append(key, *text);
    }
    return out;
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

/// The URL text to send: `Url` as it is, or with a `Connection`, `Url` joined to the profile's base URL.
/// `profileHeaders` receives the profile's headers, except for an absolute http(s) `Url`: that one is sent
/// as it is, without them, so a profile's secrets never go to another host.
Result<std::string, Failure> resolveUrl(const Json &input, const Connections &connections,
                                        std::vector<std::pair<QString, QString>> *profileHeaders)
{
    const auto url = input.find("Url");
    const auto connection = input.find("Connection");
    if (connection == input.end() || connection->is_null()) {
        if (url == input.end() || !url->is_string())
            return badParameters("\"Url\" must be a string such as \"https://example.com/path\"");
        return url->get<std::string>();
    }
    if (!connection->is_string())
        return badParameters("\"Connection\" must name a connection profile, not " + connection->dump());
    if (url != input.end() && !url->is_string() && !url->is_null())
        return badParameters("\"Url\" must be a string such as \"/products/P1\" (joined to the connection's "
                             "baseUrl), not " + url->dump());
    const QString path = url != input.end() && url->is_string() ? QString::fromStdString(url->get<std::string>())
                                                                 : QString();
    if (path.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
        path.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return path.toStdString();
    auto profile = connections.http(QString::fromStdString(connection->get<std::string>()));
    if (!profile)
        return badParameters("\"Connection\": " + profile.error().message.toStdString());
    if (profile->baseUrl.isEmpty())
        return badParameters("the connection \"" + connection->get<std::string>() + "\" has no \"baseUrl\"");
    *profileHeaders = std::move(profile->headers);
    QString rest = path;
    while (rest.startsWith(QLatin1Char('/')))
        rest.remove(0, 1);
    if (rest.isEmpty())
        return profile->baseUrl.toStdString();
    QString joined = profile->baseUrl;
    while (joined.endsWith(QLatin1Char('/')))
        joined.chop(1);
    return (joined + QLatin1Char('/') + rest).toStdString();
}

Result<PreparedCall, Failure> prepare(const TaskCall &call, const std::optional<QSslConfiguration> &tls,
                                      const Connections &connections)
{
    const Json &input = call.input;
    if (!input.is_object())
        return badParameters("the Parameters must be an object with at least \"Url\", got " +
                             std::string(input.type_name()));
    static const char *const kKnown[] = {"Method", "Url", "Connection", "Headers", "Query", "Body",
                                         "TimeoutSeconds", "ResponseType"};
    for (const auto &[key, value] : input.items()) {
        if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char *k) { return key == k; }) ==
            std::end(kKnown))
            return badParameters("unknown parameter \"" + key +
                                 "\" (known: Method, Url, Connection, Headers, Query, Body, TimeoutSeconds, "
                                 "ResponseType)");
    }

    PreparedCall prepared;
    std::vector<std::pair<QString, QString>> profileHeaders;
    auto url = resolveUrl(input, connections, &profileHeaders);
    if (!url)
        return std::move(url).error();
    QUrl qurl(QString::fromStdString(url.value()), QUrl::StrictMode);
    const QString scheme = qurl.scheme().toLower();
    if (!qurl.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        qurl.host().isEmpty())
        return badParameters("\"Url\" must be an absolute http:// or https:// URL, got \"" + url.value() + "\"");

    if (const auto query = input.find("Query"); query != input.end() && !query->is_null()) {
        if (!query->is_object())
            return badParameters("\"Query\" must be an object of names and values, not " +
                                 std::string(query->type_name()));
        auto encoded = encodeQuery(*query);
        if (!encoded)
            return std::move(encoded).error();
        if (!encoded->isEmpty()) {
            const QString existing = qurl.query(QUrl::FullyEncoded);
            const QString added = QString::fromLatin1(*encoded);
            qurl.setQuery(existing.isEmpty() ? added : existing + QLatin1Char('&') + added, QUrl::TolerantMode);
        }
    }

    prepared.method = "GET";
    if (const auto method = input.find("Method"); method != input.end()) {
        if (!method->is_string() || !isToken(QByteArray::fromStdString(method->get<std::string>())))
            return badParameters("\"Method\" must be an HTTP method such as \"GET\" or \"POST\"");
        prepared.method = QByteArray::fromStdString(method->get<std::string>()).toUpper();
    }

    QNetworkRequest request(qurl);
    bool hasContentType = false;
    bool hasIdempotencyKey = false;
    bool hasUserAgent = false;
    if (const auto headers = input.find("Headers"); headers != input.end() && !headers->is_null()) {
        if (!headers->is_object())
            return badParameters("\"Headers\" must be an object of names and values, not " +
                                 std::string(headers->type_name()));
        for (const auto &[key, value] : headers->items()) {
            const QByteArray name = QByteArray::fromStdString(key);
            const auto text = scalarText(value);
            if (!isToken(name))
                return badParameters("\"" + key + "\" is not a valid header name");
            if (!text || hasLineBreak(*text))
                return badParameters("the header \"" + key +
                                     "\" must be a string, number or boolean without line breaks");
            const QByteArray lower = name.toLower();
            hasContentType = hasContentType || lower == "content-type";
            hasIdempotencyKey = hasIdempotencyKey || lower == "idempotency-key";
            hasUserAgent = hasUserAgent || lower == "user-agent";
            request.setRawHeader(name, *text);
        }
    }
    for (const auto &[name, value] : profileHeaders) {   // the connection's headers, unless Headers has them
        const QByteArray rawName = name.toUtf8();
        if (request.hasRawHeader(rawName))
            continue;
        if (!isToken(rawName) || hasLineBreak(value.toUtf8()))
            return badParameters("the connection's header \"" + name.toStdString() +
                                 "\" must be a valid name with a value without line breaks");
        const QByteArray lower = rawName.toLower();
        hasContentType = hasContentType || lower == "content-type";
        hasIdempotencyKey = hasIdempotencyKey || lower == "idempotency-key";
        hasUserAgent = hasUserAgent || lower == "user-agent";
        request.setRawHeader(rawName, value.toUtf8());
    }
    if (!hasIdempotencyKey && !call.idempotencyKey.empty())
        request.setRawHeader("Idempotency-Key", QByteArray::fromStdString(call.idempotencyKey));
    if (!hasUserAgent)
        request.setRawHeader("User-Agent", "sluice");

    if (const auto body = input.find("Body"); body != input.end() && !body->is_null()) {
        prepared.hasBody = true;
        if (body->is_string()) {
            prepared.body = QByteArray::fromStdString(body->get_ref<const std::string &>());
            if (!hasContentType)
                request.setRawHeader("Content-Type", "text/plain; charset=utf-8");
        } else {
            prepared.body = QByteArray::fromStdString(body->dump());
            if (!hasContentType)
                request.setRawHeader("Content-Type", "application/json");
        }
    }

    double timeoutSeconds = HttpResource::kDefaultTimeoutSeconds;
    if (const auto timeout = input.find("TimeoutSeconds"); timeout != input.end()) {
        if (!timeout->is_number() || !std::isfinite(timeout->get<double>()) || timeout->get<double>() <= 0 ||
            timeout->get<double>() > 31536000.0)
            return badParameters("\"TimeoutSeconds\" must be a number of seconds above 0, got " + timeout->dump());
        timeoutSeconds = timeout->get<double>();
    }
    prepared.timeoutMs = std::max<qint64>(1, qint64(std::llround(timeoutSeconds * 1000.0)));
    if (call.timeoutSeconds > 0) {
        prepared.engineTimeoutSeconds = call.timeoutSeconds;
        prepared.engineDeadlineNs = nowNs() + qint64(std::llround(call.timeoutSeconds * 1e9));
    }

    if (const auto type = input.find("ResponseType"); type != input.end()) {
        if (*type == "json")
            prepared.responseType = ResponseType::Json;
        else if (*type == "text")
            prepared.responseType = ResponseType::Text;
        else
            return badParameters("\"ResponseType\" must be \"json\" or \"text\", got " + type->dump());
    }

    // Cookies would carry state from one item to the next; an ETL call sends what its Parameters say.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (tls && scheme == QLatin1String("https"))
        request.setSslConfiguration(*tls);
    prepared.host = qurl.host().toLower();
    prepared.request = std::move(request);
    prepared.stateName = call.stateName;
    prepared.cancelled = call.cancelled;
    prepared.heartbeat = call.heartbeat;
    return prepared;
}

/// The Cause of an HTTP failure: a JSON object text that States.StringToJson can open.
std::string causeText(int status, const QByteArray &reason, const QUrl &url, const QByteArray &body,
                      const std::string &message = {})
{
    Json cause = Json::object();
    if (status > 0)
        cause["StatusCode"] = status;
    if (!reason.isEmpty())
        cause["Reason"] = utf8Text(reason);
    if (!message.empty())
        cause["Message"] = message;
    cause["Url"] = url.toString(QUrl::RemoveUserInfo).toStdString();
    if (!body.isEmpty()) {
        QByteArray excerpt = body.left(HttpResource::kCauseBodyBytes);
        // Do not cut a UTF-8 sequence in half: drop continuation bytes at the cut.
        if (excerpt.size() < body.size()) {
            while (!excerpt.isEmpty() && (uchar(body.at(excerpt.size())) & 0xC0) == 0x80)
                excerpt.chop(1);
        }
        cause["Body"] = utf8Text(excerpt);
        if (excerpt.size() < body.size())
            cause["BodyTruncated"] = true;
    }
    return cause.dump();
}

Failure networkFailure(QNetworkReply::NetworkError error, const QUrl &url, const QString &message)
{
    const std::string text = message.toStdString();
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return Failure{"Http.ConnectionRefused", causeText(0, {}, url, {}, text)};
    case QNetworkReply::HostNotFoundError:
        return Failure{"Http.HostNotFound", causeText(0, {}, url, {}, text)};
    case QNetworkReply::TimeoutError:
        return Failure{"Http.Timeout", causeText(0, {}, url, {}, text)};
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::UnknownNetworkError:   // what Qt reports when no TLS backend can be loaded
        if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
            return Failure{"Http.TlsError", causeText(0, {}, url, {}, text)};
        return Failure{"Http.NetworkError", causeText(0, {}, url, {}, text)};
    case QNetworkReply::RemoteHostClosedError:
        return Failure{"Http.ConnectionClosed", causeText(0, {}, url, {}, text)};
    default:
        return Failure{"Http.NetworkError", causeText(0, {}, url, {}, text)};
    }
}

bool isJsonContentType(const QByteArray &contentType)
{
    // application/json, application/problem+json, text/json; parameters (charset) after ';' do not matter.
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return type == "application/json" || type == "text/json" || type.endsWith("+json");
}

Result<Json, Failure> successResult(int status, QNetworkReply &reply, const QByteArray &body, ResponseType type)
{
    Json headers = Json::object();
    QByteArray contentType;
    for (const auto &[name, value] : reply.rawHeaderPairs()) {
        const std::string key = utf8Text(name.toLower());
        if (key == "content-type")
            contentType = value;
        auto it = headers.find(key);
        if (it == headers.end())
            headers.emplace(key, utf8Text(value));
        else
            it->get_ref<std::string &>() += ", " + utf8Text(value);
    }

    Json result = Json::object();
    result["StatusCode"] = status;
    result["Headers"] = std::move(headers);
    const bool parseJson = type == ResponseType::Json || (type == ResponseType::Auto && isJsonContentType(contentType));
    if (parseJson) {
        if (body.trimmed().isEmpty()) {
            result["Body"] = nullptr;
        } else {
            try {
                result["Body"] = Json::parse(body.cbegin(), body.cend());
            } catch (const Json::exception &e) {
                return Failure{kInvalidResponse, causeText(status, {}, reply.url(), body,
                                                           std::string("the body is not JSON: ") + e.what())};
            }
        }
    } else {
        result["Body"] = utf8Text(body);
    }
    return result;
}

} // namespace

/// One host's queue and counters.
struct HostState
{
    std::optional<HttpLimits> ownLimits;
    bool paused = false;
    std::deque<PreparedCall> queue;
    std::size_t inFlight = 0;
    std::size_t maxInFlight = 0;
    quint64 sent = 0;
    double tokens = -1;   ///< -1: not started, the bucket starts full
    qint64 refilledNs = 0;
};

/// What the control functions and invoke() share with the network thread.
struct HttpResource::Shared
{
    mutable std::mutex mutex;
    HttpLimits defaults;                                   // guarded by mutex
    QHash<QString, HostState> hosts;                       // guarded by mutex
    std::size_t pending = 0;                               // guarded by mutex (queued + in flight)
    bool pumpPosted = false;                               // guarded by mutex
    bool stopping = false;                                 // guarded by mutex
    std::optional<QSslConfiguration> tls;                  // guarded by mutex; with added CAs
    Network *network = nullptr;                            // guarded by mutex; set once, on first use
    std::unique_ptr<QThread> thread;                       // the network thread; set with `network`
    std::mutex creation;                                   // held while the network thread starts
    std::shared_ptr<const Connections> connections;        // set at construction, immutable

    HttpLimits limitsOf(const HostState &host) const { return host.ownLimits.value_or(defaults); }
};

/// The network thread: a QObject that owns the QNetworkAccessManager and every reply.
///
///   invoke() ──prepare──► host queue (mutex) ──pump (paused? limits? tokens?)──► QNAM ──finished──► done
///                                 ▲ rate timer: wakes the pump when the next token is due
///                                 └ sweep timer: cancelled calls and state timeouts, every kCancelPollMs
class HttpResource::Network : public QObject
{
public:
    /// Starts on `thread` (already running) and deletes itself there when it finishes.
    Network(std::shared_ptr<Shared> shared, QThread *thread) : m_shared(std::move(shared)), m_thread(thread)
    {
        moveToThread(m_thread);
        connect(m_thread, &QThread::finished, this, &QObject::deleteLater);
        QMetaObject::invokeMethod(this, [this] { setUp(); }, Qt::BlockingQueuedConnection);
    }

    /// Called from the resource's destructor (not on the network thread): answers every call still
    /// pending and stops the thread; `this` is gone when it returns.
    void shutDown()
    {
        QThread *thread = m_thread;
        Q_ASSERT_X(QThread::currentThread() != thread, "~HttpResource",
                   "destroyed from inside one of its own callbacks");
        QMetaObject::invokeMethod(this, [this] { tearDown(); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();   // also runs this object's deferred deletion
    }

    /// Any thread; the caller holds no lock. Several posts before the pump runs cost one event.
    void postPump()
    {
        {
            const std::lock_guard lock(m_shared->mutex);
            if (m_shared->pumpPosted || m_shared->stopping)
                return;
            m_shared->pumpPosted = true;
        }
        QMetaObject::invokeMethod(this, [this] { pump(); }, Qt::QueuedConnection);
    }

    /// Any thread: the next requests open new connections (Qt's connection cache ignores a changed TLS
    /// configuration). Posted, so it runs before any call invoked after it.
    void postClearConnections()
    {
        QMetaObject::invokeMethod(this, [this] { m_nam->clearConnectionCache(); }, Qt::QueuedConnection);
    }

protected:
    void timerEvent(QTimerEvent *event) override
    {
        const auto it = m_byTimer.find(event->timerId());
        killTimer(event->timerId());
        if (it == m_byTimer.end())
            return;
        QNetworkReply *reply = it->second;
        m_byTimer.erase(it);
        auto sent = m_inFlight.find(reply);
        if (sent == m_inFlight.end())
            return;
        sent->second.timerId = 0;
        sent->second.abort = sent->second.engineTimerFired ? Abort::EngineTimeout : Abort::Timeout;
        reply->abort();   // emits finished(), which answers the call
    }

private:
    struct InFlight
    {
        PreparedCall call;
        int timerId = 0;
        bool engineTimerFired = false;   ///< the timer that fired was the state's TimeoutSeconds
        Abort abort = Abort::None;
    };

    void setUp()
    {
        m_nam = new QNetworkAccessManager(this);
        m_nam->setAutoDeleteReplies(false);
        m_rateTimer = new QTimer(this);
        m_rateTimer->setSingleShot(true);
        m_rateTimer->setTimerType(Qt::PreciseTimer);
        connect(m_rateTimer, &QTimer::timeout, this, [this] { pump(); });
        m_sweepTimer = new QTimer(this);
        m_sweepTimer->setInterval(kCancelPollMs);
        connect(m_sweepTimer, &QTimer::timeout, this, [this] { sweep(); });
    }

    void tearDown()
    {
        std::vector<PreparedCall> left;
        {
            const std::lock_guard lock(m_shared->mutex);
            m_shared->stopping = true;
            for (auto &host : m_shared->hosts) {
                for (auto &call : host.queue)
                    left.push_back(std::move(call));
                host.queue.clear();
            }
            m_shared->pending = 0;
        }
        m_stopping = true;
        for (auto &[reply, entry] : m_inFlight) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
            left.push_back(std::move(entry.call));
        }
        m_inFlight.clear();
        for (auto &call : left)
            answer(call.done, cancelledFailure());
        m_rateTimer->stop();
        m_sweepTimer->stop();
    }

    /// Sends what every host's limits allow. Network thread.
    void pump()
    {
        std::vector<PreparedCall> ready;
        qint64 wakeNs = kNoDeadline;
        bool anyPending = false;
        {
            const std::lock_guard lock(m_shared->mutex);
            m_shared->pumpPosted = false;
            if (m_shared->stopping)
                return;
            const qint64 now = nowNs();
            for (auto &host : m_shared->hosts) {
                if (host.queue.empty() || host.paused)
                    continue;
                const HttpLimits limits = m_shared->limitsOf(host);
                const bool rated = limits.requestsPerSecond > 0;
                const double burst = std::max(1, limits.burst);
                if (rated) {
                    if (host.tokens < 0) {
                        host.tokens = burst;
                    } else {
                        host.tokens = std::min(burst, host.tokens + double(now - host.refilledNs) / 1e9 *
                                                                        limits.requestsPerSecond);
                    }
                    host.refilledNs = now;
                }
                while (!host.queue.empty() &&
                       (limits.maxConcurrent <= 0 || host.inFlight < std::size_t(limits.maxConcurrent))) {
                    if (rated) {
                        if (host.tokens < 1.0) {
                            const double seconds = (1.0 - host.tokens) / limits.requestsPerSecond;
                            wakeNs = std::min(wakeNs, now + qint64(std::ceil(seconds * 1e9)));
                            break;
                        }
                        host.tokens -= 1.0;
                    }
                    ready.push_back(std::move(host.queue.front()));
                    host.queue.pop_front();
                    ++host.inFlight;
                    ++host.sent;
                    host.maxInFlight = std::max(host.maxInFlight, host.inFlight);
                }
            }
            anyPending = m_shared->pending > 0;
        }
        for (auto &call : ready)
            send(std::move(call));
        if (wakeNs != kNoDeadline) {
            const qint64 ms = std::max<qint64>(0, (wakeNs - nowNs() + 999'999) / 1'000'000);
            m_rateTimer->start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
        }
        if (anyPending && !m_sweepTimer->isActive())
            m_sweepTimer->start();
    }

    void send(PreparedCall call)
    {
        const qint64 now = nowNs();
        if (call.isCancelled() || call.engineDeadlineNs <= now) {
            releaseSlot(call.host);
            finish(call, call.isCancelled() ? cancelledFailure() : engineTimeoutFailure(call));
            return;
        }
        QNetworkReply *reply = nullptr;
        const QByteArray &method = call.method;
        if (method == "GET" && !call.hasBody)
            reply = m_nam->get(call.request);
        else if (method == "POST")
            reply = m_nam->post(call.request, call.body);
        else if (method == "PUT")
            reply = m_nam->put(call.request, call.body);
        else if (method == "HEAD" && !call.hasBody)
            reply = m_nam->head(call.request);
        else if (method == "DELETE" && !call.hasBody)
            reply = m_nam->deleteResource(call.request);
        else if (call.hasBody)
            reply = m_nam->sendCustomRequest(call.request, method, call.body);
        else
            reply = m_nam->sendCustomRequest(call.request, method);

        // The earlier of the call's own timeout (from now) and what is left of the state's TimeoutSeconds.
        qint64 timeoutMs = call.timeoutMs;
        bool engineFirst = false;
        if (call.engineDeadlineNs != kNoDeadline) {
            const qint64 engineMs = (call.engineDeadlineNs - now + 999'999) / 1'000'000;
            if (engineMs < timeoutMs) {
                timeoutMs = engineMs;
                engineFirst = true;
            }
        }
        InFlight entry{std::move(call), 0, engineFirst, Abort::None};
        entry.timerId = startTimer(std::chrono::milliseconds(timeoutMs), Qt::PreciseTimer);
        if (entry.timerId)
            m_byTimer.emplace(entry.timerId, reply);
        m_inFlight.emplace(reply, std::move(entry));
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    }

    void onFinished(QNetworkReply *reply)
    {
        reply->deleteLater();
        const auto it = m_inFlight.find(reply);
        if (it == m_inFlight.end() || m_stopping)
            return;
        InFlight entry = std::move(it->second);
        m_inFlight.erase(it);
        if (entry.timerId) {
            killTimer(entry.timerId);
            m_byTimer.erase(entry.timerId);
        }
        releaseSlot(entry.call.host);
        finish(entry.call, outcome(*reply, entry));
        pump();
    }

    /// A call that pump() counted in flight is over.
    void releaseSlot(const QString &hostName)
    {
        const std::lock_guard lock(m_shared->mutex);
        auto host = m_shared->hosts.find(hostName);
        if (host != m_shared->hosts.end() && host->inFlight > 0)
            --host->inFlight;
    }

    Result<Json, Failure> outcome(QNetworkReply &reply, const InFlight &entry)
    {
        const QUrl url = entry.call.request.url();
        switch (entry.abort) {
        case Abort::Timeout:
            return Failure{"Http.Timeout",
                           causeText(0, {}, url, {},
                                     "no response within " + std::to_string(entry.call.timeoutMs) + " ms")};
        case Abort::EngineTimeout:
            return engineTimeoutFailure(entry.call);
        case Abort::Cancelled:
            return cancelledFailure();
        case Abort::None:
            break;
        }
        const QVariant statusAttribute = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!statusAttribute.isValid())
            return networkFailure(reply.error(), url, reply.errorString());
        const int status = statusAttribute.toInt();
        const QByteArray body = reply.readAll();
        if (status >= 400) {
            const QByteArray reason = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
            return Failure{"Http." + std::to_string(status), causeText(status, reason, url, body)};
        }
        return successResult(status, reply, body, entry.call.responseType);
    }

    /// Answers the call; network thread, no lock held.
    void finish(PreparedCall &call, Result<Json, Failure> result)
    {
        {
            const std::lock_guard lock(m_shared->mutex);
            if (m_shared->pending > 0)
                --m_shared->pending;
        }
        answer(call.done, std::move(result));
    }

    /// Drops queued calls that were cancelled or whose state timed out, and aborts such requests. Every
    /// half second it also sends a heartbeat for every call still waiting or in flight: a call that waits
    /// for a paused host or a slow answer is alive, and HeartbeatSeconds must not fail it.
    void sweep()
    {
        std::vector<PreparedCall> cancelled;
        std::vector<PreparedCall> timedOut;
        std::vector<std::function<void()>> heartbeats;
        const bool beat = ++m_sweeps % kSweepsPerHeartbeat == 0;
        bool anyPending = false;
        const qint64 now = nowNs();
        {
            const std::lock_guard lock(m_shared->mutex);
            for (auto &host : m_shared->hosts) {
                for (auto it = host.queue.begin(); it != host.queue.end();) {
                    if (beat && it->heartbeat)
                        heartbeats.push_back(it->heartbeat);
                    if (it->isCancelled()) {
                        cancelled.push_back(std::move(*it));
                        it = host.queue.erase(it);
                    } else if (it->engineDeadlineNs <= now) {
                        timedOut.push_back(std::move(*it));
                        it = host.queue.erase(it);
                    } else {
                        ++it;
                    }
                }
            }
            anyPending = m_shared->pending > cancelled.size() + timedOut.size();
        }
        for (auto &call : cancelled)
            finish(call, cancelledFailure());
        for (auto &call : timedOut)
            finish(call, engineTimeoutFailure(call));

        std::vector<QNetworkReply *> aborts;
        for (auto &[reply, entry] : m_inFlight) {
            if (entry.abort == Abort::None && entry.call.isCancelled()) {
                entry.abort = Abort::Cancelled;
                aborts.push_back(reply);
            } else if (beat && entry.call.heartbeat) {
                heartbeats.push_back(entry.call.heartbeat);
            }
        }
        for (const auto &heartbeat : heartbeats)
            heartbeat();
        for (QNetworkReply *reply : aborts)
            reply->abort();   // finished() answers the call
        if (!anyPending)
            m_sweepTimer->stop();
    }

    std::shared_ptr<Shared> m_shared;
    QThread *m_thread = nullptr;   // owned by m_shared
    // Network thread only:
    QNetworkAccessManager *m_nam = nullptr;   // child of this
    QTimer *m_rateTimer = nullptr;            // child of this
    QTimer *m_sweepTimer = nullptr;           // child of this
    std::unordered_map<QNetworkReply *, InFlight> m_inFlight;
    std::unordered_map<int, QNetworkReply *> m_byTimer;
    quint64 m_sweeps = 0;
    bool m_stopping = false;
    static constexpr int kSweepsPerHeartbeat = 500 / kCancelPollMs;   // HeartbeatSeconds is 1 or more
};

HttpResource::HttpResource(std::shared_ptr<const Connections> connections) : m_shared(std::make_shared<Shared>())
{
    m_shared->connections = connections ? std::move(connections) : std::make_shared<const Connections>();
}

HttpResource::~HttpResource()
{
    Network *network = nullptr;
    {
        const std::lock_guard lock(m_shared->mutex);
        network = m_shared->network;
    }
    if (network)
        network->shutDown();
    m_shared->thread.reset();
}

HttpResource::Network &HttpResource::network()
{
    {
        const std::lock_guard lock(m_shared->mutex);
        if (m_shared->network)
            return *m_shared->network;
    }
    // Made outside m_shared->mutex: the constructor waits for the new thread.
    const std::lock_guard creating(m_shared->creation);
    {
        const std::lock_guard lock(m_shared->mutex);
        if (m_shared->network)
            return *m_shared->network;
    }
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("sluice-http"));
    thread->start();
    auto *made = new Network(m_shared, thread.get());
    const std::lock_guard lock(m_shared->mutex);
    m_shared->thread = std::move(thread);
    m_shared->network = made;
    return *made;
}

void HttpResource::invoke(const TaskCall &call, TaskCallback done)
{
    if (call.cancelled && call.cancelled->load()) {
        done(cancelledFailure());
        return;
    }
    std::optional<QSslConfiguration> tls;
    {
        const std::lock_guard lock(m_shared->mutex);
        tls = m_shared->tls;   // implicitly shared: a reference count, not a copy of the certificates
    }
    auto prepared = prepare(call, tls, *m_shared->connections);
    if (!prepared) {
        done(std::move(prepared).error());
        return;
    }
    prepared->done = std::move(done);
    Network &net = network();
    {
        std::unique_lock lock(m_shared->mutex);
        if (m_shared->stopping) {
            lock.unlock();
            answer(prepared->done, cancelledFailure());
            return;
        }
        const QString host = prepared->host;
        m_shared->hosts[host].queue.push_back(std::move(prepared).value());
        ++m_shared->pending;
    }
    net.postPump();
}

void HttpResource::setDefaultLimits(HttpLimits limits)
{
    Network *network = nullptr;
    {
        const std::lock_guard lock(m_shared->mutex);
        m_shared->defaults = limits;
        network = m_shared->network;
    }
    if (network)
        network->postPump();
}

void HttpResource::setLimits(const QString &host, HttpLimits limits)
{
    Network *network = nullptr;
    {
        const std::lock_guard lock(m_shared->mutex);
        m_shared->hosts[host.toLower()].ownLimits = limits;
        network = m_shared->network;
    }
    if (network)
        network->postPump();
}

void HttpResource::clearLimits(const QString &host)
{
    Network *network = nullptr;
    {
        const std::lock_guard lock(m_shared->mutex);
        m_shared->hosts[host.toLower()].ownLimits.reset();
        network = m_shared->network;
    }
    if (network)
        network->postPump();
}

HttpLimits HttpResource::limits(const QString &host) const
{
    const std::lock_guard lock(m_shared->mutex);
    const auto it = m_shared->hosts.constFind(host.toLower());
    return it == m_shared->hosts.cend() ? m_shared->defaults : m_shared->limitsOf(*it);
}

void HttpResource::pauseHost(const QString &host)
{
    const std::lock_guard lock(m_shared->mutex);
    m_shared->hosts[host.toLower()].paused = true;
}

void HttpResource::resumeHost(const QString &host)
{
    Network *network = nullptr;
    {
        const std::lock_guard lock(m_shared->mutex);
        m_shared->hosts[host.toLower()].paused = false;
        network = m_shared->network;
    }
    if (network)
        network->postPump();
}

bool HttpResource::isPaused(const QString &host) const
{
    const std::lock_guard lock(m_shared->mutex);
    const auto it = m_shared->hosts.constFind(host.toLower());
    return it != m_shared->hosts.cend() && it->paused;
}

Result<void> HttpResource::addCaCertificates(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile, QSsl::Pem);
    if (certificates.isEmpty())
        return Error{ErrorCode::IoError, QStringLiteral("no PEM certificate in %1").arg(pemFile), {}};
    Network *network = nullptr;
    {
        const std::lock_guard lock(m_shared->mutex);
        if (!m_shared->tls)
            m_shared->tls = QSslConfiguration::defaultConfiguration();
        m_shared->tls->addCaCertificates(certificates);
        network = m_shared->network;
    }
    if (network)
        network->postClearConnections();
    return {};
}

HttpHostStats HttpResource::hostStats(const QString &host) const
{
    const std::lock_guard lock(m_shared->mutex);
    const auto it = m_shared->hosts.constFind(host.toLower());
    if (it == m_shared->hosts.cend())
        return {};
    return HttpHostStats{std::size_t(it->queue.size()), it->inFlight, it->maxInFlight, it->sent, it->paused};
}

std::size_t HttpResource::pendingCount() const
{
    const std::lock_guard lock(m_shared->mutex);
    return m_shared->pending;
}

} // namespace sluice
