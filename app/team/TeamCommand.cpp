#include "team/TeamCommand.h"

#include "core/Journal.h"
#include "core/JournalReplica.h"
#include "core/StopSignal.h"
#include "core/User.h"
#include "team/Replicator.h"
#include "team/ServerConnection.h"
#include "team/TeamOperations.h"
#include "team/WarRoomServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QTimer>
#include <QUuid>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

const QCommandLineOption kServer(QStringLiteral("server"), QStringLiteral("Team server (libpq URL)."),
                                 QStringLiteral("URL"));
const QCommandLineOption kOutput({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("File."),
                                 QStringLiteral("FILE"));
const QCommandLineOption kJson(QStringLiteral("json"), QStringLiteral("JSON output."));

QString age(qint64 sinceMs)
{
    const qint64 s = std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - sinceMs) / 1000);
    if (s < 3600)
        return QStringLiteral("%1m").arg(s / 60);
    if (s < 48 * 3600)
        return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1d").arg(s / 86400);
}

QString stateName(ReplicaStatus::State s)
{
    switch (s) {
    case ReplicaStatus::State::Stopped:
        return QStringLiteral("stopped");
    case ReplicaStatus::State::Connecting:
        return QStringLiteral("connecting");
    case ReplicaStatus::State::Online:
        return QStringLiteral("online");
    case ReplicaStatus::State::Offline:
        return QStringLiteral("offline");
    case ReplicaStatus::State::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

} // namespace

QString TeamCommand::usage()
{
    return QStringLiteral(
        "usage: sitrep team init --server URL                 create or upgrade the schema (as its owner)\n"
        "       sitrep team serve --data DIR [--port 5432] [--listen '*'] [--name HOST]\n"
        "       sitrep team share FILE --server URL           publish an incident to the team\n"
        "       sitrep team join ID --server URL -o FILE [--wall]\n"
        "       sitrep team sync FILE [--server URL] [--follow]\n"
        "       sitrep team incidents --server URL [--all] [--json]\n"
        "       sitrep team status FILE [--server URL] [--json]\n"
        "URL is a libpq connection URI (postgresql://user@host:5432/sitrep); passwords come from\n"
        "PGPASSWORD or ~/.pgpass; TLS is verified (sslmode=verify-full) for any server not on this "
        "machine.\n");
}

int TeamCommand::fail(const QString &sentence)
{
    m_err << "sitrep team: " << sentence << "\n";
    m_err.flush();
    return 1;
}

int TeamCommand::run(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        (args.isEmpty() ? m_err : m_out) << usage();
        return args.isEmpty() ? 2 : 0;
    }
    const QString verb = args.first();
    const QStringList rest = args.mid(1);
    if (verb == QLatin1String("init"))
        return init(rest);
    if (verb == QLatin1String("serve"))
        return serve(rest);
    if (verb == QLatin1String("share"))
        return share(rest);
    if (verb == QLatin1String("join"))
        return join(rest);
    if (verb == QLatin1String("sync"))
        return sync(rest);
    if (verb == QLatin1String("incidents"))
        return incidents(rest);
    if (verb == QLatin1String("status"))
        return status(rest);
    m_err << "sitrep team: unknown command \"" << verb << "\"\n" << usage();
    return 2;
}

namespace {

// Parses "VERB ARGS" with the given options; on failure prints why.
bool parse(QCommandLineParser &p, const QString &verb, const QStringList &args, QTextStream &err)
{
    if (p.parse(QStringList{verb} + args))
        return true;
    err << "sitrep team " << verb << ": " << p.errorText() << "\n" << TeamCommand::usage();
    return false;
}

Result<TeamOperations::Credentials> credentials(const QString &url)
{
    auto server = ServerUrl::parse(url);
    if (!server)
        return server.error();
    return TeamOperations::Credentials{*server, {}};
}

} // namespace

int TeamCommand::init(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(kServer);
    if (!parse(p, QStringLiteral("init"), args, m_err))
        return 2;
    auto c = credentials(p.value(kServer));
    if (!c)
        return fail(c.error().text());
    ServerConnection connection(c->server, {}, QStringLiteral("sitrep team init"));
    if (auto r = connection.open(); !r)
        return fail(r.error().text());
    auto report = ServerSchema::init(connection);
    if (!report)
        return fail(report.error().text());
    if (report->fromVersion == report->toVersion)
        m_out << "The Sitrep schema on " << c->server.display() << " is up to date (version "
              << report->toVersion << ").\n";
    else
        m_out << "The Sitrep schema on " << c->server.display() << " is now version " << report->toVersion
              << (report->fromVersion == 0 ? QStringLiteral(" (created)")
                                           : QStringLiteral(" (was %1)").arg(report->fromVersion))
              << ".\n";
    for (const QString &role : report->rolesCreated)
        m_out << "Created role " << role << ".\n";
    m_out << "Give each responder a login in sitrep_responder and each wall one in sitrep_wall, e.g.\n"
             "  CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE sitrep_responder;\n"
             "  CREATE ROLE warroom LOGIN PASSWORD '...' IN ROLE sitrep_wall;\n";
    return 0;
}

