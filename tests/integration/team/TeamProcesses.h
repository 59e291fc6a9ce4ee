#pragma once

#include "support/PostgresFixture.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace Sitrep::Test {

// Sitrep processes replicating one team incident, for the fault tests: `sitrep team sync FILE --follow`
// daemons (one per "laptop", each with its own user and host name) beside terminal writers
// (`sitrep incident note` in a shell loop). Reads every replica's events straight from its file.
class TeamProcesses final
{
public:
    TeamProcesses(PostgresFixture &pg, const QString &dir)
        : m_pg(pg)
        , m_dir(dir)
    {}
    ~TeamProcesses();

    // Declares an incident as alice and shares it; then each further user joins. Empty on success.
    QString setUp(const QStringList &users);
    QString teamId() const { return m_teamId; }
    QString file(int replica) const { return m_files.at(replica); }
    int replicas() const { return int(m_files.size()); }

    // Starts `sitrep team sync FILE --follow` for a replica (extra environment: e.g. SITREP_TEAM_BATCH=100).
    QString startFollower(int replica, const QStringList &env = {});
    void stopFollower(int replica); // SIGTERM, waits
    void killFollower(int replica); // SIGKILL, waits
    QString followerOutput(int replica) const;
    // A shell loop writing count notes into a replica's file, pausing pauseMs between them.
    void startWriter(int replica, int count, int pauseMs = 0);
    bool writersFinished() const;
    int writerFailures() const;

    // Runs `sitrep team sync FILE` once; returns its exit code (output in lastOutput()).
    int syncOnce(int replica);
    QString lastOutput() const { return m_lastOutput; }

    QStringList uuids(int replica) const; // the replica's events in timeline order
    qint64 serverRecords() const;
    // True when every replica lists the same events in the same order, expected of them, none twice,
    // and the server holds exactly as many.
    bool converged(int expected, QString *why = nullptr) const;

private:
    QProcessEnvironment environment(int replica) const;
    QString user(int replica) const { return m_users.at(replica); }

    PostgresFixture &m_pg;
    QString m_dir;
    QString m_teamId;
    QStringList m_users;
    QStringList m_files;
    std::vector<std::unique_ptr<QProcess>> m_followers;
    std::vector<std::unique_ptr<QProcess>> m_writers;
    QString m_lastOutput;
};

} // namespace Sitrep::Test
