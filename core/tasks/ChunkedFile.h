#pragma once

#include "Result.h"

#include <QFile>
#include <QString>
#include <QStringConverter>

#include <string>

namespace sluice {

/// Reads a file front to back through one fixed 64 KiB buffer, as UTF-8 bytes: a leading UTF-8
/// byte order mark is skipped, and files in other encodings (Latin-1, UTF-16, UTF-32) are converted
/// to UTF-8 by a QStringDecoder as they are read; bytes that are not valid in the encoding are a read
/// error. The memory used does not depend on the file size. Used by the record readers on the thread
/// that owns them; not thread-safe.
class ChunkedFile
{
public:
    static constexpr qint64 kChunkSize = 64 * 1024;
    static constexpr int kEnd = -1;

    ChunkedFile(QString path, QStringConverter::Encoding encoding);

    Result<void> open();
    const QString &path() const { return m_path; }

    /// The next byte, or kEnd at the end of the file or after a read error (see failed()).
    int get()
    {
        if (m_pos == m_end && !refill())
            return kEnd;
        return static_cast<unsigned char>(m_data[m_pos++]);
    }
    int peek()
    {
        if (m_pos == m_end && !refill())
            return kEnd;
        return static_cast<unsigned char>(m_data[m_pos]);
    }
    /// Appends the bytes up to the next '\n' (not included) to `out`. False at the end of the file
    /// when there was no line left.
    bool readLine(std::string &out);

    bool failed() const { return !m_errorString.isEmpty(); }
    const QString &errorString() const { return m_errorString; }

private:
    bool refill();

    QString m_path;
    QStringConverter::Encoding m_encoding;
    QStringDecoder m_decoder; // for encodings other than UTF-8
    QFile m_file;
    std::string m_data;
    QByteArray m_raw; // bytes before conversion
    QString m_held;   // a high surrogate waiting for its low half
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_atStart = true;
    bool m_eof = false;
    QString m_errorString;
};

} // namespace sluice
