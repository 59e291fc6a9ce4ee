#include "ChartsPane.h"

#include "PanelView.h"
#include "TimeRangeDialog.h"
#include "VariableBar.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "prom/PromClient.h"
#include "prom/QueryTemplate.h"
#include "prom/StepCalculator.h"

#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

#include <cmath>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;
using Sitrep::Core::EventKind;
using Sitrep::Core::TimelineEvent;

namespace {

// Failures worth retrying: the server is away or overloaded. PromQL errors stay until the query changes.
bool isTransient(const QString &sentence)
{
    return sentence.contains(QLatin1String(" is not reachable")) ||
           sentence.contains(QLatin1String(" did not answer within")) ||
           sentence.contains(QLatin1String(" gave up on the query")) ||
           sentence.contains(QLatin1String(" answered HTTP 5"));
}

bool drawnOnCharts(const TimelineEvent &e)
{
    // Snapshots and reminders describe the charts or the clock, not the system: leave them off.
    return e.kind != EventKind::ChartSnapshot && e.kind != EventKind::Reminder && e.kind != EventKind::Outbox;
}

} // namespace

ChartsPane::ChartsPane(PromClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    buildToolbar();
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_notes->setObjectName(QStringLiteral("importNotes"));
    m_notes->setStyleSheet(QStringLiteral("QLabel { background: #fff8e1; color: #5d4037; padding: 4px; }"));
    m_notes->hide();
    layout->addWidget(m_notes);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_gridHost = new QWidget(scroll);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
    scroll->setWidget(m_gridHost);
    layout->addWidget(scroll, 1);
    m_status = new QLabel(this);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    layout->addWidget(m_status);

    m_autoRefresh.setTimerType(Qt::CoarseTimer);
    connect(&m_autoRefresh, &QTimer::timeout, this, &ChartsPane::refresh);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ChartsPane::refresh);
    m_draw.setSingleShot(true);
    m_draw.setInterval(0);
    connect(&m_draw, &QTimer::timeout, this, &ChartsPane::drawNextPanel);
}

ChartsPane::~ChartsPane()
{
    for (auto &calls : m_calls) {
        for (const auto &c : calls) {
            if (c)
                c->abort();
        }
    }
}

void ChartsPane::buildToolbar()
{
    // A tool bar, not a row of widgets: on a narrow dock what does not fit goes behind its » button
    // instead of widening the whole window.
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("chartsToolbar"));
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    bar->addWidget(m_title);
    m_dashboardBox = new QComboBox(this);
    m_dashboardBox->setAccessibleName(QStringLiteral("Dashboard"));
    m_dashboardBox->hide();
    connect(m_dashboardBox, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_dashboards.size())
            setDashboard(m_dashboards[index].dashboard, m_dashboards[index].notes);
    });
    bar->addWidget(m_dashboardBox);
    auto *open = new QPushButton(QStringLiteral("&Open..."), this);
    open->setToolTip(
        QStringLiteral("Open a dashboard file: Sitrep's own format or a Grafana dashboard JSON"));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, QStringLiteral("Open dashboard"), QDir::homePath(), QStringLiteral("Dashboards (*.json)"));
        if (path.isEmpty())
            return;
        if (const auto r = openDashboardFile(path); !r)
            m_status->setText(r.error().text());
    });
    bar->addWidget(open);
    m_variableBar = new VariableBar(this);
    connect(m_variableBar, &VariableBar::valueChanged, this,
            [this](const QString &name, const QString &value, bool byUser) {
                m_variables.insert(name, value);
                if (byUser)
                    refresh();
            });
    bar->addWidget(m_variableBar);
    auto *stretch = new QWidget(this);
    stretch->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(stretch);

    m_range = new QComboBox(this);
    m_range->setAccessibleName(QStringLiteral("Time range"));
    m_range->addItem(QStringLiteral("Last 5 minutes"), qint64(300000));
    m_range->addItem(QStringLiteral("Last 15 minutes"), qint64(900000));
    m_range->addItem(QStringLiteral("Last 1 hour"), qint64(3600000));
    m_range->addItem(QStringLiteral("Last 6 hours"), qint64(21600000));
    m_range->addItem(QStringLiteral("Last 24 hours"), qint64(86400000));
    m_range->addItem(QStringLiteral("Since incident start"), qint64(-1));
    m_range->addItem(QStringLiteral("Custom\u2026"), qint64(-3));
    m_range->setCurrentIndex(2);
    connect(m_range, &QComboBox::activated, this, [this](int index) {
        const qint64 v = m_range->itemData(index).toLongLong();
        if (v == -1)
            setSinceIncidentStart();
        else if (v == -3)
            openCustomRange();
        else if (v > 0)
            setRelativeRange(v);
    });
    bar->addWidget(new QLabel(QStringLiteral("Range"), this));
    bar->addWidget(m_range);

    m_refreshBox = new QComboBox(this);
    m_refreshBox->setAccessibleName(QStringLiteral("Auto refresh"));
    m_refreshBox->addItem(QStringLiteral("Off"), 0);
    m_refreshBox->addItem(QStringLiteral("5s"), 5000);
    m_refreshBox->addItem(QStringLiteral("10s"), 10000);
    m_refreshBox->addItem(QStringLiteral("30s"), 30000);
    m_refreshBox->addItem(QStringLiteral("1m"), 60000);
    connect(m_refreshBox, &QComboBox::activated, this,
            [this](int index) { setAutoRefreshMs(m_refreshBox->itemData(index).toInt()); });
    bar->addWidget(new QLabel(QStringLiteral("Refresh"), this));
    bar->addWidget(m_refreshBox);
    m_refreshButton = new QPushButton(QStringLiteral("&Refresh"), this);
    connect(m_refreshButton, &QPushButton::clicked, this, &ChartsPane::refresh);
    bar->addWidget(m_refreshButton);
    static_cast<QVBoxLayout *>(layout())->addWidget(bar);
}

