#include "kube/ActionPlan.h"

namespace Sitrep::Kube {

QString ActionPlan::title() const
{
    QString t = verb + QLatin1Char(' ') + target;
    if (!ns.isEmpty())
        t += QStringLiteral(" in ") + ns;
    if (!note.isEmpty())
        t += QLatin1Char(' ') + note;
    return t;
}

QString ActionPlan::requestText(const QUrl &server) const
{
    QStringList parts;
    for (const KubeRequest &r : requests) {
        QString s = QString::fromLatin1(r.method) + QLatin1Char(' ') + server.toString(QUrl::RemoveUserInfo) +
                    r.pathWithQuery();
        if (!r.contentType.isEmpty())
            s += QStringLiteral("\nContent-Type: ") + QString::fromLatin1(r.contentType);
        if (!r.body.isEmpty())
            s += QStringLiteral("\n\n") + QString::fromUtf8(r.body);
        parts << s;
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace Sitrep::Kube
