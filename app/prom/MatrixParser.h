#pragma once

#include "prom/PromTypes.h"

#include <QByteArray>

#include <optional>

namespace Sitrep::Prom::Internal {

// The usual query_range answer, {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},
// "values":[[t,"v"],...]},...]}} with optional warnings and infos, parsed with simdjson's on-demand API (no
// DOM, numbers read in place, including the quoted sample values). Anything else (an error envelope, another
// result type, malformed JSON) gives nullopt and the caller takes the QJsonDocument path, which words the
// problem. Thread-safe: one parser per thread.
class MatrixParser final
{
public:
    static std::optional<RangeResult> parse(const QByteArray &body);
};

} // namespace Sitrep::Prom::Internal
