#include "runbook/PtyProcess.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <vector>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Sitrep::Runbook {

namespace {
constexpr int kReapIntervalMs = 50;
}

PtyProcess::PtyProcess(QObject *parent)
    : QObject(parent)
{
    m_reaper.setInterval(kReapIntervalMs);
    connect(&m_reaper, &QTimer::timeout, this, &PtyProcess::reap);
}

PtyProcess::~PtyProcess()
{
    if (m_pid > 0) {
        ::kill(-pid_t(m_pid), SIGKILL);
        int status = 0;
        ::waitpid(pid_t(m_pid), &status, 0);
        m_pid = 0;
    }
    closeMaster();
}

bool PtyProcess::start(const QString &program, const QStringList &arguments, const QProcessEnvironment &env,
                       int columns, int rows, QString *error)
{
    if (m_pid > 0) {
        if (error)
            *error = QStringLiteral("a command is still running on this terminal");
        return false;
    }
    QString path = program;
    if (!program.contains(QLatin1Char('/')))
        path = QStandardPaths::findExecutable(program,
                                              env.value(QStringLiteral("PATH")).split(QLatin1Char(':')));
    if (path.isEmpty() || !QFileInfo(path).isExecutable()) {
        if (error)
            *error = QStringLiteral("%1 was not found on PATH").arg(program);
        return false;
    }
    // Everything the child needs is built before fork: after it, only async-signal-safe calls.
    std::vector<QByteArray> argStore;
    argStore.push_back(QFile::encodeName(path));
    for (const QString &a : arguments)
        argStore.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envStore;
    for (const QString &e : env.toStringList())
        envStore.push_back(e.toLocal8Bit());
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    struct winsize size = {};
    size.ws_col = static_cast<unsigned short>(qBound(20, columns, 1000));
    size.ws_row = static_cast<unsigned short>(qBound(5, rows, 500));
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
    if (pid < 0) {
        if (error)
            *error = QStringLiteral("could not open a pseudo-terminal: %1")
                         .arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (pid == 0) {
        // The child: a session of its own with the terminal as its controlling tty (forkpty did that).
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGQUIT, SIG_DFL);
        ::execve(argv[0], argv.data(), envp.data());
        static const char message[] = "sitrep: could not start the command\r\n";
        (void)!::write(STDERR_FILENO, message, sizeof message - 1);
        ::_exit(127);
    }
    m_pid = pid;
    m_master = master;
    m_eof = false;
    m_exited = false;
    m_pending.clear();
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_master, F_SETFD, FD_CLOEXEC);
    m_reader = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Read, this);
    connect(m_reader, &QSocketNotifier::activated, this, &PtyProcess::onReadable);
    m_writer = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Write, this);
    m_writer->setEnabled(false);
    connect(m_writer, &QSocketNotifier::activated, this, &PtyProcess::onWritable);
    m_reaper.start();
    return true;
}

void PtyProcess::onReadable()
{
    if (m_master < 0)
        return;
    char buf[65536];
    while (true) {
        const ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n > 0) {
            emit readyRead(QByteArray(buf, int(n)));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        // EIO: every holder of the terminal's other side has closed it.
        m_eof = true;
        if (m_reader)
            m_reader->setEnabled(false);
        if (!m_reaping)
            reap();
        return;
    }
}

void PtyProcess::write(const QByteArray &data)
{
    if (m_master < 0 || data.isEmpty())
        return;
    m_pending += data;
    onWritable();
}

void PtyProcess::onWritable()
{
    while (m_master >= 0 && !m_pending.isEmpty()) {
        const ssize_t n = ::write(m_master, m_pending.constData(), size_t(m_pending.size()));
        if (n > 0) {
            m_pending.remove(0, qsizetype(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break; // full (EAGAIN): wait until the terminal takes more
        }
    }
    if (m_writer)
        m_writer->setEnabled(m_master >= 0 && !m_pending.isEmpty());
}

void PtyProcess::resize(int columns, int rows)
{
    if (m_master < 0)
        return;
    struct winsize size = {};
    size.ws_col = static_cast<unsigned short>(qBound(20, columns, 1000));
    size.ws_row = static_cast<unsigned short>(qBound(5, rows, 500));
    ::ioctl(m_master, TIOCSWINSZ, &size);
}

void PtyProcess::signalGroup(int signal)
{
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), signal);
}

void PtyProcess::reap()
{
    if (m_pid <= 0)
        return;
    if (!m_exited) {
        int status = 0;
        const pid_t r = ::waitpid(pid_t(m_pid), &status, WNOHANG);
        if (r == pid_t(m_pid)) {
            m_exited = true;
            m_bySignal = WIFSIGNALED(status);
            m_exitCode = m_bySignal ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
        } else if (r < 0 && errno == ECHILD) {
            m_exited = true; // someone else reaped it: the outcome is unknown
            m_exitCode = -1;
        }
    }
    if (!m_exited)
        return;
    m_reaping = true;
    // What it wrote before exiting is still in the terminal: read it, then finish (whatever it left running
    // in the background may keep the terminal open; it was started by this command and is signalled with it).
    if (!m_eof)
        onReadable();
    m_reaper.stop();
    closeMaster();
    m_pid = 0;
    m_reaping = false;
    emit finished(m_exitCode, m_bySignal);
}

void PtyProcess::closeMaster()
{
    delete m_reader;
    m_reader = nullptr;
    delete m_writer;
    m_writer = nullptr;
    if (m_master >= 0) {
        ::close(m_master);
        m_master = -1;
    }
}

} // namespace Sitrep::Runbook
