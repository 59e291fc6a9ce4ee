#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>

namespace Sitrep::Bench {

// The simulated cluster (app/sim) on its own thread, serving one finished pod ("default/bench-0",
// container "app") whose log holds the benchmark's lines, so that the client side being measured
// has the main thread to itself. Plain HTTP without a token: TLS would measure the cipher.
class BenchSimSource final : public QThread
{
    Q_OBJECT
public:
    // line(i) gives the text of line i; line i is stamped t0 + i microseconds (milliseconds on the wire).
    BenchSimSource(int lines, qint64 t0Ms, std::function<QByteArray(int)> line, QObject *parent = nullptr);
    ~BenchSimSource() override;

    // Starts the thread and waits until the pod's log is filled and the port is bound.
    bool startServing();
    quint16 port() const { return m_port.load(); }
    QList<QByteArray> requests() const;
    qint64 bodyBytes() const { return m_bodyBytes.load(); }

protected:
    void run() override;

private:
    int m_lines;
    qint64 m_t0Ms;
    std::function<QByteArray(int)> m_line;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_failed{false};
    std::atomic<qint64> m_bodyBytes{0};
    mutable QMutex m_mutex;
    QList<QByteArray> m_requests;
};

} // namespace Sitrep::Bench
