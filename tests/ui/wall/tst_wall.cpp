#include "ElidedLabel.h"
#include "WallContent.h"
#include "WallList.h"
#include "WallTile.h"
#include "WallWindow.h"
#include "core/IncidentFile.h"
#include "core/ManualClock.h"
#include "support/TestEnv.h"

#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Ui;

class TstWall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void digest();
    void geometry_data();
    void geometry();
    void staleBanner();
    void overdueCountdownIsARedBadge();
    void fourChartsTileWithoutOverlap();
    void chartLegendsTakeTheWallsColours();
    void livePodsFromTheProvider();
    void followerSeesAnotherWriter();
    void rotationShowsChartsAlone();
    void overflowIsCountedNeverCut_data();
    void overflowIsCountedNeverCut();
    void repeatsFoldIntoOneLine();
    void runbookTileSaysPhaseAndNextStep();
    void readsOnlyNewEvents();

private:
    // Every text tile draws within its body, and its title is elided only when it does not fit.
    static void checkTilesFit(const WallWindow &wall);
    QTemporaryDir m_dir;
    // Near real time: the follower test appends through the CLI, which uses the system clock.
    ManualClock m_clock{QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() - 60, Qt::UTC)};
    QString path() const { return m_dir.filePath(QStringLiteral("wall.sitrep")); }
};

void TstWall::initTestCase()
{
    IncidentFile file(m_clock, QStringLiteral("alice"));
    QVERIFY(file.create(path(), {QStringLiteral("Checkout returns 502"), QStringLiteral("api-gateway"),
                                 QStringLiteral("P0"), SeverityScheme::defaults(),
                                 m_clock.now().addSecs(-1800), QStringLiteral("alice")})
                .ok());
    auto *s = file.session();
    QVERIFY(s->setStatus(Status::Identified).ok());
    QVERIFY(s->record(EventKind::Alert, QStringLiteral("FIRING ApiGatewayErrorBudgetBurn"),
                      {{QStringLiteral("fingerprint"), QStringLiteral("a1")},
                       {QStringLiteral("alertname"), QStringLiteral("ApiGatewayErrorBudgetBurn")},
                       {QStringLiteral("state"), QStringLiteral("firing")},
                       {QStringLiteral("severity"), QStringLiteral("critical")},
                       {QStringLiteral("summary"), QStringLiteral("Burning 14.4x the error budget over 1h")}})
                .ok());
    QVERIFY(s->record(EventKind::Alert, QStringLiteral("FIRING KubePodCrashLooping"),
                      {{QStringLiteral("fingerprint"), QStringLiteral("a2")},
                       {QStringLiteral("alertname"), QStringLiteral("KubePodCrashLooping")},
                       {QStringLiteral("state"), QStringLiteral("firing")}})
                .ok());
    QVERIFY(s->record(EventKind::Alert, QStringLiteral("RESOLVED KubePodCrashLooping"),
                      {{QStringLiteral("fingerprint"), QStringLiteral("a2")},
                       {QStringLiteral("state"), QStringLiteral("resolved")}})
                .ok());
    QVERIFY(s->record(EventKind::ChecklistStep, QStringLiteral("Triage: check pod status (done)"),
                      {{QStringLiteral("runbook"), QStringLiteral("API gateway down")},
                       {QStringLiteral("phase"), QStringLiteral("triage")},
                       {QStringLiteral("done"), 3},
                       {QStringLiteral("total"), 12}})
                .ok());
    QVERIFY(
        s->record(EventKind::KubeEvent, QStringLiteral("pod summary"),
                  {{QStringLiteral("podSummary"),
                    QJsonObject{
                        {QStringLiteral("byState"), QJsonObject{{QStringLiteral("Running"), 4},
                                                                {QStringLiteral("CrashLoopBackOff"), 2}}},
                        {QStringLiteral("crashing"), QJsonArray{QStringLiteral("api-gateway-7d9f-x2k"),
                                                                QStringLiteral("api-gateway-7d9f-q8p")}}}}})
            .ok());
}

