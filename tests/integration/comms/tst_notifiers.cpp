#include "HttpReceiver.h"
#include "comms/PluginLoader.h"
#include "comms/Publisher.h"
#include "comms/UpdateComposer.h"
#include "core/ManualClock.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;

// Each channel plugin against a local HTTP receiver: exact bodies and headers, then the failure paths
// (500 then success, timeout, 401, restart with a pending outbox) through the Publisher.
class TstNotifiers : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pluginsLoad();
    void brokenPluginIsListedWithReason();
    void webhookBodyAndHeaders();
    void slackBlockKit();
    void mattermost();
    void statuspageCreateThenUpdate();
    void statuspageRecreatesDeletedIncident();
    void fileChannel();
    void serverErrorThenSuccess();
    void timeoutIsRetried();
    void unauthorizedIsClear();
    void missingSecretIsClear();
    void restartWithPendingOutbox();

private:
    NotifierUpdate update() const;
    NotifierResult publishDirect(const QString &plugin, const QJsonObject &config);
    std::unique_ptr<Publisher> makePublisher(const QJsonObject &webhookConfig);

    PluginLoader m_plugins;
    QNetworkAccessManager m_nam;
    QHash<QString, QString> m_secrets;
    NotifierContext m_context;
    HttpReceiver *m_receiver = nullptr;
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<Journal> m_journal;
};

void TstNotifiers::initTestCase()
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_context.network = &m_nam;
    m_context.secret = [this](const QString &name) { return m_secrets.value(name); };
    m_context.userAgent = QStringLiteral("Sitrep/test");
    const QString dir = qEnvironmentVariable("SITREP_PLUGIN_DIR");
    QVERIFY2(!dir.isEmpty(), "SITREP_PLUGIN_DIR is not set");
    QCOMPARE(m_plugins.loadDirectory(dir), 5);
    m_plugins.initialize(m_context);
}

void TstNotifiers::init()
{
    m_receiver = new HttpReceiver(this);
    QVERIFY(m_receiver->listen());
    m_secrets = {{QStringLiteral("wh-url"),
                  m_receiver->url(QStringLiteral("/hooks/T000/B000/XXXXsecretpath")).toString()},
                 {QStringLiteral("wh-auth"), QStringLiteral("Bearer wh-s3cret-token-value")},
                 {QStringLiteral("sp-key"), QStringLiteral("sp-secret-key-123")}};
    m_context.timeoutMs = 15000;
    m_plugins.initialize(m_context);
    QFile::remove(m_dir.filePath(QStringLiteral("n.sitrep")));
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("n.sitrep"))).ok());
}

void TstNotifiers::cleanup()
{
    m_plugins.abortAll();
    m_journal.reset();
    delete m_receiver;
    m_receiver = nullptr;
}

NotifierUpdate TstNotifiers::update() const
{
    const UpdateTemplate t(QStringLiteral("t"), {},
                           {{QStringLiteral("title"), QStringLiteral("Title"), {}, false},
                            {QStringLiteral("status"), QStringLiteral("Status"), {}, false},
                            {QStringLiteral("impact"), QStringLiteral("Impact"), {}, false}},
                           QStringLiteral("# Incident: {{title}}\nStatus: {{status}}\nImpact: {{impact}}"));
    NotifierUpdate u =
        UpdateComposer::compose(t, {{QStringLiteral("title"), QStringLiteral("Checkout 502s")},
                                    {QStringLiteral("status"), QStringLiteral("IDENTIFIED")},
                                    {QStringLiteral("impact"), QStringLiteral("EU <checkout> & cart_v2")},
                                    {QStringLiteral("severity"), QStringLiteral("P1")},
                                    {QStringLiteral("service"), QStringLiteral("api-gateway")}});
    u.updateId = QStringLiteral("u-0001");
    u.createdMs =
        QDateTime::fromString(QStringLiteral("2026-11-23T07:05:00Z"), Qt::ISODate).toMSecsSinceEpoch();
    return u;
}

NotifierResult TstNotifiers::publishDirect(const QString &plugin, const QJsonObject &config)
{
    NotifierInterface *n = m_plugins.notifier(plugin);
    if (!n)
        return {NotifierResult::Outcome::Failed, 0, QStringLiteral("plugin %1 not loaded").arg(plugin), {}};
    std::optional<NotifierResult> result;
    n->publish(update(), config, [&result](const NotifierResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return {NotifierResult::Outcome::Failed, 0, QStringLiteral("no result"), {}};
    return *result;
}

void TstNotifiers::pluginsLoad()
{
    QStringList ids = m_plugins.loadedIds();
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("file"), QStringLiteral("mattermost"), QStringLiteral("slack"),
                               QStringLiteral("statuspage"), QStringLiteral("webhook")}));
    for (const auto &e : m_plugins.entries()) {
        QVERIFY2(e.loaded, qPrintable(e.error));
        QCOMPARE(e.version, QStringLiteral("1.0.0"));
    }
}

