#pragma once

#include <QByteArray>
#include <QTcpServer>

namespace Sitrep::Test {

// A scripted HTTP server for bad-input tests: answers every request with one canned response, or accepts the
// connection and never answers (a hanging Prometheus).
class FakeHttpServer final : public QTcpServer
{
    Q_OBJECT
public:
    explicit FakeHttpServer(QObject *parent = nullptr);
    void setResponse(int status, const QByteArray &body);
    void setHang(bool hang) { m_hang = hang; }
    // Chunked transfer, no Content-Length: the client learns the size only by reading.
    void setChunked(bool chunked) { m_chunked = chunked; }
    int requests() const { return m_requests; }
    QByteArray lastRequest() const { return m_lastRequest; }

private:
    void onConnection();
    int m_status = 200;
    QByteArray m_body;
    bool m_hang = false;
    bool m_chunked = false;
    int m_requests = 0;
    QByteArray m_lastRequest;
};

} // namespace Sitrep::Test
