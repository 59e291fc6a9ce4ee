#include "team/PostgresCluster.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

QString shellQuote(const QString &s)
{
    QString v = s;
    v.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

} // namespace

PostgresCluster::PostgresCluster(Options options)
    : m_options(std::move(options))
{}

PostgresCluster::~PostgresCluster() = default;

QString PostgresCluster::binDir()
{
    const QString env = qEnvironmentVariable("SITREP_PG_BINDIR");
    return env.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : env;
}

bool PostgresCluster::runsAsPostgresUser()
{
    return ::geteuid() == 0;
}

QString PostgresCluster::dataDir() const
{
    return m_options.dir + QStringLiteral("/data");
}

QString PostgresCluster::socketDir() const
{
    return m_options.dir + QStringLiteral("/run");
}

QString PostgresCluster::logFile() const
{
    return m_options.dir + QStringLiteral("/postgres.log");
}

QString PostgresCluster::adminUrl(const QString &database) const
{
    return QStringLiteral("host=%1 port=%2 user=%3 dbname=%4 sslmode=disable")
        .arg(socketDir())
        .arg(m_options.port)
        .arg(m_options.superuser, database);
}

bool PostgresCluster::isInitialized() const
{
    return QFileInfo::exists(dataDir() + QStringLiteral("/PG_VERSION"));
}

Result<QString> PostgresCluster::run(const QString &program, const QStringList &args, int timeoutMs) const
{
    const QString path = binDir() + QLatin1Char('/') + program;
    if (!QFileInfo(path).isExecutable())
        return makeError(QStringLiteral("%1 is not installed (apt-get install postgresql)").arg(program),
                         path);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (runsAsPostgresUser()) {
        const QString runuser = QStandardPaths::findExecutable(
            QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                        QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
        if (runuser.isEmpty())
            return makeError(QStringLiteral("running PostgreSQL as root needs runuser (util-linux)"));
        p.start(runuser,
                QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), path} +
                    args);
    } else {
        p.start(path, args);
    }
    if (!p.waitForStarted(10000))
        return makeError(QStringLiteral("%1 did not start: %2").arg(program, p.errorString()));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        return makeError(QStringLiteral("%1 did not finish within %2 s").arg(program).arg(timeoutMs / 1000));
    }
    const QString output = QString::fromLocal8Bit(p.readAll()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        // The tools' chatter first, the reason last: keep the reason.
        const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return makeError(QStringLiteral("%1 failed (exit %2): %3")
                             .arg(program)
                             .arg(p.exitCode())
                             .arg(lines.isEmpty() ? QString() : lines.last().trimmed()));
    }
    return output;
}

Result<void> PostgresCluster::handOver(const QString &path) const
{
    if (!runsAsPostgresUser())
        return {};
    const passwd *pw = ::getpwnam("postgres");
    if (!pw)
        return makeError(QStringLiteral("there is no \"postgres\" user to run PostgreSQL as (apt-get install "
                                        "postgresql creates it)"));
    auto own = [pw](const QString &p) {
        return ::chown(QFile::encodeName(p).constData(), pw->pw_uid, pw->pw_gid) == 0;
    };
    if (!own(path))
        return makeError(QStringLiteral("cannot hand %1 to the postgres user").arg(path));
    if (QFileInfo(path).isDir()) {
        QDirIterator it(path, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (!own(it.next()))
                return makeError(QStringLiteral("cannot hand %1 to the postgres user").arg(it.filePath()));
        }
    }
    return {};
}