QString ChartsPane::notesText() const
{
    return m_notes->isHidden() ? QString() : m_notes->text();
}

QList<LoadedDashboard> ChartsPane::bundledDashboards()
{
    QList<LoadedDashboard> out;
    for (const auto &r : DashboardLoader::loadDirectory({QStringLiteral(":/dashboards")})) {
        if (r)
            out << *r;
    }
    return out;
}

void ChartsPane::setDashboards(const QList<LoadedDashboard> &dashboards)
{
    m_dashboards = dashboards;
    m_dashboardBox->clear();
    for (const LoadedDashboard &d : dashboards)
        m_dashboardBox->addItem(d.dashboard.title, d.path);
    m_dashboardBox->setVisible(dashboards.size() > 1);
    m_title->setVisible(dashboards.size() <= 1);
    if (!dashboards.isEmpty())
        setDashboard(dashboards.first().dashboard, dashboards.first().notes);
}

Core::Result<void> ChartsPane::openDashboardFile(const QString &path)
{
    auto r = DashboardLoader::loadFile(path);
    if (!r)
        return r.error();
    m_dashboards << *r;
    m_dashboardBox->addItem(r->dashboard.title, path);
    m_dashboardBox->setCurrentIndex(m_dashboardBox->count() - 1);
    m_dashboardBox->setVisible(m_dashboards.size() > 1);
    m_title->setVisible(m_dashboards.size() <= 1);
    setDashboard(r->dashboard, r->notes);
    refresh();
    return Core::Ok{};
}

void ChartsPane::addQueryPanel(const QString &title, const QString &promql)
{
    Dashboard d = m_baseDashboard;
    d.addQueryPanel(title, promql);
    setDashboard(d, m_importNotes);
}

int ChartsPane::applyBurnThresholds(const QList<Sitrep::Prom::BurnWindowPair> &thresholds)
{
    // From the dashboard as it was given: a runbook without thresholds brings the workbook's back. The
    // panels are rebuilt (and their data asked again) only when the thresholds change.
    auto same = [](const QList<Sitrep::Prom::BurnWindowPair> &a,
                   const QList<Sitrep::Prom::BurnWindowPair> &b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto &x, const auto &y) {
            return x.factor == y.factor && x.severity == y.severity;
        });
    };
    Dashboard d = m_baseDashboard;
    const int changed = d.applyBurnThresholds(thresholds);
    if (!same(thresholds, m_burnThresholds)) {
        m_burnThresholds = thresholds;
        setDashboard(m_baseDashboard, m_importNotes);
    }
    return changed;
}

