#pragma once

#include <QPlainTextEdit>

class QCompleter;

namespace sluice::ui {

class JsonHighlighter;

/// A compact JSON editor for the inspector: highlighted with JsonHighlighter, completes "$", "$$.…" and
/// intrinsic names at the cursor (after a quote, space, comma or parenthesis), and reports editingFinished
/// like a QLineEdit (focus leaves after a change, or Ctrl+Return). Grows with its text between
/// `minLines` and `maxLines` lines.
class JsonEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JsonEdit(QWidget *parent = nullptr, int minLines = 3, int maxLines = 12);

    /// Replaces the text without emitting edited()/editingFinished(); the editor is unmodified afterwards.
    void setJsonText(const QString &text);
    /// Changes since setJsonText() or the last editingFinished().
    bool hasPendingEdit() const { return m_pending; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void edited();
    void editingFinished();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString wordBeforeCursor() const;
    void insertCompletion(const QString &completion);
    void finish();
    int heightForLines(int lines) const;

    JsonHighlighter *m_highlighter;
    QCompleter *m_completer;
    int m_minLines;
    int m_maxLines;
    bool m_pending = false;
    bool m_loading = false;
};

} // namespace sluice::ui
