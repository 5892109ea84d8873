#pragma once

// Shared by the tests under tests/core/paths: read a JSON fixture from tests/fixtures/paths/.

#include "Json.h"

#include <QFile>
#include <QString>
#include <QTest>

namespace sluice::test {

inline Json loadFixture(const char *name)
{
    QFile file(QStringLiteral(SLUICE_FIXTURES "/paths/") + QString::fromUtf8(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", name);
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.cbegin(), bytes.cend());
}

inline QByteArray dump(const Json &value)
{
    return QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace sluice::test

Q_DECLARE_METATYPE(sluice::Json)
