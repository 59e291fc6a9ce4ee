#include "StatPanel.h"

#include "PanelPainting.h"
#include "prom/BurnRate.h"

#include <QPainter>

#include <cmath>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

StatPanel::StatPanel(const Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
{
    setObjectName(QStringLiteral("statValue"));
    setMinimumHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QString StatPanel::text() const
{
    if (m_values.isEmpty())
        return m_panel.field.noValue.value_or(QStringLiteral("No data"));
    return m_values.first().display.text();
}

void StatPanel::setValues(const QList<ReducedValue> &values)
{
    m_values = values;
    m_slo.clear();
    if (m_panel.slo && !values.isEmpty() && std::isfinite(values.first().display.numeric)) {
        const BurnRate burn(QString(), m_panel.slo->objective, m_panel.slo->periodMs);
        const QString words = burn.exhaustionInWords(values.first().display.numeric);
        m_slo = words.left(1).toUpper() + words.mid(1);
    }
    setAccessibleName(text());
    update();
}

void StatPanel::paintTile(QPainter &p, const QRectF &r, const ReducedValue &v, bool showName)
{
    const QString colorMode =
        m_panel.options.value(QStringLiteral("colorMode")).toString(QStringLiteral("value"));
    const QString graphMode =
        m_panel.options.value(QStringLiteral("graphMode"))
            .toString(m_panel.grafanaType.isEmpty() ? QStringLiteral("area") : QStringLiteral("area"));
    const QColor base = palette().color(QPalette::WindowText);
    const QColor valueColor = PanelPainting::color(v.display.color, QColor(0x43, 0xa0, 0x47));
    QColor text = base;
    if (colorMode.startsWith(QLatin1String("background"))) {
        QColor bg = valueColor;
        if (colorMode == QLatin1String("background")) {
            QLinearGradient g(r.topLeft(), r.bottomRight());
            g.setColorAt(0, bg.lighter(115));
            g.setColorAt(1, bg);
            p.fillRect(r, g);
        } else {
            p.fillRect(r, bg);
        }
        text = PanelPainting::textOn(bg);
    } else if (colorMode == QLatin1String("value") || m_panel.grafanaType.isEmpty()) {
        text = valueColor;
        if (m_panel.grafanaType.isEmpty()) {
            // Sitrep's own stats keep their coloured block: readable from across the room.
            p.fillRect(r, valueColor);
            text = PanelPainting::textOn(valueColor);
        }
    }
    const QString textMode =
        m_panel.options.value(QStringLiteral("textMode")).toString(QStringLiteral("auto"));
    const bool nameShown = textMode == QLatin1String("name") || textMode == QLatin1String("value_and_name") ||
                           (textMode == QLatin1String("auto") && showName);
    const bool valueShown = textMode != QLatin1String("name") && textMode != QLatin1String("none");
    QRectF area = r.adjusted(4, 2, -4, -2);
    const bool spark = graphMode == QLatin1String("area") && v.sparkline.size() > 1 && area.height() > 50;
    if (spark) {
        QRectF sr(area.left(), area.bottom() - area.height() * 0.35, area.width(), area.height() * 0.35);
        PanelPainting::sparkline(p, sr, v.sparkline,
                                 colorMode.startsWith(QLatin1String("background")) ? text : valueColor);
        area.setBottom(sr.top());
    }
    if (!m_slo.isEmpty() && &v == &m_values.first()) {
        const QRectF sloRect(area.left(), area.bottom() - fontMetrics().height() * 2.2, area.width(),
                             fontMetrics().height() * 2.2);
        p.setPen(text);
        p.setFont(font());
        p.drawText(sloRect, Qt::AlignCenter | Qt::TextWordWrap, m_slo);
        area.setBottom(sloRect.top());
    }
    if (nameShown) {
        const QRectF nameRect(area.left(), area.top(), area.width(),
                              valueShown ? area.height() * 0.3 : area.height());
        p.setPen(text);
        p.setFont(PanelPainting::fitFont(font(), v.title, nameRect, font().pointSizeF() * 1.3, false));
        p.drawText(nameRect, Qt::AlignCenter, v.title);
        area.setTop(nameRect.bottom());
    }
    if (valueShown) {
        const QString t = v.display.text();
        p.setPen(text);
        p.setFont(PanelPainting::fitFont(font(), t, area, std::max(10.0, area.height() * 0.5)));
        p.drawText(area, Qt::AlignCenter, t);
    }
}

void StatPanel::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF all = rect();
    if (m_values.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        const QString t = text();
        p.setFont(PanelPainting::fitFont(font(), t, all.adjusted(4, 4, -4, -4), 18));
        p.drawText(all, Qt::AlignCenter, t);
        return;
    }
    // Tiles side by side when the panel is wider than tall (Grafana's "auto" orientation), else stacked.
    const int n = int(m_values.size());
    const QString orientation =
        m_panel.options.value(QStringLiteral("orientation")).toString(QStringLiteral("auto"));
    const bool horizontal = orientation == QLatin1String("vertical")     ? true
                            : orientation == QLatin1String("horizontal") ? false
                                                                         : width() >= height();
    int cols = horizontal ? n : 1;
    int rows = horizontal ? 1 : n;
    // Many values wrap into a grid of tiles that stay wide enough to read.
    if (horizontal && all.width() / n < 90) {
        cols = std::max(1, int(all.width() / 90));
        rows = (n + cols - 1) / cols;
    } else if (!horizontal && all.height() / n < 28) {
        rows = std::max(1, int(all.height() / 28));
        cols = (n + rows - 1) / rows;
    }
    const double w = all.width() / cols;
    const double h = all.height() / rows;
    for (int i = 0; i < n; ++i) {
        const int c = horizontal ? i % cols : i / rows;
        const int r = horizontal ? i / cols : i % rows;
        paintTile(p, QRectF(all.left() + c * w, all.top() + r * h, w, h).adjusted(1, 1, -1, -1), m_values[i],
                  n > 1);
    }
}

} // namespace Sitrep::Ui
