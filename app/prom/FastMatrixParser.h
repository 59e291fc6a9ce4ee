#pragma once

#include "prom/PromTypes.h"

#include <QByteArray>

#include <optional>

namespace Sitrep::Prom::Internal {

// A strict, allocation-light scanner for the usual query_range answer
// {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[t,"v"],...]},...]}}
// optionally followed by "warnings"/"infos" lists.
// Anything else (errors, escapes in strings, unexpected keys) returns nullopt and the caller takes
// the QJsonDocument path, so this only has to be right for what it accepts.
class FastMatrixParser final
{
public:
    static std::optional<RangeResult> parse(const QByteArray &body);

private:
    explicit FastMatrixParser(const QByteArray &body);
    bool run(RangeResult &out);
    void ws();
    bool lit(char c);
    bool string(QString &out);
    bool rawString(const char *&begin, const char *&end);
    bool key(const char *expected);
    bool metric(Labels &labels);
    bool values(RangeSeries &s, qint64 &nonFinite);
    bool number(double &out);

    const char *m_p;
    const char *m_end;
};

} // namespace Sitrep::Prom::Internal
