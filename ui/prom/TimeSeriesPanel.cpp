#include "TimeSeriesPanel.h"

#include "AxisTicks.h"
#include "ChartView.h"
#include "LegendModel.h"
#include "prom/GrafanaColors.h"

#include <QAreaSeries>
#include <QBoxLayout>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QLegend>
#include <QLineSeries>
#include <QLinearGradient>
#include <QListView>
#include <QScatterSeries>
#include <QSplineSeries>
#include <QTableView>

#include <algorithm>
#include <cmath>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

namespace {

struct Shape
{
    QList<QPointF> upper;
    QList<QPointF> lower; // empty: down to zero
    bool stacked = false;
};

QList<QPointF> rawPoints(const DrawSeries &s, double sign)
{
    if (!s.points.isEmpty() && sign > 0)
        return s.points;
    QList<QPointF> out;
    if (!s.points.isEmpty()) {
        out = s.points;
        for (QPointF &p : out)
            p.setY(-p.y());
        return out;
    }
    const qsizetype n = std::min(s.times.size(), s.values.size());
    out.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        if (std::isfinite(s.values[i]))
            out << QPointF(s.times[i], sign * s.values[i]);
    }
    return out;
}

QList<QPointF> stepped(const QList<QPointF> &pts, bool after)
{
    QList<QPointF> out;
    for (qsizetype i = 0; i < pts.size(); ++i) {
        if (i > 0)
            out << (after ? QPointF(pts[i].x(), pts[i - 1].y()) : QPointF(pts[i - 1].x(), pts[i].y()));
        out << pts[i];
    }
    return out;
}

double medianStep(const QList<QPointF> &pts)
{
    QList<double> steps;
    for (qsizetype i = 1; i < pts.size() && steps.size() < 200; ++i)
        steps << pts[i].x() - pts[i - 1].x();
    if (steps.isEmpty())
        return 60000;
    std::sort(steps.begin(), steps.end());
    return std::max(1.0, steps[steps.size() / 2]);
}

// Bars as one area: a rectangle per point from its base to its value.
Shape barShape(const Shape &s, double width)
{
    Shape out;
    for (qsizetype i = 0; i < s.upper.size(); ++i) {
        const double x = s.upper[i].x();
        const double top = s.upper[i].y();
        const double base = s.lower.isEmpty() ? 0.0 : s.lower.value(i).y();
        out.upper << QPointF(x - width / 2, base) << QPointF(x - width / 2, top)
                  << QPointF(x + width / 2, top) << QPointF(x + width / 2, base);
        out.lower << QPointF(x - width / 2, base) << QPointF(x - width / 2, base)
                  << QPointF(x + width / 2, base) << QPointF(x + width / 2, base);
    }
    return out;
}

// What a chart series draws, to see whether the next fill can keep it: points, area (with a lower edge or
// down to zero), spline or line.
// A filled series' line is its own series on top of the area (kind 5): Qt Charts strokes an area's pen
// around the whole outline, lower edge and ends too, and a 2 px pen that way cost 3.5 times the fill.
int kindOf(const QAbstractSeries *series)
{
    if (qobject_cast<const QScatterSeries *>(series))
        return 0;
    if (const auto *area = qobject_cast<const QAreaSeries *>(series))
        return area->lowerSeries() ? 2 : 1;
    if (series->property("sitrepOutline").toBool())
        return 5;
    return qobject_cast<const QSplineSeries *>(series) ? 3 : 4;
}

void clearPoints(QAbstractSeries *series)
{
    if (auto *xy = qobject_cast<QXYSeries *>(series)) {
        xy->clear();
    } else if (auto *area = qobject_cast<QAreaSeries *>(series)) {
        area->upperSeries()->clear();
        if (area->lowerSeries())
            area->lowerSeries()->clear();
    }
}

QColor colorOf(const QString &c)
{
    QColor q(GrafanaColors::resolve(c));
    return q.isValid() ? q : QColor(0x7e, 0xb2, 0x6d);
}

} // namespace

