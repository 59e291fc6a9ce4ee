#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Sitrep::Ui {

// Incident > Share with team: where the team server is (a libpq URL) and, when libpq has no password
// for it, the password (kept in the keychain). Says what TLS the connection will use before sharing and
// the outcome after, as a sentence. The sharing itself is done by whoever listens to shareRequested.
class ShareDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ShareDialog(const QString &incidentTitle, const QString &server, QWidget *parent = nullptr);

    QString server() const;
    QString password() const;
    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *passwordEdit() const { return m_password; }
    QString message() const;
    QString connectionNote() const;
    bool isBusy() const { return m_busy; }

    void setBusy(bool busy);
    void showError(const QString &sentence);
    void showShared(const QString &teamId, const QString &joinCommand);

signals:
    void shareRequested(const QString &server, const QString &password);

private:
    void validate();

    QLineEdit *m_server;
    QLineEdit *m_password;
    QLabel *m_note;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace Sitrep::Ui
