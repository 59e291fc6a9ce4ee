#pragma once

#include "comms/StockSentences.h"
#include "comms/UpdateTemplate.h"
#include "core/Incident.h"
#include "core/TimelineEvent.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Sitrep::Comms {

using FieldValues = QHash<QString, QString>;

// Fills a template's fields: from the incident (status, severity, service, start time, live duration,
// commander, next update time, link), then the last draft for what a person typed, then field defaults.
class DraftFiller final
{
public:
    struct Context
    {
        const Core::Incident *incident = nullptr;
        QDateTime now;                       // from the injected Clock
        std::optional<QDateTime> nextUpdate; // from the Cadence; empty when no update is due
        QString updatesLink;                 // status page / channel link from settings
        FieldValues lastDraft;               // fields of the last published update (or the unsent draft)
        StockSentences sentences;
    };

    // The fields the incident knows by itself, keyed like the built-in templates.
    static FieldValues autoFields(const Context &ctx);
    static bool isAutoField(const QString &key);
    // Values for every field of t: auto fields win, typed fields come from the last draft, else the default.
    static FieldValues fill(const UpdateTemplate &t, const Context &ctx);
    // The fields of the last UpdatePublished event of a timeline (empty when none).
    static FieldValues lastPublishedFields(const QList<Core::TimelineEvent> &events);
    // "2026-11-23 07:10 UTC": how times read in an update (UTC, so every reader agrees).
    static QString formatTime(const QDateTime &t);
};

} // namespace Sitrep::Comms
