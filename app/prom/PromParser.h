#pragma once

#include "core/Result.h"
#include "prom/PromTypes.h"

#include <QByteArray>
#include <QJsonValue>

namespace Sitrep::Prom {

// Pure parsers of Prometheus HTTP API answers. Thread-safe (no shared state): query_range answers are
// parsed on a pool thread with these.
namespace PromParser {

// The "data" of a success envelope, with the server's warnings.
struct Envelope
{
    QJsonValue data;
    QStringList warnings;
};

// Checks the HTTP status and the {"status": ...} envelope. A PromQL error becomes
// "Prometheus rejected the query (bad_data): <server message>".
Core::Result<Envelope> envelope(int httpStatus, const QByteArray &body, const QString &server);

// A sample value as Prometheus writes it: "1.5", "NaN", "+Inf", "-Inf".
double sampleValue(const QString &text, bool *ok = nullptr);
double sampleValue(const QJsonValue &v, bool *ok = nullptr);

Core::Result<InstantResult> instant(const Envelope &e);
// Whole body to compact series; simdjson on-demand for the usual shape (MatrixParser), QJsonDocument
// otherwise.
Core::Result<RangeResult> range(int httpStatus, const QByteArray &body, const QString &server);
// The QJsonDocument path alone: errors, unusual shapes, and the reference the fast path is tested against.
Core::Result<RangeResult> rangeCareful(int httpStatus, const QByteArray &body, const QString &server);
Core::Result<QStringList> stringList(const Envelope &e);
Core::Result<QList<Labels>> series(const Envelope &e);
Core::Result<QList<Alert>> alerts(const Envelope &e);
Core::Result<QList<Rule>> rules(const Envelope &e);
Core::Result<QList<Target>> targets(const Envelope &e);
Core::Result<BuildInfo> buildInfo(const Envelope &e);

Labels labelsOf(const QJsonObject &o);
qint64 parseTimeMs(const QString &rfc3339);

} // namespace PromParser
} // namespace Sitrep::Prom
