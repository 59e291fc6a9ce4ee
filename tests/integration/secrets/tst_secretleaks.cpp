#include "../comms/HttpReceiver.h"
#include "ChannelSettingsDialog.h"
#include "SecretEntryDialog.h"
#include "comms/CommsSettings.h"
#include "comms/PluginLoader.h"
#include "comms/Publisher.h"
#include "comms/TemplateLibrary.h"
#include "comms/UpdateComposer.h"
#include "core/IncidentSession.h"
#include "core/Logging.h"
#include "core/ManualClock.h"
#include "export/Exporter.h"
#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;
using Sitrep::Secrets::SecretStore;

// The grep test: a full publish flow with secrets typed into the secret dialog as a user would (webhook URL,
// an API key header, a Statuspage key) and kept in the real keychain, channels set in the channel dialog and
// saved by the program's own settings code, a server that echoes a secret back in its error, the log on.
// Afterwards no secret value may appear in the journal file, the settings file, the log or any export.
class TstSecretLeaks : public QObject
{
    Q_OBJECT
private slots:
    void fullFlowLeavesNoSecretOnDisk();
};

namespace {
template<typename T> bool waitFor(const std::optional<T> &slot)
{
    return QTest::qWaitFor([&] { return slot.has_value(); }, 10000);
}
} // namespace

