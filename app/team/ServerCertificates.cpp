#include "team/ServerCertificates.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

Result<void> openssl(const QString &dir, const QStringList &args)
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (binary.isEmpty())
        return makeError(QStringLiteral("openssl is not installed (apt-get install openssl)"));
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return makeError(QStringLiteral("openssl %1 failed: %2")
                             .arg(args.value(0), QString::fromLocal8Bit(p.readAll()).trimmed()));
    return {};
}

QString subjectAltNames(const QStringList &names)
{
    QStringList san;
    for (const QString &n : names) {
        QHostAddress a;
        san << (a.setAddress(n) ? QStringLiteral("IP:") : QStringLiteral("DNS:")) + n;
    }
    return san.join(QLatin1Char(','));
}

} // namespace

QStringList ServerCertificates::localNames()
{
    QStringList names;
    const QString host = QSysInfo::machineHostName();
    if (!host.isEmpty())
        names << host;
    names << QStringLiteral("localhost");
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (a.protocol() == QAbstractSocket::IPv6Protocol && !a.scopeId().isEmpty())
            continue; // link-local addresses carry a scope a certificate cannot name
        names << a.toString();
    }
    names.removeDuplicates();
    return names;
}

Result<ServerCertificates> ServerCertificates::ensure(const QString &dir, const QStringList &names)
{
    if (!QDir().mkpath(dir))
        return makeError(QStringLiteral("cannot create the directory"), dir);
    ServerCertificates out;
    out.caCert = dir + QStringLiteral("/ca.crt");
    out.serverCert = dir + QStringLiteral("/server.crt");
    out.serverKey = dir + QStringLiteral("/server.key");
    const QString namesFile = dir + QStringLiteral("/names");
    const QByteArray wanted = names.join(QLatin1Char('\n')).toUtf8();
    {
        QFile f(namesFile);
        if (QFile::exists(out.caCert) && QFile::exists(out.serverCert) && QFile::exists(out.serverKey) &&
            f.open(QIODevice::ReadOnly) && f.readAll() == wanted)
            return out;
    }
    const bool haveCa = QFile::exists(out.caCert) && QFile::exists(dir + QStringLiteral("/ca.key"));
    {
        QFile ext(dir + QStringLiteral("/server.ext"));
        if (!ext.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return makeError(QStringLiteral("cannot write the certificate extension file"), ext.fileName());
        ext.write(
            QStringLiteral("subjectAltName=%1\nextendedKeyUsage=serverAuth\n"
                           "keyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n")
                .arg(subjectAltNames(names))
                .toUtf8());
    }
    QList<QStringList> steps;
    // Keep the CA across restarts: responders already hold its certificate.
    if (!haveCa)
        steps << QStringList{QStringLiteral("req"),
                             QStringLiteral("-x509"),
                             QStringLiteral("-newkey"),
                             QStringLiteral("ec"),
                             QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:prime256v1"),
                             QStringLiteral("-nodes"),
                             QStringLiteral("-keyout"),
                             QStringLiteral("ca.key"),
                             QStringLiteral("-out"),
                             QStringLiteral("ca.crt"),
                             QStringLiteral("-days"),
                             QStringLiteral("3650"),
                             QStringLiteral("-subj"),
                             QStringLiteral("/CN=Sitrep team CA %1").arg(names.value(0)),
                             QStringLiteral("-addext"),
                             QStringLiteral("basicConstraints=critical,CA:TRUE"),
                             QStringLiteral("-addext"),
                             QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")};
    steps
        << QStringList{QStringLiteral("req"),
                       QStringLiteral("-newkey"),
                       QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"),
                       QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"),
                       QStringLiteral("server.key"),
                       QStringLiteral("-out"),
                       QStringLiteral("server.csr"),
                       QStringLiteral("-subj"),
                       QStringLiteral("/CN=%1").arg(names.value(0))}
        << QStringList{
               QStringLiteral("x509"),       QStringLiteral("-req"),       QStringLiteral("-in"),
               QStringLiteral("server.csr"), QStringLiteral("-CA"),        QStringLiteral("ca.crt"),
               QStringLiteral("-CAkey"),     QStringLiteral("ca.key"),     QStringLiteral("-CAcreateserial"),
               QStringLiteral("-out"),       QStringLiteral("server.crt"), QStringLiteral("-days"),
               QStringLiteral("825"),        QStringLiteral("-extfile"),   QStringLiteral("server.ext")};
    for (const QStringList &args : steps) {
        if (auto r = openssl(dir, args); !r)
            return r.error();
    }
    QFile::setPermissions(out.serverKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile::setPermissions(dir + QStringLiteral("/ca.key"), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile f(namesFile);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(wanted);
    return out;
}

} // namespace Sitrep::Team
