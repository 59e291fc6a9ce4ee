#pragma once

#include <QColor>
#include <QString>

namespace Sitrep::Ui::ClusterStyle {

// Black or white, whichever reads better on bg (the environment banner's rule).
inline QColor textOn(const QColor &bg)
{
    const double luminance = 0.299 * bg.redF() + 0.587 * bg.greenF() + 0.114 * bg.blueF();
    return luminance > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

// A stale cluster's colour: washed towards grey, so its rows look out of date at a glance.
inline QColor faded(const QColor &c)
{
    const int grey = qGray(c.rgb());
    return QColor((c.red() + 2 * grey + 3 * 160) / 6, (c.green() + 2 * grey + 3 * 160) / 6,
                  (c.blue() + 2 * grey + 3 * 160) / 6);
}

// Rows of a cluster that stopped answering.
inline QColor staleRowText()
{
    return QColor(0x9e, 0x9e, 0x9e);
}

// A label or button drawn like the environment banner in the cluster's colour.
inline QString chipStyle(const QColor &bg, bool stale)
{
    const QColor c = stale ? faded(bg) : bg;
    return QStringLiteral("padding:2px 8px;border-radius:3px;background:%1;color:%2;font-weight:bold;")
        .arg(c.name(), textOn(c).name());
}

} // namespace Sitrep::Ui::ClusterStyle
