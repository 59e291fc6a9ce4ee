#include "runbook/SshRunner.h"

#include "runbook/ShellText.h"

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

QString SshRunner::remoteCommand(const RunRequest &request)
{
    QString prefix;
    for (auto it = request.prepared.env.cbegin(); it != request.prepared.env.cend(); ++it)
        prefix += QStringLiteral("export %1=%2; ").arg(it.key(), ShellText::singleQuote(it.value()));
    if (!request.target.kubeNamespace.isEmpty())
        prefix += QStringLiteral("export SITREP_NAMESPACE=%1; ")
                      .arg(ShellText::singleQuote(request.target.kubeNamespace));
    return prefix + request.prepared.command;
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
    m_running = true;
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
    RunResult result;
    result.stepId = request.prepared.stepId;
    result.display = request.prepared.display;
    RunTarget where = request.target;
    where.sshHost = config.host;
    where.sshPort = config.port;
    where.sshUser = config.user;
    result.where = where.describe();
    QElapsedTimer clock;
    clock.start();

    auto done = [&] {
        result.durationMs = clock.elapsed();
        post(run, [result](SshRunner *r) {
            r->m_running = false;
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

    h.channel = ssh_channel_new(h.session);
    if (!h.channel || ssh_channel_open_session(h.channel) != SSH_OK ||
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
    auto deliver = [&](const char *data, int n, bool isStderr) {
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
        const int out = ssh_channel_read_timeout(h.channel, buf, sizeof buf, 0, 100);
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
