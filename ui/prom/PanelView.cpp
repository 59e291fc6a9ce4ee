#include "PanelView.h"

#include "ChartView.h"
#include "prom/BurnRate.h"
#include "prom/UnitFormat.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Sitrep::Ui {

using Sitrep::Prom::PanelType;
using Sitrep::Prom::UnitFormat;

namespace {

struct AxisScale
{
    double scale = 1;
    QString suffix;
};

AxisScale axisScale(const QString &unitIn, double maxAbs)
{
    const QString unit = UnitFormat::normalize(unitIn);
    if (unit == QLatin1String("percentunit"))
        return {100, QStringLiteral("%")};
    if (unit == QLatin1String("percent"))
        return {1, QStringLiteral("%")};
    if (unit == QLatin1String("s"))
        return maxAbs < 1 ? AxisScale{1000, QStringLiteral(" ms")} : AxisScale{1, QStringLiteral(" s")};
    if (unit == QLatin1String("ms"))
        return {1, QStringLiteral(" ms")};
    if (unit == QLatin1String("reqps"))
        return {1, QStringLiteral(" req/s")};
    if (unit == QLatin1String("bytes") || unit == QLatin1String("decbytes")) {
        const double base = unit == QLatin1String("bytes") ? 1024 : 1000;
        const QStringList names = unit == QLatin1String("bytes")
                                      ? QStringList{QStringLiteral(" B"), QStringLiteral(" KiB"),
                                                    QStringLiteral(" MiB"), QStringLiteral(" GiB")}
                                      : QStringList{QStringLiteral(" B"), QStringLiteral(" kB"),
                                                    QStringLiteral(" MB"), QStringLiteral(" GB")};
        int i = 0;
        double s = 1;
        while (maxAbs * s >= base && i + 1 < names.size()) {
            s /= base;
            ++i;
        }
        return {s, names[i]};
    }
    if (unit.startsWith(QLatin1String("suffix:")))
        return {1, unit.mid(7)};
    return {};
}

const QList<QColor> &seriesColors()
{
    static const QList<QColor> colors{QColor(0x7e, 0xb2, 0x6d), QColor(0xea, 0xb8, 0x39),
                                      QColor(0x6e, 0xd0, 0xe0), QColor(0xef, 0x84, 0x3c),
                                      QColor(0xe2, 0x4d, 0x42), QColor(0x1f, 0x78, 0xc1),
                                      QColor(0xba, 0x43, 0xa9), QColor(0x70, 0x5d, 0xa0),
                                      QColor(0x50, 0x86, 0x42), QColor(0xcc, 0xa3, 0x00)};
    return colors;
}

} // namespace

