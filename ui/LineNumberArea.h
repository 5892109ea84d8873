#pragma once

#include <QWidget>

namespace sluice::ui {

class DefinitionView;

/// The gutter left of a DefinitionView: line numbers, the current one emphasised. Paints only; the view
/// sizes and scrolls it.
class LineNumberArea : public QWidget
{
    Q_OBJECT
public:
    explicit LineNumberArea(DefinitionView *view);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    DefinitionView *m_view;
};

} // namespace sluice::ui
