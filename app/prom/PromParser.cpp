#include "prom/PromParser.h"

#include "prom/MatrixParser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace Sitrep::Prom::PromParser {

using Core::makeError;
using Core::Result;

namespace {

QString shortBody(const QByteArray &body)
{
    QString s = QString::fromUtf8(body.left(300)).simplified();
    if (body.size() > 300)
        s += QStringLiteral("...");
    return s;
}

Result<QJsonArray> resultArray(const Envelope &e, const QString &key = QStringLiteral("result"))
{
    const QJsonValue v = e.data.toObject().value(key);
    if (!v.isArray())
        return makeError(QStringLiteral("the answer has no \"%1\" array").arg(key),
                         QStringLiteral("data.%1").arg(key));
    return v.toArray();
}

} // namespace

Result<Envelope> envelope(int httpStatus, const QByteArray &body, const QString &server)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (httpStatus == 401)
            return makeError(
                QStringLiteral("%1 answered HTTP 401 (not authorised): check the user and password, "
                               "or the token")
                    .arg(server));
        if (httpStatus == 403)
            return makeError(
                QStringLiteral("%1 answered HTTP 403 (forbidden): the credentials are known but not "
                               "allowed to read this")
                    .arg(server));
        if (httpStatus >= 400 || httpStatus == 0)
            return makeError(
                QStringLiteral("%1 answered HTTP %2: %3").arg(server).arg(httpStatus).arg(shortBody(body)));
        return makeError(QStringLiteral("%1 sent an answer that is not JSON (%2 at byte %3)")
                             .arg(server, pe.errorString())
                             .arg(pe.offset));
    }
    const QJsonObject o = doc.object();
    const QString status = o.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("error")) {
        const QString type = o.value(QStringLiteral("errorType")).toString();
        const QString msg = o.value(QStringLiteral("error")).toString();
        if (type == QLatin1String("bad_data") || type == QLatin1String("execution"))
            return makeError(QStringLiteral("%1 rejected the query (%2): %3").arg(server, type, msg));
        if (type == QLatin1String("timeout") || type == QLatin1String("canceled"))
            return makeError(QStringLiteral("%1 gave up on the query (%2): %3").arg(server, type, msg));
        return makeError(
            QStringLiteral("%1 answered with an error (%2): %3")
                .arg(server, type.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus) : type, msg));
    }
    if (status != QLatin1String("success")) {
        if (httpStatus >= 400)
            return makeError(
                QStringLiteral("%1 answered HTTP %2: %3").arg(server).arg(httpStatus).arg(shortBody(body)));
        return makeError(QStringLiteral("%1 sent JSON without \"status\": \"success\"").arg(server));
    }
    Envelope e;
    e.data = o.value(QStringLiteral("data"));
    for (const auto &w : o.value(QStringLiteral("warnings")).toArray())
        e.warnings << w.toString();
    // Newer servers add "infos"; Thanos and friends may flag partial responses: both are worth seeing.
    for (const auto &w : o.value(QStringLiteral("infos")).toArray())
        e.warnings << w.toString();
    if (o.value(QStringLiteral("partialResponse")).toBool() || o.value(QStringLiteral("isPartial")).toBool())
        e.warnings << QStringLiteral("partial response: some data sources did not answer");
    return e;
}

