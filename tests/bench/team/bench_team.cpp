// Team incidents against a real PostgreSQL 15 on loopback (fsync on, as a real server):
//   BENCH team_note_p99_ms             a note written on one laptop, seen in another's journal (p99)
//   BENCH team_catchup_10k_s           a new replica joins an incident of 10,000 events, ready to show
//   BENCH team_sustained_events_per_s  20 writer clients x 10 events/s for 60 s, all replicated
//   BENCH team_lost_events / team_duplicate_events   after the sustained run: both must be 0
// SITREP_BENCH_TEAM_SECONDS shortens the sustained run; SITREP_BENCH_TEAM_PHASES=note,catchup,sustained.
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/JournalReplica.h"
#include "support/PostgresFixture.h"
#include "team/ServerConnection.h"
#include "team/ServerStore.h"
#include "team/TeamOperations.h"
#include "team/TeamSync.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Sitrep;

namespace {

QTextStream out(stdout);

void bench(const char *name, double value, const char *unit)
{
    out << "BENCH " << name << " " << QString::number(value, 'f', 2) << " " << unit << "\n";
    out.flush();
}

int fail(const QString &why)
{
    out << "bench_team: " << why << "\n";
    out.flush();
    return 1;
}

// Runs the event loop until done() or the deadline; false on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

struct Replica
{
    QSet<QString> seen; // every event this replica's journal holds or has emitted
    QString path;
    Core::SystemClock clock;
    Core::Journal journal;
    std::unique_ptr<Core::IncidentSession> session;
    std::unique_ptr<Team::TeamSync> sync;
};

class Bench
{
public:
    Test::PostgresFixture pg;
    QTemporaryDir dir;
    int files = 0;

    Team::TeamOperations::Credentials as(const QString &user)
    {
        return {*Team::ServerUrl::parse(pg.url(user)), Test::PostgresFixture::password(user)};
    }
    QString newFile() { return dir.filePath(QStringLiteral("b%1.sitrep").arg(++files)); }

    Core::Result<QString> sharedIncident(const QString &title, int extraEvents = 0)
    {
        const QString path = newFile();
        {
            Core::Journal j;
            Core::SystemClock clock;
            if (auto r = j.open(path); !r)
                return r.error();
            Core::IncidentSession s(j, clock, QStringLiteral("alice"));
            Core::IncidentSession::Declaration d;
            d.title = title;
            d.commander = QStringLiteral("alice");
            if (auto r = s.declare(d); !r)
                return r.error();
            QList<Core::TimelineEvent> batch;
            for (int i = 0; i < extraEvents; ++i)
                batch << Core::makeEvent(
                    Core::EventKind::Note, 0, QStringLiteral("alice"),
                    QStringLiteral("event %1: pod api-gateway-7d9f restarted, 5xx at %2%")
                        .arg(i)
                        .arg(i % 50));
            if (auto r = j.appendAll(batch); !r)
                return r.error();
        }
        auto shared = Team::TeamOperations::share(path, as(QStringLiteral("alice")));
        if (!shared)
            return shared.error();
        if (!shared->sync.converged())
            return Core::makeError(QStringLiteral("the share did not push everything"));
        return shared->teamId;
    }

    std::unique_ptr<Replica> replica(const QString &teamId, const QString &user, const QString &existing = {})
    {
        auto r = std::make_unique<Replica>();
        r->path = existing;
        if (r->path.isEmpty()) {
            r->path = newFile();
            if (!Team::TeamOperations::join(teamId, as(user), r->path))
                return nullptr;
        }
        if (!r->journal.open(r->path))
            return nullptr;
        r->session = std::make_unique<Core::IncidentSession>(r->journal, r->clock, user);
        for (const auto &e : r->journal.events())
            r->seen.insert(e.uuid);
        Replica *raw = r.get();
        QObject::connect(&r->journal, &Core::Journal::eventsAppended, &r->journal,
                         [raw](const QList<Core::TimelineEvent> &events) {
                             for (const auto &e : events)
                                 raw->seen.insert(e.uuid);
                         });
        Team::ReplicaConfig c;
        c.journalPath = r->path;
        c.server = as(user).server;
        c.password = as(user).password;
        c.teamId = teamId;
        c.self = {{}, user, user + QStringLiteral("@bench"), QStringLiteral("console"), 0};
        r->sync = std::make_unique<Team::TeamSync>(c);
        QObject::connect(r->sync.get(), &Team::TeamSync::journalChanged, &r->journal,
                         &Core::Journal::refresh);
        QObject::connect(&r->journal, &Core::Journal::eventsAppended, r->sync.get(), &Team::TeamSync::nudge);
        r->sync->start();
        return r;
    }

