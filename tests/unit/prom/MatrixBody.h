#pragma once

#include <QByteArray>

#include <cmath>

namespace Sitrep::Test {

// A query_range answer as Prometheus writes it: `series` series of `points` samples 15 s apart,
// values a noisy sine; every 1000th value of series 0 is "NaN" when withNaN is set.
inline QByteArray matrixBody(int series, int points, bool withNaN = false, const QByteArray &extra = {})
{
    QByteArray out;
    out.reserve(qsizetype(series) * points * 28 + 1024);
    out += R"({"status":"success","data":{"resultType":"matrix","result":[)";
    const qint64 t0 = 1700000000;
    for (int s = 0; s < series; ++s) {
        if (s)
            out += ',';
        out += R"({"metric":{"__name__":"http_requests_total","pod":"api-)" + QByteArray::number(s) +
               R"(","code":"200"},"values":[)";
        for (int i = 0; i < points; ++i) {
            if (i)
                out += ',';
            out += '[';
            out += QByteArray::number(t0 + qint64(i) * 15);
            out += i % 2 ? ".5" : "";
            out += ",\"";
            if (withNaN && s == 0 && i % 1000 == 999)
                out += "NaN";
            else
                out += QByteArray::number(100.0 + 50.0 * std::sin(i / 200.0 + s) + (i * 7919 % 13) / 10.0,
                                          'g', 10);
            out += "\"]";
        }
        out += "]}";
    }
    out += "]}";
    out += extra;
    out += '}';
    return out;
}

} // namespace Sitrep::Test
