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
    m_session = session;
    m_lastJournaled = {};
    reset();
}

void PodCensus::setWorkload(const QString &name)
{
    m_workload = name;
    reset();
}

QString PodCensus::workload() const
{
    if (!m_workload.isEmpty())
        return m_workload;
    return m_session ? m_session->incident().service() : QString();
}

bool PodCensus::matchesWorkload(const QJsonObject &pod, const QString &name)
{
    if (name.isEmpty())
        return false;
    const QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
    const QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
    if (labels.value(QLatin1String("app")).toString() == name ||
        labels.value(QLatin1String("app.kubernetes.io/name")).toString() == name)
        return true;
    return meta.value(QLatin1String("name")).toString().startsWith(name + QLatin1Char('-'));
}

void PodCensus::reset()
{
    m_pods.clear();
    recount();
}

void PodCensus::onPodEvents(const ObjectEvents &events)
{
    const QString name = workload();
    for (const ObjectEvent &e : events) {
        if (e.type == ObjectEvent::Type::Deleted) {
            m_pods.remove(e.key);
            continue;
        }
        m_pods.insert(e.key, {PodSummary::fromJson(e.object).status, matchesWorkload(e.object, name)});
    }
    recount();
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

void PodCensus::recount()
{
    bool anyWorkload = false;
    for (const Entry &e : std::as_const(m_pods))
        anyWorkload = anyWorkload || e.workload;
    Core::IncidentDigest::Pods next;
    QHash<QString, Entry>::const_iterator it;
    for (it = m_pods.cbegin(); it != m_pods.cend(); ++it) {
        if (anyWorkload && !it->workload)
            continue;
        next.byState[it->status] += 1;
        PodSummary s;
        s.status = it->status;
        s.readyContainers = s.totalContainers = 1; // health by status alone
        if (s.health() == PodSummary::Health::Failing)
            next.crashing << it.key().section(QLatin1Char('/'), -1);
    }
    next.crashing.sort();
    m_scope = anyWorkload ? workload() : tr("All");
    if (next.byState == m_current.byState && next.crashing == m_current.crashing)
        return;
    m_current = next;
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
    summary.insert(QStringLiteral("scope"), m_scope);
    QJsonObject payload{{QStringLiteral("source"), QStringLiteral("kube")},
                        {QStringLiteral("podSummary"), summary}};
    if (m_session->record(Core::EventKind::KubeEvent, sentence(), payload)) {
        summary.remove(QStringLiteral("scope"));
        m_lastJournaled = summary;
        m_lastJournalMs = m_clock.nowMs();
    }
}

} // namespace Sitrep::Kube
