#pragma once

#include "core/TimelineEvent.h"
#include "prom/Dashboard.h"
#include "prom/DashboardLoader.h"
#include "prom/PanelRunner.h"
#include "prom/PromTypes.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QToolBar;

namespace Sitrep::Core {
class IncidentSession;
class Journal;
} // namespace Sitrep::Core
namespace Sitrep::Prom {
class PromClient;
class VariableResolver;
} // namespace Sitrep::Prom

namespace Sitrep::Ui {

class ApproximationsLine;
class DashboardGrid;
class PanelView;
class TimeRangeDialog;
class VariableBar;

// The Prometheus charts pane: a dashboard (Sitrep's own or an imported Grafana one) as Grafana lays it out
// (rows that fold, repeated panels, every panel type Sitrep draws) sharing one time range (last 5m ... 24h,
// since the incident started, or a dragged zoom), auto refresh, variables (chained query variables asked of
// Prometheus), the incident's events drawn on every chart, a shared crosshair, per-panel error sentences with
// retry, "Snapshot to timeline", and the import's approximations in one line above the panels.
class ChartsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsPane(Sitrep::Prom::PromClient *client, QWidget *parent = nullptr);
    ~ChartsPane() override;

    // notes: what an import could not bring along; shown above the panels.
    void setDashboard(const Sitrep::Prom::Dashboard &dashboard, const QStringList &notes = {});
    const Sitrep::Prom::Dashboard &dashboard() const { return m_dashboard; }
    // Charts a runbook's query step on this dashboard, below the other panels.
    void addQueryPanel(const QString &title, const QString &promql);
    // Burn-rate thresholds a runbook states, drawn on every burn-rate panel of this and later dashboards.
    // Returns how many panels of the current dashboard show them.
    int applyBurnThresholds(const QList<Sitrep::Prom::BurnWindowPair> &thresholds);
    // Dashboards to choose from (bundled and the user's); the first one is shown.
    void setDashboards(const QList<Sitrep::Prom::LoadedDashboard> &dashboards);
    // Opens a dashboard file (Sitrep's format or Grafana JSON), adds it to the choice and shows it.
    Sitrep::Core::Result<void> openDashboardFile(const QString &path);
    // Sitrep's bundled dashboards (compiled in as resources).
    static QList<Sitrep::Prom::LoadedDashboard> bundledDashboards();
    // What the current dashboard's import left out, as listed above the panels (empty when nothing).
    QString notesText() const;
    ApproximationsLine *approximations() const { return m_notes; }
    // No Prometheus to ask (not installed, not configured): the sentence saying why and what to do.
    void setUnavailableText(const QString &sentence);
    QString statusText() const;
    // Snapshots are recorded through it; "since incident start" and annotations come from its journal.
    void setIncidentSession(Sitrep::Core::IncidentSession *session);
    void setAnnotations(const QList<Sitrep::Core::TimelineEvent> &events);
    void connectJournal(Sitrep::Core::Journal *journal);

    // Time range: the last durationMs up to now, a fixed window, or since the incident started.
    void setRelativeRange(qint64 durationMs);
    void setAbsoluteRange(qint64 startMs, qint64 endMs);
    void setSinceIncidentStart();
    // The "Custom…" range: a from/to dialog (non-blocking); accepting it sets an absolute range.
    TimeRangeDialog *openCustomRange();
    QPair<qint64, qint64> currentRange() const;
    // 0 turns auto refresh off.
    void setAutoRefreshMs(int ms);
    int autoRefreshMs() const;
    void setVariable(const QString &name, const QString &value);
    // A multi-value variable's choice ("$__all" for All); $name becomes a regex alternation.
    void setVariableValues(const QString &name, const QStringList &values);
    // What $name expands to in a query now.
    QString variableValue(const QString &name) const;
    Sitrep::Prom::VariableResolver *variables() const { return m_resolver; }