double sampleValue(const QString &text, bool *ok)
{
    if (ok)
        *ok = true;
    if (text == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return -std::numeric_limits<double>::infinity();
    bool good = false;
    const double v = text.toDouble(&good);
    if (ok)
        *ok = good;
    return good ? v : std::numeric_limits<double>::quiet_NaN();
}

double sampleValue(const QJsonValue &v, bool *ok)
{
    if (v.isDouble()) {
        if (ok)
            *ok = true;
        return v.toDouble();
    }
    return sampleValue(v.toString(), ok);
}

Labels labelsOf(const QJsonObject &o)
{
    Labels l;
    for (auto it = o.begin(); it != o.end(); ++it)
        l.insert(it.key(), it.value().toString());
    return l;
}

qint64 parseTimeMs(const QString &rfc3339)
{
    if (rfc3339.isEmpty())
        return 0;
    QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(rfc3339, Qt::ISODate);
    if (!t.isValid()) {
        // Go prints nanoseconds (2026-11-23T07:41:57.123456789Z): keep milliseconds.
        static const QLatin1Char dot('.');
        const int d = rfc3339.indexOf(dot);
        if (d > 0) {
            int end = d + 1;
            while (end < rfc3339.size() && rfc3339.at(end).isDigit())
                ++end;
            const QString trimmed =
                rfc3339.left(d + 1) + rfc3339.mid(d + 1, qMin(3, end - d - 1)) + rfc3339.mid(end);
            t = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        }
    }
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

Result<InstantResult> instant(const Envelope &e)
{
    InstantResult r;
    r.warnings = e.warnings;
    const QJsonObject d = e.data.toObject();
    r.resultType = d.value(QStringLiteral("resultType")).toString();
    const QJsonValue res = d.value(QStringLiteral("result"));
    if (r.resultType == QLatin1String("scalar") || r.resultType == QLatin1String("string")) {
        const QJsonArray pair = res.toArray();
        if (pair.size() != 2)
            return makeError(QStringLiteral("a %1 result is not a [time, value] pair").arg(r.resultType),
                             QStringLiteral("data.result"));
        Sample s;
        s.timeSec = pair.at(0).toDouble();
        s.value = sampleValue(pair.at(1));
        if (r.resultType == QLatin1String("string"))
            s.labels.insert(QStringLiteral("value"), pair.at(1).toString());
        r.samples << s;
        return r;
    }
    if (!res.isArray())
        return makeError(QStringLiteral("the answer has no \"result\" array"), QStringLiteral("data.result"));
    for (const auto &item : res.toArray()) {
        const QJsonObject o = item.toObject();
        const Labels labels = labelsOf(o.value(QStringLiteral("metric")).toObject());
        if (o.contains(QStringLiteral("value"))) {
            const QJsonArray pair = o.value(QStringLiteral("value")).toArray();
            r.samples << Sample{labels, pair.at(0).toDouble(), sampleValue(pair.at(1))};
        } else {
            // A range selector queried instantly: every sample of the window.
            for (const auto &p : o.value(QStringLiteral("values")).toArray()) {
                const QJsonArray pair = p.toArray();
                r.samples << Sample{labels, pair.at(0).toDouble(), sampleValue(pair.at(1))};
            }
        }
    }
    return r;
}

Result<RangeResult> range(int httpStatus, const QByteArray &body, const QString &server)
{
    if (httpStatus >= 200 && httpStatus < 300) {
        if (auto fast = Internal::MatrixParser::parse(body))
            return std::move(*fast);
    }
    // Errors and anything unusual: the careful path.
    return rangeCareful(httpStatus, body, server);
}

Result<RangeResult> rangeCareful(int httpStatus, const QByteArray &body, const QString &server)
{
    auto env = envelope(httpStatus, body, server);
    if (!env)
        return env.error();
    const QJsonObject d = env->data.toObject();
    const QString type = d.value(QStringLiteral("resultType")).toString();
    if (type != QLatin1String("matrix"))
        return makeError(QStringLiteral("%1 answered a range query with a %2 instead of a matrix")
                             .arg(server, type.isEmpty() ? QStringLiteral("nothing") : type));
    RangeResult r;
    r.warnings = env->warnings;
    const auto arr = d.value(QStringLiteral("result")).toArray();
    r.series.reserve(arr.size());
    for (const auto &item : arr) {
        const QJsonObject o = item.toObject();
        RangeSeries s;
        s.labels = labelsOf(o.value(QStringLiteral("metric")).toObject());
        const QJsonArray values = o.value(QStringLiteral("values")).toArray();
        s.timesMs.reserve(values.size());
        s.values.reserve(values.size());
        for (const auto &p : values) {
            const QJsonArray pair = p.toArray();
            const double v = sampleValue(pair.at(1));
            s.timesMs << std::round(pair.at(0).toDouble() * 1000.0);
            s.values << v;
            if (!std::isfinite(v))
                ++r.nonFinite;
        }
        r.points += s.values.size();
        r.series << std::move(s);
    }
    return r;
}

Result<QStringList> stringList(const Envelope &e)
{
    if (!e.data.isArray())
        return makeError(QStringLiteral("the answer's data is not a list"), QStringLiteral("data"));
    QStringList out;
    for (const auto &v : e.data.toArray())
        out << v.toString();
    return out;
}

Result<QList<Labels>> series(const Envelope &e)
{
    if (!e.data.isArray())
        return makeError(QStringLiteral("the answer's data is not a list"), QStringLiteral("data"));
    QList<Labels> out;
    for (const auto &v : e.data.toArray())
        out << labelsOf(v.toObject());
    return out;
}

namespace {
Alert promAlert(const QJsonObject &o)
{
    Alert a;
    a.labels = labelsOf(o.value(QStringLiteral("labels")).toObject());
    a.annotations = labelsOf(o.value(QStringLiteral("annotations")).toObject());
    a.name = a.labels.value(QStringLiteral("alertname"));
    a.state = o.value(QStringLiteral("state")).toString();
    a.activeAtMs = parseTimeMs(o.value(QStringLiteral("activeAt")).toString());
    a.value = o.value(QStringLiteral("value")).toString();
    a.fingerprint = fingerprintOf(a.labels);
    a.source = QStringLiteral("prometheus");
    return a;
}
} // namespace

Result<QList<Alert>> alerts(const Envelope &e)
{
    auto arr = resultArray(e, QStringLiteral("alerts"));
    if (!arr)
        return arr.error();
    QList<Alert> out;
    for (const auto &v : *arr)
        out << promAlert(v.toObject());
    return out;
}

Result<QList<Rule>> rules(const Envelope &e)
{
    auto groups = resultArray(e, QStringLiteral("groups"));
    if (!groups)
        return groups.error();
    QList<Rule> out;
    for (const auto &g : *groups) {
        const QJsonObject go = g.toObject();
        const QString group = go.value(QStringLiteral("name")).toString();
        for (const auto &rv : go.value(QStringLiteral("rules")).toArray()) {
            const QJsonObject ro = rv.toObject();
            Rule r;
            r.group = group;
            r.name = ro.value(QStringLiteral("name")).toString();
            r.type = ro.value(QStringLiteral("type")).toString();
            r.query = ro.value(QStringLiteral("query")).toString();
            r.health = ro.value(QStringLiteral("health")).toString();
            r.lastError = ro.value(QStringLiteral("lastError")).toString();
            r.state = ro.value(QStringLiteral("state")).toString();
            r.durationSec = ro.value(QStringLiteral("duration")).toDouble();
            r.labels = labelsOf(ro.value(QStringLiteral("labels")).toObject());
            r.annotations = labelsOf(ro.value(QStringLiteral("annotations")).toObject());
            for (const auto &av : ro.value(QStringLiteral("alerts")).toArray())
                r.alerts << promAlert(av.toObject());
            out << r;
        }
    }
    return out;
}

Result<QList<Target>> targets(const Envelope &e)
{
    auto arr = resultArray(e, QStringLiteral("activeTargets"));
    if (!arr)
        return arr.error();
    QList<Target> out;
    for (const auto &v : *arr) {
        const QJsonObject o = v.toObject();
        Target t;
        t.labels = labelsOf(o.value(QStringLiteral("labels")).toObject());
        t.scrapeUrl = o.value(QStringLiteral("scrapeUrl")).toString();
        t.health = o.value(QStringLiteral("health")).toString();
        t.lastError = o.value(QStringLiteral("lastError")).toString();
        t.lastScrapeMs = parseTimeMs(o.value(QStringLiteral("lastScrape")).toString());
        t.lastScrapeDurationSec = o.value(QStringLiteral("lastScrapeDuration")).toDouble();
        t.scrapePool = o.value(QStringLiteral("scrapePool")).toString();
        t.scrapeInterval = o.value(QStringLiteral("scrapeInterval")).toString();
        out << t;
    }
    return out;
}

Result<BuildInfo> buildInfo(const Envelope &e)
{
    const QJsonObject d = e.data.toObject();
    if (!d.contains(QStringLiteral("version")))
        return makeError(QStringLiteral("the build info has no version"), QStringLiteral("data.version"));
    return BuildInfo{
        d.value(QStringLiteral("version")).toString(), d.value(QStringLiteral("revision")).toString(),
        d.value(QStringLiteral("branch")).toString(), d.value(QStringLiteral("goVersion")).toString()};
}

} // namespace Sitrep::Prom::PromParser
