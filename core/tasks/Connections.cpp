#include "Connections.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace sluice {

namespace {

const QRegularExpression &referencePattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\$\{env:([A-Za-z_][A-Za-z0-9_]*)\})"));
    return pattern;
}

/// True for a key whose value is a secret: compared without case, '-' or '_' ("X-Api-Key", "api_key").
bool namesSecret(const std::string &key)
{
    QString k = QString::fromStdString(key).toLower();
    k.remove(QLatin1Char('-'));
    k.remove(QLatin1Char('_'));
    for (const char *word : {"password", "passwd", "token", "secret", "authorization", "apikey", "credential",
                             "privatekey", "cookie"}) {
        if (k.contains(QLatin1String(word)))
            return true;
    }
    return false;
}

QString pointerOf(const std::string &pointer)
{
    return QString::fromStdString(pointer);
}

Error invalid(const QString &origin, const std::string &pointer, const QString &message)
{
    return Error{ErrorCode::InvalidArgument, QStringLiteral("%1: %2: %3").arg(origin, pointerOf(pointer), message),
                 SourceLocation{pointerOf(pointer), 0, 0}};
}

/// Every "${" must start a well-formed ${env:NAME}.
bool referencesWellFormed(const QString &text)
{
    QString rest = text;
    rest.remove(referencePattern());
    return !rest.contains(QLatin1String("${"));
}

Result<void> check(const Json &value, const std::string &key, const std::string &pointer, const QString &origin)
{
    if (value.is_object()) {
        for (const auto &[k, v] : value.items()) {
            auto checked = check(v, k, pointer + "/" + k, origin);
            if (!checked)
                return checked;
        }
        return {};
    }
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto checked = check(value[i], key, pointer + "/" + std::to_string(i), origin);
            if (!checked)
                return checked;
        }
        return {};
    }
    const bool secret = namesSecret(key);
    if (!value.is_string()) {
        if (secret)
            return invalid(origin, pointer,
                           QStringLiteral("\"%1\" looks like a secret: give it as \"${env:NAME}\", never in clear")
                               .arg(QString::fromStdString(key)));
        return {};
    }
    const QString text = QString::fromStdString(value.get<std::string>());
    if (!referencesWellFormed(text))
        return invalid(origin, pointer,
                       QStringLiteral("only ${env:NAME} references are supported (NAME: letters, digits, _)"));
    if (secret && !text.isEmpty() && !referencePattern().match(text).hasMatch())
        return invalid(origin, pointer,
                       QStringLiteral("\"%1\" looks like a secret kept in clear: refer to an environment "
                                      "variable instead, e.g. \"${env:MY_SECRET}\"")
                           .arg(QString::fromStdString(key)));
    if (key == "database") {
        const QUrl url(text);
        if (url.scheme().startsWith(QLatin1String("postgres")) && !url.password().isEmpty())
            return invalid(origin, pointer,
                           QStringLiteral("the database URL holds a password in clear: remove it and add "
                                          "\"password\": \"${env:NAME}\" to the profile"));
    }
    return {};
}

} // namespace

Result<Connections> Connections::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::IoError,
                     QStringLiteral("cannot read the connections file %1: %2").arg(path, file.errorString()), {}};
    const QByteArray bytes = file.readAll();
    Json document;
    try {
        document = Json::parse(bytes.cbegin(), bytes.cend());
    } catch (const Json::exception &e) {
        return Error{ErrorCode::NotJson,
                     QStringLiteral("the connections file %1 is not JSON: %2").arg(path, QString::fromUtf8(e.what())),
                     {}};
    }
    return fromJson(document, QFileInfo(path).absoluteFilePath());
}

Result<Connections> Connections::fromJson(const Json &document, const QString &origin)
{
    if (!document.is_object())
        return Error{ErrorCode::WrongType,
                     QStringLiteral("%1: the connections must be a JSON object of named profiles").arg(origin), {}};
    for (const auto &[name, profile] : document.items()) {
        const std::string pointer = "/" + name;
        if (!profile.is_object())
            return invalid(origin, pointer, QStringLiteral("a connection profile must be an object"));
        for (const char *field : {"baseUrl", "database", "user"}) {
            if (profile.contains(field) && !profile[field].is_string())
                return invalid(origin, pointer + "/" + field, QStringLiteral("must be a string"));
        }
        if (profile.contains("headers")) {
            const Json &headers = profile["headers"];
            if (!headers.is_object())
                return invalid(origin, pointer + "/headers", QStringLiteral("must be an object of strings"));
            for (const auto &[header, value] : headers.items()) {
                if (!value.is_string())
                    return invalid(origin, pointer + "/headers/" + header, QStringLiteral("must be a string"));
            }
        }
        auto checked = check(profile, name, pointer, origin);
        if (!checked)
            return std::move(checked).error();
    }
    Connections connections;
    connections.m_profiles = document;
    connections.m_origin = origin;
    connections.m_baseDir = QFileInfo(origin).absolutePath();
    return connections;
}

