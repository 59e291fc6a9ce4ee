#include "KubectlRunner.h"

#include "support/TestEnv.h"

#include <QProcess>
#include <QSignalSpy>

namespace Sitrep::Test {

KubectlRunner::KubectlRunner(QString kubeconfig, QString cacheDir)
    : m_kubeconfig(std::move(kubeconfig))
    , m_cacheDir(std::move(cacheDir))
{}

QString KubectlRunner::program()
{
    return findProgram(QStringLiteral("kubectl"));
}

QString KubectlRunner::Run::describe() const
{
    return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3").arg(exitCode).arg(out, err);
}

KubectlRunner::Run KubectlRunner::run(const QStringList &args, int timeoutMs) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_cacheDir); // nothing of the user's ~/.kube leaks in
    env.remove(QStringLiteral("KUBECONFIG"));
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program(),
                  QStringList{QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                              m_cacheDir + QStringLiteral("/cache")} +
                      args);
    Run r;
    if (!process.waitForStarted(5000)) {
        r.err = process.errorString();
        return r;
    }
    // QSignalSpy::wait spins the event loop: the in-process server keeps serving meanwhile.
    r.finished = finished.count() > 0 || finished.wait(timeoutMs);
    if (!r.finished) {
        process.kill();
        process.waitForFinished(2000);
    }
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

} // namespace Sitrep::Test
