#include "prom/PromClient.h"

#include "prom/Downsampler.h"
#include "prom/HttpJsonClient.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Sitrep::Prom {

using Core::makeError;
using Core::Result;
using Internal::HttpResponse;

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

// application/x-www-form-urlencoded: every reserved character escaped, "+" too (a bare "+" reads as a space,
// which turns "a + b" in PromQL into "a   b").
QByteArray form(const QUrlQuery &q)
{
    QByteArray out;
    for (const auto &[key, value] : q.queryItems(QUrl::FullyDecoded)) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

// match[] selectors and an optional time window, as /api/v1/series and the label endpoints take them.
QUrlQuery matchQuery(const QStringList &matchers, qint64 startMs, qint64 endMs)
{
    QUrlQuery q;
    for (const auto &m : matchers)
        q.addQueryItem(QStringLiteral("match[]"), m);
    if (startMs > 0)
        q.addQueryItem(QStringLiteral("start"), seconds(startMs));
    if (endMs > 0)
        q.addQueryItem(QStringLiteral("end"), seconds(endMs));
    return q;
}

} // namespace

PromClient::PromClient(QObject *parent)
    : QObject(parent)
    , m_http(new Internal::HttpJsonClient(this))
{
    ServerConfig c;
    c.name = QStringLiteral("Prometheus");
    c.url = QUrl(QStringLiteral("http://127.0.0.1:9090"));
    (void)m_http->configure(c);
}

PromClient::~PromClient()
{
    shutdown();
}

Result<void> PromClient::configure(const ServerConfig &config)
{
    ServerConfig c = config;
    if (c.name.isEmpty())
        c.name = QStringLiteral("Prometheus");
    return m_http->configure(c);
}

const ServerConfig &PromClient::config() const
{
    return m_http->config();
}

QString PromClient::displayUrl() const
{
    return m_http->displayUrl();
}

void PromClient::shutdown()
{
    m_http->shutdown();
}

int PromClient::inFlight() const
{
    return m_http->inFlight();
}

template<typename T>
PromCall *PromClient::getEnvelope(const QByteArray &method, const QString &path, const QUrlQuery &query,
                                  const QString &what, QObject *context, Callback<T> cb,
                                  std::function<Result<T>(const PromParser::Envelope &)> parse)
{
    const QString server = QStringLiteral("%1 at %2").arg(m_http->serverName(), m_http->displayUrl());
    QPointer<QObject> guard(context);
    const bool post = method == "POST";
    return m_http->send(method, path, post ? QUrlQuery() : query, post ? form(query) : QByteArray(),
                        post ? QByteArray("application/x-www-form-urlencoded") : QByteArray(), what,
                        [guard, cb, parse, server](PromCall *, const HttpResponse &r) {
                            if (!guard)
                                return true;
                            if (!r.transportError.isEmpty()) {
                                cb(makeError(r.transportError));
                                return true;
                            }
                            auto env = PromParser::envelope(r.status, r.body, server);
                            if (!env) {
                                cb(env.error());
                                return true;
                            }
                            cb(parse(*env));
                            return true;
                        });
}

PromCall *PromClient::query(const QString &expr, qint64 timeMs, QObject *context, Callback<InstantResult> cb)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), expr);
    if (timeMs > 0)
        q.addQueryItem(QStringLiteral("time"), seconds(timeMs));
    return getEnvelope<InstantResult>("POST", QStringLiteral("/api/v1/query"), q,
                                      QStringLiteral("query ") + expr, context, std::move(cb),
                                      &PromParser::instant);
}