QString Connections::defaultPath(const QString &storeLocation)
{
    if (storeLocation.startsWith(QLatin1String("postgresql://")) ||
        storeLocation.startsWith(QLatin1String("postgres://")))
        return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("connections.json"));
    return QFileInfo(storeLocation).absoluteDir().filePath(QStringLiteral("connections.json"));
}

bool Connections::contains(const QString &name) const
{
    return m_profiles.contains(name.toStdString());
}

QStringList Connections::names() const
{
    QStringList result;
    for (const auto &entry : m_profiles.items())
        result.append(QString::fromStdString(entry.key()));
    return result;
}

Result<const Json *> Connections::profile(const QString &name) const
{
    const auto it = m_profiles.find(name.toStdString());
    if (it == m_profiles.end()) {
        const QString where = m_origin.isEmpty() ? QStringLiteral("no connections file is loaded")
                                                 : QStringLiteral("not in %1").arg(m_origin);
        return Error{ErrorCode::InvalidArgument, QStringLiteral("no connection named \"%1\" (%2)").arg(name, where), {}};
    }
    return &*it;
}

Result<QString> Connections::resolve(const QString &text, const QString &what)
{
    QString result;
    qsizetype from = 0;
    auto matches = referencePattern().globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        const QString variable = match.captured(1);
        if (!qEnvironmentVariableIsSet(variable.toUtf8().constData()))
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("%1 refers to the environment variable %2, which is not set").arg(what, variable),
                         {}};
        result += QStringView(text).mid(from, match.capturedStart() - from);
        result += qEnvironmentVariable(variable.toUtf8().constData());
        from = match.capturedEnd();
    }
    result += QStringView(text).mid(from);
    return result;
}

Result<QString> Connections::databaseLocation(const QString &name) const
{
    auto found = profile(name);
    if (!found)
        return std::move(found).error();
    const Json &p = *found.value();
    if (!p.contains("database"))
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("the connection \"%1\" has no \"database\"").arg(name), {}};
    auto database = resolve(QString::fromStdString(p["database"].get<std::string>()),
                            QStringLiteral("the connection \"%1\" (database)").arg(name));
    if (!database)
        return database;
    if (!database->startsWith(QLatin1String("postgresql://")) && !database->startsWith(QLatin1String("postgres://"))) {
        QString path = database.value();
        if (path.startsWith(QLatin1String("sqlite:")))
            path = path.mid(7);
        if (QFileInfo(path).isRelative() && !m_baseDir.isEmpty())
            path = QDir(m_baseDir).filePath(path);
        return QDir::cleanPath(path);
    }
    QUrl url(database.value());
    if (p.contains("user")) {
        auto user = resolve(QString::fromStdString(p["user"].get<std::string>()),
                            QStringLiteral("the connection \"%1\" (user)").arg(name));
        if (!user)
            return user;
        url.setUserName(user.value());
    }
    if (p.contains("password")) {
        const Json &pw = p["password"];
        auto password = resolve(QString::fromStdString(pw.is_string() ? pw.get<std::string>() : std::string()),
                                QStringLiteral("the connection \"%1\" (password)").arg(name));
        if (!password)
            return password;
        url.setPassword(password.value());
    }
    return url.toString(QUrl::FullyEncoded);
}

Result<Connections::Http> Connections::http(const QString &name) const
{
    auto found = profile(name);
    if (!found)
        return std::move(found).error();
    const Json &p = *found.value();
    Http result;
    if (p.contains("baseUrl")) {
        auto base = resolve(QString::fromStdString(p["baseUrl"].get<std::string>()),
                            QStringLiteral("the connection \"%1\" (baseUrl)").arg(name));
        if (!base)
            return std::move(base).error();
        result.baseUrl = base.value();
    }
    if (p.contains("headers")) {
        for (const auto &[header, value] : p["headers"].items()) {
            const QString headerName = QString::fromStdString(header);
            auto resolved = resolve(QString::fromStdString(value.get<std::string>()),
                                    QStringLiteral("the connection \"%1\" (header %2)").arg(name, headerName));
            if (!resolved)
                return std::move(resolved).error();
            result.headers.emplace_back(headerName, resolved.value());
        }
    }
    return result;
}

} // namespace sluice
