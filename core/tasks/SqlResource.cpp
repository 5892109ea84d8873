#include "SqlResource.h"

#include "store/StoreConnection_p.h"
#include "tasks/Connections.h"

#include <QDate>
#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QTime>
#include <QVariant>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <optional>
#include <set>

Q_LOGGING_CATEGORY(lcSql, "sluice.tasks.sql")

namespace sluice {

namespace {

using Outcome = Result<Json, Failure>;

const char *const kConnectionFailed = "Sql.ConnectionFailed";
const char *const kConstraintViolation = "Sql.ConstraintViolation";
const char *const kSqlError = "Sql.Error";

Failure badParameters(const std::string &message)
{
    return Failure{errors::kRuntime, "sluice:sql: " + message};
}

Failure cancelledFailure()
{
    return Failure{errors::kRuntime, "cancelled"};
}

void answer(TaskCallback &done, Outcome outcome)
{
    try {
        done(std::move(outcome));
    } catch (const std::exception &e) {
        qCWarning(lcSql) << "a sql callback threw:" << e.what();
    } catch (...) {
        qCWarning(lcSql) << "a sql callback threw";
    }
}

enum class Operation { Query, Execute, Insert, Upsert };

struct Job
{
    Operation operation = Operation::Query;
    QString connection;
    QString location;
    QString sql;
    Json parameters;                  // null, an array (positional) or an object (named)
    QString table;                    // quoted
    std::vector<std::string> columns;
    std::vector<std::string> key;
    Json rows;                        // an array of objects
    TaskCallback done;
    std::shared_ptr<const std::atomic_bool> cancelled;
};

bool isIdentifier(const std::string &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]{0,62}$"));
    return pattern.match(QString::fromStdString(name)).hasMatch();
}

QString quoted(const std::string &identifier)
{
    return QLatin1Char('"') + QString::fromStdString(identifier) + QLatin1Char('"');
}

Result<std::vector<std::string>, Failure> names(const Json &in, const char *field)
{
    const auto it = in.find(field);
    std::vector<std::string> result;
    if (it == in.end())
        return result;
    if (!it->is_array())
        return badParameters("\"" + std::string(field) + "\" must be an array of column names");
    for (const Json &name : *it) {
        if (!name.is_string() || !isIdentifier(name.get<std::string>()))
            return badParameters("\"" + std::string(field) + "\" holds " + name.dump() +
                                 ", which is not an identifier (letters, digits and _, not starting with a digit)");
        if (std::find(result.begin(), result.end(), name.get<std::string>()) != result.end())
            return badParameters("\"" + std::string(field) + "\" names " + name.dump() + " twice");
        result.push_back(name.get<std::string>());
    }
    return result;
}

QVariant toVariant(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return QVariant();
    case Json::value_t::boolean:
        return value.get<bool>();
    case Json::value_t::number_integer:
        return qlonglong(value.get<long long>());
    case Json::value_t::number_unsigned:
        return qulonglong(value.get<unsigned long long>());
    case Json::value_t::number_float:
        return value.get<double>();
    case Json::value_t::string:
        return QString::fromStdString(value.get<std::string>());
    default:
        return QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
    }
}

Json toJson(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return Json();
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Char:
    case QMetaType::SChar:
        return value.toLongLong();
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
    case QMetaType::UChar:
        return value.toULongLong();
    case QMetaType::Double:
    case QMetaType::Float:
        return value.toDouble();
    case QMetaType::QByteArray:
        return value.toByteArray().toBase64().toStdString();
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate).toStdString();
    case QMetaType::QTime:
        return value.toTime().toString(Qt::ISODateWithMs).toStdString();
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs).toStdString();
    default:
        return value.toString().toStdString();
    }
}

/// The error name for what the database said: constraint (SQLite's SQLITE_CONSTRAINT family,
/// PostgreSQL's SQLSTATE class 23), connection (Qt's ConnectionError, SQLSTATE class 08), or other.
const char *errorName(const QSqlError &error, bool sqlite)
{
    const QString code = error.nativeErrorCode();
    if (sqlite) {
        bool ok = false;
        const int value = code.toInt(&ok);
        if (ok && (value & 0xff) == 19) // SQLITE_CONSTRAINT and its extended codes
            return kConstraintViolation;
    } else {
        if (code.startsWith(QLatin1String("23")))
            return kConstraintViolation;
        if (code.startsWith(QLatin1String("08")))
            return kConnectionFailed;
    }
    if (error.type() == QSqlError::ConnectionError)
        return kConnectionFailed;
    return kSqlError;
}

