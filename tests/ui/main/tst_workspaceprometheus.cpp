// The workspace's Prometheus and Alertmanager wiring, against scripted HTTP servers: the token the
// Connections dialog saved in the keychain reaches the live client the charts and alerts panes use (and
// nothing else), the environment's Alertmanager reaches the alerts pane (alerts, silences, "Silence 1h..."),
// the user's dashboards join the bundled ones, and a quick change of environment is not undone by a late
// keychain answer.
#include "AlertsPane.h"
#include "ChartsPane.h"
#include "MainWindow.h"
#include "MonitoringConnection.h"
#include "SilencesView.h"
#include "Workspace.h"
#include "core/Environment.h"
#include "core/IncidentFile.h"
#include "core/ManualClock.h"
#include "core/Redactor.h"
#include "prom/AlertmanagerClient.h"
#include "prom/PromClient.h"
#include "secrets/SecretStore.h"
#include "support/TestEnv.h"
#include "unit/prom/FakeHttpServer.h"

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Ui;

namespace {
constexpr char kToken[] = "prom-token-3f9a1c";
}

class TstWorkspacePrometheus final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void environmentConnectsBothWithTheToken();
    void laterEnvironmentWinsOverALateSecret();

private:
    QTemporaryDir m_home;
};

void TstWorkspacePrometheus::initTestCase()
{
    QVERIFY(m_home.isValid());
    Test::isolateHome(m_home.path(), QStringLiteral("tst_workspaceprometheus"));
    // A dashboard of the team's own in ~/.config/sitrep/dashboards, and one that is broken.
    const QString dir = m_home.filePath(QStringLiteral("config/sitrep/dashboards"));
    QVERIFY(QDir().mkpath(dir));
    QFile team(QDir(dir).filePath(QStringLiteral("team.json")));
    QVERIFY(team.open(QIODevice::WriteOnly));
    QVERIFY(team.write("{\"sitrepDashboard\":1,\"title\":\"Team board\",\"panels\":[{\"title\":\"up\","
                       "\"targets\":[{\"expr\":\"up\"}]}]}") > 0);
    team.close();
    QFile broken(QDir(dir).filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    QVERIFY(broken.write("{") == 1);
}

void TstWorkspacePrometheus::environmentConnectsBothWithTheToken()
{
    Test::FakeHttpServer prometheus;
    prometheus.setResponse(200,
                           "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    Test::FakeHttpServer alertmanager;
    alertmanager.setResponse(200, "[]");
    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // What the Connections dialog saved (kept for the session here: the test has no keychain); the
    // environment names only the entry.
    workspace.secrets().keepForSession(QStringLiteral("prometheus/prod-eu"), QString::fromLatin1(kToken));
    Core::Environment prod;
    prod.name = QStringLiteral("prod-eu");
    prod.prometheusUrl = QStringLiteral("http://127.0.0.1:%1").arg(prometheus.serverPort());
    prod.prometheusSecret = QStringLiteral("prometheus/prod-eu");
    prod.alertmanagerUrl = QStringLiteral("http://127.0.0.1:%1").arg(alertmanager.serverPort());
    MonitoringConnection *monitoring = workspace.monitoring();
    QSignalSpy ready(monitoring, &MonitoringConnection::prometheusReady);
    QSignalSpy failed(monitoring, &MonitoringConnection::failed);
    workspace.applyEnvironment(prod);
    QCOMPARE(ready.size(), 0); // the secret is read asynchronously first
    QVERIFY(ready.wait(5000));
    QCOMPARE(failed.size(), 0);

    // The charts pane's queries carry the token.
    QCOMPARE(monitoring->prometheus()->config().url.port(), int(prometheus.serverPort()));
    QTRY_VERIFY(prometheus.requests() > 0);
    QVERIFY2(prometheus.lastRequest().contains(QByteArray("Authorization: Bearer ") + kToken),
             prometheus.lastRequest().constData());
    // Alertmanager is connected: the alerts pane asks it, and can silence and list silences.
    QVERIFY(monitoring->alertmanager());
    QCOMPARE(monitoring->alertmanager()->config().url.port(), int(alertmanager.serverPort()));
    QTRY_VERIFY(alertmanager.requests() >= 2); // alerts and silences
    AlertsPane *alerts = workspace.alerts();
    QPushButton *silence = nullptr;
    for (QPushButton *b : alerts->findChildren<QPushButton *>()) {
        if (b->text() == QLatin1String("&Silence 1h..."))
            silence = b;
    }
    QVERIFY(silence);
    QVERIFY(silence->isEnabled());
    QVERIFY(!alerts->silencesView()->isHidden());
    // The token goes to Prometheus only: not to Alertmanager, a different server.
    QVERIFY(!alertmanager.lastRequest().contains(kToken));

    // The bundled dashboards and the user's; the broken file is named, the others load.
    auto *box = workspace.charts()->findChild<QComboBox *>();
    QVERIFY(box);
    QStringList titles;
    for (int i = 0; i < box->count(); ++i)
        titles << box->itemText(i);
    QVERIFY2(titles.contains(QLatin1String("Service overview")), qPrintable(titles.join(u',')));
    QVERIFY2(titles.contains(QLatin1String("Team board")), qPrintable(titles.join(u',')));

    // No file the program wrote (settings, data) holds the token.
    QSettings().sync();
    QDirIterator it(m_home.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(kToken), qPrintable(f.fileName()));
    }

    // An environment without Alertmanager: the pane lets go of it.
    Core::Environment staging = prod;
    staging.name = QStringLiteral("staging");
    staging.alertmanagerUrl.clear();
    QSignalSpy changed(monitoring, &MonitoringConnection::alertmanagerChanged);
    workspace.applyEnvironment(staging);
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().value<Prom::AlertmanagerClient *>(), nullptr);
    QVERIFY(!monitoring->alertmanager());
    QVERIFY(!silence->isEnabled());
    QVERIFY(alerts->silencesView()->isHidden());
}

void TstWorkspacePrometheus::laterEnvironmentWinsOverALateSecret()
{
    Test::FakeHttpServer first;
    Test::FakeHttpServer second;
    Secrets::SecretStore secrets(QStringLiteral("sitrep-test"), std::make_shared<Core::Redactor>());
    secrets.keepForSession(QStringLiteral("prometheus/a"), QStringLiteral("token-a"));
    MonitoringConnection monitoring(&secrets);
    Core::Environment a;
    a.prometheusUrl = QStringLiteral("http://127.0.0.1:%1").arg(first.serverPort());
    a.prometheusSecret = QStringLiteral("prometheus/a");
    Core::Environment b;
    b.prometheusUrl = QStringLiteral("http://127.0.0.1:%1").arg(second.serverPort());
    QSignalSpy ready(&monitoring, &MonitoringConnection::prometheusReady);
    monitoring.apply(a); // its secret arrives on a later event-loop turn...
    monitoring.apply(b); // ...after the user picked b, which needs none
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.first().first().toUrl().port(), int(second.serverPort()));
    // A's secret arrives late: a read queued after it has answered, so it has too. It must not switch the
    // client back to a.
    bool after = false;
    secrets.load(QStringLiteral("prometheus/a"), [&after](const Core::Result<QString> &) { after = true; });
    QTRY_VERIFY(after);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(monitoring.prometheus()->config().url.port(), int(second.serverPort()));
    QVERIFY(monitoring.prometheus()->config().bearerToken.isEmpty());
}

QTEST_MAIN(TstWorkspacePrometheus)
#include "tst_workspaceprometheus.moc"
