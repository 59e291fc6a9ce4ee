#pragma once

#include "runbook/Runbook.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// Where a command runs: the local machine pinned to a kubeconfig and context, or a host over SSH.
struct RunTarget
{
    QString kubeconfig;    // local runs: exported as KUBECONFIG
    QString kubeContext;   // local runs: pinned as the current context for every kubectl the command starts
    QString kubeNamespace; // shown, and exported as SITREP_NAMESPACE
    QString cluster = {};  // the incident's name for the cluster (prod-eu), when it watches several
    QString sshHost;       // set for SSH runs
    int sshPort = 22;
    QString sshUser;

    bool isSsh() const { return !sshHost.isEmpty(); }
    // "context prod-eu / namespace demo" or "ops@bastion:22"
    QString describe() const;
};

// A step's command ready to run: placeholders filled, dry-run applied, secrets known for masking.
struct PreparedCommand
{
    QString stepId;
    QString command;            // exactly what runs
    QString display;            // what people see and the journal keeps: secret values masked
    QMap<QString, QString> env; // values of $VAR / ${VAR} placeholders, passed as environment
    QStringList secretValues;   // to scrub from output and records
    QStringList missing;        // placeholder tokens that had no value
    Risk risk = Risk::Read;
    bool interactive = false;
    TerminalUse terminal = TerminalUse::None; // Pty: runs under a pseudo-terminal; FullScreen: handed off
    bool dryRun = false;
    QString where;       // shown instead of the run target when set (a SQL step's database)
    QStringList exposedTo; // programs that would get a secret as a command-line argument (visible in ps)
    QString confirmWord; // what to type for a destructive one, when the command names no object
};

struct RunRequest
{
    PreparedCommand prepared;
    RunTarget target;
    int timeoutMs = 5 * 60 * 1000;
    qint64 outputCapBytes = 1024 * 1024; // per run; the rest is dropped and counted
    QByteArray stdinData;                // written to the command's stdin, which is then closed
    int columns = 100;                   // the pseudo-terminal's size, for Pty runs
    int rows = 30;
};

// What came of a run.
struct RunResult
{
    QString stepId;
    QString display; // the command as shown (secrets masked)
    QString where;
    int exitCode = -1;
    bool started = false;
    bool timedOut = false;
    bool cancelled = false;
    bool truncated = false;
    bool handedOff = false; // opened in the user's terminal emulator; the outcome is not known here
    QString terminalProgram; // which one
    qint64 durationMs = 0;
    qint64 droppedBytes = 0;
    QByteArray output; // stdout and stderr interleaved as they arrived, capped
    QString error;     // why it did not run or was cut short, as a sentence

    bool ok() const { return started && !timedOut && !cancelled && exitCode == 0 && error.isEmpty(); }
};

} // namespace Sitrep::Runbook
