#pragma once

#include "Json.h"
#include "Result.h"

#include <QString>

#include <utility>
#include <vector>

namespace sluice {

/// Named connection profiles (connections.json, kept next to the store), for the connectors:
///
///   {"crm":       {"baseUrl": "http://127.0.0.1:8080",
///                  "headers": {"Authorization": "Bearer ${env:CRM_TOKEN}"}},
///    "warehouse": {"database": "postgresql://etl@127.0.0.1/dw", "password": "${env:WH_PASSWORD}"},
///    "local":     {"database": "data/local.db"}}          // SQLite: a path, relative to the file's folder
///
/// Secrets are never kept in clear: a value under a key that names a secret (password, token, secret,
/// Authorization, api key, credentials, ...) must hold a `${env:NAME}` reference, and a database URL
/// must not carry a password; load() refuses such a file and names the key. References are resolved
/// at use time (lookups below), so the environment of the running process decides, and a missing
/// variable is an error naming it. Immutable after load(): a value type, usable from any thread.
class Connections
{
public:
    /// What sluice:http needs from a profile: its base URL and headers, references resolved.
    struct Http
    {
        QString baseUrl;
        std::vector<std::pair<QString, QString>> headers;
    };

    /// An empty set (no profiles).
    Connections() = default;

    /// Reads and checks `path`. IoError when it cannot be read, NotJson / WrongType / InvalidArgument
    /// (with the JSON pointer of the key) when it is malformed or holds a secret in clear.
    static Result<Connections> load(const QString &path);
    /// Checks a parsed document; `origin` names it in messages and its folder anchors SQLite paths.
    static Result<Connections> fromJson(const Json &document, const QString &origin);

    /// `connections.json` in the folder of the store at `storeLocation` (a SQLite file), or in the
    /// application data folder for a PostgreSQL store.
    static QString defaultPath(const QString &storeLocation);

    bool contains(const QString &name) const;
    QStringList names() const;
    const QString &origin() const { return m_origin; }

    /// The profile's "database" as a location StoreConnection opens: an absolute SQLite path, or a
    /// postgresql:// URL with "user" and "password" (resolved) put in. InvalidArgument when the profile
    /// is unknown, has no "database" or names an unset variable.
    Result<QString> databaseLocation(const QString &name) const;
    /// The profile's "baseUrl" and "headers", resolved (for sluice:http).
    Result<Http> http(const QString &name) const;

    /// Replaces each ${env:NAME} in `text` by the variable's value; `what` names the value in errors.
    static Result<QString> resolve(const QString &text, const QString &what);

private:
    Result<const Json *> profile(const QString &name) const;

    Json m_profiles = Json::object();
    QString m_origin;   ///< the file read, or a description
    QString m_baseDir;  ///< relative SQLite paths resolve against it
};

} // namespace sluice
