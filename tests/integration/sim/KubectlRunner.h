#pragma once

#include <QString>
#include <QStringList>

namespace Sitrep::Test {

// Runs the real kubectl against a kubeconfig without blocking the event loop (the simulated
// server lives in the same thread and must keep answering while kubectl waits for it).
class KubectlRunner final
{
public:
    struct Run
    {
        int exitCode = -1;
        bool finished = false;
        QString out;
        QString err;
        QString describe() const;
    };

    KubectlRunner(QString kubeconfig, QString cacheDir);
    static QString program();
    Run run(const QStringList &args, int timeoutMs = 30000) const;

private:
    QString m_kubeconfig;
    QString m_cacheDir;
};

} // namespace Sitrep::Test
