#include "editor/inspector/JsonEdit.h"

#include "JsonHighlighter.h"
#include "editor/inspector/Completion.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>

namespace sluice::ui {

JsonEdit::JsonEdit(QWidget *parent, int minLines, int maxLines)
    : QPlainTextEdit(parent), m_highlighter(new JsonHighlighter(document())),
      m_completer(new QCompleter(pathSuggestions(), this)), m_minLines(minLines), m_maxLines(maxLines)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_highlighter->setPalette(palette());

    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseSensitive);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &JsonEdit::insertCompletion);

    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        m_pending = true;
        updateGeometry();
        Q_EMIT edited();
    });
}

void JsonEdit::setJsonText(const QString &text)
{
    m_loading = true;
    if (toPlainText() != text)
        setPlainText(text);
    m_loading = false;
    m_pending = false;
    updateGeometry();
}

int JsonEdit::heightForLines(int lines) const
{
    const int margins = int(document()->documentMargin() * 2) + frameWidth() * 2 + contentsMargins().top() +
                        contentsMargins().bottom();
    return fontMetrics().lineSpacing() * lines + margins + 2;
}

QSize JsonEdit::sizeHint() const
{
    const int lines = std::clamp(document()->lineCount(), m_minLines, m_maxLines);
    return {QPlainTextEdit::sizeHint().width(), heightForLines(lines)};
}

QSize JsonEdit::minimumSizeHint() const
{
    return {80, heightForLines(std::min(m_minLines, 2))};
}

QString JsonEdit::wordBeforeCursor() const
{
    const QTextCursor cursor = textCursor();
    const QString line = cursor.block().text().left(cursor.positionInBlock());
    qsizetype start = line.size();
    while (start > 0) {
        const QChar c = line.at(start - 1);
        if (c == QLatin1Char('"') || c == QLatin1Char(',') || c == QLatin1Char('(') || c.isSpace())
            break;
        --start;
    }
    return line.mid(start);
}

void JsonEdit::insertCompletion(const QString &completion)
{
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor,
                        int(m_completer->completionPrefix().size()));
    cursor.insertText(completion);
    setTextCursor(cursor);
}

void JsonEdit::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the popup takes these
            return;
        default:
            break;
        }
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        (event->modifiers() & Qt::ControlModifier)) {
        finish();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);

    const QString word = wordBeforeCursor();
    const bool wanted = !event->text().isEmpty() &&
                        (word.startsWith(QLatin1Char('$')) ||
                         (word.size() >= 2 && QStringLiteral("States.").startsWith(word.left(7))));
    if (!wanted) {
        m_completer->popup()->hide();
        return;
    }
    if (word != m_completer->completionPrefix()) {
        m_completer->setCompletionPrefix(word);
        m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    }
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 && m_completer->currentCompletion() == word)) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) +
                  m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
}

void JsonEdit::focusOutEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusOutEvent(event);
    // the completion popup takes focus for a moment; that is not the end of the edit
    if (event->reason() != Qt::PopupFocusReason)
        finish();
}

void JsonEdit::finish()
{
    if (!m_pending)
        return;
    m_pending = false;
    Q_EMIT editingFinished();
}

void JsonEdit::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
}

} // namespace sluice::ui
