// The demo as a user sees it on one screen size, end to end: the console and the wall on an offscreen screen
// of SITREP_LAYOUT_SCREEN (e.g. 1366x768) at SITREP_LAYOUT_SCALE (QT_SCALE_FACTOR, 2 for a 4K screen at 200
// %), with the simulated cluster and a real Prometheus. Checked with the widgets' own geometry: the window
// within the screen; no visible pane off-screen or narrower than its minimum; no column of a visible table
// narrower than its header; no label elided where its whole text would fit; the header two lines of title at
// most; the runbook's step names readable; the focus view; the wall's tiles drawn within their bounds, charts
// in the wall's colours with time labels that do not overlap. PNGs of the console and the wall go to the
// test's output folder (docs/ holds copies).
#include "ChartsPane.h"
#include "ElidedLabel.h"
#include "ElidedNameDelegate.h"
#include "IncidentHeader.h"
#include "LogModel.h"
#include "LogsPane.h"
#include "MainWindow.h"
#include "NameElider.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "RunbookStepModel.h"
#include "RunbookWizard.h"
#include "Theme.h"
#include "TimelinePane.h"
#include "WallChartStyle.h"
#include "WallList.h"
#include "WallTile.h"
#include "WallWindow.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/User.h"
#include "demo/DemoSession.h"
#include "kube/ClusterConnection.h"
#include "support/TestEnv.h"

#include <QAbstractAxis>
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace Sitrep;
using namespace Sitrep::Core;
using namespace Sitrep::Ui;

