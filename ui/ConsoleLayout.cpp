#include "ConsoleLayout.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QSplitter>

namespace Sitrep::Ui {

namespace {
// The panes in tab groups per size class. The first of a group is in front.
const QStringList kClusterGroup = {QStringLiteral("pods"), QStringLiteral("events"),
                                   QStringLiteral("deployments"), QStringLiteral("cluster")};
const QStringList kMonitoringGroup = {QStringLiteral("charts"), QStringLiteral("alerts"),
                                      QStringLiteral("updates")};
} // namespace

ConsoleLayout::SizeClass ConsoleLayout::classify(const QSize &screen)
{
    if (screen.width() < 1600 || screen.height() < 900)
        return SizeClass::Compact;
    if (screen.width() < 2500 || screen.height() < 1300)
        return SizeClass::Standard;
    return SizeClass::Large;
}

QString ConsoleLayout::className(SizeClass c)
{
    switch (c) {
    case SizeClass::Compact:
        return QStringLiteral("compact");
    case SizeClass::Standard:
        return QStringLiteral("standard");
    case SizeClass::Large:
        return QStringLiteral("large");
    }
    return {};
}

QString ConsoleLayout::settingsGroup(const QSize &screen)
{
    return QStringLiteral("layout/%1x%2").arg(screen.width()).arg(screen.height());
}

QStringList ConsoleLayout::knownPanes()
{
    return {QStringLiteral("runbook"), QStringLiteral("pods"),        QStringLiteral("logs"),
            QStringLiteral("charts"),  QStringLiteral("alerts"),      QStringLiteral("events"),
            QStringLiteral("updates"), QStringLiteral("deployments"), QStringLiteral("cluster")};
}

QList<QDockWidget *> ConsoleLayout::docks(const QMainWindow &window)
{
    QList<QDockWidget *> out;
    for (QDockWidget *d : window.findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        out << d;
    return out;
}

QDockWidget *ConsoleLayout::dock(const QMainWindow &window, const QString &id)
{
    return window.findChild<QDockWidget *>(id, Qt::FindDirectChildrenOnly);
}

void ConsoleLayout::arrange(QMainWindow &window, SizeClass c)
{
    const QList<QDockWidget *> all = docks(window);
    for (QDockWidget *d : all) {
        d->setFloating(false);
        window.removeDockWidget(d);
    }
    // The runbook runs down the whole left side; the bottom row spans what is right of it.
    window.setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    window.setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window.setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    window.setCorner(Qt::BottomRightCorner,
                     c == SizeClass::Large ? Qt::RightDockWidgetArea : Qt::BottomDockWidgetArea);

    // Docks are first placed and split, then the others join their tabs: a dock split off one that is already
    // tabbed would only become another tab.
    QList<QDockWidget *> placed;
    auto put = [&](const QString &id, Qt::DockWidgetArea area) -> QDockWidget * {
        QDockWidget *d = dock(window, id);
        if (!d)
            return nullptr;
        window.addDockWidget(area, d);
        d->show();
        placed << d;
        return d;
    };
    auto beside = [&](QDockWidget *first, const QString &id, Qt::Orientation o) -> QDockWidget * {
        if (!first)
            return put(id, o == Qt::Horizontal ? Qt::BottomDockWidgetArea : Qt::RightDockWidgetArea);
        QDockWidget *d = dock(window, id);
        if (!d)
            return nullptr;
        window.splitDockWidget(first, d, o);
        d->show();
        placed << d;
        return d;
    };
    // The first of ids that exists is front; the others join its tabs.
    auto tabs = [&](QDockWidget *front, const QStringList &ids) {
        for (const QString &id : ids) {
            QDockWidget *d = dock(window, id);
            if (!d || placed.contains(d))
                continue;
            if (front) {
                window.tabifyDockWidget(front, d);
            } else {
                window.addDockWidget(Qt::BottomDockWidgetArea, d);
                front = d;
            }
            d->show();
            placed << d;
        }
        return front;
    };

    put(QStringLiteral("runbook"), Qt::LeftDockWidgetArea);
    QDockWidget *lastGroup = nullptr;
    switch (c) {
    case SizeClass::Compact:
        // One tab group under the timeline: on a laptop one of these at a time is readable, several are not.
        lastGroup = tabs(put(QStringLiteral("pods"), Qt::BottomDockWidgetArea),
                         {QStringLiteral("logs"), QStringLiteral("charts"), QStringLiteral("alerts"),
                          QStringLiteral("events"), QStringLiteral("deployments"), QStringLiteral("cluster"),
                          QStringLiteral("updates")});
        break;
    case SizeClass::Standard: {
        QDockWidget *charts = put(QStringLiteral("charts"), Qt::RightDockWidgetArea);
        QDockWidget *pods = put(QStringLiteral("pods"), Qt::BottomDockWidgetArea);
        beside(pods, QStringLiteral("logs"), Qt::Horizontal);
        lastGroup = tabs(charts, {QStringLiteral("alerts"), QStringLiteral("updates")});
        tabs(pods, {QStringLiteral("events"), QStringLiteral("deployments"), QStringLiteral("cluster")});
        break;
    }
    case SizeClass::Large: {
        QDockWidget *charts = put(QStringLiteral("charts"), Qt::RightDockWidgetArea);
        QDockWidget *alerts = beside(charts, QStringLiteral("alerts"), Qt::Vertical);
        QDockWidget *pods = put(QStringLiteral("pods"), Qt::BottomDockWidgetArea);
        QDockWidget *events = beside(pods, QStringLiteral("events"), Qt::Horizontal);
        beside(events ? events : pods, QStringLiteral("logs"), Qt::Horizontal);
        lastGroup = tabs(alerts ? alerts : charts, {QStringLiteral("updates")});
        tabs(pods, {QStringLiteral("deployments"), QStringLiteral("cluster")});
        break;
    }
    }
    // Panes this layout does not know (a new module's) join the last group's tabs rather than squeeze in.
    QStringList unknown;
    for (QDockWidget *d : all) {
        if (!placed.contains(d))
            unknown << d->objectName();
    }
    tabs(lastGroup, unknown);
    // In front: the pods, and where they have their own place the charts (and the alerts beside them).
    QStringList fronts{QStringLiteral("pods")};
    if (c != SizeClass::Compact)
        fronts << QStringLiteral("charts");
    if (c == SizeClass::Large)
        fronts << QStringLiteral("alerts");
    for (const QString &front : fronts) {
        if (QDockWidget *d = dock(window, front))
            d->raise();
    }
}

void ConsoleLayout::applySizes(QMainWindow &window, SizeClass c)
{
    const int w = window.width();
    const int h = window.centralWidget() ? window.height() - window.centralWidget()->y() : window.height();
    auto size = [&](const QString &id, double share, Qt::Orientation o) {
        if (QDockWidget *d = dock(window, id); d && d->isVisible())
            window.resizeDocks({d}, {int((o == Qt::Horizontal ? w : h) * share)}, o);
    };
    switch (c) {
    case SizeClass::Compact:
        fitRunbook(window, 0.55);
        size(QStringLiteral("pods"), 0.52, Qt::Vertical);
        break;
    case SizeClass::Standard:
        fitRunbook(window, 0.42);
        size(QStringLiteral("charts"), 0.36, Qt::Horizontal);
        size(QStringLiteral("pods"), 0.46, Qt::Vertical);
        if (QDockWidget *pods = dock(window, QStringLiteral("pods")),
            *logs = dock(window, QStringLiteral("logs"));
            pods && logs)
            window.resizeDocks({pods, logs}, {int(w * 0.3), int(w * 0.26)}, Qt::Horizontal);
        break;
    case SizeClass::Large:
        fitRunbook(window, 0.32);
        size(QStringLiteral("charts"), 0.34, Qt::Horizontal);
        size(QStringLiteral("charts"), 0.62, Qt::Vertical);
        size(QStringLiteral("pods"), 0.42, Qt::Vertical);
        if (QDockWidget *pods = dock(window, QStringLiteral("pods")),
            *events = dock(window, QStringLiteral("events")), *logs = dock(window, QStringLiteral("logs"));
            pods && events && logs)
            window.resizeDocks({pods, events, logs}, {int(w * 0.13), int(w * 0.11), int(w * 0.18)},
                               Qt::Horizontal);
        break;
    }
}

void ConsoleLayout::fitRunbook(QMainWindow &window, double share)
{
    QDockWidget *runbook = dock(window, QStringLiteral("runbook"));
    if (!runbook || !runbook->isVisible())
        return;
    const int width = int(window.width() * share);
    window.resizeDocks({runbook}, {width}, Qt::Horizontal);
    // Inside, the step's text, buttons and output keep a readable width and the step list gets the rest: the
    // runbook may not be loaded yet, so its room does not wait for its names.
    auto *split = runbook->widget() ? runbook->widget()->findChild<QSplitter *>() : nullptr;
    if (!split || split->orientation() != Qt::Horizontal || split->count() < 2)
        return;
    const int other =
        std::max(split->widget(1)->minimumSizeHint().width(), 30 * split->fontMetrics().averageCharWidth());
    // The splitter gets its new width with the dock's; these sizes are weights until then.
    const int inside = width - (runbook->width() - split->width()) - split->handleWidth();
    split->setSizes({std::max(inside - other, split->widget(0)->minimumSizeHint().width()), other});
}

void ConsoleLayout::arrangeFocus(QMainWindow &window)
{
    QDockWidget *runbook = dock(window, QStringLiteral("runbook"));
    for (QDockWidget *d : docks(window)) {
        if (d != runbook)
            d->hide();
    }
    if (!runbook)
        return;
    window.setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    window.setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    if (runbook->isFloating() || window.dockWidgetArea(runbook) != Qt::LeftDockWidgetArea) {
        runbook->setFloating(false);
        window.removeDockWidget(runbook);
        window.addDockWidget(Qt::LeftDockWidgetArea, runbook);
    }
    runbook->show();
    runbook->raise();
}

void ConsoleLayout::applyFocusSizes(QMainWindow &window)
{
    fitRunbook(window, 0.6);
}

void ConsoleLayout::showInFocus(QMainWindow &window, QDockWidget *d)
{
    if (!d || d->objectName() == QLatin1String("runbook") || d->isVisible()) {
        if (d) {
            d->show();
            d->raise();
        }
        return;
    }
    // One pane at a time beside the runbook: the one shown before goes back behind.
    QDockWidget *shown = nullptr;
    for (QDockWidget *other : docks(window)) {
        if (other != d && other->objectName() != QLatin1String("runbook") && other->isVisible())
            shown = other;
    }
    if (shown)
        shown->hide();
    d->setFloating(false);
    window.removeDockWidget(d);
    window.addDockWidget(Qt::BottomDockWidgetArea, d);
    d->show();
    d->raise();
    window.resizeDocks({d}, {int(window.height() * 0.42)}, Qt::Vertical);
}

} // namespace Sitrep::Ui
