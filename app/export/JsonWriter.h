#pragma once

#include "core/Result.h"
#include "core/TimelineEvent.h"
#include "export/Postmortem.h"

#include <QByteArray>

namespace Sitrep::Export {

// The incident as stable JSON (schema "sitrep.incident/v1", docs/export-json-schema.md): the folded
// incident, its metrics and every event. Reading it back gives the same events, so it round-trips.
class JsonWriter final
{
public:
    static inline const QString kSchema = QStringLiteral("sitrep.incident/v1");
    static QByteArray write(const Postmortem &pm);
    static Sitrep::Core::Result<QList<Sitrep::Core::TimelineEvent>> read(const QByteArray &json);
};

} // namespace Sitrep::Export