    int notes()
    {
        auto team = sharedIncident(QStringLiteral("latency"));
        if (!team)
            return fail(team.error().text());
        auto alice = replica(*team, QStringLiteral("alice"));
        auto bob = replica(*team, QStringLiteral("bob"));
        if (!alice || !bob)
            return fail(QStringLiteral("cannot set up the two replicas"));
        if (!waitFor(
                [&] {
                    return alice->sync->status().state == Team::ReplicaStatus::State::Online &&
                           bob->sync->status().state == Team::ReplicaStatus::State::Online;
                },
                20000))
            return fail(QStringLiteral("the replicas did not come online: ") + alice->sync->status().message);
        QHash<QString, qint64> sentAt;
        QList<double> latencies;
        QElapsedTimer clock;
        clock.start();
        QObject::connect(&bob->journal, &Core::Journal::eventsAppended, &bob->journal,
                         [&](const QList<Core::TimelineEvent> &events) {
                             for (const auto &e : events) {
                                 const auto it = sentAt.find(e.uuid);
                                 if (it != sentAt.end())
                                     latencies << double(clock.nsecsElapsed() / 1000 - *it) / 1000.0;
                             }
                         });
        const int count = 300;
        for (int i = 0; i < count; ++i) {
            const qint64 start = clock.nsecsElapsed() / 1000;
            auto note = alice->session->addNote(QStringLiteral("note %1 from alice").arg(i));
            if (!note)
                return fail(note.error().text());
            sentAt.insert(note->uuid, start);
            // One note every 50 ms, as a busy scribe types at most.
            waitFor([&] { return clock.nsecsElapsed() / 1000 - start >= 50000; }, 1000);
        }
        if (!waitFor([&] { return latencies.size() >= count; }, 30000))
            return fail(QStringLiteral("only %1 of %2 notes arrived").arg(latencies.size()).arg(count));
        std::sort(latencies.begin(), latencies.end());
        bench("team_note_p50_ms", latencies.at(latencies.size() / 2), "ms");
        bench("team_note_p99_ms", latencies.at(int(latencies.size() * 0.99) - 1), "ms");
        alice->sync->stop();
        bob->sync->stop();
        return 0;
    }

    int catchUp()
    {
        auto team = sharedIncident(QStringLiteral("ten thousand"), 10000 - 2);
        if (!team)
            return fail(team.error().text());
        const QString path = newFile();
        QElapsedTimer t;
        t.start();
        auto joined = Team::TeamOperations::join(*team, as(QStringLiteral("bob")), path);
        if (!joined)
            return fail(joined.error().text());
        // Ready to show: the file opened as the console opens it and the incident folded.
        Core::Journal j;
        Core::SystemClock clock;
        if (auto r = j.open(path); !r)
            return fail(r.error().text());
        Core::IncidentSession session(j, clock, QStringLiteral("bob"));
        const qint64 events = j.events().size();
        const double seconds = double(t.nsecsElapsed()) / 1e9;
        if (events != 10000 || session.incident().title() != QLatin1String("ten thousand"))
            return fail(QStringLiteral("the replica holds %1 events, not 10000").arg(events));
        bench("team_catchup_10k_s", seconds, "s");
        return 0;
    }

