#include "team/ServerSchema.h"

#include "team/ServerConnection.h"

#include <QSqlQuery>

using namespace Sitrep::Core;

namespace Sitrep::Team {

const QList<QStringList> &ServerSchema::migrations()
{
    static const QList<QStringList> m = {
        // v1: incidents, events, the server's ordering, append-only triggers, NOTIFY on insert.
        {
            QStringLiteral("CREATE SCHEMA IF NOT EXISTS sitrep"),
            QStringLiteral("CREATE TABLE sitrep.schema_version(version integer PRIMARY KEY,"
                           " applied_at timestamptz NOT NULL DEFAULT now(),"
                           " applied_by text NOT NULL DEFAULT current_user, sitrep text NOT NULL)"),
            QStringLiteral("CREATE TABLE sitrep.incidents(team_id text PRIMARY KEY"
                           " CHECK (team_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),"
                           " incident_id text NOT NULL, declared_uuid uuid NOT NULL, title text NOT NULL,"
                           " shared_by text NOT NULL, shared_at timestamptz NOT NULL DEFAULT now())"),
            QStringLiteral("CREATE SEQUENCE sitrep.event_seq AS bigint"),
            QStringLiteral("CREATE TABLE sitrep.events(seq bigint PRIMARY KEY,"
                           " team_id text NOT NULL REFERENCES sitrep.incidents(team_id),"
                           " uuid uuid NOT NULL UNIQUE, kind text NOT NULL, origin text NOT NULL,"
                           " author text NOT NULL, ts_ms bigint NOT NULL, summary text NOT NULL,"
                           " payload text NOT NULL DEFAULT '{}', pinned boolean NOT NULL DEFAULT false,"
                           " target uuid, received_at timestamptz NOT NULL DEFAULT clock_timestamp())"),
            QStringLiteral("CREATE INDEX events_team_seq ON sitrep.events(team_id, seq)"),
            // Sequence numbers are taken under a per-incident lock held until commit, so within one
            // incident a reader never sees seq N+1 before N is committed: "seq > cursor" misses nothing.
            QStringLiteral("CREATE FUNCTION sitrep.assign_seq() RETURNS trigger LANGUAGE plpgsql"
                           " SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
                           " PERFORM pg_advisory_xact_lock(hashtext('sitrep.events:' || NEW.team_id));"
                           " NEW.seq := nextval('sitrep.event_seq');"
                           " NEW.received_at := clock_timestamp();"
                           " RETURN NEW; END $$"),
            QStringLiteral("CREATE TRIGGER events_assign_seq BEFORE INSERT ON sitrep.events"
                           " FOR EACH ROW EXECUTE FUNCTION sitrep.assign_seq()"),
            QStringLiteral("CREATE FUNCTION sitrep.refuse_change() RETURNS trigger LANGUAGE plpgsql"
                           " SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
                           " RAISE EXCEPTION 'sitrep.% is append-only: % refused', TG_TABLE_NAME, TG_OP"
                           " USING ERRCODE = 'insufficient_privilege'; END $$"),
            QStringLiteral("CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON sitrep.events"
                           " FOR EACH ROW EXECUTE FUNCTION sitrep.refuse_change()"),
            QStringLiteral("CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON sitrep.events"
                           " FOR EACH STATEMENT EXECUTE FUNCTION sitrep.refuse_change()"),
            QStringLiteral("CREATE TRIGGER incidents_append_only BEFORE UPDATE OR DELETE ON sitrep.incidents"
                           " FOR EACH ROW EXECUTE FUNCTION sitrep.refuse_change()"),
            QStringLiteral("CREATE TRIGGER incidents_no_truncate BEFORE TRUNCATE ON sitrep.incidents"
                           " FOR EACH STATEMENT EXECUTE FUNCTION sitrep.refuse_change()"),
            // One notification per incident and transaction (the server folds identical payloads).
            QStringLiteral("CREATE FUNCTION sitrep.notify_event() RETURNS trigger LANGUAGE plpgsql"
                           " SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
                           " PERFORM pg_notify('sitrep_events', NEW.team_id); RETURN NULL; END $$"),
            QStringLiteral("CREATE TRIGGER events_notify AFTER INSERT ON sitrep.events"
                           " FOR EACH ROW EXECUTE FUNCTION sitrep.notify_event()"),
        },
    };
    return m;
}

const QStringList &ServerSchema::grants()
{
    static const QStringList g = {
        QStringLiteral("REVOKE ALL ON SCHEMA sitrep FROM PUBLIC"),
        QStringLiteral(
            "REVOKE ALL ON ALL TABLES IN SCHEMA sitrep FROM PUBLIC, sitrep_responder, sitrep_wall"),
        QStringLiteral("GRANT USAGE ON SCHEMA sitrep TO sitrep_responder, sitrep_wall"),
        QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA sitrep TO sitrep_responder, sitrep_wall"),
        QStringLiteral("GRANT INSERT ON sitrep.events, sitrep.incidents TO sitrep_responder"),
        QStringLiteral("GRANT USAGE ON SEQUENCE sitrep.event_seq TO sitrep_responder"),
    };
    return g;
}

Result<int> ServerSchema::installedVersion(ServerConnection &c)
{
    auto q = c.exec(QStringLiteral("SELECT to_regclass('sitrep.schema_version') IS NOT NULL"),
                    QStringLiteral("looking for the Sitrep schema"));
    if (!q)
        return q.error();
    if (!q.value().next() || !q.value().value(0).toBool())
        return 0;
    auto v = c.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM sitrep.schema_version"),
                    QStringLiteral("reading the schema version"));
    if (!v)
        return v.error();
    return v.value().next() ? v.value().value(0).toInt() : 0;
}

