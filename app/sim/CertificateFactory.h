#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace Sitrep::Sim {

// A throwaway CA and a server certificate for 127.0.0.1/localhost, made with the openssl CLI.
struct GeneratedCertificates
{
    QByteArray caPem;
    QByteArray serverCertPem;
    QByteArray serverKeyPem;
};

class CertificateFactory final
{
public:
    static QString opensslBinary();
    // Blocks for the openssl runs (a few hundred ms); done once at server start.
    static Core::Result<GeneratedCertificates>
    generate(const QString &commonName = QStringLiteral("sitrep-sim"));
};

} // namespace Sitrep::Sim
