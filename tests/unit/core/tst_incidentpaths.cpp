// New incidents go where the README says; incidents in the folder earlier versions used are still found.
#include "core/IncidentPaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using Sitrep::Core::IncidentPaths;

class TstIncidentPaths : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void newIncidentsGoWhereTheReadmeSays();
    void oldPlaceIsFound();

private:
    QTemporaryDir m_home;
};

void TstIncidentPaths::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("share"))));
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep"));
    QCoreApplication::setApplicationName(QStringLiteral("sitrep"));
}

void TstIncidentPaths::newIncidentsGoWhereTheReadmeSays()
{
    const QString dir = IncidentPaths::incidentDir();
    QCOMPARE(dir, m_home.filePath(QStringLiteral("share/sitrep/incidents")));
    QVERIFY(QDir(dir).exists());
    QVERIFY(IncidentPaths::legacyIncidentDir().isEmpty()); // nothing there yet
}

void TstIncidentPaths::oldPlaceIsFound()
{
    const QString legacy = m_home.filePath(QStringLiteral("share/sitrep/sitrep/incidents"));
    QVERIFY(QDir().mkpath(legacy));
    QFile old(legacy + QStringLiteral("/outage-2026-11-01.sitrep"));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.close();
    QFile fresh(IncidentPaths::incidentDir() + QStringLiteral("/today.sitrep"));
    QVERIFY(fresh.open(QIODevice::WriteOnly));
    fresh.close();
    QCOMPARE(IncidentPaths::legacyIncidentDir(), legacy);
    const QStringList all = IncidentPaths::knownIncidents();
    QCOMPARE(all.size(), 2);
    QVERIFY(all.contains(legacy + QStringLiteral("/outage-2026-11-01.sitrep")));
    QVERIFY(all.contains(IncidentPaths::incidentDir() + QStringLiteral("/today.sitrep")));
}

QTEST_GUILESS_MAIN(TstIncidentPaths)
#include "tst_incidentpaths.moc"
