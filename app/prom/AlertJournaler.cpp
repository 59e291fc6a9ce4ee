#include "prom/AlertJournaler.h"

#include <QDateTime>
#include <QJsonObject>

namespace Sitrep::Prom {

namespace {

QJsonObject toJson(const Labels &l)
{
    QJsonObject o;
    for (auto it = l.cbegin(); it != l.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

bool isFiring(const Alert &a)
{
    return a.state == QLatin1String("firing") || a.state == QLatin1String("active");
}

} // namespace

AlertJournaler::AlertJournaler(Core::IncidentSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    readJournal();
}

QString AlertJournaler::keyOf(const Alert &a)
{
    return fingerprintOf(a.labels);
}

void AlertJournaler::readJournal()
{
    // The last alert event per key says whether it was firing when Sitrep last looked.
    for (const Core::TimelineEvent &e : m_session.journal().events()) {
        if (e.kind != Core::EventKind::Alert)
            continue;
        const QString key = e.payload.value(QStringLiteral("key")).toString();
        if (key.isEmpty())
            continue;
        if (e.payload.value(QStringLiteral("state")).toString() == QLatin1String("firing")) {
            m_sources[key].insert(QStringLiteral("journal"));
            Alert a;
            a.name = e.payload.value(QStringLiteral("alertname")).toString();
            const QJsonObject labels = e.payload.value(QStringLiteral("labels")).toObject();
            for (auto it = labels.begin(); it != labels.end(); ++it)
                a.labels.insert(it.key(), it.value().toString());
            m_alerts.insert(key, a);
        } else {
            m_sources.remove(key);
        }
    }
}

QString AlertJournaler::runbookFor(const Alert &a) const
{
    const QString url = a.annotations.value(QStringLiteral("runbook_url"));
    if (!url.isEmpty())
        return url;
    return m_runbooks.value(a.name);
}

QStringList AlertJournaler::firing() const
{
    QStringList out;
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        if (!it.value().isEmpty())
            out << m_alerts.value(it.key()).name;
    }
    out.sort();
    return out;
}

bool AlertJournaler::record(const Alert &a, bool firing)
{
    const QString severity = a.severity().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(a.severity());
    const QString summary = firing
                                ? QStringLiteral("Alert firing: %1%2 - %3").arg(a.name, severity, a.summary())
                                : QStringLiteral("Alert resolved: %1%2").arg(a.name, severity);
    QJsonObject payload{
        {QStringLiteral("key"), keyOf(a)},
        {QStringLiteral("fingerprint"), a.fingerprint},
        {QStringLiteral("alertname"), a.name},
        {QStringLiteral("state"), firing ? QStringLiteral("firing") : QStringLiteral("resolved")},
        {QStringLiteral("severity"), a.severity()},
        {QStringLiteral("labels"), toJson(a.labels)},
        {QStringLiteral("annotations"), toJson(a.annotations)},
        {QStringLiteral("source"), a.source}};
    if (a.activeAtMs > 0)
        payload.insert(QStringLiteral("activeAt"),
                       QDateTime::fromMSecsSinceEpoch(a.activeAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    const QString runbook = runbookFor(a);
    if (!runbook.isEmpty())
        payload.insert(QStringLiteral("runbook"), runbook);
    auto r = m_session.record(Core::EventKind::Alert, summary, payload);
    if (!r) {
        emit failed(QStringLiteral("The alert %1 could not be written to the timeline: %2")
                        .arg(a.name, r.error().text()));
        return false;
    }
    emit recorded(r.value());
    return true;
}

int AlertJournaler::update(const QString &source, const QList<Alert> &alerts)
{
    int written = 0;
    QSet<QString> now;
    for (const Alert &a : alerts) {
        if (!isFiring(a))
            continue;
        const QString key = keyOf(a);
        now.insert(key);
        QSet<QString> &sources = m_sources[key];
        // The journal's memory of a firing alert is replaced by the first live source that confirms it.
        const bool wasFiring = !sources.isEmpty();
        sources.remove(QStringLiteral("journal"));
        sources.insert(source);
        m_alerts.insert(key, a);
        if (!wasFiring && record(a, true))
            ++written;
    }
    for (auto it = m_sources.begin(); it != m_sources.end();) {
        QSet<QString> &sources = it.value();
        if (!now.contains(it.key()) &&
            (sources.remove(source) || sources.remove(QStringLiteral("journal"))) && sources.isEmpty()) {
            if (record(m_alerts.value(it.key()), false))
                ++written;
            m_alerts.remove(it.key());
            it = m_sources.erase(it);
            continue;
        }
        ++it;
    }
    return written;
}

} // namespace Sitrep::Prom
