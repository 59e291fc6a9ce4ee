#pragma once

#include "prom/FormattedValue.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Prom {

// Numbers as a Grafana panel shows them, for Grafana's whole unit catalogue (data IEC and SI, data rates,
// throughput, time and durations, clocks, dates, percent, currency, energy, temperature, boolean, ...) and
// its custom units: "suffix:TEXT", "prefix:TEXT", "si:UNIT", "count:UNIT", "currency:SYM", "time:PATTERN",
// "bool:T/F". Any other text is a custom unit Grafana writes after the number, and so does this.
// decimals < 0: not set by the panel (Grafana then picks them from the value).
class UnitFormat final
{
public:
    enum class Kind {
        None,      // no unit: the number as Grafana writes it
        Catalogue, // one of Grafana's unit ids
        Custom,    // suffix:/prefix:/si:/count:/currency:/time:/bool: forms
        FreeText,  // any other text: Grafana's "custom unit", written after the number
    };

    static FormattedValue formatParts(double value, const QString &unit, int decimals = -1);
    static QString format(double value, const QString &unit, int decimals = -1);
    static Kind kind(const QString &unit);
    // Whether Grafana formats the unit: every text is (catalogue ids, custom forms, and free text as a custom
    // unit after the number), so nothing falls back to a bare number; kind() tells which it is.
    static bool isKnown(const QString &unit);
    static QString kindName(Kind kind);
    // Sitrep's own aliases ("%", "req/s", "seconds", "x") to Grafana ids; Grafana ids unchanged.
    static QString normalize(const QString &unit);
    // Every id of Grafana's catalogue, in its categories' order.
    static QStringList catalogue();
    // bool, bool_yes_no, bool_on_off, bool:T/F: values are words, not numbers.
    static bool isBoolean(const QString &unit);
};

} // namespace Sitrep::Prom