void TstWall::digest()
{
    Journal j;
    QVERIFY(j.open(path(), Journal::Mode::ReadOnly).ok());
    const auto d = IncidentDigest::fromEvents(j.events());
    QCOMPARE(d.firing.size(), 1);
    QCOMPARE(d.firing.first().name, QStringLiteral("ApiGatewayErrorBudgetBurn"));
    QCOMPARE(d.runbook.done, 3);
    QCOMPARE(d.runbook.total, 12);
    QCOMPARE(d.pods.byState.value(QStringLiteral("CrashLoopBackOff")), 2);
    QCOMPARE(d.pods.crashing.size(), 2);
}

void TstWall::geometry_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1080p") << QSize(1920, 1080);
    QTest::newRow("4k") << QSize(3840, 2160);
}

void TstWall::geometry()
{
    QFETCH(QSize, size);
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    wall.setCountdownProvider([] {
        return WallWindow::Countdown{QStringLiteral("next update due in 3:12"), false};
    });
    wall.resize(size);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    QTRY_COMPARE(wall.size(), size);
    wall.refresh();
    QCoreApplication::processEvents();

    QVERIFY(wall.headerText().contains(QStringLiteral("P0 \u00b7 IDENTIFIED")));
    QVERIFY(wall.headerText().contains(QLatin1String("30m 00s since impact")));
    QVERIFY(wall.headerText().contains(QLatin1String("next update due in 3:12")));
    // Typography follows the screen: 4K text is twice the 1080p size.
    const double expectedScale = std::max(0.6, std::min(size.width() / 1920.0, size.height() / 1080.0));
    QCOMPARE(wall.scale(), expectedScale);
    auto *title = wall.findChild<QLabel *>(QStringLiteral("wallTitle"));
    QCOMPARE(title->font().pixelSize(), int(46 * expectedScale));

    const QRect area = wall.rect();
    const auto tiles = wall.tiles();
    QCOMPARE(tiles.size(), 4);
    for (int i = 0; i < tiles.size(); ++i) {
        const QRect r = QRect(tiles[i]->mapTo(&wall, QPoint(0, 0)), tiles[i]->size());
        QVERIFY2(area.contains(r), qPrintable(tiles[i]->title()));
        // Large tiles: each at least a sixth of the width and a fifth of the height.
        QVERIFY2(r.width() >= size.width() / 6 && r.height() >= size.height() / 5,
                 qPrintable(tiles[i]->title()));
        for (int k = i + 1; k < tiles.size(); ++k) {
            const QRect o = QRect(tiles[k]->mapTo(&wall, QPoint(0, 0)), tiles[k]->size());
            QVERIFY2(!r.intersects(o),
                     qPrintable(tiles[i]->title() + QStringLiteral(" overlaps ") + tiles[k]->title()));
        }
    }
    const QString alertText = tiles[1]->text();
    QVERIFY(alertText.contains(QLatin1String("ApiGatewayErrorBudgetBurn")));
    QVERIFY(!alertText.contains(QLatin1String("KubePodCrashLooping")));
    QVERIFY(tiles[0]->text().contains(QLatin1String("CrashLoopBackOff")));
    QVERIFY(tiles[2]->text().contains(QLatin1String("3 of 12 steps")));
    // What is drawn says the same (nothing left out at these sizes).
    const QString drawn = tiles[1]->list()->shownLines().join(QLatin1Char('\n'));
    QVERIFY2(drawn.contains(QLatin1String("ApiGatewayErrorBudgetBurn")), qPrintable(drawn));
    checkTilesFit(wall);
    const QString out = Sitrep::Test::outputDir(QStringLiteral("wall")) +
                        QStringLiteral("/wall-%1x%2.png").arg(size.width()).arg(size.height());
    QVERIFY(wall.grab().save(out));
}

