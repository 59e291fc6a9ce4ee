#pragma once

#include <QList>
#include <QString>

namespace Sitrep::Logs {

// One container whose log is streamed: the caller (who watches pods) keeps the list of these up to date.
struct LogTarget
{
    QString ns;
    QString pod;
    QString container;
    bool isInit = false;
    QString cluster = {}; // which of the incident's clusters ("" when it watches one)

    QString key() const
    {
        const QString k = ns + QLatin1Char('/') + pod + QLatin1Char('/') + container;
        return cluster.isEmpty() ? k : cluster + QLatin1Char('|') + k;
    }
    // "pod/container" as shown in the pane
    QString label() const { return pod + QLatin1Char('/') + container; }
    bool operator==(const LogTarget &o) const
    {
        return ns == o.ns && pod == o.pod && container == o.container && isInit == o.isInit &&
               cluster == o.cluster;
    }
};

} // namespace Sitrep::Logs
