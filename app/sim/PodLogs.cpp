#include "sim/PodLogs.h"

#include "sim/SimTime.h"

namespace Sitrep::Sim {

QString PodLogs::keyOf(const QString &ns, const QString &pod, const QString &container)
{
    return ns + QLatin1Char('/') + pod + QLatin1Char('/') + container;
}

void PodLogs::append(const QString &ns, const QString &pod, const QString &container, qint64 tsMs,
                     const QString &text)
{
    const QString key = keyOf(ns, pod, container);
    Runs &runs = m_runs[key];
    runs.current.push_back(Line{tsMs, text});
    runs.rendered[0][0].clear();
    runs.rendered[0][1].clear();
    while (int(runs.current.size()) > m_maxLines)
        runs.current.pop_front();
    emit lineAppended(key, runs.current.back());
}

void PodLogs::rotate(const QString &ns, const QString &pod, const QString &container)
{
    Runs &runs = m_runs[keyOf(ns, pod, container)];
    runs.previous = std::move(runs.current);
    runs.current.clear();
    runs.hasPrevious = true;
    for (auto &r : runs.rendered)
        r[0] = r[1] = QByteArray();
}

void PodLogs::endRun(const QString &ns, const QString &pod, const QString &container)
{
    emit runEnded(keyOf(ns, pod, container));
}

void PodLogs::removePod(const QString &ns, const QString &pod)
{
    const QString prefix = ns + QLatin1Char('/') + pod + QLatin1Char('/');
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (it.key().startsWith(prefix)) {
            const QString key = it.key();
            it = m_runs.erase(it);
            emit runEnded(key);
        } else
            ++it;
    }
}

bool PodLogs::hasPrevious(const QString &ns, const QString &pod, const QString &container) const
{
    return m_runs.value(keyOf(ns, pod, container)).hasPrevious;
}

QByteArray PodLogs::format(const Line &line, bool timestamps)
{
    QByteArray out;
    if (timestamps)
        out = SimTime::rfc3339Nano(line.tsMs).toLatin1() + ' ';
    return out + line.text.toUtf8() + '\n';
}

QByteArray PodLogs::read(const QString &ns, const QString &pod, const QString &container,
                         const LogQuery &query) const
{
    const auto it = m_runs.constFind(keyOf(ns, pod, container));
    if (it == m_runs.constEnd())
        return {};
    const std::deque<Line> &lines = query.previous ? it->previous : it->current;
    qsizetype first = 0;
    if (query.sinceMs >= 0) {
        while (first < qsizetype(lines.size()) && lines[size_t(first)].tsMs < query.sinceMs)
            ++first;
    }
    if (query.tailLines >= 0)
        first = qMax(first, qsizetype(lines.size()) - query.tailLines);
    QByteArray out;
    if (first == 0) {
        QByteArray &whole = it->rendered[query.previous ? 1 : 0][query.timestamps ? 1 : 0];
        if (whole.isEmpty() && !lines.empty())
            whole = render(lines, 0, query.timestamps);
        out = whole;
    } else {
        out = render(lines, size_t(first), query.timestamps);
    }
    if (query.limitBytes >= 0 && out.size() > query.limitBytes)
        out.truncate(query.limitBytes);
    return out;
}

QByteArray PodLogs::render(const std::deque<Line> &lines, size_t first, bool timestamps)
{
    QByteArray out;
    out.reserve(qsizetype(lines.size() - first) * 96);
    for (size_t i = first; i < lines.size(); ++i)
        out += format(lines[i], timestamps);
    return out;
}

} // namespace Sitrep::Sim
