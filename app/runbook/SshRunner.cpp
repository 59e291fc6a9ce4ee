#include "runbook/SshRunner.h"

#include "runbook/ShellText.h"
#include "runbook/TerminalLauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMetaObject>

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive, which clients use too

#include <thread>

namespace Sitrep::Runbook {

namespace {

// Frees libssh objects on every path out of the worker.
struct SshHandles
{
    ssh_session session = nullptr;
    ssh_channel channel = nullptr;
    ssh_key key = nullptr;
    ~SshHandles()
    {
        if (channel) {
            ssh_channel_close(channel);
            ssh_channel_free(channel);
        }
        if (key)
            ssh_key_free(key);
        if (session) {
            ssh_disconnect(session);
            ssh_free(session);
        }
    }
};

QString sshError(ssh_session s)
{
    return QString::fromUtf8(ssh_get_error(s));
}

QString fingerprintOf(ssh_session s)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s, &key) != SSH_OK)
        return {};
    unsigned char *hash = nullptr;
    size_t len = 0;
    QString out;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) == 0) {
        char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
        if (fp) {
            out = QString::fromUtf8(fp);
            ssh_string_free_char(fp);
        }
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    return out;
}

} // namespace

SshRunner::SshRunner(SshConfig config, QObject *parent)
    : CommandRunner(parent)
    , m_config(std::move(config))
{}

SshRunner::~SshRunner()
{
    if (m_run)
        m_run->cancel = true; // the detached worker stops at its next check and reports to nobody
}

std::atomic_int SshRunner::s_workers{0};

int SshRunner::activeWorkers()
{
    return s_workers.load();
}

void SshRunner::post(const std::shared_ptr<Run> &run, std::function<void(SshRunner *)> fn)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return; // the program is ending: nobody is left to tell
    QMetaObject::invokeMethod(
        app,
        [run, fn = std::move(fn)] {
            if (SshRunner *runner = run->runner)
                fn(runner);
        },
        Qt::QueuedConnection);
}

Core::Result<SshConfig> SshConfig::fromDestination(const QString &destination)
{
    QString rest = destination.trimmed();
    if (rest.isEmpty())
        return Core::makeError(QStringLiteral("no SSH bastion given"), QStringLiteral("sshBastion"));
    SshConfig config;
    if (const qsizetype at = rest.indexOf(QLatin1Char('@')); at > 0) {
        config.user = rest.left(at);
        rest = rest.mid(at + 1);
    }
    if (const qsizetype colon = rest.lastIndexOf(QLatin1Char(':')); colon > 0) {
        bool ok = false;
        config.port = rest.mid(colon + 1).toInt(&ok);
        if (!ok || config.port <= 0 || config.port > 65535)
            return Core::makeError(QStringLiteral("the bastion's port \"%1\" is not a number from 1 to 65535")
                                       .arg(rest.mid(colon + 1)),
                                   QStringLiteral("sshBastion"));
        rest = rest.left(colon);
    }
    if (rest.isEmpty())
        return Core::makeError(QStringLiteral("the bastion \"%1\" names no host").arg(destination),
                               QStringLiteral("sshBastion"));
    config.host = rest;
    return config;
}

namespace {
QMap<QString, QString> remoteEnvironment(const RunRequest &request)
{
    QMap<QString, QString> env = request.prepared.env;
    if (!request.target.kubeNamespace.isEmpty())
        env.insert(QStringLiteral("SITREP_NAMESPACE"), request.target.kubeNamespace);
    return env;
}
} // namespace

QString SshRunner::remoteCommand(const RunRequest &request)
{
    if (remoteEnvironment(request).isEmpty())
        return request.prepared.command;
    // POSIX sh: read a count, then NAME and base64(VALUE) lines, and export them. `read` takes a pipe one
    // byte at a time, so what follows on stdin stays for the command. With a terminal, echo is off while the
    // values pass (they would be echoed into the output), and the marker says when it is.
    const bool pty = request.prepared.terminal == TerminalUse::Pty;
    QString prologue;
    if (pty)
        prologue += QStringLiteral("stty -echo 2>/dev/null; printf '%s\\n' %1; ").arg(readyMarker());
    prologue += QStringLiteral(
        "IFS= read -r __sitrep_n; __sitrep_i=0; while [ \"$__sitrep_i\" -lt \"$__sitrep_n\" ]; do "
        "IFS= read -r __sitrep_k; IFS= read -r __sitrep_v; "
        "__sitrep_v=$(printf '%s' \"$__sitrep_v\" | base64 -d; printf x); "
        "export \"$__sitrep_k=${__sitrep_v%x}\"; __sitrep_i=$((__sitrep_i + 1)); done; "
        "unset __sitrep_n __sitrep_i __sitrep_k __sitrep_v; ");
    if (pty)
        prologue += QStringLiteral("stty echo 2>/dev/null; ");
    return prologue + request.prepared.command;
}

