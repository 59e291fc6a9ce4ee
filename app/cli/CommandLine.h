#pragma once

#include <QString>
#include <QStringList>

namespace Sitrep::Cli {

// What `sitrep ARGS` asks for: a headless subcommand (no display needed) or the GUI with its options.
struct Invocation
{
    enum class Kind { Gui, Headless, Version, Help, Error };
    Kind kind = Kind::Gui;
    QString subcommand; // incident, export, runbook, sim
    QStringList rest;   // arguments after the subcommand
    QString incidentPath;
    QString followPath; // a file, or team:ID with server
    QString server;     // --server URL (team incidents)
    bool wall = false;
    bool demo = false;
    QString demoLayout; // --demo-regions: "two-regions"
    QString error;
};

class CommandLine final
{
public:
    // args includes argv[0].
    static Invocation parse(const QStringList &args);
    static bool isHeadless(const QStringList &args);
    static QString helpText();
    // Runs a headless invocation; returns the exit code.
    static int runHeadless(const Invocation &invocation);
};

} // namespace Sitrep::Cli