void TstNotifiers::brokenPluginIsListedWithReason()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("libbroken.so")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not an ELF file");
    f.close();
    PluginLoader loader;
    QCOMPARE(loader.loadDirectory(dir.path()), 0);
    QCOMPARE(loader.failures().size(), 1);
    QVERIFY2(loader.failures()[0].startsWith(QStringLiteral("libbroken.so: not a Qt plugin")),
             qPrintable(loader.failures()[0]));
}

void TstNotifiers::webhookBodyAndHeaders()
{
    const auto r = publishDirect(
        QStringLiteral("webhook"),
        {{QStringLiteral("urlSecret"), QStringLiteral("wh-url")},
         {QStringLiteral("headers"), QJsonObject{{QStringLiteral("X-Team"), QStringLiteral("sre")}}},
         {QStringLiteral("headerSecrets"),
          QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("wh-auth")}}}});
    QCOMPARE(r.outcome, NotifierResult::Outcome::Sent);
    QCOMPARE(m_receiver->requests.size(), 1);
    const auto &req = m_receiver->requests[0];
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QByteArray("/hooks/T000/B000/XXXXsecretpath"));
    QCOMPARE(req.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(req.headers.value("user-agent"), QByteArray("Sitrep/test"));
    QCOMPARE(req.headers.value("x-team"), QByteArray("sre"));
    QCOMPARE(req.headers.value("authorization"), QByteArray("Bearer wh-s3cret-token-value"));
    QCOMPARE(
        req.body,
        QByteArray(
            R"({"createdAt":"2026-11-23T07:05:00.000Z","fields":{"impact":"EU <checkout> & cart_v2",)"
            R"("status":"IDENTIFIED","title":"Checkout 502s"},"heading":"Incident: Checkout 502s",)"
            R"("markdown":"### Incident: Checkout 502s\n\n- **Status:** IDENTIFIED\n- **Impact:** EU <checkout> & cart\\_v2",)"
            R"("service":"api-gateway","severity":"P1","status":"identified","template":"t",)"
            R"("text":"Incident: Checkout 502s\n-----------------------\nStatus: IDENTIFIED\nImpact: EU <checkout> & cart_v2",)"
            R"("updateId":"u-0001"})"));
}

void TstNotifiers::slackBlockKit()
{
    const auto r =
        publishDirect(QStringLiteral("slack"), {{QStringLiteral("urlSecret"), QStringLiteral("wh-url")}});
    QCOMPARE(r.outcome, NotifierResult::Outcome::Sent);
    QCOMPARE(m_receiver->requests.size(), 1);
    const auto &req = m_receiver->requests[0];
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(
        req.body,
        QByteArray(
            R"({"blocks":[{"text":{"text":"Incident: Checkout 502s","type":"plain_text"},"type":"header"},)"
            R"({"text":{"text":"*Status:* IDENTIFIED\n*Impact:* EU &lt;checkout&gt; &amp; cart_v2","type":"mrkdwn"},)"
            R"("type":"section"}],)"
            R"("text":"*Incident: Checkout 502s*\n*Status:* IDENTIFIED\n*Impact:* EU &lt;checkout&gt; &amp; cart_v2"})"));
}