int TeamCommand::serve(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Directory."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port."), QStringLiteral("N"),
                                  QStringLiteral("5432"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Addresses."),
                                    QStringLiteral("ADDR"), QStringLiteral("*"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Host name in the URLs."),
                                  QStringLiteral("HOST"));
    p.addOptions({data, port, listen, name});
    if (!parse(p, QStringLiteral("serve"), args, m_err))
        return 2;
    if (p.value(data).isEmpty()) {
        m_err << "sitrep team serve: --data DIR is needed (the server's files live there)\n";
        return 2;
    }
    bool ok = false;
    const int portNumber = p.value(port).toInt(&ok);
    if (!ok || portNumber <= 0 || portNumber > 65535) {
        m_err << "sitrep team serve: --port " << p.value(port) << " is not a port number\n";
        return 2;
    }
    Core::StopSignal stopSignal;
    WarRoomServer server({p.value(data), portNumber, p.value(listen), p.value(name)});
    auto urls = server.start();
    if (!urls) {
        (void)server.stop();
        return fail(urls.error().text());
    }
    m_out << "Sitrep team server (PostgreSQL 15) listening on port " << portNumber << ", data in "
          << p.value(data) << "\n"
          << "Responders: " << urls->responder << "\n"
          << "Wall:       " << urls->wall << "\n"
          << "This machine: " << urls->local << "\n"
          << "Give every responder the CA certificate " << urls->caCert
          << " (sslrootcert=...: their Sitrep checks the server with it).\n"
          << "Per-person logins: CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE sitrep_responder;\n"
          << "Ready. Stop with Ctrl+C.\n";
    m_out.flush();
    const int code = QCoreApplication::exec();
    if (auto r = server.stop(); !r)
        return fail(r.error().text());
    m_out << "Stopped.\n";
    return code;
}

int TeamCommand::share(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(kServer);
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Incident file."));
    if (!parse(p, QStringLiteral("share"), args, m_err))
        return 2;
    if (p.positionalArguments().size() != 1 || !p.isSet(kServer)) {
        m_err << "sitrep team share: needs FILE and --server URL\n" << usage();
        return 2;
    }
    auto c = credentials(p.value(kServer));
    if (!c)
        return fail(c.error().text());
    const QString file = p.positionalArguments().at(0);
    auto shared = TeamOperations::share(file, *c);
    if (!shared)
        return fail(shared.error().text());
    m_out << (shared->alreadyShared ? "already shared as team incident " : "shared as team incident ")
          << shared->teamId << " on " << c->server.display() << " (" << shared->sync.pushed << " pushed, "
          << shared->sync.pulled << " pulled)\n"
          << "others join with: sitrep team join " << shared->teamId << " --server '"
          << c->server.toString(false) << "' -o FILE\n";
    return shared->sync.converged() ? 0 : 1;
}

int TeamCommand::join(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption wall(QStringLiteral("wall"), QStringLiteral("Read-only replica for a wall."));
    p.addOptions({kServer, kOutput, wall});
    p.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Team incident id."));
    if (!parse(p, QStringLiteral("join"), args, m_err))
        return 2;
    if (p.positionalArguments().size() != 1 || !p.isSet(kServer) || !p.isSet(kOutput)) {
        m_err << "sitrep team join: needs ID, --server URL and -o FILE\n" << usage();
        return 2;
    }
    auto c = credentials(p.value(kServer));
    if (!c)
        return fail(c.error().text());
    const QString id = p.positionalArguments().at(0);
    auto joined =
        TeamOperations::join(id, *c, p.value(kOutput), {},
                             p.isSet(wall) ? ServerSchema::Access::Wall : ServerSchema::Access::Responder);
    if (!joined)
        return fail(joined.error().text());
    m_out << "joined team incident " << id << ": " << joined->pulled << " events in " << p.value(kOutput)
          << "\n";
    return 0;
}

