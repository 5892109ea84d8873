#include "editor/inspector/InspectorField.h"

#include "editor/inspector/FieldHelp.h"

#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace sluice::ui {

InspectorField::InspectorField(const QString &helpKey, QStringList owned, QWidget *parent)
    : QWidget(parent), m_helpKey(helpKey), m_owned(std::move(owned)), m_layout(new QVBoxLayout(this)),
      m_message(new QLabel(this)), m_caption(new QLabel(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setProperty("problem", true);
    m_message->hide();
    const FieldHelp help = FieldHelp::of(helpKey);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setText(help.caption);
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setProperty("caption", true);
    m_caption->setVisible(!help.caption.isEmpty());
    m_layout->addWidget(m_message);
    m_layout->addWidget(m_caption);
}

bool InspectorField::owns(const QString &pointer) const
{
    for (const QString &prefix : m_owned) {
        if (pointerWithin(pointer, prefix))
            return true;
    }
    return false;
}

void InspectorField::setEditor(QWidget *editor, QWidget *row)
{
    m_editor = editor;
    const FieldHelp help = FieldHelp::of(m_helpKey);
    editor->setToolTip(help.help);
    editor->setWhatsThis(help.help);
    m_layout->insertWidget(0, row ? row : editor);
}

void InspectorField::markInvalid(QWidget *widget, bool invalid)
{
    if (!widget || widget->property("invalid").toBool() == invalid)
        return;
    widget->setProperty("invalid", invalid);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}

void InspectorField::setMessage(const QStringList &messages)
{
    m_message->setText(messages.join(QLatin1Char('\n')));
    m_message->setVisible(!messages.isEmpty());
}

QString InspectorField::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void InspectorField::showProblems(const QList<FieldProblem> &problems)
{
    QStringList messages;
    for (const FieldProblem &p : problems)
        messages << p.message;
    markInvalid(m_editor, !messages.isEmpty());
    setMessage(messages);
}

void InspectorField::focusPointer(const QString &pointer)
{
    Q_UNUSED(pointer);
    if (m_editor)
        m_editor->setFocus(Qt::OtherFocusReason);
}

} // namespace sluice::ui
