#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Sitrep::Secrets {
class SecretStore;
}

namespace Sitrep::Ui {

// Asks for one secret (a webhook URL, an API key) and stores it in the keychain under the name settings
// refer to. Without a keychain it says so and offers to keep the secret in memory for this session only.
class SecretEntryDialog final : public QDialog
{
    Q_OBJECT
public:
    // what: "Slack webhook URL", shown to the user.
    SecretEntryDialog(Sitrep::Secrets::SecretStore &store, const QString &name, const QString &what,
                      QWidget *parent = nullptr);

    QString name() const;
    QString statusText() const;
    QPushButton *saveButton() const { return m_save; }
    QPushButton *sessionButton() const { return m_session; }
    QLineEdit *valueEdit() const { return m_value; }

private:
    void save();
    void keepForSession();
    Sitrep::Secrets::SecretStore &m_store;
    QLineEdit *m_name;
    QLineEdit *m_value;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_session;
};

} // namespace Sitrep::Ui