int TeamCommand::sync(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption follow(QStringLiteral("follow"),
                                    QStringLiteral("Keep replicating until stopped (SIGINT/SIGTERM)."));
    p.addOptions({kServer, follow});
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Incident file."));
    if (!parse(p, QStringLiteral("sync"), args, m_err))
        return 2;
    if (p.positionalArguments().size() != 1) {
        m_err << "sitrep team sync: needs FILE\n" << usage();
        return 2;
    }
    const QString file = p.positionalArguments().at(0);
    auto server = p.isSet(kServer) ? ServerUrl::parse(p.value(kServer)) : TeamOperations::serverOf(file);
    if (!server)
        return fail(server.error().text());
    const TeamOperations::Credentials c{*server, {}};
    if (!p.isSet(follow)) {
        auto outcome = TeamOperations::sync(file, c);
        if (!outcome)
            return fail(outcome.error().text());
        m_out << "pushed " << outcome->pushed << ", pulled " << outcome->pulled << "; local "
              << outcome->localShared << " shared, not yet shared: " << outcome->unshared << "; server "
              << outcome->serverRecords << "\n";
        if (!outcome->converged())
            return fail(QStringLiteral("the replica and the server do not hold the same events yet (not yet "
                                       "shared: %1, server %2, local %3)")
                            .arg(outcome->unshared)
                            .arg(outcome->serverRecords)
                            .arg(outcome->localShared));
        return 0;
    }
    // Follow: replicate in the foreground until a signal (a headless replica beside terminal writers).
    Journal probe;
    if (auto r = probe.open(file, Journal::Mode::ReadOnly); !r)
        return fail(r.error().text());
    ReplicaConfig config;
    config.journalPath = file;
    config.server = c.server;
    config.teamId = JournalReplica(probe).teamId();
    probe.close();
    if (config.teamId.isEmpty())
        return fail(QStringLiteral("%1: the incident is not shared with a team").arg(file));
    config.self.name = currentUser();
    config.self.origin = currentOrigin();
    config.self.kind = QStringLiteral("cli");
    if (const int batch = qEnvironmentVariableIntValue("SITREP_TEAM_BATCH"); batch > 0)
        config.batch = batch;
    Core::StopSignal stopSignal;
    Replicator replicator(config);
    ReplicaStatus::State last = ReplicaStatus::State::Stopped;
    QObject::connect(&replicator, &Replicator::statusChanged, &replicator, [&](const ReplicaStatus &s) {
        if (s.state == last)
            return;
        last = s.state;
        m_out << stateName(s.state) << ": " << s.shared << " shared, not yet shared: " << s.unshared;
        if (!s.message.isEmpty())
            m_out << " (" << s.message << ")";
        m_out << "\n";
        m_out.flush();
    });
    replicator.start();
    const int code = QCoreApplication::exec();
    replicator.stop();
    return code;
}

