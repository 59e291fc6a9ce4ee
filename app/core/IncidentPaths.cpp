#include "core/IncidentPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace Sitrep::Core {

namespace {

QString dataHome()
{
    // GenericDataLocation is $XDG_DATA_HOME (~/.local/share) without the organisation/application
    // folders that AppDataLocation appends.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share");
    return dir;
}

QFileInfoList incidentsIn(const QString &dir)
{
    if (dir.isEmpty())
        return {};
    return QDir(dir).entryInfoList({QStringLiteral("*.sitrep")}, QDir::Files, QDir::Time);
}

} // namespace

QString IncidentPaths::incidentDir()
{
    const QString dir = dataHome() + QStringLiteral("/sitrep/incidents");
    QDir().mkpath(dir);
    return dir;
}

QString IncidentPaths::legacyIncidentDir()
{
    const QString dir = dataHome() + QStringLiteral("/sitrep/sitrep/incidents");
    return incidentsIn(dir).isEmpty() ? QString() : dir;
}

QStringList IncidentPaths::knownIncidents()
{
    QFileInfoList all = incidentsIn(incidentDir()) + incidentsIn(legacyIncidentDir());
    std::stable_sort(all.begin(), all.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.lastModified() > b.lastModified();
    });
    QStringList out;
    for (const QFileInfo &f : all)
        out << f.absoluteFilePath();
    return out;
}

} // namespace Sitrep::Core
