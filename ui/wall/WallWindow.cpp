#include "WallWindow.h"

#include "ElidedLabel.h"
#include "SeverityPalette.h"
#include "WallChartStyle.h"
#include "WallContent.h"
#include "WallTile.h"
#include "core/IncidentFile.h"

#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QVBoxLayout>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

namespace {
QString hhmm(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'"));
}
} // namespace

WallWindow::WallWindow(IncidentFile &file, QWidget *parent)
    : QWidget(parent)
    , m_file(file)
    , m_band(new QWidget(this))
    , m_severity(new QLabel(m_band))
    , m_title(new ElidedLabel(m_band))
    , m_meta(new ElidedLabel(m_band))
    , m_countdown(new QLabel(m_band))
    , m_clock(new QLabel(m_band))
    , m_stale(new QLabel(this))
    , m_pods(new WallTile(tr("Pods"), this))
    , m_alerts(new WallTile(tr("Firing alerts"), this))
    , m_timeline(new WallTile(tr("Latest on the timeline"), this))
    , m_runbook(new WallTile(tr("Runbook"), this))
    , m_grid(new QGridLayout)
{
    setObjectName(QStringLiteral("wallWindow"));
    setWindowTitle(tr("Sitrep wall display"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0x0b, 0x0d, 0x10));
    setPalette(pal);
    m_band->setObjectName(QStringLiteral("wallBand"));
    m_band->setAutoFillBackground(true);
    m_severity->setObjectName(QStringLiteral("wallSeverity"));
    m_title->setObjectName(QStringLiteral("wallTitle"));
    // Two lines of title at most, elided: the band keeps its height and the tiles their room.
    m_title->setMaxLines(2);
    m_title->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_meta->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_countdown->setObjectName(QStringLiteral("wallCountdown"));
    m_clock->setObjectName(QStringLiteral("wallClock"));
    m_stale->setObjectName(QStringLiteral("wallStale"));
    m_stale->setStyleSheet(QStringLiteral("background:#ffb300;color:#000;font-weight:bold;padding:6px;"));
    m_stale->hide();

    auto *bandLayout = new QGridLayout(m_band);
    bandLayout->addWidget(m_severity, 0, 0, 2, 1);
    bandLayout->addWidget(m_title, 0, 1);
    bandLayout->addWidget(m_meta, 1, 1);
    bandLayout->addWidget(m_countdown, 0, 2, Qt::AlignRight);
    bandLayout->addWidget(m_clock, 1, 2, Qt::AlignRight);
    bandLayout->setColumnStretch(1, 1);

    m_grid->addWidget(m_pods, 0, 0);
    m_grid->addWidget(m_alerts, 0, 1);
    m_grid->addWidget(m_runbook, 0, 2);
    m_grid->addWidget(m_timeline, 1, 0, 1, 3);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, 1);
    m_grid->setRowStretch(0, 1);
    m_grid->setRowStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_band);
    layout->addWidget(m_stale);
    layout->addLayout(m_grid, 1);

    m_alerts->setEmptyLine(WallContent::noneFiring());
    m_runbook->setEmptyLine(WallContent::placeholder(tr("No runbook in progress")));
    m_pods->setEmptyLine(WallContent::placeholder(tr("No pod data yet")));

    connect(&m_file, &IncidentFile::incidentOpened, this, &WallWindow::attachJournal);
    connect(&m_file, &IncidentFile::incidentClosed, this, &WallWindow::attachJournal);
    connect(&m_tick, &QTimer::timeout, this, &WallWindow::refresh);
    connect(&m_rotation, &QTimer::timeout, this, &WallWindow::rotate);
    m_tick.start(1000);
    attachJournal();
    applyScale();
}

void WallWindow::attachJournal()
{
    // Everything the journal holds is read once here; afterwards only what it announces (local appends and
    // those of another writer, noticed by its watch) is folded in.
    disconnect(m_journalConnection);
    disconnect(m_reorderConnection);
    m_digest = IncidentDigest{};
    m_digest.latestCount = 60; // enough to fill a 4K timeline tile after folding repeats
    m_lastEventId = 0;
    m_firstReadId = 0;
    m_eventsRead = 0;
    m_journal = m_file.isOpen() ? m_file.journal() : nullptr;
    if (m_journal) {
        m_journalConnection = connect(m_journal, &Journal::eventsAppended, this, [this](const auto &events) {
            takeEvents(events);
            refresh();
        });
        // A team incident: an event from the server landed before ones already folded in. Read it all again.
        m_reorderConnection = connect(m_journal, &Journal::reordered, this, &WallWindow::attachJournal);
        takeEvents(m_journal->eventsAfter(0));
        m_firstReadId = m_lastEventId;
    }
    refresh();
}

