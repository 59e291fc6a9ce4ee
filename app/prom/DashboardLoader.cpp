#include "prom/DashboardLoader.h"

#include "prom/GrafanaImporter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sitrep::Prom {

using Core::makeError;
using Core::Result;

Result<LoadedDashboard> DashboardLoader::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot be read: %1").arg(f.errorString()), path);
    if (f.size() > 32 * 1024 * 1024)
        return makeError(QStringLiteral("is larger than 32 MiB; that is not a dashboard"), path);
    auto r = load(f.readAll(), path);
    if (r)
        r.value().path = path;
    return r;
}

Result<LoadedDashboard> DashboardLoader::load(const QByteArray &json, const QString &source)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isObject() && doc.object().contains(QStringLiteral("sitrepDashboard"))) {
        auto d = Dashboard::fromJson(json, source);
        if (!d)
            return d.error();
        LoadedDashboard out;
        out.dashboard = std::move(d).value();
        return out;
    }
    auto g = GrafanaImporter::import(json, source);
    if (!g)
        return g.error();
    LoadedDashboard out;
    out.dashboard = g->dashboard;
    out.notes = g->unsupported;
    out.fromGrafana = true;
    return out;
}

QList<Result<LoadedDashboard>> DashboardLoader::loadDirectory(const QStringList &dirs)
{
    QList<Result<LoadedDashboard>> out;
    for (const QString &dir : dirs) {
        const QDir d(dir);
        for (const QString &name : d.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            out << loadFile(d.filePath(name));
    }
    return out;
}

} // namespace Sitrep::Prom
