#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Secrets;
using Sitrep::Core::Redactor;
using Sitrep::Core::Result;

// No session bus at all (ctest points DBUS_SESSION_BUS_ADDRESS at nothing and unsets DISPLAY):
// the store must say so clearly, keep session-only secrets in memory, and write nothing.
class TstSecretsNoKeychain : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void probeReportsUnavailable();
    void storeFailsClearlyAndSessionFallbackWorks();

private:
    QTemporaryDir m_home;
};

void TstSecretsNoKeychain::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    qunsetenv("DISPLAY");
}

void TstSecretsNoKeychain::probeReportsUnavailable()
{
    SecretStore store(QStringLiteral("sitrep-test"), std::make_shared<Redactor>());
    QSignalSpy spy(&store, &SecretStore::availabilityChanged);
    store.probe();
    QVERIFY(spy.wait(10000));
    QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
    QVERIFY2(store.unavailableReason().startsWith(QStringLiteral("No keychain available")),
             qPrintable(store.unavailableReason()));
}

void TstSecretsNoKeychain::storeFailsClearlyAndSessionFallbackWorks()
{
    const QString value = QStringLiteral("xyz-session-only-s3cret");
    auto redactor = std::make_shared<Redactor>();
    SecretStore store(QStringLiteral("sitrep-test"), redactor);
    std::optional<Result<void>> stored;
    store.store(QStringLiteral("webhook"), value, [&](const Result<void> &r) { stored = r; });
    QVERIFY(QTest::qWaitFor([&] { return stored.has_value(); }, 10000));
    QVERIFY(!stored->ok());
    const QString msg = stored->error().message;
    QVERIFY2(msg.startsWith(QStringLiteral("No keychain available (")), qPrintable(msg));
    QVERIFY2(msg.endsWith(
                 QStringLiteral("Sitrep can keep \"webhook\" in memory for this session only; it is never "
                                "written to disk.")),
             qPrintable(msg));
    QVERIFY(!store.has(QStringLiteral("webhook")));
    // Scrubbed even though it could not be stored.
    QCOMPARE(redactor->redact(value), Redactor::kMask);

    store.keepForSession(QStringLiteral("webhook"), value);
    QVERIFY(store.isSessionOnly(QStringLiteral("webhook")));
    QCOMPARE(store.lookup()(QStringLiteral("webhook")), value);
    std::optional<Result<QString>> loaded;
    store.load(QStringLiteral("webhook"), [&](const Result<QString> &r) { loaded = r; });
    QVERIFY(QTest::qWaitFor([&] { return loaded.has_value(); }, 10000));
    QCOMPARE(loaded->value(), value);

    // Nothing landed on disk (QtKeychain's plain-text fallback stays off).
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(value.toUtf8()), qPrintable(f.fileName()));
    }
    std::optional<Result<void>> removed;
    store.remove(QStringLiteral("webhook"), [&](const Result<void> &r) { removed = r; });
    QVERIFY(QTest::qWaitFor([&] { return removed.has_value(); }, 10000));
    QVERIFY(removed->ok());
    QVERIFY(!store.has(QStringLiteral("webhook")));
}

QTEST_GUILESS_MAIN(TstSecretsNoKeychain)
#include "tst_secrets_nokeychain.moc"
