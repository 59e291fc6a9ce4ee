#pragma once

#include "core/IncidentSession.h"
#include "prom/PromTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Sitrep::Prom {

// Turns alert snapshots (from Prometheus and/or Alertmanager) into timeline events: one "firing" event when
// an alert starts firing and one "resolved" event when no source reports it any more. Alerts are keyed by the
// fingerprint of their labels, so the same alert seen by both sources, or again after a restart of Sitrep
// (the journal is read back), is recorded once.
class AlertJournaler final : public QObject
{
    Q_OBJECT
public:
    explicit AlertJournaler(Core::IncidentSession &session, QObject *parent = nullptr);

    // alertname -> runbook (path or URL), used when an alert has no runbook_url annotation.
    void setRunbooks(const QHash<QString, QString> &runbooks) { m_runbooks = runbooks; }
    // The complete current list from one source ("prometheus", "alertmanager"). Pending and suppressed
    // alerts are not firing. Returns how many events were recorded.
    int update(const QString &source, const QList<Alert> &alerts);

    QStringList firing() const;
    QString runbookFor(const Alert &a) const;
    static QString keyOf(const Alert &a);

signals:
    void recorded(const Sitrep::Core::TimelineEvent &event);
    void failed(const QString &sentence);

private:
    void readJournal();
    bool record(const Alert &a, bool firing);

    Core::IncidentSession &m_session;
    QHash<QString, QString> m_runbooks;
    QHash<QString, QSet<QString>> m_sources; // key -> sources that report it firing
    QHash<QString, Alert> m_alerts;          // key -> last seen
};

} // namespace Sitrep::Prom