Result<void> PostgresCluster::initialize()
{
    if (!QDir().mkpath(m_options.dir) || !QDir().mkpath(socketDir()))
        return makeError(QStringLiteral("cannot create the directory"), m_options.dir);
    // The postgres user must be able to reach the directory (a 0700 temp dir of root's would stop it).
    ::chmod(QFile::encodeName(m_options.dir).constData(), 0755);
    if (auto r = handOver(m_options.dir); !r)
        return r;
    if (runsAsPostgresUser()) {
        // A parent folder closed to others (a 0700 home or temp dir) stops the postgres user: say so.
        QProcess probe;
        probe.start(QStringLiteral("runuser"),
                    {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                     QStringLiteral("test"), QStringLiteral("-w"), m_options.dir});
        if (probe.waitForFinished(10000) && probe.exitCode() != 0)
            return makeError(
                QStringLiteral("PostgreSQL runs as the postgres user here, who cannot write to this "
                               "directory: every folder above it must let others through (chmod o+x)"),
                m_options.dir);
    }
    if (isInitialized())
        return {};
    const QString pwfile = m_options.dir + QStringLiteral("/.pwfile");
    {
        QFile f(pwfile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return makeError(QStringLiteral("cannot write %1").arg(pwfile));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write((m_options.superPassword.isEmpty() ? QStringLiteral("unused") : m_options.superPassword)
                    .toUtf8());
    }
    if (auto r = handOver(pwfile); !r)
        return r;
    auto result = run(QStringLiteral("initdb"),
                      {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), m_options.superuser,
                       QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
                       QStringLiteral("--pwfile=") + pwfile, QStringLiteral("-E"), QStringLiteral("UTF8"),
                       QStringLiteral("--no-locale")},
                      120000);
    QFile::remove(pwfile);
    if (!result)
        return makeError(QStringLiteral("%1 (the directory and its parents must be usable by the user "
                                        "PostgreSQL runs as)")
                             .arg(result.error().message),
                         m_options.dir);
    // A war room listens beyond loopback: let password logins in from anywhere (TLS when configured).
    if (m_options.listen != QLatin1String("127.0.0.1") && m_options.listen != QLatin1String("localhost")) {
        QFile hba(dataDir() + QStringLiteral("/pg_hba.conf"));
        if (!hba.open(QIODevice::Append))
            return makeError(QStringLiteral("cannot extend pg_hba.conf"), hba.fileName());
        hba.write("host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n");
    }
    return {};
}

Result<void> PostgresCluster::start()
{
    QStringList settings = {QStringLiteral("-p %1").arg(m_options.port),
                            QStringLiteral("-k ") + shellQuote(socketDir()),
                            QStringLiteral("-c listen_addresses=") + shellQuote(m_options.listen)};
    if (!m_options.certFile.isEmpty() && !m_options.keyFile.isEmpty()) {
        if (auto r = handOver(m_options.keyFile); !r)
            return r;
        if (auto r = handOver(m_options.certFile); !r)
            return r;
        settings << QStringLiteral("-c ssl=on")
                 << QStringLiteral("-c ssl_cert_file=") + shellQuote(m_options.certFile)
                 << QStringLiteral("-c ssl_key_file=") + shellQuote(m_options.keyFile);
    }
    for (const QString &s : m_options.settings)
        settings << QStringLiteral("-c ") + shellQuote(s);
    auto r = run(QStringLiteral("pg_ctl"),
                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(), QStringLiteral("-w"),
                  QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"),
                  settings.join(QLatin1Char(' ')), QStringLiteral("start")},
                 90000);
    if (!r) {
        QFile log(logFile());
        QString tail;
        if (log.open(QIODevice::ReadOnly))
            tail = QString::fromLocal8Bit(log.readAll()).right(1500).trimmed();
        return makeError(QStringLiteral("PostgreSQL did not start: %1\n%2").arg(r.error().message, tail),
                         dataDir());
    }
    return {};
}

Result<void> PostgresCluster::stop(StopMode mode)
{
    const QString m = mode == StopMode::Immediate ? QStringLiteral("immediate")
                      : mode == StopMode::Smart   ? QStringLiteral("smart")
                                                  : QStringLiteral("fast");
    if (auto r = run(QStringLiteral("pg_ctl"),
                     {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), m, QStringLiteral("-w"),
                      QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("stop")},
                     90000);
        !r)
        return r.error();
    return {};
}

Result<void> PostgresCluster::restart()
{
    if (auto r = stop(StopMode::Fast); !r)
        return r;
    return start();
}

bool PostgresCluster::isRunning() const
{
    return run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("status")}, 20000)
        .ok();
}

Result<QString> PostgresCluster::psql(const QString &sql, const QString &database) const
{
    const QString path = binDir() + QStringLiteral("/psql");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(path, {QStringLiteral("-h"), socketDir(), QStringLiteral("-p"), QString::number(m_options.port),
                   QStringLiteral("-U"), m_options.superuser, QStringLiteral("-d"), database,
                   QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), QStringLiteral("-v"),
                   QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), sql});
    if (!p.waitForStarted(10000))
        return makeError(QStringLiteral("psql did not start: %1").arg(p.errorString()), path);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(2000);
        return makeError(QStringLiteral("psql did not finish"), path);
    }
    const QString out = QString::fromLocal8Bit(p.readAll()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return makeError(QStringLiteral("psql failed: %1").arg(out), sql.left(80));
    return out;
}

} // namespace Sitrep::Team
