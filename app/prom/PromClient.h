#pragma once

#include "core/Result.h"
#include "prom/PromCall.h"
#include "prom/PromParser.h"
#include "prom/PromTypes.h"
#include "prom/ServerConfig.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace Sitrep::Prom {

namespace Internal {
class HttpJsonClient;
}

// The Prometheus HTTP API (v1): instant and range queries, metadata, alerts, rules, targets, build info.
// Asynchronous: each call takes a context object and a callback that runs on the context's thread exactly
// once, unless the context is gone or the call was aborted. query_range answers are parsed on the thread
// pool.
class PromClient final : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Callback = std::function<void(Core::Result<T>)>;

    explicit PromClient(QObject *parent = nullptr);
    ~PromClient() override;

    // Fails with a sentence when the URL is unusable or a certificate file cannot be read.
    Core::Result<void> configure(const ServerConfig &config);
    const ServerConfig &config() const;
    QString displayUrl() const;

    PromCall *query(const QString &expr, qint64 timeMs, QObject *context, Callback<InstantResult> cb);
    PromCall *queryRange(const RangeQuery &q, QObject *context, Callback<RangeResult> cb);
    PromCall *series(const QStringList &matchers, qint64 startMs, qint64 endMs, QObject *context,
                     Callback<QList<Labels>> cb);
    PromCall *labels(QObject *context, Callback<QStringList> cb);
    // Label names of the series matching `matchers` within [startMs, endMs] (0: Prometheus' defaults).
    PromCall *labelNames(const QStringList &matchers, qint64 startMs, qint64 endMs, QObject *context,
                         Callback<QStringList> cb);
    PromCall *labelValues(const QString &label, const QStringList &matchers, QObject *context,
                          Callback<QStringList> cb);
    PromCall *labelValues(const QString &label, const QStringList &matchers, qint64 startMs, qint64 endMs,
                          QObject *context, Callback<QStringList> cb);
    PromCall *alerts(QObject *context, Callback<QList<Alert>> cb);
    PromCall *rules(QObject *context, Callback<QList<Rule>> cb);
    PromCall *targets(QObject *context, Callback<QList<Target>> cb);
    PromCall *buildInfo(QObject *context, Callback<BuildInfo> cb);

    // Aborts everything in flight; later calls fail at once.
    void shutdown();
    int inFlight() const;

private:
    template<typename T>
    PromCall *getEnvelope(const QByteArray &method, const QString &path, const QUrlQuery &query,
                          const QString &what, QObject *context, Callback<T> cb,
                          std::function<Core::Result<T>(const PromParser::Envelope &)> parse);

    Internal::HttpJsonClient *m_http;
};

} // namespace Sitrep::Prom
