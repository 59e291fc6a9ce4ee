#include "team/ServerUrl.h"

#include <QHostAddress>
#include <QSet>
#include <QSqlDatabase>
#include <QUrl>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

// libpq 15's connection keywords: anything else is refused here, with its name, rather than by libpq.
const QSet<QString> &knownKeywords()
{
    static const QSet<QString> k = {
        QStringLiteral("host"),
        QStringLiteral("hostaddr"),
        QStringLiteral("port"),
        QStringLiteral("dbname"),
        QStringLiteral("user"),
        QStringLiteral("password"),
        QStringLiteral("passfile"),
        QStringLiteral("channel_binding"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("client_encoding"),
        QStringLiteral("options"),
        QStringLiteral("application_name"),
        QStringLiteral("fallback_application_name"),
        QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),
        QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"),
        QStringLiteral("tcp_user_timeout"),
        QStringLiteral("gssencmode"),
        QStringLiteral("sslmode"),
        QStringLiteral("requiressl"),
        QStringLiteral("sslcompression"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("sslpassword"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcrl"),
        QStringLiteral("sslcrldir"),
        QStringLiteral("sslsni"),
        QStringLiteral("requirepeer"),
        QStringLiteral("ssl_min_protocol_version"),
        QStringLiteral("ssl_max_protocol_version"),
        QStringLiteral("krbsrvname"),
        QStringLiteral("gsslib"),
        QStringLiteral("service"),
        QStringLiteral("target_session_attrs"),
    };
    return k;
}

const QStringList kSslModes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                               QStringLiteral("prefer"),    QStringLiteral("require"),
                               QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

QString decode(const QString &s)
{
    return QUrl::fromPercentEncoding(s.toUtf8());
}

QString encode(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

// A libpq connect-option value: quoted when it holds anything but plain characters.
QString quoted(const QString &value)
{
    static const QString plain = QStringLiteral("-_.,/:@+=");
    bool simple = !value.isEmpty();
    for (const QChar c : value)
        simple = simple && (c.isLetterOrNumber() || plain.contains(c));
    if (simple)
        return value;
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

} // namespace

bool isLoopbackHost(const QString &host)
{
    if (host.isEmpty() || host.startsWith(QLatin1Char('/')) || host.startsWith(QLatin1Char('@')))
        return true; // a Unix socket
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

Result<ServerUrl> ServerUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return makeError(
            QStringLiteral("no team server given (e.g. postgresql://alice@db.example:5432/sitrep)"));
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://")))
        return parseUri(text);
    if (text.contains(QLatin1String("://")))
        return makeError(QStringLiteral("a team server URL starts with postgresql:// (e.g. "
                                        "postgresql://alice@db.example:5432/sitrep)"),
                         text.left(text.indexOf(QLatin1String("://")) + 3));
    if (!text.contains(QLatin1Char('=')))
        return makeError(QStringLiteral("not a PostgreSQL connection URL or key=value string (e.g. "
                                        "postgresql://alice@db.example:5432/sitrep)"),
                         text);
    return parseKeywords(text);
}

// postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?keyword=value&...]
Result<ServerUrl> ServerUrl::parseUri(const QString &text)
{
    ServerUrl url;
    QString rest = text.mid(text.indexOf(QLatin1String("://")) + 3);
    QString query;
    if (const auto q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    QString netloc = rest;
    if (const auto slash = rest.indexOf(QLatin1Char('/')); slash >= 0) {
        netloc = rest.left(slash);
        const QString db = decode(rest.mid(slash + 1));
        if (!db.isEmpty())
            url.m_params.insert(QStringLiteral("dbname"), db);
    }
    if (const auto at = netloc.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString userInfo = netloc.left(at);
        netloc = netloc.mid(at + 1);
        const auto colon = userInfo.indexOf(QLatin1Char(':'));
        const QString user = decode(colon >= 0 ? userInfo.left(colon) : userInfo);
        if (!user.isEmpty())
            url.m_params.insert(QStringLiteral("user"), user);
        if (colon >= 0)
            url.m_password = decode(userInfo.mid(colon + 1));
    }
    if (!netloc.isEmpty()) {
        for (const QString &part : netloc.split(QLatin1Char(','))) {
            QString host = part;
            QString port;
            if (host.startsWith(QLatin1Char('['))) { // [IPv6]:port
                const auto close = host.indexOf(QLatin1Char(']'));
                if (close < 0)
                    return makeError(QStringLiteral("an IPv6 address needs its closing ']'"), part);
                port = host.mid(close + 1);
                host = host.mid(1, close - 1);
                if (!port.isEmpty() && !port.startsWith(QLatin1Char(':')))
                    return makeError(QStringLiteral("expected ':port' after an IPv6 address"), part);
                port = port.mid(1);
            } else if (const auto colon = host.lastIndexOf(QLatin1Char(':')); colon >= 0) {
                port = host.mid(colon + 1);
                host = host.left(colon);
            }
            url.m_hosts << decode(host);
            url.m_ports << port;
        }
    }
    if (!query.isEmpty()) {
        for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const auto eq = pair.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return makeError(QStringLiteral("expected keyword=value in the URL's query"), pair);
            const QString key = decode(pair.left(eq));
            const QString value = decode(pair.mid(eq + 1));
            if (key == QLatin1String("host"))
                url.m_hosts = value.split(QLatin1Char(','));
            else if (key == QLatin1String("port"))
                url.m_ports = value.split(QLatin1Char(','));
            else if (key == QLatin1String("password"))
                url.m_password = value;
            else
                url.m_params.insert(key, value);
        }
    }
    if (auto r = url.finish(); !r)
        return r.error();
    return url;
}

// host=a,b port=5432 dbname=sitrep user='alice' ... (libpq's keyword/value form, values quoted with ')
Result<ServerUrl> ServerUrl::parseKeywords(const QString &text)
{
    ServerUrl url;
    int i = 0;
    const int n = int(text.size());
    auto skipSpace = [&] {
        while (i < n && text.at(i).isSpace())
            ++i;
    };
    while (true) {
        skipSpace();
        if (i >= n)
            break;
        const int keyStart = i;
        while (i < n && text.at(i) != QLatin1Char('=') && !text.at(i).isSpace())
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpace();
        if (i >= n || text.at(i) != QLatin1Char('='))
            return makeError(QStringLiteral("expected keyword=value"), key);
        ++i;
        skipSpace();
        QString value;
        if (i < n && text.at(i) == QLatin1Char('\'')) {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar c = text.at(i++);
                if (c == QLatin1Char('\\') && i < n) {
                    value += text.at(i++);
                } else if (c == QLatin1Char('\'')) {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed)
                return makeError(QStringLiteral("unterminated quoted value"), key);
        } else {
            while (i < n && !text.at(i).isSpace()) {
                if (text.at(i) == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                value += text.at(i++);
            }
        }
        if (key == QLatin1String("host"))
            url.m_hosts = value.split(QLatin1Char(','));
        else if (key == QLatin1String("port"))
            url.m_ports = value.split(QLatin1Char(','));
        else if (key == QLatin1String("password"))
            url.m_password = value;
        else
            url.m_params.insert(key, value);
    }
    if (auto r = url.finish(); !r)
        return r.error();
    return url;
}

Result<void> ServerUrl::finish()
{
    for (auto it = m_params.cbegin(); it != m_params.cend(); ++it) {
        if (!knownKeywords().contains(it.key()))
            return makeError(QStringLiteral("\"%1\" is not a PostgreSQL connection option").arg(it.key()),
                             it.key());
    }
    const QString mode = m_params.value(QStringLiteral("sslmode"));
    if (!mode.isEmpty() && !kSslModes.contains(mode))
        return makeError(
            QStringLiteral("sslmode \"%1\" is not one of %2").arg(mode, kSslModes.join(QStringLiteral(", "))),
            QStringLiteral("sslmode"));
    // host=a,b with one port: libpq uses that port for every host.
    while (m_ports.size() < m_hosts.size() && m_ports.size() <= 1)
        m_ports << m_ports.value(0);
    if (!m_hosts.isEmpty() && m_ports.size() != m_hosts.size())
        return makeError(QStringLiteral("%1 hosts but %2 ports").arg(m_hosts.size()).arg(m_ports.size()),
                         QStringLiteral("port"));
    for (const QString &p : std::as_const(m_ports)) {
        bool ok = false;
        const int port = p.toInt(&ok);
        if (!p.isEmpty() && (!ok || port <= 0 || port > 65535))
            return makeError(QStringLiteral("\"%1\" is not a port number").arg(p), QStringLiteral("port"));
    }
    if (m_hosts.isEmpty() && m_ports.size() == 1 && m_ports.first().isEmpty())
        m_ports.clear();
    return {};
}

QMap<QString, QString> ServerUrl::options() const
{
    QMap<QString, QString> out = m_params;
    out.remove(QStringLiteral("user"));
    out.remove(QStringLiteral("dbname"));
    return out;
}

bool ServerUrl::isLoopback() const
{
    QStringList hosts = m_hosts;
    const QString hostaddr = m_params.value(QStringLiteral("hostaddr"));
    if (!hostaddr.isEmpty())
        hosts = hostaddr.split(QLatin1Char(','));
    if (hosts.isEmpty() || (hosts.size() == 1 && hosts.first().isEmpty()))
        hosts = qEnvironmentVariable("PGHOST").split(QLatin1Char(','));
    for (const QString &h : std::as_const(hosts)) {
        if (!isLoopbackHost(h))
            return false;
    }
    return true;
}

bool ServerUrl::sslModeExplicit() const
{
    return m_params.contains(QStringLiteral("sslmode")) || !qEnvironmentVariableIsEmpty("PGSSLMODE");
}

QString ServerUrl::sslMode() const
{
    if (m_params.contains(QStringLiteral("sslmode")))
        return m_params.value(QStringLiteral("sslmode"));
    if (!qEnvironmentVariableIsEmpty("PGSSLMODE"))
        return qEnvironmentVariable("PGSSLMODE");
    return isLoopback() ? QStringLiteral("prefer") : QStringLiteral("verify-full");
}

bool ServerUrl::verifiesCertificate() const
{
    const QString mode = sslMode();
    return mode == QLatin1String("verify-full") || mode == QLatin1String("verify-ca");
}

bool ServerUrl::plainTextToRemote() const
{
    return !isLoopback() && !verifiesCertificate();
}

QString ServerUrl::display() const
{
    QString out;
    if (!user().isEmpty())
        out += user() + QLatin1Char('@');
    QStringList where;
    for (int i = 0; i < m_hosts.size(); ++i) {
        QString h = m_hosts.at(i).contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(m_hosts.at(i))
                                                             : m_hosts.at(i);
        if (h.isEmpty())
            h = QStringLiteral("localhost");
        if (!m_ports.value(i).isEmpty())
            h += QLatin1Char(':') + m_ports.at(i);
        where << h;
    }
    out += where.isEmpty() ? QStringLiteral("localhost") : where.join(QLatin1Char(','));
    if (!database().isEmpty())
        out += QLatin1Char('/') + database();
    return out;
}

QString ServerUrl::toString(bool withUser) const
{
    QString out = QStringLiteral("postgresql://");
    if (withUser && !user().isEmpty())
        out += encode(user()) + QLatin1Char('@');
    QStringList where;
    for (int i = 0; i < m_hosts.size(); ++i) {
        const QString &host = m_hosts.at(i);
        QString h = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : encode(host);
        if (!m_ports.value(i).isEmpty())
            h += QLatin1Char(':') + m_ports.at(i);
        where << h;
    }
    out += where.join(QLatin1Char(','));
    if (!database().isEmpty())
        out += QLatin1Char('/') + encode(database());
    QStringList query;
    const auto opts = options();
    for (auto it = opts.cbegin(); it != opts.cend(); ++it)
        query << encode(it.key()) + QLatin1Char('=') + encode(it.value());
    if (!query.isEmpty())
        out += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return out;
}

QString ServerUrl::secretName() const
{
    return QStringLiteral("team-server:") + display();
}

QString ServerUrl::connectOptions(const QString &applicationName) const
{
    QMap<QString, QString> opts = options();
    if (!m_ports.isEmpty() && !(m_ports.size() == 1 && m_ports.first().isEmpty()))
        opts.insert(QStringLiteral("port"), m_ports.join(QLatin1Char(',')));
    // TLS: a remote server is verified unless the URL (or PGSSLMODE) says otherwise.
    if (!sslModeExplicit() && !isLoopback())
        opts.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    if (!opts.contains(QStringLiteral("connect_timeout")) && qEnvironmentVariableIsEmpty("PGCONNECT_TIMEOUT"))
        opts.insert(QStringLiteral("connect_timeout"), QStringLiteral("5"));
    if (!opts.contains(QStringLiteral("application_name")) && !applicationName.isEmpty())
        opts.insert(QStringLiteral("application_name"), applicationName);
    // A server that vanishes without a FIN (laptop lid, cable) is noticed within ~20 s instead of hours.
    if (!opts.contains(QStringLiteral("keepalives_idle")))
        opts.insert(QStringLiteral("keepalives_idle"), QStringLiteral("10"));
    if (!opts.contains(QStringLiteral("keepalives_interval")))
        opts.insert(QStringLiteral("keepalives_interval"), QStringLiteral("5"));
    if (!opts.contains(QStringLiteral("keepalives_count")))
        opts.insert(QStringLiteral("keepalives_count"), QStringLiteral("2"));
    QStringList parts;
    for (auto it = opts.cbegin(); it != opts.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + quoted(it.value());
    return parts.join(QLatin1Char(';'));
}

void ServerUrl::configure(QSqlDatabase &db, const QString &password, const QString &applicationName) const
{
    db.setHostName(m_hosts.join(QLatin1Char(',')));
    db.setDatabaseName(database());
    db.setUserName(user());
    db.setPassword(!password.isEmpty() ? password : m_password);
    db.setConnectOptions(connectOptions(applicationName));
}

} // namespace Sitrep::Team
