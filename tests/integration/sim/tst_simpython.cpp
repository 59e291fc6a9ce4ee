// The simulator as the official Kubernetes Python client sees it (Debian's python3-kubernetes, run with
// Debian's own /usr/bin/python3): every check of python_client_check.py deserializes the answers into
// the client's typed models, which refuse objects without the fields the API marks required. Beside
// kubectl (tst_simkubectl), this is the second official client that must accept the simulator.
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Sitrep::Sim::SimServer;

class TstSimPython final : public QObject
{
    Q_OBJECT
private slots:
    void officialPythonClientAcceptsTheSimulator();
};

void TstSimPython::officialPythonClientAcceptsTheSimulator()
{
    const QString python = QStringLiteral("/usr/bin/python3");
    QVERIFY2(QFile::exists(python), "/usr/bin/python3 is missing: apt-get install python3 python3-kubernetes");
    {
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import kubernetes")});
        QVERIFY(probe.waitForFinished(30000));
        QVERIFY2(probe.exitCode() == 0, "Debian's python3-kubernetes is not installed: apt-get install "
                                        "python3-kubernetes (packaging/install-deps.sh installs it)");
    }
    SimServer sim;
    const auto loaded = sim.loadScenario(QStringLiteral("api-gateway-rollout"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text()));
    const auto url = sim.start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(sim.writeKubeconfig(kubeconfig).ok());

    const QString script =
        Sitrep::Test::sourceDir() + QStringLiteral("/tests/integration/sim/python_client_check.py");
    QVERIFY2(QFile::exists(script), qPrintable(script));
    QProcess client;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir.path()); // nothing of the user's ~/.kube leaks in
    env.remove(QStringLiteral("KUBECONFIG"));
    client.setProcessEnvironment(env);
    QSignalSpy finished(&client, &QProcess::finished);
    client.start(python, {script, kubeconfig});
    QVERIFY(client.waitForStarted(10000));
    // Spinning the event loop keeps the in-process simulator serving while the client talks to it.
    QVERIFY(finished.count() > 0 || finished.wait(120000));
    const QString out = QString::fromUtf8(client.readAllStandardOutput());
    const QString err = QString::fromUtf8(client.readAllStandardError());
    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0,
             qPrintable(out + QStringLiteral("\n--- stderr\n") + err));
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 30, qPrintable(out)); // every check ran
    for (const QString &line : lines)
        QVERIFY2(line.startsWith(QLatin1String("ok ")), qPrintable(line));
}

QTEST_GUILESS_MAIN(TstSimPython)
#include "tst_simpython.moc"