    // 20 writer clients, each a process of its own (a laptop: its journal, its replicator thread), 10 events
    // a second each; then every replica must hold every event, none twice.
    int sustained()
    {
        const int seconds = qEnvironmentVariableIsSet("SITREP_BENCH_TEAM_SECONDS")
                                ? qEnvironmentVariableIntValue("SITREP_BENCH_TEAM_SECONDS")
                                : 60;
        const int clients = 20;
        auto team = sharedIncident(QStringLiteral("sustained"));
        if (!team)
            return fail(team.error().text());
        const QStringList users = {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")};
        const QString clientBase = qEnvironmentVariable("SITREP_BENCH_TEAM_CLIENT_DIR", QDir::tempPath());
        QTemporaryDir clientDir(clientBase + QStringLiteral("/bench_team-XXXXXX"));
        if (!clientDir.isValid())
            return fail(QStringLiteral("cannot make a directory in %1").arg(clientBase));
        out << "bench_team: client journals in " << clientBase << "\n";
        QStringList files;
        for (int i = 0; i < clients; ++i) {
            // The journals of twenty laptops share this machine's disk (SITREP_BENCH_TEAM_CLIENT_DIR moves
            // them).
            files << clientDir.filePath(QStringLiteral("client%1.sitrep").arg(i));
            if (auto r = Team::TeamOperations::join(*team, as(users.at(i % 3)), files.last()); !r)
                return fail(r.error().text());
        }
        std::vector<std::unique_ptr<QProcess>> procs;
        for (int i = 0; i < clients; ++i) {
            auto p = std::make_unique<QProcess>();
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.insert(QStringLiteral("PGPASSWORD"), Test::PostgresFixture::password(users.at(i % 3)));
            e.insert(QStringLiteral("SITREP_USER"), users.at(i % 3));
            e.insert(QStringLiteral("SITREP_HOST"), QStringLiteral("client-%1").arg(i));
            p->setProcessEnvironment(e);
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("--client"), files.at(i), *team, pg.url(users.at(i % 3)),
                      QString::number(seconds)});
            procs.push_back(std::move(p));
        }
        // Each prints "written N" when its writing time is over, then waits for "expect TOTAL".
        QElapsedTimer t;
        t.start();
        QList<qint64> written(clients, -1);
        double slowestWriter = 0;
        QStringList uuidsWritten;
        auto readLines = [&](int i) {
            while (procs.at(i)->canReadLine()) {
                const QString line = QString::fromUtf8(procs.at(i)->readLine()).trimmed();
                if (line.startsWith(QLatin1String("written "))) { // "written N in S s"
                    written[i] = line.section(QLatin1Char(' '), 1, 1).toLongLong();
                    slowestWriter = std::max(slowestWriter, line.section(QLatin1Char(' '), 3, 3).toDouble());
                }
            }
        };
        const bool wrote = waitFor(
            [&] {
                for (int i = 0; i < clients; ++i)
                    readLines(i);
                return std::none_of(written.cbegin(), written.cend(), [](qint64 n) { return n < 0; }) ||
                       std::any_of(procs.cbegin(), procs.cend(),
                                   [](const auto &p) { return p->state() == QProcess::NotRunning; });
            },
            (seconds + 60) * 1000);
        const double writeSeconds = double(t.elapsed()) / 1000.0;
        if (!wrote || std::any_of(written.cbegin(), written.cend(), [](qint64 n) { return n < 0; }))
            return fail(QStringLiteral("a client stopped or did not finish writing in time"));
        qint64 total = 0;
        for (qint64 n : written)
            total += n;
        const qint64 expected = 2 + total;
        for (auto &p : procs)
            p->write(QStringLiteral("expect %1\n").arg(expected).toUtf8());
        const bool converged = waitFor(
            [&] {
                return std::all_of(procs.cbegin(), procs.cend(),
                                   [](const auto &p) { return p->state() == QProcess::NotRunning; });
            },
            180000);
        const double totalSeconds = double(t.elapsed()) / 1000.0;
        for (auto &p : procs) {
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
        // Every replica, read from its file: the same events in the same order, none twice, none missing.
        qint64 lost = 0;
        qint64 duplicates = 0;
        QStringList reference;
        bool sameOrder = true;
        for (const QString &file : std::as_const(files)) {
            Core::Journal j;
            if (auto r = j.open(file, Core::Journal::Mode::ReadOnly); !r)
                return fail(r.error().text());
            const QStringList uuids = Core::JournalReplica(j).timelineUuids();
            const QSet<QString> unique(uuids.cbegin(), uuids.cend());
            duplicates += uuids.size() - unique.size();
            lost += std::max<qint64>(0, expected - unique.size());
            if (reference.isEmpty())
                reference = uuids;
            else
                sameOrder = sameOrder && uuids == reference;
        }
        Team::ServerConnection c(as(QStringLiteral("wall")).server, as(QStringLiteral("wall")).password);
        if (!c.open())
            return fail(QStringLiteral("cannot count on the server"));
        auto counts = Team::ServerStore(c).counts(*team);
        if (!counts)
            return fail(counts.error().text());
        lost += std::max<qint64>(0, expected - counts->records);
        duplicates += std::max<qint64>(0, counts->records - expected);
        out << "bench_team: " << total << " events written by " << clients << " client processes in "
            << writeSeconds << " s, every replica complete after " << totalSeconds << " s, server "
            << counts->records << "\n";
        // What the twenty achieved together: every event written, over the longest any of them took.
        bench("team_sustained_events_per_s", double(total) / std::max<double>(seconds, slowestWriter),
              "events/s");
        bench("team_sustained_replicated_within_s", totalSeconds - writeSeconds, "s");
        bench("team_lost_events", double(lost), "events");
        bench("team_duplicate_events", double(duplicates), "events");
        if (!converged)
            return fail(QStringLiteral("not every replica received every event within 180 s"));
        const auto failedClients = std::count_if(procs.cbegin(), procs.cend(), [](const auto &p) {
            return p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0;
        });
        if (failedClients > 0)
            return fail(QStringLiteral("%1 clients failed (local writes refused or not caught up)")
                            .arg(failedClients));
        if (!sameOrder)
            return fail(QStringLiteral("two replicas list the events in different orders"));
        return lost == 0 && duplicates == 0 ? 0 : 1;
    }
};

} // namespace

