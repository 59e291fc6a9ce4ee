#include "MainWindow.h"

#include "HeaderFit.h"
#include "IncidentHeader.h"
#include "JournalBanner.h"
#include "NewIncidentDialog.h"
#include "Theme.h"
#include "TimelineModel.h"
#include "TimelinePane.h"
#include "core/IncidentFile.h"
#include "core/IncidentPaths.h"
#include "export/Exporter.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <QWindow>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

MainWindow::MainWindow(IncidentFile &file, QWidget *parent)
    : QMainWindow(parent)
    , m_file(file)
    , m_header(new IncidentHeader(file, this))
    , m_headerBar(new QToolBar(tr("Incident"), this))
    , m_timeline(new TimelinePane(file, this))
    , m_statusLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setDockNestingEnabled(true);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_journalBanner = new JournalBanner(file, central);
    connect(m_journalBanner, &JournalBanner::recoverRequested, this, &MainWindow::recoverDialog);
    layout->addWidget(m_journalBanner);
    layout->addWidget(m_timeline, 1);
    setCentralWidget(central);
    for (QHeaderView *header : m_timeline->findChildren<QHeaderView *>()) {
        if (header->orientation() == Qt::Horizontal)
            HeaderFit::keep(header);
    }
    // The header spans the whole width above the panes (a fixed tool bar row, not a pane): the title gets
    // the room, and no dock arrangement can squeeze it.
    m_headerBar->setObjectName(QStringLiteral("incidentHeaderBar"));
    m_headerBar->setMovable(false);
    m_headerBar->setFloatable(false);
    m_headerBar->setContextMenuPolicy(Qt::PreventContextMenu);
    m_headerBar->toggleViewAction()->setVisible(false);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_headerBar->addWidget(m_header);
    addToolBar(Qt::TopToolBarArea, m_headerBar);
    statusBar()->addPermanentWidget(m_statusLabel);
    m_theme = QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("dark")).toString();
    buildMenus();
    connect(&m_file, &IncidentFile::incidentOpened, this, &MainWindow::updateTitle);
    connect(&m_file, &IncidentFile::incidentClosed, this, &MainWindow::updateTitle);
    updateTitle();
    const QScreen *s = screen();
    resize(QSize(1400, 860).boundedTo(s ? s->availableGeometry().size() : QSize(1400, 860)));
}

MainWindow::~MainWindow() = default;

QString MainWindow::defaultIncidentDir()
{
    return IncidentPaths::incidentDir();
}