void TstWall::staleBanner()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    wall.setStaleAfterSecs(60);
    wall.resize(1280, 720);
    IncidentDigest::Pods pods;
    pods.byState.insert(QStringLiteral("Running"), 5);
    pods.asOfMs = m_clock.nowMs();
    wall.setLivePods(pods);
    // The banner's state is known before the window is shown: fresh data, no banner...
    QVERIFY2(wall.staleText().isEmpty(), qPrintable(wall.staleText()));
    m_clock.advanceSecs(180);
    wall.refresh();
    // ...old data, a banner, shown or not.
    QVERIFY2(wall.staleText().contains(QLatin1String("pod data is 3m 00s old")),
             qPrintable(wall.staleText()));
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    wall.refresh();
    auto *banner = wall.findChild<QLabel *>(QStringLiteral("wallStale"));
    QVERIFY(banner && banner->isVisible());
    m_clock.advanceSecs(-180);
    wall.refresh();
    QVERIFY2(wall.staleText().isEmpty(), qPrintable(wall.staleText()));
    QVERIFY(!banner->isVisible());
}

void TstWall::overdueCountdownIsARedBadge()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    WallWindow::Countdown countdown{QStringLiteral("update overdue by 1:05"), true};
    wall.setCountdownProvider([&countdown] { return countdown; });
    wall.resize(1280, 720);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    wall.refresh();
    auto *label = wall.findChild<QLabel *>(QStringLiteral("wallCountdown"));
    QVERIFY(label);
    QVERIFY(wall.countdownOverdue());
    // Said in words with a sign, not by colour alone.
    QCOMPARE(label->text(), QStringLiteral("\u26a0 update overdue by 1:05"));
    // And drawn as a red badge: the pixel just inside the white frame is the badge's red.
    const QImage image = label->grab().toImage();
    const QColor inside = image.pixelColor(6 * image.width() / label->width(), image.height() / 2);
    QVERIFY2(inside.red() > 150 && inside.green() < 60 && inside.blue() < 60, qPrintable(inside.name()));

    countdown = {QStringLiteral("next update due in 9:59"), false};
    wall.refresh();
    QVERIFY(!wall.countdownOverdue());
    QCOMPARE(label->text(), QStringLiteral("next update due in 9:59"));
    QVERIFY(label->styleSheet().isEmpty());
}

void TstWall::followerSeesAnotherWriter()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    wall.resize(1280, 720);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    QProcess cli;
    cli.start(Sitrep::Test::sitrepBinary(),
              {QStringLiteral("incident"), QStringLiteral("status"), path(), QStringLiteral("monitoring")});
    QVERIFY(cli.waitForFinished(10000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QTRY_VERIFY_WITH_TIMEOUT(wall.headerText().contains(QLatin1String("MONITORING")), 2000);
}

void TstWall::rotationShowsChartsAlone()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    auto *chart = new QLabel(QStringLiteral("chart"));
    chart->setWindowTitle(QStringLiteral("5xx ratio"));
    wall.addChart(chart);
    wall.resize(1920, 1080);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    QCOMPARE(wall.tiles().size(), 5);
    QVERIFY(wall.tiles().first()->isVisible());
    wall.setRotationSecs(1);
    QTRY_VERIFY_WITH_TIMEOUT(!wall.tiles().first()->isVisible(), 3000);
    QVERIFY(wall.tiles().last()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(wall.tiles().first()->isVisible(), 3000);
}

void TstWall::fourChartsTileWithoutOverlap()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    for (int i = 0; i < 5; ++i) { // the fifth is refused: four charts at most
        auto *chart = new QLabel(QStringLiteral("chart %1").arg(i));
        chart->setWindowTitle(QStringLiteral("Chart %1").arg(i));
        wall.addChart(chart);
    }
    wall.resize(1920, 1080);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    const QList<WallTile *> tiles = wall.tiles();
    QCOMPARE(tiles.size(), 8);
    for (int a = 0; a < tiles.size(); ++a) {
        QVERIFY2(tiles[a]->width() > 200 && tiles[a]->height() > 120, qPrintable(tiles[a]->title()));
        for (int b = a + 1; b < tiles.size(); ++b)
            QVERIFY2(!tiles[a]->geometry().intersects(tiles[b]->geometry()),
                     qPrintable(tiles[a]->title() + QStringLiteral(" overlaps ") + tiles[b]->title()));
    }
    wall.clearCharts();
    QCOMPARE(wall.tiles().size(), 4);
}

