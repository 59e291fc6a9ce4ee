#pragma once

#include "comms/NotifierInterface.h"

#include <QObject>

namespace Sitrep::Plugins {

// The channel that always works offline: writes the update to a file and, in the GUI, copies it to the
// clipboard. Channel config: "directory" (default ~/Documents/sitrep-updates), "format" ("plain",
// "markdown", "slack"; default markdown), "clipboard" (default true).
class FileNotifier final : public QObject, public Sitrep::Comms::NotifierInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SitrepNotifierInterface_iid FILE "file.json")
    Q_INTERFACES(Sitrep::Comms::NotifierInterface)
public:
    QString id() const override { return QStringLiteral("file"); }
    QString displayName() const override { return QStringLiteral("Save as file / copy to clipboard"); }
    QStringList configKeys() const override
    {
        return {QStringLiteral("directory"), QStringLiteral("format"), QStringLiteral("clipboard")};
    }
    void initialize(const Sitrep::Comms::NotifierContext &) override {}
    void publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &channelConfig,
                 Callback done) override;
    void abortAll() override {}

private:
    Sitrep::Comms::NotifierResult write(const Sitrep::Comms::NotifierUpdate &update,
                                        const QJsonObject &config);
};

} // namespace Sitrep::Plugins
