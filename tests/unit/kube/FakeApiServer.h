#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace Sitrep::Test {

// One request as the fake server saw it.
struct FakeRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QTcpSocket *socket = nullptr;
};

// A scripted HTTP(S) responder standing in for an API server in unit tests: the handler answers each request
// with a full reply, opens a chunked stream the test feeds later, or leaves it hanging.
class FakeApiServer final : public QObject
{
    Q_OBJECT
public:
    enum class Answer { Replied, Stream, Hang };
    using Handler = std::function<Answer(const FakeRequest &, FakeApiServer &)>;

    explicit FakeApiServer(QObject *parent = nullptr);
    ~FakeApiServer() override;
    // TLS with a self-signed certificate for 127.0.0.1 (made with openssl once per process and shared, or a
    // new one when `fresh`); empty string on success.
    QString enableTls(bool fresh = false);
    QByteArray certificatePem() const { return m_certPem; }
    bool listen();
    QUrl url() const;
    void setHandler(Handler h) { m_handler = std::move(h); }

    // Helpers for handlers.
    static void reply(const FakeRequest &r, int status, const QByteArray &body,
                      const QByteArray &contentType = QByteArrayLiteral("application/json"));
    static void startStream(const FakeRequest &r);
    // Writes to every open stream (or ends them all).
    void streamWrite(const QByteArray &data);
    void endStreams();
    void dropConnections();
    int openStreams() const;

    QList<FakeRequest> requests;
    static QByteArray status(int code, const QString &reason, const QString &message);

signals:
    void requestReceived(const QByteArray &method, const QString &path);

private:
    void onConnection(QTcpSocket *s);
    void onData(QTcpSocket *s);

    QTcpServer *m_server = nullptr;
    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QPointer<QTcpSocket>> m_streams;
    QList<QPointer<QTcpSocket>> m_sockets;
    QByteArray m_certPem;
    QByteArray m_keyPem;
    bool m_tls = false;
};

} // namespace Sitrep::Test
