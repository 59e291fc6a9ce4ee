#include "RunnerSelector.h"

#include "RunbookWizard.h"
#include "runbook/LocalRunner.h"
#include "runbook/SshRunner.h"

#include <QMessageBox>

namespace Sitrep::Ui {

RunnerSelector::RunnerSelector(RunbookWizard &wizard, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_wizard(wizard)
    , m_dialogParent(dialogParent)
    , m_local(std::make_unique<Runbook::LocalRunner>())
{
    m_wizard.setRunner(m_local.get());
}

RunnerSelector::~RunnerSelector()
{
    m_wizard.setRunner(nullptr);
}

void RunnerSelector::useLocal()
{
    m_wizard.setRunner(m_local.get());
    m_ssh.reset();
    Runbook::RunTarget target = m_wizard.target();
    target.sshHost.clear();
    target.sshUser.clear();
    target.sshPort = 22;
    m_wizard.setTarget(target);
}

Core::Result<QString> RunnerSelector::useBastion(const QString &destination, const QString &identityFile,
                                                 const QString &passphrase)
{
    const auto parsed = Runbook::SshConfig::fromDestination(destination);
    if (!parsed) {
        useLocal();
        return parsed.error();
    }
    Runbook::SshConfig config = *parsed;
    config.identityFile = identityFile;
    config.passphrase = passphrase;
    m_wizard.setRunner(nullptr);
    m_ssh = std::make_unique<Runbook::SshRunner>(config);
    connect(m_ssh.get(), &Runbook::SshRunner::hostKeyUnknown, this,
            [this](const QString &host, const QString &fingerprint) {
                const auto answer = QMessageBox::question(
                    m_dialogParent, tr("Unknown host key"),
                    tr("%1 presents the host key\n%2\nwhich this machine has not seen before. Check it with "
                       "the host's owner. Trust it and remember it?")
                        .arg(host, fingerprint));
                if (answer != QMessageBox::Yes || !m_ssh)
                    return;
                Runbook::SshConfig trusted = m_ssh->config();
                trusted.acceptFingerprint = fingerprint;
                m_ssh->setConfig(trusted);
                emit message(tr("Host key of %1 accepted: run the step again").arg(host));
            });
    m_wizard.setRunner(m_ssh.get());
    Runbook::RunTarget target = m_wizard.target();
    target.sshHost = config.host;
    target.sshPort = config.port;
    target.sshUser = config.user;
    m_wizard.setTarget(target);
    return target.describe();
}

} // namespace Sitrep::Ui
