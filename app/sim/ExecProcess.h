#pragma once

#include "sim/ExecPrograms.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace Sitrep::Sim {

// One `kubectl exec` inside a simulated container: the command runs as the image's scripts say. With a
// terminal (-t) it behaves like one: typed input is echoed, lines are edited (backspace), Ctrl+C interrupts,
// Ctrl+D ends input, output lines end in \r\n; shells, psql and redis-cli show their prompts and answer line
// by line. Without one, stdin is data (a psql script, commands for redis-cli) and ends with the client's
// close.
class ExecProcess final : public QObject
{
    Q_OBJECT
public:
    ExecProcess(ExecContext context, QStringList argv, bool tty, bool stdinOpen, QObject *parent = nullptr);
    ~ExecProcess() override;

    void start();
    void input(const QByteArray &bytes);
    void endOfInput();
    bool hasExited() const { return m_exited; }

signals:
    void output(const QByteArray &bytes, bool isStderr);
    void exited(int exitCode);

private:
    enum class Mode { OneShot, ReadAll, Shell, Psql, Redis };

    void emitOut(const QByteArray &bytes, bool isStderr);
    void finish(int code);
    void outcome(const ExecOutcome &o, bool exitAfter);
    void line(const QString &text);
    void prompt();
    void interrupt();

    ExecContext m_context;
    QStringList m_argv;
    bool m_tty;
    bool m_stdinOpen;
    Mode m_mode = Mode::OneShot;
    QByteArray m_stdin; // without a terminal: everything read so far
    QByteArray m_line;  // with a terminal: the line being typed
    QString m_redisHost;
    std::unique_ptr<PsqlSession> m_psql;
    QTimer m_sleep; // a command that sleeps (sleep 30) ends later
    int m_pendingExit = -1;
    bool m_exited = false;
};

} // namespace Sitrep::Sim
