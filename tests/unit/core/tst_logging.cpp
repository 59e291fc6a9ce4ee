#include "core/Logging.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

Q_LOGGING_CATEGORY(lcTestKube, "sitrep.kube")

// Qt messages and logging categories end up in the rotating log file, redacted.
class TstLogging : public QObject
{
    Q_OBJECT
private slots:
    void routesQtMessagesRedacted();
};

void TstLogging::routesQtMessagesRedacted()
{
    QTemporaryDir dir;
    Sitrep::Core::Logging::install(dir.path(), false);
    QCOMPARE(Sitrep::Core::Logging::logFilePath(), dir.filePath(QStringLiteral("sitrep.log")));
    qWarning("connecting to postgres://app:hunter2hunter2@db:5432/orders failed");
    qCWarning(lcTestKube) << "401 from the API server for token"
                          << "Bearer abcdefghijklmnop";
    qInfo("plain info line");
    Sitrep::Core::Logging::shutdown();
    QFile f(dir.filePath(QStringLiteral("sitrep.log")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray log = f.readAll();
    QVERIFY2(log.contains("connecting to postgres://app:[REDACTED]@db:5432/orders failed"), log.constData());
    QVERIFY(log.contains("[sitrep.kube]"));
    QVERIFY(log.contains("plain info line"));
    QVERIFY(!log.contains("hunter2hunter2"));
    QVERIFY(!log.contains("abcdefghijklmnop"));
}

QTEST_GUILESS_MAIN(TstLogging)
#include "tst_logging.moc"
