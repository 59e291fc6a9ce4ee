#pragma once

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

class QDockWidget;
class QMainWindow;

namespace Sitrep::Ui {

// Where the console's panes go on a given screen. Panes are found by their dock's object name (runbook, pods,
// logs, charts, ...). Each size class has a default arrangement in which every pane gets at least its minimum
// size and the less important panes share tabs rather than being squeezed; the focus view gives the runbook
// (with its output) and the timeline the room and keeps the rest one shortcut away.
class ConsoleLayout final
{
public:
    enum class SizeClass {
        Compact,  // laptops: 1280x720 .. 1600x900 (logical pixels, after scaling)
        Standard, // 1920x1080, also a 4K screen at 200 %
        Large,    // 2560x1440 and up at 100 %
    };

    static SizeClass classify(const QSize &screen);
    static QString className(SizeClass c);
    // The settings group a screen's own layout is kept under ("layout/1366x768").
    static QString settingsGroup(const QSize &screen);

    // Docks the panes the window has into the default arrangement for c; sizes are applied by
    // applySizes() once the window has its final size.
    static void arrange(QMainWindow &window, SizeClass c);
    static void applySizes(QMainWindow &window, SizeClass c);
    // The focus view: the runbook large on the left, the timeline beside it, every other pane hidden.
    static void arrangeFocus(QMainWindow &window);
    static void applyFocusSizes(QMainWindow &window);
    // In the focus view, a pane asked for (Alt+1 ...) joins the tabs under the timeline.
    static void showInFocus(QMainWindow &window, QDockWidget *dock);

    // The pane ids this layout knows, most important first; a pane it does not know joins the last tab group.
    static QStringList knownPanes();

private:
    // The runbook pane at share of the window, its step list (names first) taking what the step's text and
    // output leave.
    static void fitRunbook(QMainWindow &window, double share);
    static QList<QDockWidget *> docks(const QMainWindow &window);
    static QDockWidget *dock(const QMainWindow &window, const QString &id);
};

} // namespace Sitrep::Ui