void TstWall::chartLegendsTakeTheWallsColours()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    // A chart as the charts pane makes it under a light theme: its legend list holds a white palette of its
    // own.
    auto *chart = new QWidget;
    chart->setWindowTitle(QStringLiteral("Request rate"));
    auto *legend = new QListWidget(chart);
    legend->addItem(QStringLiteral("200"));
    QPalette light = legend->palette();
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    legend->setPalette(light);
    wall.addChart(chart);
    wall.resize(1920, 1080);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    QCOMPARE(legend->palette().color(QPalette::Base), WallTile::background());
    QVERIFY(legend->palette().color(QPalette::Text).lightness() > 180);
}

void TstWall::livePodsFromTheProvider()
{
    IncidentFile file(m_clock, QStringLiteral("wall"));
    QVERIFY(file.open(path(), Journal::Mode::ReadOnly).ok());
    WallWindow wall(file);
    wall.setStaleAfterSecs(60);
    std::optional<IncidentDigest::Pods> live;
    wall.setPodsProvider([&live] { return live; });
    wall.resize(1280, 720);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    IncidentDigest::Pods pods;
    pods.byState.insert(QStringLiteral("CrashLoopBackOff"), 2);
    pods.byState.insert(QStringLiteral("Running"), 1);
    pods.crashing = QStringList{QStringLiteral("api-gateway-v2-a"), QStringLiteral("api-gateway-v2-b")};
    pods.asOfMs = m_clock.nowMs();
    live = pods;
    wall.refresh();
    const QString text = wall.tiles().first()->text();
    QVERIFY2(text.contains(QLatin1String("CrashLoopBackOff")) &&
                 text.contains(QLatin1String("api-gateway-v2-b")),
             qPrintable(text));
    // The provider is asked on every refresh: the wall sees the heal without being told.
    live->byState = {{QStringLiteral("Running"), 3}};
    live->crashing.clear();
    wall.refresh();
    QVERIFY(!wall.tiles().first()->text().contains(QLatin1String("CrashLoopBackOff")));
    QVERIFY(wall.staleText().isEmpty());
}

void TstWall::checkTilesFit(const WallWindow &wall)
{
    for (WallTile *tile : wall.tiles()) {
        if (!tile->isVisible())
            continue;
        const QRect inWall(tile->mapTo(&wall, QPoint(0, 0)), tile->size());
        QVERIFY2(wall.rect().contains(inWall), qPrintable(tile->title()));
        ElidedLabel *title = tile->titleLabel();
        // A title is shortened only when the whole of it does not fit.
        QVERIFY2(title->isElided() == (QFontMetrics(title->font()).horizontalAdvance(title->text()) >
                                       title->contentsRect().width()),
                 qPrintable(tile->title()));
        if (tile->body())
            continue;
        WallList *list = tile->list();
        QVERIFY2(list->drawnWidth() <= list->width(),
                 qPrintable(QStringLiteral("%1: a line is %2 px in %3 px")
                                .arg(tile->title())
                                .arg(list->drawnWidth())
                                .arg(list->width())));
        QVERIFY2(list->drawnHeight() <= list->height(),
                 qPrintable(QStringLiteral("%1: lines take %2 px of %3 px")
                                .arg(tile->title())
                                .arg(list->drawnHeight())
                                .arg(list->height())));
        const QRect body(list->mapTo(tile, QPoint(0, 0)), QSize(list->width(), list->drawnHeight()));
        QVERIFY2(tile->contentsRect().contains(body), qPrintable(tile->title()));
    }
}

void TstWall::overflowIsCountedNeverCut_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1080p") << QSize(1920, 1080);
    QTest::newRow("4k") << QSize(3840, 2160);
}

