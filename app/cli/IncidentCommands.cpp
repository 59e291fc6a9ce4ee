#include "cli/IncidentCommands.h"

#include "cli/IntegrityCommands.h"

#include "core/IncidentSession.h"
#include "core/User.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Sitrep::Core;

namespace Sitrep::Cli {

namespace {

// Opens FILE and wraps it in a session; prints the error and returns false when it cannot.
struct Opened
{
    Journal journal;
    SystemClock clock;
    std::unique_ptr<IncidentSession> session;
};

bool openIncident(Opened &o, const QString &path, QTextStream &err,
                  Journal::Mode mode = Journal::Mode::ReadWrite)
{
    if (mode == Journal::Mode::ReadWrite && !QFileInfo::exists(path)) {
        err << "sitrep: " << path << ": no such incident file (create one with `sitrep incident new`)\n";
        return false;
    }
    if (auto r = o.journal.open(path, mode); !r) {
        err << "sitrep: " << r.error().text() << "\n";
        return false;
    }
    o.session = std::make_unique<IncidentSession>(o.journal, o.clock, currentUser());
    if (!o.session->incident().isDeclared()) {
        err << "sitrep: " << path << ": "
            << (o.journal.health().isDamaged() ? o.journal.health().sentence() + QStringLiteral(", and the "
                                                                                                "declaration is lost")
                                               : QStringLiteral("the file holds no declared incident"))
            << "\n";
        return false;
    }
    return true;
}

int fail(QTextStream &err, const Error &e)
{
    err << "sitrep: " << e.text() << "\n";
    return 1;
}

} // namespace

int IncidentCommands::usage(int code)
{
    (code == 0 ? m_out : m_err)
        << "usage: sitrep incident new --title T --service S [--severity P1] [--commander NAME] -o FILE\n"
           "       sitrep incident note FILE TEXT [--pin]\n"
           "       sitrep incident status FILE investigating|identified|monitoring|resolved [--note TEXT]\n"
           "       sitrep incident severity FILE LEVEL [--reason TEXT]\n"
           "       sitrep incident role FILE commander|comms-lead|scribe NAME\n"
           "       sitrep incident milestone FILE NAME [ISO-TIME]\n"
           "       sitrep incident show FILE [--json] [--pinned-only]\n"
           "       sitrep incident check FILE\n"
           "       sitrep incident recover FILE -o NEW\n";
    return code;
}

int IncidentCommands::run(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h"))
        return usage(args.isEmpty() ? 2 : 0);
    const QString verb = args.first();
    const QStringList rest = args.mid(1);
    if (verb == QLatin1String("new"))
        return newIncident(rest);
    if (verb == QLatin1String("note"))
        return note(rest);
    if (verb == QLatin1String("status"))
        return status(rest);
    if (verb == QLatin1String("severity"))
        return severity(rest);
    if (verb == QLatin1String("role"))
        return role(rest);
    if (verb == QLatin1String("milestone"))
        return milestone(rest);
    if (verb == QLatin1String("show"))
        return show(rest);
    if (verb == QLatin1String("check"))
        return IntegrityCommands(m_out, m_err).check(rest);
    if (verb == QLatin1String("recover"))
        return IntegrityCommands(m_out, m_err).recover(rest);
    m_err << "sitrep: unknown incident command \"" << verb << "\"\n";
    return usage(2);
}

int IncidentCommands::newIncident(const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("title"), QStringLiteral("Title"), QStringLiteral("T")},
         {QStringLiteral("service"), QStringLiteral("Affected service"), QStringLiteral("S")},
         {QStringLiteral("severity"), QStringLiteral("Severity"), QStringLiteral("P"), QStringLiteral("P1")},
         {QStringLiteral("commander"), QStringLiteral("Incident commander"), QStringLiteral("NAME")},
         {{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("File"), QStringLiteral("FILE")}});
    if (!p.parse(QStringList{QStringLiteral("new")} + args)) {
        m_err << "sitrep: " << p.errorText() << "\n";
        return usage(2);
    }
    const QString path = p.value(QStringLiteral("output"));
    if (path.isEmpty() || !p.isSet(QStringLiteral("title"))) {
        m_err << "sitrep: incident new needs --title and -o FILE\n";
        return usage(2);
    }
    if (QFileInfo::exists(path)) {
        m_err << "sitrep: " << path << ": already exists; not overwriting an incident\n";
        return 1;
    }
    Opened o;
    if (auto r = o.journal.open(path); !r)
        return fail(m_err, r.error());
    IncidentSession session(o.journal, o.clock, currentUser());
    IncidentSession::Declaration d;
    d.title = p.value(QStringLiteral("title"));
    d.service = p.value(QStringLiteral("service"));
    d.severity = p.value(QStringLiteral("severity"));
    d.commander = p.value(QStringLiteral("commander"));
    if (auto r = session.declare(d); !r) {
        o.journal.close();
        QFile::remove(path);
        return fail(m_err, r.error());
    }
    m_out << "declared " << session.incident().severity() << " incident " << session.incident().id() << " in "
          << path << "\n";
    return 0;
}

