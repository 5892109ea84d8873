#pragma once

#include <QCompleter>
#include <QStringList>

class QLineEdit;

namespace sluice::ui {

/// What path and template fields complete: "$", "$$" and the context object's fields ($$.Execution.Id,
/// $$.Map.Item.Value, ...), and the intrinsic functions ("States.Format(").
QStringList pathSuggestions();
/// The States.* error names of the Step Functions developer guide (for ErrorEquals).
QStringList errorNameSuggestions();

/// Gives `edit` a popup completer over pathSuggestions() for its whole text.
void addPathCompleter(QLineEdit *edit);

/// Completes the last entry of a comma-separated list ("States.Timeout, States.Ta" -> "...
/// States.TaskFailed") in a QLineEdit; the entries before it stay as typed.
class ListCompleter : public QCompleter
{
    Q_OBJECT
public:
    ListCompleter(const QStringList &words, QLineEdit *edit);

    QStringList splitPath(const QString &path) const override;
    QString pathFromIndex(const QModelIndex &index) const override;

private:
    QLineEdit *m_edit;
};

} // namespace sluice::ui
