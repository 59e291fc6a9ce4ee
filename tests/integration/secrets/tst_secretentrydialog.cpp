#include "ChannelSettingsDialog.h"
#include "SecretEntryDialog.h"
#include "secrets/SecretStore.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using Sitrep::Core::Redactor;
using Sitrep::Secrets::SecretStore;
using Sitrep::Ui::SecretEntryDialog;

// The secret dialog without a keychain (no session bus): it says so, then offers the session-only way.
class TstSecretEntryDialog : public QObject
{
    Q_OBJECT
private slots:
    void noKeychainOffersSessionOnly();
    void channelSettingsValidate();
};

void TstSecretEntryDialog::noKeychainOffersSessionOnly()
{
    auto redactor = std::make_shared<Redactor>();
    SecretStore store(QStringLiteral("sitrep-test"), redactor);
    SecretEntryDialog dialog(store, QStringLiteral("slack-incidents"), QStringLiteral("Slack webhook URL"));
    QVERIFY(dialog.sessionButton()->isHidden());
    QTest::keyClicks(dialog.valueEdit(), QStringLiteral("https://hooks.example.com/T1/B1/sess10n-only"));
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().startsWith(QStringLiteral("No keychain available (")),
                             10000);
    QVERIFY(!dialog.sessionButton()->isHidden());
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open, nothing stored
    QVERIFY(!store.has(QStringLiteral("slack-incidents")));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.sessionButton(), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QVERIFY(store.isSessionOnly(QStringLiteral("slack-incidents")));
    QCOMPARE(store.cached(QStringLiteral("slack-incidents")),
             QStringLiteral("https://hooks.example.com/T1/B1/sess10n-only"));
    QVERIFY(dialog.valueEdit()->text().isEmpty()); // not left lying in the widget
    QCOMPARE(redactor->redact(QStringLiteral("https://hooks.example.com/T1/B1/sess10n-only")),
             Redactor::kMask);
}

void TstSecretEntryDialog::channelSettingsValidate()
{
    using Sitrep::Comms::Channel;
    const QHash<QString, QStringList> plugins{
        {QStringLiteral("webhook"),
         {QStringLiteral("urlSecret"), QStringLiteral("headers"), QStringLiteral("headerSecrets")}},
        {QStringLiteral("slack"), {QStringLiteral("urlSecret")}}};
    const Channel hook{QStringLiteral("hook"),
                       QStringLiteral("webhook"),
                       QStringLiteral("Ops"),
                       {{QStringLiteral("urlSecret"), QStringLiteral("hook-url")}}};
    Sitrep::Ui::ChannelSettingsDialog dialog({hook}, plugins, nullptr);
    auto r = dialog.channels();
    QVERIFY(r.ok());
    QCOMPARE(r->size(), 1);
    QCOMPARE(r->at(0).config, hook.config);

    dialog.addChannel(QStringLiteral("slack"));
    r = dialog.channels();
    QVERIFY(r.ok());
    QCOMPARE(r->at(1).id, QStringLiteral("slack"));
    QCOMPARE(r->at(1).config, (QJsonObject{{QStringLiteral("urlSecret"), QStringLiteral("slack-url")}}));

    QTableWidget *t = dialog.table();
    auto errorFor = [&](int row, int col, const QString &text) {
        const QString before = t->item(row, col)->text();
        t->item(row, col)->setText(text);
        const auto res = dialog.channels();
        t->item(row, col)->setText(before);
        return res.ok() ? QString() : res.error().text();
    };
    QCOMPARE(
        errorFor(1, 3, QStringLiteral("{\"url\":\"https://hooks.slack.com/services/T0/B0/abcdefghijkl\"}")),
        QStringLiteral(
            "row 2, settings: \"url\" holds a secret: keep it in the keychain and refer to it by name "
            "with \"urlSecret\""));
    QCOMPARE(errorFor(1, 3, QStringLiteral("{\"apiKey\":\"abc\"}")),
             QStringLiteral(
                 "row 2, settings: \"apiKey\" holds a secret: keep it in the keychain and refer to it by "
                 "name with \"apiKeySecret\""));
    // Secrets nested under headers or hidden in a URL's query are refused too.
    QCOMPARE(
        errorFor(1, 3, QStringLiteral("{\"headers\":{\"X-Api-Key\":\"k-123\"}}")),
        QStringLiteral("row 2, settings: \"headers.X-Api-Key\" holds a secret: keep it in the keychain and "
                       "refer to it by name with \"headerSecrets\": {\"X-Api-Key\": <name>}"));
    QCOMPARE(
        errorFor(1, 3, QStringLiteral("{\"url\":\"https://example.test/hook?token=abc123\"}")),
        QStringLiteral("row 2, settings: \"url\" holds a secret: keep it in the keychain and refer to it "
                       "by name with \"urlSecret\""));
    QCOMPARE(
        errorFor(1, 3, QStringLiteral("{\"url\":\"https://bot:pw@example.test/hook\"}")),
        QStringLiteral("row 2, settings: \"url\" holds a secret: keep it in the keychain and refer to it "
                       "by name with \"urlSecret\""));
    // Keychain references pass, whatever the header they name.
    QCOMPARE(errorFor(1, 3,
                      QStringLiteral(
                          "{\"urlSecret\":\"hook-url\",\"headerSecrets\":{\"Authorization\":\"hook-key\","
                          "\"X-Api-Key\":\"hook-key2\"}}")),
             QString());
    // Harmless headers and plain URLs pass.
    QCOMPARE(errorFor(1, 3,
                      QStringLiteral("{\"headers\":{\"X-Team\":\"sre\"},\"url\":\"https://example.test/"
                                     "hook?channel=ops\"}")),
             QString());
    QVERIFY(errorFor(1, 3, QStringLiteral("{not json"))
                .startsWith(QStringLiteral("row 2, settings: settings must be a JSON object (")));
    QCOMPARE(errorFor(1, 0, QStringLiteral("hook")),
             QStringLiteral("row 2, id: the id \"hook\" is used twice"));
    QVERIFY(errorFor(1, 1, QStringLiteral("teams"))
                .startsWith(QStringLiteral("row 2, plugin: no plugin \"teams\" is loaded")));
}

QTEST_MAIN(TstSecretEntryDialog)
#include "tst_secretentrydialog.moc"
