#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace Sitrep::Core {

// One severity level as a team defines it (name, meaning, how fast to respond and to communicate).
struct SeverityLevel
{
    QString name;        // "P0", "Critical", ...
    QString description; // "Complete outage", ...
    QString response;    // "Immediate", "< 15 min", ...
    QString communication;
    int rank = 0; // 0 is the most severe
};

// The ordered list of severities an incident may take: P0..P3 by default, or a runbook's table.
class SeverityScheme final
{
public:
    SeverityScheme() = default;
    explicit SeverityScheme(QList<SeverityLevel> levels);
    static SeverityScheme defaults();
    static Result<SeverityScheme> fromJson(const QJsonArray &array);

    QJsonArray toJson() const;
    const QList<SeverityLevel> &levels() const { return m_levels; }
    bool isEmpty() const { return m_levels.isEmpty(); }
    // Case-insensitive lookup; also maps "sev1"/"p1"/"1" onto the level at that rank.
    Result<SeverityLevel> find(const QString &name) const;

private:
    QList<SeverityLevel> m_levels;
};

} // namespace Sitrep::Core
