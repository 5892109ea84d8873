#include "JsonHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace sluice::ui {

namespace {

/// A colour of `hue` that contrasts with `base`: dark on light backgrounds, light on dark ones,
/// with the saturation toned down on dark backgrounds where full colour glares.
QColor tone(int hue, const QColor &base, int saturation = 170)
{
    const bool dark = base.lightness() < 128;
    return QColor::fromHsl(hue, dark ? saturation * 3 / 4 : saturation, dark ? 178 : 82);
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.')
        || c == QLatin1Char('e') || c == QLatin1Char('E');
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setPalette(QGuiApplication::palette());
}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    m_key.setForeground(tone(215, base));       // blue
    m_string.setForeground(tone(130, base, 120)); // green
    m_number.setForeground(tone(25, base, 200));  // orange
    m_literal.setForeground(tone(290, base, 130)); // violet
    m_literal.setFontWeight(QFont::DemiBold);
    rehighlight();
}

QTextCharFormat JsonHighlighter::format(Token token) const
{
    switch (token) {
    case Token::Key:
        return m_key;
    case Token::String:
        return m_string;
    case Token::Number:
        return m_number;
    case Token::Literal:
        return m_literal;
    }
    return {};
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    // JSON strings never span lines, so every block can be read on its own.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != QLatin1Char('"'))
                end += text.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = qMin(end + 1, n);
            qsizetype next = end;
            while (next < n && text.at(next).isSpace())
                ++next;
            const bool isKey = next < n && text.at(next) == QLatin1Char(':');
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < n && text.at(i + 1).isDigit())) {
            qsizetype end = i + 1;
            while (end < n && isNumberChar(text.at(end)))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace sluice::ui