void ChartsPane::setDashboard(const Dashboard &dashboard, const QStringList &notes)
{
    m_baseDashboard = dashboard;
    m_dashboard = dashboard;
    m_dashboard.applyBurnThresholds(m_burnThresholds);
    m_importNotes = notes;
    m_title->setText(dashboard.title);
    m_title->setToolTip(dashboard.description);
    if (notes.isEmpty()) {
        m_notes->hide();
    } else {
        m_notes->setText(QStringLiteral("Not everything could be imported:\n• ") +
                         notes.join(QStringLiteral("\n• ")));
        m_notes->show();
    }
    m_variables.clear();
    for (const Variable &v : dashboard.variables)
        m_variables.insert(v.name, v.value());
    if (const auto r = StepCalculator::parseDuration(dashboard.defaultRange)) {
        m_durationMs = *r;
        for (int i = 0; i < m_range->count(); ++i) {
            if (m_range->itemData(i).toLongLong() == *r)
                m_range->setCurrentIndex(i);
        }
    }
    const int refreshMs = int(StepCalculator::parseDuration(dashboard.refresh).value_or(0));
    setAutoRefreshMs(refreshMs);

    // Variable selectors: custom and query variables can be changed; constants are fixed.
    m_variableBar->setVariables(dashboard.variables);
    rebuildGrid();
    loadVariableOptions();
}

void ChartsPane::loadVariableOptions()
{
    if (!m_client)
        return;
    for (const Variable &v : m_dashboard.variables) {
        if (v.type != Variable::Type::Query)
            continue;
        const auto q = QueryTemplate::parseLabelValues(QueryTemplate::expand(v.query, {m_variables}));
        if (!q)
            continue;
        const QString name = v.name;
        m_client->labelValues(q->label, q->match.isEmpty() ? QStringList() : QStringList{q->match}, this,
                              [this, name](Core::Result<QStringList> r) {
                                  if (!r)
                                      return;
                                  const QString current = m_variables.value(name);
                                  if (current.isEmpty() && !r->isEmpty() && !m_variableBar->isMulti(name)) {
                                      m_variableBar->setOptions(name, *r, r->first());
                                      setVariable(name, r->first());
                                      return;
                                  }
                                  m_variableBar->setOptions(name, *r, current);
                              });
    }
}

void ChartsPane::rebuildGrid()
{
    for (auto &calls : m_calls) {
        for (const auto &c : calls) {
            if (c)
                c->abort();
        }
    }
    m_calls.clear();
    qDeleteAll(m_panels);
    m_panels.clear();
    m_mirrors.clear();
    m_pending.clear();
    for (int c = 0; c < 24; ++c)
        m_grid->setColumnStretch(c, 1);
    int maxRow = 0;
    for (int i = 0; i < m_dashboard.panels.size(); ++i) {
        const Panel &p = m_dashboard.panels[i];
        auto *view = new PanelView(p, m_gridHost);
        m_grid->addWidget(view, p.grid.y, p.grid.x, p.grid.h, std::min(p.grid.w, 24 - p.grid.x));
        maxRow = std::max(maxRow, p.grid.y + p.grid.h);
        connect(view, &PanelView::snapshotRequested, this, [this, i] {
            const auto r = snapshotToTimeline(i);
            if (!r)
                m_status->setText(r.error().text());
        });
        connect(view, &PanelView::hoverTimeChanged, this, [this, view](qint64 ms) {
            for (PanelView *other : std::as_const(m_panels)) {
                if (other != view)
                    other->setCrosshair(ms);
            }
        });
        connect(view, &PanelView::zoomRequested, this, &ChartsPane::setAbsoluteRange);
        connect(view, &PanelView::zoomResetRequested, this, [this] { setRelativeRange(m_durationMs); });
        m_panels << view;
        m_pending << Pending{};
    }
    for (int r = 0; r < maxRow; ++r)
        m_grid->setRowMinimumHeight(r, 26);
    updateAnnotations();
    emit dashboardChanged();
}

void ChartsPane::setUnavailableText(const QString &sentence)
{
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; padding: 12px; }"));
    m_status->setText(sentence);
}

QString ChartsPane::statusText() const
{
    return m_status->text();
}