void TstNotifiers::mattermost()
{
    const auto r =
        publishDirect(QStringLiteral("mattermost"),
                      {{QStringLiteral("url"), m_receiver->url(QStringLiteral("/hooks/abc")).toString()},
                       {QStringLiteral("channel"), QStringLiteral("incidents")},
                       {QStringLiteral("username"), QStringLiteral("sitrep")}});
    QCOMPARE(r.outcome, NotifierResult::Outcome::Sent);
    const auto &req = m_receiver->requests.value(0);
    QCOMPARE(req.path, QByteArray("/hooks/abc"));
    QCOMPARE(req.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(req.body,
             QByteArray(
                 R"({"channel":"incidents","text":"### Incident: Checkout 502s\n\n- **Status:** IDENTIFIED\n)"
                 R"(- **Impact:** EU <checkout> & cart\\_v2","username":"sitrep"})"));
}

void TstNotifiers::statuspageCreateThenUpdate()
{
    m_receiver->enqueue(
        {201, "Created", R"({"id":"inc123","status":"identified"})", "application/json", false});
    m_receiver->enqueue({200, "OK", R"({"id":"inc123","status":"identified"})", "application/json", false});
    const QJsonObject config{{QStringLiteral("pageId"), QStringLiteral("pg1")},
                             {QStringLiteral("apiKeySecret"), QStringLiteral("sp-key")},
                             {QStringLiteral("apiBase"), m_receiver->url(QStringLiteral("/v1/")).toString()},
                             {QStringLiteral("componentIds"), QJsonArray{QStringLiteral("c1")}}};
    auto p = std::make_unique<Publisher>(*m_journal, m_clock);
    p->registerNotifier(m_plugins.notifier(QStringLiteral("statuspage")));
    p->setChannels({{QStringLiteral("status"), QStringLiteral("statuspage"), {}, config}});
    NotifierUpdate u = update();
    u.updateId.clear();
    const auto first = p->publish(u, {QStringLiteral("status")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->pendingCount(), 0);
    QCOMPARE(p->delivery(*first, QStringLiteral("status"))->externalId, QStringLiteral("inc123"));
    QCOMPARE(p->delivery(*first, QStringLiteral("status"))->state, DeliveryState::Sent);
    const auto second = p->publish(u, {QStringLiteral("status")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->pendingCount(), 0);
    QCOMPARE(m_receiver->requests.size(), 2);
    const auto &create = m_receiver->requests[0];
    QCOMPARE(create.method, QByteArray("POST"));
    QCOMPARE(create.path, QByteArray("/v1/pages/pg1/incidents"));
    QCOMPARE(create.headers.value("authorization"), QByteArray("OAuth sp-secret-key-123"));
    QCOMPARE(create.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(
        create.body,
        QByteArray(R"({"incident":{"body":"Status: IDENTIFIED\nImpact: EU <checkout> & cart_v2",)"
                   R"("component_ids":["c1"],"impact_override":"major","name":"Incident: Checkout 502s",)"
                   R"("status":"identified"}})"));
    const auto &patch = m_receiver->requests[1];
    QCOMPARE(patch.method, QByteArray("PATCH"));
    QCOMPARE(patch.path, QByteArray("/v1/pages/pg1/incidents/inc123"));
    QCOMPARE(patch.body,
             QByteArray(R"({"incident":{"body":"Status: IDENTIFIED\nImpact: EU <checkout> & cart_v2",)"
                        R"("name":"Incident: Checkout 502s","status":"identified"}})"));
}

void TstNotifiers::statuspageRecreatesDeletedIncident()
{
    m_receiver->enqueue({404, "Not Found", R"({"error":"Not found"})", "application/json", false});
    m_receiver->enqueue({201, "Created", R"({"id":"inc9"})", "application/json", false});
    const auto r =
        publishDirect(QStringLiteral("statuspage"),
                      {{QStringLiteral("pageId"), QStringLiteral("pg1")},
                       {QStringLiteral("apiKeySecret"), QStringLiteral("sp-key")},
                       {QStringLiteral("apiBase"), m_receiver->url(QStringLiteral("/v1")).toString()},
                       {QStringLiteral("externalId"), QStringLiteral("gone1")}});
    QCOMPARE(r.outcome, NotifierResult::Outcome::Sent);
    QCOMPARE(r.externalId, QStringLiteral("inc9"));
    QCOMPARE(m_receiver->requests.size(), 2);
    QCOMPARE(m_receiver->requests[0].method, QByteArray("PATCH"));
    QCOMPARE(m_receiver->requests[0].path, QByteArray("/v1/pages/pg1/incidents/gone1"));
    QCOMPARE(m_receiver->requests[1].method, QByteArray("POST"));
    QCOMPARE(m_receiver->requests[1].path, QByteArray("/v1/pages/pg1/incidents"));
    QVERIFY(m_receiver->requests[1].body.contains("\"impact_override\":\"major\""));
}

void TstNotifiers::fileChannel()
{
    QTemporaryDir out;
    const auto r =
        publishDirect(QStringLiteral("file"), {{QStringLiteral("directory"), out.path()},
                                               {QStringLiteral("format"), QStringLiteral("plain")}});
    QCOMPARE(r.outcome, NotifierResult::Outcome::Sent);
    const QString path = out.filePath(QStringLiteral("20261123-070500-t-u-0001.txt"));
    QCOMPARE(r.externalId, path);
    QCOMPARE(r.message, QStringLiteral("saved to ") + path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("Incident: Checkout 502s\n-----------------------\nStatus: IDENTIFIED\n"
                                     "Impact: EU <checkout> & cart_v2\n"));
    // An unwritable folder is a clear, permanent failure.
    const auto bad = publishDirect(QStringLiteral("file"),
                                   {{QStringLiteral("directory"), QStringLiteral("/proc/no/such")}});
    QCOMPARE(bad.outcome, NotifierResult::Outcome::Failed);
    QVERIFY2(bad.message.startsWith(QStringLiteral("cannot create the folder /proc/no/such")),
             qPrintable(bad.message));
}

std::unique_ptr<Publisher> TstNotifiers::makePublisher(const QJsonObject &webhookConfig)
{
    auto p = std::make_unique<Publisher>(*m_journal, m_clock);
    for (const auto &id : m_plugins.loadedIds())
        p->registerNotifier(m_plugins.notifier(id));
    p->setChannels(
        {{QStringLiteral("hook"), QStringLiteral("webhook"), QStringLiteral("Ops webhook"), webhookConfig}});
    return p;
}

void TstNotifiers::serverErrorThenSuccess()
{
    m_receiver->enqueue({500, "Internal Server Error", "boom", "text/plain", false});
    auto p = makePublisher({{QStringLiteral("urlSecret"), QStringLiteral("wh-url")}});
    NotifierUpdate u = update();
    const auto id = p->publish(u, {QStringLiteral("hook")}, QStringLiteral("alice"));
    QVERIFY(id.ok());
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Retrying);
    QCOMPARE(p->delivery(*id, QStringLiteral("hook"))->message,
             QStringLiteral("500 Internal Server Error: boom"));
    QCOMPARE(p->delivery(*id, QStringLiteral("hook"))->httpStatus, 500);
    m_clock.advanceSecs(5);
    p->processDue();
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Sent);
    QCOMPARE(m_receiver->requests.size(), 2);
    QCOMPARE(m_receiver->requests[0].body, m_receiver->requests[1].body); // the same update, byte for byte
}

void TstNotifiers::timeoutIsRetried()
{
    m_context.timeoutMs = 300;
    m_plugins.initialize(m_context);
    m_receiver->enqueue({200, "OK", "ok", "text/plain", true});
    auto p = makePublisher({{QStringLiteral("urlSecret"), QStringLiteral("wh-url")}});
    const auto id = p->publish(update(), {QStringLiteral("hook")}, QStringLiteral("alice"));
    QTRY_COMPARE_WITH_TIMEOUT(p->delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Retrying, 5000);
    QCOMPARE(p->delivery(*id, QStringLiteral("hook"))->message,
             QStringLiteral("no answer from 127.0.0.1 within 1 s (timed out)"));
    m_clock.advanceSecs(5);
    p->processDue();
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Sent);
}

void TstNotifiers::unauthorizedIsClear()
{
    m_receiver->enqueue({401, "Unauthorized", R"({"message":"invalid token"})", "application/json", false});
    auto p = makePublisher({{QStringLiteral("urlSecret"), QStringLiteral("wh-url")}});
    const auto id = p->publish(update(), {QStringLiteral("hook")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Failed);
    QCOMPARE(
        p->delivery(*id, QStringLiteral("hook"))->message,
        QStringLiteral("401 Unauthorized: invalid token — check the webhook URL and headers in settings"));
    const auto last = m_journal->events().last();
    QCOMPARE(last.kind, EventKind::Outbox);
    QCOMPARE(
        last.summary,
        QStringLiteral(
            "hook: failed: 401 Unauthorized: invalid token — check the webhook URL and headers in settings"));
}

void TstNotifiers::missingSecretIsClear()
{
    auto p = makePublisher({{QStringLiteral("urlSecret"), QStringLiteral("nope")}});
    const auto id = p->publish(update(), {QStringLiteral("hook")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("hook"))->state, DeliveryState::Failed);
    QCOMPARE(p->delivery(*id, QStringLiteral("hook"))->message,
             QStringLiteral("the secret \"nope\" (webhook URL) is not available — unlock the keychain or "
                            "enter it in settings"));
    QCOMPARE(m_receiver->requests.size(), 0);
}

void TstNotifiers::restartWithPendingOutbox()
{
    m_receiver->enqueue({503, "Service Unavailable", "maintenance", "text/plain", false});
    QString id;
    {
        auto p = makePublisher({{QStringLiteral("urlSecret"), QStringLiteral("wh-url")}});
        id = *p->publish(update(), {QStringLiteral("hook")}, QStringLiteral("alice"));
        QTRY_COMPARE(p->delivery(id, QStringLiteral("hook"))->state, DeliveryState::Retrying);
    }
    m_journal.reset();
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("n.sitrep"))).ok());
    auto p = makePublisher({{QStringLiteral("urlSecret"), QStringLiteral("wh-url")}});
    QCOMPARE(p->pendingCount(), 1);
    QCOMPARE(p->delivery(id, QStringLiteral("hook"))->message,
             QStringLiteral("503 Service Unavailable: maintenance"));
    m_clock.advanceSecs(5);
    p->processDue();
    QTRY_COMPARE(p->delivery(id, QStringLiteral("hook"))->state, DeliveryState::Sent);
    QCOMPARE(m_receiver->requests.size(), 2);
    QCOMPARE(m_receiver->requests[1].body, m_receiver->requests[0].body);
    QVERIFY(m_receiver->requests[1].body.contains("\"updateId\":\"u-0001\""));
}

QTEST_GUILESS_MAIN(TstNotifiers)
#include "tst_notifiers.moc"
