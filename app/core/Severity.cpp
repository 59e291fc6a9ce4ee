#include "core/Severity.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace Sitrep::Core {

SeverityScheme::SeverityScheme(QList<SeverityLevel> levels)
    : m_levels(std::move(levels))
{
    for (int i = 0; i < m_levels.size(); ++i)
        m_levels[i].rank = i;
}

SeverityScheme SeverityScheme::defaults()
{
    return SeverityScheme({
        {QStringLiteral("P0"), QStringLiteral("Critical: complete outage or data loss"),
         QStringLiteral("Immediate"), QStringLiteral("First update within 5 min, then every 10 min"), 0},
        {QStringLiteral("P1"), QStringLiteral("High: major feature down or severe degradation"),
         QStringLiteral("< 15 min"), QStringLiteral("First update within 15 min, then every 30 min"), 1},
        {QStringLiteral("P2"), QStringLiteral("Medium: partial degradation, workaround exists"),
         QStringLiteral("< 1 hour"), QStringLiteral("First update within 30 min, then every hour"), 2},
        {QStringLiteral("P3"), QStringLiteral("Low: minor issue, no customer impact"),
         QStringLiteral("Next business day"), QStringLiteral("No scheduled updates"), 3},
    });
}

Result<SeverityScheme> SeverityScheme::fromJson(const QJsonArray &array)
{
    QList<SeverityLevel> levels;
    for (int i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QString name = o.value(QLatin1String("name")).toString().trimmed();
        if (name.isEmpty())
            return makeError(QStringLiteral("severity has no name"),
                             QStringLiteral("severities[%1].name").arg(i));
        levels.append({name, o.value(QLatin1String("description")).toString(),
                       o.value(QLatin1String("response")).toString(),
                       o.value(QLatin1String("communication")).toString(), i});
    }
    if (levels.isEmpty())
        return makeError(QStringLiteral("no severity levels defined"), QStringLiteral("severities"));
    return SeverityScheme(levels);
}

QJsonArray SeverityScheme::toJson() const
{
    QJsonArray out;
    for (const auto &l : m_levels) {
        out.append(QJsonObject{{QStringLiteral("name"), l.name},
                               {QStringLiteral("description"), l.description},
                               {QStringLiteral("response"), l.response},
                               {QStringLiteral("communication"), l.communication}});
    }
    return out;
}

Result<SeverityLevel> SeverityScheme::find(const QString &name) const
{
    const QString n = name.trimmed();
    for (const auto &l : m_levels) {
        if (l.name.compare(n, Qt::CaseInsensitive) == 0)
            return l;
    }
    // "sev1", "SEV-1" and "1" address the level by rank, as teams write them in chat.
    static const QRegularExpression rankRe(QStringLiteral("^(?:sev-?|p)?(\\d)$"),
                                           QRegularExpression::CaseInsensitiveOption);
    if (const auto m = rankRe.match(n); m.hasMatch()) {
        const int rank = m.captured(1).toInt();
        const bool zeroBased = m_levels.first().name.endsWith(QLatin1Char('0'));
        const int index = zeroBased ? rank : rank - 1;
        if (index >= 0 && index < m_levels.size())
            return m_levels.at(index);
    }
    QStringList names;
    for (const auto &l : m_levels)
        names << l.name;
    return makeError(QStringLiteral("unknown severity \"%1\"; expected one of %2")
                         .arg(name, names.join(QStringLiteral(", "))));
}

} // namespace Sitrep::Core
