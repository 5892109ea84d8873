#pragma once

#include "editor/inspector/InspectorField.h"

class QTableWidget;
class QToolButton;

namespace sluice::ui {

/// The Retry or Catch editor: one table row per retrier / catcher. Retry columns: ErrorEquals (a comma
/// list that completes States.* names), IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds,
/// JitterStrategy; Catch columns: ErrorEquals, Next, ResultPath ("null" for JSON null). An empty cell
/// leaves the field out (its default applies). Rows can be added, removed and moved; fields a row has
/// beyond its columns (Comment) travel with it. Problems mark their cells and are listed under the table.
class HandlerTable : public InspectorField
{
    Q_OBJECT
public:
    enum class Kind { Retry, Catch };
    explicit HandlerTable(Kind kind, QWidget *parent = nullptr);

    void load(const Json &state) override;
    void apply(Json &state) const override;
    void showProblems(const QList<FieldProblem> &problems) override;
    void focusPointer(const QString &pointer) override;
    void setStateNames(const QStringList &names) override { m_names = names; }
    void setSelfName(const QString &name) { m_self = name; }

    QTableWidget *table() const { return m_table; }
    /// Column of the ASL field `key` ("MaxAttempts"), -1 if none.
    int columnOf(const QString &key) const;

    void addRow();
    void removeCurrentRow();
    void moveCurrentRow(int delta);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class ColumnKind { ErrorList, Number, Jitter, Next, Path };
    struct Column
    {
        QString key;
        QString header;
        ColumnKind kind;
    };
    class Delegate;

    void setRow(int row, const Json &object);
    Json rowJson(int row) const;
    void fitHeight();
    void fitColumns();
    void updateButtons();

    Kind m_kind;
    QString m_key;
    QList<Column> m_columns;
    QTableWidget *m_table;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    QStringList m_names;
    QString m_self;
    bool m_loading = false;
};

} // namespace sluice::ui
