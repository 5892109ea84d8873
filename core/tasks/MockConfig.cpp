#include "MockConfig.h"

#include <QFile>

#include <algorithm>
#include <charconv>

namespace sluice {

namespace {

/// RFC 6901 escaping of one reference token.
QString pointerToken(const std::string &key)
{
    QString token = QString::fromStdString(key);
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

QString join(const QString &pointer, const std::string &key)
{
    return pointer + QLatin1Char('/') + pointerToken(key);
}

Error fieldError(ErrorCode code, const QString &pointer, const QString &message)
{
    return Error{code, message, SourceLocation{pointer, 0, 0}};
}

QString quoted(const std::string &text)
{
    return QLatin1Char('"') + QString::fromStdString(text) + QLatin1Char('"');
}

std::optional<int> parseIndex(std::string_view text)
{
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

/// "3" -> {3,3}; "1-2" -> {1,2}.
std::optional<std::pair<int, int>> parseRange(std::string_view key)
{
    const auto dash = key.find('-');
    if (dash == std::string_view::npos) {
        const auto index = parseIndex(key);
        return index ? std::optional(std::pair(*index, *index)) : std::nullopt;
    }
    const auto first = parseIndex(key.substr(0, dash));
    const auto last = parseIndex(key.substr(dash + 1));
    if (!first || !last || *first > *last)
        return std::nullopt;
    return std::pair(*first, *last);
}

SourceLocation lineColumn(const QByteArray &bytes, std::size_t byte)
{
    SourceLocation where;
    where.line = 1;
    int column = 0;
    const auto end = std::min<qsizetype>(bytes.size(), static_cast<qsizetype>(byte));
    for (qsizetype i = 0; i < end; ++i) {
        if (bytes.at(i) == '\n') {
            ++where.line;
            column = 0;
        } else {
            ++column;
        }
    }
    where.column = std::max(column, 1);
    return where;
}

} // namespace

Result<MockConfig> MockConfig::fromJson(const Json &document)
{
    try {
        MockConfig config;
        if (!document.is_object())
            return fieldError(ErrorCode::WrongType, QStringLiteral(""),
                              QStringLiteral("a mock configuration must be a JSON object"));
        for (const auto &[key, value] : document.items()) {
            if (key != "StateMachines" && key != "MockedResponses")
                return fieldError(
                    ErrorCode::UnknownField, join({}, key),
                    QStringLiteral("unknown field %1; expected StateMachines and MockedResponses")
                        .arg(quoted(key)));
        }
        const QString machinesPointer = QStringLiteral("/StateMachines");
        const QString responsesPointer = QStringLiteral("/MockedResponses");
        const auto machines = document.find("StateMachines");
        if (machines == document.end())
            return fieldError(ErrorCode::MissingField, QStringLiteral(""),
                              QStringLiteral("the field \"StateMachines\" is missing"));
        const auto responses = document.find("MockedResponses");
        if (responses == document.end())
            return fieldError(ErrorCode::MissingField, QStringLiteral(""),
                              QStringLiteral("the field \"MockedResponses\" is missing"));
        if (!machines->is_object())
            return fieldError(ErrorCode::WrongType, machinesPointer,
                              QStringLiteral("\"StateMachines\" must be an object"));
        if (!responses->is_object())
            return fieldError(ErrorCode::WrongType, responsesPointer,
                              QStringLiteral("\"MockedResponses\" must be an object"));

        // MockedResponses first, so that test cases can be checked against them.
        for (const auto &[name, ranges] : responses->items()) {
            const QString pointer = join(responsesPointer, name);
            if (!ranges.is_object() || ranges.empty())
                return fieldError(
                    ErrorCode::WrongType, pointer,
                    QStringLiteral(
                        "mocked response %1 must be a non-empty object of invocation numbers or ranges")
                        .arg(quoted(name)));
            std::vector<Response> list;
            for (const auto &[key, body] : ranges.items()) {
                const QString rangePointer = join(pointer, key);
                const auto range = parseRange(key);
                if (!range)
                    return fieldError(
                        ErrorCode::WrongType, rangePointer,
                        QStringLiteral(
                            "%1 is not an invocation number (\"0\") or an inclusive range (\"1-2\")")
                            .arg(quoted(key)));
                if (!body.is_object())
                    return fieldError(
                        ErrorCode::WrongType, rangePointer,
                        QStringLiteral("a mocked response must be an object with \"Return\" or \"Throw\""));
                Response response;
                response.first = range->first;
                response.last = range->second;
                const bool hasReturn = body.contains("Return");
                const bool hasThrow = body.contains("Throw");
                for (const auto &[field, unused] : body.items()) {
                    if (field != "Return" && field != "Throw")
                        return fieldError(
                            ErrorCode::UnknownField, join(rangePointer, field),
                            QStringLiteral(
                                "unknown field %1; a mocked response holds \"Return\" or \"Throw\"")
                                .arg(quoted(field)));
                }
                if (hasReturn == hasThrow)
                    return fieldError(
                        hasReturn ? ErrorCode::BadDefinition : ErrorCode::MissingField, rangePointer,
                        QStringLiteral(
                            "a mocked response must hold exactly one of \"Return\" and \"Throw\""));
                if (hasReturn) {
                    response.value = body.at("Return");
                } else {
                    const Json &thrown = body.at("Throw");
                    const QString throwPointer = rangePointer + QStringLiteral("/Throw");
                    if (!thrown.is_object())
                        return fieldError(
                            ErrorCode::WrongType, throwPointer,
                            QStringLiteral(
                                "\"Throw\" must be an object with string fields \"Error\" and \"Cause\""));
                    for (const char *field : {"Error", "Cause"}) {
                        const auto it = thrown.find(field);
                        const QString fieldPointer = throwPointer + QLatin1Char('/') + QLatin1String(field);
                        if (it == thrown.end())
                            return fieldError(ErrorCode::MissingField, fieldPointer,
                                              QStringLiteral("\"Throw\" needs a string field \"%1\"")
                                                  .arg(QLatin1String(field)));
                        if (!it->is_string())
                            return fieldError(
                                ErrorCode::WrongType, fieldPointer,
                                QStringLiteral("\"%1\" must be a string").arg(QLatin1String(field)));
                    }
                    for (const auto &[field, unused] : thrown.items()) {
                        if (field != "Error" && field != "Cause")
                            return fieldError(
                                ErrorCode::UnknownField, join(throwPointer, field),
                                QStringLiteral("unknown field %1; \"Throw\" holds \"Error\" and \"Cause\"")
                                    .arg(quoted(field)));
                    }
                    response.isThrow = true;
                    response.failure =
                        Failure{thrown.at("Error").get<std::string>(), thrown.at("Cause").get<std::string>()};
                }
                list.push_back(std::move(response));
            }
            std::sort(list.begin(), list.end(),
                      [](const Response &a, const Response &b) { return a.first < b.first; });
            for (std::size_t i = 1; i < list.size(); ++i) {
                if (list[i].first <= list[i - 1].last)
                    return fieldError(ErrorCode::BadDefinition, pointer,
                                      QStringLiteral("mocked response %1 covers invocation %2 twice")
                                          .arg(quoted(name))
                                          .arg(list[i].first));
            }
            config.m_responses.emplace(name, std::move(list));
        }

        for (const auto &[machineName, machine] : machines->items()) {
            const QString pointer = join(machinesPointer, machineName);
            if (!machine.is_object())
                return fieldError(
                    ErrorCode::WrongType, pointer,
                    QStringLiteral("a state machine entry must be an object with \"TestCases\""));
            for (const auto &[field, unused] : machine.items()) {
                if (field != "TestCases")
                    return fieldError(
                        ErrorCode::UnknownField, join(pointer, field),
                        QStringLiteral("unknown field %1; a state machine entry holds \"TestCases\"")
                            .arg(quoted(field)));
            }
            const auto cases = machine.find("TestCases");
            const QString casesPointer = pointer + QStringLiteral("/TestCases");
            if (cases == machine.end())
                return fieldError(ErrorCode::MissingField, casesPointer,
                                  QStringLiteral("the field \"TestCases\" is missing"));
            if (!cases->is_object())
                return fieldError(ErrorCode::WrongType, casesPointer,
                                  QStringLiteral("\"TestCases\" must be an object"));
            StateMachine parsedMachine;
            for (const auto &[caseName, testCase] : cases->items()) {
                const QString casePointer = join(casesPointer, caseName);
                if (!testCase.is_object())
                    return fieldError(
                        ErrorCode::WrongType, casePointer,
                        QStringLiteral("a test case must map state names to mocked response names"));
                TestCase parsedCase;
                for (const auto &[stateName, responseName] : testCase.items()) {
                    const QString statePointer = join(casePointer, stateName);
                    if (!responseName.is_string())
                        return fieldError(
                            ErrorCode::WrongType, statePointer,
                            QStringLiteral("the mocked response of a state must be named by a string"));
                    const auto &name = responseName.get_ref<const std::string &>();
                    if (!config.m_responses.contains(name))
                        return fieldError(
                            ErrorCode::MissingField, statePointer,
                            QStringLiteral("mocked response %1 is not defined in \"MockedResponses\"")
                                .arg(quoted(name)));
                    parsedCase.emplace(stateName, name);
                }
                parsedMachine.emplace(caseName, std::move(parsedCase));
            }
            config.m_machines.emplace(machineName, std::move(parsedMachine));
        }
        return config;
    } catch (const Json::exception &e) {
        return Error{ErrorCode::BadDefinition, QString::fromUtf8(e.what()), {}};
    } catch (const std::exception &e) {
        return Error{ErrorCode::InvalidArgument, QString::fromUtf8(e.what()), {}};
    }
}

Result<MockConfig> MockConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::IoError,
                     QStringLiteral("cannot read mock configuration %1: %2").arg(path, file.errorString()),
                     {}};
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error{ErrorCode::IoError,
                     QStringLiteral("cannot read mock configuration %1: %2").arg(path, file.errorString()),
                     {}};
    try {
        const auto document = Json::parse(bytes.cbegin(), bytes.cend());
        auto config = fromJson(document);
        if (!config) {
            Error error = std::move(config).error();
            error.message = path + QStringLiteral(": ") + error.message;
            return error;
        }
        return config;
    } catch (const Json::parse_error &e) {
        return Error{ErrorCode::NotJson,
                     QStringLiteral("%1 is not valid JSON: %2").arg(path, QString::fromUtf8(e.what())),
                     lineColumn(bytes, e.byte > 0 ? e.byte - 1 : 0)};
    } catch (const std::exception &e) {
        return Error{
            ErrorCode::IoError,
            QStringLiteral("cannot read mock configuration %1: %2").arg(path, QString::fromUtf8(e.what())),
            {}};
    }
}

bool MockConfig::hasStateMachine(std::string_view machine) const
{
    return m_machines.find(machine) != m_machines.end();
}

bool MockConfig::hasTestCase(std::string_view machine, std::string_view testCase) const
{
    const auto m = m_machines.find(machine);
    return m != m_machines.end() && m->second.find(testCase) != m->second.end();
}

bool MockConfig::mocksState(std::string_view machine, std::string_view testCase, std::string_view state) const
{
    const auto m = m_machines.find(machine);
    if (m == m_machines.end())
        return false;
    const auto c = m->second.find(testCase);
    return c != m->second.end() && c->second.find(state) != c->second.end();
}

std::vector<std::string> MockConfig::testCases(std::string_view machine) const
{
    std::vector<std::string> names;
    if (const auto m = m_machines.find(machine); m != m_machines.end()) {
        for (const auto &entry : m->second)
            names.push_back(entry.first);
    }
    return names;
}

std::optional<Result<Json, Failure>> MockConfig::respond(std::string_view machine, std::string_view testCase,
                                                         std::string_view state, int invocation) const
{
    const auto m = m_machines.find(machine);
    if (m == m_machines.end())
        return std::nullopt;
    const auto c = m->second.find(testCase);
    if (c == m->second.end())
        return std::nullopt;
    const auto s = c->second.find(state);
    if (s == c->second.end())
        return std::nullopt;
    const auto &ranges = m_responses.find(s->second)->second; // fromJson checked that it exists

    const auto it = std::find_if(ranges.begin(), ranges.end(), [invocation](const Response &r) {
        return invocation >= r.first && invocation <= r.last;
    });
    if (it == ranges.end()) {
        return Result<Json, Failure>(Failure{
            errors::kRuntime, "no mocked response for invocation " + std::to_string(invocation) +
                                  " of state '" + std::string(state) + "': mocked response '" + s->second +
                                  "' in test case '" + std::string(testCase) + "' covers invocations up to " +
                                  std::to_string(ranges.back().last)});
    }
    if (it->isThrow)
        return Result<Json, Failure>(it->failure);
    return Result<Json, Failure>(it->value);
}

} // namespace sluice
