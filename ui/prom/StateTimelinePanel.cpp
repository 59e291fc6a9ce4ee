#include "StateTimelinePanel.h"

#include "PanelPainting.h"

#include <QDateTime>
#include <QPainter>

#include <algorithm>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

StateTimelinePanel::StateTimelinePanel(const Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
{
    setObjectName(QStringLiteral("stateTimeline"));
    setMinimumHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void StateTimelinePanel::setRows(const QList<StateRow> &rows, qint64 startMs, qint64 endMs)
{
    m_rows = rows;
    m_startMs = startMs;
    m_endMs = endMs;
    update();
}

void StateTimelinePanel::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF all = rect().adjusted(2, 2, -2, -2);
    if (m_rows.isEmpty() || m_endMs <= m_startMs) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(all, Qt::AlignCenter, QStringLiteral("No data"));
        return;
    }
    const QFontMetrics fm = fontMetrics();
    int nameWidth = 0;
    for (const StateRow &r : m_rows)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(r.name));
    nameWidth = std::min(nameWidth + 8, int(all.width() / 3));
    const double axisH = fm.height() + 2;
    const QRectF plot(all.left() + nameWidth, all.top(), all.width() - nameWidth, all.height() - axisH);
    const double rowH = plot.height() / m_rows.size();
    const double span = double(m_endMs - m_startMs);
    const auto xOf = [&](qint64 t) { return plot.left() + (double(t - m_startMs) / span) * plot.width(); };
    const bool showValues =
        m_panel.options.value(QStringLiteral("showValue")).toString(QStringLiteral("auto")) !=
        QLatin1String("never");
    for (int i = 0; i < m_rows.size(); ++i) {
        const StateRow &row = m_rows[i];
        const QRectF band(plot.left(), plot.top() + i * rowH + rowH * 0.1, plot.width(), rowH * 0.8);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(all.left(), band.top(), nameWidth - 6, band.height()),
                   Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(row.name, Qt::ElideRight, nameWidth - 6));
        for (const StateSegment &s : row.segments) {
            const double x0 = std::max(plot.left(), xOf(s.startMs));
            const double x1 = std::min(plot.right(), xOf(s.endMs));
            if (x1 <= x0)
                continue;
            QColor c = PanelPainting::color(s.color);
            const double fill = m_panel.field.fillOpacity.value_or(70) / 100.0;
            c.setAlphaF(std::max(0.2, fill));
            const QRectF r(x0, band.top(), x1 - x0, band.height());
            p.fillRect(r, c);
            if (showValues && fm.horizontalAdvance(s.text) + 6 < r.width()) {
                p.setPen(PanelPainting::textOn(c));
                p.drawText(r, Qt::AlignCenter, s.text);
            }
        }
    }
    // Time labels along the bottom.
    p.setPen(palette().color(QPalette::WindowText));
    const int labels = std::clamp(int(plot.width() / 90), 2, 8);
    for (int k = 0; k <= labels; ++k) {
        const qint64 t = m_startMs + qint64(span * k / labels);
        const QString text = QDateTime::fromMSecsSinceEpoch(t).toString(
            span > 2 * 86400000 ? QStringLiteral("dd.MM HH:mm") : QStringLiteral("HH:mm"));
        const double x = xOf(t);
        const double w = fm.horizontalAdvance(text);
        p.drawText(QPointF(std::clamp(x - w / 2, plot.left(), plot.right() - w), all.bottom() - 2), text);
    }
}

} // namespace Sitrep::Ui
