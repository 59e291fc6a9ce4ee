#include "FakeApiServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace Sitrep::Test {

FakeApiServer::FakeApiServer(QObject *parent)
    : QObject(parent)
{}

FakeApiServer::~FakeApiServer()
{
    dropConnections();
}

QString FakeApiServer::enableTls(bool fresh)
{
    static QByteArray sharedCert;
    static QByteArray sharedKey;
    if (!fresh && !sharedCert.isEmpty()) {
        m_certPem = sharedCert;
        m_keyPem = sharedKey;
        m_tls = true;
        return {};
    }
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
             QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-days"), QStringLiteral("1"),
             QStringLiteral("-keyout"), dir.filePath(QStringLiteral("k.pem")), QStringLiteral("-out"),
             dir.filePath(QStringLiteral("c.pem"))});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return QStringLiteral("openssl failed: ") + QString::fromUtf8(p.readAllStandardError());
    QFile c(dir.filePath(QStringLiteral("c.pem")));
    QFile k(dir.filePath(QStringLiteral("k.pem")));
    if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the generated certificate");
    m_certPem = c.readAll();
    m_keyPem = k.readAll();
    m_tls = true;
    if (!fresh) {
        sharedCert = m_certPem;
        sharedKey = m_keyPem;
    }
    return {};
}

bool FakeApiServer::listen()
{
    if (m_tls) {
        auto *s = new QSslServer(this);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(QSslCertificate(m_certPem, QSsl::Pem));
        conf.setPrivateKey(QSslKey(m_keyPem, QSsl::Rsa, QSsl::Pem));
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        s->setSslConfiguration(conf);
        m_server = s;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *s = m_server->nextPendingConnection())
            onConnection(s);
    });
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeApiServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_server->serverPort()));
}

void FakeApiServer::onConnection(QTcpSocket *s)
{
    m_sockets << s;
    connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
    connect(s, &QTcpSocket::disconnected, this, [this, s] {
        m_buffers.remove(s);
        s->deleteLater();
    });
}

void FakeApiServer::onData(QTcpSocket *s)
{
    QByteArray &buf = m_buffers[s];
    buf += s->readAll();
    for (;;) {
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        FakeRequest r;
        r.socket = s;
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        if (first.size() < 2)
            return;
        r.method = first.at(0);
        const QUrl u(QStringLiteral("http://x") + QString::fromLatin1(first.at(1)));
        r.path = u.path();
        r.query = QUrlQuery(u);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                r.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                 lines.at(i).mid(colon + 1).trimmed());
        }
        const int length = r.headers.value("content-length").toInt();
        if (buf.size() < end + 4 + length)
            return;
        r.body = buf.mid(end + 4, length);
        buf.remove(0, end + 4 + length);
        requests << r;
        emit requestReceived(r.method, r.path);
        const Answer a =
            m_handler ? m_handler(r, *this)
                      : (reply(r, 404, status(404, QStringLiteral("NotFound"), QStringLiteral("no handler"))),
                         Answer::Replied);
        if (a == Answer::Stream)
            m_streams << s;
    }
}

QByteArray FakeApiServer::status(int code, const QString &reason, const QString &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                                     {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("status"), QStringLiteral("Failure")},
                                     {QStringLiteral("reason"), reason},
                                     {QStringLiteral("message"), message},
                                     {QStringLiteral("code"), code}})
        .toJson(QJsonDocument::Compact);
}

void FakeApiServer::reply(const FakeRequest &r, int status, const QByteArray &body,
                          const QByteArray &contentType)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    r.socket->write(head + body);
}

void FakeApiServer::startStream(const FakeRequest &r)
{
    r.socket->write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
}

void FakeApiServer::streamWrite(const QByteArray &data)
{
    for (const auto &s : m_streams)
        if (s)
            s->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void FakeApiServer::endStreams()
{
    for (const auto &s : m_streams)
        if (s)
            s->write("0\r\n\r\n");
    m_streams.clear();
}

void FakeApiServer::dropConnections()
{
    for (const auto &s : m_sockets)
        if (s)
            s->abort();
    m_streams.clear();
}

int FakeApiServer::openStreams() const
{
    int n = 0;
    for (const auto &s : m_streams)
        if (s && s->state() == QAbstractSocket::ConnectedState)
            ++n;
    return n;
}

} // namespace Sitrep::Test
