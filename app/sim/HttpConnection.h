#pragma once

#include "sim/HttpRequest.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

namespace Sitrep::Sim {

// One client connection: parses HTTP/1.1 requests (keep-alive, Content-Length or chunked bodies) and
// writes plain or chunked (streaming) responses. One request at a time: the next is parsed after the reply.
class HttpConnection final : public QObject
{
    Q_OBJECT
public:
    explicit HttpConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~HttpConnection() override;

    // A WebSocket upgrade (kubectl exec) is shown to this hook before its bytes are read. When the hook wants
    // it, it returns who takes the socket: this connection lets go of it, hands it over and goes away.
    using Taker = std::function<void(QTcpSocket *socket)>;
    using UpgradeHook = std::function<Taker(const HttpRequest &head)>;
    void setUpgradeHook(UpgradeHook hook) { m_upgrade = std::move(hook); }
    // The request line and headers of a request head (up to the blank line); false when it is malformed.
    static bool parseRequestHead(const QByteArray &head, HttpRequest *request);

    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    // Streaming (watch, log -f): headers now, then chunks, then finish.
    void startStream(int status, const QByteArray &contentType);
    void writeChunk(const QByteArray &data);
    void finishStream();
    // Fault injection: swallow the request and never answer (the client's timeout must fire).
    void hang() { m_busy = true; }
    void abort();

    bool isStreaming() const { return m_streaming; }
    bool isOpen() const;
    qint64 bytesToWrite() const;

    static QByteArray reasonPhrase(int status);

signals:
    void requestReceived(Sitrep::Sim::HttpConnection *connection, const Sitrep::Sim::HttpRequest &request);
    void closed(Sitrep::Sim::HttpConnection *connection);

private:
    void onReadyRead();
    void processBuffer();
    bool parseHead(int headEnd);
    void requestDone();
    void fail(int status, const QByteArray &message);

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    HttpRequest m_pending;
    qint64 m_bodyExpected = -1; // -1: waiting for a head; -2: chunked body
    bool m_busy = false;
    bool m_streaming = false;
    bool m_closeAfter = false;
    bool m_closedEmitted = false;
    UpgradeHook m_upgrade;
};

} // namespace Sitrep::Sim
