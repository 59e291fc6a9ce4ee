#include "runbook/RunTypes.h"

namespace Sitrep::Runbook {

QString RunTarget::describe() const
{
    if (isSsh()) {
        QString s = sshUser.isEmpty() ? sshHost : sshUser + QLatin1Char('@') + sshHost;
        if (sshPort != 22)
            s += QLatin1Char(':') + QString::number(sshPort);
        return s;
    }
    QStringList parts;
    if (!cluster.isEmpty() && cluster != kubeContext)
        parts << QStringLiteral("cluster %1 (context %2)").arg(cluster, kubeContext);
    else if (!cluster.isEmpty())
        parts << QStringLiteral("cluster ") + cluster;
    else if (!kubeContext.isEmpty())
        parts << QStringLiteral("context ") + kubeContext;
    if (!kubeNamespace.isEmpty())
        parts << QStringLiteral("namespace ") + kubeNamespace;
    return parts.isEmpty() ? QStringLiteral("local shell") : parts.join(QStringLiteral(" / "));
}

} // namespace Sitrep::Runbook
