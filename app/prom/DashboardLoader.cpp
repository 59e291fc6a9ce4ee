#include "prom/DashboardLoader.h"

#include "prom/GrafanaImporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

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
    out.skipped = g->skipped;
    out.fromGrafana = true;
    return out;
}

QList<Result<LoadedDashboard>> DashboardLoader::loadDirectory(const QStringList &dirs)
{
    QList<Result<LoadedDashboard>> out;
    for (const QString &dir : dirs) {
        const QDir d(dir);
        const qsizetype earlier = out.size(); // files of one directory do not replace each other
        // Sitrep's own dashboards first (the first one is what the charts pane opens with), then Grafana's.
        QStringList names = d.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        std::stable_sort(names.begin(), names.end(), [&d](const QString &a, const QString &b) {
            const auto own = [&d](const QString &n) {
                QFile f(d.filePath(n));
                return f.open(QIODevice::ReadOnly) && f.read(4096).contains("\"sitrepDashboard\"");
            };
            return own(a) && !own(b);
        });
        for (const QString &name : std::as_const(names)) {
            auto loaded = loadFile(d.filePath(name));
            qsizetype replaces = -1;
            for (qsizetype i = 0; loaded && i < earlier && replaces < 0; ++i) {
                if (out[i] && (QFileInfo(out[i]->path).fileName() == name ||
                               out[i]->dashboard.title == loaded->dashboard.title))
                    replaces = i;
            }
            if (replaces >= 0)
                out[replaces] = std::move(loaded);
            else
                out << std::move(loaded);
        }
    }
    return out;
}

QStringList DashboardLoader::defaultDirectories(const QString &resourceDir)
{
    QStringList dirs;
    if (!resourceDir.isEmpty())
        dirs << QDir(resourceDir).filePath(QStringLiteral("dashboards"));
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (!config.isEmpty())
        dirs << QDir(config).filePath(QStringLiteral("sitrep/dashboards"));
    return dirs;
}

} // namespace Sitrep::Prom
