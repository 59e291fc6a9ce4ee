#pragma once

#include "core/Incident.h"
#include "core/TimelineEvent.h"

#include <QDateTime>
#include <QJsonObject>

// A declared P1 incident for tests: "Checkout 502s" on api-gateway, impact from 06:50, declared 07:00, alice.
namespace CommsFixtures {

inline QDateTime at(const char *hhmmss)
{
    return QDateTime::fromString(QStringLiteral("2026-11-23T") + QLatin1String(hhmmss) + QStringLiteral("Z"),
                                 Qt::ISODate);
}

inline QList<Sitrep::Core::TimelineEvent> declaredEvents()
{
    using namespace Sitrep::Core;
    const qint64 t = at("07:00:00").toMSecsSinceEpoch();
    return {makeEvent(EventKind::Declared, t, QStringLiteral("alice"), QStringLiteral("declared"),
                      {{QStringLiteral("id"), QStringLiteral("abc12345")},
                       {QStringLiteral("title"), QStringLiteral("Checkout 502s")},
                       {QStringLiteral("service"), QStringLiteral("api-gateway")},
                       {QStringLiteral("severity"), QStringLiteral("P1")},
                       {QStringLiteral("status"), QStringLiteral("investigating")}}),
            makeEvent(EventKind::Milestone, t, QStringLiteral("alice"), QStringLiteral("impact"),
                      {{QStringLiteral("milestone"), QStringLiteral("impact-started")},
                       {QStringLiteral("tsMs"), at("06:50:00").toMSecsSinceEpoch()}}),
            makeEvent(EventKind::RoleChange, t, QStringLiteral("alice"), QStringLiteral("role"),
                      {{QStringLiteral("role"), QStringLiteral("commander")},
                       {QStringLiteral("person"), QStringLiteral("alice")}})};
}

} // namespace CommsFixtures
