// The first-run dialog's Test buttons against real servers: the simulated cluster over TLS with a token, a
// real Prometheus and Alertmanager, and the ways they fail (401, untrusted certificate, refused, hanging),
// each answered with a sentence that says which.
#include "../prom/PromFixture.h"
#include "ConnectionChecks.h"
#include "ConnectionDialog.h"
#include "EnvironmentBar.h"
#include "PrometheusOptionsDialog.h"
#include "core/ManualClock.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Ui;
using Core::Environment;

namespace {
struct Answer
{
    bool done = false;
    bool ok = false;
    QString sentence;
    ConnectionTesters::Done callback()
    {
        return [this](bool o, const QString &s) {
            done = true;
            ok = o;
            sentence = s;
        };
    }
};
} // namespace

class TstConnectionChecks final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clusterAnswers();
    void clusterRejectsTheToken();
    void clusterCertificateNotTrusted();
    void nothingListens();
    void serverHangs();
    void prometheusAndAlertmanager();
    void dialogTestButtonSaysWhatWorked();
    void bannerSaysWhatIsMissing();
    void typedSecretsReachTheKeychainOnlyOnSave();
    void prometheusOptionsAsGrafanaHasThem();

private:
    Environment cluster() const
    {
        Environment e;
        e.name = QStringLiteral("sim");
        e.kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        e.kubeContext = m_context;
        return e;
    }

    QTemporaryDir m_dir;
    Core::ManualClock m_clock;
    Sim::SimServer m_sim;
    QString m_context;
    Test::PromFixture m_prom;
    ConnectionChecks m_checks{m_clock, nullptr};
};

void TstConnectionChecks::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_sim.loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    QVERIFY(m_sim.start(0, true).ok());
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(m_sim.writeKubeconfig(kubeconfig).ok());
    const QStringList contexts = ConnectionChecks::contexts(kubeconfig);
    QCOMPARE(contexts.size(), 1);
    m_context = contexts.first();
    m_checks.setTimeoutMs(3000);
    const QString error = m_prom.start({}, true);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TstConnectionChecks::clusterAnswers()
{
    Answer a;
    m_checks.testCluster(cluster(), a.callback());
    QTRY_VERIFY_WITH_TIMEOUT(a.done, 10000);
    QVERIFY2(a.ok, qPrintable(a.sentence));
    QVERIFY2(a.sentence.startsWith(QLatin1String("Kubernetes v1.")) &&
                 a.sentence.contains(QLatin1String("can be listed")),
             qPrintable(a.sentence));
}

void TstConnectionChecks::clusterRejectsTheToken()
{
    const QString token = m_sim.token();
    m_sim.setToken(QStringLiteral("rotated-token-the-kubeconfig-does-not-know"));
    Answer a;
    m_checks.testCluster(cluster(), a.callback());
    QTRY_VERIFY_WITH_TIMEOUT(a.done, 10000);
    m_sim.setToken(token);
    QVERIFY(!a.ok);
    // /version answers anyone; the pod list is what the token must pass.
    QVERIFY2(a.sentence.contains(QLatin1String("The server answered")) &&
                 a.sentence.contains(QLatin1String("401")),
             qPrintable(a.sentence));
}

void TstConnectionChecks::clusterCertificateNotTrusted()
{
    // The same server with the CA taken out of the kubeconfig: the system trust store does not know it.
    QFile in(m_dir.filePath(QStringLiteral("kubeconfig")));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray yaml;
    for (const QByteArray &line : in.readAll().split('\n')) {
        if (!line.contains("certificate-authority-data"))
            yaml += line + '\n';
    }
    QFile out(m_dir.filePath(QStringLiteral("kubeconfig-no-ca")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(yaml);
    out.close();
    Environment e = cluster();
    e.kubeconfig = out.fileName();
    Answer a;
    m_checks.testCluster(e, a.callback());
    QTRY_VERIFY_WITH_TIMEOUT(a.done, 10000);
    QVERIFY(!a.ok);
    QVERIFY2(a.sentence.contains(QLatin1String("certificate"), Qt::CaseInsensitive) ||
                 a.sentence.contains(QLatin1String("TLS")),
             qPrintable(a.sentence));
}

void TstConnectionChecks::nothingListens()
{
    const quint16 port = Test::freePort();
    Environment e;
    e.prometheusUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    e.alertmanagerUrl = e.prometheusUrl;
    e.sshBastion = QStringLiteral("ops@127.0.0.1:%1").arg(port);
    Answer prom, am, ssh;
    m_checks.testPrometheus(e, prom.callback());
    m_checks.testAlertmanager(e, am.callback());
    m_checks.testSsh(e, ssh.callback());
    QTRY_VERIFY_WITH_TIMEOUT(prom.done && am.done && ssh.done, 15000);
    for (const Answer *a : {&prom, &am, &ssh}) {
        QVERIFY(!a->ok);
        QVERIFY2(a->sentence.contains(QLatin1String("refused"), Qt::CaseInsensitive),
                 qPrintable(a->sentence));
    }
    Environment bad;
    bad.sshBastion = QStringLiteral("ops@bastion:ssh");
    Answer port2;
    m_checks.testSsh(bad, port2.callback());
    QVERIFY(port2.done && !port2.ok);
    QVERIFY2(port2.sentence.contains(QLatin1String("\"ssh\"")), qPrintable(port2.sentence));
}

void TstConnectionChecks::serverHangs()
{
    // Accepts the connection and never answers.
    QTcpServer hang;
    QVERIFY(hang.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&hang, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = hang.nextPendingConnection())
            held << s;
    });
    ConnectionChecks quick(m_clock, nullptr);
    quick.setTimeoutMs(800);
    Environment e;
    e.prometheusUrl = QStringLiteral("http://127.0.0.1:%1").arg(hang.serverPort());
    Answer a;
    quick.testPrometheus(e, a.callback());
    QTRY_VERIFY_WITH_TIMEOUT(a.done, 10000);
    QVERIFY(!a.ok);
    QVERIFY2(a.sentence.contains(QLatin1String("timed out"), Qt::CaseInsensitive) ||
                 a.sentence.contains(QLatin1String("did not answer"), Qt::CaseInsensitive),
             qPrintable(a.sentence));
}

