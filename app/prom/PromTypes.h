#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace Sitrep::Prom {

using Labels = QMap<QString, QString>;

// Renders labels the way Prometheus prints a series: name{a="1", b="2"}.
QString labelsToString(const Labels &labels);

// One element of an instant vector (or the single value of a scalar result).
struct Sample
{
    Labels labels;
    double timeSec = 0;
    double value = 0;
};

// The answer to /api/v1/query.
struct InstantResult
{
    QString resultType; // vector, scalar, string, matrix (a range selector queried instantly)
    QList<Sample> samples;
    QStringList warnings;
};

// One series of a query_range answer, compact: parallel arrays, times in ms since the epoch.
// Values may be NaN or +-Inf exactly as Prometheus sent them.
struct RangeSeries
{
    Labels labels;
    QVector<double> timesMs;
    QVector<double> values;
    // Filled on the thread pool when the query asked for RangeQuery::pixels: the series as a chart of that
    // width draws it (min/max per pixel column, non-finite samples left out), so the GUI thread only hands
    // points over.
    QList<QPointF> points;
};

// The answer to /api/v1/query_range.
struct RangeResult
{
    QList<RangeSeries> series;
    QStringList warnings;
    qint64 points = 0;    // all samples of all series
    qint64 nonFinite = 0; // NaN / Inf samples among them
};

// Parameters of a range query.
struct RangeQuery
{
    QString expr;
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 stepMs = 15000;
    int pixels = 0; // > 0: each series is also reduced to this many pixel columns off the GUI thread
};

// An alert as Prometheus (/api/v1/alerts) or Alertmanager (/api/v2/alerts) reports it.
struct Alert
{
    QString name;  // labels["alertname"]
    QString state; // firing, pending (Prometheus); active, suppressed, unprocessed (Alertmanager)
    Labels labels;
    Labels annotations;
    qint64 activeAtMs = 0; // since when (Prometheus activeAt / Alertmanager startsAt)
    qint64 endsAtMs = 0;   // Alertmanager only
    QString value;         // Prometheus only
    QString fingerprint;   // Alertmanager's, or computed from the labels
    QStringList silencedBy;
    QStringList inhibitedBy;
    QString source; // "prometheus" or "alertmanager"
    QString generatorUrl;

    QString severity() const { return labels.value(QStringLiteral("severity")); }
    QString summary() const;
};

// Computes a stable fingerprint of a label set (FNV-1a over sorted name=value pairs), for de-duplication.
QString fingerprintOf(const Labels &labels);

// One alerting or recording rule from /api/v1/rules.
struct Rule
{
    QString group;
    QString name;
    QString type; // alerting, recording
    QString query;
    QString health; // ok, err, unknown
    QString lastError;
    QString state; // for alerting rules: inactive, pending, firing
    double durationSec = 0;
    Labels labels;
    Labels annotations;
    QList<Alert> alerts;
};

// One scrape target from /api/v1/targets.
struct Target
{
    Labels labels;
    QString scrapeUrl;
    QString health; // up, down, unknown
    QString lastError;
    qint64 lastScrapeMs = 0;
    double lastScrapeDurationSec = 0;
    QString scrapePool;
    QString scrapeInterval;
};

// /api/v1/status/buildinfo.
struct BuildInfo
{
    QString version;
    QString revision;
    QString branch;
    QString goVersion;
};

// An Alertmanager silence matcher.
struct Matcher
{
    QString name;
    QString value;
    bool isRegex = false;
    bool isEqual = true;
};

// An Alertmanager silence.
struct Silence
{
    QString id;
    QList<Matcher> matchers;
    qint64 startsAtMs = 0;
    qint64 endsAtMs = 0;
    QString createdBy;
    QString comment;
    QString state; // active, pending, expired
};

} // namespace Sitrep::Prom