void TstWall::overflowIsCountedNeverCut()
{
    QFETCH(QSize, size);
    // An incident far busier than any tile: 40 failing pods, 12 firing alerts with long summaries, and 80
    // timeline entries of different kinds, none repeated within a minute.
    QTemporaryDir dir;
    ManualClock clock(m_clock.now());
    IncidentFile file(clock, QStringLiteral("alice"));
    QVERIFY(file.create(dir.filePath(QStringLiteral("busy.sitrep")),
                        {QStringLiteral("Checkout, search and login return 502 in every region after the "
                                        "api-gateway v2 rollout and the database failover"),
                         QStringLiteral("api-gateway"), QStringLiteral("P0"), SeverityScheme::defaults(),
                         clock.now().addSecs(-3600), QStringLiteral("alice")})
                .ok());
    auto *s = file.session();
    for (int i = 0; i < 12; ++i) {
        QVERIFY(
            s->record(
                 EventKind::Alert, QStringLiteral("FIRING Alert%1").arg(i),
                 {{QStringLiteral("fingerprint"), QStringLiteral("f%1").arg(i)},
                  {QStringLiteral("alertname"), QStringLiteral("ApiGatewayErrorBudgetBurnInRegion%1").arg(i)},
                  {QStringLiteral("state"), QStringLiteral("firing")},
                  {QStringLiteral("severity"), QStringLiteral("critical")},
                  {QStringLiteral("summary"),
                   QStringLiteral("api-gateway in region %1 is burning its error budget 14.4 times faster "
                                  "than allowed over the last hour and the last five minutes")
                       .arg(i)}})
                .ok());
    }
    const QList<EventKind> kinds = {EventKind::Note, EventKind::KubeEvent, EventKind::CommandRun};
    for (int i = 0; i < 80; ++i) {
        clock.advanceSecs(90); // more than a minute apart: nothing folds
        QVERIFY(s->record(kinds[i % kinds.size()],
                          QStringLiteral("Entry %1: a long line that says what happened to which pod, "
                                         "api-gateway-tshr84796g-487m9, and what the commander did about it")
                              .arg(i))
                    .ok());
    }
    WallWindow wall(file);
    IncidentDigest::Pods pods;
    pods.byState.insert(QStringLiteral("CrashLoopBackOff"), 40);
    pods.byState.insert(QStringLiteral("Running"), 3);
    for (int i = 0; i < 40; ++i)
        pods.crashing
            << QStringLiteral("api-gateway-tshr84796g-%1x%2q").arg(i, 2, 10, QLatin1Char('0')).arg(i % 7);
    pods.asOfMs = clock.nowMs();
    wall.setLivePods(pods);
    wall.resize(size);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    QTRY_COMPARE(wall.size(), size);
    wall.refresh();

    const auto tiles = wall.tiles();
    struct Expect
    {
        WallTile *tile;
        int items; // counted items the tile was given
    };
    // The timeline tile gets the newest entries the digest keeps (nothing folds: a minute and a half apart).
    const int timelineLines = int(WallContent::timeline(wall.digest().latest).size());
    QVERIFY(timelineLines >= 40);
    for (const auto &[tile, total] :
         {Expect{tiles[0], 40}, Expect{tiles[1], 12}, Expect{tiles[3], timelineLines}}) {
        WallList *list = tile->list();
        const QStringList lines = list->shownLines();
        QVERIFY2(list->hiddenItems() > 0, qPrintable(tile->title()));
        // The last line counts what was left out, and shown + left out is everything.
        QCOMPARE(lines.last(), QStringLiteral("+%1 more").arg(list->hiddenItems()));
        int shownCounted = 0;
        for (int i = 0; i < list->shownItems(); ++i)
            shownCounted += list->items()[i].counted ? 1 : 0;
        QCOMPARE(shownCounted + list->hiddenItems(), total);
        QVERIFY2(shownCounted >= 1, qPrintable(tile->title()));
    }
    // Failing pods keep the part of their name that tells them apart.
    const QStringList podLines = tiles[0]->list()->shownLines();
    QVERIFY(std::any_of(podLines.cbegin(), podLines.cend(),
                        [](const QString &l) { return l.endsWith(QLatin1String("-00x0q")); }));
    // Alert names that share a long head keep the tail that tells them apart ("…InRegion3"), each distinct.
    QStringList alertNames;
    for (const QString &line : tiles[1]->list()->shownLines()) {
        if (line.startsWith(QStringLiteral("\u25b2 ")))
            alertNames << line;
    }
    QVERIFY(alertNames.size() >= 2);
    QCOMPARE(QSet<QString>(alertNames.cbegin(), alertNames.cend()).size(), alertNames.size());
    for (int i = 0; i < alertNames.size(); ++i)
        QVERIFY2(alertNames[i].endsWith(QStringLiteral("Region%1").arg(i)), qPrintable(alertNames[i]));
    checkTilesFit(wall);
    // The band's title: two lines at most, elided, the whole of it on hover.
    auto *title = wall.findChild<ElidedLabel *>(QStringLiteral("wallTitle"));
    QVERIFY(title->shownLines().size() <= 2);
    if (title->isElided())
        QCOMPARE(title->toolTip(), title->text());
    const QString out = Sitrep::Test::outputDir(QStringLiteral("wall")) +
                        QStringLiteral("/wall-busy-%1x%2.png").arg(size.width()).arg(size.height());
    QVERIFY(wall.grab().save(out));
}