void TstConnectionChecks::prometheusAndAlertmanager()
{
    Environment e;
    e.prometheusUrl = m_prom.prometheusUrl().toString();
    e.alertmanagerUrl = m_prom.alertmanagerUrl().toString();
    Answer prom, am;
    m_checks.testPrometheus(e, prom.callback());
    m_checks.testAlertmanager(e, am.callback());
    QTRY_VERIFY_WITH_TIMEOUT(prom.done && am.done, 10000);
    QVERIFY2(prom.ok && prom.sentence.startsWith(QLatin1String("Prometheus 2.")), qPrintable(prom.sentence));
    QVERIFY2(am.ok && am.sentence.startsWith(QLatin1String("Alertmanager at")), qPrintable(am.sentence));
    // A URL that is Prometheus's host but not its API.
    e.prometheusUrl = m_prom.prometheusUrl().toString() + QStringLiteral("/not-prometheus");
    Answer wrong;
    m_checks.testPrometheus(e, wrong.callback());
    QTRY_VERIFY_WITH_TIMEOUT(wrong.done, 10000);
    QVERIFY(!wrong.ok);
    QVERIFY2(wrong.sentence.contains(QLatin1String("404")), qPrintable(wrong.sentence));
}

void TstConnectionChecks::dialogTestButtonSaysWhatWorked()
{
    Environment e = cluster();
    e.prometheusUrl = m_prom.prometheusUrl().toString();
    ConnectionDialog dialog({e}, m_checks.testers());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.test(QStringLiteral("cluster"));
    dialog.test(QStringLiteral("prometheus"));
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog.resultText(QStringLiteral("cluster")).startsWith(QStringLiteral("\u2713 Kubernetes")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog.resultText(QStringLiteral("prometheus")).startsWith(QStringLiteral("\u2713 Prometheus")),
        10000);
    QVERIFY(
        dialog.grab().save(Test::outputDir(QStringLiteral("connections")) + QStringLiteral("/dialog.png")));
    dialog.accept();
    QCOMPARE(dialog.environments().size(), 1);
    QCOMPARE(dialog.environments().first().kubeContext, m_context);
}

void TstConnectionChecks::bannerSaysWhatIsMissing()
{
    EnvironmentBar bar;
    QSignalSpy chosen(&bar, &EnvironmentBar::environmentChosen);
    Environment prod;
    prod.name = QStringLiteral("prod-eu");
    prod.kubeContext = QStringLiteral("prod-eu-admin");
    Environment staging;
    staging.name = QStringLiteral("staging");
    staging.colour = QStringLiteral("#f9a825");
    staging.prometheusUrl = QStringLiteral("http://prometheus.staging:9090");
    bar.setEnvironments({prod, staging}, QStringLiteral("prod-eu"));
    QCOMPARE(chosen.size(), 0); // filling the box is not a choice
    bar.showActive(prod);
    QCOMPARE(bar.bannerText(), QStringLiteral("PROD-EU \u00b7 context prod-eu-admin"));
    QVERIFY2(bar.missingText().contains(QLatin1String("No Prometheus URL")), qPrintable(bar.missingText()));
    bar.showActive({});
    QVERIFY(bar.missingText().contains(QLatin1String("No Kubernetes context")));
    auto *box = bar.findChild<QComboBox *>(QStringLiteral("environmentBox"));
    QVERIFY(box);
    box->setCurrentIndex(1);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().first().toString(), QStringLiteral("staging"));
}

