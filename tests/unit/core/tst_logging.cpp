#include "core/Logging.h"
#include "core/Redactor.h"

#include <QFile>
#include <QThread>
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
    void concurrentLoggingWhileTheRedactorChanges();
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

void TstLogging::concurrentLoggingWhileTheRedactorChanges()
{
    // Threads log (informers, runners, the replicator do) while the main thread swaps the redactor, as
    // it does when the keychain's secrets arrive. Every line arrives, none torn, the secret never shows.
    QTemporaryDir dir;
    Sitrep::Core::Logging::install(dir.path(), false);
    const QString secret = QStringLiteral("s3cr3t-from-the-keychain");
    constexpr int kThreads = 4;
    constexpr int kLines = 2000;
    auto first = std::make_shared<Sitrep::Core::Redactor>();
    first->addSecret(secret);
    Sitrep::Core::Logging::setRedactor(first);
    QList<QThread *> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads << QThread::create([t, secret] {
            for (int i = 0; i < kLines; ++i)
                qInfo("worker %d line %d token %s", t, i, qPrintable(secret));
        });
    }
    for (QThread *t : threads)
        t->start();
    for (int i = 0; i < 300; ++i) {
        auto r = std::make_shared<Sitrep::Core::Redactor>();
        r->addSecret(secret);
        Sitrep::Core::Logging::setRedactor(r);
        QVERIFY(!Sitrep::Core::Logging::logFilePath().isEmpty());
    }
    for (QThread *t : threads) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    Sitrep::Core::Logging::shutdown();
    QFile f(dir.filePath(QStringLiteral("sitrep.log")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray log = f.readAll();
    QCOMPARE(log.count("] worker "), qsizetype(kThreads * kLines));
    QCOMPARE(log.count("token [REDACTED]"), qsizetype(kThreads * kLines));
    QVERIFY(!log.contains(secret.toUtf8()));
    Sitrep::Core::Logging::setRedactor(nullptr);
}

QTEST_GUILESS_MAIN(TstLogging)
#include "tst_logging.moc"
