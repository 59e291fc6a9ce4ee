#include "cli/CommandLine.h"

#include "cli/ExportCommand.h"
#include "cli/IncidentCommands.h"
#include "prom/DashboardCommand.h"
#include "runbook/RunbookCommand.h"
#include "sim/SimCommand.h"
#include "team/TeamCommand.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace Sitrep::Cli {

namespace {
const QStringList kSubcommands = {QStringLiteral("incident"), QStringLiteral("export"),
                                  QStringLiteral("runbook"), QStringLiteral("sim"), QStringLiteral("dashboard"),
                                  QStringLiteral("team")};
}

bool CommandLine::isHeadless(const QStringList &args)
{
    if (args.size() < 2)
        return false;
    const QString first = args.at(1);
    return kSubcommands.contains(first) || first == QLatin1String("--version") ||
           first == QLatin1String("-v") || first == QLatin1String("--help") || first == QLatin1String("-h");
}

QString CommandLine::helpText()
{
    return QStringLiteral(
               "Sitrep %1 - incident command console\n\n"
               "usage: sitrep [--incident FILE] [--demo|--demo-regions] [--wall] [--follow FILE]   open the "
               "console\n"
               "       sitrep incident new|note|status|severity|role|milestone|show ...   edit an incident "
               "headless\n"
               "       sitrep incident check FILE | recover FILE -o NEW   check or recover a damaged file\n"
               "       sitrep export FILE --format md|html|pdf|json|csv [--pinned-only] [-o OUT]\n"
               "       sitrep runbook inspect|lint FILE [--json]\n"
               "       sitrep dashboard inspect FILE [--json]\n"
               "       sitrep sim --port N [--scenario NAME] --write-kubeconfig FILE\n"
               "       sitrep team init|serve|share|join|sync|incidents|status ...   team incidents (PostgreSQL)\n"
               "       sitrep --wall --follow team:ID --server URL   a wall following a team incident\n"
               "       sitrep --version\n")
        .arg(QStringLiteral(SITREP_VERSION));
}

Invocation CommandLine::parse(const QStringList &args)
{
    Invocation inv;
    if (args.size() >= 2 && kSubcommands.contains(args.at(1))) {
        inv.kind = Invocation::Kind::Headless;
        inv.subcommand = args.at(1);
        inv.rest = args.mid(2);
        return inv;
    }
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Sitrep incident command console"));
    const QCommandLineOption incident(QStringLiteral("incident"), QStringLiteral("Open this incident file."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption follow(QStringLiteral("follow"),
                                    QStringLiteral("Follow an incident another Sitrep writes (read-only)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption wall(QStringLiteral("wall"), QStringLiteral("Open the war-room wall display."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Run the demo incident on a simulated cluster."));
    const QCommandLineOption regions(QStringLiteral("demo-regions"),
                                     QStringLiteral("Run the demo across two regions: two simulated clusters, "
                                                    "prod-eu in the crash loop and prod-us healthy."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Print the version."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show help."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Team server for --follow team:ID (libpq URL)."),
                                    QStringLiteral("URL"));
    p.addOptions({incident, follow, wall, demo, regions, server, version, help});
    // Qt's own options (-platform, -style ...) were consumed by QApplication already.
    if (!p.parse(args)) {
        inv.kind = Invocation::Kind::Error;
        inv.error = p.errorText();
        return inv;
    }
    if (p.isSet(version)) {
        inv.kind = Invocation::Kind::Version;
        return inv;
    }
    if (p.isSet(help)) {
        inv.kind = Invocation::Kind::Help;
        return inv;
    }
    if (!p.positionalArguments().isEmpty()) {
        const QString first = p.positionalArguments().first();
        if (first.endsWith(QLatin1String(".sitrep")) && p.positionalArguments().size() == 1) {
            inv.incidentPath = first; // `sitrep file.sitrep` from a file manager
        } else {
            inv.kind = Invocation::Kind::Error;
            inv.error = QStringLiteral("unknown command \"%1\"").arg(first);
            return inv;
        }
    }
    if (p.isSet(incident))
        inv.incidentPath = p.value(incident);
    inv.followPath = p.value(follow);
    inv.server = p.value(server);
    if (inv.followPath.startsWith(QLatin1String("team:")) && inv.server.isEmpty()) {
        inv.kind = Invocation::Kind::Error;
        inv.error = QStringLiteral("--follow team:ID needs --server URL (the team's PostgreSQL)");
        return inv;
    }
    inv.wall = p.isSet(wall) || p.isSet(follow);
    inv.demo = p.isSet(demo) || p.isSet(regions);
    if (p.isSet(regions))
        inv.demoLayout = QStringLiteral("two-regions");
    return inv;
}

int CommandLine::runHeadless(const Invocation &inv)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (inv.subcommand == QLatin1String("incident"))
        return IncidentCommands(out, err).run(inv.rest);
    if (inv.subcommand == QLatin1String("export"))
        return ExportCommand(out, err).run(inv.rest);
    if (inv.subcommand == QLatin1String("sim"))
        return Sitrep::Sim::SimCommand(out, err).run(inv.rest);
    if (inv.subcommand == QLatin1String("runbook"))
        return Sitrep::Runbook::RunbookCommand(out, err).run(inv.rest);
    if (inv.subcommand == QLatin1String("dashboard"))
        return Sitrep::Prom::DashboardCommand(out, err).run(inv.rest);
    if (inv.subcommand == QLatin1String("team"))
        return Sitrep::Team::TeamCommand(out, err).run(inv.rest);
    err << "sitrep: \"" << inv.subcommand << "\" is not built into this version yet\n";
    return 2;
}

} // namespace Sitrep::Cli