PromCall *PromClient::queryRange(const RangeQuery &rq, QObject *context, Callback<RangeResult> cb)
{
    if (rq.stepMs <= 0 || rq.endMs < rq.startMs) {
        // Refuse before Prometheus does, with a sentence naming the field.
        HttpResponse r;
        r.transportError = rq.stepMs <= 0 ? QStringLiteral("the step of a range query must be positive")
                                          : QStringLiteral("the range query ends before it starts");
        QPointer<QObject> guard(context);
        return m_http->deliverLater(QStringLiteral("invalid range query"), r,
                                    [guard, cb](PromCall *, const HttpResponse &x) {
                                        if (guard)
                                            cb(makeError(x.transportError));
                                        return true;
                                    });
    }
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), rq.expr);
    q.addQueryItem(QStringLiteral("start"), seconds(rq.startMs));
    q.addQueryItem(QStringLiteral("end"), seconds(rq.endMs));
    q.addQueryItem(QStringLiteral("step"), seconds(rq.stepMs));
    const QString server = QStringLiteral("%1 at %2").arg(m_http->serverName(), m_http->displayUrl());
    QPointer<QObject> guard(context);
    return m_http->send("POST", QStringLiteral("/api/v1/query_range"), {}, form(q),
                        "application/x-www-form-urlencoded", QStringLiteral("query_range ") + rq.expr,
                        [guard, cb, server, pixels = rq.pixels](PromCall *call, const HttpResponse &r) {
                            if (!guard)
                                return true;
                            if (!r.transportError.isEmpty()) {
                                cb(makeError(r.transportError));
                                return true;
                            }
                            // The body can be tens of megabytes: parse it on the pool, deliver on the call's
                            // thread.
                            auto *watcher = new QFutureWatcher<Result<RangeResult>>(call);
                            QObject::connect(watcher, &QFutureWatcherBase::finished, call,
                                             [watcher, call, guard, cb] {
                                                 if (!call->isCancelled() && guard)
                                                     cb(watcher->result());
                                                 Internal::HttpJsonClient::complete(call);
                                             });
                            const int status = r.status;
                            const QByteArray body = r.body;
                            // Downsampling rides along on the same pool task: for 50 series of 11,000 points
                            // it costs about as much as the parse, and the GUI thread would otherwise pay it
                            // once per panel.
                            watcher->setFuture(QtConcurrent::run([status, body, server, pixels] {
                                auto parsed = PromParser::range(status, body, server);
                                if (parsed && pixels > 0) {
                                    for (RangeSeries &s : parsed.value().series)
                                        s.points = Downsampler::minMaxPerPixel(s, pixels);
                                }
                                return parsed;
                            }));
                            return false;
                        });
}

PromCall *PromClient::series(const QStringList &matchers, qint64 startMs, qint64 endMs, QObject *context,
                             Callback<QList<Labels>> cb)
{
    const QUrlQuery q = matchQuery(matchers, startMs, endMs);
    return getEnvelope<QList<Labels>>("POST", QStringLiteral("/api/v1/series"), q, QStringLiteral("series"),
                                      context, std::move(cb), &PromParser::series);
}

PromCall *PromClient::labels(QObject *context, Callback<QStringList> cb)
{
    return getEnvelope<QStringList>("GET", QStringLiteral("/api/v1/labels"), {}, QStringLiteral("labels"),
                                    context, std::move(cb), &PromParser::stringList);
}

PromCall *PromClient::labelNames(const QStringList &matchers, qint64 startMs, qint64 endMs, QObject *context,
                                 Callback<QStringList> cb)
{
    const QUrlQuery q = matchQuery(matchers, startMs, endMs);
    return getEnvelope<QStringList>("GET", QStringLiteral("/api/v1/labels"), q, QStringLiteral("labels"),
                                    context, std::move(cb), &PromParser::stringList);
}

PromCall *PromClient::labelValues(const QString &label, const QStringList &matchers, QObject *context,
                                  Callback<QStringList> cb)
{
    return labelValues(label, matchers, 0, 0, context, std::move(cb));
}

PromCall *PromClient::labelValues(const QString &label, const QStringList &matchers, qint64 startMs,
                                  qint64 endMs, QObject *context, Callback<QStringList> cb)
{
    const QUrlQuery q = matchQuery(matchers, startMs, endMs);
    const QString path = QStringLiteral("/api/v1/label/%1/values").arg(label);
    return getEnvelope<QStringList>("GET", path, q, QStringLiteral("label values ") + label, context,
                                    std::move(cb), &PromParser::stringList);
}

PromCall *PromClient::alerts(QObject *context, Callback<QList<Alert>> cb)
{
    return getEnvelope<QList<Alert>>("GET", QStringLiteral("/api/v1/alerts"), {}, QStringLiteral("alerts"),
                                     context, std::move(cb), &PromParser::alerts);
}

PromCall *PromClient::rules(QObject *context, Callback<QList<Rule>> cb)
{
    return getEnvelope<QList<Rule>>("GET", QStringLiteral("/api/v1/rules"), {}, QStringLiteral("rules"),
                                    context, std::move(cb), &PromParser::rules);
}

PromCall *PromClient::targets(QObject *context, Callback<QList<Target>> cb)
{
    return getEnvelope<QList<Target>>("GET", QStringLiteral("/api/v1/targets"), {}, QStringLiteral("targets"),
                                      context, std::move(cb), &PromParser::targets);
}

PromCall *PromClient::buildInfo(QObject *context, Callback<BuildInfo> cb)
{
    return getEnvelope<BuildInfo>("GET", QStringLiteral("/api/v1/status/buildinfo"), {},
                                  QStringLiteral("build info"), context, std::move(cb),
                                  &PromParser::buildInfo);
}

} // namespace Sitrep::Prom
