#pragma once

#include "runbook/RunTypes.h"

#include <QObject>

namespace Sitrep::Runbook {

// Runs one prepared command at a time somewhere (local shell, SSH host) and streams what it prints.
// Every start() ends in exactly one finished(), also when it could not start, was cancelled or timed out.
class CommandRunner : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start(const RunRequest &request) = 0;
    virtual void cancel() = 0;
    virtual bool isRunning() const = 0;
    virtual QString kind() const = 0; // "local", "ssh"

signals:
    void started(const QString &stepId);
    void output(const QString &stepId, const QByteArray &chunk, bool isStderr);
    void finished(const Sitrep::Runbook::RunResult &result);
};

} // namespace Sitrep::Runbook

Q_DECLARE_METATYPE(Sitrep::Runbook::RunResult)
