#pragma once

#include <QColor>
#include <QString>

namespace Sitrep::Ui {

// Colours for severities and statuses; always shown next to the words, never instead of them.
struct SeverityPalette
{
    static QColor severityColor(int rank); // 0 = most severe
    static QColor textOn(const QColor &background);
    static QColor statusColor(const QString &statusName);
};

} // namespace Sitrep::Ui
