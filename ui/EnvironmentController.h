#pragma once

#include "core/Environment.h"

#include <QObject>

#include <functional>

namespace Sitrep::Ui {

class ConnectionChecks;
class ConnectionDialog;
class EnvironmentBar;
class MainWindow;

// The saved environments and the way to them: the toolbar switcher and banner, the first-run / settings
// dialog with its Test buttons, and Incident > Connections. Applying an environment (connecting the panes)
// is the workspace's job: this says which one, through environmentChosen().
class EnvironmentController final : public QObject
{
    Q_OBJECT
public:
    EnvironmentController(MainWindow &window, ConnectionChecks *checks, QObject *parent = nullptr);

    EnvironmentBar *bar() const { return m_bar; }
    bool isFirstRun() const;
    // Emits environmentChosen for the saved active environment, or shows that there is none.
    void restoreActive();
    // The dialog, non-blocking; saving it stores the environments and chooses the active one.
    ConnectionDialog *showConnections();
    // Opens the update channels editor from the dialog's button.
    void setChannelEditor(std::function<void()> editor) { m_editChannels = std::move(editor); }

signals:
    void environmentChosen(const Sitrep::Core::Environment &environment);
    void demoRequested();

private:
    MainWindow &m_window;
    ConnectionChecks *m_checks;
    EnvironmentBar *m_bar;
    std::function<void()> m_editChannels;
};

} // namespace Sitrep::Ui