void TstSecretLeaks::fullFlowLeavesNoSecretOnDisk()
{
    QTemporaryDir dir;
    const QString logDir = dir.filePath(QStringLiteral("log"));
    Logging::install(logDir, false);

    HttpReceiver receiver;
    QVERIFY(receiver.listen());
    const QString hookUrl = receiver.url(QStringLiteral("/hooks/T9/B9/pr1vate-path-t0ken")).toString();
    const QString hookKey = QStringLiteral("k3y-4bc-9f1e-secretvalue");
    const QString spKey = QStringLiteral("sp-Ap1-K3y-0000-secret");
    const QList<QPair<QString, QString>> secrets = {{QStringLiteral("hook-url"), hookUrl},
                                                    {QStringLiteral("hook-key"), hookKey},
                                                    {QStringLiteral("sp-key"), spKey}};

    // Typed into the secret dialog in one run (it stores them in the keychain)...
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep"));
    QCoreApplication::setApplicationName(QStringLiteral("sitrep"));
    {
        SecretStore store(QStringLiteral("sitrep-leaktest"), std::make_shared<Redactor>());
        for (const auto &[name, value] : secrets) {
            Sitrep::Ui::SecretEntryDialog dialog(store, name, name);
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            QTest::keyClicks(dialog.valueEdit(), value);
            QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
            QVERIFY2(accepted.count() == 1 || accepted.wait(10000), qPrintable(dialog.statusText()));
            QVERIFY(!store.isSessionOnly(name));
        }
    }
    // ...and the channels set in the channel dialog, which refers to them by name, saved by the program.
    const QHash<QString, QStringList> pluginKeys{
        {QStringLiteral("webhook"), {QStringLiteral("urlSecret"), QStringLiteral("headerSecrets")}},
        {QStringLiteral("statuspage"),
         {QStringLiteral("pageId"), QStringLiteral("apiKeySecret"), QStringLiteral("apiBase")}}};
    {
        Sitrep::Ui::ChannelSettingsDialog dialog({}, pluginKeys, nullptr);
        dialog.addChannel(QStringLiteral("webhook"));
        dialog.addChannel(QStringLiteral("statuspage"));
        QTableWidget *t = dialog.table();
        t->item(0, 0)->setText(QStringLiteral("hook"));
        t->item(0, 3)->setText(
            QStringLiteral(R"({"urlSecret":"hook-url","headerSecrets":{"X-Api-Key":"hook-key"}})"));
        t->item(1, 0)->setText(QStringLiteral("status"));
        t->item(1, 3)->setText(QStringLiteral(R"({"pageId":"pg1","apiKeySecret":"sp-key","apiBase":"%1"})")
                                   .arg(receiver.url(QStringLiteral("/v1")).toString()));
        const auto saved = dialog.channels();
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().text()));
        QSettings settings;
        CommsSettings(settings).setChannels(*saved);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }
    const QString settingsPath = QSettings().fileName();
    QVERIFY(QFileInfo::exists(settingsPath));
    QList<Channel> channels;
    {
        QSettings settings;
        channels = CommsSettings(settings).channels();
    }
    QCOMPARE(channels.size(), 2);

    // The next run: secrets loaded from the keychain into the shared redactor, then a publish.
    auto redactor = std::make_shared<Redactor>();
    SecretStore store(QStringLiteral("sitrep-leaktest"), redactor);
    std::optional<QStringList> loadErrors;
    store.loadAll({QStringLiteral("hook-url"), QStringLiteral("hook-key"), QStringLiteral("sp-key")},
                  [&](const QStringList &e) { loadErrors = e; });
    QVERIFY(waitFor(loadErrors));
    QVERIFY2(loadErrors->isEmpty(), qPrintable(loadErrors->join(QLatin1Char('\n'))));

    const QString journalPath = dir.filePath(QStringLiteral("incident.sitrep"));
    {
        ManualClock clock;
        Journal journal;
        journal.setRedactor(redactor);
        QVERIFY(journal.open(journalPath).ok());
        IncidentSession session(journal, clock, QStringLiteral("alice"));
        QVERIFY(session
                    .declare({QStringLiteral("Checkout 502s"),
                              QStringLiteral("api-gateway"),
                              QStringLiteral("P1"),
                              SeverityScheme::defaults(),
                              {},
                              QStringLiteral("alice")})
                    .ok());

        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        PluginLoader plugins;
        QVERIFY(plugins.loadDirectory(qEnvironmentVariable("SITREP_PLUGIN_DIR")) >= 2);
        NotifierContext ctx;
        ctx.network = &nam;
        ctx.secret = store.lookup();
        plugins.initialize(ctx);
        Publisher publisher(journal, clock);
        for (const auto &id : plugins.loadedIds())
            publisher.registerNotifier(plugins.notifier(id));
        publisher.setChannels(channels);

        // The webhook server rejects the key and echoes it (and the URL) back; the status page works.
        receiver.enqueue(
            {401, "Unauthorized",
             QStringLiteral("{\"message\":\"key %1 rejected for %2\"}").arg(hookKey, hookUrl).toUtf8(),
             "application/json", false});
        receiver.enqueue({201, "Created", R"({"id":"inc1"})", "application/json", false});
        const auto t = TemplateLibrary().find(QStringLiteral("initial"));
        const NotifierUpdate u =
            UpdateComposer::compose(*t, {{QStringLiteral("title"), QStringLiteral("Checkout 502s")},
                                         {QStringLiteral("status"), QStringLiteral("INVESTIGATING")}});
        const auto id =
            publisher.publish(u, {QStringLiteral("hook"), QStringLiteral("status")}, QStringLiteral("alice"));
        QVERIFY(id.ok());
        QTRY_COMPARE(publisher.pendingCount(), 0);
        const auto failed = publisher.delivery(*id, QStringLiteral("hook"));
        QCOMPARE(failed->state, DeliveryState::Failed);
        QCOMPARE(failed->message,
                 QStringLiteral("401 Unauthorized: key [REDACTED] rejected for [REDACTED] — check the "
                                "webhook URL and headers in settings"));
        // What a careless UI would log: the delivery messages. They are already scrubbed.
        for (const auto &d : publisher.deliveries())
            qWarning().noquote() << "delivery" << d.channel << deliveryStateName(d.state) << d.message;
        QVERIFY(publisher.retryNow(*id, QStringLiteral("hook"), QStringLiteral("alice")).ok());
        QTRY_COMPARE(publisher.delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Sent);
        plugins.abortAll();
    }
    Logging::shutdown();

    // The secrets did reach the servers...
    QCOMPARE(receiver.requests.size(), 3);
    QCOMPARE(receiver.requests[0].path, QByteArray("/hooks/T9/B9/pr1vate-path-t0ken"));
    QCOMPARE(receiver.requests[0].headers.value("x-api-key"), hookKey.toUtf8());
    QCOMPARE(receiver.requests[1].headers.value("authorization"), QByteArray("OAuth ") + spKey.toUtf8());

    // The postmortem exports of that journal, written by an exporter that knows no secret: whatever the
    // journal holds is what they can leak.
    QStringList exports;
    {
        Journal journal;
        QVERIFY(journal.open(journalPath, Journal::Mode::ReadOnly).ok());
        const Redactor knowsNothing;
        using Sitrep::Export::Format;
        for (const Format f : {Format::Markdown, Format::Html, Format::Json, Format::Csv}) {
            const QString path =
                dir.filePath(QStringLiteral("postmortem.") + Sitrep::Export::Exporter::extension(f));
            const auto written = Sitrep::Export::Exporter::write(journal.events(), f, {}, path, knowsNothing);
            QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().text()));
            exports << path;
        }
    }

    // ...and are nowhere on disk: journal (with its WAL), settings, log, exports.
    QStringList files{journalPath, journalPath + QStringLiteral("-wal"), settingsPath};
    files += exports;
    QDirIterator logs(logDir, QDir::Files);
    while (logs.hasNext())
        files << logs.next();
    int checked = 0;
    bool journalHasMask = false;
    for (const auto &path : files) {
        QFile f(path);
        if (!f.exists())
            continue;
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = f.readAll();
        ++checked;
        for (const auto &[name, value] : secrets)
            QVERIFY2(!bytes.contains(value.toUtf8()),
                     qPrintable(QStringLiteral("%1 leaks into %2").arg(name, path)));
        if (path == journalPath || path.endsWith(QLatin1String("-wal")))
            journalHasMask = journalHasMask || bytes.contains("[REDACTED]");
    }
    QVERIFY2(checked >= 7, "journal, settings, log and the four exports must all exist");
    QVERIFY(journalHasMask); // the echoed secrets were scrubbed, not merely absent
    // The log did record the (scrubbed) delivery messages: the check above looked at real content.
    QFile log(logDir + QStringLiteral("/sitrep.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.readAll().contains("delivery hook failed 401 Unauthorized: key [REDACTED]"));
    // The exports hold the update that was published (so the check above read real content).
    QFile markdown(exports.first());
    QVERIFY(markdown.open(QIODevice::ReadOnly));
    QVERIFY(markdown.readAll().contains("Checkout 502s"));
}

QTEST_MAIN(TstSecretLeaks)
#include "tst_secretleaks.moc"