// One writer client (a child of the sustained phase): its replica, its replicator, 10 events a second for
// SECONDS; prints "written N", then keeps replicating until its journal holds the total it is told.
int client(const QStringList &args)
{
    const QString path = args.at(0);
    const QString teamId = args.at(1);
    auto url = Team::ServerUrl::parse(args.at(2));
    const int seconds = args.at(3).toInt();
    if (!url)
        return fail(url.error().text());
    Core::Journal journal;
    if (auto r = journal.open(path); !r)
        return fail(r.error().text());
    Core::SystemClock clock;
    Core::IncidentSession session(journal, clock, qEnvironmentVariable("SITREP_USER"));
    Team::ReplicaConfig c;
    c.journalPath = path;
    c.server = *url;
    c.teamId = teamId;
    c.self = {{},
              qEnvironmentVariable("SITREP_USER"),
              qEnvironmentVariable("SITREP_HOST"),
              QStringLiteral("cli"),
              0};
    Team::TeamSync sync(c);
    QObject::connect(&sync, &Team::TeamSync::journalChanged, &journal, &Core::Journal::refresh);
    QObject::connect(&journal, &Core::Journal::eventsAppended, &sync, &Team::TeamSync::nudge);
    sync.start();
    if (!waitFor([&] { return sync.status().state == Team::ReplicaStatus::State::Online; }, 60000))
        return fail(QStringLiteral("client did not come online: ") + sync.status().message);
    qint64 written = 0;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(100);
    QList<qint64> appendUs;
    QElapsedTimer t;
    int failures = 0;
    // 10 a second on average: a write that stalls (the disk is shared by twenty clients and the server
    // here) delays the next ones but does not drop them.
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
        const qint64 due = std::min<qint64>(t.elapsed(), seconds * 1000LL) / 100 + 1;
        while (written + failures < due) {
            QElapsedTimer a;
            a.start();
            if (session.record(Core::EventKind::Note,
                               QStringLiteral("event %1 from %2").arg(written).arg(path)))
                ++written;
            else
                ++failures;
            appendUs << a.nsecsElapsed() / 1000;
        }
    });
    t.start();
    timer.start();
    waitFor([&] { return t.elapsed() >= seconds * 1000; }, seconds * 1000 + 5000);
    timer.stop();
    QTextStream(stdout) << "written " << written << " in " << double(t.elapsed()) / 1000.0 << " s\n"
                        << Qt::flush;
    if (failures > 0)
        QTextStream(stderr) << "bench_team client: " << failures << " local writes failed\n";
    if (qEnvironmentVariableIsSet("SITREP_BENCH_TEAM_DEBUG")) {
        std::sort(appendUs.begin(), appendUs.end());
        QTextStream(stderr) << "client appends: " << appendUs.size() << " p50 "
                            << appendUs.value(appendUs.size() / 2) << " us, p99 "
                            << appendUs.value(appendUs.size() * 99 / 100) << " us, max "
                            << (appendUs.isEmpty() ? 0 : appendUs.last()) << " us\n";
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("no stdin"));
    const qint64 expected =
        QString::fromUtf8(in.readLine()).section(QLatin1Char(' '), 1).trimmed().toLongLong();
    const bool done =
        waitFor([&] { return journal.events().size() >= expected && sync.status().unshared == 0; }, 170000);
    sync.stop();
    return done && failures == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().value(1) == QLatin1String("--client"))
        return client(app.arguments().mid(2));
    Bench b;
    Test::PostgresFixture::Options options;
    options.durable = true; // a real server's fsync
    if (const QString err = b.pg.start(options); !err.isEmpty())
        return fail(err);
    const QStringList phases =
        qEnvironmentVariable("SITREP_BENCH_TEAM_PHASES", QStringLiteral("note,catchup,sustained"))
            .split(QLatin1Char(','));
    int code = 0;
    if (phases.contains(QLatin1String("note")))
        code |= b.notes();
    if (phases.contains(QLatin1String("catchup")))
        code |= b.catchUp();
    if (phases.contains(QLatin1String("sustained")))
        code |= b.sustained();
    return code;
}
