#include "sim/ExecProcess.h"

#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

ExecProcess::ExecProcess(ExecContext context, QStringList argv, bool tty, bool stdinOpen, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_argv(std::move(argv))
    , m_tty(tty)
    , m_stdinOpen(stdinOpen)
{
    m_sleep.setSingleShot(true);
    connect(&m_sleep, &QTimer::timeout, this, [this] {
        if (m_mode == Mode::Shell)
            prompt();
        else
            finish(m_pendingExit);
    });
}

ExecProcess::~ExecProcess() = default;

void ExecProcess::emitOut(const QByteArray &bytes, bool isStderr)
{
    if (bytes.isEmpty())
        return;
    if (!m_tty) {
        emit output(bytes, isStderr);
        return;
    }
    // A terminal: one stream, and the line discipline turns \n into \r\n.
    QByteArray out;
    out.reserve(bytes.size() + 16);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n' && (i == 0 || bytes.at(i - 1) != '\r'))
            out += '\r';
        out += bytes.at(i);
    }
    emit output(out, false);
}

void ExecProcess::finish(int code)
{
    if (m_exited)
        return;
    m_exited = true;
    m_sleep.stop();
    emit exited(code);
}

void ExecProcess::outcome(const ExecOutcome &o, bool exitAfter)
{
    emitOut(o.out, false);
    emitOut(o.err, true);
    if (!exitAfter)
        return;
    if (o.sleepMs > 0) {
        m_pendingExit = o.exitCode;
        m_sleep.start(o.sleepMs);
        return;
    }
    finish(o.exitCode);
}

void ExecProcess::prompt()
{
    if (m_exited)
        return;
    QString p;
    if (m_mode == Mode::Shell)
        p = m_context.expand(m_context.rules.prompt);
    else if (m_mode == Mode::Psql)
        p = m_psql->prompt();
    else if (m_mode == Mode::Redis)
        p = m_redisHost + u"> "_s;
    if (!p.isEmpty())
        emit output(p.toUtf8(), false);
}

void ExecProcess::start()
{
    if (m_argv.isEmpty()) {
        emitOut("no command given\n", true);
        return finish(126);
    }
    const QString program = QFileInfo(m_argv.first()).fileName();
    const QStringList args = m_argv.mid(1);
    const bool shell = program == "sh"_L1 || program == "bash"_L1 || program == "ash"_L1;
    if (shell && !args.contains(u"-c"_s)) {
        m_mode = m_tty ? Mode::Shell : Mode::ReadAll;
    } else if (program == "psql"_L1) {
        m_psql = std::make_unique<PsqlSession>(m_context, args);
        if (m_psql->hasCommands() || m_psql->listOnly())
            return outcome(m_psql->runCommands(), true);
        m_mode = m_tty && !m_psql->readsStdin() ? Mode::Psql : Mode::ReadAll;
        if (m_mode == Mode::Psql)
            emitOut("psql (15.4 (Debian 15.4-1.pgdg120+1))\nType \"help\" for help.\n\n", false);
    } else if (program == "redis-cli"_L1) {
        if (!ExecPrograms::redisCommand(args, &m_redisHost).isEmpty())
            return outcome(ExecPrograms::run(m_context, m_argv, {}, m_tty), true);
        m_mode = m_tty ? Mode::Redis : Mode::ReadAll;
    } else if (program == "cat"_L1 && args.isEmpty()) {
        m_mode = Mode::ReadAll;
    } else {
        return outcome(ExecPrograms::run(m_context, m_argv, {}, m_tty), true);
    }
    if (m_mode == Mode::ReadAll && !m_stdinOpen)
        return endOfInput();
    prompt();
}

void ExecProcess::input(const QByteArray &bytes)
{
    if (m_exited)
        return;
    if (!m_tty) {
        m_stdin += bytes;
        return;
    }
    bool escape = false;
    for (const char b : bytes) {
        if (escape) { // arrow keys and the like: ESC [ ... letter
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '~')
                escape = false;
            continue;
        }
        switch (b) {
        case '\x1b':
            escape = true;
            break;
        case '\x03':
            m_line.clear();
            interrupt();
            break;
        case '\x04':
            if (m_line.isEmpty())
                endOfInput();
            break;
        case '\x7f':
        case '\b':
            if (!m_line.isEmpty()) {
                m_line.chop(1);
                emit output("\b \b", false);
            }
            break;
        case '\r':
        case '\n': {
            emit output("\r\n", false);
            const QString text = QString::fromUtf8(m_line);
            m_line.clear();
            line(text);
            break;
        }
        default:
            m_line += b;
            emit output(QByteArray(1, b), false); // the terminal echoes what is typed
            break;
        }
        if (m_exited)
            return;
    }
}

void ExecProcess::line(const QString &text)
{
    switch (m_mode) {
    case Mode::Shell: {
        bool exitRequested = false;
        const ExecOutcome o = ExecPrograms::shell(m_context, text, {}, true, &exitRequested);
        outcome(o, false);
        if (exitRequested)
            return finish(o.exitCode);
        if (o.sleepMs > 0)
            return m_sleep.start(o.sleepMs);
        return prompt();
    }
    case Mode::Psql: {
        bool quit = false;
        outcome(m_psql->typed(text, &quit), false);
        if (quit)
            return finish(0);
        return prompt();
    }
    case Mode::Redis: {
        const QStringList words = ExecPrograms::splitWords(text);
        if (words.value(0).compare("quit"_L1, Qt::CaseInsensitive) == 0 ||
            words.value(0).compare("exit"_L1, Qt::CaseInsensitive) == 0)
            return finish(0);
        if (!words.isEmpty())
            outcome(ExecPrograms::redis(m_context, words, true), false);
        return prompt();
    }
    case Mode::ReadAll:
        m_stdin += text.toUtf8() + '\n';
        return;
    case Mode::OneShot:
        return; // it does not read: what was typed was only echoed
    }
}

void ExecProcess::interrupt()
{
    if (m_tty)
        emit output("^C\r\n", false);
    if (m_mode == Mode::Shell || m_mode == Mode::Psql || m_mode == Mode::Redis) {
        if (m_sleep.isActive())
            m_sleep.stop();
        return prompt(); // a prompt survives Ctrl+C; the line is dropped
    }
    finish(130);
}

void ExecProcess::endOfInput()
{
    if (m_exited)
        return;
    switch (m_mode) {
    case Mode::ReadAll: {
        const QString program = QFileInfo(m_argv.first()).fileName();
        if (program == "psql"_L1)
            return outcome(m_psql->runScript(QString::fromUtf8(m_stdin)), true);
        if (program == "cat"_L1)
            return outcome({m_stdin, {}, 0, 0}, true);
        if (program == "redis-cli"_L1)
            return outcome(ExecPrograms::run(m_context, m_argv, m_stdin, false), true);
        return outcome(ExecPrograms::shell(m_context, QString::fromUtf8(m_stdin), {}, m_tty), true);
    }
    case Mode::Shell:
        emitOut("exit\n", false);
        return finish(0);
    case Mode::Psql:
        emitOut("\\q\n", false);
        return finish(0);
    case Mode::Redis:
        return finish(0);
    case Mode::OneShot:
        return;
    }
}

} // namespace Sitrep::Sim