QByteArray SshRunner::environmentPayload(const RunRequest &request)
{
    const QMap<QString, QString> env = remoteEnvironment(request);
    if (env.isEmpty())
        return {};
    QByteArray out = QByteArray::number(env.size()) + '\n';
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        out += it.key().toUtf8() + '\n' + it.value().toUtf8().toBase64() + '\n';
    return out;
}

void SshRunner::writeInput(const QByteArray &bytes)
{
    if (!m_run || !m_pty)
        return;
    std::lock_guard<std::mutex> lock(m_run->inputLock);
    m_run->input += bytes;
}

RunResult SshRunner::resultFor(const RunRequest &request, const SshConfig &config)
{
    RunResult result;
    result.stepId = request.prepared.stepId;
    result.display = request.prepared.display;
    RunTarget where = request.target;
    where.sshHost = config.host;
    where.sshPort = config.port;
    where.sshUser = config.user;
    result.where = where.describe();
    return result;
}

void SshRunner::handOff(const RunRequest &request)
{
    RunResult result = resultFor(request, m_config);
    // The terminal runs OpenSSH's ssh -t; values could only travel on its command line, so secrets stop it.
    bool secret = false;
    QString exports;
    for (auto it = request.prepared.env.cbegin(); it != request.prepared.env.cend(); ++it) {
        secret = secret || request.prepared.secretValues.contains(it.value());
        exports += QStringLiteral("export %1=%2; ").arg(it.key(), ShellText::singleQuote(it.value()));
    }
    if (secret) {
        result.error =
            QStringLiteral("a full-screen command with a secret cannot be handed to your terminal over "
                           "SSH (the secret would be on ssh's command line); run it there yourself");
    } else {
        QStringList ssh{QStringLiteral("ssh"), QStringLiteral("-t"), QStringLiteral("-p"),
                        QString::number(m_config.port)};
        if (!m_config.identityFile.isEmpty())
            ssh << QStringLiteral("-i") << m_config.identityFile;
        if (!m_config.knownHostsFile.isEmpty())
            ssh << QStringLiteral("-o") << QStringLiteral("UserKnownHostsFile=") + m_config.knownHostsFile;
        ssh << (m_config.user.isEmpty() ? m_config.host : m_config.user + QLatin1Char('@') + m_config.host);
        ssh << exports + request.prepared.command;
        QStringList quoted;
        for (const QString &w : ssh)
            quoted << ShellText::singleQuote(w);
        const auto launched =
            TerminalLauncher::launch(quoted.join(QLatin1Char(' ')), QProcessEnvironment::systemEnvironment());
        if (!launched) {
            result.error = launched.error().message;
        } else {
            result.started = true;
            result.handedOff = true;
            result.terminalProgram = launched->terminal;
        }
    }
    reportLater(result);
}

void SshRunner::start(const RunRequest &request)
{
    if (m_running) {
        RunResult busy;
        busy.stepId = request.prepared.stepId;
        busy.display = request.prepared.display;
        busy.error = QStringLiteral("another command is still running; wait for it or cancel it");
        emit finished(busy);
        return;
    }
    if (request.prepared.terminal == TerminalUse::FullScreen)
        return handOff(request);
    m_running = true;
    m_pty = request.prepared.terminal == TerminalUse::Pty;
    m_run = std::make_shared<Run>();
    m_run->runner = this;
    ++s_workers;
    std::thread([run = m_run, request, config = m_config] {
        work(run, request, config);
        --s_workers;
    }).detach();
}

void SshRunner::cancel()
{
    if (m_run)
        m_run->cancel = true;
}

