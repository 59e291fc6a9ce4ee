#include "SeverityPalette.h"

namespace Sitrep::Ui {

QColor SeverityPalette::severityColor(int rank)
{
    switch (rank) {
    case 0:
        return QColor(0xc6, 0x28, 0x28); // red
    case 1:
        return QColor(0xef, 0x6c, 0x00); // orange
    case 2:
        return QColor(0xf9, 0xa8, 0x25); // amber
    case 3:
        return QColor(0x15, 0x65, 0xc0); // blue
    default:
        return QColor(0x54, 0x6e, 0x7a); // grey
    }
}

QColor SeverityPalette::textOn(const QColor &background)
{
    return background.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor SeverityPalette::statusColor(const QString &statusName)
{
    if (statusName == QLatin1String("investigating"))
        return QColor(0xc6, 0x28, 0x28);
    if (statusName == QLatin1String("identified"))
        return QColor(0xef, 0x6c, 0x00);
    if (statusName == QLatin1String("monitoring"))
        return QColor(0x15, 0x65, 0xc0);
    return QColor(0x2e, 0x7d, 0x32); // resolved
}

} // namespace Sitrep::Ui
