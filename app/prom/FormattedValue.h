#pragma once

#include <QString>

namespace Sitrep::Prom {

// A value as a panel prints it, in Grafana's three parts: "$" "1.53" "K", "" "230" " ms".
struct FormattedValue
{
    QString prefix;
    QString text;
    QString suffix;

    QString toString() const { return prefix + text + suffix; }
};

} // namespace Sitrep::Prom
