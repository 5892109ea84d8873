#include "DefinitionView.h"

#include "JsonHighlighter.h"
#include "LineNumberArea.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace sluice::ui {

namespace {

QColor blend(const QColor &over, const QColor &under, qreal alpha)
{
    return QColor::fromRgbF(over.redF() * alpha + under.redF() * (1 - alpha),
                            over.greenF() * alpha + under.greenF() * (1 - alpha),
                            over.blueF() * alpha + under.blueF() * (1 - alpha));
}

} // namespace

DefinitionView::DefinitionView(QWidget *parent)
    : QPlainTextEdit(parent), m_highlighter(new JsonHighlighter(document())), m_lineNumbers(new LineNumberArea(this))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    setFont(font);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    setPlaceholderText(tr("Open a workflow definition (File > Open…) to see it here."));
    m_highlighter->setPalette(palette());

    connect(this, &QPlainTextEdit::blockCountChanged, this, &DefinitionView::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &DefinitionView::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, m_lineNumbers, qOverload<>(&QWidget::update));
    updateLineNumberAreaWidth();
}

void DefinitionView::setDefinitionText(const QString &text)
{
    m_range = {0, 0};
    setPlainText(text);
    applyHighlight();
}

std::pair<int, int> DefinitionView::cursorPosition() const
{
    const QTextCursor cursor = textCursor();
    return {cursor.blockNumber() + 1, cursor.positionInBlock() + 1};
}

QTextCursor DefinitionView::cursorAt(int line, int column) const
{
    const QTextBlock block = document()->findBlockByNumber(qBound(0, line - 1, document()->blockCount() - 1));
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + qBound(0, column - 1, qMax(0, block.length() - 1)));
    return cursor;
}

void DefinitionView::showRange(int firstLine, int lastLine)
{
    if (firstLine <= 0)
        return;
    m_range = {firstLine, qMax(firstLine, lastLine)};
    m_rangeIsProblem = false;
    applyHighlight();

    const QTextCursor cursor = cursorAt(firstLine, 1);
    setTextCursor(cursor);
    // Two lines of context above the state, unless the whole state fits and is already visible.
    const int visibleLines = qMax(1, viewport()->height() / qMax(1, fontMetrics().lineSpacing()));
    const int first = verticalScrollBar()->value();
    const bool visible = firstLine - 1 >= first && m_range.second <= first + visibleLines;
    if (!visible)
        verticalScrollBar()->setValue(qMax(0, firstLine - 3));
}

void DefinitionView::goTo(int line, int column)
{
    if (line <= 0)
        return;
    m_range = {line, line};
    m_rangeIsProblem = true;
    applyHighlight();
    setTextCursor(cursorAt(line, qMax(1, column)));
    centerCursor();
}

void DefinitionView::clearHighlight()
{
    m_range = {0, 0};
    applyHighlight();
}

void DefinitionView::applyHighlight()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_range.first > 0) {
        const QColor base = palette().color(QPalette::Base);
        const QColor tint = m_rangeIsProblem ? QColor(220, 50, 47) : palette().color(QPalette::Highlight);
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(blend(tint, base, base.lightness() < 128 ? 0.26 : 0.16));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        // A full-width selection paints every line its cursor spans; one selection per line keeps the
        // painting exact even when a line is empty.
        for (int line = m_range.first; line <= m_range.second; ++line) {
            selection.cursor = cursorAt(line, 1);
            selections.append(selection);
        }
    }
    setExtraSelections(selections);
    m_lineNumbers->update();
}

int DefinitionView::lineNumberAreaWidth() const
{
    const int digits = QString::number(qMax(1, blockCount())).size();
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits) + 16;
}

void DefinitionView::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void DefinitionView::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void DefinitionView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_lineNumbers->setGeometry(QRect(contents.left(), contents.top(), lineNumberAreaWidth(), contents.height()));
}

void DefinitionView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setPalette(palette());
        applyHighlight();
    } else if (event->type() == QEvent::FontChange) {
        updateLineNumberAreaWidth();
    }
}

void DefinitionView::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    painter.fillRect(event->rect(), blend(pal.color(QPalette::Window), base, 0.6));
    painter.setPen(blend(pal.color(QPalette::Mid), base, 0.8));
    painter.drawLine(m_lineNumbers->width() - 1, event->rect().top(), m_lineNumbers->width() - 1,
                     event->rect().bottom());

    const QColor dim = blend(pal.color(QPalette::Text), base, 0.45);
    const QColor strong = pal.color(QPalette::Text);
    const int current = textCursor().blockNumber() + 1;
    const int right = m_lineNumbers->width() - 8;

    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool inRange = number >= m_range.first && number <= m_range.second;
            QFont font = this->font();
            font.setBold(number == current);
            painter.setFont(font);
            painter.setPen(number == current || inRange ? strong : dim);
            painter.drawText(0, top, right, fontMetrics().height(), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(number));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

} // namespace sluice::ui