void MainWindow::buildMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu = fileMenu;
    fileMenu->addAction(tr("&Declare incident\u2026"), QKeySequence::New, this, &MainWindow::newIncident);
    fileMenu->addAction(tr("&Open incident\u2026"), QKeySequence::Open, this,
                        &MainWindow::openIncidentDialog);
    m_recentMenu = fileMenu->addMenu(tr("Open &recent"));
    updateRecentMenu();
    fileMenu->addAction(tr("&Export postmortem\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), this,
                        &MainWindow::exportDialog);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    m_incidentMenu = menuBar()->addMenu(tr("&Incident"));
    const QStringList statuses = {tr("&Investigating"), tr("I&dentified"), tr("&Monitoring"),
                                  tr("&Resolved")};
    for (int i = 0; i < statuses.size(); ++i) {
        m_incidentMenu->addAction(statuses[i], QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this,
                                  [this, i] { setStatus(i); });
    }
    m_incidentMenu->addSeparator();
    m_incidentMenu->addAction(tr("Change &severity\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                              this, &MainWindow::changeSeverity);
    m_incidentMenu->addAction(tr("Assign &commander\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                              this, &MainWindow::assignCommander);
    QMenu *milestones = m_incidentMenu->addMenu(tr("Mark &milestone now"));
    for (int m = 0; m < kMilestoneCount; ++m)
        milestones->addAction(milestoneTitle(static_cast<Milestone>(m)), this,
                              [this, m] { setMilestoneNow(m); });
    m_incidentMenu->addSeparator();
    m_incidentMenu->addAction(m_timeline->addNoteAction());
    m_incidentMenu->addAction(m_timeline->pinAction());
    m_incidentMenu->addAction(m_timeline->filterAction());

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Toggle &dark/light theme"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                          this, &MainWindow::toggleTheme);
    m_viewMenu->addAction(tr("&Wall display"), QKeySequence(Qt::Key_F11), this, &MainWindow::wallRequested);
    m_focusAction = m_viewMenu->addAction(tr("&Focus on the runbook"));
    m_focusAction->setCheckable(true);
    m_focusAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_focusAction->setToolTip(
        tr("Runbook, its output and the timeline large; other panes one shortcut away"));
    connect(m_focusAction, &QAction::toggled, this, &MainWindow::setFocusView);
    m_viewMenu->addAction(tr("&Reset layout"), this, &MainWindow::applyDefaultLayout);
    QAction *utc = m_viewMenu->addAction(tr("Times in &UTC"));
    utc->setCheckable(true);
    utc->setChecked(true);
    connect(utc, &QAction::toggled, m_timeline->model(), &TimelineModel::setUtc);
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), this, &MainWindow::showShortcuts);
    help->addAction(tr("&About Sitrep"), this, [this] {
        QMessageBox::about(
            this, tr("About Sitrep"),
            tr("Sitrep %1 \u2014 incident command console").arg(QStringLiteral(SITREP_VERSION)));
    });
}

QDockWidget *MainWindow::addPane(const QString &id, const QString &title, QWidget *pane,
                                 Qt::DockWidgetArea area, const QKeySequence &shortcut)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(id); // saveState() keys docks by object name
    dock->setWidget(pane);
    addDockWidget(area, dock);
    // Every column of the pane's tables at least as wide as its header.
    for (QHeaderView *header : pane->findChildren<QHeaderView *>()) {
        if (header->orientation() == Qt::Horizontal)
            HeaderFit::keep(header);
    }
    QAction *toggle = dock->toggleViewAction();
    m_viewMenu->addAction(toggle);
    if (!shortcut.isEmpty()) {
        // The shortcut brings the pane forward (also out from behind a tab) and gives it the keyboard.
        auto *go = new QAction(tr("Go to %1").arg(title), this);
        go->setShortcut(shortcut);
        connect(go, &QAction::triggered, dock, [this, dock] { bringForward(dock); });
        if (!m_goMenu)
            m_goMenu = m_viewMenu->addMenu(tr("&Go to pane"));
        m_goMenu->addAction(go);
    }
    return dock;
}

QSize MainWindow::screenSize() const
{
    const QScreen *s = screen();
    return s ? s->size() : QSize(1920, 1080);
}

bool MainWindow::restoreLayout()
{
    const QSize screen = screenSize();
    QSettings s;
    s.beginGroup(ConsoleLayout::settingsGroup(screen));
    const QByteArray geometry = s.value(QStringLiteral("geometry")).toByteArray();
    const QByteArray state = s.value(QStringLiteral("state")).toByteArray();
    const bool focus = s.value(QStringLiteral("focus")).toBool();
    s.endGroup();
    setFocusView(false);
    m_layoutScreen = screen;
    m_sizeClass = ConsoleLayout::classify(screen);
    const bool restored = !state.isEmpty() && restoreState(state);
    if (restored) {
        if (!geometry.isEmpty())
            restoreGeometry(geometry);
    } else {
        applyDefaultLayout();
    }
    fitToScreen();
    if (restored && focus)
        setFocusView(true);
    return restored;
}

void MainWindow::applyDefaultLayout()
{
    setFocusView(false);
    m_layoutScreen = screenSize();
    m_sizeClass = ConsoleLayout::classify(m_layoutScreen);
    ConsoleLayout::arrange(*this, m_sizeClass);
    // The header row sits under every other tool bar (the environment banner), on its own line.
    removeToolBar(m_headerBar);
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_headerBar);
    m_headerBar->show();
    m_pendingSizes = PendingSizes::Default;
    if (isVisible())
        QTimer::singleShot(0, this, &MainWindow::applyPendingSizes);
}

