// sitrep: the GUI by default; headless subcommands (incident, export, runbook, sim) need no display.
#include "GuiApp.h"
#include "cli/CommandLine.h"
#include "core/AllocatorTuning.h"
#include "core/Logging.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <memory>

using Sitrep::Cli::CommandLine;
using Sitrep::Cli::Invocation;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep"));
    QCoreApplication::setApplicationName(QStringLiteral("sitrep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SITREP_VERSION));
}

int runInvocation(const Invocation &inv)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (inv.kind) {
    case Invocation::Kind::Version:
        out << "sitrep " << SITREP_VERSION << "\n";
        return 0;
    case Invocation::Kind::Help:
        out << CommandLine::helpText();
        return 0;
    case Invocation::Kind::Error:
        err << "sitrep: " << inv.error << "\n" << CommandLine::helpText();
        return 2;
    case Invocation::Kind::Headless:
        return CommandLine::runHeadless(inv);
    case Invocation::Kind::Gui:
        break;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    Sitrep::Core::AllocatorTuning::apply();
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (CommandLine::isHeadless(args)) {
        // Export lays out PDFs (fonts need QtGui) but never shows a window.
        const bool needsGui = args.value(1) == QLatin1String("export");
        if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        std::unique_ptr<QCoreApplication> app;
        if (needsGui)
            app = std::make_unique<QGuiApplication>(argc, argv);
        else
            app = std::make_unique<QCoreApplication>(argc, argv);
        setIdentity();
        // Headless commands print their own results; the log file still records warnings.
        Sitrep::Core::Logging::install(Sitrep::Core::Logging::defaultLogDir(), false);
        const int code = runInvocation(CommandLine::parse(QCoreApplication::arguments()));
        Sitrep::Core::Logging::shutdown();
        return code;
    }

    QApplication app(argc, argv);
    setIdentity();
    Sitrep::Core::Logging::install(Sitrep::Core::Logging::defaultLogDir());
    const Invocation inv = CommandLine::parse(QCoreApplication::arguments());
    if (inv.kind != Invocation::Kind::Gui)
        return runInvocation(inv);
    Sitrep::Ui::GuiOptions options;
    options.incidentPath = inv.incidentPath;
    options.followPath = inv.followPath;
    options.server = inv.server;
    options.wall = inv.wall;
    options.demo = inv.demo;
    options.demoLayout = inv.demoLayout;
    const int code = Sitrep::Ui::runGui(options);
    Sitrep::Core::Logging::shutdown();
    return code;
}
