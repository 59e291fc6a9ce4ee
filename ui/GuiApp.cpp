#include "GuiApp.h"

#include "MainWindow.h"
#include "Theme.h"
#include "WallWindow.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/User.h"
#include "demo/DemoSession.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
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
        window.restoreLayout();
        window.show();
    }

    const QString path = options.incidentPath.isEmpty() ? options.followPath : options.incidentPath;
    if (!path.isEmpty()) {
        const auto mode = options.followPath.isEmpty() ? Journal::Mode::ReadWrite : Journal::Mode::ReadOnly;
        if (auto r = file.open(path, mode); !r) {
            window.showMessage(QObject::tr("Could not open %1").arg(r.error().text()), true);
            QMessageBox::warning(&window, QObject::tr("Could not open incident"), r.error().text());
        }
    }
    std::unique_ptr<Demo::DemoSession> demo;
    if (options.demo) {
        demo = std::make_unique<Demo::DemoSession>();
        const QString dir = MainWindow::defaultIncidentDir() + QStringLiteral("/demo-") +
                            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        QFile rules(QStringLiteral(SITREP_SOURCE_RESOURCES "/demo/prometheus-rules.yml"));
        if (!rules.open(QIODevice::ReadOnly))
            rules.setFileName(QCoreApplication::applicationDirPath() +
                              QStringLiteral("/../share/sitrep/demo/prometheus-rules.yml"));
        if (!rules.isOpen())
            (void)rules.open(QIODevice::ReadOnly);
        if (auto r = demo->start(dir, rules.readAll()); !r) {
            window.showMessage(QObject::tr("The demo could not start: %1").arg(r.error().text()), true);
        } else {
            QObject::connect(demo.get(), &Demo::DemoSession::prometheusReady, &workspace,
                             [&workspace](const QUrl &url) { workspace.connectPrometheus(url); });
            QObject::connect(demo.get(), &Demo::DemoSession::prometheusFailed, &window,
                             [&window](const QString &why) { window.showMessage(why, true); });
            IncidentSession::Declaration d;
            d.title = QObject::tr("api-gateway returns 502 after the v2 rollout");
            d.service = QStringLiteral("api-gateway");
            d.severity = QStringLiteral("P1");
            d.commander = currentUser();
            d.impactStarted = QDateTime::currentDateTimeUtc().addSecs(-12 * 60);
            if (auto c = file.create(dir + QStringLiteral("/demo.sitrep"), d); !c)
                window.showMessage(QObject::tr("Demo incident not declared: %1").arg(c.error().text()), true);
            workspace.connectCluster(demo->kubeconfigPath(), demo->contextName());
            workspace.openRunbook(QStringLiteral(":/runbooks/api-gateway-crashloop.md"));
        }
    }
    if (options.wall || followerOnly)
        openWall();
    return QApplication::exec();
}

} // namespace Sitrep::Ui
