#include "ChunkedFile.h"

#include <cstring>

namespace sluice {

ChunkedFile::ChunkedFile(QString path, Encoding encoding)
    : m_path(std::move(path)), m_encoding(encoding), m_file(m_path)
{}

Result<void> ChunkedFile::open()
{
    // Unbuffered: this class is the buffer, so QFile must not keep a second copy.
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error{
            ErrorCode::IoError, QStringLiteral("cannot open %1: %2").arg(m_path, m_file.errorString()), {}};
    m_data.resize(static_cast<std::size_t>(m_encoding == Encoding::Latin1 ? 2 * kChunkSize : kChunkSize));
    return {};
}

bool ChunkedFile::refill()
{
    if (m_eof || failed() || !m_file.isOpen())
        return false;
    m_pos = 0;
    m_end = 0;
    if (m_encoding == Encoding::Utf8) {
        const qint64 n = m_file.read(m_data.data(), kChunkSize);
        if (n < 0) {
            m_errorString = m_file.errorString();
            return false;
        }
        m_end = static_cast<std::size_t>(n);
        if (m_atStart && m_end >= 3 && std::memcmp(m_data.data(), "\xEF\xBB\xBF", 3) == 0)
            m_pos = 3;
    } else {
        m_raw.resize(static_cast<std::size_t>(kChunkSize));
        const qint64 n = m_file.read(m_raw.data(), kChunkSize);
        if (n < 0) {
            m_errorString = m_file.errorString();
            return false;
        }
        for (qint64 i = 0; i < n; ++i) {
            const auto byte = static_cast<unsigned char>(m_raw[static_cast<std::size_t>(i)]);
            if (byte < 0x80) {
                m_data[m_end++] = static_cast<char>(byte);
            } else {
                m_data[m_end++] = static_cast<char>(0xC0 | (byte >> 6));
                m_data[m_end++] = static_cast<char>(0x80 | (byte & 0x3F));
            }
        }
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
