#include "GuiApp.h"

#include "MainWindow.h"
#include "Theme.h"
#include "core/IncidentFile.h"
#include "core/User.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

int runGui(const GuiOptions &options)
{
    Theme::apply(Theme::fromName(QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("dark")).toString()));
    SystemClock clock;
    IncidentFile file(clock, currentUser());
    MainWindow window(file);
    window.restoreLayout();
    window.show();

    const QString path = options.incidentPath.isEmpty() ? options.followPath : options.incidentPath;
    if (!path.isEmpty()) {
        const auto mode = options.followPath.isEmpty() ? Journal::Mode::ReadWrite : Journal::Mode::ReadOnly;
        if (auto r = file.open(path, mode); !r) {
            window.showMessage(QObject::tr("Could not open %1").arg(r.error().text()), true);
            QMessageBox::warning(&window, QObject::tr("Could not open incident"), r.error().text());
        }
    }
    if (options.demo)
        window.showMessage(QObject::tr("The demo incident is not built yet (issue: first run and demo)."), true);
    if (options.wall)
        window.showMessage(QObject::tr("The wall display is not built yet (issue: war-room wall display)."), true);
    return QApplication::exec();
}

} // namespace Sitrep::Ui
