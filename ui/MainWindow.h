#pragma once

#include "ConsoleLayout.h"
#include "core/Severity.h"

#include <QMainWindow>
#include <QStringList>

class QDockWidget;
class QLabel;
class QMenu;
class QScreen;
class QToolBar;

namespace Sitrep::Core {
class IncidentFile;
}

namespace Sitrep::Ui {

class IncidentHeader;
class NewIncidentDialog;
class JournalBanner;
class TimelinePane;

// The commander's window: the incident header on top, dockable panes around the timeline,
// menus and shortcuts for every incident operation. Panes of other modules are added with addPane();
// ConsoleLayout arranges them for the screen's size, and the user's own arrangement is kept per screen size.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Sitrep::Core::IncidentFile &file, QWidget *parent = nullptr);
    ~MainWindow() override;

    QDockWidget *addPane(const QString &id, const QString &title, QWidget *pane, Qt::DockWidgetArea area,
                         const QKeySequence &shortcut = {});
    IncidentHeader *header() const { return m_header; }
    JournalBanner *journalBanner() const { return m_journalBanner; }
    TimelinePane *timeline() const { return m_timeline; }
    QMenu *viewMenu() const { return m_viewMenu; }
    QMenu *incidentMenu() const { return m_incidentMenu; }
    QMenu *fileMenu() const { return m_fileMenu; }

    // Opens an incident file and records it in the recent list; errors go to the status bar and a dialog.
    bool openIncident(const QString &path);
    // Arranges the panes for the screen the window is on: the user's own layout for a screen of this size
    // when one was saved, else the default of its size class; the window is kept within the screen.
    // False when nothing was saved for this screen size (the default was applied).
    bool restoreLayout();
    // The default arrangement for the current screen's size class (View > Reset layout).
    void applyDefaultLayout();
    ConsoleLayout::SizeClass sizeClass() const { return m_sizeClass; }
    // The focus view (F9): runbook with its output and the timeline large, every other pane one shortcut
    // away.
    void setFocusView(bool on);
    bool isFocusView() const { return m_focus; }
    // Shows a pane and gives it the keyboard (what Alt+1 .. and the View menu do).
    void bringForward(QDockWidget *dock);
    void showMessage(const QString &text, bool error = false);
    QString lastMessage() const { return m_lastMessage; }
    static QString defaultIncidentDir();
    // Writes the open incident's postmortem (redacted); the format follows the file's extension
    // (.md, .html, .pdf, .json, .csv). File > Export postmortem asks where.
    bool exportIncident(const QString &path);
    // The severity levels a new incident offers (a runbook's table when one is open).
    void setSeverityScheme(const Sitrep::Core::SeverityScheme &scheme) { m_severities = scheme; }
    const Sitrep::Core::SeverityScheme &severityScheme() const { return m_severities; }

signals:
    void wallRequested();
    // File > Declare incident: the dialog is about to open (others add their sections, e.g. the clusters),
    // and the incident it describes was created.
    void declaring(Sitrep::Ui::NewIncidentDialog *dialog);
    void declared(Sitrep::Ui::NewIncidentDialog *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildMenus();
    void newIncident();
    void exportDialog();
    void recoverDialog();
    void openIncidentDialog();
    void setStatus(int status);
    void changeSeverity();
    void assignCommander();
    void setMilestoneNow(int milestone);
    void toggleTheme();
    void showShortcuts();
    void updateRecentMenu();
    void updateTitle();
    void saveLayout(const QSize &screenSize);
    void fitToScreen();
    void applyPendingSizes();
    void followScreen(QScreen *screen);
    QSize screenSize() const;

    Sitrep::Core::IncidentFile &m_file;
    IncidentHeader *m_header;
    JournalBanner *m_journalBanner = nullptr;
    QToolBar *m_headerBar;
    TimelinePane *m_timeline;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_incidentMenu = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QLabel *m_statusLabel;
    QString m_lastMessage;
    QString m_theme;
    Sitrep::Core::SeverityScheme m_severities = Sitrep::Core::SeverityScheme::defaults();
    ConsoleLayout::SizeClass m_sizeClass = ConsoleLayout::SizeClass::Standard;
    enum class PendingSizes { None, Default, Focus };
    PendingSizes m_pendingSizes = PendingSizes::None;
    bool m_focus = false;
    QByteArray m_beforeFocus; // the layout to go back to when the focus view ends
    QAction *m_focusAction = nullptr;
    QSize m_layoutScreen; // the screen size the current layout belongs to
    QMetaObject::Connection m_screenConnection;
};

} // namespace Sitrep::Ui
