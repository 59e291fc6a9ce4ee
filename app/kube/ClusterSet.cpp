#include "kube/ClusterSet.h"

#include <QJsonArray>
#include <QSet>

namespace Sitrep::Kube {

ClusterSet::ClusterSet(const Core::Clock &clock, Core::IncidentSession *session, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_session(session)
{
    m_journalTimer.setSingleShot(true);
    connect(&m_journalTimer, &QTimer::timeout, this, &ClusterSet::journal);
}

ClusterSet::~ClusterSet()
{
    // No signals from clusters being torn down: their listeners may be gone already.
    for (Member &m : m_members)
        if (m.connection)
            m.connection->disconnect(this);
    m_members.clear();
}

QString ClusterSet::paletteColour(int index)
{
    // Saturated enough to read white text on, distinct from each other and from the severity colours' reds
    // where possible (the first cluster is blue: most incidents have one).
    static const char *colours[] = {"#1565c0", "#6a1b9a", "#00838f", "#ef6c00",
                                    "#ad1457", "#2e7d32", "#4e342e", "#37474f"};
    return QString::fromLatin1(colours[index % int(std::size(colours))]);
}

void ClusterSet::setProbe(int intervalMs, int timeoutMs)
{
    m_probeIntervalMs = intervalMs;
    m_probeTimeoutMs = timeoutMs;
    for (Member &m : m_members)
        if (m.connection)
            m.connection->health()->setProbe(intervalMs, timeoutMs);
}

void ClusterSet::setClusters(const QList<ClusterSpec> &specs)
{
    std::vector<Member> old = std::move(m_members);
    m_members.clear();
    for (const ClusterSpec &spec : specs) {
        Member m;
        m.spec = spec;
        const auto reuse = std::find_if(old.begin(), old.end(), [&spec](const Member &o) {
            return o.connection && o.spec.sameCluster(spec);
        });
        if (reuse != old.end()) {
            m.connection = std::move(reuse->connection);
            old.erase(reuse);
            const QString ns = spec.ns ? *spec.ns : m.connection->client()->defaultNamespace();
            if (ns != m.connection->currentNamespace())
                m.connection->setNamespace(ns);
        } else {
            open(m);
        }
        m_members.push_back(std::move(m));
    }
    for (Member &m : old)
        if (m.connection)
            m.connection->disconnect(this);
    old.clear(); // closes what is no longer asked for

    // Unique names (two files may both call their context "default") and a colour each.
    QSet<QString> taken;
    const bool several = m_members.size() > 1;
    for (size_t i = 0; i < m_members.size(); ++i) {
        Member &m = m_members[i];
        QString base = m.spec.displayName();
        if (base.isEmpty())
            base = m.connection ? m.connection->contextName() : QStringLiteral("current context");
        QString name = base;
        for (int n = 2; taken.contains(name); ++n)
            name = QStringLiteral("%1 (%2)").arg(base).arg(n);
        taken.insert(name);
        m.name = name;
        m.colour = m.spec.colour.isEmpty() ? paletteColour(int(i)) : m.spec.colour;
        if (m.connection) {
            m.connection->setDisplay(m.name, m.colour);
            m.connection->setNamedInSentences(several);
        }
    }
    for (Member &m : m_members) {
        if (m.connection)
            m.connection->start(); // new ones start after they know their names: first entries name them
    }
    emit clustersChanged();
    censusChanged();
}

void ClusterSet::open(Member &m)
{
    auto kubeconfig = Kubeconfig::load(m.spec.kubeconfig);
    if (!kubeconfig) {
        m.error = kubeconfig.error().text();
        return;
    }
    auto conn = ClusterConnection::open(*kubeconfig, m.spec.context, m_clock, m_session);
    if (!conn) {
        m.error = conn.error().text();
        return;
    }
    m.connection = std::move(conn).value();
    ClusterConnection *c = m.connection.get();
    if (m.spec.ns)
        c->setNamespace(*m.spec.ns);
    if (m_setup)
        c->setInformerSetup(m_setup);
    c->health()->setProbe(m_probeIntervalMs, m_probeTimeoutMs);
    // The set journals one snapshot of every cluster's pods; the clusters do not each journal their own.
    c->census()->setJournalIntervalMs(0);
    watch(c);
}

void ClusterSet::watch(ClusterConnection *c)
{
    connect(c->census(), &PodCensus::changed, this, &ClusterSet::censusChanged);
    connect(c->health(), &ClusterHealth::changed, this, [this, c] {
        emit healthChanged(c->clusterName());
        censusChanged();
    });
}

QList<ClusterSpec> ClusterSet::specs() const
{
    QList<ClusterSpec> out;
    for (const Member &m : m_members)
        out << m.spec;
    return out;
}

QList<ClusterConnection *> ClusterSet::connections() const
{
    QList<ClusterConnection *> out;
    for (const Member &m : m_members)
        if (m.connection)
            out << m.connection.get();
    return out;
}

ClusterConnection *ClusterSet::connection(const QString &name) const
{
    for (const Member &m : m_members)
        if (m.connection && m.name == name)
            return m.connection.get();
    return nullptr;
}

ClusterConnection *ClusterSet::first() const
{
    for (const Member &m : m_members)
        if (m.connection)
            return m.connection.get();
    return nullptr;
}

int ClusterSet::openCount() const
{
    return int(connections().size());
}

QList<QPair<QString, QString>> ClusterSet::failures() const
{
    QList<QPair<QString, QString>> out;
    for (const Member &m : m_members)
        if (!m.connection)
            out << qMakePair(m.name, m.error);
    return out;
}

void ClusterSet::setSession(Core::IncidentSession *session)
{
    m_session = session;
    m_lastJournaled = {};
    m_lastJournalMs = 0;
    m_firstDeadlineMs = 0;
    for (Member &m : m_members)
        if (m.connection)
            m.connection->setSession(session);
    censusChanged();
}

void ClusterSet::shutdown()
{
    m_journalTimer.stop();
    for (Member &m : m_members)
        if (m.connection)
            m.connection->shutdown();
}

Core::IncidentDigest::Pods ClusterSet::pods() const
{
    Core::IncidentDigest::Pods out;
    const bool several = m_members.size() > 1;
    for (const Member &m : m_members) {
        Core::IncidentDigest::ClusterPods cp;
        cp.name = m.name;
        if (!m.connection) {
            cp.failed = true;
            out.clusters << cp;
            continue;
        }
        const Core::IncidentDigest::Pods p = m.connection->census()->pods();
        for (auto it = p.byState.cbegin(); it != p.byState.cend(); ++it)
            out.byState[it.key()] += it.value();
        for (const QString &name : p.crashing)
            out.crashing << (several ? m.name + QLatin1Char('/') + name : name);
        out.asOfMs = std::max(out.asOfMs, p.asOfMs);
        cp.byState = p.byState;
        const ClusterHealth *h = m.connection->health();
        cp.staleSinceMs = h->staleSinceMs();
        cp.failed = h->state() == ClusterHealth::State::Failed;
        out.clusters << cp;
    }
    if (!several)
        out.clusters.clear(); // one cluster: the counts say it all
    return out;
}

QString ClusterSet::sentence() const
{
    const ClusterConnection *only = m_members.size() == 1 ? m_members.front().connection.get() : nullptr;
    if (only)
        return only->census()->sentence();
    const QString workload = m_session ? m_session->incident().service() : QString();
    const QString line = pods().clustersLine();
    return workload.isEmpty() ? tr("Pods: %1").arg(line) : tr("%1 pods: %2").arg(workload, line);
}

bool ClusterSet::settled() const
{
    for (const Member &m : m_members) {
        const ClusterConnection *c = m.connection.get();
        if (!c)
            continue;
        const ClusterHealth::State st = c->health()->state();
        if (!(c->pods() && c->pods()->hasSynced()) && st != ClusterHealth::State::Failed &&
            st != ClusterHealth::State::Stale)
            return false;
    }
    return true;
}

void ClusterSet::censusChanged()
{
    emit podsChanged();
    if (m_intervalMs <= 0 || !m_session)
        return;
    if (m_lastJournalMs == 0) {
        // The first snapshot waits for every cluster's first list (or its failure), 10 s at most: one region
        // counted while another is still listing would stand in the journal for the whole interval.
        if (m_firstDeadlineMs == 0)
            m_firstDeadlineMs = m_clock.nowMs() + 10000;
        const qint64 wait = settled() ? 0 : std::max<qint64>(0, m_firstDeadlineMs - m_clock.nowMs());
        if (!m_journalTimer.isActive() || wait == 0)
            m_journalTimer.start(int(std::min<qint64>(wait, 10000)));
        return;
    }
    if (m_journalTimer.isActive())
        return;
    // The first count and any change after a quiet interval go straight in; bursts wait for the interval.
    const qint64 wait = m_lastJournalMs == 0 ? 0 : m_lastJournalMs + m_intervalMs - m_clock.nowMs();
    m_journalTimer.start(int(std::clamp<qint64>(wait, 0, m_intervalMs)));
}

void ClusterSet::journal()
{
    const Core::IncidentDigest::Pods p = pods();
    if (!m_session || p.byState.isEmpty())
        return;
    QJsonObject summary = PodCensus::toPayload(p);
    if (!p.clusters.isEmpty()) {
        QJsonArray clusters;
        for (const auto &c : p.clusters) {
            QJsonObject by;
            for (auto it = c.byState.cbegin(); it != c.byState.cend(); ++it)
                by.insert(it.key(), it.value());
            QJsonObject o{{QStringLiteral("name"), c.name}, {QStringLiteral("byState"), by}};
            if (c.staleSinceMs > 0)
                o.insert(QStringLiteral("staleSinceMs"), c.staleSinceMs);
            if (c.failed)
                o.insert(QStringLiteral("failed"), true);
            clusters.append(o);
        }
        summary.insert(QStringLiteral("clusters"), clusters);
    }
    if (summary == m_lastJournaled)
        return;
    m_lastJournaled = summary;
    if (const ClusterConnection *c = first())
        summary.insert(QStringLiteral("scope"), c->census()->scope());
    const QJsonObject payload{{QStringLiteral("source"), QStringLiteral("kube")},
                              {QStringLiteral("podSummary"), summary}};
    if (m_session->record(Core::EventKind::KubeEvent, sentence(), payload)) {
        m_lastJournalMs = m_clock.nowMs();
        m_firstDeadlineMs = 0;
    }
    else
        m_lastJournaled = {};
}

} // namespace Sitrep::Kube