void MainWindow::applyPendingSizes()
{
    // Dock sizes are shares of the window, so they wait until the window has its size on the screen.
    if (!isVisible())
        return;
    const PendingSizes pending = std::exchange(m_pendingSizes, PendingSizes::None);
    if (pending == PendingSizes::Default)
        ConsoleLayout::applySizes(*this, m_sizeClass);
    else if (pending == PendingSizes::Focus)
        ConsoleLayout::applyFocusSizes(*this);
}

void MainWindow::fitToScreen()
{
    // Never larger than the screen, never partly off it (a layout saved on a bigger screen of the same size
    // class, or a window that moved).
    const QScreen *s = screen();
    if (!s || isMaximized() || isFullScreen())
        return;
    const QRect available = s->availableGeometry();
    QRect r = geometry();
    r.setSize(r.size().boundedTo(available.size()));
    if (r.right() > available.right())
        r.moveRight(available.right());
    if (r.bottom() > available.bottom())
        r.moveBottom(available.bottom());
    if (r.left() < available.left())
        r.moveLeft(available.left());
    if (r.top() < available.top())
        r.moveTop(available.top());
    if (r != geometry())
        setGeometry(r);
}

void MainWindow::setFocusView(bool on)
{
    if (on == m_focus)
        return;
    m_focus = on;
    if (on) {
        m_beforeFocus = saveState();
        ConsoleLayout::arrangeFocus(*this);
        m_pendingSizes = PendingSizes::Focus;
        if (isVisible())
            QTimer::singleShot(0, this, &MainWindow::applyPendingSizes);
        if (auto *runbook = findChild<QDockWidget *>(QStringLiteral("runbook")); runbook && runbook->widget())
            runbook->widget()->setFocus(Qt::ShortcutFocusReason);
        showMessage(tr("Focus view: runbook and timeline. Alt+1..7 bring a pane beside them; F9 goes back."));
    } else {
        // Focus sizes not applied yet (F9 twice in a row) must not land on the restored layout.
        if (m_pendingSizes == PendingSizes::Focus)
            m_pendingSizes = PendingSizes::None;
        restoreState(std::exchange(m_beforeFocus, {}));
    }
    if (m_focusAction && m_focusAction->isChecked() != on) {
        const QSignalBlocker block(m_focusAction);
        m_focusAction->setChecked(on);
    }
}

void MainWindow::bringForward(QDockWidget *dock)
{
    if (!dock)
        return;
    if (m_focus) {
        ConsoleLayout::showInFocus(*this, dock);
    } else {
        dock->show();
        dock->raise();
    }
    if (dock->widget())
        dock->widget()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::saveLayout(const QSize &screenSize)
{
    QSettings s;
    s.beginGroup(ConsoleLayout::settingsGroup(screenSize));
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("state"), m_focus ? m_beforeFocus : saveState());
    s.setValue(QStringLiteral("focus"), m_focus);
    s.endGroup();
}

void MainWindow::followScreen(QScreen *screen)
{
    // Moved to a screen of another size: keep the layout made for the old one, and use this one's own.
    if (!screen || screen->size() == m_layoutScreen)
        return;
    if (m_layoutScreen.isValid())
        saveLayout(m_layoutScreen);
    QSettings s;
    const QByteArray state =
        s.value(ConsoleLayout::settingsGroup(screen->size()) + QStringLiteral("/state")).toByteArray();
    setFocusView(false);
    m_layoutScreen = screen->size();
    m_sizeClass = ConsoleLayout::classify(m_layoutScreen);
    if (state.isEmpty() || !restoreState(state))
        applyDefaultLayout();
    fitToScreen();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_screenConnection && windowHandle())
        m_screenConnection =
            connect(windowHandle(), &QWindow::screenChanged, this, &MainWindow::followScreen);
    if (m_pendingSizes != PendingSizes::None)
        QTimer::singleShot(0, this, &MainWindow::applyPendingSizes);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_pendingSizes != PendingSizes::None && isVisible())
        QTimer::singleShot(0, this, &MainWindow::applyPendingSizes);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout(m_layoutScreen.isValid() ? m_layoutScreen : screenSize());
    event->accept();
}

