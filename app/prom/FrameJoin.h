#pragma once

#include "prom/DataFrame.h"

#include <QList>
#include <QString>

namespace Sitrep::Prom {

// Grafana's join of data frames on a field, as merge, joinByField and calculateField need it.
class FrameJoin final
{
public:
    // One frame with every frame's fields joined on byField (time series on their Time field when it is
    // empty), rows in key order: an outer join, or an inner one that keeps only keys every frame has.
    static DataFrame join(const QList<DataFrame> &frames, const QString &byField, bool inner = false);
};

} // namespace Sitrep::Prom
