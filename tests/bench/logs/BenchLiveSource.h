#pragma once

#include <QThread>

#include <atomic>
#include <functional>

namespace Sitrep::Bench {

// The simulated cluster on its own thread with `pods` running pods ("default/live-<i>", container "app")
// whose containers keep writing: linesPerSecond in all, spread over the pods, each line stamped with
// the time it was written. Followed log streams receive them as they are appended, as from a kubelet.
// Plain HTTP without a token, like BenchSimSource.
class BenchLiveSource final : public QThread
{
    Q_OBJECT
public:
    BenchLiveSource(int pods, int linesPerSecond, std::function<QByteArray(int)> line,
                    QObject *parent = nullptr);
    ~BenchLiveSource() override;

    // Starts the thread, the pods and the writing; false when the simulator could not start.
    bool startServing();
    quint16 port() const { return m_port.load(); }
    qint64 linesWritten() const { return m_written.load(); }

protected:
    void run() override;

private:
    int m_pods;
    int m_rate;
    std::function<QByteArray(int)> m_line;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_failed{false};
    std::atomic<qint64> m_written{0};
};

} // namespace Sitrep::Bench
