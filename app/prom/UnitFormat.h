#pragma once

#include <QString>

namespace Sitrep::Prom {

// Numbers as a panel shows them: "230 ms", "1.50 s", "2.3%", "1.2 KiB", "12.4 req/s", "14.4x".
// Unit names follow Grafana's (s, ms, percent, percentunit, reqps, bytes, decbytes, short, none), plus
// "suffix:TEXT" for anything else.
class UnitFormat final
{
public:
    static QString format(double value, const QString &unit, int decimals = -1);
    // Whether the unit is understood (unknown ones show plain numbers and are reported by the importer).
    static bool isKnown(const QString &unit);
    // Sitrep aliases ("%", "req/s", "seconds") to the canonical names.
    static QString normalize(const QString &unit);
};

} // namespace Sitrep::Prom