void TstWall::repeatsFoldIntoOneLine()
{
    QList<TimelineEvent> events;
    auto add = [&events](EventKind kind, qint64 secs, const QString &summary) {
        TimelineEvent e;
        e.id = events.size() + 1;
        e.kind = kind;
        e.tsMs = 1'700'000'000'000 + secs * 1000;
        e.summary = summary;
        events << e;
    };
    add(EventKind::Note, 0, QStringLiteral("rolled back"));
    for (int i = 0; i < 5; ++i) // five crash-loop alerts within 40 s
        add(EventKind::Alert, 10 + i * 10, QStringLiteral("Alert firing: KubePodCrashLooping pod %1").arg(i));
    add(EventKind::CommandRun, 55, QStringLiteral("Ran kubectl get pods"));
    add(EventKind::Alert, 200,
        QStringLiteral("Alert firing: a later one")); // over a minute later: its own line

    const auto folds = WallContent::fold(events);
    QCOMPARE(folds.size(), 4);
    QCOMPARE(folds[0].newest.summary, QStringLiteral("Alert firing: a later one"));
    QCOMPARE(folds[0].count, 1);
    QCOMPARE(folds[1].newest.kind, EventKind::CommandRun);
    QCOMPARE(folds[2].newest.kind, EventKind::Alert);
    QCOMPARE(folds[2].count, 5);
    QCOMPARE(folds[2].newest.summary, QStringLiteral("Alert firing: KubePodCrashLooping pod 4"));
    QCOMPARE(folds[3].newest.kind, EventKind::Note);

    // On the tile: one line for the five, with the count.
    const auto items = WallContent::timeline(events);
    QCOMPARE(items.size(), 4);
    QString line;
    for (const auto &span : items[2].lines.first())
        line += span.text;
    QVERIFY2(line.contains(QStringLiteral("\u00d75")), qPrintable(line));
}