PanelView *ChartsPane::mirrorPanel(int i, QWidget *parent)
{
    if (i < 0 || i >= m_panels.size())
        return nullptr;
    auto *view = new PanelView(m_panels[i]->panel(), parent);
    view->setHeaderVisible(false);
    if (view->chart())
        view->chart()->setTheme(QChart::ChartThemeDark); // the wall is dark whatever the laptop's theme
    view->setWindowTitle(m_panels[i]->panel().title);
    view->setAnnotations(m_events);
    view->showSameAs(*m_panels[i]);
    m_mirrors.append({i, view});
    return view;
}

QList<int> ChartsPane::keyPanels(int max) const
{
    QList<int> out;
    for (const auto type : {PanelType::TimeSeries, PanelType::Stat}) {
        for (int i = 0; i < m_panels.size() && out.size() < max; ++i) {
            if (m_panels[i]->panel().type == type)
                out << i;
        }
    }
    return out;
}

void ChartsPane::setIncidentSession(Core::IncidentSession *session)
{
    m_session = session;
    if (session) {
        connectJournal(&session->journal());
        setAnnotations(session->journal().events());
    }
}

void ChartsPane::setAnnotations(const QList<TimelineEvent> &events)
{
    m_events.clear();
    for (const TimelineEvent &e : events) {
        if (drawnOnCharts(e))
            m_events << e;
    }
    updateAnnotations();
}

void ChartsPane::connectJournal(Core::Journal *journal)
{
    disconnect(m_journalConnection);
    m_journalConnection =
        connect(journal, &Core::Journal::eventsAppended, this, [this](const QList<TimelineEvent> &events) {
            for (const TimelineEvent &e : events) {
                if (drawnOnCharts(e))
                    m_events << e;
            }
            updateAnnotations();
        });
}

void ChartsPane::updateAnnotations()
{
    for (PanelView *p : std::as_const(m_panels))
        p->setAnnotations(m_events);
    for (const Mirror &m : std::as_const(m_mirrors)) {
        if (m.view)
            m.view->setAnnotations(m_events);
    }
}

void ChartsPane::setRelativeRange(qint64 durationMs)
{
    m_rangeMode = RangeMode::Relative;
    m_durationMs = std::max<qint64>(durationMs, 60000);
    for (int i = 0; i < m_range->count(); ++i) {
        if (m_range->itemData(i).toLongLong() == m_durationMs)
            m_range->setCurrentIndex(i);
    }
    refresh();
}

void ChartsPane::setAbsoluteRange(qint64 startMs, qint64 endMs)
{
    if (endMs - startMs < 1000)
        return;
    m_rangeMode = RangeMode::Absolute;
    m_absStart = startMs;
    m_absEnd = endMs;
    const int custom = m_range->findData(qint64(-2));
    const QString text = QStringLiteral("%1 – %2").arg(
        QDateTime::fromMSecsSinceEpoch(startMs).toString(QStringLiteral("HH:mm:ss")),
        QDateTime::fromMSecsSinceEpoch(endMs).toString(QStringLiteral("HH:mm:ss")));
    if (custom < 0)
        m_range->addItem(text, qint64(-2));
    else
        m_range->setItemText(custom, text);
    m_range->setCurrentIndex(m_range->findData(qint64(-2)));
    refresh();
}

TimeRangeDialog *ChartsPane::openCustomRange()
{
    const auto [start, end] = currentRange();
    const int previous = m_range->findData(m_rangeMode == RangeMode::Relative   ? QVariant(m_durationMs)
                                           : m_rangeMode == RangeMode::Absolute ? QVariant(qint64(-2))
                                                                                : QVariant(qint64(-1)));
    auto *dialog = new TimeRangeDialog(start, end, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { setAbsoluteRange(dialog->startMs(), dialog->endMs()); });
    connect(dialog, &QDialog::rejected, this, [this, previous] { m_range->setCurrentIndex(previous); });
    dialog->open();
    return dialog;
}

void ChartsPane::setSinceIncidentStart()
{
    m_rangeMode = RangeMode::SinceIncident;
    m_range->setCurrentIndex(m_range->findData(qint64(-1)));
    refresh();
}

QPair<qint64, qint64> ChartsPane::currentRange() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (m_rangeMode) {
    case RangeMode::Absolute:
        return {m_absStart, m_absEnd};
    case RangeMode::SinceIncident: {
        const qint64 start = m_session ? m_session->incident().startMs() : 0;
        if (start > 0 && start < now)
            return {std::min(start, now - 60000), now};
        return {now - m_durationMs, now};
    }
    case RangeMode::Relative:
        break;
    }
    return {now - m_durationMs, now};
}

