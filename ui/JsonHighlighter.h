#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace sluice::ui {

/// Colours JSON: object keys, strings, numbers and the literals true/false/null. The colours are derived
/// from a palette so they stay readable on light and dark themes; call setPalette() when it changes.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

    /// Recomputes the formats for `palette` and re-highlights the document.
    void setPalette(const QPalette &palette);

    /// Formats by token, exposed for tests.
    enum class Token { Key, String, Number, Literal };
    QTextCharFormat format(Token token) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace sluice::ui
