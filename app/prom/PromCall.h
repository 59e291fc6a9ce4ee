#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QNetworkReply;

namespace Sitrep::Prom {

namespace Internal {
class HttpJsonClient;
}

// A request in flight to Prometheus or Alertmanager. abort() cancels it: its callback is then never called.
// Owned by the client that made it; deletes itself after finished().
class PromCall final : public QObject
{
    Q_OBJECT
public:
    QString what() const { return m_what; }
    bool isFinished() const { return m_done; }
    bool isCancelled() const { return m_cancelled; }
    void abort();

signals:
    // Emitted once, after the callback ran (or instead of it when aborted).
    void finished();

private:
    friend class Internal::HttpJsonClient;
    explicit PromCall(QString what, QObject *parent);
    void done();

    QString m_what;
    QPointer<QNetworkReply> m_reply;
    bool m_done = false;
    bool m_cancelled = false;
    bool m_aborting = false;
};

} // namespace Sitrep::Prom
