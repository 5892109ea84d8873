#include "editor/inspector/StateProblems.h"

#include "definition/Parser.h"

namespace sluice::ui {

QString escapePointerToken(const QString &token)
{
    QString out = token;
    out.replace(QLatin1Char('~'), QLatin1String("~0"));
    out.replace(QLatin1Char('/'), QLatin1String("~1"));
    return out;
}

bool pointerWithin(const QString &pointer, const QString &prefix)
{
    if (prefix.isEmpty())
        return true;
    return pointer == prefix || (pointer.startsWith(prefix) && pointer.at(prefix.size()) == QLatin1Char('/'));
}

QList<FieldProblem> validateState(const QString &name, const Json &state, const QStringList &stateNames)
{
    Json doc = Json::object();
    const std::string own = name.toStdString();
    doc["StartAt"] = own;
    Json &states = doc["States"];
    states = Json::object();
    for (const QString &other : stateNames) {
        if (other != name)
            states[other.toStdString()] = Json{{"Type", "Succeed"}};
    }
    states[own] = state;

    const QString prefix = QStringLiteral("/States/") + escapePointerToken(name);
    QList<FieldProblem> problems;
    for (const Error &error : definition::validate(QByteArray::fromStdString(doc.dump()))) {
        const QString &pointer = error.where.pointer;
        if (!pointerWithin(pointer, prefix))
            continue;
        problems.append({pointer.mid(prefix.size()), error.message});
    }
    return problems;
}

} // namespace sluice::ui
