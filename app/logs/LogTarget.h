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

    QString key() const { return ns + QLatin1Char('/') + pod + QLatin1Char('/') + container; }
    // "pod/container" as shown in the pane
    QString label() const { return pod + QLatin1Char('/') + container; }
    bool operator==(const LogTarget &o) const
    {
        return ns == o.ns && pod == o.pod && container == o.container && isInit == o.isInit;
    }
};

} // namespace Sitrep::Logs
