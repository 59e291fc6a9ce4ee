#include "ChartView.h"

#include "prom/UnitFormat.h"

#include <QAbstractSeries>
#include <QAreaSeries>
#include <QDateTime>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>

#include <optional>

namespace Sitrep::Ui {

using Sitrep::Core::EventKind;
using Sitrep::Core::TimelineEvent;

namespace {

QColor markerColor(EventKind k)
{
    switch (k) {
    case EventKind::Declared:
    case EventKind::StatusChange:
    case EventKind::SeverityChange:
    case EventKind::Milestone:
        return QColor(0x8e, 0x24, 0xaa);
    case EventKind::Alert:
        return QColor(0xe5, 0x39, 0x35);
    case EventKind::Action:
    case EventKind::CommandRun:
        return QColor(0x1e, 0x88, 0xe5);
    case EventKind::KubeEvent:
        return QColor(0xfb, 0x8c, 0x00);
    default:
        return QColor(0x75, 0x75, 0x75);
    }
}

} // namespace

ChartView::ChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setRubberBand(QChartView::NoRubberBand);
}

void ChartView::setThresholds(const QList<Prom::Threshold> &t, const QList<Prom::Band> &b)
{
    m_thresholds = t;
    m_bands = b;
    viewport()->update();
}

void ChartView::setThresholdSteps(const QList<StepArea> &areas, const QList<StepLine> &lines, bool dashed)
{
    m_stepAreas = areas;
    m_stepLines = lines;
    m_stepDashed = dashed;
    viewport()->update();
}

void ChartView::setHoverSeries(const QList<HoverSeries> &series)
{
    m_hover = series;
}

void ChartView::setAnnotations(const QList<TimelineEvent> &events)
{
    m_events = events;
    viewport()->update();
}

void ChartView::setUnit(const QString &unit, int decimals, double scale)
{
    m_unit = unit;
    m_decimals = decimals;
    m_scale = scale > 0 ? scale : 1;
}

void ChartView::setCrosshair(qint64 ms)
{
    if (ms == m_crosshairMs)
        return;
    m_crosshairMs = ms;
    viewport()->update();
}

double ChartView::timeAt(double x) const
{
    return chart()->mapToValue(QPointF(x, chart()->plotArea().center().y())).x();
}

double ChartView::xOf(double ms) const
{
    return chart()->mapToPosition(QPointF(ms, 0)).x();
}

const TimelineEvent *ChartView::eventNear(double x) const
{
    const QRectF plot = chart()->plotArea();
    const TimelineEvent *best = nullptr;
    double bestDist = 5;
    for (const TimelineEvent &e : m_events) {
        const double ex = xOf(double(e.tsMs));
        if (ex < plot.left() || ex > plot.right())
            continue;
        const double d = std::abs(ex - x);
        if (d <= bestDist) {
            bestDist = d;
            best = &e;
        }
    }
    return best;
}

void ChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = chart()->plotArea();
    if (plot.isEmpty() || chart()->series().isEmpty())
        return;
    painter->save();
    painter->setClipRect(plot.adjusted(-1, -1, 1, 1));
    const auto yOf = [this](double v) { return chart()->mapToPosition(QPointF(0, v * m_scale)).y(); };
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);

    for (const StepArea &a : m_stepAreas) {
        QColor c(a.color);
        c.setAlphaF(c.alphaF() * 0.15);
        const double y1 = yOf(a.to);
        const double y2 = yOf(a.from);
        painter->fillRect(
            QRectF(plot.left(), std::min(y1, y2), plot.width(), std::abs(y2 - y1)).intersected(plot), c);
    }
    for (const StepLine &l : m_stepLines) {
        const double y = yOf(l.value);
        if (y < plot.top() - 0.5 || y > plot.bottom() + 0.5)
            continue;
        QPen pen{QColor(l.color)};
        pen.setWidthF(1.2);
        if (m_stepDashed)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    for (const Prom::Band &b : m_bands) {
        QColor c(b.color);
        c.setAlpha(40);
        const double y1 = yOf(b.to);
        const double y2 = yOf(b.from);
        const QRectF r(plot.left(), std::min(y1, y2), plot.width(), std::abs(y2 - y1));
        painter->fillRect(r.intersected(plot), c);
        if (!b.label.isEmpty() && r.intersects(plot)) {
            QColor t(b.color);
            painter->setPen(t.darker(130));
            painter->drawText(
                QPointF(plot.left() + 4, std::max(plot.top(), r.top()) + painter->fontMetrics().ascent() + 1),
                b.label);
        }
    }
    QList<double> labelled; // y of labels already drawn on the right, so close ones move left
    for (const Prom::Threshold &t : m_thresholds) {
        const double y = yOf(t.value);
        if (y < plot.top() - 0.5 || y > plot.bottom() + 0.5)
            continue; // beyond the axis: the stat colours and the legend still carry it
        QPen pen{QColor(t.color)};
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        painter->setPen(pen);
        painter->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        const QString label =
            t.label.isEmpty() ? Prom::UnitFormat::format(t.value, m_unit, m_decimals) : t.label;
        const QFontMetrics fm = painter->fontMetrics();
        bool crowded = false;
        for (double other : labelled)
            crowded = crowded || std::abs(other - y) < fm.height();
        if (crowded) {
            painter->drawText(QPointF(plot.left() + 4, y - 3), label);
        } else {
            painter->drawText(QPointF(plot.right() - fm.horizontalAdvance(label) - 4, y - 3), label);
            labelled << y;
        }
    }
    // Incident events: a thin line per event with a small flag at the top.
    for (const TimelineEvent &e : m_events) {
        const double x = xOf(double(e.tsMs));
        if (x < plot.left() || x > plot.right())
            continue;
        const QColor c = markerColor(e.kind);
        QPen pen(c);
        pen.setWidthF(1.2);
        pen.setStyle(Qt::DotLine);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        QPolygonF flag;
        flag << QPointF(x, plot.top()) << QPointF(x + 7, plot.top() + 4) << QPointF(x, plot.top() + 8);
        painter->setBrush(c);
        painter->setPen(Qt::NoPen);
        painter->drawPolygon(flag);
    }
    if (m_dragFrom >= 0 && m_dragTo >= 0) {
        const QRectF sel(std::min(m_dragFrom, m_dragTo), plot.top(), std::abs(m_dragTo - m_dragFrom),
                         plot.height());
        painter->fillRect(sel, QColor(30, 136, 229, 50));
    }
    if (m_crosshairMs > 0) {
        const double x = xOf(double(m_crosshairMs));
        if (x >= plot.left() && x <= plot.right()) {
            painter->setPen(QPen(palette().color(QPalette::WindowText), 1));
            painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            // Value of every visible line series at the nearest point in time.
            QStringList lines{
                QDateTime::fromMSecsSinceEpoch(m_crosshairMs).toString(QStringLiteral("HH:mm:ss"))};
            const auto valueAt = [this](const QList<QPointF> &pts) -> std::optional<double> {
                if (pts.isEmpty())
                    return std::nullopt;
                auto it = std::lower_bound(pts.cbegin(), pts.cend(), double(m_crosshairMs),
                                           [](const QPointF &p, double t) { return p.x() < t; });
                if (it == pts.cend())
                    --it;
                return it->y();
            };
            if (!m_hover.isEmpty()) {
                for (const HoverSeries &h : std::as_const(m_hover)) {
                    if (!h.visible)
                        continue;
                    if (const auto v = valueAt(h.points))
                        lines << QStringLiteral("%1: %2").arg(
                            h.name, Prom::UnitFormat::format(*v, h.unit, h.decimals));
                    if (lines.size() > 8)
                        break;
                }
            }
            for (QAbstractSeries *s : chart()->series()) {
                if (!m_hover.isEmpty())
                    break;
                auto *line = qobject_cast<QLineSeries *>(s);
                if (auto *area = qobject_cast<QAreaSeries *>(s))
                    line = area->upperSeries();
                if (!line || !s->isVisible() || line->count() == 0 || s->name().isEmpty())
                    continue;
                if (const auto v = valueAt(line->points()))
                    lines << QStringLiteral("%1: %2").arg(
                        s->name(), Prom::UnitFormat::format(*v / m_scale, m_unit, m_decimals));
                if (lines.size() > 8)
                    break;
            }
            const QFontMetrics fm = painter->fontMetrics();
            int w = 0;
            for (const QString &l : lines)
                w = std::max(w, fm.horizontalAdvance(l));
            QRectF box(x + 8, plot.top() + 12, w + 10, fm.height() * lines.size() + 6);
            if (box.right() > plot.right())
                box.moveRight(x - 8);
            painter->setPen(Qt::NoPen);
            QColor bg = palette().color(QPalette::ToolTipBase);
            bg.setAlpha(220);
            painter->setBrush(bg);
            painter->drawRoundedRect(box, 3, 3);
            painter->setPen(palette().color(QPalette::ToolTipText));
            for (int i = 0; i < lines.size(); ++i)
                painter->drawText(QPointF(box.left() + 5, box.top() + 3 + fm.ascent() + i * fm.height()),
                                  lines[i]);
        }
    }
    painter->restore();
}

void ChartView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton && chart()->plotArea().contains(e->position())) {
        m_dragFrom = e->position().x();
        m_dragTo = -1;
    }
    QChartView::mousePressEvent(e);
}

void ChartView::mouseMoveEvent(QMouseEvent *e)
{
    const QRectF plot = chart()->plotArea();
    const double x = std::clamp(e->position().x(), plot.left(), plot.right());
    if (m_dragFrom >= 0 && (e->buttons() & Qt::LeftButton))
        m_dragTo = x;
    if (plot.contains(e->position())) {
        const qint64 t = qint64(timeAt(x));
        m_crosshairMs = t;
        emit hoverTimeChanged(t);
        if (const TimelineEvent *ev = eventNear(e->position().x()))
            QToolTip::showText(e->globalPosition().toPoint(),
                               QStringLiteral("%1  %2\n%3")
                                   .arg(ev->time().toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                                        Sitrep::Core::eventKindTitle(ev->kind), ev->summary),
                               this);
        else
            QToolTip::hideText();
    }
    viewport()->update();
    QChartView::mouseMoveEvent(e);
}

void ChartView::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton && m_dragFrom >= 0 && m_dragTo >= 0 &&
        std::abs(m_dragTo - m_dragFrom) > 6) {
        const double a = timeAt(std::min(m_dragFrom, m_dragTo));
        const double b = timeAt(std::max(m_dragFrom, m_dragTo));
        emit zoomRequested(qint64(a), qint64(b));
    }
    m_dragFrom = -1;
    m_dragTo = -1;
    viewport()->update();
    QChartView::mouseReleaseEvent(e);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *e)
{
    emit zoomResetRequested();
    QChartView::mouseDoubleClickEvent(e);
}

void ChartView::leaveEvent(QEvent *e)
{
    m_crosshairMs = 0;
    emit hoverTimeChanged(0);
    viewport()->update();
    QChartView::leaveEvent(e);
}

} // namespace Sitrep::Ui
