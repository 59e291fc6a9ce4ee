#pragma once

#include "team/ServerStore.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Sitrep::Ui {

class TeamIncidentsModel;

// File > Join team incident: lists the open incidents on a team server (title, severity, status,
// commander, age, responders) and asks for the file the local replica goes to. The listing and the
// joining are done by whoever listens to the signals; the dialog shows their outcome.
class JoinDialog final : public QDialog
{
    Q_OBJECT
public:
    JoinDialog(const QString &server, const QString &incidentDir, QWidget *parent = nullptr);

    QString server() const;
    QString password() const;
    QString filePath() const;
    QString selectedTeamId() const;
    QString message() const;
    TeamIncidentsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *listButton() const { return m_list; }
    QPushButton *joinButton() const { return m_join; }

    void setBusy(bool busy, const QString &what = {});
    void setIncidents(const QList<Sitrep::Team::TeamIncident> &incidents);
    void showError(const QString &sentence);

signals:
    void listRequested(const QString &server, const QString &password);
    void joinRequested(const QString &teamId, const QString &server, const QString &password,
                       const QString &file);

private:
    void selectionChanged();

    QString m_incidentDir;
    QLineEdit *m_server;
    QLineEdit *m_password;
    QPushButton *m_list;
    TeamIncidentsModel *m_model;
    QTableView *m_view;
    QLineEdit *m_file;
    QLabel *m_message;
    QPushButton *m_join;
    bool m_busy = false;
};

} // namespace Sitrep::Ui
