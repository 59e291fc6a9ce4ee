#include "logs/LogExcerpt.h"

#include "core/Redactor.h"
#include "logs/LineAnalyzer.h"
#include "logs/LogSession.h"
#include "logs/LogTimestamp.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>
#include <QStringList>

#include <algorithm>

namespace Sitrep::Logs {

QList<LogExcerpt::Line> LogExcerpt::collect(const LogSession &session, const QList<quint64> &seqs)
{
    QList<quint64> sorted = seqs;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const LogBuffer &b = session.buffer();
    QList<Line> out;
    for (quint64 seq : std::as_const(sorted)) {
        if (!b.contains(seq))
            continue;
        const LogBuffer::Entry &e = b.entry(seq);
        Line l;
        l.tsNs = e.tsNs;
        if (e.source < session.sourceCount())
            l.target = session.source(e.source);
        l.level = e.level;
        l.text = LineAnalyzer::displayText(b.text(seq), e.flags, 100000);
        out.append(l);
    }
    return out;
}

QString LogExcerpt::formatLine(const Line &l)
{
    QString s = QString::fromLatin1(LogTimestamp::format(l.tsNs)) + QLatin1Char(' ') + l.target.ns +
                QLatin1Char('/') + l.target.label();
    const QString level = levelName(l.level);
    if (!level.isEmpty())
        s += QLatin1Char(' ') + level;
    return s + QLatin1Char(' ') + l.text;
}

QString LogExcerpt::summary(const QList<Line> &lines)
{
    QStringList pods;
    int errors = 0;
    for (const Line &l : lines) {
        if (!pods.contains(l.target.pod))
            pods.append(l.target.pod);
        if (l.level >= LogLevel::Error)
            ++errors;
    }
    QString podText = pods.mid(0, 3).join(QStringLiteral(", "));
    if (pods.size() > 3)
        podText += QStringLiteral(" and %1 more").arg(pods.size() - 3);
    QString s = QStringLiteral("Log excerpt: %1 %2 from %3")
                    .arg(lines.size())
                    .arg(lines.size() == 1 ? QStringLiteral("line") : QStringLiteral("lines"), podText);
    if (errors > 0)
        s += QStringLiteral(" (%1 at error level or worse)").arg(errors);
    return s;
}

QJsonObject LogExcerpt::payload(const QList<Line> &lines)
{
    QJsonArray text;
    QStringList pods;
    QStringList containers;
    for (const Line &l : lines) {
        text.append(formatLine(l));
        const QString pod = l.target.ns + QLatin1Char('/') + l.target.pod;
        if (!pods.contains(pod))
            pods.append(pod);
        if (!containers.contains(l.target.container))
            containers.append(l.target.container);
    }
    QJsonObject o;
    o.insert(QStringLiteral("lines"), text);
    o.insert(QStringLiteral("pods"), QJsonArray::fromStringList(pods));
    o.insert(QStringLiteral("containers"), QJsonArray::fromStringList(containers));
    o.insert(QStringLiteral("count"), lines.size());
    if (!lines.isEmpty()) {
        o.insert(QStringLiteral("firstTs"), QString::fromLatin1(LogTimestamp::format(lines.first().tsNs)));
        o.insert(QStringLiteral("lastTs"), QString::fromLatin1(LogTimestamp::format(lines.last().tsNs)));
    }
    return o;
}

Core::Result<Core::TimelineEvent> LogExcerpt::pin(Core::IncidentSession &session, const QList<Line> &lines,
                                                  bool pinned)
{
    if (lines.isEmpty())
        return Core::makeError(QStringLiteral("Select at least one log line to pin to the timeline."));
    return session.record(Core::EventKind::LogExcerpt, summary(lines), payload(lines), pinned);
}

Core::Result<void> LogExcerpt::save(const QString &path, const QList<Line> &lines)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Core::makeError(QStringLiteral("Cannot write the log excerpt: %1").arg(f.errorString()), path);
    for (const Line &l : lines) {
        f.write(Core::Redactor::redactPatterns(formatLine(l)).toUtf8());
        f.write("\n");
    }
    if (!f.commit())
        return Core::makeError(QStringLiteral("Cannot write the log excerpt: %1").arg(f.errorString()), path);
    return Core::Ok{};
}

} // namespace Sitrep::Logs
