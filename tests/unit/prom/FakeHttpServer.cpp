#include "FakeHttpServer.h"

#include <QTcpSocket>

namespace Sitrep::Test {

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, &FakeHttpServer::onConnection);
    listen(QHostAddress::LocalHost, 0);
}

void FakeHttpServer::setResponse(int status, const QByteArray &body)
{
    m_status = status;
    m_body = body;
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket *s = nextPendingConnection()) {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            *buffer += s->readAll();
            const int headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            // Wait for the whole body (Content-Length) before answering.
            qsizetype length = 0;
            for (const QByteArray &line : buffer->left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer->size() < headerEnd + 4 + length)
                return;
            ++m_requests;
            m_lastRequest = *buffer;
            buffer->clear();
            if (m_hang)
                return;
            if (m_chunked) {
                QByteArray out = "HTTP/1.1 " + QByteArray::number(m_status) +
                                 " X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                for (qsizetype at = 0; at < m_body.size(); at += 4096) {
                    const QByteArray piece = m_body.mid(at, 4096);
                    out += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
                }
                s->write(out + "0\r\n\r\n");
                return;
            }
            QByteArray head = "HTTP/1.1 " + QByteArray::number(m_status) +
                              " X\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              QByteArray::number(m_body.size()) + "\r\n\r\n";
            s->write(head + m_body);
        });
    }
}

} // namespace Sitrep::Test