namespace {
QSize screenSize()
{
    const QStringList wh =
        qEnvironmentVariable("SITREP_LAYOUT_SCREEN", QStringLiteral("1366x768")).split(u'x');
    return {wh.value(0).toInt(), wh.value(1).toInt()};
}

double scaleFactor()
{
    return qEnvironmentVariable("SITREP_LAYOUT_SCALE", QStringLiteral("1")).toDouble();
}

QString sizeName()
{
    const QSize s = screenSize();
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

QRect globalRect(const QWidget *w)
{
    return {w->mapToGlobal(QPoint(0, 0)), w->size()};
}

// Calls f with every row's first index, depth first.
template<typename F> void forEachRow(const QAbstractItemModel &model, F f, const QModelIndex &parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        f(index);
        forEachRow(model, f, index);
    }
}

// Every step's name whole in the runbook's Step column: the column at least as wide as the widest name asks
// for (its indentation, check box and text, as the view measures them). On a laptop the runbook shares the
// window with the timeline, so there a name may lose its last few characters, never more than a fifth of it.
void checkStepNamesWhole(QTreeView &steps, const QString &when)
{
    steps.expandAll();
    QCoreApplication::processEvents();
    const int column = steps.header()->sectionSize(RunbookStepModel::TextColumn);
    int needed = 0;
    QString widest;
    QStyleOptionViewItem option;
    option.initFrom(steps.viewport());
    option.font = steps.font();
    option.fontMetrics = steps.fontMetrics();
    const int left = steps.header()->sectionViewportPosition(RunbookStepModel::TextColumn);
    forEachRow(*steps.model(), [&](const QModelIndex &index) {
        const QModelIndex name = index.siblingAtColumn(RunbookStepModel::TextColumn);
        const int width = steps.visualRect(name).x() - left +
                          steps.itemDelegateForIndex(name)->sizeHint(option, name).width();
        if (width > needed) {
            needed = width;
            widest = name.data().toString();
        }
    });
    const bool compact = QGuiApplication::primaryScreen()->size().width() < 1600;
    QVERIFY2(column >= (compact ? needed * 4 / 5 : needed),
             qPrintable(QStringLiteral("%1: the Step column is %2 px, \"%3\" needs %4 (the list %5 px)")
                            .arg(when)
                            .arg(column)
                            .arg(widest)
                            .arg(needed)
                            .arg(steps.width())));
}

// A chart tile on the wall: the plot takes most of the tile (no empty band under a legend), the legend shows
// every series without scrolling, and axis and legend text reads from five metres (14 px and up).
void checkWallChart(const WallTile &tile, const QChartView &view)
{
    const QWidget *body = tile.body();
    const QString what = QStringLiteral("%1: plot %2 px high in a body of %3 px")
                             .arg(tile.title())
                             .arg(view.chart()->plotArea().height())
                             .arg(body->height());
    QVERIFY2(view.chart()->plotArea().height() >= body->height() * 0.45, qPrintable(what));
    // Whatever sits under the plot (the legend) ends near the body's bottom: no band of nothing.
    int bottom = globalRect(&view).bottom();
    for (const QAbstractItemView *legend : body->findChildren<QAbstractItemView *>()) {
        if (!legend->isVisible())
            continue;
        bottom = std::max(bottom, globalRect(legend).bottom());
        QVERIFY2(legend->verticalScrollBar()->maximum() == 0,
                 qPrintable(tile.title() +
                            QStringLiteral(": the legend scrolls (%1 px high)").arg(legend->height())));
        QVERIFY2(legend->fontInfo().pixelSize() >= 14,
                 qPrintable(tile.title() +
                            QStringLiteral(": legend text %1 px").arg(legend->fontInfo().pixelSize())));
    }
    QVERIFY2(
        globalRect(body).bottom() - bottom <= body->height() / 10,
        qPrintable(what + QStringLiteral(", %1 px empty under it").arg(globalRect(body).bottom() - bottom)));
    for (const QAbstractAxis *axis : view.chart()->axes()) {
        QVERIFY2(
            QFontInfo(axis->labelsFont()).pixelSize() >= 14,
            qPrintable(tile.title() +
                       QStringLiteral(": axis labels %1 px").arg(QFontInfo(axis->labelsFont()).pixelSize())));
    }
}

// The charts pane as drawn: every control of its tool bars within the pane (none behind a » button or cut at
// its edge), and no one-line label (a chart's title beside its save button) cut short. What is cut, in words.
QStringList chartsPaneCuts(const QWidget &pane)
{
    QStringList cuts;
    const QRect inPane = globalRect(&pane);
    // Every control of the tool row is on screen inside the pane (none hidden behind a » button).
    const QWidget *row = pane.findChild<QWidget *>(QStringLiteral("chartsToolbar"));
    if (!row)
        cuts << QStringLiteral("no tool row");
    for (const QWidget *w : row ? row->findChildren<QWidget *>() : QList<QWidget *>()) {
        if (w->isHidden() || (!qobject_cast<const QComboBox *>(w) &&
                              !qobject_cast<const QAbstractButton *>(w) && !qobject_cast<const QLabel *>(w)))
            continue;
        if (!w->isVisible() || !inPane.contains(globalRect(w))) {
            const auto *label = qobject_cast<const QLabel *>(w);
            cuts << QStringLiteral("\"%1\" not within the pane")
                        .arg(label ? label->text() : w->accessibleName() + w->objectName());
        }
    }
    for (const QLabel *label : pane.findChildren<QLabel *>()) {
        // An ElidedLabel says "…" and shows the whole in its tooltip: shortened, not cut.
        if (!label->isVisible() || label->wordWrap() || label->text().contains(u'<') ||
            label->text().isEmpty() || qobject_cast<const ElidedLabel *>(label))
            continue;
        const int needed = label->fontMetrics().horizontalAdvance(label->text());
        if (needed > label->contentsRect().width())
            cuts << QStringLiteral("\"%1\" needs %2 px, has %3")
                        .arg(label->text())
                        .arg(needed)
                        .arg(label->contentsRect().width());
    }
    return cuts;
}

// The width a header section needs to show its text whole (what QHeaderView asks for, less the sort arrow).
int headerTextWidth(const QHeaderView *header, int section)
{
    const QString text = header->model()->headerData(section, header->orientation()).toString();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    return header->fontMetrics().horizontalAdvance(text) + 2 * margin;
}
} // namespace

class TstConsoleLayout final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void consoleFitsTheScreen();
    void focusViewGivesTheRunbookTheRoom();
    void layoutIsKeptPerScreenSize();
    void wallReadsFromFiveMetres();

