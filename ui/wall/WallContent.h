#pragma once

#include "WallList.h"
#include "core/IncidentDigest.h"

#include <QCoreApplication>

namespace Sitrep::Ui {

// What the wall's text tiles say, as lines for WallList: built from the journal's digest (and live pod
// counts), so the commander's laptop and a follower PC show the same words.
class WallContent final
{
    Q_DECLARE_TR_FUNCTIONS(WallContent)
public:
    // Entries of one kind within a minute of each other, shown as one line with a count.
    struct Fold
    {
        Sitrep::Core::TimelineEvent newest;
        int count = 1;
        qint64 oldestMs = 0;
    };
    static constexpr qint64 kFoldWindowMs = 60 * 1000;

    // Newest first; events are given oldest first (as the journal holds them).
    static QList<Fold> fold(const QList<Sitrep::Core::TimelineEvent> &events,
                            qint64 windowMs = kFoldWindowMs);

    static QList<WallList::Item> pods(const Sitrep::Core::IncidentDigest::Pods &pods);
    static QList<WallList::Item> alerts(const QList<Sitrep::Core::IncidentDigest::Alert> &firing);
    static QList<WallList::Item> runbook(const Sitrep::Core::IncidentDigest::Runbook &runbook);
    static QList<WallList::Item> timeline(const QList<Sitrep::Core::TimelineEvent> &latest);

    static WallList::Line noneFiring();
    static WallList::Line placeholder(const QString &text);

    static const QColor &good();
    static const QColor &bad();
    static const QColor &muted();
};

} // namespace Sitrep::Ui
