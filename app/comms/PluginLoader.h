#pragma once

#include "comms/NotifierInterface.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QPluginLoader;

namespace Sitrep::Comms {

// Finds and loads Notifier plugins from a folder; every file is listed, loaded or with the reason it is not.
class PluginLoader final : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString file;
        QString id;      // from the metadata ("slack")
        QString name;    // display name
        QString version; // plugin version from the metadata
        bool loaded = false;
        QString error; // why not loaded
        NotifierInterface *notifier = nullptr;
    };

    explicit PluginLoader(QObject *parent = nullptr);
    ~PluginLoader() override;

    // <app>/../plugins (build tree), <app>/../lib/sitrep/plugins (install), then $SITREP_PLUGIN_DIR first.
    static QStringList defaultDirectories(const QString &applicationDir);

    // Loads every shared library in dir; returns how many loaded. Call initialize() afterwards.
    int loadDirectory(const QString &dir);
    void initialize(const NotifierContext &context);
    void abortAll();

    const QList<Entry> &entries() const { return m_entries; }
    NotifierInterface *notifier(const QString &id) const;
    QStringList loadedIds() const;
    QStringList failures() const; // "libfoo.so: reason", for the settings/about page

private:
    QList<Entry> m_entries;
    QList<QPluginLoader *> m_loaders;
};

} // namespace Sitrep::Comms
