#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

class QPainter;

namespace Sitrep::Ui::PanelPainting {

// Grafana colour text as a QColor (palette names, rgba(), hex); `fallback` when empty or unknown.
QColor color(const QString &grafanaColor, const QColor &fallback = QColor(0x73, 0xbf, 0x69));
// The largest font (up to maxPointSize) at which text fits the rectangle.
QFont fitFont(const QFont &base, const QString &text, const QRectF &rect, double maxPointSize,
              bool bold = true);
// A sparkline: the series as a filled area along the bottom of the rectangle.
void sparkline(QPainter &p, const QRectF &rect, const QList<QPointF> &points, const QColor &color);
// Text readable on a background colour.
QColor textOn(const QColor &background);

} // namespace Sitrep::Ui::PanelPainting
