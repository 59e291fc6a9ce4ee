#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <array>
#include <optional>

namespace Sitrep::Core {

enum class Milestone { ImpactStarted, Detected, Acknowledged, Mitigated, Resolved };
constexpr int kMilestoneCount = 5;

QString milestoneName(Milestone m);  // "impact-started"
QString milestoneTitle(Milestone m); // "Impact started"
Result<Milestone> parseMilestone(const QString &text);

// The incident's key moments, kept in order, and the response metrics they give.
class Milestones final
{
public:
    // Sets a milestone if it keeps the order impact <= detected <= acknowledged <= mitigated <= resolved.
    Result<void> set(Milestone m, const QDateTime &when);
    Result<void> validate(Milestone m, const QDateTime &when) const;
    void clear(Milestone m) { m_times[static_cast<size_t>(m)].reset(); }
    std::optional<QDateTime> at(Milestone m) const { return m_times[static_cast<size_t>(m)]; }
    bool has(Milestone m) const { return at(m).has_value(); }

    // Mean-time metrics for this one incident, in seconds; empty when a milestone is missing.
    std::optional<qint64> timeToDetect() const;      // impact -> detected
    std::optional<qint64> timeToAcknowledge() const; // detected -> acknowledged
    std::optional<qint64> timeToMitigate() const;    // impact -> mitigated
    std::optional<qint64> timeToResolve() const;     // impact -> resolved

    QJsonObject toJson() const;

private:
    std::optional<qint64> span(Milestone from, Milestone to) const;
    std::array<std::optional<QDateTime>, kMilestoneCount> m_times;
};

// "1h 05m", "4m 10s", "12s": how long a span reads on a header and in a postmortem.
QString formatDuration(qint64 seconds);

} // namespace Sitrep::Core