int TeamCommand::incidents(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Resolved ones too."));
    p.addOptions({kServer, all, kJson});
    if (!parse(p, QStringLiteral("incidents"), args, m_err))
        return 2;
    if (!p.isSet(kServer)) {
        m_err << "sitrep team incidents: needs --server URL\n" << usage();
        return 2;
    }
    auto c = credentials(p.value(kServer));
    if (!c)
        return fail(c.error().text());
    auto list = TeamOperations::incidents(*c);
    if (!list)
        return fail(list.error().text());
    if (!p.isSet(all))
        list.value().removeIf([](const TeamIncident &t) { return !t.isOpen(); });
    if (p.isSet(kJson)) {
        QJsonArray arr;
        for (const auto &t : *list)
            arr.append(QJsonObject{{QStringLiteral("id"), t.teamId},
                                   {QStringLiteral("title"), t.title},
                                   {QStringLiteral("service"), t.service},
                                   {QStringLiteral("severity"), t.severity},
                                   {QStringLiteral("status"), t.status},
                                   {QStringLiteral("commander"), t.commander},
                                   {QStringLiteral("startMs"), t.startMs},
                                   {QStringLiteral("responders"), QJsonArray::fromStringList(t.responders)},
                                   {QStringLiteral("events"), t.events}});
        m_out << QJsonDocument(arr).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (list->isEmpty()) {
        m_out << "no open incidents on " << c->server.display() << "\n";
        return 0;
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(QStringLiteral("ID"), -10)
                 .arg(QStringLiteral("SEV"), -4)
                 .arg(QStringLiteral("STATUS"), -13)
                 .arg(QStringLiteral("AGE"), -7)
                 .arg(QStringLiteral("COMMANDER"), -12)
                 .arg(QStringLiteral("RESPONDERS"), -24)
                 .arg(QStringLiteral("TITLE"));
    for (const auto &t : *list) {
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(t.teamId, -10)
                     .arg(t.severity, -4)
                     .arg(t.status, -13)
                     .arg(age(t.startMs), -7)
                     .arg(t.commander.isEmpty() ? QStringLiteral("-") : t.commander, -12)
                     .arg(t.responders.join(QLatin1Char(',')), -24)
                     .arg(t.title);
    }
    return 0;
}

int TeamCommand::status(const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions({kServer, kJson});
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Incident file."));
    if (!parse(p, QStringLiteral("status"), args, m_err))
        return 2;
    if (p.positionalArguments().size() != 1) {
        m_err << "sitrep team status: needs FILE\n" << usage();
        return 2;
    }
    const QString file = p.positionalArguments().at(0);
    Journal journal;
    if (auto r = journal.open(file, Journal::Mode::ReadOnly); !r)
        return fail(r.error().text());
    JournalReplica replica(journal);
    const QString teamId = replica.teamId();
    if (teamId.isEmpty())
        return fail(QStringLiteral("%1: the incident is not shared with a team").arg(file));
    auto server = p.isSet(kServer) ? ServerUrl::parse(p.value(kServer)) : ServerUrl::parse(replica.server());
    if (!server)
        return fail(server.error().text());
    QJsonObject doc{{QStringLiteral("team"), teamId},
                    {QStringLiteral("server"), server->display()},
                    {QStringLiteral("events"), qint64(journal.events().size())},
                    {QStringLiteral("shared"), replica.sharedCount()},
                    {QStringLiteral("unshared"), replica.unsharedCount()},
                    {QStringLiteral("cursor"), replica.cursor()}};
    // Ask the server, and listen a moment for who is connected (presence answers a hello at once).
    ServerConnection c(*server, {}, QStringLiteral("sitrep team status"));
    QString serverError;
    QList<Peer> peers;
    if (auto r = c.open(); !r) {
        serverError = r.error().text();
    } else if (auto counts = ServerStore(c).counts(teamId); !counts) {
        serverError = counts.error().text();
    } else {
        doc.insert(QStringLiteral("serverRecords"), counts->records);
        doc.insert(QStringLiteral("serverSeq"), counts->lastSeq);
        Peer self{QUuid::createUuid().toString(QUuid::WithoutBraces), currentUser(), currentOrigin(),
                  QStringLiteral("cli"), 0};
        PresenceTracker tracker(teamId, self.session);
        QSqlDriver *driver = c.database().driver();
        QEventLoop loop;
        QObject::connect(driver, &QSqlDriver::notification, &loop,
                         [&](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                             tracker.receive(payload.toString(), QDateTime::currentMSecsSinceEpoch());
                         });
        driver->subscribeToNotification(QStringLiteral("sitrep_presence"));
        (void)ServerStore(c).notify(QStringLiteral("sitrep_presence"),
                                    PresenceTracker::encode(teamId, self, PresenceTracker::State::Hello));
        QTimer::singleShot(1500, &loop, &QEventLoop::quit);
        loop.exec();
        (void)ServerStore(c).notify(QStringLiteral("sitrep_presence"),
                                    PresenceTracker::encode(teamId, self, PresenceTracker::State::Bye));
        peers = tracker.peers();
    }
    QJsonArray connected;
    for (const Peer &peer : peers)
        connected.append(QJsonObject{{QStringLiteral("name"), peer.name},
                                     {QStringLiteral("origin"), peer.origin},
                                     {QStringLiteral("kind"), peer.kind}});
    doc.insert(QStringLiteral("connected"), connected);
    if (!serverError.isEmpty())
        doc.insert(QStringLiteral("error"), serverError);
    if (p.isSet(kJson)) {
        m_out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return serverError.isEmpty() ? 0 : 1;
    }
    m_out << "team incident " << teamId << " on " << server->display() << "\n"
          << "local: " << doc.value(QLatin1String("events")).toInteger() << " events, "
          << replica.sharedCount() << " records shared, not yet shared: " << replica.unsharedCount() << "\n";
    if (!serverError.isEmpty())
        return fail(serverError);
    m_out << "server: " << doc.value(QLatin1String("serverRecords")).toInteger() << " records (last "
          << doc.value(QLatin1String("serverSeq")).toInteger() << ", pulled up to " << replica.cursor()
          << ")\n";
    QStringList who;
    for (const Peer &peer : peers)
        who << QStringLiteral("%1 (%2, %3)").arg(peer.name, peer.kind, peer.origin);
    m_out << "connected now: "
          << (who.isEmpty() ? QStringLiteral("nobody else") : who.join(QStringLiteral(", "))) << "\n";
    return 0;
}

} // namespace Sitrep::Team
