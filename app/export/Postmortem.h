#pragma once

#include "core/Incident.h"
#include "core/TimelineEvent.h"

#include <QList>
#include <QString>

#include <optional>

namespace Sitrep::Export {

struct ExportOptions
{
    bool pinnedOnly = false;
    bool utc = true;
    std::optional<int> updatesDue; // from the cadence, when the caller knows it
};

// One row of "what was done": a command or cluster action with its outcome.
struct ActionRow
{
    qint64 tsMs = 0;
    QString who;
    QString what;
    QString outcome;
};

struct ActionItem
{
    QString text;
    QString owner;
    QString due;
    QString status;
};

// An embedded chart snapshot or log excerpt.
struct Evidence
{
    qint64 tsMs = 0;
    QString title;
    QString pngBase64; // chart snapshots
    QString text;      // log lines, PromQL
};

// Everything a postmortem says, derived from the journal alone; the writers only format it.
struct Postmortem
{
    Sitrep::Core::Incident incident;
    QList<Sitrep::Core::TimelineEvent> timeline; // filtered by the options
    QList<ActionRow> actions;
    QList<ActionItem> actionItems;
    QList<Evidence> charts;
    QList<Evidence> logs;
    qint64 endMs = 0; // resolved, else the last event
    std::optional<qint64> timeToFirstUpdate;
    int updatesSent = 0;
    std::optional<int> updatesDue;
    ExportOptions options;

    static Postmortem build(const QList<Sitrep::Core::TimelineEvent> &events, const ExportOptions &options);
    QString formatTime(qint64 ms, const QString &format = QStringLiteral("yyyy-MM-dd HH:mm:ss")) const;
    QString durationText() const;
    QString metric(const std::optional<qint64> &seconds) const;
};

} // namespace Sitrep::Export
