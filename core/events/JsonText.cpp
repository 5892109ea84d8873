#include "events/JsonText_p.h"

#include "definition/SourceLocator_p.h"

#include <vector>

namespace sluice::events {

Result<Json> parseJsonText(const QByteArray &bytes, const QString &what)
{
    try {
        return Json::parse(bytes.cbegin(), bytes.cend());
    } catch (const Json::parse_error &e) {
        definition::detail::LineCounter counter(std::string_view(bytes.constData(), size_t(bytes.size())));
        const auto at = counter.at(e.byte > 0 ? e.byte - 1 : 0);
        return Error{ErrorCode::NotJson, QStringLiteral("%1 is not valid JSON: %2").arg(what, QString::fromUtf8(e.what())),
                     {QString(), at.line, at.column}};
    } catch (const Json::exception &e) {
        return Error{ErrorCode::NotJson, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(e.what())), {}};
    }
}

Error locate(const QByteArray &bytes, Error error)
{
    std::vector<definition::detail::LocateRequest> requests{{error.where.pointer.toStdString(), 1, {}}};
    definition::detail::SourceLocator::locate(std::string_view(bytes.constData(), size_t(bytes.size())), requests);
    error.where.line = requests[0].result.line;
    error.where.column = requests[0].result.column;
    return error;
}

QString pointerToken(const std::string &key)
{
    return QString::fromStdString(definition::detail::escapePointerToken(key));
}

} // namespace sluice::events
