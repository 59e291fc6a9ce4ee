#include "../comms/HttpReceiver.h"
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
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;
using Sitrep::Secrets::SecretStore;

// The grep test: a full publish flow with secrets from the real keychain (webhook URL, an API key header,
// a Statuspage key), a server that echoes a secret back in its error, settings written, the log on.
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

    // Stored by the settings page in one run...
    {
        SecretStore store(QStringLiteral("sitrep-leaktest"), std::make_shared<Redactor>());
        for (const auto &[name, value] : secrets) {
            std::optional<Result<void>> r;
            store.store(name, value, [&r](const Result<void> &res) { r = res; });
            QVERIFY(waitFor(r));
            QVERIFY(r->ok());
        }
    }
    // ...and referenced by name from the settings file.
    const QString settingsPath = dir.filePath(QStringLiteral("sitrep.conf"));
    const QList<Channel> channels = {
        {QStringLiteral("hook"),
         QStringLiteral("webhook"),
         QStringLiteral("Ops webhook"),
         {{QStringLiteral("urlSecret"), QStringLiteral("hook-url")},
          {QStringLiteral("headerSecrets"),
           QJsonObject{{QStringLiteral("X-Api-Key"), QStringLiteral("hook-key")}}}}},
        {QStringLiteral("status"),
         QStringLiteral("statuspage"),
         QStringLiteral("Status page"),
         {{QStringLiteral("pageId"), QStringLiteral("pg1")},
          {QStringLiteral("apiKeySecret"), QStringLiteral("sp-key")},
          {QStringLiteral("apiBase"), receiver.url(QStringLiteral("/v1")).toString()}}}};
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        QJsonArray a;
        for (const auto &c : channels)
            a.append(c.toJson());
        settings.setValue(QStringLiteral("comms/channels"), QString::fromUtf8(QJsonDocument(a).toJson()));
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

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

QTEST_GUILESS_MAIN(TstSecretLeaks)
#include "tst_secretleaks.moc"
