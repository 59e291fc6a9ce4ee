#include "kube/PodCensus.h"

#include "kube/PodSummary.h"

#include <QJsonArray>

namespace Sitrep::Kube {

PodCensus::PodCensus(const Core::Clock &clock, Core::IncidentSession *session, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_session(session)
{
    m_journalTimer.setSingleShot(true);
    connect(&m_journalTimer, &QTimer::timeout, this, &PodCensus::journal);
}

void PodCensus::setSession(Core::IncidentSession *session)
{
    // The pods stay (the informer will not list them again); the workload may change with the incident.
    m_session = session;
    m_lastJournaled = {};
    m_lastJournalMs = 0;
    commit();
}

void PodCensus::setWorkload(const QString &name)
{
    m_workload = name;
    commit();
}

QString PodCensus::workload() const
{
    if (!m_workload.isEmpty())
        return m_workload;
    return m_session ? m_session->incident().service() : QString();
}

bool PodCensus::matches(const Entry &e, const QString &name)
{
    return !name.isEmpty() && (e.appLabels.contains(name) || e.name.startsWith(name + QLatin1Char('-')));
}

PodCensus::Entry PodCensus::entryOf(const QString &key, const PodSummary &pod)
{
    Entry e;
    e.key = key;
    e.name = pod.name;
    e.status = pod.status;
    e.failing = PodSummary::healthOf(pod.status, true) == PodSummary::Health::Failing;
    for (const QString &pair : pod.labels.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString label = pair.section(QLatin1Char('='), 0, 0);
        if (label == QLatin1String("app") || label == QLatin1String("app.kubernetes.io/name"))
            e.appLabels << pair.section(QLatin1Char('='), 1);
    }
    return e;
}

bool PodCensus::matchesWorkload(const PodSummary &pod, const QString &name)
{
    return matches(entryOf({}, pod), name);
}

void PodCensus::Tally::add(const Entry &e, int sign)
{
    int &n = byState[e.status];
    n += sign;
    if (n == 0)
        byState.remove(e.status);
    count += sign;
    if (e.failing) {
        if (sign > 0)
            failing.insert(e.key);
        else
            failing.remove(e.key);
    }
}

void PodCensus::update(const QString &key, const PodSummary &pod)
{
    remove(key);
    const Entry e = entryOf(key, pod);
    m_all.add(e, +1);
    if (matches(e, m_tallied))
        m_mine.add(e, +1);
    m_pods.insert(key, e);
}

void PodCensus::remove(const QString &key)
{
    const auto it = m_pods.constFind(key);
    if (it == m_pods.constEnd())
        return;
    m_all.add(*it, -1);
    if (matches(*it, m_tallied))
        m_mine.add(*it, -1);
    m_pods.erase(it);
}

void PodCensus::onPodEvents(const ObjectEvents &events)
{
    for (const ObjectEvent &e : events) {
        if (e.type == ObjectEvent::Type::Deleted)
            remove(e.key);
        else
            update(e.key, PodSummary::fromJson(e.object));
    }
    commit();
}

void PodCensus::reset()
{
    m_pods.clear();
    m_all = {};
    m_mine = {};
    commit();
}

void PodCensus::retally()
{
    // Only when the workload changes (another incident): one pass over the pods.
    m_tallied = workload();
    m_mine = {};
    for (const Entry &e : std::as_const(m_pods)) {
        if (matches(e, m_tallied))
            m_mine.add(e, +1);
    }
}

void PodCensus::setSourceLive(bool live)
{
    if (!live && m_live)
        m_lastLiveMs = m_clock.nowMs();
    m_live = live;
    emit changed();
}

Core::IncidentDigest::Pods PodCensus::pods() const
{
    Core::IncidentDigest::Pods p = m_current;
    p.asOfMs = m_live ? m_clock.nowMs() : m_lastLiveMs;
    return p;
}

QString PodCensus::sentence() const
{
    QStringList parts;
    for (auto it = m_current.byState.cbegin(); it != m_current.byState.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    return tr("%1 pods: %2").arg(m_scope, parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", ")));
}

void PodCensus::commit()
{
    if (workload() != m_tallied)
        retally();
    const bool mine = m_mine.count > 0;
    const Tally &t = mine ? m_mine : m_all;
    Core::IncidentDigest::Pods next;
    next.byState = t.byState;
    for (const QString &key : t.failing)
        next.crashing << key.section(QLatin1Char('/'), -1);
    next.crashing.sort();
    m_scope = mine ? m_tallied : tr("All");
    if (next.byState == m_current.byState && next.crashing == m_current.crashing) {
        // The workload's counts stand, but other pods' may have moved (the pods pane counts them all).
        if (m_all.byState != m_signalledAll) {
            m_signalledAll = m_all.byState;
            emit changed();
        }
        return;
    }
    m_current = next;
    m_signalledAll = m_all.byState;
    emit changed();
    if (m_intervalMs <= 0 || !m_session || m_journalTimer.isActive())
        return;
    // The first count and any change after a quiet interval go straight in; bursts wait for the interval.
    const qint64 wait = m_lastJournalMs == 0 ? 0 : m_lastJournalMs + m_intervalMs - m_clock.nowMs();
    m_journalTimer.start(int(std::clamp<qint64>(wait, 0, m_intervalMs)));
}

QJsonObject PodCensus::toPayload(const Core::IncidentDigest::Pods &pods)
{
    QJsonObject by;
    for (auto it = pods.byState.cbegin(); it != pods.byState.cend(); ++it)
        by.insert(it.key(), it.value());
    return {{QStringLiteral("byState"), by},
            {QStringLiteral("crashing"), QJsonArray::fromStringList(pods.crashing)}};
}

void PodCensus::journal()
{
    if (!m_session || m_current.byState.isEmpty())
        return;
    QJsonObject summary = toPayload(m_current);
    if (summary == m_lastJournaled)
        return;
    m_lastJournaled = summary;
    summary.insert(QStringLiteral("scope"), m_scope);
    const QJsonObject payload{{QStringLiteral("source"), QStringLiteral("kube")},
                              {QStringLiteral("podSummary"), summary}};
    if (m_session->record(Core::EventKind::KubeEvent, sentence(), payload))
        m_lastJournalMs = m_clock.nowMs();
    else
        m_lastJournaled = {};
}

} // namespace Sitrep::Kube