private:
    void checkConsole(const QString &when);
    QTemporaryDir m_home;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<IncidentFile> m_file;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WallWindow> m_wall;
};

void TstConsoleLayout::initTestCase()
{
    QVERIFY(m_home.isValid());
    Test::isolateHome(m_home.path(), QStringLiteral("tst_consolelayout"));
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("prometheus")).isEmpty(),
             "prometheus is not on PATH: the demo's charts come from a real Prometheus (apt-get install "
             "prometheus, "
             "or packaging/install-deps.sh)");
    const QScreen *screen = QGuiApplication::primaryScreen();
    QVERIFY(screen);
    // The screen as the test asked for it: physical pixels over the scale factor.
    QCOMPARE(screen->size(), screenSize() / scaleFactor());
    Theme::apply(Theme::Kind::Dark); // what the program starts with

    m_clock = std::make_unique<SystemClock>();
    m_file = std::make_unique<IncidentFile>(*m_clock, currentUser());
    m_window = std::make_unique<MainWindow>(*m_file);
    m_workspace = std::make_unique<Workspace>(*m_file, *m_window);
    // As the program starts: no saved layout, so the default for this screen, maximized.
    QVERIFY(!m_window->restoreLayout());
    m_window->setGeometry(screen->availableGeometry());
    m_window->showMaximized();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_wall = std::make_unique<WallWindow>(*m_file);
    m_workspace->attachWall(*m_wall);
    m_wall->setGeometry(screen->geometry());
    m_wall->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wall.get()));

    QVERIFY(m_workspace->startDemo());
    QSignalSpy promReady(m_workspace->demo(), &Demo::DemoSession::prometheusReady);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_workspace->cluster() &&
            m_workspace->cluster()->census()->pods().byState.contains(QStringLiteral("CrashLoopBackOff")),
        30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->logs()->model()->rowCount() > 20, 30000);
    QVERIFY(promReady.wait(60000) || !promReady.isEmpty());
    QSignalSpy refreshed(m_workspace->charts(), &ChartsPane::refreshed);
    QVERIFY(refreshed.wait(30000));
    QVERIFY(m_workspace->charts()->panelCount() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_wall->tiles().size() > 4, 10000);
    QCoreApplication::processEvents();
}

void TstConsoleLayout::cleanupTestCase()
{
    m_wall.reset();
    m_workspace.reset();
    m_window.reset();
    m_file.reset();
}

