#include "editor/inspector/Completion.h"

#include "Json.h"
#include "paths/Intrinsic.h"

#include <QLineEdit>
#include <QStringListModel>

namespace sluice::ui {

QStringList pathSuggestions()
{
    QStringList words{QStringLiteral("$"), QStringLiteral("$."), QStringLiteral("$$")};
    // The context object as the engine builds it (Execution, StateMachine, State, Map.Item) plus Task.Token.
    for (const char *field :
         {"Execution.Id", "Execution.Input", "Execution.Name", "Execution.RoleArn", "Execution.StartTime",
          "Execution.RedriveCount", "StateMachine.Id", "StateMachine.Name", "State.Name", "State.EnteredTime",
          "State.RetryCount", "Map.Item.Index", "Map.Item.Value", "Task.Token"})
        words << QStringLiteral("$$.") + QLatin1String(field);
    for (std::string_view name : Intrinsic::functionNames())
        words << QString::fromUtf8(name.data(), qsizetype(name.size())) + QLatin1Char('(');
    return words;
}

QStringList errorNameSuggestions()
{
    QStringList words;
    for (const char *name :
         {errors::kAll, errors::kTaskFailed, errors::kTimeout, errors::kHeartbeatTimeout, errors::kRuntime,
          errors::kPermissions, errors::kResultPathMatchFailure, errors::kParameterPathFailure,
          errors::kBranchFailed, errors::kNoChoiceMatched, errors::kIntrinsicFailure,
          errors::kExceedToleratedFailureThreshold, errors::kItemReaderFailed, errors::kResultWriterFailed,
          errors::kDataLimitExceeded, errors::kQueryEvaluationError})
        words << QString::fromUtf8(name);
    return words;
}

void addPathCompleter(QLineEdit *edit)
{
    auto *completer = new QCompleter(pathSuggestions(), edit);
    completer->setCaseSensitivity(Qt::CaseSensitive);
    completer->setFilterMode(Qt::MatchStartsWith);
    edit->setCompleter(completer);
}

ListCompleter::ListCompleter(const QStringList &words, QLineEdit *edit)
    : QCompleter(new QStringListModel(words), edit), m_edit(edit)
{
    model()->setParent(this);
    setCaseSensitivity(Qt::CaseInsensitive);
    setFilterMode(Qt::MatchContains);
    edit->setCompleter(this);
}

QStringList ListCompleter::splitPath(const QString &path) const
{
    return {path.section(QLatin1Char(','), -1).trimmed()};
}

QString ListCompleter::pathFromIndex(const QModelIndex &index) const
{
    const QString text = m_edit->text();
    const qsizetype comma = text.lastIndexOf(QLatin1Char(','));
    const QString before = comma < 0 ? QString() : text.left(comma + 1) + QLatin1Char(' ');
    return before + index.data().toString();
}

} // namespace sluice::ui
