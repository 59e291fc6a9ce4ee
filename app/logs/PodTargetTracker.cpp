#include "logs/PodTargetTracker.h"

#include "logs/LogSession.h"

#include <QJsonArray>
#include <QRegularExpression>

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
    QString podName;
    QString deployment;
    if (sel.startsWith(QLatin1String("deployment/")) || sel.startsWith(QLatin1String("deploy/"))) {
        deployment = sel.section(QLatin1Char('/'), 1);
    } else if (sel.startsWith(QLatin1String("pod/")) || sel.startsWith(QLatin1String("po/"))) {
        podName = sel.section(QLatin1Char('/'), 1);
    } else if (!sel.isEmpty() && !sel.contains(QLatin1Char('=')) && !sel.contains(QLatin1Char(',')) &&
               !sel.contains(QLatin1Char('(')) && !sel.startsWith(QLatin1Char('!'))) {
        podName = sel; // a bare word is a pod name, as in `kubectl logs NAME`
    } else if (!parseSelector(sel, &reqs, error)) {
        return false;
    }
    m_ns = ns;
    m_podName = podName;
    m_deployment = deployment;
    m_requirements = reqs;
    m_matched.clear();
    apply();
    return true;
}

void PodTargetTracker::setIncludeInit(bool include)
{
    m_includeInit = include;
    m_matched.clear();
    apply();
}

void PodTargetTracker::setContainer(const QString &container)
{
    m_container = container;
    m_matched.clear();
    apply();
}

bool PodTargetTracker::matches(const QJsonObject &pod) const
{
    const QJsonObject meta = pod.value(QStringLiteral("metadata")).toObject();
    if (!m_ns.isEmpty() && meta.value(QStringLiteral("namespace")).toString() != m_ns)
        return false;
    const QString name = meta.value(QStringLiteral("name")).toString();
    if (!m_podName.isEmpty())
        return name == m_podName;
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

void PodTargetTracker::upsert(const QJsonObject &pod)
{
    m_all.insert(podKey(pod), pod);
    apply();
}

void PodTargetTracker::remove(const QJsonObject &pod)
{
    const QString key = podKey(pod);
    m_all.remove(key);
    apply();
}

void PodTargetTracker::reset(const QList<QJsonObject> &pods)
{
    m_all.clear();
    for (const QJsonObject &p : pods)
        m_all.insert(podKey(p), p);
    apply();
}

void PodTargetTracker::apply()
{
    QHash<QString, Pod> next;
    QList<LogTarget> restarted;
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
        auto addContainers = [&](const QString &specKey, bool init) {
            for (const QJsonValue &c : spec.value(specKey).toArray()) {
                const QString name = c.toObject().value(QStringLiteral("name")).toString();
                if (name.isEmpty() || (!m_container.isEmpty() && name != m_container))
                    continue;
                p.containers.append(LogTarget{p.ns, p.name, name, init});
            }
        };
        if (m_includeInit)
            addContainers(QStringLiteral("initContainers"), true);
        addContainers(QStringLiteral("containers"), false);
        for (const char *key : {"initContainerStatuses", "containerStatuses"}) {
            for (const QJsonValue &cs : status.value(QLatin1String(key)).toArray()) {
                const QJsonObject o = cs.toObject();
                p.restarts.insert(o.value(QStringLiteral("name")).toString(),
                                  o.value(QStringLiteral("restartCount")).toInt());
            }
        }
        const auto old = m_matched.constFind(it.key());
        if (old != m_matched.constEnd()) {
            for (const LogTarget &t : std::as_const(p.containers)) {
                if (p.restarts.value(t.container) >
                    old->restarts.value(t.container, p.restarts.value(t.container)))
                    restarted.append(t);
            }
        }
        next.insert(it.key(), p);
    }
    m_matched = next;
    const QList<LogTarget> all = targets();
    if (m_session)
        m_session->setTargets(all);
    for (const LogTarget &t : std::as_const(restarted)) {
        if (m_session)
            m_session->containerRestarted(t);
    }
    emit targetsChanged(all);
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