void TstConnectionChecks::typedSecretsReachTheKeychainOnlyOnSave()
{
    QList<QPair<QString, QString>> held, stored;
    QString tokenSeenByTest;
    ConnectionTesters testers;
    testers.holdSecret = [&held](const QString &n, const QString &v) { held.append({n, v}); };
    testers.storeSecret = [&stored](const QString &n, const QString &v) { stored.append({n, v}); };
    testers.testPrometheus = [&held, &tokenSeenByTest](const Environment &e, ConnectionTesters::Done done) {
        for (const auto &[name, value] : held)
            tokenSeenByTest = name == e.prometheusSecret ? value : tokenSeenByTest;
        done(true, QStringLiteral("answered"));
    };
    Environment prod;
    prod.name = QStringLiteral("prod-eu");
    prod.prometheusUrl = QStringLiteral("http://prometheus.example:9090");
    {
        // Typed, tested, then cancelled: Test used the token, the keychain never saw it.
        ConnectionDialog dialog({prod}, testers);
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("prometheusToken"));
        QVERIFY(token);
        token->setText(QStringLiteral("s3cr3t-token"));
        dialog.test(QStringLiteral("prometheus"));
        QCOMPARE(tokenSeenByTest, QStringLiteral("s3cr3t-token"));
        QVERIFY(token->text().isEmpty()); // not kept in the widget
        dialog.reject();
        QVERIFY(stored.isEmpty());
    }
    {
        // Typed and saved: stored once under the environment's name; the settings keep only that name.
        ConnectionDialog dialog({prod}, testers);
        dialog.findChild<QLineEdit *>(QStringLiteral("prometheusToken"))
            ->setText(QStringLiteral("s3cr3t-token"));
        dialog.findChild<QLineEdit *>(QStringLiteral("sshPassphrase"))
            ->setText(QStringLiteral("correct horse"));
        dialog.accept();
        QCOMPARE(stored.size(), 2);
        QVERIFY(stored.contains({QStringLiteral("prometheus/prod-eu"), QStringLiteral("s3cr3t-token")}));
        QVERIFY(stored.contains({QStringLiteral("ssh/prod-eu"), QStringLiteral("correct horse")}));
        QCOMPARE(dialog.environments().first().prometheusSecret, QStringLiteral("prometheus/prod-eu"));
        QCOMPARE(dialog.environments().first().sshKeySecret, QStringLiteral("ssh/prod-eu"));
    }
}

void TstConnectionChecks::prometheusOptionsAsGrafanaHasThem()
{
    Environment prod;
    prod.name = QStringLiteral("prod-eu");
    prod.prometheusUrl = QStringLiteral("https://prometheus.example");
    PrometheusOptionsDialog options(prod);
    const auto field = [&options](const char *name) {
        return options.findChild<QLineEdit *>(QLatin1String(name));
    };
    // A file that is not there: the dialog stays open and names the setting.
    field("promCaFile")->setText(QStringLiteral("/nonexistent/ca.pem"));
    options.accept();
    QCOMPARE(options.result(), int(QDialog::Rejected));
    const QString error = options.findChild<QLabel *>(QStringLiteral("promError"))->text();
    QVERIFY2(error.contains(QLatin1String("prometheusCaFile")) &&
                 error.contains(QLatin1String("/nonexistent")),
             qPrintable(error));
    // A header name HTTP does not allow is refused as typed.
    field("promCaFile")->clear();
    field("promHeaderName")->setText(QStringLiteral("X Org"));
    field("promHeaderValue")->setText(QStringLiteral("tenant-secret"));
    options.findChild<QPushButton *>(QStringLiteral("promAddHeader"))->click();
    QVERIFY(options.environment().prometheusHeaders.isEmpty());
    // A good one: its value goes to the keychain, the settings keep the entry's name.
    field("promHeaderName")->setText(QStringLiteral("X-Scope-OrgID"));
    options.findChild<QPushButton *>(QStringLiteral("promAddHeader"))->click();
    field("promUser")->setText(QStringLiteral("grafana"));
    field("promServerName")->setText(QStringLiteral("prom.internal"));
    auto *skip = options.findChild<QCheckBox *>(QStringLiteral("promSkipVerify"));
    skip->setChecked(true);
    options.accept();
    QCOMPARE(options.result(), int(QDialog::Accepted));
    const Environment e = options.environment();
    QCOMPARE(e.prometheusHeaders,
             QStringList{QStringLiteral("X-Scope-OrgID=prometheus/prod-eu/header/X-Scope-OrgID")});
    QCOMPARE(options.secrets().value(QStringLiteral("prometheus/prod-eu/header/X-Scope-OrgID")),
             QStringLiteral("tenant-secret"));
    QCOMPARE(e.prometheusUser, QStringLiteral("grafana"));
    QCOMPARE(e.prometheusServerName, QStringLiteral("prom.internal"));
    QVERIFY(e.prometheusSkipVerify);
    QVERIFY(options.grab().save(Test::outputDir(QStringLiteral("connections")) +
                                QStringLiteral("/prometheus-options.png")));
    // Skip-verify is said in the banner while it is on.
    EnvironmentBar bar;
    bar.showActive(e);
    QVERIFY2(bar.bannerText().contains(QLatin1String("TLS not verified")), qPrintable(bar.bannerText()));
    Environment verified = e;
    verified.prometheusSkipVerify = false;
    bar.showActive(verified);
    QVERIFY(!bar.bannerText().contains(QLatin1String("TLS not verified")));
}

QTEST_MAIN(TstConnectionChecks)
#include "tst_connectionchecks.moc"