int IncidentCommands::note(const QStringList &args)
{
    QStringList positional;
    bool pin = false;
    for (const auto &a : args)
        (a == QLatin1String("--pin") ? (void)(pin = true) : positional.append(a));
    if (positional.size() < 2)
        return usage(2);
    Opened o;
    if (!openIncident(o, positional.first(), m_err))
        return 1;
    auto r = o.session->addNote(positional.mid(1).join(QLatin1Char(' ')), pin);
    if (!r)
        return fail(m_err, r.error());
    m_out << "noted #" << r->id << "\n";
    return 0;
}

int IncidentCommands::status(const QStringList &args)
{
    if (args.size() < 2)
        return usage(2);
    const auto s = parseStatus(args.at(1));
    if (!s)
        return fail(m_err, s.error());
    QString noteText;
    if (const auto i = args.indexOf(QStringLiteral("--note")); i >= 0 && i + 1 < args.size())
        noteText = args.at(i + 1);
    Opened o;
    if (!openIncident(o, args.first(), m_err))
        return 1;
    if (auto r = o.session->setStatus(*s, noteText); !r)
        return fail(m_err, r.error());
    m_out << "status " << statusName(*s) << "\n";
    return 0;
}

int IncidentCommands::severity(const QStringList &args)
{
    if (args.size() < 2)
        return usage(2);
    QString reason;
    if (const auto i = args.indexOf(QStringLiteral("--reason")); i >= 0 && i + 1 < args.size())
        reason = args.at(i + 1);
    Opened o;
    if (!openIncident(o, args.first(), m_err))
        return 1;
    if (auto r = o.session->setSeverity(args.at(1), reason); !r)
        return fail(m_err, r.error());
    m_out << "severity " << o.session->incident().severity() << "\n";
    return 0;
}

int IncidentCommands::role(const QStringList &args)
{
    if (args.size() < 3)
        return usage(2);
    const auto r = parseRole(args.at(1));
    if (!r)
        return fail(m_err, r.error());
    Opened o;
    if (!openIncident(o, args.first(), m_err))
        return 1;
    if (auto res = o.session->assignRole(*r, args.mid(2).join(QLatin1Char(' '))); !res)
        return fail(m_err, res.error());
    m_out << roleName(*r) << " " << o.session->incident().role(*r) << "\n";
    return 0;
}

int IncidentCommands::milestone(const QStringList &args)
{
    if (args.size() < 2)
        return usage(2);
    const auto m = parseMilestone(args.at(1));
    if (!m)
        return fail(m_err, m.error());
    QDateTime when = QDateTime::currentDateTimeUtc();
    if (args.size() > 2) {
        when = QDateTime::fromString(args.at(2), Qt::ISODate);
        if (!when.isValid())
            return fail(m_err,
                        makeError(QStringLiteral("\"%1\" is not an ISO 8601 time (e.g. 2026-11-23T10:15:00Z)")
                                      .arg(args.at(2))));
    }
    Opened o;
    if (!openIncident(o, args.first(), m_err))
        return 1;
    if (auto r = o.session->setMilestone(*m, when); !r)
        return fail(m_err, r.error());
    m_out << milestoneName(*m) << " " << when.toUTC().toString(Qt::ISODate) << "\n";
    return 0;
}

int IncidentCommands::show(const QStringList &args)
{
    if (args.isEmpty())
        return usage(2);
    const bool json = args.contains(QStringLiteral("--json"));
    const bool pinnedOnly = args.contains(QStringLiteral("--pinned-only"));
    Opened o;
    if (!openIncident(o, args.first(), m_err, Journal::Mode::ReadOnly))
        return 1;
    const Incident &inc = o.session->incident();
    QList<TimelineEvent> events = o.journal.events();
    if (pinnedOnly)
        events.removeIf([](const TimelineEvent &e) { return !e.pinned; });
    if (json) {
        QJsonArray arr;
        for (const auto &e : events)
            arr.append(e.toJson());
        const QJsonObject doc{{QStringLiteral("id"), inc.id()},
                              {QStringLiteral("title"), inc.title()},
                              {QStringLiteral("service"), inc.service()},
                              {QStringLiteral("severity"), inc.severity()},
                              {QStringLiteral("status"), statusName(inc.status())},
                              {QStringLiteral("commander"), inc.commander()},
                              {QStringLiteral("milestones"), inc.milestones().toJson()},
                              {QStringLiteral("events"), arr}};
        m_out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return damageWarning(o.journal, args.first());
    }
    m_out << inc.severity() << " " << statusTitle(inc.status()).toUpper() << "  " << inc.title();
    if (!inc.service().isEmpty())
        m_out << "  [" << inc.service() << "]";
    m_out << "\n";
    if (!inc.commander().isEmpty())
        m_out << "Commander: " << inc.commander() << "\n";
    for (const auto &e : events) {
        m_out << e.time().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "Z  " << (e.pinned ? "* " : "  ")
              << eventKindTitle(e.kind).leftJustified(16) << " " << e.author.leftJustified(10) << " "
              << e.summary << "\n";
    }
    return damageWarning(o.journal, args.first());
}

int IncidentCommands::damageWarning(const Journal &journal, const QString &path)
{
    // A damaged file shows every event it still holds, and says loudly that it is not all of them.
    if (!journal.health().isDamaged())
        return 0;
    m_err << "sitrep: " << path << ": " << journal.health().sentence()
          << "; the events above are only those. Recover them into a new file: sitrep incident recover " << path
          << " -o NEW.sitrep\n";
    return 1;
}

} // namespace Sitrep::Cli
