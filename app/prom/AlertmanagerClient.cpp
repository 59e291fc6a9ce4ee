#include "prom/AlertmanagerClient.h"

#include "prom/HttpJsonClient.h"
#include "prom/PromParser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace Sitrep::Prom {

using Core::makeError;
using Core::Result;
using Internal::HttpResponse;

namespace {

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

AlertmanagerClient::AlertmanagerClient(QObject *parent)
    : QObject(parent)
    , m_http(new Internal::HttpJsonClient(this))
{
    ServerConfig c;
    c.name = QStringLiteral("Alertmanager");
    c.url = QUrl(QStringLiteral("http://127.0.0.1:9093"));
    (void)m_http->configure(c);
}

AlertmanagerClient::~AlertmanagerClient()
{
    shutdown();
}

Result<void> AlertmanagerClient::configure(const ServerConfig &config)
{
    ServerConfig c = config;
    if (c.name.isEmpty())
        c.name = QStringLiteral("Alertmanager");
    return m_http->configure(c);
}

const ServerConfig &AlertmanagerClient::config() const
{
    return m_http->config();
}

QString AlertmanagerClient::displayUrl() const
{
    return m_http->displayUrl();
}

void AlertmanagerClient::shutdown()
{
    m_http->shutdown();
}

int AlertmanagerClient::inFlight() const
{
    return m_http->inFlight();
}

QString AlertmanagerClient::errorSentence(int status, const QByteArray &body) const
{
    // Alertmanager answers errors as a JSON string, or an object with "message", or plain text.
    QString detail;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        detail = doc.object().value(QStringLiteral("message")).toString();
    if (detail.isEmpty()) {
        detail = QString::fromUtf8(body.left(300)).trimmed();
        if (detail.startsWith(QLatin1Char('"')) && detail.endsWith(QLatin1Char('"')) && detail.size() >= 2)
            detail = detail.mid(1, detail.size() - 2);
    }
    return QStringLiteral("%1 at %2 answered HTTP %3: %4")
        .arg(m_http->serverName(), m_http->displayUrl())
        .arg(status)
        .arg(detail.isEmpty() ? QStringLiteral("(no message)") : detail);
}

Result<QList<Alert>> AlertmanagerClient::parseAlerts(const QByteArray &body)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isArray())
        return makeError(
            QStringLiteral("Alertmanager's alert list is not a JSON array (%1)").arg(pe.errorString()));
    QList<Alert> out;
    for (const auto &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Alert a;
        a.labels = PromParser::labelsOf(o.value(QStringLiteral("labels")).toObject());
        a.annotations = PromParser::labelsOf(o.value(QStringLiteral("annotations")).toObject());
        a.name = a.labels.value(QStringLiteral("alertname"));
        const QJsonObject st = o.value(QStringLiteral("status")).toObject();
        a.state = st.value(QStringLiteral("state")).toString();
        for (const auto &s : st.value(QStringLiteral("silencedBy")).toArray())
            a.silencedBy << s.toString();
        for (const auto &s : st.value(QStringLiteral("inhibitedBy")).toArray())
            a.inhibitedBy << s.toString();
        a.activeAtMs = PromParser::parseTimeMs(o.value(QStringLiteral("startsAt")).toString());
        a.endsAtMs = PromParser::parseTimeMs(o.value(QStringLiteral("endsAt")).toString());
        a.fingerprint = o.value(QStringLiteral("fingerprint")).toString();
        if (a.fingerprint.isEmpty())
            a.fingerprint = fingerprintOf(a.labels);
        a.generatorUrl = o.value(QStringLiteral("generatorURL")).toString();
        a.source = QStringLiteral("alertmanager");
        out << a;
    }
    return out;
}

Result<QList<Silence>> AlertmanagerClient::parseSilences(const QByteArray &body)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isArray())
        return makeError(
            QStringLiteral("Alertmanager's silence list is not a JSON array (%1)").arg(pe.errorString()));
    QList<Silence> out;
    for (const auto &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Silence s;
        s.id = o.value(QStringLiteral("id")).toString();
        for (const auto &mv : o.value(QStringLiteral("matchers")).toArray()) {
            const QJsonObject m = mv.toObject();
            s.matchers << Matcher{
                m.value(QStringLiteral("name")).toString(), m.value(QStringLiteral("value")).toString(),
                m.value(QStringLiteral("isRegex")).toBool(), m.value(QStringLiteral("isEqual")).toBool(true)};
        }
        s.startsAtMs = PromParser::parseTimeMs(o.value(QStringLiteral("startsAt")).toString());
        s.endsAtMs = PromParser::parseTimeMs(o.value(QStringLiteral("endsAt")).toString());
        s.createdBy = o.value(QStringLiteral("createdBy")).toString();
        s.comment = o.value(QStringLiteral("comment")).toString();
        s.state = o.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString();
        out << s;
    }
    return out;
}

