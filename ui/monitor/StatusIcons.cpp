#include "monitor/StatusIcons.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <array>

namespace sluice::ui {

QColor statusColor(ItemStatus status)
{
    switch (status) {
    case ItemStatus::Pending: return QColor(0x80, 0x86, 0x8b);
    case ItemStatus::Running: return QColor(0x1f, 0x6f, 0xd1);
    case ItemStatus::Retrying: return QColor(0xc7, 0x7c, 0x02);
    case ItemStatus::Succeeded: return QColor(0x1e, 0x8e, 0x3e);
    case ItemStatus::Failed: return QColor(0xc5, 0x22, 0x1f);
    case ItemStatus::Replaying: return QColor(0x7b, 0x4a, 0xc2);
    case ItemStatus::Cancelled: return QColor(0x5f, 0x63, 0x68);
    }
    return Qt::gray;
}

QIcon statusIcon(ItemStatus status)
{
    static std::array<QIcon, kItemStatusCount> cache;
    QIcon &icon = cache[size_t(status)];
    if (!icon.isNull())
        return icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size / 16.0;
        painter.setPen(Qt::NoPen);
        painter.setBrush(statusColor(status));
        painter.drawEllipse(QRectF(1.5 * s, 1.5 * s, 13 * s, 13 * s));
        painter.setPen(QPen(Qt::white, 1.8 * s, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        switch (status) {
        case ItemStatus::Succeeded: {
            QPainterPath tick;
            tick.moveTo(4.8 * s, 8.2 * s);
            tick.lineTo(7 * s, 10.4 * s);
            tick.lineTo(11.2 * s, 5.8 * s);
            painter.drawPath(tick);
            break;
        }
        case ItemStatus::Failed:
            painter.drawLine(QPointF(5.5 * s, 5.5 * s), QPointF(10.5 * s, 10.5 * s));
            painter.drawLine(QPointF(10.5 * s, 5.5 * s), QPointF(5.5 * s, 10.5 * s));
            break;
        case ItemStatus::Retrying:
        case ItemStatus::Replaying:
            painter.drawArc(QRectF(4.8 * s, 4.8 * s, 6.4 * s, 6.4 * s), 90 * 16, 270 * 16);
            break;
        case ItemStatus::Running:
            painter.setBrush(Qt::white);
            painter.setPen(Qt::NoPen);
            painter.drawPolygon(QPolygonF({QPointF(6.3 * s, 5 * s), QPointF(11 * s, 8 * s), QPointF(6.3 * s, 11 * s)}));
            break;
        case ItemStatus::Pending:
        case ItemStatus::Cancelled:
            painter.drawLine(QPointF(5.5 * s, 8 * s), QPointF(10.5 * s, 8 * s));
            break;
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString durationText(qint64 ms)
{
    const QLocale locale;
    if (ms < 1000)
        return QCoreApplication::translate("sluice::ui::Duration", "%1 ms").arg(ms);
    if (ms < 60'000)
        return QCoreApplication::translate("sluice::ui::Duration", "%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    if (ms < 3'600'000)
        return QCoreApplication::translate("sluice::ui::Duration", "%1 min %2 s")
            .arg(ms / 60'000)
            .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("sluice::ui::Duration", "%1 h %2 min")
        .arg(ms / 3'600'000)
        .arg((ms / 60'000) % 60, 2, 10, QLatin1Char('0'));
}

} // namespace sluice::ui