void TstConsoleLayout::checkConsole(const QString &when)
{
    MainWindow &w = *m_window;
    const QRect screen = w.screen()->availableGeometry();
    if (w.minimumSizeHint().width() > screen.width() || w.minimumSizeHint().height() > screen.height()) {
        // Which panes ask for the room, to say so in the log.
        for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
            if (dock->isVisible())
                qInfo("%s: pane %s %dx%d, minimum %dx%d", qPrintable(when), qPrintable(dock->objectName()),
                      dock->width(), dock->height(), dock->minimumSizeHint().width(),
                      dock->minimumSizeHint().height());
        }
    }
    // Never larger than the screen, nor asking to be (a maximized window's frame is the window manager's).
    const QRect outer = w.isMaximized() ? w.geometry() : w.frameGeometry();
    QVERIFY2(screen.contains(outer), qPrintable(QStringLiteral("%1: window %2,%3 %4x%5 on a %6x%7 screen")
                                                    .arg(when)
                                                    .arg(outer.x())
                                                    .arg(outer.y())
                                                    .arg(outer.width())
                                                    .arg(outer.height())
                                                    .arg(screen.width())
                                                    .arg(screen.height())));
    QVERIFY2(w.minimumSizeHint().width() <= screen.width() && w.minimumSizeHint().height() <= screen.height(),
             qPrintable(QStringLiteral("%1: the window asks for at least %2x%3")
                            .arg(when)
                            .arg(w.minimumSizeHint().width())
                            .arg(w.minimumSizeHint().height())));

    // Every visible pane on the screen and at least as large as it says it must be.
    int panes = 0;
    for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        if (!dock->isVisible() || dock->visibleRegion().isEmpty())
            continue;
        ++panes;
        const QRect r = globalRect(dock);
        QVERIFY2(screen.contains(r),
                 qPrintable(when + QStringLiteral(": pane %1 is off-screen").arg(dock->objectName())));
        const QSize min = dock->widget()->minimumSizeHint().expandedTo(dock->widget()->minimumSize());
        QVERIFY2(dock->widget()->width() >= min.width() && dock->widget()->height() >= min.height(),
                 qPrintable(QStringLiteral("%1: pane %2 is %3x%4, its minimum %5x%6")
                                .arg(when, dock->objectName())
                                .arg(dock->widget()->width())
                                .arg(dock->widget()->height())
                                .arg(min.width())
                                .arg(min.height())));
    }
    QVERIFY2(panes >= 1, qPrintable(when));

    // No column of a visible table narrower than its header.
    for (QAbstractItemView *view : w.findChildren<QAbstractItemView *>()) {
        if (!view->isVisible() || view->visibleRegion().isEmpty())
            continue;
        QHeaderView *header = nullptr;
        if (auto *tree = qobject_cast<QTreeView *>(view))
            header = tree->isHeaderHidden() ? nullptr : tree->header();
        else if (auto *table = qobject_cast<QTableView *>(view))
            header = table->horizontalHeader()->isVisible() ? table->horizontalHeader() : nullptr;
        if (!header || !header->model())
            continue;
        for (int s = 0; s < header->count(); ++s) {
            if (header->isSectionHidden(s))
                continue;
            const QString name = header->model()->headerData(s, Qt::Horizontal).toString();
            QVERIFY2(
                header->sectionSize(s) >= headerTextWidth(header, s),
                qPrintable(QStringLiteral("%1: column \"%2\" of %3 (in %4) is %5 px, its header needs %6")
                               .arg(when, name, view->objectName(),
                                    view->parentWidget() ? view->parentWidget()->objectName() : QString())
                               .arg(header->sectionSize(s))
                               .arg(headerTextWidth(header, s))));
        }
    }

    // No label elided where its whole text would fit.
    for (ElidedLabel *label : w.findChildren<ElidedLabel *>()) {
        if (!label->isVisible() || !label->isElided())
            continue;
        const int width = label->contentsRect().width();
        QVERIFY2(
            label->linesNeeded(width) > label->maxLines(),
            qPrintable(when + QStringLiteral(": \"%1\" is elided in %2 px").arg(label->text()).arg(width)));
    }

    // The header: two lines of title at most, whole on hover, never taller.
    IncidentHeader *header = w.header();
    QCOMPARE(header->height(), header->fixedHeight());
    auto *title = header->findChild<ElidedLabel *>(QStringLiteral("incidentTitle"));
    QVERIFY(title->shownLines().size() <= 2);
    if (title->isElided())
        QCOMPARE(title->toolTip(), title->text());
    QVERIFY(screen.contains(globalRect(header)));
}

