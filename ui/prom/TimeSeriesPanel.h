#pragma once

#include "core/TimelineEvent.h"
#include "prom/Dashboard.h"
#include "prom/PanelProcessor.h"

#include <QWidget>

class QAbstractItemView;
class QCategoryAxis;
class QChart;
class QDateTimeAxis;

namespace Sitrep::Ui {

class ChartView;
class LegendModel;

// A Grafana time series panel: lines, bars or points per series; stacking (normal or to 100%) per stack
// group; fill opacity and opacity gradients; thresholds as lines or areas; negative-Y; a right axis for the
// series that ask for it; hidden series; axis labels written in the unit; the legend as a list or a table
// with its calcs (a click hides or shows a series).
class TimeSeriesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TimeSeriesPanel(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    void setSeries(const QList<Sitrep::Prom::DrawSeries> &series, qint64 startMs, qint64 endMs);
    const QList<Sitrep::Prom::DrawSeries> &series() const { return m_series; }
    int seriesCount() const { return int(m_series.size()); }
    int visibleSeriesCount() const;
    void toggleSeries(int i);
    QChart *chart() const { return m_chart; }
    ChartView *view() const { return m_view; }
    int plotWidth() const;
    void setDark(bool dark);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void fitLegend();
    void fitLegendWidth();

    Sitrep::Prom::Panel m_panel;
    QList<Sitrep::Prom::DrawSeries> m_series;
    QList<bool> m_hidden;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    QChart *m_chart = nullptr;
    ChartView *m_view = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QCategoryAxis *m_y = nullptr;
    QCategoryAxis *m_y2 = nullptr;
    LegendModel *m_legend = nullptr;
    QAbstractItemView *m_legendView = nullptr;
    bool m_legendRight = false;
    int m_legendWidth = 0; // the author's width of a legend on the right; 0: as wide as its contents need
    bool m_legendShown = true;
};

} // namespace Sitrep::Ui
