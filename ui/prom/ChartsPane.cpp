#include "ChartsPane.h"

#include "FlowLayout.h"

#include "ApproximationsLine.h"
#include "DashboardGrid.h"
#include "PanelView.h"
#include "TimeRangeDialog.h"
#include "VariableBar.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "prom/PanelQueries.h"
#include "prom/PanelRepeater.h"
#include "prom/PromClient.h"
#include "prom/StepCalculator.h"
#include "prom/VariableResolver.h"

#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;
using Sitrep::Core::EventKind;
using Sitrep::Core::TimelineEvent;

namespace {

bool drawnOnCharts(const TimelineEvent &e)
{
    // Snapshots and reminders describe the charts or the clock, not the system: leave them off.
    return e.kind != EventKind::ChartSnapshot && e.kind != EventKind::Reminder && e.kind != EventKind::Outbox;
}

QString valuesKey(const QMap<QString, VariableValue> &values)
{
    QStringList parts;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + it->values.join(QChar(0x1f)) +
                     (it->isAll ? QStringLiteral("*") : QString());
    return parts.join(QChar(0x1e));
}

} // namespace

ChartsPane::ChartsPane(PromClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_runner(new PanelRunner(client, this))
    , m_resolver(new VariableResolver(client, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    buildToolbar();
    m_notes = new ApproximationsLine(this);
    layout->addWidget(m_notes);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_grid = new DashboardGrid(scroll);
    scroll->setWidget(m_grid);
    layout->addWidget(scroll, 1);
    m_status = new QLabel(this);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    layout->addWidget(m_status);

    connect(m_grid, &DashboardGrid::rowToggled, this, [this](int row, bool collapsed) {
        m_dashboard.rows[row].collapsed = collapsed;
        if (collapsed)
            return;
        // Opening a row asks for its panels, as Grafana does; the others keep what they show.
        for (int i = 0; i < m_panels.size(); ++i) {
            if (m_panels[i]->panel().row == row) {
                ++m_outstandingPanels;
                refreshPanel(i);
            }
        }
    });
    connect(m_runner, &PanelRunner::answered, this, &ChartsPane::panelAnswered);
    connect(m_resolver, &VariableResolver::optionsChanged, this, [this](const QString &name) {
        if (const Variable *v = m_resolver->variable(name)) {
            m_variableBar->updateVariable(*v);
            m_variableBar->setError(name, m_resolver->error(name));
        }
    });
    connect(m_resolver, &VariableResolver::changed, this, &ChartsPane::variablesSettled);
    m_autoRefresh.setTimerType(Qt::CoarseTimer);
    connect(&m_autoRefresh, &QTimer::timeout, this, &ChartsPane::refresh);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ChartsPane::refresh);
    m_draw.setSingleShot(true);
    m_draw.setInterval(0);
    connect(&m_draw, &QTimer::timeout, this, &ChartsPane::drawNextPanel);
    m_show.setSingleShot(true);
    m_show.setInterval(0);
    connect(&m_show, &QTimer::timeout, this, &ChartsPane::showDrawnPanel);
}

ChartsPane::~ChartsPane()
{
    m_runner->cancelAll();
}

void ChartsPane::buildToolbar()
{
    // A row that wraps: on a narrow dock what does not fit goes to a second line, where it can still be
    // reached (a tool bar hides it behind its » button), and the window never grows wider than the screen.
    auto *bar = new QWidget(this);
    m_toolbar = bar;
    bar->setObjectName(QStringLiteral("chartsToolbar"));
    auto *row = new FlowLayout(bar);
    row->setContentsMargins(4, 2, 4, 2);
    // A label stays on the line of the control it names.
    auto labelled = [this](const QString &text, QWidget *control) {
        auto *pair = new QWidget(this);
        auto *h = new QHBoxLayout(pair);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(new QLabel(text, pair));
        h->addWidget(control);
        return pair;
    };
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    row->addWidget(m_title);
    m_dashboardBox = new QComboBox(this);
    m_dashboardBox->setAccessibleName(QStringLiteral("Dashboard"));
    m_dashboardBox->hide();
    connect(m_dashboardBox, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_dashboards.size()) {
            setDashboard(m_dashboards[index].dashboard, m_dashboards[index].notes);
            refresh();
        }
    });
    row->addWidget(m_dashboardBox);
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
    row->addWidget(open);
    m_variableBar = new VariableBar(this);
    connect(m_variableBar, &VariableBar::valueChanged, this,
            [this](const QString &name, const QStringList &values, bool byUser) {
                if (byUser)
                    m_resolver->setValue(name, values);
            });
    row->addWidget(m_variableBar);
    m_links = new QWidget(this);
    m_links->setLayout(new QHBoxLayout);
    m_links->layout()->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_links);

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
    row->addWidget(labelled(QStringLiteral("Range"), m_range));

    m_refreshBox = new QComboBox(this);
    m_refreshBox->setAccessibleName(QStringLiteral("Auto refresh"));
    m_refreshBox->addItem(QStringLiteral("Off"), 0);
    m_refreshBox->addItem(QStringLiteral("5s"), 5000);
    m_refreshBox->addItem(QStringLiteral("10s"), 10000);
    m_refreshBox->addItem(QStringLiteral("30s"), 30000);
    m_refreshBox->addItem(QStringLiteral("1m"), 60000);
    connect(m_refreshBox, &QComboBox::activated, this,
            [this](int index) { setAutoRefreshMs(m_refreshBox->itemData(index).toInt()); });
    row->addWidget(labelled(QStringLiteral("Refresh"), m_refreshBox));
    m_refreshButton = new QPushButton(QStringLiteral("&Refresh"), this);
    connect(m_refreshButton, &QPushButton::clicked, this, &ChartsPane::refresh);
    row->addWidget(m_refreshButton);
    static_cast<QVBoxLayout *>(layout())->addWidget(bar);
}