TimeSeriesPanel::TimeSeriesPanel(const Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
{
    m_chart = new QChart;
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->hide();
    m_x = new QDateTimeAxis;
    m_y = new QCategoryAxis;
    m_y->setTruncateLabels(false);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new ChartView(m_chart, this);
    m_view->setThresholds(panel.thresholds, panel.bands);
    m_legend = new LegendModel(this);

    const QJsonObject legend = panel.options.value(QStringLiteral("legend")).toObject();
    const bool show = legend.value(QStringLiteral("showLegend")).toBool(true) &&
                      legend.value(QStringLiteral("displayMode")).toString() != QLatin1String("hidden");
    const bool table = legend.value(QStringLiteral("displayMode")).toString() == QLatin1String("table") ||
                       !legend.value(QStringLiteral("calcs")).toArray().isEmpty();
    const bool right = legend.value(QStringLiteral("placement")).toString() == QLatin1String("right");
    if (table) {
        auto *view = new QTableView(this);
        view->horizontalHeader()->setStretchLastSection(false);
        view->verticalHeader()->hide();
        view->setShowGrid(false);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setSelectionMode(QAbstractItemView::NoSelection);
        view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 2);
        m_legendView = view;
    } else {
        auto *view = new QListView(this);
        view->setFlow(right ? QListView::TopToBottom : QListView::LeftToRight);
        view->setWrapping(!right);
        view->setResizeMode(QListView::Adjust);
        view->setSpacing(1);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setSelectionMode(QAbstractItemView::NoSelection);
        m_legendView = view;
    }
    m_legendView->setObjectName(QStringLiteral("legend"));
    m_legendView->setModel(m_legend);
    m_legendView->setFrameShape(QFrame::NoFrame);
    m_legendView->setFocusPolicy(Qt::NoFocus);
    m_legendView->setVisible(show);
    connect(m_legendView, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { toggleSeries(index.row()); });

    QBoxLayout *layout = right ? static_cast<QBoxLayout *>(new QHBoxLayout(this)) : new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legendView);
    m_legendRight = right;
    m_legendShown = show;
    m_legendWidth = right ? legend.value(QStringLiteral("width")).toInt(0) : 0;
}

void TimeSeriesPanel::fitLegend()
{
    // The legend takes what its rows need, never more than a third of the panel: the plot stays readable.
    m_legendView->setVisible(m_legendShown && !m_series.isEmpty());
    if (m_series.isEmpty())
        return;
    if (m_legendRight) {
        fitLegendWidth();
        return;
    }
    int needed = 0;
    if (auto *table = qobject_cast<QTableView *>(m_legendView)) {
        int rows = 0;
        for (int i = 0; i < m_legend->rowCount(); ++i)
            rows += table->isRowHidden(i) ? 0 : 1;
        needed =
            table->horizontalHeader()->height() + rows * table->verticalHeader()->defaultSectionSize() + 4;
    } else if (auto *list = qobject_cast<QListView *>(m_legendView)) {
        // Items flow left to right and wrap: estimate the lines from their widths.
        int line = 0;
        int lines = 1;
        const int w = std::max(100, width() - 8);
        for (int i = 0; i < m_legend->rowCount(); ++i) {
            if (list->isRowHidden(i))
                continue;
            // As the list's delegate measures it (the wall's shortens long names).
            const int item = list->sizeHintForIndex(m_legend->index(i, 0)).width() + 2 * list->spacing();
            if (line + item > w && line > 0) {
                ++lines;
                line = 0;
            }
            line += item;
        }
        needed = lines * (fontMetrics().height() + 6) + 4;
    }
    m_legendView->setFixedHeight(std::max(fontMetrics().height() + 6, std::min(needed, height() / 3)));
    m_legendView->doItemsLayout();
    m_legendView->scrollToTop();
}

void TimeSeriesPanel::fitLegendWidth()
{
    // On the right, as Grafana sizes it: the author's width, else what the names (and the table's
    // calculations) need, never more than two fifths of the panel.
    int needed = m_legendWidth;
    if (needed <= 0) {
        if (auto *table = qobject_cast<QTableView *>(m_legendView)) {
            for (int c = 0; c < m_legend->columnCount(); ++c)
                needed += std::max(static_cast<QAbstractItemView *>(table)->sizeHintForColumn(c),
                                   table->horizontalHeader()->sectionSizeHint(c));
        } else {
            for (int i = 0; i < m_legend->rowCount(); ++i)
                needed =
                    std::max(needed, fontMetrics().horizontalAdvance(
                                         m_legend->data(m_legend->index(i, 0), Qt::DisplayRole).toString()) +
                                         28);
        }
        needed += 8;
    }
    m_legendView->setFixedWidth(std::clamp(needed, 120, std::max(120, width() * 2 / 5)));
}

void TimeSeriesPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitLegend();
}

void TimeSeriesPanel::setDark(bool dark)
{
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->legend()->hide();
    rebuild();
}

