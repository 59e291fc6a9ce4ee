#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTimer>

class QSocketNotifier;

namespace Sitrep::Runbook {

// A child process on a pseudo-terminal (forkpty): what it writes arrives as a terminal would show it
// (colours, \r\n), what is written to it is typed at its keyboard: "\x03" is Ctrl+C (SIGINT to its foreground
// process group), "\x04" at the start of a line is Ctrl+D (end of input). The child leads its own session,
// so signalGroup() reaches everything it started. finished() comes once, when the child has exited and its
// output has been read.
class PtyProcess final : public QObject
{
    Q_OBJECT
public:
    explicit PtyProcess(QObject *parent = nullptr);
    ~PtyProcess() override;

    // Starts program with arguments and exactly this environment on a terminal of columns x rows.
    bool start(const QString &program, const QStringList &arguments, const QProcessEnvironment &env,
               int columns, int rows, QString *error);
    void write(const QByteArray &data);
    void resize(int columns, int rows);
    void signalGroup(int signal);
    qint64 processId() const { return m_pid; }
    bool isRunning() const { return m_pid > 0; }

signals:
    void readyRead(const QByteArray &data);
    // exitCode is the program's, or 128 + the signal number when a signal ended it (as a shell reports it).
    void finished(int exitCode, bool bySignal);

private:
    void onReadable();
    void onWritable();
    void reap();
    void closeMaster();

    int m_master = -1;
    qint64 m_pid = 0;
    QSocketNotifier *m_reader = nullptr;
    QSocketNotifier *m_writer = nullptr;
    QByteArray m_pending; // input the terminal did not take yet
    QTimer m_reaper;      // the child may exit while something it started still holds the terminal
    bool m_eof = false;
    bool m_reaping = false;
    int m_exitCode = -1;
    bool m_bySignal = false;
    bool m_exited = false;
};

} // namespace Sitrep::Runbook
