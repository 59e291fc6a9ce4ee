#pragma once

#include "core/Result.h"
#include "prom/PromCall.h"
#include "prom/PromTypes.h"
#include "prom/ServerConfig.h"

#include <QObject>

#include <functional>

namespace Sitrep::Prom {

namespace Internal {
class HttpJsonClient;
}

// The Alertmanager API v2: alerts (with the active/silenced/inhibited filters), silences, create and expire a
// silence. Same calling convention as PromClient: context object + callback, run once unless aborted.
class AlertmanagerClient final : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Callback = std::function<void(Core::Result<T>)>;

    struct AlertFilter
    {
        bool active = true;
        bool silenced = true;
        bool inhibited = true;
        bool unprocessed = true;
        QStringList matchers; // Alertmanager filter syntax: alertname="X", severity=~"crit.*"
        QString receiver;     // regex
    };

    explicit AlertmanagerClient(QObject *parent = nullptr);
    ~AlertmanagerClient() override;

    Core::Result<void> configure(const ServerConfig &config);
    const ServerConfig &config() const;
    QString displayUrl() const;

    PromCall *alerts(const AlertFilter &filter, QObject *context, Callback<QList<Alert>> cb);
    PromCall *silences(QObject *context, Callback<QList<Silence>> cb);
    // Returns the new silence's id. Fails before sending when there is no matcher or the times are backwards.
    PromCall *createSilence(const Silence &silence, QObject *context, Callback<QString> cb);
    PromCall *expireSilence(const QString &id, QObject *context, Callback<void> cb);

    void shutdown();
    int inFlight() const;

    // Parsers, public for tests.
    static Core::Result<QList<Alert>> parseAlerts(const QByteArray &body);
    static Core::Result<QList<Silence>> parseSilences(const QByteArray &body);
    static QByteArray silenceJson(const Silence &silence);

private:
    QString errorSentence(int status, const QByteArray &body) const;
    Internal::HttpJsonClient *m_http;
};

} // namespace Sitrep::Prom
