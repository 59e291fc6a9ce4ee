#include "sim/HttpConnection.h"

#include <QTimer>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {
constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kMaxBody = 16 * 1024 * 1024;
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_closedEmitted) {
            m_closedEmitted = true;
            emit closed(this);
        }
        deleteLater();
    });
    if (socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &HttpConnection::onReadyRead);
}

HttpConnection::~HttpConnection()
{
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        emit closed(this);
    }
}

bool HttpConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 HttpConnection::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void HttpConnection::abort()
{
    if (!m_socket)
        return;
    m_socket->flush(); // what was written reaches the client before the cut
    m_socket->abort();
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    if (m_upgrade && m_buffer.isEmpty() && !m_busy) {
        // Peek: a WebSocket upgrade must reach its server with its bytes still unread.
        const QByteArray head = m_socket->peek(kMaxHead);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0 && head.size() < kMaxHead && head.toLower().contains("upgrade"))
            return; // wait for the rest of the head
        HttpRequest request;
        if (end >= 0 && head.left(end).toLower().contains("\nupgrade: websocket") &&
            parseRequestHead(head.left(end), &request)) {
            if (const Taker take = m_upgrade(request)) {
                QTcpSocket *socket = m_socket;
                disconnect(socket, nullptr, this, nullptr);
                socket->setParent(nullptr);
                m_socket = nullptr;
                m_closedEmitted = true;
                emit closed(this);
                deleteLater();
                take(socket);
                return;
            }
        }
    }
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HttpConnection::fail(int status, const QByteArray &message)
{
    m_buffer.clear();
    m_busy = true; // nothing more is parsed on this connection
    m_closeAfter = true;
    if (!m_socket)
        return;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                    "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(message.size()) +
                    "\r\nConnection: close\r\n\r\n" + message);
    m_socket->disconnectFromHost();
}

void HttpConnection::processBuffer()
{
    while (!m_busy) {
        if (m_bodyExpected == -1) {
            const int headEnd = int(m_buffer.indexOf("\r\n\r\n"));
            if (headEnd < 0) {
                if (m_buffer.size() > kMaxHead)
                    fail(431, "request header too large\n");
                return;
            }
            if (!parseHead(headEnd))
                return;
            m_buffer.remove(0, headEnd + 4);
        }
        if (m_bodyExpected >= 0) {
            if (m_buffer.size() < m_bodyExpected)
                return;
            m_pending.body = m_buffer.left(m_bodyExpected);
            m_buffer.remove(0, m_bodyExpected);
        } else if (m_bodyExpected == -2) {
            // Chunked request body: decode what is complete, wait for the rest.
            QByteArray body;
            qsizetype pos = 0;
            bool complete = false;
            while (true) {
                const qsizetype lineEnd = m_buffer.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    break;
                bool ok = false;
                const qint64 size =
                    m_buffer.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
                if (!ok) {
                    fail(400, "bad chunk\n");
                    return;
                }
                if (size == 0) {
                    const qsizetype end = m_buffer.indexOf("\r\n\r\n", lineEnd);
                    if (end < 0 && m_buffer.mid(lineEnd + 2, 2) != "\r\n")
                        break;
                    pos = lineEnd + 4;
                    complete = true;
                    break;
                }
                if (m_buffer.size() < lineEnd + 2 + size + 2)
                    break;
                body += m_buffer.mid(lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
            if (!complete)
                return;
            m_pending.body = body;
            m_buffer.remove(0, pos);
        }
        m_bodyExpected = -1;
        m_busy = true;
        const HttpRequest request = m_pending;
        m_pending = HttpRequest();
        emit requestReceived(this, request);
    }
}

bool HttpConnection::parseRequestHead(const QByteArray &head, HttpRequest *request)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return false;
    request->method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    const qsizetype q = target.indexOf('?');
    request->path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
    QByteArray rawQuery = q < 0 ? QByteArray() : target.mid(q + 1);
    rawQuery.replace('+', "%20");
    request->query = QUrlQuery(QString::fromLatin1(rawQuery));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request->headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    return true;
}

bool HttpConnection::parseHead(int headEnd)
{
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        fail(400, "malformed request line\n");
        return false;
    }
    m_pending.method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    const qsizetype q = target.indexOf('?');
    m_pending.path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
    // '+' means space in form-encoded selectors; QUrlQuery keeps it literal, so decode it first.
    QByteArray rawQuery = q < 0 ? QByteArray() : target.mid(q + 1);
    rawQuery.replace('+', "%20");
    m_pending.query = QUrlQuery(QString::fromLatin1(rawQuery));
    m_closeAfter = requestLine.at(2) == "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        m_pending.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const QByteArray connection = m_pending.header("connection").toLower();
    if (connection == "close")
        m_closeAfter = true;
    else if (connection == "keep-alive")
        m_closeAfter = false;
    if (m_pending.header("transfer-encoding").toLower().contains("chunked")) {
        m_bodyExpected = -2;
    } else {
        bool ok = true;
        const QByteArray length = m_pending.header("content-length");
        m_bodyExpected = length.isEmpty() ? 0 : length.toLongLong(&ok);
        if (!ok || m_bodyExpected < 0 || m_bodyExpected > kMaxBody) {
            fail(413, "bad or too large Content-Length\n");
            return false;
        }
    }
    return true;
}

QByteArray HttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

void HttpConnection::respond(int status, const QByteArray &contentType, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    if (!m_socket)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head +=
        "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    bool closeAfter = m_closeAfter;
    for (const auto &h : extraHeaders) {
        head += h.first + ": " + h.second + "\r\n";
        if (h.first.compare("Connection", Qt::CaseInsensitive) == 0 && h.second == "close")
            closeAfter = true;
    }
    if (m_closeAfter)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head + body);
    requestDone();
    if (closeAfter)
        m_socket->disconnectFromHost();
}

void HttpConnection::startStream(int status, const QByteArray &contentType)
{
    if (!m_socket)
        return;
    m_streaming = true;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                    "\r\nContent-Type: " + contentType +
                    "\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache, private\r\n\r\n");
    m_socket->flush();
}

void HttpConnection::writeChunk(const QByteArray &data)
{
    if (!m_socket || !m_streaming || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpConnection::finishStream()
{
    if (!m_socket || !m_streaming)
        return;
    m_socket->write("0\r\n\r\n");
    m_streaming = false;
    requestDone();
    if (m_closeAfter)
        m_socket->disconnectFromHost();
}

void HttpConnection::requestDone()
{
    m_busy = false;
    if (!m_buffer.isEmpty())
        QTimer::singleShot(0, this, &HttpConnection::processBuffer);
}

} // namespace Sitrep::Sim
