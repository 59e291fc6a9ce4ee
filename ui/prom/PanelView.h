#pragma once

#include "core/TimelineEvent.h"
#include "prom/Dashboard.h"

#include <QList>
#include <QPointF>
#include <QWidget>

class QChart;
class QDateTimeAxis;
class QLabel;
class QTableWidget;
class QToolButton;
class QValueAxis;

namespace Sitrep::Ui {

class ChartView;

// One series as a panel draws it: already downsampled to the panel's width, NaN/Inf left out.
struct PanelSeries
{
    QString name;
    QList<QPointF> points; // x: ms since the epoch, y: value
    double last = 0;       // the last finite value (stat, table)
    bool hasLast = false;
};

// One dashboard panel: a time series chart (lines or stacked areas), a stat (big value coloured by
// thresholds, sparkline, SLO words) or a table of last values; its title bar has "Snapshot to timeline"; a
// failing query shows its sentence in the panel instead of stale lines.
class PanelView final : public QWidget
{
    Q_OBJECT
public:
    explicit PanelView(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    const Sitrep::Prom::Panel &panel() const { return m_panel; }
    void setData(const QList<PanelSeries> &series, qint64 startMs, qint64 endMs);
    void setError(const QString &sentence); // empty clears
    void setWarnings(const QStringList &warnings);
    void setAnnotations(const QList<Sitrep::Core::TimelineEvent> &events);
    void setCrosshair(qint64 ms);
    // Shows what another view of the same panel shows now (a wall mirror joining late).
    void showSameAs(const PanelView &other);
    // Without the title bar (title and Snapshot): for a wall tile that has its own title.
    void setHeaderVisible(bool visible);
    // Width in pixels the data is drawn into (the step and downsampling follow it).
    int plotWidth() const;
    QByteArray snapshotPng();

    QString errorText() const;
    QString statText() const;
    QString sloText() const;
    int seriesCount() const { return int(m_series.size()); }
    int visibleSeriesCount() const;
    ChartView *chartView() const { return m_view; }
    QChart *chart() const { return m_chart; }
    // Hides or shows series i (what a click on its legend entry does).
    void toggleSeries(int i);

signals:
    void snapshotRequested();
    void hoverTimeChanged(qint64 ms);
    void zoomRequested(qint64 startMs, qint64 endMs);
    void zoomResetRequested();

private:
    void buildTimeSeries();
    void buildStat();
    void buildTable();
    void fillTimeSeries(qint64 startMs, qint64 endMs);
    void fillStat();
    void fillTable();
    QColor colorFor(int i) const;
    QColor thresholdColor(double v) const;

    Sitrep::Prom::Panel m_panel;
    QList<PanelSeries> m_series;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    QList<bool> m_hidden;
    QLabel *m_title = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_warning = nullptr;
    QToolButton *m_snapshot = nullptr;
    QChart *m_chart = nullptr;
    ChartView *m_view = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_slo = nullptr;
    QTableWidget *m_table = nullptr;
    double m_scale = 1; // chart values = data * m_scale (ms for seconds, % for ratios)
};

} // namespace Sitrep::Ui
