#include "logs/PodTargetTracker.h"

#include "logs/LogSession.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Sitrep::Logs {

namespace {
QString podKey(const QJsonObject &pod)
{
    const QJsonObject meta = pod.value(QStringLiteral("metadata")).toObject();
    return meta.value(QStringLiteral("namespace")).toString() + QLatin1Char('/') +
           meta.value(QStringLiteral("name")).toString();
}
} // namespace

PodTargetTracker::PodTargetTracker(LogSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{}

bool PodTargetTracker::parseSelector(const QString &text, QList<Requirement> *out, QString *error)
{
    // Split on commas outside parentheses.
    QStringList parts;
    int depth = 0;
    QString cur;
    for (QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            parts.append(cur.trimmed());
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.append(cur.trimmed());
    static const QRegularExpression setRe(QStringLiteral("^([\\w./-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)$"));
    static const QRegularExpression cmpRe(QStringLiteral("^([\\w./-]+)\\s*(==|!=|=)\\s*([\\w./-]*)$"));
    static const QRegularExpression keyRe(QStringLiteral("^(!?)([\\w./-]+)$"));
    for (const QString &p : std::as_const(parts)) {
        if (p.isEmpty())
            continue;
        Requirement r;
        if (const auto m = setRe.match(p); m.hasMatch()) {
            r.key = m.captured(1);
            r.op = m.captured(2) == QLatin1String("in") ? Requirement::Op::In : Requirement::Op::NotIn;
            for (const QString &v : m.captured(3).split(QLatin1Char(',')))
                r.values.append(v.trimmed());
        } else if (const auto m2 = cmpRe.match(p); m2.hasMatch()) {
            r.key = m2.captured(1);
            r.op =
                m2.captured(2) == QLatin1String("!=") ? Requirement::Op::NotEquals : Requirement::Op::Equals;
            r.values = {m2.captured(3)};
        } else if (const auto m3 = keyRe.match(p); m3.hasMatch()) {
            r.key = m3.captured(2);
            r.op = m3.captured(1).isEmpty() ? Requirement::Op::Exists : Requirement::Op::NotExists;
        } else {
            if (error)
                *error =
                    QStringLiteral("\"%1\" is not a label selector requirement (use key=value, key!=value, "
                                   "key in (a,b), key or !key).")
                        .arg(p);
            return false;
        }
        out->append(r);
    }
    return true;
}

bool PodTargetTracker::setSelection(const QString &ns, const QString &selector, QString *error)
{
    QString sel = selector.trimmed();
    QList<Requirement> reqs;
    QStringList podNames;
    QString deployment;
    // A multi-selection of the pod table arrives as "pod/a pod/b"; typed lists may use commas.
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    const QStringList tokens = sel.split(separators, Qt::SkipEmptyParts);
    const auto isPodRef = [](const QString &t) {
        return t.startsWith(QLatin1String("pod/")) || t.startsWith(QLatin1String("po/"));
    };
    if (sel.startsWith(QLatin1String("deployment/")) || sel.startsWith(QLatin1String("deploy/"))) {
        deployment = sel.section(QLatin1Char('/'), 1);
    } else if (!tokens.isEmpty() && std::all_of(tokens.begin(), tokens.end(), isPodRef)) {
        for (const QString &t : tokens) {
            if (const QString name = t.section(QLatin1Char('/'), 1);
                !name.isEmpty() && !podNames.contains(name))
                podNames.append(name);
        }
        if (podNames.isEmpty()) {
            if (error)
                *error = QStringLiteral("\"%1\" names no pod (use pod/NAME).").arg(sel);
            return false;
        }
    } else if (!sel.isEmpty() && !sel.contains(QLatin1Char('=')) && !sel.contains(QLatin1Char(',')) &&
               !sel.contains(QLatin1Char('(')) && !sel.startsWith(QLatin1Char('!'))) {
        podNames = tokens; // bare words are pod names, as in `kubectl logs NAME`
    } else if (!parseSelector(sel, &reqs, error)) {
        return false;
    }
    m_ns = ns;
    m_podNames = podNames;
    m_deployment = deployment;
    m_requirements = reqs;
    m_matched.clear();
    apply(true);
    return true;
}

void PodTargetTracker::setIncludeInit(bool include)
{
    m_includeInit = include;
    m_matched.clear();
    apply(true);
}

void PodTargetTracker::setContainer(const QString &container)
{
    m_container = container;
    m_matched.clear();
    apply(true);
}

bool PodTargetTracker::matches(const QJsonObject &pod) const
{
    const QJsonObject meta = pod.value(QStringLiteral("metadata")).toObject();
    if (!m_ns.isEmpty() && meta.value(QStringLiteral("namespace")).toString() != m_ns)
        return false;
    const QString name = meta.value(QStringLiteral("name")).toString();
    if (!m_podNames.isEmpty())
        return m_podNames.contains(name);
    if (!m_deployment.isEmpty()) {
        // A Deployment's pods belong to ReplicaSets named <deployment>-<pod-template-hash>.
        static const QRegularExpression hash(QStringLiteral("^[a-z0-9]{1,10}$"));
        for (const QJsonValue &o : meta.value(QStringLiteral("ownerReferences")).toArray()) {
            const QJsonObject ref = o.toObject();
            const QString rs = ref.value(QStringLiteral("name")).toString();
            if (ref.value(QStringLiteral("kind")).toString() == QLatin1String("ReplicaSet") &&
                rs.startsWith(m_deployment + QLatin1Char('-')) &&
                hash.match(rs.mid(m_deployment.size() + 1)).hasMatch())
                return true;
        }
        return false;
    }
    const QJsonObject labels = meta.value(QStringLiteral("labels")).toObject();
    for (const Requirement &r : m_requirements) {
        const bool has = labels.contains(r.key);
        const QString v = labels.value(r.key).toString();
        switch (r.op) {
        case Requirement::Op::Equals:
            if (!has || v != r.values.value(0))
                return false;
            break;
        case Requirement::Op::NotEquals:
            if (has && v == r.values.value(0))
                return false;
            break;
        case Requirement::Op::In:
            if (!has || !r.values.contains(v))
                return false;
            break;
        case Requirement::Op::NotIn:
            if (has && r.values.contains(v))
                return false;
            break;
        case Requirement::Op::Exists:
            if (!has)
                return false;
            break;
        case Requirement::Op::NotExists:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

void PodTargetTracker::upsert(const QJsonObject &pod, const QString &cluster)
{
    const QString key = cluster.isEmpty() ? podKey(pod) : cluster + QLatin1Char('|') + podKey(pod);
    m_all.insert(key, pod);
    if (!cluster.isEmpty())
        m_clusterOf.insert(key, cluster);
    apply();
}

void PodTargetTracker::remove(const QJsonObject &pod, const QString &cluster)
{
    const QString key = cluster.isEmpty() ? podKey(pod) : cluster + QLatin1Char('|') + podKey(pod);
    m_all.remove(key);
    m_clusterOf.remove(key);
    apply();
}

void PodTargetTracker::removeCluster(const QString &cluster)
{
    for (auto it = m_clusterOf.begin(); it != m_clusterOf.end();) {
        if (it.value() == cluster) {
            m_all.remove(it.key());
            it = m_clusterOf.erase(it);
        } else {
            ++it;
        }
    }
    apply();
}

void PodTargetTracker::reset(const QList<QJsonObject> &pods)
{
    m_all.clear();
    m_clusterOf.clear();
    for (const QJsonObject &p : pods)
        m_all.insert(podKey(p), p);
    apply();
}

void PodTargetTracker::apply(bool force)
{
    QHash<QString, Pod> next;
    QList<LogTarget> restarted;
    QList<LogTarget> started;
    for (auto it = m_all.constBegin(); it != m_all.constEnd(); ++it) {
        const QJsonObject &json = it.value();
        if (!matches(json))
            continue;
        const QJsonObject meta = json.value(QStringLiteral("metadata")).toObject();
        const QJsonObject spec = json.value(QStringLiteral("spec")).toObject();
        const QJsonObject status = json.value(QStringLiteral("status")).toObject();
        Pod p;
        p.ns = meta.value(QStringLiteral("namespace")).toString();
        p.name = meta.value(QStringLiteral("name")).toString();
        p.cluster = m_clusterOf.value(it.key());
        auto addContainers = [&](const QString &specKey, bool init) {
            for (const QJsonValue &c : spec.value(specKey).toArray()) {
                const QString name = c.toObject().value(QStringLiteral("name")).toString();
                if (!name.isEmpty() && !p.names.contains(name))
                    p.names.append(name);
                if (name.isEmpty() || (!m_container.isEmpty() && name != m_container))
                    continue;
                p.containers.append(LogTarget{p.ns, p.name, name, init, p.cluster});
            }
        };
        if (m_includeInit)
            addContainers(QStringLiteral("initContainers"), true);
        addContainers(QStringLiteral("containers"), false);
        for (const char *key : {"initContainerStatuses", "containerStatuses"}) {
            for (const QJsonValue &cs : status.value(QLatin1String(key)).toArray()) {
                const QJsonObject o = cs.toObject();
                const QString name = o.value(QStringLiteral("name")).toString();
                p.restarts.insert(name, o.value(QStringLiteral("restartCount")).toInt());
                p.running.insert(
                    name, o.value(QStringLiteral("state")).toObject().contains(QStringLiteral("running")));
                p.ready.insert(name, o.value(QStringLiteral("ready")).toBool());
            }
        }
        const auto old = m_matched.constFind(it.key());
        if (old != m_matched.constEnd()) {
            for (const LogTarget &t : std::as_const(p.containers)) {
                const QString &c = t.container;
                if (p.restarts.value(c) > old->restarts.value(c, p.restarts.value(c)))
                    restarted.append(t);
                else if ((p.running.value(c) && !old->running.value(c)) ||
                         (p.ready.value(c) && !old->ready.value(c)))
                    started.append(t); // its stream may have given up while the container was starting
            }
        }
        next.insert(it.key(), p);
    }
    m_matched = next;
    const QList<LogTarget> all = targets();
    const QStringList names = containerNames();
    // Every pod event lands here: the session hears only of changes (or of an explicit new selection,
    // which also retries failed streams), not of each status update of each pod.
    const bool changed = force || all != m_lastTargets || names != m_lastNames;
    m_lastTargets = all;
    m_lastNames = names;
    if (m_session) {
        if (changed)
            m_session->setTargets(all);
        for (const LogTarget &t : std::as_const(restarted))
            m_session->containerRestarted(t);
        for (const LogTarget &t : std::as_const(started))
            m_session->containerStarted(t);
    }
    if (changed)
        emit targetsChanged(all);
}

QStringList PodTargetTracker::containerNames() const
{
    QStringList out;
    for (const Pod &p : m_matched) {
        for (const QString &n : p.names) {
            if (!out.contains(n))
                out.append(n);
        }
    }
    out.sort();
    return out;
}

QList<LogTarget> PodTargetTracker::targets() const
{
    QList<LogTarget> out;
    QStringList keys = m_matched.keys();
    keys.sort();
    for (const QString &k : std::as_const(keys))
        out += m_matched.value(k).containers;
    return out;
}

} // namespace Sitrep::Logs