void ChartsPane::setAutoRefreshMs(int ms)
{
    if (ms <= 0) {
        m_autoRefresh.stop();
    } else {
        m_autoRefresh.start(ms);
    }
    const int index = m_refreshBox->findData(std::max(ms, 0));
    if (index >= 0)
        m_refreshBox->setCurrentIndex(index);
}

int ChartsPane::autoRefreshMs() const
{
    return m_autoRefresh.isActive() ? m_autoRefresh.interval() : 0;
}

void ChartsPane::setVariable(const QString &name, const QString &value)
{
    m_variables.insert(name, value);
    m_variableBar->showValue(name, value);
    refresh();
}

void ChartsPane::setVariableValues(const QString &name, const QStringList &values)
{
    m_variableBar->setSelection(name, values);
}

QString ChartsPane::variableValue(const QString &name) const
{
    return m_variables.value(name);
}

QMap<QString, QString> ChartsPane::variableValues() const
{
    return m_variables;
}

qint64 ChartsPane::scrapeMs() const
{
    return StepCalculator::parseDuration(m_dashboard.scrapeInterval).value_or(15000);
}

QStringList ChartsPane::expandedQueries(int panelIndex) const
{
    QStringList out;
    PanelView *view = m_panels.value(panelIndex);
    if (!view)
        return out;
    const auto [start, end] = currentRange();
    const StepChoice step = StepCalculator::choose(end - start, view->plotWidth(), scrapeMs());
    TemplateContext ctx{variableValues(), step.intervalMs, step.rateIntervalMs, end - start};
    for (const PanelTarget &t : view->panel().targets)
        out << QueryTemplate::expand(t.expr, ctx);
    return out;
}

void ChartsPane::refresh()
{
    if (!m_client || m_panels.isEmpty()) {
        emit refreshed();
        return;
    }
    ++m_generation;
    m_outstandingPanels = int(m_panels.size());
    m_status->setText(
        QStringLiteral("Refreshing %1 panels from %2 ...").arg(m_panels.size()).arg(m_client->displayUrl()));
    for (int i = 0; i < m_panels.size(); ++i)
        refreshPanel(i);
}

void ChartsPane::refreshPanel(int i)
{
    // A new range or refresh cancels what the panel still waits for.
    for (const auto &c : m_calls.value(i)) {
        if (c)
            c->abort();
    }
    m_calls[i].clear();
    PanelView *view = m_panels[i];
    const auto [start, end] = currentRange();
    const StepChoice step = StepCalculator::choose(end - start, view->plotWidth(), scrapeMs());
    Pending &p = m_pending[i];
    p = Pending{};
    p.generation = m_generation;
    p.startMs = start;
    p.endMs = end;
    p.stepMs = step.stepMs;
    const QStringList exprs = expandedQueries(i);
    const int pixels = view->panel().type == PanelType::Stat ? 120 : view->plotWidth(); // a stat's sparkline
    p.outstanding = int(exprs.size());
    p.results.resize(exprs.size());
    for (int t = 0; t < exprs.size(); ++t) {
        RangeQuery q{exprs[t], start - start % step.stepMs, end, step.stepMs, pixels};
        const int generation = m_generation;
        PromCall *call = m_client->queryRange(q, this, [this, i, t, generation](Core::Result<RangeResult> r) {
            if (i >= m_pending.size() || m_pending[i].generation != generation)
                return;
            Pending &pending = m_pending[i];
            if (r) {
                pending.results[t] = r->series;
                pending.warnings << r->warnings;
            } else {
                pending.errors << r.error().message;
                pending.transient = pending.transient || isTransient(r.error().message);
            }
            if (--pending.outstanding == 0) {
                // Panels are drawn one per event-loop turn: eight answers arriving together would
                // otherwise hold the GUI for the sum of their chart rebuilds.
                m_ready.append({generation, i});
                if (!m_draw.isActive())
                    m_draw.start();
            }
        });
        m_calls[i] << call;
    }
}

void ChartsPane::drawNextPanel()
{
    while (!m_ready.isEmpty()) {
        const auto [generation, i] = m_ready.takeFirst();
        if (i < m_pending.size() && m_pending[i].generation == generation) {
            panelAnswered(i);
            break;
        }
    }
    if (!m_ready.isEmpty())
        m_draw.start();
}

