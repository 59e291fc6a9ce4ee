#include "sim/CertificateFactory.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

QString CertificateFactory::opensslBinary()
{
    return QStandardPaths::findExecutable(u"openssl"_s);
}

static Core::Result<void> runOpenssl(const QString &openssl, const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(openssl, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        return Core::makeError(
            u"openssl %1 failed: %2"_s.arg(args.value(0), QString::fromLocal8Bit(p.readAll()).trimmed()),
            u"openssl"_s);
    }
    return Core::Ok{};
}

Core::Result<GeneratedCertificates> CertificateFactory::generate(const QString &commonName)
{
    const QString openssl = opensslBinary();
    if (openssl.isEmpty())
        return Core::makeError(
            u"openssl is not installed; install it (apt-get install openssl) or run the simulator with --no-tls"_s);
    QTemporaryDir dir;
    if (!dir.isValid())
        return Core::makeError(u"cannot create a temporary directory for the certificates"_s);
    const QString d = dir.path();
    QFile ext(d + u"/server.ext"_s);
    if (!ext.open(QIODevice::WriteOnly))
        return Core::makeError(u"cannot write the certificate extension file"_s, ext.fileName());
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
              "keyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n");
    ext.close();
    const QList<QStringList> steps{
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
         u"-nodes"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.crt"_s, u"-days"_s, u"30"_s, u"-subj"_s,
         u"/CN=%1-ca"_s.arg(commonName), u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
         u"keyUsage=critical,keyCertSign,cRLSign"_s},
        {u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s,
         u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s, u"/CN=%1"_s.arg(commonName)},
        {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.crt"_s, u"-CAkey"_s, u"ca.key"_s,
         u"-CAcreateserial"_s, u"-out"_s, u"server.crt"_s, u"-days"_s, u"30"_s, u"-extfile"_s,
         u"server.ext"_s},
    };
    for (const QStringList &args : steps) {
        if (auto r = runOpenssl(openssl, d, args); !r)
            return r.error();
    }
    GeneratedCertificates out;
    for (auto [name, target] :
         {std::pair{u"ca.crt"_s, &out.caPem}, std::pair{u"server.crt"_s, &out.serverCertPem},
          std::pair{u"server.key"_s, &out.serverKeyPem}}) {
        QFile f(d + QLatin1Char('/') + name);
        if (!f.open(QIODevice::ReadOnly))
            return Core::makeError(u"openssl did not produce %1"_s.arg(name), f.fileName());
        *target = f.readAll();
    }
    return out;
}

} // namespace Sitrep::Sim
