#include "PanelPainting.h"

#include "prom/GrafanaColors.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Sitrep::Ui::PanelPainting {

QColor color(const QString &grafanaColor, const QColor &fallback)
{
    if (grafanaColor.isEmpty())
        return fallback;
    const QColor c(Prom::GrafanaColors::resolve(grafanaColor));
    return c.isValid() ? c : fallback;
}

QFont fitFont(const QFont &base, const QString &text, const QRectF &rect, double maxPointSize, bool bold)
{
    QFont f = base;
    f.setBold(bold);
    double size = std::max(6.0, maxPointSize);
    while (size > 6) {
        f.setPointSizeF(size);
        const QFontMetricsF fm(f);
        if (fm.horizontalAdvance(text) <= rect.width() && fm.height() <= rect.height())
            break;
        size *= 0.9;
    }
    f.setPointSizeF(std::max(6.0, size));
    return f;
}

void sparkline(QPainter &p, const QRectF &rect, const QList<QPointF> &points, const QColor &color)
{
    if (points.size() < 2 || rect.height() < 4)
        return;
    double x0 = points.first().x();
    double x1 = points.first().x();
    double y0 = points.first().y();
    double y1 = points.first().y();
    for (const QPointF &pt : points) {
        x0 = std::min(x0, pt.x());
        x1 = std::max(x1, pt.x());
        y0 = std::min(y0, pt.y());
        y1 = std::max(y1, pt.y());
    }
    if (x1 <= x0)
        return;
    if (y1 <= y0)
        y1 = y0 + 1;
    const auto map = [&](const QPointF &pt) {
        return QPointF(rect.left() + (pt.x() - x0) / (x1 - x0) * rect.width(),
                       rect.bottom() - (pt.y() - y0) / (y1 - y0) * rect.height());
    };
    QPainterPath line;
    line.moveTo(map(points.first()));
    for (qsizetype i = 1; i < points.size(); ++i)
        line.lineTo(map(points[i]));
    QPainterPath area = line;
    area.lineTo(rect.right(), rect.bottom());
    area.lineTo(rect.left(), rect.bottom());
    area.closeSubpath();
    QColor fill = color;
    fill.setAlphaF(0.25);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillPath(area, fill);
    p.setPen(QPen(color, 1.5));
    p.drawPath(line);
    p.restore();
}

QColor textOn(const QColor &background)
{
    return background.lightness() > 150 ? Qt::black : Qt::white;
}

} // namespace Sitrep::Ui::PanelPainting
