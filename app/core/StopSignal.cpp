#include "core/StopSignal.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Sitrep::Core {

namespace {

int g_fd[2] = {-1, -1};

void onSignal(int)
{
    // Only async-signal-safe work here: the event loop reads the socket and quits.
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_fd[1], &byte, 1);
}

} // namespace

StopSignal::StopSignal()
{
    if (g_fd[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fd) != 0)
        return;
    m_notifier = new QSocketNotifier(g_fd[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [] {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_fd[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

StopSignal::~StopSignal()
{
    if (!m_notifier)
        return;
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    delete m_notifier;
    ::close(g_fd[0]);
    ::close(g_fd[1]);
    g_fd[0] = g_fd[1] = -1;
}

} // namespace Sitrep::Core