std::string excerpt(const QString &sql)
{
    const QString simplified = sql.simplified();
    return (simplified.size() > 200 ? simplified.left(200) + QStringLiteral("...") : simplified).toStdString();
}

} // namespace

/// One named connection: its thread, its queue and (on that thread) its QSqlDatabase.
class SqlResource::Worker
{
public:
    Worker(const QString &name) : m_name(name)
    {
        m_thread.reset(QThread::create([this] { loop(); }));
        m_thread->setObjectName(QStringLiteral("sluice-sql-") + name);
        m_thread->start();
    }

    ~Worker()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread->wait();
    }

    void add(Job job)
    {
        std::unique_lock lock(m_mutex);
        if (m_stopping) {
            lock.unlock();
            answer(job.done, cancelledFailure());
            return;
        }
        m_queue.push_back(std::move(job));
        lock.unlock();
        m_wake.notify_one();
    }

private:
    void loop()
    {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_stopping) {
                    std::deque<Job> left;
                    left.swap(m_queue);
                    lock.unlock();
                    for (Job &j : left)
                        answer(j.done, cancelledFailure());
                    break;
                }
                job = std::move(m_queue.front());
                m_queue.pop_front();
            }
            Outcome outcome = cancelledFailure();
            if (!(job.cancelled && job.cancelled->load())) {
                try {
                    outcome = run(job);
                } catch (const std::exception &e) {
                    outcome = Failure{errors::kTaskFailed, std::string("sluice:sql: ") + e.what()};
                }
            }
            answer(job.done, std::move(outcome));
        }
        m_connection.reset(); // closed on the thread that opened it
    }

    Outcome connect(const Job &job)
    {
        if (m_connection && m_connection->location() == job.location && m_connection->db().isOpen())
            return Outcome(Json());
        m_connection.reset();
        auto opened = StoreConnection::open(job.location, "sql");
        if (!opened)
            return Failure{kConnectionFailed, "sluice:sql: connection \"" + job.connection.toStdString() +
                                                  "\": " + opened.error().message.toStdString()};
        m_connection = std::move(opened).value();
        return Outcome(Json());
    }

    Failure failure(const QSqlError &error, const QString &sql)
    {
        const char *name = m_connection->db().isOpen() ? errorName(error, m_connection->isSqlite()) : kConnectionFailed;
        Failure f{name, "sluice:sql: connection \"" + m_name.toStdString() + "\": " + error.text().toStdString() +
                            (sql.isEmpty() ? std::string() : " (in: " + excerpt(sql) + ")")};
        if (name == kConnectionFailed || !m_connection->db().isOpen())
            m_reconnect = true; // once the queries are gone (see run())
        return f;
    }

    Outcome run(Job &job)
    {
        auto connected = connect(job);
        if (!connected)
            return connected;
        m_reconnect = false;
        Outcome outcome = job.operation == Operation::Query || job.operation == Operation::Execute ? statement(job)
                                                                                                 : insert(job);
        if (!outcome.ok() && outcome.error().error == kSqlError && !m_reconnect && !m_connection->isSqlite()) {
            // A PostgreSQL session that died reports itself as an ordinary statement error: probe it.
            bool alive = m_connection->db().isOpen();
            if (alive) {
                QSqlQuery probe(m_connection->db());
                alive = probe.exec(QStringLiteral("SELECT 1"));
            }
            if (!alive) {
                outcome = Failure{kConnectionFailed, outcome.error().cause};
                m_reconnect = true;
            }
        }
        if (m_reconnect)
            m_connection.reset(); // the next call connects anew
        return outcome;
    }

    Outcome statement(const Job &job)
    {
        QSqlQuery query(m_connection->db());
        query.setForwardOnly(true);
        // Without parameters the statement runs as it is: PostgreSQL cannot PREPARE DDL (CREATE TABLE ...).
        const bool bound = (job.parameters.is_array() || job.parameters.is_object()) && !job.parameters.empty();
        if (bound) {
            if (!query.prepare(job.sql))
                return failure(query.lastError(), job.sql);
            if (job.parameters.is_array()) {
                for (std::size_t i = 0; i < job.parameters.size(); ++i)
                    query.bindValue(int(i), toVariant(job.parameters[i]));
            } else {
                for (const auto &[name, value] : job.parameters.items())
                    query.bindValue(QLatin1Char(':') + QString::fromStdString(name), toVariant(value));
            }
        }
        if (!(bound ? query.exec() : query.exec(job.sql)))
            return failure(query.lastError(), job.sql);
        if (job.operation == Operation::Execute)
            return Outcome(Json{{"RowsAffected", query.numRowsAffected()}});
        Json rows = Json::array();
        if (query.isSelect()) {
            const QSqlRecord record = query.record();
            std::vector<std::string> columnNames;
            for (int i = 0; i < record.count(); ++i)
                columnNames.push_back(record.fieldName(i).toStdString());
            while (query.next()) {
                Json row = Json::object();
                for (int i = 0; i < int(columnNames.size()); ++i)
                    row[columnNames[size_t(i)]] = toJson(query.value(i));
                rows.push_back(std::move(row));
            }
            if (query.lastError().isValid())
                return failure(query.lastError(), job.sql);
        }
        return Outcome(Json{{"Rows", std::move(rows)}});
    }

    QString insertSql(const Job &job, std::size_t rowCount) const
    {
        QStringList columns;
        for (const auto &c : job.columns)
            columns.append(quoted(c));
        const QString one = QLatin1Char('(') + QStringList(qsizetype(job.columns.size()), QStringLiteral("?")).join(
                                                   QLatin1Char(',')) +
                            QLatin1Char(')');
        QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(job.table, columns.join(QLatin1Char(',')));
        sql += QStringList(qsizetype(rowCount), one).join(QLatin1Char(','));
        if (job.operation == Operation::Upsert) {
            QStringList keys, updates;
            for (const auto &k : job.key)
                keys.append(quoted(k));
            for (const auto &c : job.columns) {
                if (std::find(job.key.begin(), job.key.end(), c) == job.key.end())
                    updates.append(QStringLiteral("%1 = excluded.%1").arg(quoted(c)));
            }
            sql += QStringLiteral(" ON CONFLICT (%1) ").arg(keys.join(QLatin1Char(',')));
            sql += updates.isEmpty() ? QStringLiteral("DO NOTHING")
                                     : QStringLiteral("DO UPDATE SET ") + updates.join(QLatin1Char(','));
        }
        return sql;
    }

    Outcome insert(const Job &job)
    {
        // Rows to write, in order; for Upsert a repeated key keeps only its last row.
        std::vector<const Json *> rows;
        if (job.operation == Operation::Upsert) {
            std::map<std::string, std::size_t> lastOf;
            for (std::size_t i = 0; i < job.rows.size(); ++i) {
                Json key = Json::array();
                for (const auto &k : job.key)
                    key.push_back(job.rows[i].value(k, Json()));
                lastOf[key.dump()] = i;
            }
            std::vector<bool> keep(job.rows.size(), false);
            for (const auto &[key, index] : lastOf)
                keep[index] = true;
            for (std::size_t i = 0; i < job.rows.size(); ++i) {
                if (keep[i])
                    rows.push_back(&job.rows[i]);
            }
        } else {
            for (const Json &row : job.rows)
                rows.push_back(&row);
        }
        if (rows.empty())
            return Outcome(Json{{"RowsAffected", 0}});

        // SQLite before 3.32 allows 999 parameters per statement; PostgreSQL 65535.
        const std::size_t perStatement =
            std::max<std::size_t>(1, std::min<std::size_t>(kRowsPerStatement, 999 / job.columns.size()));
        QSqlDatabase &db = m_connection->db();
        if (!db.transaction())
            return failure(db.lastError(), QStringLiteral("BEGIN"));
        qint64 affected = 0;
        std::optional<QSqlQuery> full; // prepared once, reused for every full batch
        std::optional<QSqlQuery> last; // the shorter last batch
        // Roll back before the prepared statements are freed: PostgreSQL refuses DEALLOCATE in an
        // aborted transaction.
        const auto abort = [&](QSqlQuery &query, const QString &sql) {
            const Failure f = failure(query.lastError(), sql);
            db.rollback();
            return f;
        };
        for (std::size_t start = 0; start < rows.size(); start += perStatement) {
            const std::size_t count = std::min(perStatement, rows.size() - start);
            std::optional<QSqlQuery> &slot = count == perStatement ? full : last;
            const QString sql = insertSql(job, count);
            if (!slot) {
                slot.emplace(db);
                if (!slot->prepare(sql))
                    return abort(*slot, sql);
            }
            int position = 0;
            for (std::size_t r = start; r < start + count; ++r) {
                for (const auto &column : job.columns) {
                    const auto it = rows[r]->find(column);
                    slot->bindValue(position++, it == rows[r]->end() ? QVariant() : toVariant(*it));
                }
            }
            if (!slot->exec())
                return abort(*slot, sql);
            affected += std::max(0, slot->numRowsAffected());
        }
        full.reset();
        last.reset();
        if (!db.commit()) {
            const Failure f = failure(db.lastError(), QStringLiteral("COMMIT"));
            db.rollback();
            return f;
        }
        return Outcome(Json{{"RowsAffected", affected}});
    }

    QString m_name;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<StoreConnection> m_connection; // on m_thread only
    bool m_reconnect = false;                       // on m_thread only: drop m_connection after this call
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue; // guarded by m_mutex
    bool m_stopping = false; // guarded by m_mutex
};

