#include "core/Environment.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;

class TstEnvironment : public QObject
{
    Q_OBJECT
private slots:
    void roundTripAndActive();
    void validate_data();
    void validate();
    void databaseForSqlSteps();
};

void TstEnvironment::roundTripAndActive()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    EnvironmentStore store(settings);
    QVERIFY(store.isFirstRun());
    Environment prod{QStringLiteral("prod-eu"),
                     QStringLiteral("#c62828"),
                     {},
                     QStringLiteral("prod-eu-admin"),
                     QStringLiteral("https://prom.prod.example"),
                     QStringLiteral("prom-prod-token")};
    Environment staging{QStringLiteral("staging"), QStringLiteral("#1565c0")};
    store.save({prod, staging});
    store.setActiveName(QStringLiteral("prod-eu"));
    QVERIFY(!store.isFirstRun());
    const auto loaded = store.load();
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded.at(0).kubeContext, QStringLiteral("prod-eu-admin"));
    QCOMPARE(store.active()->prometheusSecret, QStringLiteral("prom-prod-token"));
    QCOMPARE(staging.missing().size(), 2);
    QVERIFY(prod.missing().isEmpty());
}

void TstEnvironment::validate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("prom");
    QTest::addColumn<QString>("colour");
    QTest::addColumn<QString>("badField");
    QTest::newRow("ok") << "prod"
                        << "http://127.0.0.1:9090"
                        << "#c62828"
                        << "";
    QTest::newRow("no name") << " "
                             << ""
                             << "#c62828"
                             << "name";
    QTest::newRow("ftp") << "prod"
                         << "ftp://x"
                         << "#c62828"
                         << "prometheusUrl";
    QTest::newRow("password in url") << "prod"
                                     << "https://u:secret@prom"
                                     << "#c62828"
                                     << "prometheusUrl";
    QTest::newRow("colour") << "prod"
                            << ""
                            << "red-ish"
                            << "colour";
}

void TstEnvironment::validate()
{
    QFETCH(QString, name);
    QFETCH(QString, prom);
    QFETCH(QString, colour);
    QFETCH(QString, badField);
    Environment e;
    e.name = name;
    e.prometheusUrl = prom;
    e.colour = colour;
    const auto r = e.validate();
    QCOMPARE(r.ok(), badField.isEmpty());
    if (!r.ok())
        QCOMPARE(r.error().where, badField);
}

void TstEnvironment::databaseForSqlSteps()
{
    // A runbook's SQL steps: a libpq URL (the password is a keychain entry's name) or a pod to run psql in.
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    EnvironmentStore store(settings);
    Environment e;
    e.name = QStringLiteral("prod");
    e.databaseUrl = QStringLiteral("postgresql://app@db.prod:5432/orders?sslmode=require");
    e.databaseSecret = QStringLiteral("database/prod");
    e.databasePod = QStringLiteral("data/postgres-0:postgres");
    QVERIFY(e.validate().ok());
    store.save({e});
    const Environment loaded = store.load().value(0);
    QCOMPARE(loaded.databaseUrl, e.databaseUrl);
    QCOMPARE(loaded.databaseSecret, e.databaseSecret);
    QCOMPARE(loaded.databasePod, e.databasePod);
    QVERIFY(!settings.allKeys().join(QLatin1Char(' ')).contains(QLatin1String("hunter2")));
    Environment withPassword = e;
    withPassword.databaseUrl = QStringLiteral("postgresql://app:hunter2@db.prod/orders");
    QCOMPARE(withPassword.validate().error().where, QStringLiteral("databaseUrl"));
    Environment notPostgres = e;
    notPostgres.databaseUrl = QStringLiteral("mysql://db/orders");
    QCOMPARE(notPostgres.validate().error().where, QStringLiteral("databaseUrl"));
    Environment badPod = e;
    badPod.databasePod = QStringLiteral("postgres-0; rm -rf /");
    QCOMPARE(badPod.validate().error().where, QStringLiteral("databasePod"));
}

QTEST_GUILESS_MAIN(TstEnvironment)
#include "tst_environment.moc"
