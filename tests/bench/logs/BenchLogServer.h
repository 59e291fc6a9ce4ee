#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QThread>

#include <atomic>

namespace Sitrep::Bench {

// Serves one pod's log (a prepared byte body) plus just enough of the Kubernetes API for
// `kubectl logs` (version, legacy discovery, the pod) from its own thread, so the client side
// being measured has the main thread to itself. One connection at a time, Connection: close.
class BenchLogServer final : public QThread
{
    Q_OBJECT
public:
    explicit BenchLogServer(QByteArray body, QObject *parent = nullptr);
    ~BenchLogServer() override;

    // Starts the thread and waits until the port is bound.
    bool startServing();
    quint16 port() const { return m_port.load(); }
    QList<QByteArray> requests() const;

protected:
    void run() override;

private:
    QByteArray m_body;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_stop{false};
    mutable QMutex m_mutex;
    QList<QByteArray> m_requests;
};

} // namespace Sitrep::Bench