SqlResource::SqlResource(std::shared_ptr<const Connections> connections)
    : m_connections(connections ? std::move(connections) : std::make_shared<const Connections>())
{}

SqlResource::~SqlResource()
{
    const std::lock_guard lock(m_mutex);
    m_workers.clear();
}

void SqlResource::invoke(const TaskCall &call, TaskCallback done)
{
    const Json &in = call.input;
    if (!in.is_object()) {
        done(badParameters("the Parameters must be an object with a \"Connection\", got " + std::string(in.type_name())));
        return;
    }
    static const std::set<std::string> known = {"Connection", "Operation", "Sql", "Parameters", "Table",
                                                "Rows",       "Key",       "Columns"};
    for (const auto &item : in.items()) {
        if (!known.contains(item.key())) {
            done(badParameters("unknown parameter \"" + item.key() +
                               "\" (known: Connection, Operation, Sql, Parameters, Table, Rows, Key, Columns)"));
            return;
        }
    }
    const auto connection = in.find("Connection");
    if (connection == in.end() || !connection->is_string() || connection->get<std::string>().empty()) {
        done(badParameters("\"Connection\" must name a connection profile"));
        return;
    }
    Job job;
    job.connection = QString::fromStdString(connection->get<std::string>());

    if (const auto op = in.find("Operation"); op != in.end()) {
        const std::string name = op->is_string() ? op->get<std::string>() : std::string();
        if (name == "Query")
            job.operation = Operation::Query;
        else if (name == "Execute")
            job.operation = Operation::Execute;
        else if (name == "Insert")
            job.operation = Operation::Insert;
        else if (name == "Upsert")
            job.operation = Operation::Upsert;
        else {
            done(badParameters("\"Operation\" must be \"Query\", \"Execute\", \"Insert\" or \"Upsert\""));
            return;
        }
    } else {
        job.operation = in.contains("Table") ? Operation::Insert : Operation::Query;
    }

    const bool statement = job.operation == Operation::Query || job.operation == Operation::Execute;
    if (statement) {
        const auto sql = in.find("Sql");
        if (sql == in.end() || !sql->is_string() || sql->get<std::string>().empty()) {
            done(badParameters("\"Sql\" must be a non-empty string for Query and Execute"));
            return;
        }
        for (const char *field : {"Table", "Rows", "Key", "Columns"}) {
            if (in.contains(field)) {
                done(badParameters("\"" + std::string(field) + "\" belongs to Insert and Upsert, not Query or Execute"));
                return;
            }
        }
        job.sql = QString::fromStdString(sql->get<std::string>());
        if (const auto p = in.find("Parameters"); p != in.end()) {
            if (!p->is_array() && !p->is_object() && !p->is_null()) {
                done(badParameters("\"Parameters\" must be an array (for ?) or an object (for :name)"));
                return;
            }
            job.parameters = *p;
        }
    } else {
        for (const char *field : {"Sql", "Parameters"}) {
            if (in.contains(field)) {
                done(badParameters("\"" + std::string(field) + "\" belongs to Query and Execute, not Insert or Upsert"));
                return;
            }
        }
        const auto table = in.find("Table");
        if (table == in.end() || !table->is_string()) {
            done(badParameters("\"Table\" must name a table (\"orders\" or \"schema.orders\")"));
            return;
        }
        const QStringList parts = QString::fromStdString(table->get<std::string>()).split(QLatin1Char('.'));
        QStringList quotedParts;
        for (const QString &part : parts) {
            if (parts.size() > 2 || !isIdentifier(part.toStdString())) {
                done(badParameters("\"Table\" " + table->dump() +
                                   " is not a table name (identifiers: letters, digits and _, optionally schema.table)"));
                return;
            }
            quotedParts.append(quoted(part.toStdString()));
        }
        job.table = quotedParts.join(QLatin1Char('.'));
        const auto rows = in.find("Rows");
        if (rows == in.end() || !(rows->is_array() || rows->is_object())) {
            done(badParameters("\"Rows\" must be an array of objects (or one object)"));
            return;
        }
        job.rows = rows->is_array() ? *rows : Json::array({*rows});
        for (std::size_t i = 0; i < job.rows.size(); ++i) {
            if (!job.rows[i].is_object()) {
                done(badParameters("\"Rows\" must hold objects; row " + std::to_string(i) + " is " +
                                   job.rows[i].type_name()));
                return;
            }
        }
        auto columns = names(in, "Columns");
        auto key = names(in, "Key");
        if (!columns || !key) {
            done(!columns ? std::move(columns).error() : std::move(key).error());
            return;
        }
        job.columns = std::move(columns).value();
        job.key = std::move(key).value();
        if (!in.contains("Columns")) {
            for (const Json &row : job.rows) {
                for (const auto &item : row.items()) {
                    if (std::find(job.columns.begin(), job.columns.end(), item.key()) != job.columns.end())
                        continue;
                    if (!isIdentifier(item.key())) {
                        done(badParameters("the column name \"" + item.key() +
                                           "\" is not an identifier (letters, digits and _)"));
                        return;
                    }
                    job.columns.push_back(item.key());
                }
            }
        } else {
            for (const Json &row : job.rows) {
                for (const auto &item : row.items()) {
                    if (std::find(job.columns.begin(), job.columns.end(), item.key()) == job.columns.end()) {
                        done(badParameters("a row has the column \"" + item.key() + "\", which \"Columns\" lacks"));
                        return;
                    }
                }
            }
        }
        if (job.operation == Operation::Upsert) {
            if (job.key.empty()) {
                done(badParameters("Upsert needs \"Key\": the columns of a unique constraint"));
                return;
            }
            for (const auto &k : job.key) {
                if (std::find(job.columns.begin(), job.columns.end(), k) == job.columns.end())
                    job.columns.insert(job.columns.begin(), k);
            }
        } else if (!job.key.empty()) {
            done(badParameters("\"Key\" belongs to Upsert"));
            return;
        }
        if (job.columns.empty() && !job.rows.empty()) {
            done(badParameters("the rows have no columns"));
            return;
        }
    }

    auto location = m_connections->databaseLocation(job.connection);
    if (!location) {
        done(Failure{kConnectionFailed, "sluice:sql: " + location.error().message.toStdString()});
        return;
    }
    job.location = location.value();
    if (call.cancelled && call.cancelled->load()) {
        done(cancelledFailure());
        return;
    }
    job.done = std::move(done);
    job.cancelled = call.cancelled;

    Worker *worker = nullptr;
    {
        const std::lock_guard lock(m_mutex);
        auto &slot = m_workers[job.connection];
        if (!slot)
            slot = std::make_unique<Worker>(job.connection);
        worker = slot.get();
    }
    worker->add(std::move(job));
}

} // namespace sluice
