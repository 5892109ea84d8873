#pragma once

#include "dlq/DlqTypes.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QToolButton;
class QTreeWidget;

namespace sluice::ui {

class DefinitionView;

/// One DLQ entry in full: where and why it failed, its input payload (highlighted JSON, read-only, with a
/// copy button) and its replay history. Shows what the browser's reader delivered; reads nothing itself.
class DlqDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit DlqDetailPane(QWidget *parent = nullptr);

    void showDetail(const sluice::ui::DlqEntryDetail &detail);
    /// "Select an entry" (or `message`).
    void showNothing(const QString &message = {});

    qint64 entryId() const { return m_detail.entry.id; }
    const DlqEntryDetail &detail() const { return m_detail; }
    /// The input as shown (pretty-printed JSON).
    QString inputText() const;
    QTreeWidget *replayList() const { return m_replays; }

public Q_SLOTS:
    void copyInput();

private:
    QLabel *value(const QString &name);

    DlqEntryDetail m_detail;
    QLabel *m_title;
    QWidget *m_fields;
    QHash<QString, QLabel *> m_values;
    QTabWidget *m_tabs;
    DefinitionView *m_input;
    QToolButton *m_copy;
    QPlainTextEdit *m_cause;
    QTreeWidget *m_replays;
};

} // namespace sluice::ui
