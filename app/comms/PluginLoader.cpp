#include "comms/PluginLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLibrary>
#include <QPluginLoader>

namespace Sitrep::Comms {

PluginLoader::PluginLoader(QObject *parent)
    : QObject(parent)
{}

PluginLoader::~PluginLoader()
{
    abortAll();
    // Plugins stay mapped until the process ends: unloading while Qt still holds their metaobjects crashes.
}

QStringList PluginLoader::defaultDirectories(const QString &applicationDir)
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("SITREP_PLUGIN_DIR");
    if (!env.isEmpty())
        dirs << env;
    const QDir app(applicationDir);
    dirs << QDir::cleanPath(app.filePath(QStringLiteral("../plugins")))
         << QDir::cleanPath(app.filePath(QStringLiteral("../lib/sitrep/plugins")));
    return dirs;
}

int PluginLoader::loadDirectory(const QString &dir)
{
    const QDir d(dir);
    int loaded = 0;
    if (!d.exists())
        return 0;
    for (const auto &name : d.entryList(QDir::Files, QDir::Name)) {
        const QString path = d.filePath(name);
        if (!QLibrary::isLibrary(path))
            continue;
        Entry e;
        e.file = path;
        auto *loader = new QPluginLoader(path, this);
        const QJsonObject meta = loader->metaData();
        const QJsonObject user = meta.value(QLatin1String("MetaData")).toObject();
        e.id = user.value(QLatin1String("id")).toString();
        e.name = user.value(QLatin1String("name")).toString(e.id);
        e.version = user.value(QLatin1String("version")).toString();
        const int api = user.value(QLatin1String("apiVersion")).toInt(-1);
        if (meta.isEmpty()) {
            e.error = QStringLiteral("not a Qt plugin: %1").arg(loader->errorString());
        } else if (meta.value(QLatin1String("IID")).toString() !=
                   QLatin1String(SitrepNotifierInterface_iid)) {
            e.error = QStringLiteral("not a Sitrep notifier (interface %1)")
                          .arg(meta.value(QLatin1String("IID")).toString());
        } else if (api != kNotifierApiVersion) {
            e.error = QStringLiteral(
                          "built for notifier API %1, this Sitrep speaks %2: rebuild or update the plugin")
                          .arg(api)
                          .arg(kNotifierApiVersion);
        } else if (e.id.isEmpty()) {
            e.error = QStringLiteral("metadata has no \"id\"");
        } else if (notifier(e.id)) {
            e.error = QStringLiteral("another plugin with id \"%1\" is already loaded").arg(e.id);
        } else if (QObject *instance = loader->instance(); !instance) {
            e.error = QStringLiteral("cannot load: %1").arg(loader->errorString());
        } else if (auto *n = qobject_cast<NotifierInterface *>(instance); !n) {
            e.error = QStringLiteral("does not implement the notifier interface");
        } else {
            e.notifier = n;
            e.loaded = true;
            ++loaded;
        }
        m_loaders << loader;
        m_entries << e;
    }
    return loaded;
}

void PluginLoader::initialize(const NotifierContext &context)
{
    for (const auto &e : m_entries) {
        if (e.notifier)
            e.notifier->initialize(context);
    }
}

void PluginLoader::abortAll()
{
    for (const auto &e : m_entries) {
        if (e.notifier)
            e.notifier->abortAll();
    }
}

NotifierInterface *PluginLoader::notifier(const QString &id) const
{
    for (const auto &e : m_entries) {
        if (e.loaded && e.id == id)
            return e.notifier;
    }
    return nullptr;
}

QStringList PluginLoader::loadedIds() const
{
    QStringList out;
    for (const auto &e : m_entries) {
        if (e.loaded)
            out << e.id;
    }
    return out;
}

QStringList PluginLoader::failures() const
{
    QStringList out;
    for (const auto &e : m_entries) {
        if (!e.loaded)
            out << QStringLiteral("%1: %2").arg(QFileInfo(e.file).fileName(), e.error);
    }
    return out;
}

} // namespace Sitrep::Comms
