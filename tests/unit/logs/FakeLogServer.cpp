#include "FakeLogServer.h"

namespace Sitrep::Test {

void FakeLogServer::Exchange::sendHead(int status, const QByteArray &contentType)
{
    if (!socket)
        return;
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " OK\r\nContent-Type: " + contentType +
                  "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
}

void FakeLogServer::Exchange::sendChunk(const QByteArray &data)
{
    if (!socket || data.isEmpty())
        return;
    socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void FakeLogServer::Exchange::end()
{
    if (!socket)
        return;
    socket->write("0\r\n\r\n");
    socket->disconnectFromHost();
}

void FakeLogServer::Exchange::drop()
{
    if (!socket)
        return;
    socket->flush();
    socket->abort();
}

void FakeLogServer::Exchange::sendError(int status, const QByteArray &jsonStatus)
{
    if (!socket)
        return;
    socket->write("HTTP/1.1 " + QByteArray::number(status) +
                  " Error\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(jsonStatus.size()) + "\r\n\r\n" + jsonStatus);
    socket->disconnectFromHost();
}

FakeLogServer::FakeLogServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeLogServer::onConnection);
}

FakeLogServer::~FakeLogServer()
{
    qDeleteAll(m_exchanges);
}

bool FakeLogServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeLogServer::baseUrl() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.serverPort());
    return u;
}

void FakeLogServer::onConnection()
{
    while (QTcpSocket *sock = m_server.nextPendingConnection()) {
        auto *buf = new QByteArray;
        connect(sock, &QTcpSocket::disconnected, sock, &QObject::deleteLater);
        connect(sock, &QObject::destroyed, this, [buf] { delete buf; });
        connect(sock, &QTcpSocket::readyRead, this, [this, sock, buf] {
            if (buf->contains("\r\n\r\n"))
                return; // one request per connection
            *buf += sock->readAll();
            const qsizetype end = buf->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            auto *ex = new Exchange;
            ex->requestHead = buf->left(end);
            const QList<QByteArray> first = ex->requestHead.split('\n').value(0).split(' ');
            ex->url = baseUrl().resolved(QUrl::fromEncoded(first.value(1)));
            ex->socket = sock;
            m_exchanges.append(ex);
            if (handler)
                handler(*ex);
            emit requestArrived(int(m_exchanges.size() - 1));
        });
    }
}

} // namespace Sitrep::Test