void ChartsPane::buildLinks()
{
    qDeleteAll(m_links->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    for (const Dashboard::Link &link : m_dashboard.links) {
        auto *button = new QToolButton(m_links);
        button->setAutoRaise(true);
        button->setText(link.title +
                        (link.url.isEmpty() ? QStringLiteral(" \u25be") : QStringLiteral(" \u2197")));
        if (!link.url.isEmpty()) {
            button->setToolTip(link.url);
            const QString url = link.url;
            connect(button, &QToolButton::clicked, this, [url] { QDesktopServices::openUrl(QUrl(url)); });
        } else {
            // Dashboards with these tags, among those Sitrep has.
            auto *menu = new QMenu(button);
            for (int i = 0; i < m_dashboards.size(); ++i) {
                bool tagged = !link.tags.isEmpty();
                for (const QString &t : link.tags)
                    tagged = tagged && m_dashboards[i].dashboard.tags.contains(t);
                if (!tagged || m_dashboards[i].dashboard.title == m_dashboard.title)
                    continue;
                menu->addAction(m_dashboards[i].dashboard.title, this, [this, i] {
                    m_dashboardBox->setCurrentIndex(i);
                    setDashboard(m_dashboards[i].dashboard, m_dashboards[i].notes);
                    refresh();
                });
            }
            if (menu->isEmpty())
                menu->addAction(
                        tr("No dashboard here has the tags %1").arg(link.tags.join(QStringLiteral(", "))))
                    ->setEnabled(false);
            button->setMenu(menu);
            button->setPopupMode(QToolButton::InstantPopup);
        }
        m_links->layout()->addWidget(button);
    }
}

QString ChartsPane::notesText() const
{
    return m_notes->notes().isEmpty() ? QString() : m_notes->notes().join(QLatin1Char('\n'));
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
    m_notes->setNotes(notes);
    if (const auto r = StepCalculator::parseDuration(dashboard.defaultRange)) {
        m_durationMs = *r;
        for (int i = 0; i < m_range->count(); ++i) {
            if (m_range->itemData(i).toLongLong() == *r)
                m_range->setCurrentIndex(i);
        }
    }
    const int refreshMs = int(StepCalculator::parseDuration(dashboard.refresh).value_or(0));
    setAutoRefreshMs(refreshMs);
    buildLinks();

    // Variables: selectors for what can change; query variables ask Prometheus, in dependency order.
    m_resolver->setVariables(dashboard.variables);
    const auto [start, end] = currentRange();
    m_resolver->setRange(start, end);
    m_variableBar->setVariables(dashboard.variables);
    m_valuesKey = valuesKey(m_resolver->values());
    rebuildGrid();
    if (m_client)
        m_resolver->refreshAll();
}

void ChartsPane::variablesSettled()
{
    // New options may have moved a value (the first option, or All): the panels follow; a refresh of options
    // that changed nothing asks nothing again.
    const QString key = valuesKey(m_resolver->values());
    const bool changed = key != m_valuesKey;
    m_valuesKey = key;
    const bool repeats = std::any_of(m_baseDashboard.panels.cbegin(), m_baseDashboard.panels.cend(),
                                     [](const Panel &p) { return !p.repeat.isEmpty(); });
    if (changed && repeats)
        rebuildGrid();
    if (changed)
        refresh();
}

void ChartsPane::rebuildGrid()
{
    m_runner->cancelAll();
    m_ready.clear();
    m_answeredAll = false;
    m_outstandingPanels = 0;
    qDeleteAll(m_panels);
    m_panels.clear();
    m_mirrors.clear();
    // Repeated panels become one copy per value.
    m_dashboard.panels = PanelRepeater::expand(m_baseDashboard.panels, m_resolver->values());
    m_dashboard.applyBurnThresholds(m_burnThresholds);
    QList<PanelView *> views;
    const auto values = m_resolver->values();
    for (int i = 0; i < m_dashboard.panels.size(); ++i) {
        const Panel &p = m_dashboard.panels[i];
        auto *view = new PanelView(p, m_grid);
        view->setVariables(PanelRepeater::valuesFor(p, values));
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
        views << view;
    }
    m_grid->setPanels(m_dashboard.rows, views);
    updateAnnotations();
    emit dashboardChanged();
}

void ChartsPane::setRowCollapsed(int row, bool collapsed)
{
    if (row < 0 || row >= m_dashboard.rows.size() || m_grid->isRowCollapsed(row) == collapsed)
        return;
    m_grid->setRowCollapsed(row, collapsed);
    emit m_grid->rowToggled(row, collapsed);
}

int ChartsPane::panelIndex(const QString &title) const
{
    for (int i = 0; i < m_panels.size(); ++i) {
        if (m_panels[i]->panel().title == title)
            return i;
    }
    return -1;
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
    view->setDark(true); // the wall is dark whatever the laptop's theme
    view->setWindowTitle(m_panels[i]->panel().title);
    view->setAnnotations(m_events);
    view->showSameAs(*m_panels[i]);
    m_mirrors.append({i, view});
    return view;
}

QList<int> ChartsPane::keyPanels(int max) const
{
    QList<int> out;
    for (const auto type : {PanelType::TimeSeries, PanelType::Stat, PanelType::Gauge}) {
        for (int i = 0; i < m_panels.size() && out.size() < max; ++i) {
            if (m_panels[i]->panel().type == type && !m_grid->isRowCollapsed(m_panels[i]->panel().row))
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
    if (ms <= 0)
        m_autoRefresh.stop();
    else
        m_autoRefresh.start(ms);
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
    m_variableBar->showValue(name, value);
    m_resolver->setValue(name, {value});
}

void ChartsPane::setVariableValues(const QString &name, const QStringList &values)
{
    m_variableBar->setSelection(name, values, false);
    m_resolver->setValue(name, values);
}

QString ChartsPane::variableValue(const QString &name) const
{
    const auto values = m_resolver->values();
    if (!values.contains(name))
        return {};
    return QueryTemplate::format(values.value(name), QString(), name);
}

qint64 ChartsPane::scrapeMs() const
{
    return StepCalculator::parseDuration(m_dashboard.scrapeInterval).value_or(15000);
}

QList<PlannedQuery> ChartsPane::plan(int i) const
{
    PanelView *view = m_panels.value(i);
    if (!view)
        return {};
    const auto [start, end] = currentRange();
    return PanelQueries::plan(view->panel(), PanelRepeater::valuesFor(view->panel(), m_resolver->values()),
                              start, end, view->plotWidth(), scrapeMs());
}

QStringList ChartsPane::expandedQueries(int panelIndex) const
{
    QStringList out;
    for (const PlannedQuery &q : plan(panelIndex))
        out << q.expr;
    return out;
}

bool ChartsPane::isQueried(int i) const
{
    const Panel &p = m_panels[i]->panel();
    return p.type != PanelType::Text && !p.targets.isEmpty() && !m_grid->isRowCollapsed(p.row);
}

void ChartsPane::refresh()
{
    if (!m_client || m_panels.isEmpty()) {
        emit refreshed();
        return;
    }
    ++m_generation;
    m_ready.clear();
    m_answeredAll = false;
    m_anyTransient = false;
    const auto [start, end] = currentRange();
    m_resolver->setRange(start, end);
    m_outstandingPanels = 0;
    for (int i = 0; i < m_panels.size(); ++i)
        m_outstandingPanels += isQueried(i) ? 1 : 0;
    m_status->setText(QStringLiteral("Refreshing %1 panels from %2 ...")
                          .arg(m_outstandingPanels)
                          .arg(m_client->displayUrl()));
    if (m_outstandingPanels == 0) {
        emit refreshed();
        return;
    }
    for (int i = 0; i < m_panels.size(); ++i) {
        if (isQueried(i))
            refreshPanel(i);
    }
}

void ChartsPane::refreshPanel(int i)
{
    PanelView *view = m_panels[i];
    const QList<PlannedQuery> queries = plan(i);
    // A stat's sparkline needs few points; a chart as many as it has pixels.
    const int pixels = view->panel().type == PanelType::TimeSeries ? view->plotWidth() : 120;
    m_runner->run(i, m_generation, queries, pixels);
}

void ChartsPane::panelAnswered(int key, int generation, const PanelAnswer &answer)
{
    if (generation != m_generation)
        return;
    // Panels are drawn one per event-loop turn: eight answers arriving together would otherwise hold the GUI
    // for the sum of their rebuilds.
    m_ready.append(Ready{generation, key, answer});
    // While a drawn panel waits to be shown, showDrawnPanel() queues the next draw itself.
    if (!m_draw.isActive() && !m_show.isActive())
        m_draw.start();
}

void ChartsPane::drawNextPanel()
{
    if (m_ready.isEmpty())
        return;
    const Ready ready = m_ready.takeFirst();
    // The next panel's turn is queued once this one is drawn and shown, not before: queued earlier, it came
    // due ahead of every timer that fell due meanwhile and two panels were drawn back to back in one stall.
    auto next = qScopeGuard([this] {
        if (!m_ready.isEmpty())
            m_draw.start();
    });
    if (ready.generation != m_generation || ready.panel >= m_panels.size())
        return;
    const int i = ready.panel;
    const PanelAnswer &a = ready.answer;
    QString error = a.errors.isEmpty() ? QString() : a.errors.first();
    if (a.transient) {
        m_anyTransient = true;
        scheduleRetry();
        error += QStringLiteral("; retrying in %1 s").arg(m_retryDelayMs / 1000);
    }
    QList<PanelView *> views{m_panels[i]};
    for (const Mirror &m : std::as_const(m_mirrors)) {
        if (m.panel == i && m.view)
            views << m.view;
    }
    bool anyData = false;
    for (const QueryResult &r : a.results)
        anyData = anyData || !r.series.isEmpty();
    // Painting a panel of stacked areas costs as much as building it: with updates off until the next
    // turn, the two never add up in one stall of the event loop.
    for (PanelView *v : views) {
        v->setUpdatesEnabled(false);
        m_held << v;
        if (a.errors.isEmpty() || anyData)
            v->setResults(a.results, currentRange().first, currentRange().second);
        v->setError(error);
        v->setWarnings(a.warnings);
    }
    m_answeredAll = --m_outstandingPanels == 0;
    next.dismiss();
    m_show.start();
}

void ChartsPane::showDrawnPanel()
{
    for (const QPointer<PanelView> &v : std::exchange(m_held, {})) {
        if (v)
            v->setUpdatesEnabled(true);
    }
    if (std::exchange(m_answeredAll, false)) {
        if (!m_anyTransient)
            m_retryDelayMs = 0;
        m_status->setText(QStringLiteral("Updated %1 from %2")
                              .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                                   m_client->displayUrl()));
        emit refreshed();
    }
    if (!m_ready.isEmpty())
        m_draw.start();
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
    const QList<PlannedQuery> queries = plan(panelIndex);
    const auto [start, end] = currentRange();
    const qint64 step = queries.isEmpty() ? 0 : queries.first().step.stepMs;
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
                        {QStringLiteral("stepMs"), double(step)},
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
