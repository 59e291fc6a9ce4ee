#pragma once

#include "core/TimelineEvent.h"
#include "prom/Dashboard.h"
#include "prom/PanelProcessor.h"
#include "prom/QueryTemplate.h"

#include <QList>
#include <QWidget>

class QChart;
class QLabel;
class QToolButton;

namespace Sitrep::Ui {

class ChartView;
class GaugePanel;
class StatPanel;
class StateTimelinePanel;
class TablePanel;
class TimeSeriesPanel;

// One dashboard panel: its title bar (description as a tooltip, the author's links, Prometheus' warnings,
// "Snapshot to timeline") over what the panel type draws: a time series chart, stat tiles, gauges or bar
// gauges, a table, a state timeline or text. A failing query shows its sentence in the panel instead of stale
// data. The data goes through PanelProcessor (frames, transformations, overrides) before it is drawn.
class PanelView final : public QWidget
{
    Q_OBJECT
public:
    explicit PanelView(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    const Sitrep::Prom::Panel &panel() const { return m_panel; }
    void setResults(const QList<Sitrep::Prom::QueryResult> &results, qint64 startMs, qint64 endMs);
    const QList<Sitrep::Prom::QueryResult> &results() const { return m_results; }
    void setError(const QString &sentence); // empty clears
    void setWarnings(const QStringList &warnings);
    void setAnnotations(const QList<Sitrep::Core::TimelineEvent> &events);
    void setCrosshair(qint64 ms);
    // Variables for text panels and links ("$node" in a link's URL).
    void setVariables(const QMap<QString, Sitrep::Prom::VariableValue> &values);
    // Shows what another view of the same panel shows now (a wall mirror joining late).
    void showSameAs(const PanelView &other);
    // Without the title bar (title and Snapshot): for a wall tile that has its own title.
    void setHeaderVisible(bool visible);
    // Dark colours whatever the desktop theme (the wall).
    void setDark(bool dark);
    // Width in pixels the data is drawn into (the step and downsampling follow it).
    int plotWidth() const;
    QByteArray snapshotPng();

    QString errorText() const;
    QString statText() const;
    QString sloText() const;
    // Series drawn (time series), values shown (stat, gauges), rows (table) or state rows.
    int seriesCount() const;
    int visibleSeriesCount() const;
    ChartView *chartView() const;
    QChart *chart() const;
    // Hides or shows series i (what a click on its legend entry does).
    void toggleSeries(int i);
    TablePanel *tablePanel() const { return m_table; }
    QList<Sitrep::Prom::DataFrame> frames() const { return m_frames; }

signals:
    void snapshotRequested();
    void hoverTimeChanged(qint64 ms);
    void zoomRequested(qint64 startMs, qint64 endMs);
    void zoomResetRequested();

private:
    void buildLinks();
    void draw();

    Sitrep::Prom::Panel m_panel;
    QList<Sitrep::Prom::QueryResult> m_results;
    QList<Sitrep::Prom::DataFrame> m_frames;
    QMap<QString, Sitrep::Prom::VariableValue> m_variables;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    QLabel *m_title = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_warning = nullptr;
    QToolButton *m_links = nullptr;
    QToolButton *m_snapshot = nullptr;
    TimeSeriesPanel *m_series = nullptr;
    StatPanel *m_stat = nullptr;
    GaugePanel *m_gauge = nullptr;
    TablePanel *m_table = nullptr;
    StateTimelinePanel *m_state = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace Sitrep::Ui
