#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep::Secrets;
using Sitrep::Core::Redactor;
using Sitrep::Core::Result;

// Against a real gnome-keyring (Secret Service) in a private D-Bus session: run by run_with_keyring.sh.
class TstSecrets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void probeFindsKeychain();
    void storeLoadRemove();
    void valueNeverInPlainFiles();

private:
    template<typename T> static std::optional<T> wait(std::optional<T> &slot)
    {
        (void)QTest::qWaitFor([&] { return slot.has_value(); }, 10000);
        return slot;
    }
    const QString m_value = QStringLiteral("https://hooks.example.com/T0/B0/k33p-th1s-0ut-of-files");
};

void TstSecrets::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run me through run_with_keyring.sh");
    QVERIFY2(QDir::homePath().startsWith(QDir::tempPath()), "HOME must be a throwaway folder");
}

void TstSecrets::probeFindsKeychain()
{
    SecretStore store(QStringLiteral("sitrep-test"), std::make_shared<Redactor>());
    QSignalSpy spy(&store, &SecretStore::availabilityChanged);
    store.probe();
    QVERIFY(spy.wait(10000));
    QCOMPARE(store.availability(), SecretStore::Availability::Available);
    QVERIFY(store.unavailableReason().isEmpty());
}

void TstSecrets::storeLoadRemove()
{
    auto redactor = std::make_shared<Redactor>();
    SecretStore store(QStringLiteral("sitrep-test"), redactor);
    std::optional<Result<void>> stored;
    store.store(QStringLiteral("slack-incidents"), m_value, [&](const Result<void> &r) { stored = r; });
    QVERIFY(wait(stored));
    QVERIFY2(stored->ok(), qPrintable(stored->ok() ? QString() : stored->error().text()));
    QVERIFY(!store.isSessionOnly(QStringLiteral("slack-incidents")));
    QCOMPARE(redactor->redact(QStringLiteral("posting to ") + m_value),
             QStringLiteral("posting to [REDACTED]"));

    // A fresh store (as after a restart) reads it back from the keychain, and registers it for redaction.
    auto redactor2 = std::make_shared<Redactor>();
    SecretStore again(QStringLiteral("sitrep-test"), redactor2);
    QVERIFY(!again.has(QStringLiteral("slack-incidents")));
    std::optional<Result<QString>> loaded;
    again.load(QStringLiteral("slack-incidents"), [&](const Result<QString> &r) { loaded = r; });
    QVERIFY(wait(loaded));
    QVERIFY2(loaded->ok(), qPrintable(loaded->ok() ? QString() : loaded->error().text()));
    QCOMPARE(loaded->value(), m_value);
    QCOMPARE(again.lookup()(QStringLiteral("slack-incidents")), m_value);
    QCOMPARE(redactor2->redact(m_value), Redactor::kMask);

    std::optional<QStringList> all;
    again.loadAll({QStringLiteral("slack-incidents"), QStringLiteral("missing-one")},
                  [&](const QStringList &e) { all = e; });
    QVERIFY(wait(all));
    QCOMPARE(*all, QStringList{QStringLiteral(
                       "No secret named \"missing-one\" in the keychain: enter it in settings.")});

    std::optional<Result<void>> removed;
    again.remove(QStringLiteral("slack-incidents"), [&](const Result<void> &r) { removed = r; });
    QVERIFY(wait(removed));
    QVERIFY(removed->ok());
    SecretStore third(QStringLiteral("sitrep-test"), std::make_shared<Redactor>());
    std::optional<Result<QString>> gone;
    third.load(QStringLiteral("slack-incidents"), [&](const Result<QString> &r) { gone = r; });
    QVERIFY(wait(gone));
    QVERIFY(!gone->ok());
    QCOMPARE(gone->error().message,
             QStringLiteral("No secret named \"slack-incidents\" in the keychain: enter it in settings."));
}

void TstSecrets::valueNeverInPlainFiles()
{
    SecretStore store(QStringLiteral("sitrep-test"), std::make_shared<Redactor>());
    std::optional<Result<void>> stored;
    store.store(QStringLiteral("statuspage-key"), m_value, [&](const Result<void> &r) { stored = r; });
    QVERIFY(wait(stored));
    QVERIFY(stored->ok());
    // The keyring file is encrypted; QtKeychain's plain-text fallback is off: nothing under HOME holds it.
    int files = 0;
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++files;
        QVERIFY2(!f.readAll().contains(m_value.toUtf8()), qPrintable(f.fileName()));
    }
    QVERIFY(files > 0); // the keyring did write its (encrypted) file there
}

QTEST_GUILESS_MAIN(TstSecrets)
#include "tst_secrets.moc"
