// `sitrep team ...` as a responder types it, against real PostgreSQL 15 servers (one plain, one with TLS
// from a throwaway CA): share, join, sync, incidents, status; libpq's conventions (PGPASSWORD, ~/.pgpass,
// multi-host URLs); and bad input, each a sentence on stderr with the local incident untouched.
#include "core/Journal.h"
#include "core/JournalReplica.h"
#include "support/PostgresFixture.h"
#include "support/TestEnv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Sitrep;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

QByteArray digest(const QString &path)
{
    QByteArray all;
    for (const QString &p : {path, path + QStringLiteral("-wal")}) {
        QFile f(p);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return QCryptographicHash::hash(all, QCryptographicHash::Sha256);
}

} // namespace

class TestTeamCli : public QObject
{
    Q_OBJECT
    Test::PostgresFixture m_pg;
    Test::PostgresFixture m_tls;
    QTemporaryDir m_dir;
    int m_files = 0;

    Run sitrep(const QStringList &args, const QString &password = {}, const QStringList &env = {})
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        e.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        e.remove(QStringLiteral("PGPASSWORD"));
        if (!password.isEmpty())
            e.insert(QStringLiteral("PGPASSWORD"), password);
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        p.setProcessEnvironment(e);
        p.start(Test::sitrepBinary(), args);
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.code = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    QString newIncident(const QString &title)
    {
        const QString path = m_dir.filePath(QStringLiteral("i%1.sitrep").arg(++m_files));
        const Run r =
            sitrep({QStringLiteral("incident"), QStringLiteral("new"), QStringLiteral("--title"), title,
                    QStringLiteral("--service"), QStringLiteral("payments"), QStringLiteral("--commander"),
                    QStringLiteral("alice"), QStringLiteral("-o"), path});
        return r.code == 0 ? path : QString();
    }
    static QString teamIdOf(const QString &path)
    {
        Core::Journal j;
        if (!j.open(path, Core::Journal::Mode::ReadOnly))
            return QStringLiteral("<cannot open>");
        return Core::JournalReplica(j).teamId();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!Test::sitrepBinary().isEmpty(), "SITREP_BINARY is not set (run through ctest)");
        QString err = m_pg.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        Test::PostgresFixture::Options tls;
        tls.tls = true;
        tls.certNames = {QStringLiteral("localhost")}; // not 127.0.0.1: connecting by address must fail
        err = m_tls.start(tls);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
        // `team serve` runs PostgreSQL as the postgres user when we are root: it must get through.
        QVERIFY(QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                        QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                        QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                                        QFileDevice::ExeGroup));
        // A database without the schema, and one whose schema is newer than this Sitrep.
        QCOMPARE(m_pg.sql(QStringLiteral("CREATE DATABASE empty"), QStringLiteral("postgres")), QString());
        QCOMPARE(m_pg.sql(QStringLiteral("CREATE DATABASE future"), QStringLiteral("postgres")), QString());
        QCOMPARE(m_pg.sql(QStringLiteral("CREATE DATABASE initme"), QStringLiteral("postgres")), QString());
        const Run init = sitrep({QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--server"),
                                 m_pg.cluster().adminUrl(QStringLiteral("future"))});
        QVERIFY2(init.code == 0, qPrintable(init.err));
        QVERIFY(
            m_pg.sql(QStringLiteral("INSERT INTO sitrep.schema_version(version, sitrep) VALUES(99, 'later')"),
                     QStringLiteral("future"))
                .isEmpty());
        QCOMPARE(m_pg.sql(QStringLiteral("GRANT CONNECT ON DATABASE future TO PUBLIC"),
                          QStringLiteral("postgres")),
                 QString());
    }

    void initCreatesAndUpgradesTheSchema()
    {
        const QString url = m_pg.cluster().adminUrl(QStringLiteral("initme"));
        Run r = sitrep({QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--server"), url});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("now version 1 (created)")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("IN ROLE sitrep_responder")));
        r = sitrep({QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--server"), url});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("up to date")), qPrintable(r.out));
    }

    void shareJoinSyncListAndStatus()
    {
        const QString a = newIncident(QStringLiteral("Payments failing"));
        QVERIFY(!a.isEmpty());
        Run r = sitrep(
            {QStringLiteral("team"), QStringLiteral("share"), a, QStringLiteral("--server"), m_pg.url()},
            Test::PostgresFixture::password(QStringLiteral("alice")));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString team = teamIdOf(a);
        QVERIFY(!team.isEmpty());
        QVERIFY2(r.out.contains(QStringLiteral("shared as team incident %1").arg(team)), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("sitrep team join %1 --server").arg(team)));

        // bob: his password from ~/.pgpass, as libpq reads it.
        QFile pgpass(m_dir.filePath(QStringLiteral("home/.pgpass")));
        QVERIFY(pgpass.open(QIODevice::WriteOnly));
        pgpass.write(QStringLiteral("127.0.0.1:%1:sitrep:bob:%2\n")
                         .arg(m_pg.port())
                         .arg(Test::PostgresFixture::password(QStringLiteral("bob")))
                         .toUtf8());
        pgpass.close();
        pgpass.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const QString b = m_dir.filePath(QStringLiteral("bob.sitrep"));
        r = sitrep({QStringLiteral("team"), QStringLiteral("join"), team, QStringLiteral("--server"),
                    m_pg.url(QStringLiteral("bob")), QStringLiteral("-o"), b});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile::remove(pgpass.fileName());

        r = sitrep(
            {QStringLiteral("incident"), QStringLiteral("note"), b, QStringLiteral("bob checked the db")}, {},
            {QStringLiteral("SITREP_USER=bob")});
        QCOMPARE(r.code, 0);
        r = sitrep({QStringLiteral("incident"), QStringLiteral("severity"), a, QStringLiteral("P0")});
        QCOMPARE(r.code, 0);
        for (const QString &file : {b, a, b}) {
            const QString user = file == b ? QStringLiteral("bob") : QStringLiteral("alice");
            r = sitrep({QStringLiteral("team"), QStringLiteral("sync"), file},
                       Test::PostgresFixture::password(user));
            QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        }
        r = sitrep({QStringLiteral("incident"), QStringLiteral("show"), b, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(shown.value(QLatin1String("severity")).toString(), QStringLiteral("P0"));
        const QJsonArray events = shown.value(QLatin1String("events")).toArray();
        QCOMPARE(events.size(), 4);
        // bob's note, attributed to him and to where he wrote it.
        const QJsonObject bobs = events.at(2).toObject();
        QCOMPARE(bobs.value(QLatin1String("summary")).toString(), QStringLiteral("bob checked the db"));
        QCOMPARE(bobs.value(QLatin1String("author")).toString(), QStringLiteral("bob"));
        QVERIFY(bobs.value(QLatin1String("origin")).toString().startsWith(QLatin1String("bob@")));
        QVERIFY(bobs.value(QLatin1String("seq")).toInteger() > 0);

        // The list: title, severity, status, commander, age, responders.
        r = sitrep({QStringLiteral("team"), QStringLiteral("incidents"), QStringLiteral("--server"),
                    m_pg.url(QStringLiteral("wall")), QStringLiteral("--json")},
                   Test::PostgresFixture::password(QStringLiteral("wall")));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QJsonObject mine;
        for (const auto &v : list) {
            if (v.toObject().value(QLatin1String("id")).toString() == team)
                mine = v.toObject();
        }
        QCOMPARE(mine.value(QLatin1String("title")).toString(), QStringLiteral("Payments failing"));
        QCOMPARE(mine.value(QLatin1String("severity")).toString(), QStringLiteral("P0"));
        QCOMPARE(mine.value(QLatin1String("status")).toString(), QStringLiteral("investigating"));
        QCOMPARE(mine.value(QLatin1String("commander")).toString(), QStringLiteral("alice"));
        QVERIFY(mine.value(QLatin1String("responders")).toArray().contains(QStringLiteral("bob")));
        r = sitrep({QStringLiteral("team"), QStringLiteral("incidents"), QStringLiteral("--server"),
                    m_pg.url(QStringLiteral("wall"))},
                   Test::PostgresFixture::password(QStringLiteral("wall")));
        QVERIFY(r.out.contains(QLatin1String("Payments failing")));
        QVERIFY(r.out.contains(QLatin1String("RESPONDERS")));

        r = sitrep({QStringLiteral("team"), QStringLiteral("status"), b, QStringLiteral("--json")},
                   Test::PostgresFixture::password(QStringLiteral("bob")));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject status = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(status.value(QLatin1String("team")).toString(), team);
        QCOMPARE(status.value(QLatin1String("unshared")).toInteger(), 0);
        QCOMPARE(status.value(QLatin1String("serverRecords")).toInteger(), 4);
        QCOMPARE(status.value(QLatin1String("shared")).toInteger(), 4);

        // Sharing again is harmless: same id.
        r = sitrep(
            {QStringLiteral("team"), QStringLiteral("share"), a, QStringLiteral("--server"), m_pg.url()},
            Test::PostgresFixture::password(QStringLiteral("alice")));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("already shared as team incident %1").arg(team)));
    }

    void multiHostUrlFindsTheServerThatAnswers()
    {
        const quint16 nobody = Test::freePort();
        const QString url =
            QStringLiteral(
                "postgresql://wall@127.0.0.1:%1,127.0.0.1:%2/sitrep?target_session_attrs=read-write")
                .arg(nobody)
                .arg(m_pg.port());
        const Run r =
            sitrep({QStringLiteral("team"), QStringLiteral("incidents"), QStringLiteral("--server"), url},
                   Test::PostgresFixture::password(QStringLiteral("wall")));
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void tlsVerifiedByName()
    {
        const QString a = newIncident(QStringLiteral("over TLS"));
        const QString url =
            QStringLiteral("postgresql://alice@localhost:%1/sitrep?sslmode=verify-full&sslrootcert=%2")
                .arg(m_tls.port())
                .arg(m_tls.caCert());
        const Run r =
            sitrep({QStringLiteral("team"), QStringLiteral("share"), a, QStringLiteral("--server"), url},
                   Test::PostgresFixture::password(QStringLiteral("alice")));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString ssl = m_tls.sql(QStringLiteral("SELECT count(*) FROM sitrep.events"));
        QCOMPARE(ssl, QStringLiteral("2"));
        // libpq's PGSSLROOTCERT works as well as sslrootcert= in the URL.
        const QString b = newIncident(QStringLiteral("over TLS, CA from the environment"));
        const Run env = sitrep(
            {QStringLiteral("team"), QStringLiteral("share"), b, QStringLiteral("--server"),
             QStringLiteral("postgresql://alice@localhost:%1/sitrep?sslmode=verify-full").arg(m_tls.port())},
            Test::PostgresFixture::password(QStringLiteral("alice")),
            {QStringLiteral("PGSSLROOTCERT=") + m_tls.caCert()});
        QVERIFY2(env.code == 0, qPrintable(env.err));
    }

    void badInputIsASentenceAndTheIncidentIsUntouched_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("wrong password") << m_pg.url() << QStringLiteral("not-her-password")
                                        << QStringLiteral("refused the password for user \"alice\"");
        QTest::newRow("unknown host") << QStringLiteral("postgresql://alice@no-such-host.invalid:5432/sitrep")
                                      << Test::PostgresFixture::password(QStringLiteral("alice"))
                                      << QStringLiteral("unknown host \"no-such-host.invalid\"");
        QTest::newRow("nothing listening")
            << QStringLiteral("postgresql://alice@127.0.0.1:%1/sitrep").arg(Test::freePort())
            << Test::PostgresFixture::password(QStringLiteral("alice"))
            << QStringLiteral("connection refused");
        QTest::newRow("certificate for another name")
            << QStringLiteral("postgresql://alice@127.0.0.1:%1/sitrep?sslmode=verify-full&sslrootcert=%2")
                   .arg(m_tls.port())
                   .arg(m_tls.caCert())
            << Test::PostgresFixture::password(QStringLiteral("alice"))
            << QStringLiteral("certificate is for \"localhost\", not \"127.0.0.1\"");
        QTest::newRow("no CA to verify with")
            << QStringLiteral("postgresql://alice@localhost:%1/sitrep?sslmode=verify-full").arg(m_tls.port())
            << Test::PostgresFixture::password(QStringLiteral("alice")) << QStringLiteral("sslrootcert");
        QTest::newRow("server without the schema")
            << QStringLiteral("postgresql://alice@127.0.0.1:%1/empty").arg(m_pg.port())
            << Test::PostgresFixture::password(QStringLiteral("alice"))
            << QStringLiteral("no Sitrep schema in database \"empty\"");
        QTest::newRow("schema newer than this Sitrep")
            << QStringLiteral("postgresql://alice@127.0.0.1:%1/future").arg(m_pg.port())
            << Test::PostgresFixture::password(QStringLiteral("alice"))
            << QStringLiteral("schema is version 99, newer than this Sitrep");
        QTest::newRow("role without INSERT")
            << m_pg.url(QStringLiteral("reader")) << Test::PostgresFixture::password(QStringLiteral("reader"))
            << QStringLiteral("user \"reader\" may only read");
        QTest::newRow("no Sitrep role at all") << m_pg.url(QStringLiteral("outsider"))
                                               << Test::PostgresFixture::password(QStringLiteral("outsider"))
                                               << QStringLiteral("no access to the Sitrep schema");
    }
    void badInputIsASentenceAndTheIncidentIsUntouched()
    {
        QFETCH(QString, url);
        QFETCH(QString, password);
        QFETCH(QString, sentence);
        const QString a = newIncident(QStringLiteral("untouched"));
        QVERIFY(!a.isEmpty());
        const QByteArray before = digest(a);
        const Run r = sitrep(
            {QStringLiteral("team"), QStringLiteral("share"), a, QStringLiteral("--server"), url}, password);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(sentence), qPrintable(r.err));
        QVERIFY2(r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err)); // one sentence, no dump
        QVERIFY(!r.err.contains(password) || password.isEmpty());
        QCOMPARE(digest(a), before);
        QCOMPARE(teamIdOf(a), QString());
        // Join says the same and creates no file.
        const QString joined = m_dir.filePath(QStringLiteral("never.sitrep"));
        const Run j = sitrep({QStringLiteral("team"), QStringLiteral("join"), QStringLiteral("abcd1234"),
                              QStringLiteral("--server"), url, QStringLiteral("-o"), joined},
                             password);
        QCOMPARE(j.code, 1);
        QVERIFY2(j.err.contains(sentence), qPrintable(j.err));
        QVERIFY(!QFile::exists(joined));
    }

    void serveRunsAWarRoomServer()
    {
        // `sitrep team serve`: its own PostgreSQL, TLS from its own CA, the schema and two logins; the URLs
        // it prints work as printed, with the certificate verified.
        const QString data = m_dir.filePath(QStringLiteral("warroom"));
        const quint16 port = Test::freePort();
        QString local;
        QString wallUrl;
        for (int run = 0; run < 2; ++run) {
            QProcess serve;
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
            serve.setProcessEnvironment(e);
            serve.start(Test::sitrepBinary(),
                        {QStringLiteral("team"), QStringLiteral("serve"), QStringLiteral("--data"), data,
                         QStringLiteral("--port"), QString::number(port), QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1")});
            QString out;
            QTRY_VERIFY2_WITH_TIMEOUT(
                (out += QString::fromUtf8(serve.readAllStandardOutput())).contains(QLatin1String("Ready.")) ||
                    serve.state() == QProcess::NotRunning,
                qPrintable(out + QString::fromUtf8(serve.readAllStandardError())), 90000);
            QVERIFY2(out.contains(QLatin1String("Ready.")),
                     qPrintable(QStringLiteral("exit %1 %2: %3 %4")
                                    .arg(serve.exitCode())
                                    .arg(serve.errorString(), out,
                                         QString::fromUtf8(serve.readAllStandardError()))));
            const QString thisMachine =
                out.section(QStringLiteral("This machine: "), 1).section(QLatin1Char('\n'), 0, 0);
            const QString wall =
                out.section(QStringLiteral("Wall:       "), 1).section(QLatin1Char('\n'), 0, 0);
            QVERIFY2(thisMachine.startsWith(QLatin1String("postgresql://responder:")), qPrintable(out));
            QVERIFY(thisMachine.contains(QLatin1String("sslmode=verify-full")));
            if (run == 0) {
                local = thisMachine;
                wallUrl = wall;
                const QString a = newIncident(QStringLiteral("war room"));
                const Run shared = sitrep(
                    {QStringLiteral("team"), QStringLiteral("share"), a, QStringLiteral("--server"), local});
                QVERIFY2(shared.code == 0, qPrintable(shared.err));
            } else {
                QCOMPARE(thisMachine, local); // the same URLs after a restart: nobody has to be told again
                const Run listed =
                    sitrep({QStringLiteral("team"), QStringLiteral("incidents"), QStringLiteral("--server"),
                            wallUrl.replace(QStringLiteral("@") + QSysInfo::machineHostName(),
                                            QStringLiteral("@localhost"))});
                QVERIFY2(listed.code == 0, qPrintable(listed.err));
                QVERIFY2(listed.out.contains(QLatin1String("war room")), qPrintable(listed.out));
            }
            ::kill(pid_t(serve.processId()), SIGTERM);
            QVERIFY(serve.waitForFinished(60000));
            QCOMPARE(serve.exitCode(), 0);
            QVERIFY(QString::fromUtf8(serve.readAllStandardOutput()).contains(QLatin1String("Stopped.")));
        }
    }

    void badUsage()
    {
        Run r = sitrep({QStringLiteral("team"), QStringLiteral("share")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("usage: sitrep team")));
        r = sitrep({QStringLiteral("team"), QStringLiteral("share"), QStringLiteral("x.sitrep"),
                    QStringLiteral("--server"), QStringLiteral("http://db/sitrep")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("starts with postgresql://")), qPrintable(r.err));
        r = sitrep(
            {QStringLiteral("team"), QStringLiteral("sync"), m_dir.filePath(QStringLiteral("nope.sitrep"))});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("no such incident file")), qPrintable(r.err));
        r = sitrep({QStringLiteral("--wall"), QStringLiteral("--follow"), QStringLiteral("team:abcd1234")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("--follow team:ID needs --server URL")), qPrintable(r.err));
        const QString local = newIncident(QStringLiteral("never shared"));
        r = sitrep({QStringLiteral("team"), QStringLiteral("sync"), local});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("not shared with a team")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestTeamCli)
#include "tst_teamcli.moc"
