#pragma once

#include <QString>

namespace Sitrep::Ui {

// What the command line asked the GUI to do.
struct GuiOptions
{
    QString incidentPath; // --incident FILE
    QString followPath;   // --follow FILE or team:ID (wall follower, read-only)
    QString server;       // --server URL for --follow team:ID
    bool wall = false;    // --wall
    bool demo = false;    // --demo
    QString demoLayout;   // --demo-regions: "two-regions"
};

// The GUI's composition root: builds services and windows, wires the panes, runs the event loop.
// Expects a QApplication to exist. Returns the exit code.
int runGui(const GuiOptions &options);

} // namespace Sitrep::Ui