void WallWindow::takeEvents(const QList<TimelineEvent> &events)
{
    for (const TimelineEvent &e : events) {
        // New rows get ids above every earlier one: an announcement overlapping the first read is skipped.
        // (Within a batch ids need not grow: a team incident's timeline order is the server's.)
        if (e.id <= m_firstReadId)
            continue;
        m_digest.apply(e);
        m_lastEventId = std::max(m_lastEventId, e.id);
        ++m_eventsRead;
    }
}

QList<WallTile *> WallWindow::tiles() const
{
    QList<WallTile *> out{m_pods, m_alerts, m_runbook, m_timeline};
    out += m_charts;
    return out;
}

void WallWindow::setLivePods(const IncidentDigest::Pods &pods)
{
    setPodsProvider([pods] { return std::optional<IncidentDigest::Pods>(pods); });
}

void WallWindow::setPodsProvider(std::function<std::optional<IncidentDigest::Pods>()> provider)
{
    m_podsProvider = std::move(provider);
    refresh();
}

void WallWindow::addChart(QWidget *chart)
{
    if (m_charts.size() >= 4)
        return;
    auto *tile = new WallTile(chart->windowTitle().isEmpty() ? tr("Chart") : chart->windowTitle(), this);
    tile->setBody(chart);
    tile->setScale(m_scale);
    m_charts.append(tile);
    layOutCharts();
    WallChartStyle::apply(chart, m_scale);
}

void WallWindow::clearCharts()
{
    qDeleteAll(m_charts);
    m_charts.clear();
    layOutCharts();
}

void WallWindow::layOutCharts()
{
    // Charts sit right of the timeline, two per row; a third and fourth open a third row.
    m_grid->removeWidget(m_timeline);
    if (m_charts.isEmpty()) {
        m_grid->addWidget(m_timeline, 1, 0, 1, 3);
        m_grid->setRowStretch(2, 0);
        return;
    }
    const int rows = m_charts.size() > 2 ? 2 : 1;
    m_grid->addWidget(m_timeline, 1, 0, rows, 1);
    for (int i = 0; i < m_charts.size(); ++i)
        m_grid->addWidget(m_charts[i], 1 + i / 2, 1 + i % 2);
    m_grid->setRowStretch(2, rows == 2 ? 1 : 0);
}

void WallWindow::setCountdownProvider(std::function<Countdown()> provider)
{
    m_countdownProvider = std::move(provider);
    refresh();
}

void WallWindow::setRotationSecs(int secs)
{
    if (secs <= 0)
        m_rotation.stop();
    else
        m_rotation.start(secs * 1000);
}

void WallWindow::rotate()
{
    // Two layouts: everything, and charts enlarged (for when the room watches the recovery).
    m_layoutIndex = (m_layoutIndex + 1) % 2;
    const bool chartsOnly = m_layoutIndex == 1 && !m_charts.isEmpty();
    m_pods->setVisible(!chartsOnly);
    m_alerts->setVisible(!chartsOnly);
    m_runbook->setVisible(!chartsOnly);
    m_timeline->setVisible(!chartsOnly);
}

void WallWindow::showOnScreen(const QString &screenName)
{
    QSettings settings;
    const QString wanted =
        screenName.isEmpty() ? settings.value(QStringLiteral("wall/screen")).toString() : screenName;
    // The remembered screen; else, with a second screen, that one (the wall beside the laptop's own).
    QScreen *target = QGuiApplication::primaryScreen();
    for (QScreen *s : QGuiApplication::screens()) {
        if (wanted.isEmpty() ? s != QGuiApplication::primaryScreen() : s->name() == wanted) {
            target = s;
            break;
        }
    }
    if (target) {
        settings.setValue(QStringLiteral("wall/screen"), target->name());
        setGeometry(target->geometry());
    }
    showFullScreen();
}

void WallWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    applyScale();
}

void WallWindow::applyScale()
{
    // 1.0 at 1920x1080; text grows with the smaller dimension so it stays readable from five metres.
    m_scale = std::max(0.6, std::min(width() / 1920.0, height() / 1080.0));
    QFont big = font();
    big.setPixelSize(int(46 * m_scale));
    big.setBold(true);
    m_title->setFont(big);
    m_severity->setFont(big);
    m_countdown->setFont(big);
    QFont meta = font();
    meta.setPixelSize(int(28 * m_scale));
    m_meta->setFont(meta);
    m_clock->setFont(meta);
    m_stale->setFont(meta);
    const int gap = int(14 * m_scale);
    m_grid->setContentsMargins(gap, gap, gap, gap);
    m_grid->setSpacing(gap);
    m_band->layout()->setContentsMargins(gap * 2, gap, gap * 2, gap);
    for (WallTile *t : tiles())
        t->setScale(m_scale);
    restyleCharts();
}

void WallWindow::restyleCharts()
{
    for (WallTile *t : std::as_const(m_charts)) {
        if (t->body())
            WallChartStyle::apply(t->body(), m_scale);
    }
}

QString WallWindow::headerText() const
{
    return m_severity->text() + QLatin1Char(' ') + m_title->text() + QLatin1Char(' ') + m_meta->text() +
           QLatin1Char(' ') + m_countdown->text();
}

