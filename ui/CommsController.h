#pragma once

#include "comms/CadencePolicy.h"
#include "comms/Channel.h"
#include "comms/EscalationPolicy.h"
#include "comms/TemplateLibrary.h"

#include <QObject>

#include <memory>

class QDialog;
class QNetworkAccessManager;

namespace Sitrep::Core {
class IncidentFile;
}
namespace Sitrep::Comms {
class PluginLoader;
}
namespace Sitrep::Secrets {
class SecretStore;
}
namespace Sitrep::Runbook {
struct Runbook;
}

namespace Sitrep::Ui {

class ChannelSettingsDialog;
class CommsPaneHost;
class CommsSettingsDialog;
class MainWindow;

// The updates side of the console: loads the notifier plugins (and says which failed and why), keeps
// channels, cadence, stock sentences and the updates link in settings, docks the updates pane with its
// header countdown and tray reminder, and takes from a runbook what it states about updates.
class CommsController final : public QObject
{
    Q_OBJECT
public:
    CommsController(Sitrep::Core::IncidentFile &file, MainWindow &window, QNetworkAccessManager *nam,
                    Sitrep::Secrets::SecretStore &secrets, const QString &resourceDir,
                    QObject *parent = nullptr);
    ~CommsController() override;

    CommsPaneHost *host() const { return m_host; }
    const Sitrep::Comms::PluginLoader &plugins() const { return *m_plugins; }
    // The cadence in force: the configured one with the open runbook's rules on top.
    Sitrep::Comms::CadencePolicy cadencePolicy() const;
    // The escalation prompts in force (from the open runbook).
    Sitrep::Comms::EscalationPolicy escalationPolicy() const { return m_escalation; }

    // Where updates go: edited, saved in settings, secrets in the keychain.
    ChannelSettingsDialog *editChannels();
    // Cadence per severity and the updates link (non-blocking; saved on OK).
    CommsSettingsDialog *editSettings();
    // Every plugin file found, with its version, or why it did not load.
    QDialog *showPlugins();
    // A runbook's templates replace the previous runbook's; its communication rules override the
    // configured cadence where they state one; its escalation rules become the timed prompts.
    void applyRunbook(const Sitrep::Runbook::Runbook &runbook);

private:
    void loadPlugins();
    void applyChannels(const QList<Sitrep::Comms::Channel> &channels);
    void applyCadence();

    Sitrep::Core::IncidentFile &m_file;
    MainWindow &m_window;
    QNetworkAccessManager *m_nam;
    Sitrep::Secrets::SecretStore &m_secrets;
    std::unique_ptr<Sitrep::Comms::PluginLoader> m_plugins;
    CommsPaneHost *m_host = nullptr;
    Sitrep::Comms::TemplateLibrary m_fileTemplates; // built-ins and template files
    QList<Sitrep::Comms::Channel> m_channels;
    Sitrep::Comms::CadencePolicy m_configured = Sitrep::Comms::CadencePolicy::defaults();
    QList<Sitrep::Comms::CommunicationRule> m_runbookRules;
    Sitrep::Comms::EscalationPolicy m_escalation;
};

} // namespace Sitrep::Ui
