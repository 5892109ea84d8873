#pragma once

#include "Json.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace sluice::ui {

/// A JSON value as a collapsible tree (key, value, type), with a search box that expands and marks the
/// nodes whose key or value contains the text, and "Copy path" (Ctrl+Shift+C or the context menu) that puts
/// the current node's JSONPath (`$.a.b[2]`) on the clipboard.
class JsonTreeView : public QWidget
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit JsonTreeView(QWidget *parent = nullptr);

    void setJson(const sluice::Json &value);
    /// Shows `text` (greyed) instead of a value.
    void showNothing(const QString &text);
    /// Marks and expands the nodes matching `text`; returns how many match.
    int search(const QString &text);
    /// The JSONPath of the current node ("" when none).
    QString currentPath() const;
    void copyCurrentPath();
    QTreeWidget *tree() const { return m_tree; }
    /// The node at `path`, or null.
    QTreeWidgetItem *itemAt(const QString &path) const;

private:
    void fill(QTreeWidgetItem *parent, const QString &path, const sluice::Json &value);

    QLineEdit *m_search;
    QLabel *m_matches;
    QTreeWidget *m_tree;
};

} // namespace sluice::ui