int TimeSeriesPanel::plotWidth() const
{
    if (m_chart->plotArea().width() > 10)
        return int(m_chart->plotArea().width());
    return std::max(200, width() - 60);
}

int TimeSeriesPanel::visibleSeriesCount() const
{
    int n = 0;
    for (int i = 0; i < m_series.size(); ++i)
        n += m_hidden.value(i) || m_series[i].config.hideFromViz.value_or(false) ? 0 : 1;
    return n;
}

void TimeSeriesPanel::toggleSeries(int i)
{
    if (i < 0 || i >= m_series.size())
        return;
    while (m_hidden.size() <= i)
        m_hidden << false;
    m_hidden[i] = !m_hidden[i];
    m_legend->setHidden(i, m_hidden[i]);
    // Stacks and the axis change with what is shown.
    rebuild();
}

void TimeSeriesPanel::setSeries(const QList<DrawSeries> &series, qint64 startMs, qint64 endMs)
{
    // Hidden series stay hidden across refreshes when they keep their name.
    QList<bool> hidden(series.size(), false);
    for (int i = 0; i < series.size(); ++i) {
        for (int j = 0; j < m_series.size(); ++j) {
            if (m_series[j].name == series[i].name && j < m_hidden.size())
                hidden[i] = m_hidden[j];
        }
    }
    m_series = series;
    m_hidden = hidden;
    m_startMs = startMs;
    m_endMs = endMs;
    QStringList calcs;
    for (const QJsonValue &c :
         m_panel.options.value(QStringLiteral("legend")).toObject().value(QStringLiteral("calcs")).toArray())
        calcs << c.toString();
    QList<DrawSeries> inLegend;
    for (const DrawSeries &s : m_series)
        inLegend << s;
    m_legend->setSeries(inLegend, calcs);
    for (int i = 0; i < m_hidden.size(); ++i)
        m_legend->setHidden(i, m_hidden[i]);
    if (auto *list = qobject_cast<QListView *>(m_legendView)) {
        for (int i = 0; i < m_series.size(); ++i)
            list->setRowHidden(i, m_series[i].config.hideFromLegend.value_or(false));
    } else if (auto *table = qobject_cast<QTableView *>(m_legendView)) {
        for (int i = 0; i < m_series.size(); ++i)
            table->setRowHidden(i, m_series[i].config.hideFromLegend.value_or(false));
        table->resizeColumnsToContents();
        if (m_legend->columnCount() > 0)
            table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    }
    fitLegend();
    rebuild();
}

