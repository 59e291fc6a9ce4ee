#include "WallTile.h"
#include "WallWindow.h"
#include "core/IncidentFile.h"
#include "core/ManualClock.h"
#include "support/TestEnv.h"

#include <QImage>
#include <QLabel>
#include <QProcess>
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
    void livePodsFromTheProvider();
    void followerSeesAnotherWriter();
    void rotationShowsChartsAlone();

private:
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
    auto *alertText = tiles[1]->textLabel();
    QVERIFY(alertText->text().contains(QLatin1String("ApiGatewayErrorBudgetBurn")));
    QVERIFY(!alertText->text().contains(QLatin1String("KubePodCrashLooping")));
    QVERIFY(tiles[0]->textLabel()->text().contains(QLatin1String("CrashLoopBackOff")));
    QVERIFY(tiles[2]->textLabel()->text().contains(QLatin1String("3 of 12 steps")));
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
    QVERIFY(wall.staleText().isEmpty() || !wall.isVisible());
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    wall.refresh();
    QVERIFY(wall.staleText().isEmpty());
    m_clock.advanceSecs(180);
    wall.refresh();
    QVERIFY2(wall.staleText().contains(QLatin1String("pod data is 3m 00s old")),
             qPrintable(wall.staleText()));
    m_clock.advanceSecs(-180);
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
    const QString text = wall.tiles().first()->textLabel()->text();
    QVERIFY2(text.contains(QLatin1String("CrashLoopBackOff")) &&
                 text.contains(QLatin1String("api-gateway-v2-b")),
             qPrintable(text));
    // The provider is asked on every refresh: the wall sees the heal without being told.
    live->byState = {{QStringLiteral("Running"), 3}};
    live->crashing.clear();
    wall.refresh();
    QVERIFY(!wall.tiles().first()->textLabel()->text().contains(QLatin1String("CrashLoopBackOff")));
    QVERIFY(wall.staleText().isEmpty());
}

QTEST_MAIN(TstWall)
#include "tst_wall.moc"