void TstWall::runbookTileSaysPhaseAndNextStep()
{
    QTemporaryDir dir;
    IncidentFile file(m_clock, QStringLiteral("alice"));
    QVERIFY(file.create(dir.filePath(QStringLiteral("rb.sitrep")),
                        {QStringLiteral("Checkout returns 502"), QStringLiteral("api-gateway"),
                         QStringLiteral("P1"), SeverityScheme::defaults(), m_clock.now().addSecs(-600),
                         QStringLiteral("alice")})
                .ok());
    WallWindow wall(file);
    wall.resize(1920, 1080);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    auto *s = file.session();
    // Opened: the walk has no phase yet, the first step is next.
    QVERIFY(s->record(EventKind::ChecklistStep, QStringLiteral("Runbook opened: API gateway (12 steps)"),
                      {{QStringLiteral("runbook"), QStringLiteral("/rb/api.md")},
                       {QStringLiteral("runbookTitle"), QStringLiteral("API gateway")},
                       {QStringLiteral("state"), QStringLiteral("opened")},
                       {QStringLiteral("phase"), QStringLiteral("detection")},
                       {QStringLiteral("done"), 0},
                       {QStringLiteral("total"), 12},
                       {QStringLiteral("nextStep"), QStringLiteral("Error ratio of the last hour")}})
                .ok());
    WallTile *tile = wall.tiles()[2];
    QVERIFY2(tile->text().contains(QLatin1String("Phase: no step done yet")), qPrintable(tile->text()));
    QVERIFY2(tile->text().contains(QLatin1String("Next: Error ratio of the last hour")),
             qPrintable(tile->text()));
    // A triage step done: its phase is the current one, and the wizard's next step shows.
    QVERIFY(
        s->record(EventKind::ChecklistStep, QStringLiteral("Runbook step done: Check pod status"),
                  {{QStringLiteral("runbook"), QStringLiteral("/rb/api.md")},
                   {QStringLiteral("runbookTitle"), QStringLiteral("API gateway")},
                   {QStringLiteral("stepId"), QStringLiteral("s3")},
                   {QStringLiteral("state"), QStringLiteral("done")},
                   {QStringLiteral("text"), QStringLiteral("Check pod status and restart counts")},
                   {QStringLiteral("phase"), QStringLiteral("triage")},
                   {QStringLiteral("done"), 1},
                   {QStringLiteral("total"), 12},
                   {QStringLiteral("nextStep"), QStringLiteral("Check the deployment's rollout history")}})
            .ok());
    const QString text = tile->text();
    QVERIFY2(text.contains(QLatin1String("1 of 12 steps")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Phase: triage")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Next: Check the deployment's rollout history")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Last: Check pod status and restart counts")), qPrintable(text));
    // All of it is drawn: nothing is left out of the runbook tile at 1080p.
    QCOMPARE(tile->list()->hiddenItems(), 0);
    QCOMPARE(tile->list()->shownLines().size(), tile->text().split(QLatin1Char('\n')).size());
}

void TstWall::readsOnlyNewEvents()
{
    // The wall reads the journal once and then only what it announces: a second's tick reads nothing.
    QTemporaryDir dir;
    IncidentFile file(m_clock, QStringLiteral("alice"));
    QVERIFY(file.create(dir.filePath(QStringLiteral("many.sitrep")),
                        {QStringLiteral("Checkout returns 502"), QStringLiteral("api-gateway"),
                         QStringLiteral("P1"), SeverityScheme::defaults(), m_clock.now().addSecs(-600),
                         QStringLiteral("alice")})
                .ok());
    for (int i = 0; i < 300; ++i)
        QVERIFY(file.session()->record(EventKind::Note, QStringLiteral("note %1").arg(i)).ok());
    const qint64 inJournal = file.journal()->lastEventId();
    QVERIFY(inJournal > 300);
    WallWindow wall(file);
    wall.resize(1280, 720);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    QCOMPARE(wall.eventsRead(), inJournal);
    QSignalSpy ticks(&wall, &WallWindow::refreshed);
    for (int i = 0; i < 3; ++i)
        QVERIFY(ticks.wait(3000)); // the one-second tick, three times
    QCOMPARE(wall.eventsRead(), inJournal);
    // A new event is read once, at once, and shows.
    QVERIFY(file.session()->record(EventKind::Note, QStringLiteral("the newest note")).ok());
    QCOMPARE(wall.eventsRead(), inJournal + 1);
    QVERIFY(wall.tiles()[3]->text().contains(QLatin1String("the newest note")));
    QVERIFY(ticks.wait(3000));
    QCOMPARE(wall.eventsRead(), inJournal + 1);
    // Another incident: read once, from its start.
    QTemporaryDir other;
    QVERIFY(file.create(other.filePath(QStringLiteral("small.sitrep")),
                        {QStringLiteral("Search is slow"), QStringLiteral("search"), QStringLiteral("P3"),
                         SeverityScheme::defaults(), m_clock.now().addSecs(-60), QStringLiteral("alice")})
                .ok());
    QCOMPARE(wall.eventsRead(), file.journal()->lastEventId());
    QVERIFY(wall.headerText().contains(QLatin1String("Search is slow")));
}

QTEST_MAIN(TstWall)
#include "tst_wall.moc"
