#include "GuiApp.h"

#include "MainWindow.h"
#include "TeamController.h"
#include "Theme.h"
#include "WallWindow.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/User.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>

#include <memory>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

int runGui(const GuiOptions &options)
{
    Theme::apply(
        Theme::fromName(QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("dark")).toString()));
    SystemClock clock;
    IncidentFile file(clock, currentUser());
    MainWindow window(file);
    Workspace workspace(file, window);
    TeamController team(file, window, workspace.secrets(), workspace.redactor());
    std::unique_ptr<WallWindow> wall;
    auto openWall = [&] {
        if (!wall) {
            wall = std::make_unique<WallWindow>(file);
            workspace.attachWall(*wall);
        }
        wall->showOnScreen();
        wall->raise();
    };
    QObject::connect(&window, &MainWindow::wallRequested, &window, openWall);
    // A follower PC shows only the wall; the commander's laptop shows the console (and the wall if asked).
    const bool followerOnly = !options.followPath.isEmpty();
    if (!followerOnly) {
        if (window.restoreLayout())
            window.show();
        else { // many panes: the first start takes the whole screen
            if (const QScreen *screen = QGuiApplication::primaryScreen())
                window.setGeometry(screen->availableGeometry());
            window.showMaximized();
        }
    }

    // --follow team:ID --server URL: a read-only replica of a team incident (the wall's role only reads).
    const bool followTeam = options.followPath.startsWith(QLatin1String("team:"));
    if (followTeam)
        team.follow(options.followPath.mid(5), options.server);
    const QString path = options.incidentPath.isEmpty() && !followTeam ? options.followPath : options.incidentPath;
    if (!path.isEmpty()) {
        const auto mode = options.followPath.isEmpty() ? Journal::Mode::ReadWrite : Journal::Mode::ReadOnly;
        if (auto r = file.open(path, mode); !r) {
            window.showMessage(QObject::tr("Could not open %1").arg(r.error().text()), true);
            QMessageBox::warning(&window, QObject::tr("Could not open incident"), r.error().text());
        }
    }
    if (options.demo) {
        workspace.setDemoScenario(options.demoLayout);
        workspace.startDemo();
    }
    else if (path.isEmpty() && !followTeam && workspace.isFirstRun())
        workspace.showConnections(); // first start: where is the cluster? ("none" and the demo are fine)
    if (options.wall || followerOnly)
        openWall();
    return QApplication::exec();
}

} // namespace Sitrep::Ui
