#pragma once

#include <QString>

namespace Sitrep::Prom::NumberText {

// Numbers written the way Grafana's value formatters write them (they run in a browser, so JavaScript's
// number-to-text rules are the reference). decimals < 0 means "not set": Grafana then picks the count
// from the value's magnitude.

// JavaScript's String(number): the shortest text that reads back as the same double, fixed notation
// between 1e-7 and 1e21, exponent form ("1.5e-7", "2e+21") outside.
QString jsNumber(double v);
// JavaScript's Math.round: halves go up (towards +infinity).
double jsRound(double v);
// Grafana's toFixed: rounds to `decimals` places and pads with zeros; NaN -> "NaN", infinities -> "∞".
QString toFixed(double v, int decimals = -1);
// How many decimals Grafana shows for a value when the panel sets none (12.34 -> 1, 0.0123 -> 4, 1500 -> 0).
int decimalsForValue(double v);
// JavaScript's toExponential(decimals) ("1.23e+4"); decimals < 0: as many digits as needed.
QString jsExponential(double v, int decimals);
// JavaScript's number.toString(16).toUpperCase() for what toFixed left.
QString jsHex(double v);

} // namespace Sitrep::Prom::NumberText