void TstConsoleLayout::consoleFitsTheScreen()
{
    const QString shot =
        Test::outputDir(QStringLiteral("layout")) + QStringLiteral("/console-%1.png").arg(sizeName());
    QVERIFY(m_window->grab().save(shot));
    checkConsole(QStringLiteral("default layout"));
    // The runbook shows each step's name: its Step column takes what the state and risk leave, and that is
    // room for a name, not a few pixels.
    RunbookWizard *wizard = m_workspace->runbook();
    QVERIFY(wizard->isVisible());
    checkStepNamesWhole(*wizard->view(), QStringLiteral("default layout"));
    ChartsPane *charts = m_workspace->charts();
    if (charts->isVisible() && !charts->visibleRegion().isEmpty()) {
        const QStringList cuts = chartsPaneCuts(*charts);
        QVERIFY2(cuts.isEmpty(), qPrintable(QStringLiteral("charts: ") + cuts.join(QStringLiteral("; "))));
    }
    // The pods pane shows name, readiness, status and restarts without scrolling sideways.
    QTreeView *pods = m_workspace->pods()->view();
    QVERIFY(pods->isVisible());
    for (int column : {PodsModel::Name, PodsModel::Ready, PodsModel::Status, PodsModel::Restarts}) {
        const int right =
            pods->header()->sectionViewportPosition(column) + pods->header()->sectionSize(column);
        QVERIFY2(pods->isColumnHidden(column) || right <= pods->viewport()->width(),
                 qPrintable(QStringLiteral("pods: column %1 ends at %2 px, the view is %3 px wide")
                                .arg(pods->model()->headerData(column, Qt::Horizontal).toString())
                                .arg(right)
                                .arg(pods->viewport()->width())));
    }
    // Pod names in the pods pane, however narrow their column, keep the part that tells them apart.
    auto *names = qobject_cast<ElidedNameDelegate *>(pods->itemDelegateForColumn(PodsModel::Name));
    QVERIFY(names);
    for (int row = 0; row < pods->model()->rowCount(); ++row) {
        const QModelIndex index = pods->model()->index(row, PodsModel::Name);
        const QString name = index.data().toString();
        QStyleOptionViewItem option;
        option.initFrom(pods->viewport());
        option.fontMetrics = pods->fontMetrics();
        option.text = name;
        option.rect = pods->visualRect(index);
        option.rect.setWidth(pods->fontMetrics().horizontalAdvance(QStringLiteral("api-gateway-487m9")));
        option.features |= QStyleOptionViewItem::HasDisplay;
        const QString shown = ElidedNameDelegate::shownText(option, name);
        QVERIFY2(
            shown.endsWith(name.mid(NameElider::lastSegmentStart(name))),
            qPrintable(
                QStringLiteral("%1 shown as \"%2\" in %3 px").arg(name, shown).arg(option.rect.width())));
    }
}

void TstConsoleLayout::focusViewGivesTheRunbookTheRoom()
{
    MainWindow &w = *m_window;
    auto *runbook = w.findChild<QDockWidget *>(QStringLiteral("runbook"));
    auto *pods = w.findChild<QDockWidget *>(QStringLiteral("pods"));
    QVERIFY(runbook && pods);
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key_F9);
    QVERIFY(w.isFocusView());
    // The runbook with its output and the timeline share the window; nothing else is shown.
    QTRY_VERIFY(runbook->width() >= w.width() / 2);
    QVERIFY(w.timeline()->isVisible());
    QVERIFY(w.timeline()->width() >= w.width() / 4);
    for (QDockWidget *dock : w.findChildren<QDockWidget *>())
        QVERIFY2(dock == runbook || !dock->isVisible(), qPrintable(dock->objectName()));
    checkConsole(QStringLiteral("focus view"));
    checkStepNamesWhole(*m_workspace->runbook()->view(), QStringLiteral("focus view"));
    QVERIFY(w.grab().save(Test::outputDir(QStringLiteral("layout")) +
                          QStringLiteral("/console-focus-%1.png").arg(sizeName())));
    // Any other pane is one key away, beside the runbook.
    QTest::keyClick(&w, Qt::Key_1, Qt::AltModifier);
    QTRY_VERIFY(pods->isVisible());
    QVERIFY(runbook->isVisible());
    checkConsole(QStringLiteral("focus view with the pods"));
    // F9 again: the layout from before.
    QTest::keyClick(&w, Qt::Key_F9);
    QVERIFY(!w.isFocusView());
    QTRY_VERIFY(w.findChild<QDockWidget *>(QStringLiteral("logs"))->isVisible() ||
                w.sizeClass() == ConsoleLayout::SizeClass::Compact);
    checkConsole(QStringLiteral("after the focus view"));
}

void TstConsoleLayout::layoutIsKeptPerScreenSize()
{
    MainWindow &w = *m_window;
    auto *runbook = w.findChild<QDockWidget *>(QStringLiteral("runbook"));
    // The user makes the runbook narrower; closing keeps it for this screen size only.
    const int narrower = std::max(runbook->widget()->minimumSizeHint().width(), runbook->width() - 60);
    w.resizeDocks({runbook}, {narrower}, Qt::Horizontal);
    QTRY_COMPARE(runbook->width(), narrower);
    QCoreApplication::processEvents();
    QCOMPARE(runbook->width(), narrower);
    w.close();
    QSettings settings;
    const QString group = ConsoleLayout::settingsGroup(w.screen()->size());
    QVERIFY(settings.contains(group + QStringLiteral("/state")));
    QVERIFY(settings.childGroups().contains(QStringLiteral("layout")));
    // Opened again on the same screen (as the program starts: layout first, then show): the user's layout,
    // not the default.
    QVERIFY(w.restoreLayout());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_COMPARE(runbook->width(), narrower);
    checkConsole(QStringLiteral("restored layout"));
}