Result<ServerSchema::Report> ServerSchema::init(ServerConnection &c)
{
    Report report;
    QSqlDatabase db = c.database();
    if (!db.transaction())
        return makeError(QStringLiteral("cannot start a transaction on the team server"), c.url().display());
    auto fail = [&db](const Error &e) -> Result<Report> {
        db.rollback();
        return e;
    };
    // Two inits at once would both try to create the tables: the second waits, then finds them.
    if (auto r = c.exec(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext('sitrep:init'))"),
                        QStringLiteral("locking the schema"));
        !r)
        return fail(r.error());
    for (const QString &role : {kResponderRole, kWallRole}) {
        auto exists = c.exec(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = %1").arg(c.literal(role)),
                             QStringLiteral("looking up role %1").arg(role));
        if (!exists)
            return fail(exists.error());
        if (exists.value().next())
            continue;
        if (auto r = c.exec(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(role),
                            QStringLiteral("creating role %1").arg(role));
            !r)
            return fail(
                makeError(QStringLiteral("cannot create the role %1 (%2): run `sitrep team init` as a "
                                         "superuser or a user with CREATEROLE, or have an "
                                         "administrator run: CREATE ROLE sitrep_responder NOLOGIN; "
                                         "CREATE ROLE sitrep_wall NOLOGIN;")
                              .arg(role, r.error().message),
                          c.url().display()));
        report.rolesCreated << role;
    }
    auto version = installedVersion(c);
    if (!version)
        return fail(version.error());
    report.fromVersion = *version;
    if (*version > kVersion)
        return fail(makeError(QStringLiteral("the team server's schema is version %1, newer than this Sitrep "
                                             "(%2): upgrade Sitrep; nothing was changed")
                                  .arg(*version)
                                  .arg(kVersion),
                              c.url().display()));
    for (int v = *version; v < kVersion; ++v) {
        for (const QString &statement : migrations().at(v)) {
            if (auto r = c.exec(statement, QStringLiteral("migrating the schema to version %1").arg(v + 1));
                !r)
                return fail(r.error());
        }
        const QString record =
            QStringLiteral("INSERT INTO sitrep.schema_version(version, sitrep) VALUES(%1, %2)")
                .arg(v + 1)
                .arg(c.literal(QStringLiteral(SITREP_VERSION)));
        if (auto r = c.exec(record, QStringLiteral("recording schema version %1").arg(v + 1)); !r)
            return fail(r.error());
    }
    for (const QString &grant : grants()) {
        if (auto r = c.exec(grant, QStringLiteral("granting access to the roles")); !r)
            return fail(r.error());
    }
    if (!db.commit())
        return fail(
            makeError(QStringLiteral("the team server did not commit the schema"), c.url().display()));
    report.toVersion = kVersion;
    return report;
}