void SshRunner::work(const std::shared_ptr<Run> &run, const RunRequest &request, const SshConfig &config)
{
    RunResult result = resultFor(request, config);
    QElapsedTimer clock;
    clock.start();

    auto done = [&] {
        result.durationMs = clock.elapsed();
        post(run, [result](SshRunner *r) {
            r->m_running = false;
            r->m_pty = false;
            emit r->finished(result);
        });
    };

    SshHandles h;
    h.session = ssh_new();
    if (!h.session) {
        result.error = QStringLiteral("could not create an SSH session");
        return done();
    }
    const QByteArray host = config.host.toUtf8();
    const QByteArray user = config.user.toUtf8();
    const QByteArray knownHosts =
        (config.knownHostsFile.isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh/known_hosts")
                                         : config.knownHostsFile)
            .toUtf8();
    const int port = config.port;
    const long timeout = config.connectTimeoutSeconds;
    const bool no = false;
    ssh_options_set(h.session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(h.session, SSH_OPTIONS_PORT, &port);
    if (!user.isEmpty())
        ssh_options_set(h.session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(h.session, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
    ssh_options_set(h.session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    ssh_options_set(h.session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    ssh_options_set(h.session, SSH_OPTIONS_TIMEOUT, &timeout);

    if (ssh_connect(h.session) != SSH_OK) {
        result.error =
            QStringLiteral("cannot connect to %1:%2: %3").arg(config.host).arg(port).arg(sshError(h.session));
        return done();
    }
    if (run->cancel) { // cancelled while connecting: nothing runs
        result.cancelled = true;
        result.error = QStringLiteral("cancelled");
        return done();
    }

    // Host key: known and equal, or explicitly accepted by the user for this fingerprint.
    const QString fingerprint = fingerprintOf(h.session);
    switch (ssh_session_is_known_server(h.session)) {
    case SSH_KNOWN_HOSTS_OK:
        break;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        result.error =
            QStringLiteral("the host key of %1 has changed (now %2): refusing to connect. This can mean "
                           "someone is intercepting the connection; if the key was rotated, fix %3 by hand")
                .arg(config.host, fingerprint, QString::fromUtf8(knownHosts));
        post(run, [h = config.host, fingerprint](SshRunner *r) { emit r->hostKeyChanged(h, fingerprint); });
        return done();
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
        if (!fingerprint.isEmpty() && fingerprint == config.acceptFingerprint) {
            QDir().mkpath(QFileInfo(QString::fromUtf8(knownHosts)).absolutePath());
            if (ssh_session_update_known_hosts(h.session) != SSH_OK) {
                result.error = QStringLiteral("could not record the host key in %1: %2")
                                   .arg(QString::fromUtf8(knownHosts), sshError(h.session));
                return done();
            }
            break;
        }
        result.error =
            QStringLiteral("unknown host key for %1: %2. Check it with the host's owner and accept it "
                           "to continue")
                .arg(config.host, fingerprint);
        post(run, [h = config.host, fingerprint](SshRunner *r) { emit r->hostKeyUnknown(h, fingerprint); });
        return done();
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        result.error =
            QStringLiteral("cannot check the host key of %1: %2").arg(config.host, sshError(h.session));
        return done();
    }

    // Authentication: the configured key first, then the agent.
    int auth = SSH_AUTH_DENIED;
    QString keyProblem;
    if (!config.identityFile.isEmpty()) {
        const QByteArray pass = config.passphrase.toUtf8();
        if (ssh_pki_import_privkey_file(config.identityFile.toUtf8().constData(),
                                        pass.isEmpty() ? nullptr : pass.constData(), nullptr, nullptr,
                                        &h.key) != SSH_OK) {
            keyProblem =
                QStringLiteral("cannot read the key %1 (wrong passphrase?)").arg(config.identityFile);
        } else {
            auth = ssh_userauth_publickey(h.session, nullptr, h.key);
        }
    }
    if (auth != SSH_AUTH_SUCCESS && config.useAgent && !qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
        auth = ssh_userauth_agent(h.session, nullptr);
    if (auth != SSH_AUTH_SUCCESS) {
        result.error =
            QStringLiteral("authentication as %1 on %2 failed%3")
                .arg(config.user.isEmpty() ? QStringLiteral("the current user") : config.user, config.host,
                     keyProblem.isEmpty() ? QString() : QStringLiteral(": ") + keyProblem);
        return done();
    }

    const bool pty = request.prepared.terminal == TerminalUse::Pty;
    h.channel = ssh_channel_new(h.session);
    if (!h.channel || ssh_channel_open_session(h.channel) != SSH_OK ||
        (pty && ssh_channel_request_pty_size(h.channel, "xterm-256color", qBound(20, request.columns, 1000),
                                             qBound(5, request.rows, 500)) != SSH_OK) ||
        ssh_channel_request_exec(h.channel, remoteCommand(request).toUtf8().constData()) != SSH_OK) {
        result.error =
            QStringLiteral("cannot start the command on %1: %2").arg(config.host, sshError(h.session));
        return done();
    }
    result.started = true;
    post(run, [id = result.stepId](SshRunner *r) { emit r->started(id); });

    QElapsedTimer sinceKeepalive;
    sinceKeepalive.start();
    char buf[16384];
    // Values first (on stdin, see remoteCommand); with a terminal only once echo is off, which the marker
    // says. Then the command's own input; without a terminal, end of input as /dev/null would give.
    const QByteArray payload = environmentPayload(request);
    bool valuesSent = payload.isEmpty() || !pty;
    QByteArray beforeMarker; // a terminal's output up to the marker, which is not the command's
    auto writeAll = [&h](const QByteArray &data) {
        qsizetype off = 0;
        while (off < data.size()) {
            const int n = ssh_channel_write(h.channel, data.constData() + off, uint32_t(data.size() - off));
            if (n <= 0)
                return false;
            off += n;
        }
        return true;
    };
    auto sendStdin = [&] {
        if (!pty) {
            writeAll(payload + request.stdinData);
            ssh_channel_send_eof(h.channel);
        } else {
            writeAll(payload + request.stdinData);
        }
    };
    if (valuesSent)
        sendStdin();
    auto deliver = [&](const char *data, int n, bool isStderr) {
        if (!valuesSent) {
            beforeMarker.append(data, n);
            const QByteArray marker = readyMarker().toUtf8();
            const qsizetype at = beforeMarker.indexOf(marker);
            if (at < 0)
                return;
            qsizetype end = at + marker.size();
            while (end < beforeMarker.size() &&
                   (beforeMarker.at(end) == '\r' || beforeMarker.at(end) == '\n'))
                ++end;
            const QByteArray rest = beforeMarker.mid(end);
            valuesSent = true;
            beforeMarker.clear();
            sendStdin();
            if (rest.isEmpty())
                return;
            data = rest.constData();
            n = int(rest.size());
            const QByteArray kept(data, n);
            result.output += kept;
            post(run,
                 [id = result.stepId, kept, isStderr](SshRunner *r) { emit r->output(id, kept, isStderr); });
            return;
        }
        const qint64 room = request.outputCapBytes - result.output.size();
        if (room <= 0) {
            result.truncated = true;
            result.droppedBytes += n;
            return;
        }
        const QByteArray kept(data, int(qMin<qint64>(n, room)));
        if (kept.size() < n) {
            result.truncated = true;
            result.droppedBytes += n - kept.size();
        }
        result.output += kept;
        post(run, [id = result.stepId, kept, isStderr](SshRunner *r) { emit r->output(id, kept, isStderr); });
    };
    bool failed = false;
    while (true) {
        if (run->cancel || (request.timeoutMs > 0 && clock.elapsed() > request.timeoutMs)) {
            if (run->cancel) {
                result.cancelled = true;
                result.error = QStringLiteral("cancelled");
            } else {
                result.timedOut = true;
                result.error =
                    QStringLiteral("timed out after %1 s").arg(request.timeoutMs / 1000.0, 0, 'f', 1);
            }
            ssh_channel_request_send_signal(h.channel, "TERM");
            break;
        }
        if (config.keepaliveSeconds > 0 && sinceKeepalive.elapsed() > config.keepaliveSeconds * 1000) {
            ssh_send_keepalive(h.session);
            sinceKeepalive.restart();
        }
        if (pty && valuesSent) { // what the user typed since the last turn
            QByteArray typed;
            {
                std::lock_guard<std::mutex> lock(run->inputLock);
                typed.swap(run->input);
            }
            if (!typed.isEmpty())
                writeAll(typed);
        }
        const int out = ssh_channel_read_timeout(h.channel, buf, sizeof buf, 0, pty ? 50 : 100);
        if (out > 0)
            deliver(buf, out, false);
        const int err = ssh_channel_read_nonblocking(h.channel, buf, sizeof buf, 1);
        if (err > 0)
            deliver(buf, err, true);
        if (out == SSH_ERROR || err == SSH_ERROR) {
            result.error =
                QStringLiteral("the connection to %1 broke: %2").arg(config.host, sshError(h.session));
            failed = true;
            break;
        }
        if (out <= 0 && err <= 0 && (ssh_channel_is_eof(h.channel) || ssh_channel_is_closed(h.channel)))
            break;
    }
    if (!failed && !result.cancelled && !result.timedOut) {
        // Whatever is left after EOF, then the exit status (sent just before the channel closes).
        int n = 0;
        while ((n = ssh_channel_read_nonblocking(h.channel, buf, sizeof buf, 0)) > 0)
            deliver(buf, n, false);
        while ((n = ssh_channel_read_nonblocking(h.channel, buf, sizeof buf, 1)) > 0)
            deliver(buf, n, true);
        ssh_channel_send_eof(h.channel);
        result.exitCode = ssh_channel_get_exit_status(h.channel);
    }
    done();
}

} // namespace Sitrep::Runbook