QByteArray AlertmanagerClient::silenceJson(const Silence &s)
{
    QJsonArray matchers;
    for (const auto &m : s.matchers)
        matchers.append(QJsonObject{{QStringLiteral("name"), m.name},
                                    {QStringLiteral("value"), m.value},
                                    {QStringLiteral("isRegex"), m.isRegex},
                                    {QStringLiteral("isEqual"), m.isEqual}});
    QJsonObject o{{QStringLiteral("matchers"), matchers},
                  {QStringLiteral("startsAt"), iso(s.startsAtMs)},
                  {QStringLiteral("endsAt"), iso(s.endsAtMs)},
                  {QStringLiteral("createdBy"), s.createdBy},
                  {QStringLiteral("comment"), s.comment}};
    if (!s.id.isEmpty())
        o.insert(QStringLiteral("id"), s.id);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

PromCall *AlertmanagerClient::alerts(const AlertFilter &f, QObject *context, Callback<QList<Alert>> cb)
{
    QUrlQuery q;
    auto flag = [&q](const char *name, bool v) {
        q.addQueryItem(QLatin1String(name), v ? QStringLiteral("true") : QStringLiteral("false"));
    };
    flag("active", f.active);
    flag("silenced", f.silenced);
    flag("inhibited", f.inhibited);
    flag("unprocessed", f.unprocessed);
    for (const auto &m : f.matchers)
        q.addQueryItem(QStringLiteral("filter"), m);
    if (!f.receiver.isEmpty())
        q.addQueryItem(QStringLiteral("receiver"), f.receiver);
    QPointer<QObject> guard(context);
    return m_http->send("GET", QStringLiteral("/api/v2/alerts"), q, {}, {},
                        QStringLiteral("alertmanager alerts"),
                        [this, guard, cb](PromCall *, const HttpResponse &r) {
                            if (!guard)
                                return true;
                            if (!r.transportError.isEmpty())
                                cb(makeError(r.transportError));
                            else if (r.status != 200)
                                cb(makeError(errorSentence(r.status, r.body)));
                            else
                                cb(parseAlerts(r.body));
                            return true;
                        });
}

PromCall *AlertmanagerClient::silences(QObject *context, Callback<QList<Silence>> cb)
{
    QPointer<QObject> guard(context);
    return m_http->send("GET", QStringLiteral("/api/v2/silences"), {}, {}, {}, QStringLiteral("silences"),
                        [this, guard, cb](PromCall *, const HttpResponse &r) {
                            if (!guard)
                                return true;
                            if (!r.transportError.isEmpty())
                                cb(makeError(r.transportError));
                            else if (r.status != 200)
                                cb(makeError(errorSentence(r.status, r.body)));
                            else
                                cb(parseSilences(r.body));
                            return true;
                        });
}

PromCall *AlertmanagerClient::createSilence(const Silence &s, QObject *context, Callback<QString> cb)
{
    QPointer<QObject> guard(context);
    QString invalid;
    if (s.matchers.isEmpty())
        invalid = QStringLiteral("a silence needs at least one matcher");
    else if (s.endsAtMs <= s.startsAtMs)
        invalid = QStringLiteral("a silence must end after it starts");
    else if (s.createdBy.trimmed().isEmpty())
        invalid = QStringLiteral("a silence needs its author (createdBy)");
    if (!invalid.isEmpty()) {
        HttpResponse r;
        r.transportError = invalid;
        return m_http->deliverLater(QStringLiteral("create silence"), r,
                                    [guard, cb](PromCall *, const HttpResponse &x) {
                                        if (guard)
                                            cb(makeError(x.transportError));
                                        return true;
                                    });
    }
    return m_http->send(
        "POST", QStringLiteral("/api/v2/silences"), {}, silenceJson(s), "application/json",
        QStringLiteral("create silence"), [this, guard, cb](PromCall *, const HttpResponse &r) {
            if (!guard)
                return true;
            if (!r.transportError.isEmpty()) {
                cb(makeError(r.transportError));
            } else if (r.status != 200) {
                cb(makeError(errorSentence(r.status, r.body)));
            } else {
                const QString id =
                    QJsonDocument::fromJson(r.body).object().value(QStringLiteral("silenceID")).toString();
                if (id.isEmpty())
                    cb(makeError(QStringLiteral("Alertmanager accepted the silence but sent no id")));
                else
                    cb(id);
            }
            return true;
        });
}

PromCall *AlertmanagerClient::expireSilence(const QString &id, QObject *context, Callback<void> cb)
{
    QPointer<QObject> guard(context);
    return m_http->send("DELETE", QStringLiteral("/api/v2/silence/") + id, {}, {}, {},
                        QStringLiteral("expire silence ") + id,
                        [this, guard, cb](PromCall *, const HttpResponse &r) {
                            if (!guard)
                                return true;
                            if (!r.transportError.isEmpty())
                                cb(makeError(r.transportError));
                            else if (r.status != 200)
                                cb(makeError(errorSentence(r.status, r.body)));
                            else
                                cb(Core::Ok{});
                            return true;
                        });
}

} // namespace Sitrep::Prom
