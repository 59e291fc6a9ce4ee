#pragma once

#include "core/Result.h"

#include <QObject>

#include <memory>

class QWidget;

namespace Sitrep::Runbook {
class LocalRunner;
class SshRunner;
} // namespace Sitrep::Runbook

namespace Sitrep::Ui {

class RunbookWizard;

// Which machine runs the runbook's commands: this one, or the environment's SSH bastion (for teams whose
// kubectl lives there). Owns both runners and points the wizard at the chosen one; an unknown host key is
// shown with its fingerprint and asked once.
class RunnerSelector final : public QObject
{
    Q_OBJECT
public:
    RunnerSelector(RunbookWizard &wizard, QWidget *dialogParent, QObject *parent = nullptr);
    ~RunnerSelector() override;

    void useLocal();
    // "ops@bastion:22"; the private key file (empty: the agent's keys) and its passphrase, when it has one.
    // Returns where commands now run, or why not (then they run here).
    Core::Result<QString> useBastion(const QString &destination, const QString &identityFile = {},
                                     const QString &passphrase = {});
    bool usesBastion() const { return m_ssh != nullptr; }

signals:
    void message(const QString &sentence);

private:
    RunbookWizard &m_wizard;
    QWidget *m_dialogParent;
    std::unique_ptr<Runbook::LocalRunner> m_local;
    std::unique_ptr<Runbook::SshRunner> m_ssh;
};

} // namespace Sitrep::Ui
