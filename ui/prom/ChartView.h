#pragma once

#include "core/TimelineEvent.h"
#include "prom/Dashboard.h"

#include <QChartView>
#include <QList>

namespace Sitrep::Ui {

// A time-series chart that also draws what Qt Charts has no series for: threshold lines and bands with their
// labels, incident events as vertical markers (text on hover), a crosshair with every series' value at that
// time (shared across panels through hoverTimeChanged/setCrosshair), and a drag selection that asks for a
// zoom.
class ChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit ChartView(QChart *chart, QWidget *parent = nullptr);

    void setThresholds(const QList<Sitrep::Prom::Threshold> &t, const QList<Sitrep::Prom::Band> &b);
    // Grafana's thresholds drawn on a time series: coloured areas between steps and/or lines at each step.
    struct StepArea
    {
        double from = 0;
        double to = 0;
        QString color;
    };
    struct StepLine
    {
        double value = 0;
        QString color;
    };
    void setThresholdSteps(const QList<StepArea> &areas, const QList<StepLine> &lines, bool dashed);
    // What the crosshair reads: each series' own values (not stacked), with its unit.
    struct HoverSeries
    {
        QString name;
        QString unit;
        int decimals = -1;
        QList<QPointF> points;
        bool visible = true;
    };
    void setHoverSeries(const QList<HoverSeries> &series);
    void setAnnotations(const QList<Sitrep::Core::TimelineEvent> &events);
    // Values are drawn multiplied by scale (e.g. 100 for ratios shown in %); labels show the real value.
    void setUnit(const QString &unit, int decimals, double scale = 1);
    // Crosshair at this time (ms since the epoch); 0 hides it.
    void setCrosshair(qint64 ms);
    int annotationCount() const { return int(m_events.size()); }

signals:
    void hoverTimeChanged(qint64 ms);
    void zoomRequested(qint64 startMs, qint64 endMs);
    void zoomResetRequested();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *e) override;
    void leaveEvent(QEvent *e) override;

private:
    double timeAt(double x) const;
    double xOf(double ms) const;
    const Sitrep::Core::TimelineEvent *eventNear(double x) const;

    QList<Sitrep::Prom::Threshold> m_thresholds;
    QList<Sitrep::Prom::Band> m_bands;
    QList<StepArea> m_stepAreas;
    QList<StepLine> m_stepLines;
    bool m_stepDashed = false;
    QList<HoverSeries> m_hover;
    QList<Sitrep::Core::TimelineEvent> m_events;
    QString m_unit;
    int m_decimals = -1;
    double m_scale = 1;
    qint64 m_crosshairMs = 0;
    double m_dragFrom = -1;
    double m_dragTo = -1;
};

} // namespace Sitrep::Ui
