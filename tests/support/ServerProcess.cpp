#include "support/ServerProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>

namespace Sitrep::Test {

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::launch(const QString &program, const QStringList &args)
{
    m_process.setProcessEnvironment(m_env);
    if (!m_workDir.isEmpty())
        m_process.setWorkingDirectory(m_workDir);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, args);
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
    return {};
}

QString ServerProcess::output() const
{
    m_output += const_cast<QProcess &>(m_process).readAll();
    return QString::fromUtf8(m_output);
}

QString ServerProcess::start(const QString &program, const QStringList &args, const QUrl &readyUrl,
                             int timeoutMs)
{
    if (auto err = launch(program, args); !err.isEmpty())
        return err;
    QNetworkAccessManager nam;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return QStringLiteral("%1 exited early (code %2): %3")
                .arg(program)
                .arg(m_process.exitCode())
                .arg(output());
        QNetworkRequest req(readyUrl);
        req.setTransferTimeout(1000);
        QNetworkReply *reply = nam.get(req);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300)
            return {};
        // Not ready yet: wait for the server to say something or 50 ms, whichever comes first.
        m_process.waitForReadyRead(50);
    }
    return QStringLiteral("%1 not ready at %2 within %3 ms: %4")
        .arg(program, readyUrl.toString())
        .arg(timeoutMs)
        .arg(output());
}

QString ServerProcess::startTcp(const QString &program, const QStringList &args, quint16 port, int timeoutMs)
{
    if (auto err = launch(program, args); !err.isEmpty())
        return err;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return QStringLiteral("%1 exited early (code %2): %3")
                .arg(program)
                .arg(m_process.exitCode())
                .arg(output());
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(500))
            return {};
        m_process.waitForReadyRead(50);
    }
    return QStringLiteral("%1 not accepting on port %2 within %3 ms: %4")
        .arg(program)
        .arg(port)
        .arg(timeoutMs)
        .arg(output());
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

} // namespace Sitrep::Test
