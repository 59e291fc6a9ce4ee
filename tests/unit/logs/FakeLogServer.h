#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace Sitrep::Test {

// A tiny HTTP/1.1 server for log-stream tests: each request is handed to the test, which answers
// with a status, chunked body pieces, a clean end or an abrupt drop, whenever it likes.
class FakeLogServer final : public QObject
{
    Q_OBJECT
public:
    class Exchange
    {
    public:
        QUrl url;
        QByteArray requestHead;
        QPointer<QTcpSocket> socket;

        void sendHead(int status = 200, const QByteArray &contentType = "text/plain");
        void sendChunk(const QByteArray &data);
        void end();  // terminating chunk, then close
        void drop(); // close without the terminating chunk (a broken stream)
        void sendError(int status, const QByteArray &jsonStatus);
        bool isOpen() const { return socket && socket->state() == QAbstractSocket::ConnectedState; }
    };

    explicit FakeLogServer(QObject *parent = nullptr);
    ~FakeLogServer() override;
    bool listen();
    QUrl baseUrl() const;

    // Called for each request once its head has arrived; may answer at once or keep the exchange.
    std::function<void(Exchange &)> handler;
    QList<Exchange *> exchanges() const { return m_exchanges; }
    Exchange *last() const { return m_exchanges.isEmpty() ? nullptr : m_exchanges.last(); }

signals:
    void requestArrived(int index);

private:
    void onConnection();
    QTcpServer m_server;
    QList<Exchange *> m_exchanges;
};

} // namespace Sitrep::Test
