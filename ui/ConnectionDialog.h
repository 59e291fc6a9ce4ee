#pragma once

#include "core/Environment.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Sitrep::Ui {

// How the dialog checks a connection: each tester answers asynchronously with ok and a sentence
// ("Prometheus 2.42.0 answered", "TLS error: certificate is not trusted", "401: the token was rejected").
struct ConnectionTesters
{
    using Done = std::function<void(bool ok, const QString &sentence)>;
    using Tester = std::function<void(const Sitrep::Core::Environment &, Done)>;
    std::function<QStringList(const QString &kubeconfig)> listContexts;
    Tester testCluster;
    Tester testPrometheus;
    Tester testAlertmanager;
    Tester testSsh;
    // Stores a secret typed in the dialog under a keychain name, when the dialog is saved.
    std::function<void(const QString &name, const QString &value)> storeSecret;
    // Holds a typed secret in memory for this session only, so that Test uses it before anything is saved
    // (a cancelled dialog leaves nothing in the keychain).
    std::function<void(const QString &name, const QString &value)> holdSecret;
    // Opens the update channels editor (Slack, webhook, file ...); the row is hidden without it.
    std::function<void()> editChannels;
};

// First-run and settings dialog: named environments, each with cluster context, Prometheus,
// Alertmanager and SSH bastion, a Test button per connection saying in words what worked or failed.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
public:
    ConnectionDialog(QList<Sitrep::Core::Environment> environments, ConnectionTesters testers,
                     QWidget *parent = nullptr);

    QList<Sitrep::Core::Environment> environments() const { return m_environments; }
    QString activeName() const;
    QString resultText(const QString &which) const; // "cluster", "prometheus", ...
    void test(const QString &which);
    void accept() override;

signals:
    void demoRequested();

private:
    void load(int row);
    void storeCurrent();
    void holdSecret(const QString &name, const QString &value);
    QWidget *testRow(QWidget *field, const QString &which);

    QList<Sitrep::Core::Environment> m_environments;
    ConnectionTesters m_testers;
    int m_current = -1;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_colour;
    QLineEdit *m_kubeconfig;
    QComboBox *m_context;
    QLineEdit *m_otherContexts;
    QLineEdit *m_prometheus;
    QLineEdit *m_promToken;
    QLineEdit *m_alertmanager;
    QLineEdit *m_bastion;
    QLineEdit *m_sshKey;
    QLineEdit *m_sshPassphrase;
    QLineEdit *m_databaseUrl = nullptr;
    QLineEdit *m_databasePassword = nullptr;
    QLineEdit *m_databasePod = nullptr;
    QLabel *m_error;
    QHash<QString, QLabel *> m_results;
    QHash<QString, QString> m_pendingSecrets; // keychain name -> typed value, stored on accept()
};

} // namespace Sitrep::Ui
