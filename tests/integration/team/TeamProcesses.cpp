#include "TeamProcesses.h"

#include "core/Journal.h"
#include "support/TestEnv.h"
#include "team/ServerConnection.h"
#include "team/ServerStore.h"

#include <QSet>

#include <csignal>

namespace Sitrep::Test {

TeamProcesses::~TeamProcesses()
{
    for (auto &p : m_writers) {
        if (p && p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    for (int i = 0; i < int(m_followers.size()); ++i)
        stopFollower(i);
}

QProcessEnvironment TeamProcesses::environment(int replica) const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("PGPASSWORD"), PostgresFixture::password(user(replica)));
    e.insert(QStringLiteral("SITREP_USER"), user(replica));
    e.insert(QStringLiteral("SITREP_HOST"), QStringLiteral("laptop-") + user(replica));
    e.insert(QStringLiteral("XDG_STATE_HOME"), m_dir + QStringLiteral("/state-") + user(replica));
    e.insert(QStringLiteral("SITREP"), sitrepBinary());
    return e;
}

QString TeamProcesses::setUp(const QStringList &users)
{
    m_users = users;
    for (const QString &u : users)
        m_files << m_dir + QStringLiteral("/%1.sitrep").arg(u);
    m_followers.resize(users.size());
    auto run = [this](int replica, const QStringList &args) -> QString {
        QProcess p;
        p.setProcessEnvironment(environment(replica));
        p.start(sitrepBinary(), args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return QStringLiteral("sitrep %1 failed: %2%3")
                .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()),
                     QString::fromUtf8(p.readAllStandardOutput()));
        m_lastOutput = QString::fromUtf8(p.readAllStandardOutput());
        return {};
    };
    if (auto e = run(0, {QStringLiteral("incident"), QStringLiteral("new"), QStringLiteral("--title"),
                         QStringLiteral("Fault drill"), QStringLiteral("--commander"), user(0),
                         QStringLiteral("-o"), m_files.at(0)});
        !e.isEmpty())
        return e;
    if (auto e = run(0, {QStringLiteral("team"), QStringLiteral("share"), m_files.at(0),
                         QStringLiteral("--server"), m_pg.url(user(0))});
        !e.isEmpty())
        return e;
    m_teamId = m_lastOutput.section(QStringLiteral("team incident "), 1).section(QLatin1Char(' '), 0, 0);
    if (m_teamId.isEmpty())
        return QStringLiteral("share printed no team id: ") + m_lastOutput;
    for (int i = 1; i < users.size(); ++i) {
        if (auto e =
                run(i, {QStringLiteral("team"), QStringLiteral("join"), m_teamId, QStringLiteral("--server"),
                        m_pg.url(user(i)), QStringLiteral("-o"), m_files.at(i)});
            !e.isEmpty())
            return e;
    }
    return {};
}

QString TeamProcesses::startFollower(int replica, const QStringList &env)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment e = environment(replica);
    for (const QString &kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p->setProcessEnvironment(e);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(sitrepBinary(), {QStringLiteral("team"), QStringLiteral("sync"), m_files.at(replica),
                              QStringLiteral("--follow")});
    if (!p->waitForStarted(10000))
        return QStringLiteral("follower did not start: ") + p->errorString();
    m_followers[replica] = std::move(p);
    return {};
}

void TeamProcesses::stopFollower(int replica)
{
    auto &p = m_followers[replica];
    if (!p || p->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(p->processId()), SIGTERM);
    if (!p->waitForFinished(15000)) {
        p->kill();
        p->waitForFinished(5000);
    }
}

void TeamProcesses::killFollower(int replica)
{
    auto &p = m_followers[replica];
    if (!p)
        return;
    ::kill(pid_t(p->processId()), SIGKILL);
    p->waitForFinished(5000);
}

QString TeamProcesses::followerOutput(int replica) const
{
    const auto &p = m_followers.at(replica);
    return p ? QString::fromUtf8(p->readAll()) : QString();
}

void TeamProcesses::startWriter(int replica, int count, int pauseMs)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment e = environment(replica);
    e.insert(QStringLiteral("FILE"), m_files.at(replica));
    e.insert(QStringLiteral("COUNT"), QString::number(count));
    e.insert(QStringLiteral("PAUSE"), QString::number(pauseMs / 1000.0, 'f', 3));
    e.insert(QStringLiteral("WHO"), user(replica));
    p->setProcessEnvironment(e);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"),
              QStringLiteral("i=1; while [ $i -le $COUNT ]; do \"$SITREP\" incident note \"$FILE\" "
                             "\"$WHO note $i\" >/dev/null || exit 1; sleep $PAUSE; i=$((i + 1)); "
                             "done")});
    m_writers.push_back(std::move(p));
}

bool TeamProcesses::writersFinished() const
{
    for (const auto &p : m_writers) {
        if (p->state() != QProcess::NotRunning)
            return false;
    }
    return true;
}

int TeamProcesses::writerFailures() const
{
    int failures = 0;
    for (const auto &p : m_writers)
        failures += p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0 ? 1 : 0;
    return failures;
}

int TeamProcesses::syncOnce(int replica)
{
    QProcess p;
    p.setProcessEnvironment(environment(replica));
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(sitrepBinary(), {QStringLiteral("team"), QStringLiteral("sync"), m_files.at(replica)});
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        m_lastOutput = QStringLiteral("timed out");
        return -1;
    }
    m_lastOutput = QString::fromUtf8(p.readAll());
    return p.exitCode();
}

QStringList TeamProcesses::uuids(int replica) const
{
    Core::Journal j;
    if (!j.open(m_files.at(replica), Core::Journal::Mode::ReadOnly))
        return {};
    QStringList out;
    for (const auto &e : j.events())
        out << e.uuid;
    return out;
}

qint64 TeamProcesses::serverRecords() const
{
    auto url = Team::ServerUrl::parse(m_pg.url(QStringLiteral("wall")));
    Team::ServerConnection c(*url, PostgresFixture::password(QStringLiteral("wall")));
    if (!c.open())
        return -1;
    auto counts = Team::ServerStore(c).counts(m_teamId);
    return counts ? counts->records : -1;
}

bool TeamProcesses::converged(int expected, QString *why) const
{
    auto say = [why](const QString &s) {
        if (why)
            *why = s;
        return false;
    };
    const QStringList first = uuids(0);
    if (first.size() != expected)
        return say(QStringLiteral("%1 holds %2 events, expected %3")
                       .arg(m_files.at(0))
                       .arg(first.size())
                       .arg(expected));
    if (QSet<QString>(first.cbegin(), first.cend()).size() != expected)
        return say(QStringLiteral("%1 holds an event twice").arg(m_files.at(0)));
    for (int i = 1; i < replicas(); ++i) {
        const QStringList other = uuids(i);
        if (other != first)
            return say(QStringLiteral("%1 differs from %2 (%3 vs %4 events)")
                           .arg(m_files.at(i), m_files.at(0))
                           .arg(other.size())
                           .arg(first.size()));
    }
    const qint64 server = serverRecords();
    if (server != expected)
        return say(QStringLiteral("the server holds %1 records, expected %2").arg(server).arg(expected));
    return true;
}

} // namespace Sitrep::Test
