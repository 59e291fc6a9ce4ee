#include "BenchLogServer.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Sitrep::Bench {

namespace {

void reply(QTcpSocket &s, int status, const QByteArray &contentType, const QByteArray &body)
{
    s.write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found") +
            "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\nConnection: close\r\n\r\n");
    s.write(body);
}

const QByteArray kPod = R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"bench-0","namespace":"demo",)"
                        R"("uid":"0b1c0000-0000-0000-0000-000000000001","resourceVersion":"1"},)"
                        R"("spec":{"containers":[{"name":"app","image":"bench"}]},)"
                        R"("status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,)"
                        R"("restartCount":0,"state":{"running":{"startedAt":"2026-11-23T07:00:00Z"}}}]}})";

} // namespace

BenchLogServer::BenchLogServer(QByteArray body, QObject *parent)
    : QThread(parent)
    , m_body(std::move(body))
{}

BenchLogServer::~BenchLogServer()
{
    m_stop = true;
    wait();
}

bool BenchLogServer::startServing()
{
    start();
    QElapsedTimer t;
    t.start();
    while (m_port.load() == 0 && t.elapsed() < 5000)
        QThread::msleep(5);
    return m_port.load() != 0;
}

QList<QByteArray> BenchLogServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

void BenchLogServer::run()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return;
    m_port = server.serverPort();
    while (!m_stop) {
        if (!server.waitForNewConnection(50))
            continue;
        std::unique_ptr<QTcpSocket> s(server.nextPendingConnection());
        QByteArray head;
        while (!head.contains("\r\n\r\n") && s->waitForReadyRead(5000))
            head += s->readAll();
        const QByteArray line = head.left(head.indexOf('\r'));
        {
            QMutexLocker lock(&m_mutex);
            m_requests.append(line);
        }
        QByteArray path = line.split(' ').value(1);
        path = path.left(path.indexOf('?') >= 0 ? path.indexOf('?') : path.size());
        const QByteArray json = "application/json";
        if (path == "/version") {
            reply(*s, 200, json,
                  R"({"major":"1","minor":"32","gitVersion":"v1.32.4","platform":"linux/amd64"})");
        } else if (path == "/api") {
            reply(
                *s, 200, json,
                R"({"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]})");
        } else if (path == "/apis") {
            reply(*s, 200, json, R"({"kind":"APIGroupList","apiVersion":"v1","groups":[]})");
        } else if (path == "/api/v1") {
            reply(
                *s, 200, json,
                R"({"kind":"APIResourceList","groupVersion":"v1","resources":[)"
                R"({"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list","watch"],"shortNames":["po"]},)"
                R"({"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}]})");
        } else if (path == "/api/v1/namespaces/demo/pods/bench-0") {
            reply(*s, 200, json, kPod);
        } else if (path == "/api/v1/namespaces/demo/pods/bench-0/log") {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                     "Connection: close\r\n\r\n");
            const qsizetype piece = 256 * 1024;
            for (qsizetype off = 0; off < m_body.size() && !m_stop; off += piece) {
                const QByteArray chunk = m_body.mid(off, piece);
                s->write(QByteArray::number(chunk.size(), 16) + "\r\n");
                s->write(chunk);
                s->write("\r\n");
                while (s->bytesToWrite() > 4 * piece && s->state() == QAbstractSocket::ConnectedState)
                    s->waitForBytesWritten(1000);
                if (s->state() != QAbstractSocket::ConnectedState)
                    break;
            }
            s->write("0\r\n\r\n");
        } else {
            reply(*s, 404, json,
                  R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404})");
        }
        while (s->bytesToWrite() > 0 && s->state() == QAbstractSocket::ConnectedState)
            s->waitForBytesWritten(1000);
        s->disconnectFromHost();
        if (s->state() != QAbstractSocket::UnconnectedState)
            s->waitForDisconnected(1000);
    }
}

} // namespace Sitrep::Bench
