#pragma once

#include <QPlainTextEdit>

namespace sluice::ui {

class JsonHighlighter;
class LineNumberArea;

/// The read-only definition text: JSON highlighting, line numbers, and a highlighted range for the state
/// or problem the user picked. Lines and columns are 1-based, as core/ reports them.
class DefinitionView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit DefinitionView(QWidget *parent = nullptr);

    void setDefinitionText(const QString &text);

    /// Highlights lines first..last (a state's block) and scrolls them into view, first line near the top.
    void showRange(int firstLine, int lastLine);
    /// Puts the cursor at line:column, marks that line as a problem and centres it.
    void goTo(int line, int column);
    void clearHighlight();

    /// The highlighted lines, {0, 0} when none.
    std::pair<int, int> highlightedRange() const { return m_range; }
    /// The cursor's line and column (1-based).
    std::pair<int, int> cursorPosition() const;

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void applyHighlight();
    QTextCursor cursorAt(int line, int column) const;

    JsonHighlighter *m_highlighter;
    LineNumberArea *m_lineNumbers;
    std::pair<int, int> m_range{0, 0};
    bool m_rangeIsProblem = false;
};

} // namespace sluice::ui
