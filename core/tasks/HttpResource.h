#pragma once

#include "tasks/TaskResource.h"

#include <QString>

#include <cstddef>
#include <memory>
#include <string_view>

namespace sluice {

/// How hard one host may be driven. A limit of 0 means "no limit".
struct HttpLimits
{
    int maxConcurrent = 32;        ///< requests in flight to the host at once
    double requestsPerSecond = 0;  ///< token bucket refill rate
    int burst = 1;                 ///< token bucket size: requests that may start back to back

    bool operator==(const HttpLimits &) const = default;
};

/// Counters of one host, for tests and the monitor.
struct HttpHostStats
{
    std::size_t queued = 0;     ///< calls waiting (paused, concurrency or rate limit)
    std::size_t inFlight = 0;   ///< requests sent and not answered
    std::size_t maxInFlight = 0;
    quint64 sent = 0;
    bool paused = false;
};

/// `sluice:http`: one HTTP(S) request per invocation. Parameters:
///
///   {"Method": "GET", "Url": "https://host/path", "Headers": {...}, "Query": {...}, "Body": ...,
///    "TimeoutSeconds": 10, "ResponseType": "json" | "text"}
///
/// With "Connection": "crm" (a Connections profile), "Url" may be a path joined to the profile's baseUrl
/// ("/products/P1" or "products/P1" → "http://crm.local/api/products/P1"), and the profile's headers
/// (secrets from ${env:NAME}) are sent unless "Headers" names them too; an absolute "Url" is sent as it is,
/// without them.
///
/// Result: {"StatusCode": 200, "Headers": {...}, "Body": parsed JSON or text}. Every 4xx/5xx fails with
/// `Http.<code>`; network failures with Http.Timeout, Http.ConnectionRefused, Http.TlsError,
/// Http.HostNotFound, Http.ConnectionClosed or Http.NetworkError; a body that claims JSON and is not
/// with Http.InvalidResponse; bad Parameters with States.Runtime. The Cause is a JSON object text with
/// StatusCode, Reason, Url and a Body excerpt. The call's idempotency key goes out as `Idempotency-Key`.
///
/// Every host (the URL's host name, lower case) has a queue in front of it that enforces HttpLimits
/// (per-host concurrency and a token-bucket rate), and can be paused: its calls wait, nothing fails,
/// and their timeouts do not tick until they are sent. Requests already sent when a host is paused
/// finish normally.
///
/// Threads: invoke() and the control functions may be called from any thread. The requests run on
/// the resource's own network thread (one QNetworkAccessManager, connections kept alive), created on
/// first use; `done` is called on that thread. Destroying the resource answers every call still
/// pending with Failure{"States.Runtime", "cancelled"}.
class Connections;

class HttpResource : public TaskResource
{
public:
    static constexpr std::string_view kName = "sluice:http";
    static constexpr int kCancelPollMs = 100;
    static constexpr double kDefaultTimeoutSeconds = 60;
    static constexpr int kCauseBodyBytes = 1024;   ///< how much of an error response's body the Cause keeps

    /// `connections`: the profiles a call names with "Connection" (none: no profiles).
    explicit HttpResource(std::shared_ptr<const Connections> connections = {});
    ~HttpResource() override;
    HttpResource(const HttpResource &) = delete;
    HttpResource &operator=(const HttpResource &) = delete;

    void invoke(const TaskCall &call, TaskCallback done) override;

    /// Limits for hosts that have none of their own (default: 32 in flight, no rate limit).
    void setDefaultLimits(HttpLimits limits);
    /// Limits for one host name ("api.example.com", "127.0.0.1"); applies to calls already queued.
    void setLimits(const QString &host, HttpLimits limits);
    /// Back to the default limits.
    void clearLimits(const QString &host);
    HttpLimits limits(const QString &host) const;

    /// Holds every call to `host` that has not been sent yet, and every new one, until resumeHost().
    void pauseHost(const QString &host);
    void resumeHost(const QString &host);
    bool isPaused(const QString &host) const;

    /// Trusts the CA certificates in a PEM file for every later HTTPS call, besides the system's (an
    /// internal CA, a test server's self-signed certificate). Error IoError when the file holds none.
    Result<void> addCaCertificates(const QString &pemFile);

    HttpHostStats hostStats(const QString &host) const;
    /// Calls not yet answered, over every host.
    std::size_t pendingCount() const;

private:
    class Network;
    struct Shared;
    Network &network();

    std::shared_ptr<Shared> m_shared;
};

} // namespace sluice
