#pragma once

#include "kube/KubeRequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace Sitrep::Kube {

class KubeClient;

// One request in flight: waits for credentials, sends, times out, and reports once with finished().
// Streaming calls also emit chunk() as bytes arrive. Owned by the client; deletes itself after finished().
class KubeCall final : public QObject
{
    Q_OBJECT
public:
    const KubeRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    int httpStatus() const { return m_status; }
    QByteArray body() const { return m_body; }
    // Empty when the call succeeded (2xx); otherwise a sentence for the user.
    QString errorText() const { return m_error; }
    bool ok() const { return m_finished && m_error.isEmpty(); }
    bool timedOut() const { return m_timedOut; }
    // The body parsed as a JSON object; on malformed JSON sets errorText and returns an empty object.
    QJsonObject json();

    void abort();

signals:
    void chunk(const QByteArray &data);
    // Headers arrived with a success status (streams use this to say "live").
    void opened();
    void finished();

private:
    friend class KubeClient;
    KubeCall(KubeClient *client, KubeRequest request);
    void attach(QNetworkReply *reply);
    void fail(const QString &error, int status = 0);
    void complete();

    KubeClient *m_client;
    KubeRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    QString m_error;
    int m_status = 0;
    int m_attempts = 0;
    qint64 m_lineBytes = 0; // a stream's bytes since its last newline
    bool m_finished = false;
    bool m_timedOut = false;
    bool m_opened = false;
};

} // namespace Sitrep::Kube
