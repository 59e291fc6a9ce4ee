#include "core/Milestones.h"

namespace Sitrep::Core {

namespace {
constexpr std::array kNames = {"impact-started", "detected", "acknowledged", "mitigated", "resolved"};
constexpr std::array kTitles = {"Impact started", "Detected", "Acknowledged", "Mitigated", "Resolved"};
} // namespace

QString milestoneName(Milestone m)
{
    return QString::fromLatin1(kNames[static_cast<size_t>(m)]);
}

QString milestoneTitle(Milestone m)
{
    return QString::fromLatin1(kTitles[static_cast<size_t>(m)]);
}

Result<Milestone> parseMilestone(const QString &text)
{
    QString t = text.trimmed().toLower();
    t.replace(QLatin1Char('_'), QLatin1Char('-')).replace(QLatin1Char(' '), QLatin1Char('-'));
    if (t == QLatin1String("impact") || t == QLatin1String("started"))
        t = QStringLiteral("impact-started");
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (t == QLatin1String(kNames[i]))
            return static_cast<Milestone>(i);
    }
    return makeError(
        QStringLiteral("unknown milestone \"%1\"; expected impact-started, detected, acknowledged, "
                       "mitigated or resolved")
            .arg(text));
}

Result<void> Milestones::validate(Milestone m, const QDateTime &when) const
{
    if (!when.isValid())
        return makeError(QStringLiteral("%1 needs a valid time").arg(milestoneTitle(m)));
    const int idx = static_cast<int>(m);
    for (int i = 0; i < kMilestoneCount; ++i) {
        const auto &other = m_times[static_cast<size_t>(i)];
        if (!other || i == idx)
            continue;
        const auto otherM = static_cast<Milestone>(i);
        if (i < idx && when < *other) {
            return makeError(QStringLiteral("%1 (%2) cannot be before %3 (%4)")
                                 .arg(milestoneTitle(m), when.toUTC().toString(Qt::ISODate),
                                      milestoneTitle(otherM), other->toUTC().toString(Qt::ISODate)));
        }
        if (i > idx && when > *other) {
            return makeError(QStringLiteral("%1 (%2) cannot be after %3 (%4)")
                                 .arg(milestoneTitle(m), when.toUTC().toString(Qt::ISODate),
                                      milestoneTitle(otherM), other->toUTC().toString(Qt::ISODate)));
        }
    }
    return {};
}

Result<void> Milestones::set(Milestone m, const QDateTime &when)
{
    if (auto r = validate(m, when); !r)
        return r;
    m_times[static_cast<size_t>(m)] = when.toUTC();
    return {};
}

std::optional<qint64> Milestones::span(Milestone from, Milestone to) const
{
    const auto a = at(from);
    const auto b = at(to);
    if (!a || !b)
        return std::nullopt;
    return a->secsTo(*b);
}

std::optional<qint64> Milestones::timeToDetect() const
{
    return span(Milestone::ImpactStarted, Milestone::Detected);
}

std::optional<qint64> Milestones::timeToAcknowledge() const
{
    return span(Milestone::Detected, Milestone::Acknowledged);
}

std::optional<qint64> Milestones::timeToMitigate() const
{
    return span(Milestone::ImpactStarted, Milestone::Mitigated);
}

std::optional<qint64> Milestones::timeToResolve() const
{
    return span(Milestone::ImpactStarted, Milestone::Resolved);
}

QJsonObject Milestones::toJson() const
{
    QJsonObject o;
    for (int i = 0; i < kMilestoneCount; ++i) {
        if (const auto &t = m_times[static_cast<size_t>(i)])
            o.insert(milestoneName(static_cast<Milestone>(i)), t->toUTC().toString(Qt::ISODateWithMs));
    }
    return o;
}

QString formatDuration(qint64 seconds)
{
    const bool negative = seconds < 0;
    qint64 s = negative ? -seconds : seconds;
    const qint64 d = s / 86400;
    const qint64 h = (s % 86400) / 3600;
    const qint64 m = (s % 3600) / 60;
    s %= 60;
    QString out;
    if (d > 0)
        out = QStringLiteral("%1d %2h").arg(d).arg(h, 2, 10, QLatin1Char('0'));
    else if (h > 0)
        out = QStringLiteral("%1h %2m").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    else if (m > 0)
        out = QStringLiteral("%1m %2s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    else
        out = QStringLiteral("%1s").arg(s);
    return negative ? QStringLiteral("-") + out : out;
}

} // namespace Sitrep::Core
