// Team server URLs: libpq URIs and keyword strings, loopback detection, the TLS default for remote hosts.
#include "team/ServerUrl.h"

#include <QSqlDatabase>
#include <QTest>

using Sitrep::Team::ServerUrl;
using namespace Qt::Literals::StringLiterals;

class TestServerUrl : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        qunsetenv("PGSSLMODE");
        qunsetenv("PGHOST");
        qunsetenv("PGCONNECT_TIMEOUT");
    }

    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<QStringList>("ports");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("db");
        QTest::addColumn<QString>("display");

        QTest::newRow("uri") << u"postgresql://alice@db.example:5432/sitrep"_s << QStringList{u"db.example"_s}
                             << QStringList{u"5432"_s} << u"alice"_s << u"sitrep"_s
                             << u"alice@db.example:5432/sitrep"_s;
        QTest::newRow("postgres scheme, no port")
            << u"postgres://bob@db/incidents"_s << QStringList{u"db"_s} << QStringList{u""_s} << u"bob"_s
            << u"incidents"_s << u"bob@db/incidents"_s;
        QTest::newRow("multi-host")
            << u"postgresql://alice@db1:5432,db2:5433/sitrep?target_session_attrs=read-write"_s
            << QStringList{u"db1"_s, u"db2"_s} << QStringList{u"5432"_s, u"5433"_s} << u"alice"_s
            << u"sitrep"_s << u"alice@db1:5432,db2:5433/sitrep"_s;
        QTest::newRow("ipv6") << u"postgresql://alice@[::1]:5432/sitrep"_s << QStringList{u"::1"_s}
                              << QStringList{u"5432"_s} << u"alice"_s << u"sitrep"_s
                              << u"alice@[::1]:5432/sitrep"_s;
        QTest::newRow("percent-encoded user and socket")
            << u"postgresql://al%40ce@%2Fvar%2Frun%2Fpostgresql/sitrep"_s
            << QStringList{u"/var/run/postgresql"_s} << QStringList{u""_s} << u"al@ce"_s << u"sitrep"_s
            << u"al@ce@/var/run/postgresql/sitrep"_s;
        QTest::newRow("keywords")
            << u"host=a,b port=5432 dbname=sitrep user='carol' target_session_attrs=read-write"_s
            << QStringList{u"a"_s, u"b"_s} << QStringList{u"5432"_s, u"5432"_s} << u"carol"_s << u"sitrep"_s
            << u"carol@a:5432,b:5432/sitrep"_s;
        QTest::newRow("host in query")
            << u"postgresql:///sitrep?host=db9&port=6000&user=dave"_s << QStringList{u"db9"_s}
            << QStringList{u"6000"_s} << u"dave"_s << u"sitrep"_s << u"dave@db9:6000/sitrep"_s;
    }
    void parses()
    {
        QFETCH(QString, text);
        auto url = ServerUrl::parse(text);
        QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
        QFETCH(QStringList, hosts);
        QFETCH(QStringList, ports);
        QCOMPARE(url->hosts(), hosts);
        QCOMPARE(url->ports(), ports);
        QTEST(url->user(), "user");
        QTEST(url->database(), "db");
        QTEST(url->display(), "display");
        // What we hand on (and store in an incident file) parses back to the same server.
        auto again = ServerUrl::parse(url->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->display(), url->display());
        QCOMPARE(again->options(), url->options());
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << u""_s << u"no team server"_s;
        QTest::newRow("http") << u"http://db:5432/sitrep"_s << u"postgresql://"_s;
        QTest::newRow("unknown option") << u"postgresql://a@db/sitrep?sslmod=require"_s << u"sslmod"_s;
        QTest::newRow("bad sslmode") << u"postgresql://a@db/sitrep?sslmode=always"_s << u"always"_s;
        QTest::newRow("bad port") << u"postgresql://a@db:99999/sitrep"_s << u"99999"_s;
        QTest::newRow("unclosed quote") << u"host=db user='alice"_s << u"unterminated"_s;
        QTest::newRow("not a url") << u"db.example"_s << u"not a PostgreSQL"_s;
    }
    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        auto url = ServerUrl::parse(text);
        QVERIFY(!url.ok());
        QVERIFY2(url.error().text().contains(mentions), qPrintable(url.error().text()));
    }

    void passwordStaysOutOfTheTextWeKeep()
    {
        auto url = ServerUrl::parse(QStringLiteral("postgresql://alice:s3cr%2Ft@db.example/sitrep"));
        QVERIFY(url.ok());
        QCOMPARE(url->password(), QStringLiteral("s3cr/t"));
        QVERIFY(!url->toString().contains(QLatin1String("s3cr")));
        QVERIFY(!url->display().contains(QLatin1String("s3cr")));
        QVERIFY(!url->connectOptions(QStringLiteral("sitrep")).contains(QLatin1String("s3cr")));
        QCOMPARE(url->secretName(), QStringLiteral("team-server:alice@db.example/sitrep"));
    }

    void loopback_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("loopback");
        QTest::addColumn<QString>("sslmode");
        QTest::newRow("127.0.0.1") << u"postgresql://a@127.0.0.1:5432/s"_s << true << u"prefer"_s;
        QTest::newRow("127.1.2.3") << u"postgresql://a@127.1.2.3/s"_s << true << u"prefer"_s;
        QTest::newRow("localhost") << u"postgresql://a@localhost/s"_s << true << u"prefer"_s;
        QTest::newRow("::1") << u"postgresql://a@[::1]/s"_s << true << u"prefer"_s;
        QTest::newRow("socket") << u"host=/tmp/pg user=a"_s << true << u"prefer"_s;
        QTest::newRow("remote name") << u"postgresql://a@db.example/s"_s << false << u"verify-full"_s;
        QTest::newRow("remote address") << u"postgresql://a@10.0.0.5/s"_s << false << u"verify-full"_s;
        QTest::newRow("one remote of two")
            << u"postgresql://a@localhost,db2/s"_s << false << u"verify-full"_s;
        QTest::newRow("hostaddr decides")
            << u"host=localhost hostaddr=10.1.1.1 user=a"_s << false << u"verify-full"_s;
        QTest::newRow("explicit disable")
            << u"postgresql://a@db.example/s?sslmode=disable"_s << false << u"disable"_s;
    }
    void loopback()
    {
        QFETCH(QString, text);
        auto url = ServerUrl::parse(text);
        QVERIFY(url.ok());
        QTEST(url->isLoopback(), "loopback");
        QTEST(url->sslMode(), "sslmode");
        const QString opts = url->connectOptions(QStringLiteral("sitrep"));
        QFETCH(bool, loopback);
        QFETCH(QString, sslmode);
        // A remote server gets verify-full on the wire unless the URL chose; loopback is left to libpq.
        if (!loopback)
            QVERIFY2(opts.contains(QStringLiteral("sslmode=") + sslmode), qPrintable(opts));
        else
            QVERIFY2(!opts.contains(QLatin1String("sslmode")), qPrintable(opts));
    }

    void plainTextToARemoteHostIsAnExplicitChoice()
    {
        auto verified = ServerUrl::parse(QStringLiteral("postgresql://a@db.example/s"));
        QVERIFY(verified.ok());
        QVERIFY(!verified->plainTextToRemote());
        QVERIFY(!verified->sslModeExplicit());
        auto plain = ServerUrl::parse(QStringLiteral("postgresql://a@db.example/s?sslmode=disable"));
        QVERIFY(plain.ok());
        QVERIFY(plain->plainTextToRemote());
        QVERIFY(plain->sslModeExplicit());
        auto local = ServerUrl::parse(QStringLiteral("postgresql://a@127.0.0.1/s?sslmode=disable"));
        QVERIFY(local.ok());
        QVERIFY(!local->plainTextToRemote());
        // PGSSLMODE is libpq's convention for the same choice.
        qputenv("PGSSLMODE", "require");
        QVERIFY(verified->sslModeExplicit());
        QCOMPARE(verified->sslMode(), QStringLiteral("require"));
        QVERIFY(verified->plainTextToRemote()); // encrypted but not verified
        QVERIFY(!verified->connectOptions({}).contains(QLatin1String("sslmode")));
    }

    void connectOptionsCarryDefaultsAndUserChoices()
    {
        auto url = ServerUrl::parse(QStringLiteral(
            "postgresql://a@db1:5432,db2:5432/s?target_session_attrs=read-write&connect_timeout=2"
            "&sslrootcert=/etc/team%20ca.crt"));
        QVERIFY(url.ok());
        const QString opts = url->connectOptions(QStringLiteral("sitrep-test"));
        QVERIFY2(opts.contains(QLatin1String("target_session_attrs=read-write")), qPrintable(opts));
        QVERIFY2(opts.contains(QLatin1String("connect_timeout=2")), qPrintable(opts));
        QVERIFY2(opts.contains(QLatin1String("port=5432,5432")), qPrintable(opts));
        QVERIFY2(opts.contains(QLatin1String("sslrootcert='/etc/team ca.crt'")), qPrintable(opts));
        QVERIFY2(opts.contains(QLatin1String("application_name=sitrep-test")), qPrintable(opts));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("probe"));
        url->configure(db, QStringLiteral("typed"), QStringLiteral("x"));
        QCOMPARE(db.hostName(), QStringLiteral("db1,db2"));
        QCOMPARE(db.userName(), QStringLiteral("a"));
        QCOMPARE(db.password(), QStringLiteral("typed"));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }
};

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_serverurl.moc"