Result<void> ServerSchema::check(ServerConnection &c, Access access)
{
    const QString where = c.url().display();
    auto who = c.exec(QStringLiteral("SELECT current_user, current_database(),"
                                     " EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'sitrep')"),
                      QStringLiteral("checking the Sitrep schema"));
    if (!who)
        return who.error();
    if (!who.value().next())
        return makeError(QStringLiteral("the team server gave no answer"), where);
    const QString user = who.value().value(0).toString();
    const QString database = who.value().value(1).toString();
    const QString noSchema =
        QStringLiteral("the team server has no Sitrep schema in database \"%1\": its owner "
                       "runs `sitrep team init --server URL` once")
            .arg(database);
    if (!who.value().value(2).toBool())
        return makeError(noSchema, where);
    auto usage = c.exec(QStringLiteral("SELECT has_schema_privilege('sitrep', 'USAGE')"),
                        QStringLiteral("checking access to the Sitrep schema"));
    if (!usage)
        return usage.error();
    if (!usage.value().next() || !usage.value().value(0).toBool())
        return makeError(
            QStringLiteral("user \"%1\" has no access to the Sitrep schema: grant it %2 (responders) "
                           "or %3 (walls)")
                .arg(user, kResponderRole, kWallRole),
            where);
    auto version = installedVersion(c);
    if (!version)
        return version.error();
    if (*version == 0)
        return makeError(noSchema, where);
    if (*version > kVersion)
        return makeError(
            QStringLiteral("the team server's schema is version %1, newer than this Sitrep (%2): "
                           "upgrade Sitrep to work on it; the local incident is untouched")
                .arg(*version)
                .arg(kVersion),
            where);
    if (*version < kVersion)
        return makeError(
            QStringLiteral("the team server's schema is version %1, older than this Sitrep (%2): "
                           "its owner runs `sitrep team init --server URL` to upgrade it")
                .arg(*version)
                .arg(kVersion),
            where);
    auto privileges = c.exec(QStringLiteral("SELECT has_table_privilege('sitrep.events', 'SELECT'),"
                                            " has_table_privilege('sitrep.incidents', 'SELECT'),"
                                            " has_table_privilege('sitrep.events', 'INSERT'),"
                                            " has_table_privilege('sitrep.incidents', 'INSERT'),"
                                            " has_sequence_privilege('sitrep.event_seq', 'USAGE')"),
                             QStringLiteral("checking privileges"));
    if (!privileges)
        return privileges.error();
    if (!privileges.value().next())
        return makeError(QStringLiteral("the team server gave no answer"), where);
    if (!privileges.value().value(0).toBool() || !privileges.value().value(1).toBool())
        return makeError(QStringLiteral("user \"%1\" may not read the team's incidents (no SELECT on "
                                        "sitrep.events): grant it %2 or %3")
                             .arg(user, kResponderRole, kWallRole),
                         where);
    if (access == Access::Responder &&
        (!privileges.value().value(2).toBool() || !privileges.value().value(3).toBool() ||
         !privileges.value().value(4).toBool()))
        return makeError(QStringLiteral("user \"%1\" may only read the team server (no INSERT on "
                                        "sitrep.events): responders need the %2 role; a read-only user "
                                        "suits the wall (sitrep --wall --follow team:ID)")
                             .arg(user, kResponderRole),
                         where);
    return {};
}

} // namespace Sitrep::Team