QString WallWindow::staleText() const
{
    // The banner's own state, not whether the window is on screen yet.
    return m_stale->isHidden() ? QString() : m_stale->text();
}

void WallWindow::refresh()
{
    const qint64 now = m_file.clock().nowMs();
    m_clock->setText(QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'")));
    if (!m_file.isOpen() || !m_file.session()->incident().isDeclared()) {
        m_severity->setText(tr("NO INCIDENT"));
        m_title->setText(tr("Waiting for an incident"));
        m_meta->clear();
        m_countdown->clear();
        m_countdown->setStyleSheet({});
        m_countdownOverdue = false;
        m_band->setStyleSheet(QStringLiteral("background:#37474f;color:#fff;"));
        for (WallTile *t : {m_pods, m_alerts, m_runbook, m_timeline}) {
            t->setItems({});
            t->setAsOf({}, false);
        }
        m_stale->hide();
        emit refreshed();
        return;
    }
    m_lastRefreshMs = now;
    const Incident &inc = m_file.session()->incident();
    const auto level = inc.severities().find(inc.severity());
    const QColor bg = SeverityPalette::severityColor(level ? level->rank : -1);
    m_band->setStyleSheet(
        QStringLiteral("background:%1;color:%2;").arg(bg.name(), SeverityPalette::textOn(bg).name()));
    m_severity->setText(
        QStringLiteral("%1 \u00b7 %2").arg(inc.severity(), statusName(inc.status()).toUpper()));
    m_title->setText(inc.title());
    const qint64 end = inc.milestones().has(Milestone::Resolved)
                           ? inc.milestones().at(Milestone::Resolved)->toMSecsSinceEpoch()
                           : now;
    m_meta->setText(
        tr("%1 since impact \u00b7 IC: %2%3")
            .arg(formatDuration((end - inc.startMs()) / 1000),
                 inc.commander().isEmpty() ? tr("unassigned") : inc.commander(),
                 inc.service().isEmpty() ? QString() : QStringLiteral(" \u00b7 ") + inc.service()));
    const Countdown countdown = m_countdownProvider ? m_countdownProvider() : Countdown{};
    m_countdownOverdue = countdown.overdue && !countdown.text.isEmpty();
    // Red on a red P0 band would vanish: the badge keeps a white frame so it reads on any severity colour.
    m_countdown->setText(m_countdownOverdue ? QStringLiteral("\u26a0 ") + countdown.text : countdown.text);
    m_countdown->setStyleSheet(m_countdownOverdue
                                   ? QStringLiteral("background:#b71c1c;color:#ffffff;border:3px "
                                                    "solid #ffffff;border-radius:8px;padding:2px 14px;")
                                   : QString());

    // Pods: live when the cluster panes feed us, else the last snapshot in the journal.
    const std::optional<IncidentDigest::Pods> live = m_podsProvider ? m_podsProvider() : std::nullopt;
    const IncidentDigest::Pods pods = live ? *live : m_digest.pods;
    m_pods->setItems(WallContent::pods(pods));
    QStringList stale;
    if (!live && pods.asOfMs > 0) {
        // A snapshot in the journal is written when the counts change, so its age says nothing about
        // staleness.
        m_pods->setAsOf(tr("last change %1 (journal)").arg(hhmm(pods.asOfMs)), false);
    } else if (pods.asOfMs > 0) {
        const bool old = now - pods.asOfMs > qint64(m_staleAfterSecs) * 1000;
        m_pods->setAsOf(tr("data as of %1").arg(hhmm(pods.asOfMs)), old);
        if (old)
            stale << tr("pod data is %1 old").arg(formatDuration((now - pods.asOfMs) / 1000));
    } else {
        m_pods->setAsOf(tr("no pod source"), false);
    }

    m_alerts->setItems(WallContent::alerts(m_digest.firing));
    m_alerts->setAsOf(tr("from the journal, as of %1").arg(hhmm(now)), false);

    const auto &rb = m_digest.runbook;
    m_runbook->setItems(WallContent::runbook(rb));
    m_runbook->setAsOf(rb.total > 0 ? tr("updated %1").arg(hhmm(rb.updatedMs)) : QString(), false);

    m_timeline->setItems(WallContent::timeline(m_digest.latest));
    const bool follower = m_file.journal()->isReadOnly();
    m_timeline->setAsOf(follower ? tr("following %1, as of %2").arg(m_file.path(), hhmm(now))
                                 : tr("as of %1").arg(hhmm(now)),
                        false);

    m_stale->setText(
        stale.isEmpty()
            ? QString()
            : tr("STALE: %1 \u2014 the source stopped updating").arg(stale.join(QStringLiteral("; "))));
    m_stale->setVisible(!stale.isEmpty());
    restyleCharts();
    emit refreshed();
}

} // namespace Sitrep::Ui
