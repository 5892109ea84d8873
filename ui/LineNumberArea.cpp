#include "LineNumberArea.h"

#include "DefinitionView.h"

namespace sluice::ui {

LineNumberArea::LineNumberArea(DefinitionView *view) : QWidget(view), m_view(view)
{
}

QSize LineNumberArea::sizeHint() const
{
    return {m_view->lineNumberAreaWidth(), 0};
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_view->paintLineNumbers(event);
}

} // namespace sluice::ui
