#pragma once

#include "runbook/RunTypes.h"

#include <QObject>

namespace Sitrep::Runbook {

// Runs one prepared command at a time somewhere (local shell, SSH host) and streams what it prints; commands
// that need a terminal get a pseudo-terminal (and take input), full-screen ones are handed to the user's
// terminal emulator. Every start() ends in exactly one finished(), also when it could not start, was
// cancelled, timed out or was handed off.
class CommandRunner : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start(const RunRequest &request) = 0;
    virtual void cancel() = 0;
    virtual bool isRunning() const = 0;
    virtual QString kind() const = 0; // "local", "ssh"
    // Whether the running command reads what is typed (it runs under a pseudo-terminal).
    virtual bool acceptsInput() const { return false; }
    // Bytes typed at the running command's terminal: "\x03" is Ctrl+C, "\x04" Ctrl+D, "\r" Enter.
    virtual void writeInput(const QByteArray &bytes) { Q_UNUSED(bytes) }

signals:
    void started(const QString &stepId);
    void output(const QString &stepId, const QByteArray &chunk, bool isStderr);
    void finished(const Sitrep::Runbook::RunResult &result);

protected:
    // Reports a run that ended at once (handed off, refused) from the event loop, as every other run ends:
    // started() when it did start, then finished().
    void reportLater(const RunResult &result)
    {
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                if (result.started)
                    emit started(result.stepId);
                emit finished(result);
            },
            Qt::QueuedConnection);
    }
};

} // namespace Sitrep::Runbook

Q_DECLARE_METATYPE(Sitrep::Runbook::RunResult)