    void refresh();
    int panelCount() const { return int(m_panels.size()); }
    PanelView *panel(int i) const { return m_panels.value(i); }
    // The index of the first panel with this title, -1 if none.
    int panelIndex(const QString &title) const;
    DashboardGrid *grid() const { return m_grid; }
    // Opens or folds a row; opening one queries its panels (folded rows are not queried, as in Grafana).
    void setRowCollapsed(int row, bool collapsed);
    // The PromQL a panel sends with the current range, width and variables.
    QStringList expandedQueries(int panelIndex) const;
    // A second view of panel i (for the wall display) that follows the panel's data, errors and annotations
    // until the dashboard changes (dashboardChanged()).
    PanelView *mirrorPanel(int i, QWidget *parent = nullptr);
    // The panels worth a wall tile: time series first, then stats, in dashboard order.
    QList<int> keyPanels(int max) const;
    // Records panel i (PNG, PromQL, range) as a ChartSnapshot event; the sentence on failure.
    Sitrep::Core::Result<Sitrep::Core::TimelineEvent> snapshotToTimeline(int panelIndex);

signals:
    // Every panel has answered (data or error) for the refresh that was started last.
    void refreshed();
    void snapshotRecorded(const Sitrep::Core::TimelineEvent &event);
    // Another dashboard is shown: mirrors of the old one no longer follow anything.
    void dashboardChanged();

private:
    void buildToolbar();
    void buildLinks();
    void rebuildGrid();
    void refreshPanel(int i);
    void panelAnswered(int key, int generation, const Sitrep::Prom::PanelAnswer &answer);
    void drawNextPanel();
    void showDrawnPanel();
    void scheduleRetry();
    void updateAnnotations();
    void variablesSettled();
    bool isQueried(int i) const;
    QList<Sitrep::Prom::PlannedQuery> plan(int i) const;
    qint64 scrapeMs() const;

    Sitrep::Prom::PromClient *m_client;
    Sitrep::Prom::PanelRunner *m_runner;
    Sitrep::Prom::VariableResolver *m_resolver;
    QPointer<Sitrep::Core::IncidentSession> m_session;
    Sitrep::Prom::Dashboard m_dashboard;
    Sitrep::Prom::Dashboard m_baseDashboard; // as given, before the runbook's burn thresholds
    QStringList m_importNotes;               // kept when a runbook query is added to the dashboard
    QList<Sitrep::Prom::BurnWindowPair> m_burnThresholds; // from the open runbook
    QList<PanelView *> m_panels;
    struct Mirror
    {
        int panel = 0;
        QPointer<PanelView> view;
    };
    QList<Mirror> m_mirrors;
    QList<Sitrep::Core::TimelineEvent> m_events;
    QMetaObject::Connection m_journalConnection; // one journal at a time feeds the annotations
    QString
        m_valuesKey; // the variables' values at the last refresh: settled variables refresh only on change

    enum class RangeMode { Relative, Absolute, SinceIncident };
    RangeMode m_rangeMode = RangeMode::Relative;
    qint64 m_durationMs = 3600000;
    qint64 m_absStart = 0;
    qint64 m_absEnd = 0;
    int m_generation = 0;
    int m_outstandingPanels = 0;
    bool m_anyTransient = false;

    QList<Sitrep::Prom::LoadedDashboard> m_dashboards;
    QWidget *m_toolbar = nullptr;
    QComboBox *m_dashboardBox = nullptr;
    QComboBox *m_range = nullptr;
    QComboBox *m_refreshBox = nullptr;
    QPushButton *m_refreshButton = nullptr;
    VariableBar *m_variableBar = nullptr;
    QWidget *m_links = nullptr;
    QLabel *m_title = nullptr;
    ApproximationsLine *m_notes = nullptr;
    QLabel *m_status = nullptr;
    DashboardGrid *m_grid = nullptr;
    QTimer m_autoRefresh;
    QTimer m_retry;
    QTimer m_draw; // 0 ms: one answered panel per event-loop turn
    QTimer m_show; // 0 ms: the panel just drawn is painted a turn later, never in the turn that drew it
    QList<QPointer<PanelView>> m_held; // drawn with updates off, shown by m_show
    bool m_answeredAll = false;        // the last panel is drawn; refreshed() once it is shown
    struct Ready
    {
        int generation = 0;
        int panel = 0;
        Sitrep::Prom::PanelAnswer answer;
    };
    QList<Ready> m_ready; // answered and not drawn yet
    int m_retryDelayMs = 0;
};

} // namespace Sitrep::Ui
