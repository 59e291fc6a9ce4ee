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
#include <QElapsedTimer>
#include <QHash>
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

    int sustained()
    {
        const int seconds = qEnvironmentVariableIsSet("SITREP_BENCH_TEAM_SECONDS")
                                ? qEnvironmentVariableIntValue("SITREP_BENCH_TEAM_SECONDS")
                                : 60;
        const int clients = 20;
        auto team = sharedIncident(QStringLiteral("sustained"));
        if (!team)
            return fail(team.error().text());
        std::vector<std::unique_ptr<Replica>> replicas;
        for (int i = 0; i < clients; ++i) {
            auto r = replica(*team, i % 3 == 0   ? QStringLiteral("alice")
                                    : i % 3 == 1 ? QStringLiteral("bob")
                                                 : QStringLiteral("carol"));
            if (!r)
                return fail(QStringLiteral("cannot set up replica %1").arg(i));
            replicas.push_back(std::move(r));
        }
        if (!waitFor(
                [&] {
                    return std::all_of(replicas.cbegin(), replicas.cend(), [](const auto &r) {
                        return r->sync->status().state == Team::ReplicaStatus::State::Online;
                    });
                },
                60000))
            return fail(QStringLiteral("not every replica came online"));
        // Each client writes 10 events a second, spread over the second.
        QSet<QString> written;
        int failures = 0;
        std::vector<std::unique_ptr<QTimer>> timers;
        for (int i = 0; i < clients; ++i) {
            auto timer = std::make_unique<QTimer>();
            timer->setInterval(100);
            Replica *r = replicas.at(i).get();
            QObject::connect(timer.get(), &QTimer::timeout, timer.get(), [&, r, i] {
                auto e = r->session->record(Core::EventKind::Note, QStringLiteral("client %1 event").arg(i));
                if (e)
                    written.insert(e->uuid);
                else
                    ++failures;
            });
            timers.push_back(std::move(timer));
        }
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < clients; ++i)
            QTimer::singleShot(i * 100 / clients, timers.at(i).get(), qOverload<>(&QTimer::start));
        waitFor([&] { return t.elapsed() >= seconds * 1000; }, seconds * 1000 + 5000);
        for (auto &timer : timers)
            timer->stop();
        const double writeSeconds = double(t.elapsed()) / 1000.0;
        const qint64 expected = 2 + written.size();
        // Everything written reaches every replica.
        auto holdsAll = [&](const Replica &r) { return r.seen.size() >= expected; };
        const bool converged = waitFor(
            [&] {
                return std::all_of(replicas.cbegin(), replicas.cend(),
                                   [&](const auto &r) { return holdsAll(*r); });
            },
            120000);
        const double totalSeconds = double(t.elapsed()) / 1000.0;
        for (auto &r : replicas)
            r->sync->stop();
        qint64 lost = 0;
        qint64 duplicates = 0;
        QStringList reference;
        for (const auto &r : replicas) {
            const QStringList uuids = Core::JournalReplica(r->journal).timelineUuids();
            const QSet<QString> unique(uuids.cbegin(), uuids.cend());
            duplicates += uuids.size() - unique.size();
            for (const QString &u : std::as_const(written))
                lost += unique.contains(u) ? 0 : 1;
            if (reference.isEmpty())
                reference = uuids;
            else if (uuids != reference)
                return fail(QStringLiteral("two replicas list the events in different orders"));
        }
        Team::ServerConnection c(as(QStringLiteral("wall")).server, as(QStringLiteral("wall")).password);
        if (!c.open())
            return fail(QStringLiteral("cannot count on the server"));
        auto counts = Team::ServerStore(c).counts(*team);
        if (!counts)
            return fail(counts.error().text());
        out << "bench_team: " << written.size() << " events written by " << clients << " clients in "
            << writeSeconds << " s (" << failures << " local write failures), all " << clients
            << " replicas complete after " << totalSeconds << " s, server " << counts->records << "\n";
        bench("team_sustained_events_per_s", double(written.size()) / writeSeconds, "events/s");
        bench("team_sustained_replicated_within_s", totalSeconds - writeSeconds, "s");
        bench("team_lost_events",
              double(lost + (counts->records - expected < 0 ? expected - counts->records : 0)), "events");
        bench("team_duplicate_events", double(duplicates + std::max<qint64>(0, counts->records - expected)),
              "events");
        if (!converged)
            return fail(QStringLiteral("the replicas did not all receive every event within 120 s"));
        return failures == 0 && lost == 0 && duplicates == 0 ? 0 : 1;
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
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