void MainWindow::showMessage(const QString &text, bool error)
{
    m_lastMessage = text;
    statusBar()->showMessage(text, error ? 0 : 8000);
    if (error)
        qWarning("%s", qPrintable(text));
}

void MainWindow::updateTitle()
{
    if (m_file.isOpen() && m_file.session()->incident().isDeclared()) {
        const Incident &i = m_file.session()->incident();
        setWindowTitle(tr("%1 %2 \u2014 Sitrep").arg(i.severity(), i.title()));
        m_statusLabel->setText(m_file.path());
    } else {
        setWindowTitle(tr("Sitrep"));
        m_statusLabel->setText(tr("no incident"));
    }
}

bool MainWindow::openIncident(const QString &path)
{
    if (auto r = m_file.open(path); !r) {
        showMessage(tr("Could not open %1").arg(r.error().text()), true);
        return false;
    }
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    s.setValue(QStringLiteral("recent"), recent.mid(0, 10));
    updateRecentMenu();
    if (m_file.journal()->isReadOnly())
        showMessage(tr("Opened %1 %2").arg(path, m_file.journal()->readOnlyReason()), false);
    else
        showMessage(tr("Opened %1").arg(path));
    return true;
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openIncident(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::newIncident()
{
    NewIncidentDialog dialog(defaultIncidentDir(), m_file.author(), m_severities, this);
    emit declaring(&dialog);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto r = m_file.create(dialog.filePath(), dialog.declaration()); !r) {
        showMessage(tr("Incident not declared: %1").arg(r.error().text()), true);
        QMessageBox::warning(this, tr("Incident not declared"), r.error().text());
        return;
    }
    emit declared(&dialog);
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recent")).toStringList();
    recent.prepend(dialog.filePath());
    s.setValue(QStringLiteral("recent"), recent.mid(0, 10));
    updateRecentMenu();
}

void MainWindow::exportDialog()
{
    if (!m_file.isOpen())
        return showMessage(tr("No incident is open."), true);
    const QString suggested = QFileInfo(m_file.path()).completeBaseName() + QStringLiteral("-postmortem.md");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export postmortem"), QDir(defaultIncidentDir()).filePath(suggested),
        tr("Markdown (*.md);;HTML (*.html);;PDF (*.pdf);;JSON (*.json);;CSV (*.csv)"));
    if (!path.isEmpty())
        exportIncident(path);
}

void MainWindow::recoverDialog()
{
    if (!m_file.isOpen())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Recover into a new incident file"),
                                                      JournalBanner::suggestedRecoveryPath(m_file.path()),
                                                      tr("Sitrep incidents (*.sitrep)"));
    if (path.isEmpty())
        return;
    const auto report = m_journalBanner->recoverTo(path);
    showMessage(report ? tr("Recovered: %1").arg(report->sentence())
                       : tr("Not recovered: %1").arg(report.error().text()),
                !report);
}

bool MainWindow::exportIncident(const QString &path)
{
    if (!m_file.isOpen()) {
        showMessage(tr("No incident is open."), true);
        return false;
    }
    const auto format = Export::Exporter::parseFormat(QFileInfo(path).suffix());
    if (!format) {
        showMessage(tr("Not exported: %1 (use .md, .html, .pdf, .json or .csv)").arg(format.error().text()),
                    true);
        return false;
    }
    // A postmortem must not be silently short: a damaged file is recovered first, a big one's check finished.
    if (const QString blocker = m_file.journal()->exportBlocker(); !blocker.isEmpty()) {
        showMessage(tr("Not exported: %1").arg(blocker), true);
        return false;
    }
    const Export::ExportOptions options;
    if (const auto r = Export::Exporter::write(m_file.journal()->events(), *format, options, path,
                                               m_file.journal()->redactor());
        !r) {
        showMessage(tr("Not exported: %1").arg(r.error().text()), true);
        return false;
    }
    showMessage(tr("Postmortem written to %1").arg(path));
    return true;
}

