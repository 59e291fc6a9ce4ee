#include "GaugePanel.h"

#include "PanelPainting.h"
#include "prom/DisplayProcessor.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

namespace {

constexpr double kStart = 225; // degrees, Qt's counter-clockwise from 3 o'clock
constexpr double kSpan = 270;

} // namespace

GaugePanel::GaugePanel(const Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
{
    setObjectName(panel.type == PanelType::Gauge ? QStringLiteral("gauge") : QStringLiteral("barGauge"));
    setMinimumHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void GaugePanel::setValues(const QList<ReducedValue> &values)
{
    m_values = values;
    setAccessibleName(text());
    update();
}

QString GaugePanel::text() const
{
    if (m_values.isEmpty())
        return m_panel.field.noValue.value_or(QStringLiteral("No data"));
    return m_values.first().display.text();
}

QColor GaugePanel::colorAt(const ReducedValue &v, double value) const
{
    FieldConfig c = v.config;
    if (!c.color)
        c.color = ColorSpec{QStringLiteral("thresholds"), QString()};
    return PanelPainting::color(DisplayProcessor::seriesColor(c, 0, value, v.min, v.max));
}

void GaugePanel::paintGauge(QPainter &p, const QRectF &r, const ReducedValue &v, bool showName)
{
    QRectF area = r.adjusted(4, 4, -4, -4);
    QRectF nameRect;
    if (showName) {
        nameRect = QRectF(area.left(), area.bottom() - fontMetrics().height() - 2, area.width(),
                          fontMetrics().height() + 2);
        area.setBottom(nameRect.top());
    }
    const double side = std::min(area.width(), area.height() * 1.15);
    if (side < 20)
        return;
    const QRectF box(area.center().x() - side / 2, area.top() + (area.height() - side / 1.15) / 2, side,
                     side);
    const double thick = side * 0.12;
    const bool markers = m_panel.options.value(QStringLiteral("showThresholdMarkers")).toBool(true);
    const double ring = markers ? thick * 0.35 : 0;
    const QRectF outer = box.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2);
    const QRectF arc = outer.adjusted(ring + thick / 2 + 2, ring + thick / 2 + 2, -ring - thick / 2 - 2,
                                      -ring - thick / 2 - 2);
    const auto angleOf = [&](double value) {
        const double f = v.max > v.min ? std::clamp((value - v.min) / (v.max - v.min), 0.0, 1.0) : 0.0;
        return kStart - f * kSpan;
    };
    // Threshold bands: the outer ring, each step from its value to the next.
    if (markers && v.config.thresholds) {
        const Thresholds &t = *v.config.thresholds;
        for (int k = 0; k < t.steps.size(); ++k) {
            const double from = t.steps[k].value ? t.absolute(*t.steps[k].value, v.min, v.max) : v.min;
            const double to = k + 1 < t.steps.size() && t.steps[k + 1].value
                                  ? t.absolute(*t.steps[k + 1].value, v.min, v.max)
                                  : v.max;
            if (to <= from)
                continue;
            p.setPen(QPen(PanelPainting::color(t.steps[k].color), ring, Qt::SolidLine, Qt::FlatCap));
            const double a0 = angleOf(from);
            const double a1 = angleOf(to);
            p.drawArc(outer, int(a0 * 16), int((a1 - a0) * 16));
        }
    }
    // The track, then the value's arc.
    QColor track = palette().color(QPalette::Mid);
    track.setAlphaF(0.35);
    p.setPen(QPen(track, thick, Qt::SolidLine, Qt::FlatCap));
    p.drawArc(arc, int(kStart * 16), int(-kSpan * 16));
    if (!v.display.missing && std::isfinite(v.display.numeric)) {
        const QColor c = PanelPainting::color(v.display.color, colorAt(v, v.display.numeric));
        p.setPen(QPen(c, thick, Qt::SolidLine, Qt::FlatCap));
        const double a = angleOf(v.display.numeric);
        p.drawArc(arc, int(kStart * 16), int((a - kStart) * 16));
    }
    // The value in the middle, in the value's colour.
    const QString text = v.display.text();
    const QRectF textRect = arc.adjusted(thick, thick * 1.2, -thick, -thick * 0.6);
    p.setPen(v.display.missing
                 ? palette().color(QPalette::PlaceholderText)
                 : PanelPainting::color(v.display.color, palette().color(QPalette::WindowText)));
    p.setFont(PanelPainting::fitFont(font(), text, textRect, textRect.height() * 0.45));
    p.drawText(textRect, Qt::AlignCenter, text);
    if (showName) {
        p.setPen(palette().color(QPalette::WindowText));
        p.setFont(PanelPainting::fitFont(font(), v.title, nameRect, font().pointSizeF(), false));
        p.drawText(nameRect, Qt::AlignCenter, v.title);
    }
}

void GaugePanel::paintBar(QPainter &p, const QRectF &r, const ReducedValue &v, bool vertical)
{
    const QString mode =
        m_panel.options.value(QStringLiteral("displayMode")).toString(QStringLiteral("gradient"));
    const bool unfilled = m_panel.options.value(QStringLiteral("showUnfilled")).toBool(true);
    const QString text = v.display.text();
    const QColor valueColor = PanelPainting::color(v.display.color, colorAt(v, v.display.numeric));
    QFont nameFont = font();
    QRectF area = r.adjusted(2, 1, -2, -1);
    // The name above (horizontal) or below (vertical) the bar, the value at its end.
    QRectF nameRect;
    const double nameH = fontMetrics().height() + 2;
    if (!v.title.isEmpty() && area.height() > nameH * 1.8) {
        nameRect = vertical ? QRectF(area.left(), area.bottom() - nameH, area.width(), nameH)
                            : QRectF(area.left(), area.top(), area.width(), nameH);
        if (vertical)
            area.setBottom(nameRect.top());
        else
            area.setTop(nameRect.bottom());
    } else if (!v.title.isEmpty() && !vertical) {
        // Too low for a line of its own: the name to the left of the bar, as Grafana places it.
        const double w = std::min(area.width() * 0.3, fontMetrics().horizontalAdvance(v.title) + 8.0);
        nameRect = QRectF(area.left(), area.top(), w, area.height());
        area.setLeft(nameRect.right());
    }
    const QFont valueFont = PanelPainting::fitFont(font(), text,
                                                   vertical ? QRectF(0, 0, area.width(), area.height() * 0.25)
                                                            : QRectF(0, 0, area.width() * 0.3, area.height()),
                                                   std::min(area.height(), 28.0) * (vertical ? 0.4 : 0.6));
    const QFontMetricsF vfm(valueFont);
    const double valueSpace = vertical ? vfm.height() + 2 : vfm.horizontalAdvance(text) + 8;
    QRectF bar = vertical ? area.adjusted(0, valueSpace, 0, 0) : area.adjusted(0, 0, -valueSpace, 0);
    const double f = v.max > v.min && std::isfinite(v.display.numeric)
                         ? std::clamp((v.display.numeric - v.min) / (v.max - v.min), 0.0, 1.0)
                         : 0.0;
    QColor empty = palette().color(QPalette::Mid);
    empty.setAlphaF(0.18);
    if (mode == QLatin1String("lcd")) {
        // Cells of about 12 pixels, each lit in the colour of the threshold its value reaches.
        const double length = vertical ? bar.height() : bar.width();
        const int cells = std::max(4, int(length / 12));
        const double cell = length / cells;
        for (int i = 0; i < cells; ++i) {
            const double at = v.min + (v.max - v.min) * (i + 0.5) / cells;
            const bool lit = (i + 0.5) / cells <= f;
            QColor c = colorAt(v, at);
            if (!lit)
                c.setAlphaF(0.18);
            const QRectF rc =
                vertical ? QRectF(bar.left(), bar.bottom() - (i + 1) * cell + 1, bar.width(), cell - 2)
                         : QRectF(bar.left() + i * cell + 1, bar.top(), cell - 2, bar.height());
            p.fillRect(rc, c);
        }
    } else {
        if (unfilled)
            p.fillRect(bar, empty);
        const QRectF filled =
            vertical ? QRectF(bar.left(), bar.bottom() - bar.height() * f, bar.width(), bar.height() * f)
                     : QRectF(bar.left(), bar.top(), bar.width() * f, bar.height());
        if (mode == QLatin1String("gradient")) {
            QLinearGradient g(vertical ? bar.bottomLeft() : bar.topLeft(),
                              vertical ? bar.topLeft() : bar.topRight());
            for (int i = 0; i <= 10; ++i)
                g.setColorAt(i / 10.0, colorAt(v, v.min + (v.max - v.min) * i / 10.0));
            p.fillRect(filled, g);
        } else {
            p.fillRect(filled, valueColor);
        }
    }
    p.setPen(valueColor);
    p.setFont(valueFont);
    const QRectF valueRect = vertical ? QRectF(area.left(), area.top(), area.width(), valueSpace)
                                      : QRectF(bar.right() + 4, area.top(), valueSpace - 4, area.height());
    p.drawText(valueRect, vertical ? Qt::AlignCenter : (Qt::AlignLeft | Qt::AlignVCenter), text);
    if (!nameRect.isNull()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.setFont(PanelPainting::fitFont(nameFont, v.title, nameRect, font().pointSizeF(), false));
        p.drawText(nameRect, (vertical ? Qt::AlignHCenter : Qt::AlignLeft) | Qt::AlignVCenter, v.title);
    }
}

void GaugePanel::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF all = rect();
    if (m_values.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.setFont(PanelPainting::fitFont(font(), text(), all, 16));
        p.drawText(all, Qt::AlignCenter, text());
        return;
    }
    const int n = int(m_values.size());
    const QString orientation =
        m_panel.options.value(QStringLiteral("orientation")).toString(QStringLiteral("auto"));
    if (m_panel.type == PanelType::BarGauge) {
        // Horizontal bars stack downwards; vertical ones stand side by side.
        const bool vertical = orientation == QLatin1String("vertical") ||
                              (orientation == QLatin1String("auto") && width() > height() * 1.5 && n > 1);
        for (int i = 0; i < n; ++i) {
            const QRectF r =
                vertical
                    ? QRectF(all.left() + all.width() * i / n, all.top(), all.width() / n, all.height())
                    : QRectF(all.left(), all.top() + all.height() * i / n, all.width(), all.height() / n);
            paintBar(p, r.adjusted(2, 2, -2, -2), m_values[i], vertical);
        }
        return;
    }
    const bool horizontal = orientation == QLatin1String("horizontal") ? false
                            : orientation == QLatin1String("vertical") ? true
                                                                       : width() >= height();
    for (int i = 0; i < n; ++i) {
        const QRectF r =
            horizontal ? QRectF(all.left() + all.width() * i / n, all.top(), all.width() / n, all.height())
                       : QRectF(all.left(), all.top() + all.height() * i / n, all.width(), all.height() / n);
        paintGauge(p, r, m_values[i], n > 1);
    }
}

} // namespace Sitrep::Ui
