#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Sitrep::Test {

// A throw-away certificate authority made with openssl in a temporary directory: the CA, a server
// certificate for `serverName` (DNS name only, so connecting to 127.0.0.1 needs the name set), and a client
// certificate for client-certificate authentication. EC P-256 keys (quick to make; Go and Qt read them).
class TestCa final
{
public:
    // Empty on success, else what failed (openssl missing: install the openssl package).
    QString make(const QString &serverName = QStringLiteral("prom.internal"));
    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    QString caKeyFile() const { return path(QStringLiteral("ca.key")); }
    QString serverCertFile() const { return path(QStringLiteral("server.pem")); }
    QString serverKeyFile() const { return path(QStringLiteral("server.key")); }
    QString clientCertFile() const { return path(QStringLiteral("client.pem")); }
    QString clientKeyFile() const { return path(QStringLiteral("client.key")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QString run(const QStringList &args);
    QString issue(const QString &name, const QString &subject, const QString &extensions);
    QTemporaryDir m_dir;
};

} // namespace Sitrep::Test