void MainWindow::openIncidentDialog()
{
    // Incidents an earlier version kept one folder deeper are one click away in the side bar.
    QFileDialog dialog(this, tr("Open incident"), defaultIncidentDir(),
                       tr("Sitrep incidents (*.sitrep);;All files (*)"));
    dialog.setFileMode(QFileDialog::ExistingFile);
    if (const QString legacy = IncidentPaths::legacyIncidentDir(); !legacy.isEmpty())
        dialog.setSidebarUrls(dialog.sidebarUrls()
                              << QUrl::fromLocalFile(defaultIncidentDir()) << QUrl::fromLocalFile(legacy));
    const QString path = dialog.exec() == QDialog::Accepted ? dialog.selectedFiles().value(0) : QString();
    if (!path.isEmpty() && !openIncident(path))
        QMessageBox::warning(this, tr("Could not open incident"), m_lastMessage);
}

void MainWindow::setStatus(int status)
{
    if (!m_file.isOpen())
        return showMessage(tr("No incident is open."), true);
    if (auto r = m_file.session()->setStatus(static_cast<Status>(status)); !r)
        return showMessage(tr("Status not changed: %1").arg(r.error().text()), true);
    showMessage(tr("Status is now %1").arg(statusTitle(static_cast<Status>(status))));
}

void MainWindow::changeSeverity()
{
    if (!m_file.isOpen())
        return showMessage(tr("No incident is open."), true);
    const Incident &inc = m_file.session()->incident();
    QStringList names;
    for (const auto &l : inc.severities().levels())
        names << l.name;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Severity"), tr("New severity:"), names,
                                                 int(names.indexOf(inc.severity())), false, &ok);
    if (!ok)
        return;
    if (auto r = m_file.session()->setSeverity(chosen); !r)
        showMessage(tr("Severity not changed: %1").arg(r.error().text()), true);
}

void MainWindow::assignCommander()
{
    if (!m_file.isOpen())
        return showMessage(tr("No incident is open."), true);
    bool ok = false;
    const QString who =
        QInputDialog::getText(this, tr("Incident commander"), tr("Who leads this incident?"),
                              QLineEdit::Normal, m_file.session()->incident().commander(), &ok);
    if (ok) {
        if (auto r = m_file.session()->assignRole(Role::Commander, who); !r)
            showMessage(tr("Commander not assigned: %1").arg(r.error().text()), true);
    }
}

void MainWindow::setMilestoneNow(int milestone)
{
    if (!m_file.isOpen())
        return showMessage(tr("No incident is open."), true);
    const auto m = static_cast<Milestone>(milestone);
    if (auto r = m_file.session()->setMilestone(m, m_file.clock().now()); !r)
        return showMessage(tr("Milestone not set: %1").arg(r.error().text()), true);
    showMessage(tr("%1 marked").arg(milestoneTitle(m)));
}

void MainWindow::toggleTheme()
{
    m_theme = m_theme == QLatin1String("dark") ? QStringLiteral("light") : QStringLiteral("dark");
    QSettings().setValue(QStringLiteral("ui/theme"), m_theme);
    Theme::apply(Theme::fromName(m_theme));
}

void MainWindow::showShortcuts()
{
    QString text = QStringLiteral("<table>");
    const auto menus = menuBar()->findChildren<QMenu *>();
    for (QMenu *menu : menus) {
        for (QAction *a : menu->actions()) {
            if (!a->shortcut().isEmpty()) {
                text += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                            .arg(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                                 a->text().remove(QLatin1Char('&')).toHtmlEscaped());
            }
        }
    }
    text += QStringLiteral("</table>");
    QMessageBox::information(this, tr("Keyboard shortcuts"), text);
}

} // namespace Sitrep::Ui