PanelView::PanelView(const Prom::Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
{
    setObjectName(QStringLiteral("panel"));
    setAttribute(Qt::WA_StyledBackground);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(panel.title, this);
    QFont tf = m_title->font();
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setToolTip(panel.description);
    header->addWidget(m_title, 1);
    m_warning = new QLabel(this);
    m_warning->setText(QStringLiteral("\u26a0"));
    m_warning->hide();
    header->addWidget(m_warning);
    m_snapshot = new QToolButton(this);
    m_snapshot->setText(QStringLiteral("Snapshot"));
    m_snapshot->setToolTip(
        QStringLiteral("Snapshot to timeline: this panel as a picture, with its PromQL and time range"));
    m_snapshot->setAutoRaise(true);
    connect(m_snapshot, &QToolButton::clicked, this, &PanelView::snapshotRequested);
    header->addWidget(m_snapshot);
    layout->addLayout(header);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("panelError"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    layout->addWidget(m_error);

    switch (panel.type) {
    case PanelType::TimeSeries:
        buildTimeSeries();
        break;
    case PanelType::Stat:
        buildStat();
        break;
    case PanelType::Table:
        buildTable();
        break;
    }
    setMinimumHeight(std::max(120, panel.grid.h * 28));
}

void PanelView::buildTimeSeries()
{
    m_chart = new QChart;
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setShowToolTips(true);
    m_x = new QDateTimeAxis;
    m_x->setFormat(QStringLiteral("HH:mm"));
    m_x->setTickCount(6);
    m_y = new QValueAxis;
    m_y->setTickCount(5);
    // Qt Charts elides labels laid out while the panel is still tiny and keeps the "…"; values are short.
    m_y->setTruncateLabels(false);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new ChartView(m_chart, this);
    m_view->setThresholds(m_panel.thresholds, m_panel.bands);
    connect(m_view, &ChartView::hoverTimeChanged, this, &PanelView::hoverTimeChanged);
    connect(m_view, &ChartView::zoomRequested, this, &PanelView::zoomRequested);
    connect(m_view, &ChartView::zoomResetRequested, this, &PanelView::zoomResetRequested);
    layout()->addWidget(m_view);
}

void PanelView::buildStat()
{
    m_value = new QLabel(QStringLiteral("–"), this);
    m_value->setObjectName(QStringLiteral("statValue"));
    m_value->setAlignment(Qt::AlignCenter);
    QFont f = m_value->font();
    f.setPointSizeF(f.pointSizeF() * 2.6);
    f.setBold(true);
    m_value->setFont(f);
    m_value->setAutoFillBackground(true);
    layout()->addWidget(m_value);
    // The sparkline: the same series without axes or legend.
    m_chart = new QChart;
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundVisible(false);
    m_x = new QDateTimeAxis;
    m_y = new QValueAxis;
    m_x->setVisible(false);
    m_y->setVisible(false);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new ChartView(m_chart, this);
    m_view->setMaximumHeight(70);
    m_view->setMinimumHeight(40);
    layout()->addWidget(m_view);
    m_slo = new QLabel(this);
    m_slo->setAlignment(Qt::AlignCenter);
    m_slo->setWordWrap(true);
    m_slo->setVisible(m_panel.slo.has_value());
    layout()->addWidget(m_slo);
}

void PanelView::buildTable()
{
    m_table = new QTableWidget(0, 2, this);
    m_table->setHorizontalHeaderLabels({QStringLiteral("Series"), QStringLiteral("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    layout()->addWidget(m_table);
}

QColor PanelView::colorFor(int i) const
{
    return seriesColors().at(i % seriesColors().size());
}

QColor PanelView::thresholdColor(double v) const
{
    // Thresholds are steps: the highest one at or below the value gives the colour.
    QColor c(0x43, 0xa0, 0x47);
    double best = -qInf();
    for (const auto &t : m_panel.thresholds) {
        if (v >= t.value && t.value >= best) {
            best = t.value;
            c = QColor(t.color);
        }
    }
    return c;
}

int PanelView::plotWidth() const
{
    if (m_chart && m_chart->plotArea().width() > 10)
        return int(m_chart->plotArea().width());
    return std::max(200, width() - 60);
}

void PanelView::setError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
}

void PanelView::setWarnings(const QStringList &warnings)
{
    m_warning->setVisible(!warnings.isEmpty());
    m_warning->setToolTip(QStringLiteral("Prometheus warned:\n") + warnings.join(QLatin1Char('\n')));
}

QString PanelView::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

QString PanelView::statText() const
{
    return m_value ? m_value->text() : QString();
}

QString PanelView::sloText() const
{
    return m_slo ? m_slo->text() : QString();
}

void PanelView::setAnnotations(const QList<Core::TimelineEvent> &events)
{
    if (m_view && m_panel.type == PanelType::TimeSeries)
        m_view->setAnnotations(events);
}

void PanelView::showSameAs(const PanelView &other)
{
    if (!other.m_series.isEmpty())
        setData(other.m_series, other.m_startMs, other.m_endMs);
    setError(other.errorText());
}

void PanelView::setHeaderVisible(bool visible)
{
    m_title->setVisible(visible);
    m_snapshot->setVisible(visible);
}

void PanelView::setCrosshair(qint64 ms)
{
    if (m_view && m_panel.type == PanelType::TimeSeries)
        m_view->setCrosshair(ms);
}

int PanelView::visibleSeriesCount() const
{
    int n = 0;
    for (bool h : m_hidden)
        n += h ? 0 : 1;
    return n;
}

void PanelView::setData(const QList<PanelSeries> &series, qint64 startMs, qint64 endMs)
{
    // Keep hidden series hidden across refreshes when the set of names is unchanged.
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
    switch (m_panel.type) {
    case PanelType::TimeSeries:
        fillTimeSeries(startMs, endMs);
        break;
    case PanelType::Stat:
        fillStat();
        if (m_chart) {
            m_x->setRange(QDateTime::fromMSecsSinceEpoch(startMs), QDateTime::fromMSecsSinceEpoch(endMs));
        }
        break;
    case PanelType::Table:
        fillTable();
        break;
    }
}

void PanelView::fillTimeSeries(qint64 startMs, qint64 endMs)
{
    m_chart->removeAllSeries();
    // A fresh time axis per fill: Qt Charts 6.4 leaves the labels of a QDateTimeAxis empty when the axis was
    // first laid out without series (seen offscreen and on screen).
    m_chart->removeAxis(m_x);
    delete m_x;
    m_x = new QDateTimeAxis;
    // As many time labels as fit: about one per 70 pixels, 3 to 6.
    m_x->setTickCount(std::clamp(width() / 70, 3, 6));
    m_x->setTruncateLabels(false);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    double lo = qInf();
    double hi = -qInf();
    double maxAbs = 0;
    for (const PanelSeries &s : m_series) {
        for (const QPointF &p : s.points)
            maxAbs = std::max(maxAbs, std::abs(p.y()));
    }
    const AxisScale scale = axisScale(m_panel.unit, maxAbs);
    m_scale = scale.scale;
    m_view->setUnit(m_panel.unit, m_panel.decimals, m_scale);

    QLineSeries *previousUpper = nullptr;
    QList<QPointF> stackBase;
    for (int i = 0; i < m_series.size(); ++i) {
        const PanelSeries &s = m_series[i];
        QList<QPointF> pts = s.points;
        for (QPointF &p : pts)
            p.setY(p.y() * m_scale);
        QAbstractSeries *added = nullptr;
        if (m_panel.stacked) {
            // Stack on the previous series' upper line, matched by time (same step grid).
            QList<QPointF> upper = pts;
            if (!stackBase.isEmpty()) {
                qsizetype j = 0;
                for (QPointF &p : upper) {
                    while (j + 1 < stackBase.size() && stackBase[j + 1].x() <= p.x())
                        ++j;
                    if (j < stackBase.size() && std::abs(stackBase[j].x() - p.x()) < 1)
                        p.setY(p.y() + stackBase[j].y());
                }
            }
            auto *up = new QLineSeries;
            up->replace(upper);
            QLineSeries *low = nullptr;
            if (previousUpper) {
                low = new QLineSeries;
                low->replace(stackBase);
            }
            auto *area = new QAreaSeries(up, low);
            up->setParent(area);
            if (low)
                low->setParent(area);
            QColor c = colorFor(i);
            QColor fill = c;
            fill.setAlpha(150);
            area->setBrush(fill);
            area->setPen(QPen(c, 1));
            added = area;
            stackBase = upper;
            previousUpper = up;
            for (const QPointF &p : upper) {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
        } else {
            auto *line = new QLineSeries;
            line->replace(pts);
            line->setPen(QPen(colorFor(i), 1.6));
            added = line;
            for (const QPointF &p : pts) {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
        }
        added->setName(s.name);
        m_chart->addSeries(added);
        added->attachAxis(m_x);
        added->attachAxis(m_y);
        added->setVisible(!m_hidden.value(i));
    }
    // Legend entries toggle their series; hidden ones are greyed, never removed.
    const auto markers = m_chart->legend()->markers();
    for (int i = 0; i < markers.size(); ++i) {
        QLegendMarker *m = markers[i];
        m->setVisible(true);
        if (m_hidden.value(i)) {
            QColor c = m->labelBrush().color();
            c.setAlphaF(0.35);
            m->setLabelBrush(c);
        }
        connect(m, &QLegendMarker::clicked, this, [this, i] { toggleSeries(i); });
    }
    m_chart->legend()->setVisible(!m_series.isEmpty() && m_series.size() <= 30);
    // An empty chart says so, like Grafana: no lines is not the same as lines at zero.
    m_chart->setTitle(m_series.isEmpty() ? QStringLiteral("No data") : QString());

    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    // Thresholds near the data stay in view; far away ones would flatten the lines.
    for (const auto &t : m_panel.thresholds) {
        const double v = t.value * m_scale;
        if (v <= std::max(hi * 2, 0.0) && v >= lo)
            hi = std::max(hi, v);
    }
    if (m_panel.min)
        lo = *m_panel.min * m_scale;
    else
        lo = std::min(lo, 0.0);
    if (m_panel.max)
        hi = *m_panel.max * m_scale;
    else
        hi = hi + (hi - lo) * 0.08;
    if (hi <= lo)
        hi = lo + 1;
    m_y->setRange(lo, hi);
    m_y->applyNiceNumbers();
    if (m_panel.min)
        m_y->setMin(*m_panel.min * m_scale);
    m_y->setLabelFormat(QStringLiteral("%.4g") +
                        QString(scale.suffix).replace(QLatin1Char('%'), QStringLiteral("%%")));
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(startMs), QDateTime::fromMSecsSinceEpoch(endMs));
    const qint64 span = endMs - startMs;
    m_x->setFormat(span > 2 * 86400000 ? QStringLiteral("dd.MM HH:mm")
                   : span > 600000     ? QStringLiteral("HH:mm")
                                       : QStringLiteral("HH:mm:ss"));
}

void PanelView::toggleSeries(int i)
{
    if (i < 0 || i >= m_series.size() || !m_chart)
        return;
    while (m_hidden.size() <= i)
        m_hidden << false;
    m_hidden[i] = !m_hidden[i];
    const auto series = m_chart->series();
    if (i < series.size())
        series[i]->setVisible(!m_hidden[i]);
    const auto markers = m_chart->legend()->markers();
    if (i < markers.size()) {
        markers[i]->setVisible(true);
        QColor c = m_title->palette().color(QPalette::WindowText);
        if (m_hidden[i])
            c.setAlphaF(0.35);
        markers[i]->setLabelBrush(c);
    }
    m_view->viewport()->update();
}

void PanelView::fillStat()
{
    const PanelSeries *s = nullptr;
    for (const PanelSeries &x : m_series) {
        if (x.hasLast) {
            s = &x;
            break;
        }
    }
    m_chart->removeAllSeries();
    if (!s) {
        m_value->setText(QStringLiteral("No data"));
        m_value->setPalette(QPalette());
        if (m_slo)
            m_slo->setText(QString());
        return;
    }
    m_value->setText(UnitFormat::format(s->last, m_panel.unit, m_panel.decimals));
    const QColor c = thresholdColor(s->last);
    QPalette pal = m_value->palette();
    pal.setColor(QPalette::Window, c);
    pal.setColor(QPalette::WindowText, c.lightness() > 150 ? Qt::black : Qt::white);
    m_value->setPalette(pal);
    if (m_panel.slo) {
        const Prom::BurnRate burn(QString(), m_panel.slo->objective, m_panel.slo->periodMs);
        const QString words = burn.exhaustionInWords(s->last);
        m_slo->setText(words.left(1).toUpper() + words.mid(1));
    }
    auto *line = new QLineSeries;
    line->replace(s->points);
    line->setPen(QPen(c.darker(120), 1.5));
    m_chart->addSeries(line);
    line->attachAxis(m_x);
    line->attachAxis(m_y);
    double lo = qInf();
    double hi = -qInf();
    for (const QPointF &p : s->points) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    if (std::isfinite(lo))
        m_y->setRange(lo, hi > lo ? hi : lo + 1);
}

void PanelView::fillTable()
{
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(m_series.size()));
    for (int i = 0; i < m_series.size(); ++i) {
        const PanelSeries &s = m_series[i];
        m_table->setItem(i, 0, new QTableWidgetItem(s.name));
        auto *v = new QTableWidgetItem(s.hasLast ? UnitFormat::format(s.last, m_panel.unit, m_panel.decimals)
                                                 : QStringLiteral("No data"));
        v->setData(Qt::UserRole, s.last);
        v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 1, v);
    }
    m_table->setSortingEnabled(true);
}

QByteArray PanelView::snapshotPng()
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    grab().save(&buffer, "PNG");
    return png;
}

} // namespace Sitrep::Ui
