#pragma once

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Sitrep::Core {
class IncidentFile;
class Redactor;
} // namespace Sitrep::Core
namespace Sitrep::Comms {
class PluginLoader;
}
namespace Sitrep::Secrets {
class SecretStore;
}
namespace Sitrep::Runbook {
class LocalRunner;
class RunPolicy;
} // namespace Sitrep::Runbook

namespace Sitrep::Ui {

class MainWindow;
class WallWindow;
class CommsPaneHost;
class RunbookWizard;

// The GUI's wiring: creates the services each pane family needs (keychain, notifier plugins, ...)
// and docks the panes into the main window. GuiApp owns one for the life of the program.
class Workspace final : public QObject
{
    Q_OBJECT
public:
    Workspace(Sitrep::Core::IncidentFile &file, MainWindow &window, QObject *parent = nullptr);
    ~Workspace() override;

    // Plugs live sources (the update countdown ...) into a wall window.
    void attachWall(WallWindow &wall);
    CommsPaneHost *comms() const { return m_comms; }
    RunbookWizard *runbook() const { return m_wizard; }
    // Opens a runbook in the wizard (bundled ":/runbooks/..." paths work too).
    bool openRunbook(const QString &path);
    Sitrep::Secrets::SecretStore &secrets() const { return *m_secrets; }
    std::shared_ptr<Sitrep::Core::Redactor> redactor() const { return m_redactor; }

private:
    void setUpComms();
    void setUpRunbook();

    Sitrep::Core::IncidentFile &m_file;
    MainWindow &m_window;
    std::shared_ptr<Sitrep::Core::Redactor> m_redactor;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<Sitrep::Secrets::SecretStore> m_secrets;
    std::unique_ptr<Sitrep::Comms::PluginLoader> m_plugins;
    CommsPaneHost *m_comms = nullptr;
    std::unique_ptr<Sitrep::Runbook::LocalRunner> m_runner;
    std::unique_ptr<Sitrep::Runbook::RunPolicy> m_policy;
    RunbookWizard *m_wizard = nullptr;
};

} // namespace Sitrep::Ui
