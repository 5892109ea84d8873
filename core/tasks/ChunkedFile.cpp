#include "ChunkedFile.h"

#include <cstring>

namespace sluice {

ChunkedFile::ChunkedFile(QString path, QStringConverter::Encoding encoding)
    : m_path(std::move(path)), m_encoding(encoding), m_file(m_path)
{
    if (m_encoding != QStringConverter::Utf8)
        m_decoder = QStringDecoder(m_encoding);
}

Result<void> ChunkedFile::open()
{
    // Unbuffered: this class is the buffer, so QFile must not keep a second copy.
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error{
            ErrorCode::IoError, QStringLiteral("cannot open %1: %2").arg(m_path, m_file.errorString()), {}};
    m_data.resize(static_cast<std::size_t>(kChunkSize));
    return {};
}

bool ChunkedFile::refill()
{
    if (m_eof || failed() || !m_file.isOpen())
        return false;
    m_pos = 0;
    m_end = 0;
    if (m_encoding == QStringConverter::Utf8) {
        const qint64 n = m_file.read(m_data.data(), kChunkSize);
        if (n < 0) {
            m_errorString = m_file.errorString();
            return false;
        }
        m_end = static_cast<std::size_t>(n);
        if (m_atStart && m_end >= 3 && std::memcmp(m_data.data(), "\xEF\xBB\xBF", 3) == 0)
            m_pos = 3;
    } else {
        // The decoder keeps a character split between two chunks for the next one.
        m_raw.resize(kChunkSize);
        const qint64 n = m_file.read(m_raw.data(), kChunkSize);
        if (n < 0) {
            m_errorString = m_file.errorString();
            return false;
        }
        QString text = m_held + m_decoder.decode(QByteArrayView(m_raw.constData(), n));
        m_held.clear();
        // A surrogate pair split between two chunks is converted whole, with the next chunk.
        if (n > 0 && !text.isEmpty() && text.back().isHighSurrogate()) {
            m_held = text.back();
            text.chop(1);
        }
        if (m_decoder.hasError()) {
            m_errorString = QStringLiteral("the file is not valid %1")
                                .arg(QLatin1String(QStringConverter::nameForEncoding(m_encoding)));
            return false;
        }
        const QByteArray utf8 = text.toUtf8();
        m_data.assign(utf8.constData(), static_cast<std::size_t>(utf8.size()));
        m_end = m_data.size();
        if (m_end == 0 && n > 0) // only part of a character so far
            return refill();
    }
    m_atStart = false;
    if (m_end == 0) {
        m_eof = true;
        return false;
    }
    if (m_pos == m_end) // a file holding only a byte order mark
        return refill();
    return true;
}

bool ChunkedFile::readLine(std::string &out)
{
    bool readAny = false;
    for (;;) {
        if (m_pos == m_end && !refill())
            return readAny;
        readAny = true;
        const char *begin = m_data.data() + m_pos;
        const auto available = m_end - m_pos;
        const void *newline = std::memchr(begin, '\n', available);
        if (newline) {
            const auto length = static_cast<std::size_t>(static_cast<const char *>(newline) - begin);
            out.append(begin, length);
            m_pos += length + 1;
            return true;
        }
        out.append(begin, available);
        m_pos = m_end;
    }
}

} // namespace sluice
