#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Sitrep::Comms {

// A runbook's communication rule ("Post initial communication within: P0: 5 minutes"), as a plain struct
// so comms never includes app/runbook. A negative value means "the runbook does not say".
struct CommunicationRule
{
    QString severity;
    int firstUpdateMinutes = -1;
    int intervalMinutes = -1;
};

// How often stakeholders are owed an update, per severity: minutes to the first update after the
// declaration and between updates. No rule (P3 by default) means no cadence.
class CadencePolicy final
{
public:
    struct Rule
    {
        int firstUpdateMinutes = 0;
        int intervalMinutes = 0;
    };

    CadencePolicy() = default;
    static CadencePolicy defaults(); // P0 5/10, P1 15/30, P2 30/60, P3 none

    void setRule(const QString &severity, Rule rule);
    void removeRule(const QString &severity);
    // Case-insensitive; "sev0"/"0" also match "P0".
    std::optional<Rule> rule(const QString &severity) const;
    QStringList severities() const;
    // Reads runbook lines like "- P0: 5 minutes" (first update) and "P1: every 30 minutes" (interval);
    // other lines are ignored. For runbooks that state their rules in prose.
    static QList<CommunicationRule> parseRunbookRules(const QStringList &lines);
    // A runbook's rules override the configured ones where they state a value.
    void applyRunbookRules(const QList<CommunicationRule> &rules);

    // How long a "monitoring" incident may stay open before a reminder to resolve it (0 = never).
    int monitoringReminderMinutes() const { return m_monitoringMinutes; }
    void setMonitoringReminderMinutes(int minutes) { m_monitoringMinutes = minutes; }

    // {"P0": {"first": 5, "interval": 10}, ..., "monitoringReminder": 60}
    QJsonObject toJson() const;
    static Core::Result<CadencePolicy> fromJson(const QJsonObject &o, const QString &where = {});

private:
    static QString normalize(const QString &severity);
    QHash<QString, Rule> m_rules;    // by normalized severity
    QHash<QString, QString> m_names; // normalized -> as written
    int m_monitoringMinutes = 60;
};

} // namespace Sitrep::Comms