void TstConsoleLayout::wallReadsFromFiveMetres()
{
    WallWindow &wall = *m_wall;
    const QRect screen = wall.screen()->geometry();
    QTRY_COMPARE(wall.size(), screen.size());
    wall.refresh();
    QCoreApplication::processEvents();
    const auto tiles = wall.tiles();
    QVERIFY(tiles.size() >= 5);
    for (WallTile *tile : tiles) {
        QVERIFY2(screen.contains(globalRect(tile)), qPrintable(tile->title()));
        // Titles elided only when they do not fit.
        ElidedLabel *title = tile->titleLabel();
        QVERIFY2(!title->isElided() || title->linesNeeded(title->contentsRect().width()) > 1,
                 qPrintable(tile->title()));
        if (tile->body()) {
            // Charts in the wall's colours (no light frame), their time labels side by side without overlap.
            const QImage image = tile->body()->grab().toImage();
            QVERIFY(!image.isNull());
            for (const QPoint &p : {QPoint(1, 1), QPoint(image.width() - 2, 1), QPoint(1, image.height() - 2),
                                    QPoint(image.width() - 2, image.height() - 2)}) {
                const QColor c = image.pixelColor(p);
                QVERIFY2(c.lightness() < 60, qPrintable(tile->title() + QStringLiteral(": ") + c.name()));
            }
            for (QChartView *view : tile->body()->findChildren<QChartView *>()) {
                QVERIFY2(WallChartStyle::timeLabelsFit(view->chart()), qPrintable(tile->title()));
                checkWallChart(*tile, *view);
            }
            continue;
        }
        WallList *list = tile->list();
        QVERIFY2(list->drawnWidth() <= list->width(), qPrintable(tile->title()));
        QVERIFY2(list->drawnHeight() <= list->height(), qPrintable(tile->title()));
    }
    // The demo's failing pods are named on the wall, with the part that tells them apart.
    const QStringList podLines = tiles[0]->list()->shownLines();
    QVERIFY2(std::any_of(podLines.cbegin(), podLines.cend(),
                         [](const QString &l) { return l.contains(QLatin1String("api-gateway-")); }),
             qPrintable(podLines.join(u'\n')));
    QVERIFY(wall.grab().save(Test::outputDir(QStringLiteral("layout")) +
                             QStringLiteral("/wall-%1.png").arg(sizeName())));
}

int main(int argc, char **argv)
{
    // The screen this run stands for, before the application exists: the offscreen platform reads a config.
    const QSize size = screenSize();
    const double scale = scaleFactor();
    const QString config = QDir::temp().filePath(
        QStringLiteral("sitrep-layout-screen-%1.json").arg(QCoreApplication::applicationPid()));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly)) {
        qCritical("cannot write %s", qPrintable(config));
        return 1;
    }
    f.write(QStringLiteral("{\"screens\":[{\"name\":\"screen\",\"x\":0,\"y\":0,\"width\":%1,\"height\":%2,"
                           "\"logicalDpi\":96,\"logicalBaseDpi\":96,\"dpr\":1}]}")
                .arg(size.width())
                .arg(size.height())
                .toUtf8());
    f.close();
    qputenv("QT_QPA_PLATFORM", (QStringLiteral("offscreen:configfile=") + config).toUtf8());
    if (scale != 1)
        qputenv("QT_SCALE_FACTOR", QByteArray::number(scale));
    QApplication app(argc, argv);
    TstConsoleLayout test;
    const int rc = QTest::qExec(&test, argc, argv);
    QFile::remove(config);
    return rc;
}

#include "tst_consolelayout.moc"
