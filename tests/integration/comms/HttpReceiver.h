#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

// A tiny HTTP/1.1 server on 127.0.0.1 for notifier tests: records every request exactly (method, path,
// headers, body) and answers from a queue of canned responses (200 "ok" when the queue is empty).
class HttpReceiver final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QByteArray reason = "OK";
        QByteArray body = "ok";
        QByteArray contentType = "text/plain";
        bool hang = false; // never answer (timeout tests)
    };

    explicit HttpReceiver(QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path) const;
    void enqueue(const Response &r) { m_responses.append(r); }

    QList<Request> requests;

signals:
    void requestReceived();

private:
    void onConnection();
    QTcpServer m_server;
    QList<Response> m_responses;
};