void TimeSeriesPanel::rebuild()
{
    // The last fill's series stay, emptied, where this fill draws the same kind on the same axis in the same
    // place: removing and adding series (legend markers, graphics items, axes) was a third of a refresh.
    const QList<QAbstractSeries *> old = m_chart->series();
    for (QAbstractSeries *series : old)
        clearPoints(series);
    bool keeping = true;
    qsizetype at = 0; // the next chart series a fill may keep
    const auto dropFrom = [&](qsizetype first) {
        for (qsizetype k = first; k < old.size(); ++k) {
            m_chart->removeSeries(old[k]);
            delete old[k];
        }
    };
    if (old.isEmpty()) {
        // A fresh time axis for a chart without series: Qt Charts 6.4 leaves the labels of a QDateTimeAxis
        // empty when the axis was first laid out without series (seen offscreen and on screen).
        m_chart->removeAxis(m_x);
        delete m_x;
        m_x = new QDateTimeAxis;
        m_x->setTruncateLabels(false);
        m_chart->addAxis(m_x, Qt::AlignBottom);
    }
    m_x->setTickCount(std::clamp(width() / 70, 3, 6));

    // Stacks: each group sums its visible series at each time; "percent" divides by the group's total.
    QHash<QString, QHash<qint64, double>> totals;
    for (int i = 0; i < m_series.size(); ++i) {
        const DrawSeries &s = m_series[i];
        if (s.config.stacking.value_or(StackingMode::None) != StackingMode::Percent || m_hidden.value(i) ||
            s.config.hideFromViz.value_or(false))
            continue;
        QHash<qint64, double> &t = totals[s.config.stackGroup.value_or(QStringLiteral("A"))];
        for (qsizetype k = 0; k < std::min(s.times.size(), s.values.size()); ++k) {
            if (std::isfinite(s.values[k]))
                t[qint64(s.times[k])] += std::abs(s.values[k]);
        }
    }
    QHash<QString, QHash<qint64, double>> running;
    bool percent = false;
    double lo[2] = {qInf(), qInf()};
    double hi[2] = {-qInf(), -qInf()};
    QString unit[2] = {m_panel.unit, QString()};
    int decimals[2] = {m_panel.decimals, -1};
    bool haveRight = false;
    QList<ChartView::HoverSeries> hover;
    // Series join the chart empty, on their final axes, and get their points once at the end: Qt Charts
    // works out a line's geometry (and strokes its outline) on every domain change of a series with points,
    // which made adding a series and attaching each axis cost a full pass over its points each.
    QList<std::pair<QXYSeries *, QList<QPointF>>> fills;
    for (const DrawSeries &s : std::as_const(m_series))
        haveRight = haveRight || s.config.axisRight.value_or(false);
    if (haveRight && !m_y2) {
        m_y2 = new QCategoryAxis;
        m_y2->setTruncateLabels(false);
        m_chart->addAxis(m_y2, Qt::AlignRight);
    } else if (!haveRight && m_y2) {
        m_chart->removeAxis(m_y2);
        delete m_y2;
        m_y2 = nullptr;
    }
    bool rightUnitTaken = false;
    for (int i = 0; i < m_series.size(); ++i) {
        const DrawSeries &s = m_series[i];
        const FieldConfig &c = s.config;
        const bool visible = !m_hidden.value(i) && !c.hideFromViz.value_or(false);
        const int axis = c.axisRight.value_or(false) ? 1 : 0;
        if (axis == 1 && !rightUnitTaken) {
            rightUnitTaken = true;
            unit[1] = c.unit.value_or(QString());
            decimals[1] = c.decimals.value_or(-1);
        } else if (axis == 0 && i == 0 && c.unit && unit[0].isEmpty()) {
            unit[0] = *c.unit;
        }
        const double sign = c.negativeY.value_or(false) ? -1.0 : 1.0;
        const StackingMode stacking =
            c.stacking.value_or(m_panel.stacked ? StackingMode::Normal : StackingMode::None);
        Shape shape;
        if (stacking != StackingMode::None && visible) {
            percent = percent || stacking == StackingMode::Percent;
            const QString group = c.stackGroup.value_or(QStringLiteral("A"));
            QHash<qint64, double> &cum = running[group];
            const QHash<qint64, double> &total = totals.value(group);
            for (qsizetype k = 0; k < std::min(s.times.size(), s.values.size()); ++k) {
                const qint64 t = qint64(s.times[k]);
                double v = std::isfinite(s.values[k]) ? s.values[k] : 0.0;
                if (stacking == StackingMode::Percent) {
                    const double sum = total.value(t);
                    v = sum > 0 ? std::abs(v) / sum : 0.0;
                }
                const double base = cum.value(t);
                const double top = base + sign * v;
                cum[t] = top;
                shape.lower << QPointF(s.times[k], base);
                shape.upper << QPointF(s.times[k], top);
            }
            shape.stacked = true;
        } else {
            shape.upper = rawPoints(s, sign);
        }
        const LineInterpolation interpolation = c.lineInterpolation.value_or(LineInterpolation::Linear);
        if (interpolation == LineInterpolation::StepAfter || interpolation == LineInterpolation::StepBefore) {
            const bool after = interpolation == LineInterpolation::StepAfter;
            shape.upper = stepped(shape.upper, after);
            if (!shape.lower.isEmpty())
                shape.lower = stepped(shape.lower, after);
        }
        const DrawStyle style = c.drawStyle.value_or(DrawStyle::Line);
        if (style == DrawStyle::Bars)
            shape = barShape(shape, medianStep(shape.upper) * 0.6);
        if (visible) {
            for (const QPointF &p : std::as_const(shape.upper)) {
                lo[axis] = std::min(lo[axis], p.y());
                hi[axis] = std::max(hi[axis], p.y());
            }
            for (const QPointF &p : std::as_const(shape.lower)) {
                lo[axis] = std::min(lo[axis], p.y());
                hi[axis] = std::max(hi[axis], p.y());
            }
        }
        hover << ChartView::HoverSeries{s.name, c.unit.value_or(m_panel.unit),
                                        c.decimals.value_or(m_panel.decimals), rawPoints(s, sign), visible};

        const QColor color = colorOf(s.color);
        const double lineWidth = c.lineWidth.value_or(m_panel.grafanaType.isEmpty() ? 1.6 : 1.0);
        QPen pen(color, std::max(0.0, lineWidth));
        if (lineWidth <= 0)
            pen = Qt::NoPen;
        if (c.dashed.value_or(false))
            pen.setStyle(Qt::DashLine);
        const double fill =
            c.fillOpacity.value_or(shape.stacked && m_panel.grafanaType.isEmpty() ? 60 : 0) / 100.0;
        const bool filled = style == DrawStyle::Bars || fill > 0 || shape.stacked;
        const int kind = style == DrawStyle::Points ? 0
                         : filled                   ? (shape.lower.isEmpty() ? 1 : 2)
                         : interpolation == LineInterpolation::Smooth && shape.upper.size() < 2000 ? 3
                                                                                                   : 4;
        QAbstractAxis *yAxis = axis == 1 && m_y2 ? static_cast<QAbstractAxis *>(m_y2) : m_y;
        // The chart series at `at` is kept when it draws the same kind on the same axes; from the first one
        // that does not, the rest go and new ones are added.
        const auto reuse = [&](int wanted) -> QAbstractSeries * {
            if (keeping && at < old.size() && kindOf(old[at]) == wanted &&
                old[at]->attachedAxes().contains(yAxis) && old[at]->attachedAxes().contains(m_x))
                return old[at++];
            if (std::exchange(keeping, false))
                dropFrom(at);
            return nullptr;
        };
        const auto place = [&](QAbstractSeries *series, bool kept, const QString &name) {
            series->setName(name);
            if (!kept) {
                m_chart->addSeries(series);
                series->attachAxis(m_x);
                series->attachAxis(yAxis);
            }
            series->setVisible(visible);
        };
        if (kind == 0) {
            QAbstractSeries *kept = reuse(kind);
            auto *points = kept ? static_cast<QScatterSeries *>(kept) : new QScatterSeries;
            fills.append({points, shape.upper});
            points->setMarkerSize(c.pointSize.value_or(5) + 2);
            points->setColor(color);
            points->setBorderColor(color);
            place(points, kept, s.name);
        } else if (kind <= 2) {
            QAbstractSeries *kept = reuse(kind);
            QAreaSeries *area = static_cast<QAreaSeries *>(kept);
            if (!area) {
                auto *upper = new QLineSeries;
                auto *lower = kind == 2 ? new QLineSeries : nullptr;
                area = new QAreaSeries(upper, lower);
                upper->setParent(area);
                if (lower)
                    lower->setParent(area);
            }
            fills.append({area->upperSeries(), shape.upper});
            if (area->lowerSeries())
                fills.append({area->lowerSeries(), shape.lower});
            const double alpha = style == DrawStyle::Bars ? std::max(fill, 0.8) : fill;
            QColor f = color;
            f.setAlphaF(alpha);
            const GradientMode gradient = c.gradientMode.value_or(GradientMode::None);
            if (gradient != GradientMode::None && style != DrawStyle::Bars) {
                // Opacity, hue and scheme gradients: the fill fades towards the axis.
                QLinearGradient g(QPointF(0, 0), QPointF(0, 1));
                g.setCoordinateMode(QGradient::ObjectMode);
                QColor top = color;
                top.setAlphaF(std::min(1.0, alpha * 1.6));
                QColor bottom = color;
                bottom.setAlphaF(0.02);
                g.setColorAt(0, top);
                g.setColorAt(1, bottom);
                area->setBrush(g);
            } else {
                area->setBrush(f);
            }
            // Bars keep their thin outline; a line over a fill is drawn along the top only, as Grafana does.
            const bool outlined = style != DrawStyle::Bars && pen.style() != Qt::NoPen;
            area->setPen(style == DrawStyle::Bars ? QPen(color, 0.5) : QPen(Qt::NoPen));
            place(area, kept, s.name);
            if (outlined) {
                QAbstractSeries *keptLine = reuse(5);
                auto *line = keptLine ? static_cast<QLineSeries *>(keptLine) : new QLineSeries;
                line->setProperty("sitrepOutline", true);
                fills.append({line, shape.upper});
                line->setPen(pen);
                // Unnamed: the hover box names the area, not its outline too.
                place(line, keptLine, QString());
            }
        } else if (kind == 3) {
            QAbstractSeries *kept = reuse(kind);
            auto *line = kept ? static_cast<QSplineSeries *>(kept) : new QSplineSeries;
            fills.append({line, shape.upper});
            line->setPen(pen);
            place(line, kept, s.name);
        } else {
            QAbstractSeries *kept = reuse(kind);
            auto *line = kept ? static_cast<QLineSeries *>(kept) : new QLineSeries;
            fills.append({line, shape.upper});
            line->setPen(pen);
            place(line, kept, s.name);
        }
    }
    if (keeping)
        dropFrom(at);
    m_view->setHoverSeries(hover);

    // Thresholds drawn as Grafana draws them (on the left axis), and own-format threshold lines.
    const Thresholds *steps = m_panel.field.thresholds ? &*m_panel.field.thresholds : nullptr;
    const ThresholdsStyle tstyle = m_panel.field.thresholdsStyle.value_or(ThresholdsStyle::Off);
    const int ticks = std::clamp(height() / 45, 3, 6);
    for (int axis = 0; axis < 2; ++axis) {
        if (axis == 1 && !m_y2)
            break;
        double a = lo[axis];
        double b = hi[axis];
        if (!std::isfinite(a)) {
            a = 0;
            b = 1;
        }
        if (axis == 0 && percent) {
            // Stacked to 100%: the axis is exactly 0..100 %.
            unit[0] = QStringLiteral("percentunit");
            AxisTicks::apply(m_y, 0, 1, ticks, unit[0], -1);
            m_view->setThresholdSteps({}, {}, false);
            continue;
        }
        // Thresholds near the data stay in view; far away ones would flatten the lines.
        if (axis == 0) {
            for (const Threshold &t : m_panel.thresholds) {
                if (t.value <= std::max(b * 2, 0.0) && t.value >= a)
                    b = std::max(b, t.value);
            }
        }
        a = std::min(a, 0.0);
        b = std::max(b, 0.0);
        const bool hasMin = axis == 0 && m_panel.min.has_value() && !percent;
        const bool hasMax = axis == 0 && m_panel.max.has_value() && !percent;
        const double minValue = hasMin ? m_panel.min.value_or(0) : 0;
        const double maxValue = hasMax ? m_panel.max.value_or(0) : 0;
        if (hasMin)
            a = minValue;
        if (hasMax)
            b = maxValue;
        if (b <= a)
            b = a + 1;
        auto range = AxisTicks::niceRange(a, b + (hasMax ? 0 : (b - a) * 0.02), ticks);
        if (hasMin)
            range.first = minValue;
        if (hasMax)
            range.second = maxValue;
        AxisTicks::apply(axis == 0 ? m_y : m_y2, range.first, range.second, ticks, unit[axis],
                         decimals[axis]);
        if (axis == 0) {
            QList<ChartView::StepArea> areas;
            QList<ChartView::StepLine> lines;
            if (steps && tstyle != ThresholdsStyle::Off) {
                for (int k = 0; k < steps->steps.size(); ++k) {
                    const ThresholdStep &st = steps->steps[k];
                    const double from =
                        st.value ? steps->absolute(*st.value, range.first, range.second) : range.first;
                    const double to =
                        k + 1 < steps->steps.size() && steps->steps[k + 1].value
                            ? steps->absolute(*steps->steps[k + 1].value, range.first, range.second)
                            : range.second;
                    const QString color = GrafanaColors::resolve(st.color);
                    if (tstyle == ThresholdsStyle::Area || tstyle == ThresholdsStyle::LineAndArea ||
                        tstyle == ThresholdsStyle::DashedAndArea)
                        areas << ChartView::StepArea{from, to, color};
                    if (st.value && tstyle != ThresholdsStyle::Area)
                        lines << ChartView::StepLine{from, color};
                }
            }
            m_view->setThresholdSteps(
                areas, lines, tstyle == ThresholdsStyle::Dashed || tstyle == ThresholdsStyle::DashedAndArea);
        }
    }
    m_view->setUnit(unit[0], decimals[0], 1);
    // An empty chart says so, like Grafana: no lines is not the same as lines at zero.
    m_chart->setTitle(m_series.isEmpty() ? QStringLiteral("No data") : QString());
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(m_startMs), QDateTime::fromMSecsSinceEpoch(m_endMs));
    const qint64 span = m_endMs - m_startMs;
    m_x->setFormat(span > 2 * 86400000 ? QStringLiteral("dd.MM HH:mm")
                   : span > 600000     ? QStringLiteral("HH:mm")
                                       : QStringLiteral("HH:mm:ss"));
    // Axes final: now each series works out its geometry once.
    for (auto &[xy, points] : fills)
        xy->replace(points);
    m_view->viewport()->update();
}

} // namespace Sitrep::Ui