void ChartsPane::panelAnswered(int i)
{
    Pending &p = m_pending[i];
    PanelView *view = m_panels[i];
    const Panel &panel = view->panel();
    QList<PanelSeries> series;
    for (int t = 0; t < p.results.size(); ++t) {
        const QString legend = panel.targets.value(t).legendFormat;
        for (const RangeSeries &s : p.results[t]) {
            PanelSeries ps;
            ps.name = QueryTemplate::legend(legend, s.labels);
            ps.points = s.points; // reduced to the panel's width on the pool (RangeQuery::pixels)
            for (qsizetype k = s.values.size() - 1; k >= 0; --k) {
                if (std::isfinite(s.values[k])) {
                    ps.last = s.values[k];
                    ps.hasLast = true;
                    break;
                }
            }
            series << ps;
        }
    }
    QString error = p.errors.isEmpty() ? QString() : p.errors.first();
    if (p.transient) {
        scheduleRetry();
        error += QStringLiteral("; retrying in %1 s").arg(m_retryDelayMs / 1000);
    }
    QList<PanelView *> views{view};
    for (const Mirror &m : std::as_const(m_mirrors)) {
        if (m.panel == i && m.view)
            views << m.view;
    }
    for (PanelView *v : views) {
        if (p.errors.isEmpty() || !series.isEmpty())
            v->setData(series, p.startMs, p.endMs);
        v->setError(error);
        v->setWarnings(p.warnings);
    }
    if (--m_outstandingPanels == 0) {
        bool anyTransient = false;
        for (const Pending &x : std::as_const(m_pending))
            anyTransient = anyTransient || x.transient;
        if (!anyTransient)
            m_retryDelayMs = 0;
        m_status->setText(QStringLiteral("Updated %1 from %2")
                              .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                                   m_client->displayUrl()));
        emit refreshed();
    }
}

void ChartsPane::scheduleRetry()
{
    // Back off 5 s, 10 s, 20 s ... up to a minute; auto refresh, when faster, already retries.
    if (!m_retry.isActive()) {
        m_retryDelayMs = m_retryDelayMs == 0 ? 5000 : std::min(m_retryDelayMs * 2, 60000);
        if (!m_autoRefresh.isActive() || m_autoRefresh.interval() > m_retryDelayMs)
            m_retry.start(m_retryDelayMs);
    }
}

Core::Result<TimelineEvent> ChartsPane::snapshotToTimeline(int panelIndex)
{
    PanelView *view = m_panels.value(panelIndex);
    if (!view)
        return Core::makeError(QStringLiteral("there is no panel %1").arg(panelIndex));
    if (!m_session)
        return Core::makeError(
            QStringLiteral("Open or declare an incident to snapshot charts into its timeline"));
    const Pending &p = m_pending.value(panelIndex);
    const auto [start, end] = p.endMs > 0 ? QPair<qint64, qint64>{p.startMs, p.endMs} : currentRange();
    const QByteArray png = view->snapshotPng();
    const auto when = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm"));
    };
    const QString summary =
        QStringLiteral("Chart snapshot: %1, %2–%3 UTC").arg(view->panel().title, when(start), when(end));
    QJsonObject payload{{QStringLiteral("dashboard"), m_dashboard.title},
                        {QStringLiteral("panel"), view->panel().title},
                        {QStringLiteral("promql"), QJsonArray::fromStringList(expandedQueries(panelIndex))},
                        {QStringLiteral("startMs"), double(start)},
                        {QStringLiteral("endMs"), double(end)},
                        {QStringLiteral("stepMs"), double(p.stepMs)},
                        {QStringLiteral("prometheus"), m_client ? m_client->displayUrl() : QString()},
                        {QStringLiteral("mime"), QStringLiteral("image/png")},
                        {QStringLiteral("png"), QString::fromLatin1(png.toBase64())}};
    if (!view->errorText().isEmpty())
        payload.insert(QStringLiteral("error"), view->errorText());
    auto r = m_session->record(EventKind::ChartSnapshot, summary, payload);
    if (r) {
        m_status->setText(
            QStringLiteral("Snapshot of \"%1\" added to the timeline").arg(view->panel().title));
        emit snapshotRecorded(r.value());
    }
    return r;
}

} // namespace Sitrep::Ui
