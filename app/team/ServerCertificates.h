#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Team {

// A war room's own CA and a server certificate signed by it (openssl CLI), so `sitrep team serve` can
// offer TLS that clients verify (sslmode=verify-full with sslrootcert=ca.crt). Kept in a directory and
// reused on the next start when the names still match.
class ServerCertificates final
{
public:
    QString caCert;
    QString serverCert;
    QString serverKey;

    // names: DNS names and IP addresses the certificate is valid for (the first is its common name).
    static Core::Result<ServerCertificates> ensure(const QString &dir, const QStringList &names);
    // The names this machine answers to: its host name, localhost, and every address of its interfaces.
    static QStringList localNames();
};

} // namespace Sitrep::Team
