#pragma once

#include "core/Environment.h"
#include "runbook/DatabaseTarget.h"
#include "runbook/RunTypes.h"
#include "runbook/Runbook.h"

#include <QHash>
#include <QMap>
#include <QObject>

#include <memory>

class QAction;
class QLabel;

namespace Sitrep::Core {
class IncidentFile;
}
namespace Sitrep::Secrets {
class SecretStore;
}
namespace Sitrep::Runbook {
class RunPolicy;
}

namespace Sitrep::Ui {

class MainWindow;
class RunbookPickerDialog;
class RunbookWizard;
class RunnerSelector;

// The runbook side of the console: the wizard dock and which runbook is open (reopened from the journal
// when an incident is reopened, so the walk continues where it stood), the run policy with its read-only
// switch, the confirmation and value prompts (secret values to the keychain), the user's runbook folder,
// and the runbook to open for a firing alert.
class RunbookController final : public QObject
{
    Q_OBJECT
public:
    RunbookController(Sitrep::Core::IncidentFile &file, MainWindow &window,
                      Sitrep::Secrets::SecretStore &secrets, const QString &resourceDir,
                      QObject *parent = nullptr);
    ~RunbookController() override;

    RunbookWizard *wizard() const { return m_wizard; }
    RunnerSelector *runners() const { return m_runners; }
    Sitrep::Runbook::RunPolicy &policy() const { return *m_policy; }

    // $XDG_CONFIG_HOME/sitrep/runbooks: the team's own runbooks, listed next to the bundled ones.
    static QString userRunbookDir();
    // Bundled, installed and user runbooks.
    QStringList folders() const;
    // alertname -> runbook path, for the alerts pane.
    QHash<QString, QString> alertRunbooks() const;
    // Incident > Open runbook: the library's runbooks and the files that failed to parse (each also said
    // in the status bar); deletes itself when closed.
    RunbookPickerDialog *pickRunbook();

    bool openRunbook(const QString &path);
    // The runbook that names this alert (or its runbook_url), opened at the section that handles it.
    bool openForAlert(const QString &alertName, const QString &runbook);

    void setReadOnly(bool on);
    bool isReadOnly() const;
    QAction *readOnlyAction() const { return m_readOnlyAction; }

    // Where commands run and what the context knows (context, namespace, service, deployment); values the
    // user typed earlier in this incident are kept.
    void setContext(const Sitrep::Runbook::RunTarget &target, const QMap<QString, QString> &values);
    // The incident's clusters, when it watches several: the wizard lets the user pick the one commands run
    // against (kubectl --context).
    void setClusterTargets(const QList<Sitrep::Runbook::RunTarget> &targets);
    // Where commands run for an environment: its SSH bastion (key file, passphrase from the keychain), or
    // this machine.
    void useEnvironment(const Sitrep::Core::Environment &environment);
    // The database SQL steps run against (the demo's: psql in its postgres pod); the environment's otherwise.
    void useDatabase(const Sitrep::Runbook::DatabaseTarget &database);
    // The pod selected in the pods pane fills <pod-name> / <pod>.
    void setSelectedPod(const QString &ns, const QString &pod);

signals:
    void runbookOpened(const Sitrep::Runbook::Runbook &runbook, const QString &path);
    void chartRequested(const QString &title, const QString &promql);

private:
    void setUpPrompts();
    void reopenFromJournal();
    void pushValues();

    Sitrep::Core::IncidentFile &m_file;
    MainWindow &m_window;
    Sitrep::Secrets::SecretStore &m_secrets;
    QString m_resourceDir;
    std::unique_ptr<Sitrep::Runbook::RunPolicy> m_policy;
    RunbookWizard *m_wizard = nullptr;
    RunnerSelector *m_runners = nullptr;
    QAction *m_readOnlyAction = nullptr;
    QLabel *m_readOnlyBadge = nullptr;
    QMap<QString, QString> m_context; // from the connected cluster and the incident
    QMap<QString, QString> m_pod;     // from the pods pane's selection
    int m_environmentRequest = 0;     // which useEnvironment() a keychain answer belongs to
};

} // namespace Sitrep::Ui
