#pragma once

#include "core/Severity.h"

#include <QMainWindow>
#include <QStringList>

class QDockWidget;
class QLabel;
class QMenu;

namespace Sitrep::Core {
class IncidentFile;
}

namespace Sitrep::Ui {

class IncidentHeader;
class NewIncidentDialog;
class TimelinePane;

// The commander's window: the incident header on top, dockable panes around the timeline,
// menus and shortcuts for every incident operation. Panes of other modules are added with addPane().
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Sitrep::Core::IncidentFile &file, QWidget *parent = nullptr);
    ~MainWindow() override;

    QDockWidget *addPane(const QString &id, const QString &title, QWidget *pane, Qt::DockWidgetArea area,
                         const QKeySequence &shortcut = {});
    IncidentHeader *header() const { return m_header; }
    TimelinePane *timeline() const { return m_timeline; }
    QMenu *viewMenu() const { return m_viewMenu; }
    QMenu *incidentMenu() const { return m_incidentMenu; }
    QMenu *fileMenu() const { return m_fileMenu; }

    // Opens an incident file and records it in the recent list; errors go to the status bar and a dialog.
    bool openIncident(const QString &path);
    // False when nothing was saved yet (first start): the caller picks a size.
    bool restoreLayout();
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

private:
    void buildMenus();
    void newIncident();
    void exportDialog();
    void openIncidentDialog();
    void setStatus(int status);
    void changeSeverity();
    void assignCommander();
    void setMilestoneNow(int milestone);
    void toggleTheme();
    void showShortcuts();
    void updateRecentMenu();
    void updateTitle();

    Sitrep::Core::IncidentFile &m_file;
    IncidentHeader *m_header;
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
};

} // namespace Sitrep::Ui
