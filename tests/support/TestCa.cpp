#include "TestCa.h"

#include <QFile>
#include <QProcess>

namespace Sitrep::Test {

QString TestCa::run(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForStarted(10000))
        return QStringLiteral("openssl cannot be started (install the openssl package): ") + p.errorString();
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return QStringLiteral("openssl %1 failed: %2")
            .arg(args.value(0), QString::fromUtf8(p.readAllStandardError()));
    return {};
}

QString TestCa::issue(const QString &name, const QString &subject, const QString &extensions)
{
    QFile ext(path(name + QStringLiteral(".ext")));
    if (!ext.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write ") + ext.fileName();
    ext.write(extensions.toUtf8());
    ext.close();
    if (QString e =
            run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                 QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                 QStringLiteral("-nodes"), QStringLiteral("-subj"), subject, QStringLiteral("-keyout"),
                 name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".csr")});
        !e.isEmpty())
        return e;
    return run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                name + QStringLiteral(".ext"), QStringLiteral("-out"), name + QStringLiteral(".pem")});
}

QString TestCa::make(const QString &serverName)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    if (QString e = run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                         QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=Sitrep test CA"),
                         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-addext"),
                         QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-keyout"),
                         QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem")});
        !e.isEmpty())
        return e;
    if (QString e =
            issue(QStringLiteral("server"), QStringLiteral("/CN=") + serverName,
                  QStringLiteral("subjectAltName=DNS:%1\nextendedKeyUsage=serverAuth\n").arg(serverName));
        !e.isEmpty())
        return e;
    return issue(QStringLiteral("client"), QStringLiteral("/CN=sitrep-console"),
                 QStringLiteral("extendedKeyUsage=clientAuth\n"));
}

} // namespace Sitrep::Test
