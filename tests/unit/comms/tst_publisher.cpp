#include "comms/Publisher.h"
#include "core/ManualClock.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;

// A notifier that answers from a script, later (like a network reply would).
class FakeNotifier final : public NotifierInterface
{
public:
    QString id() const override { return QStringLiteral("fake"); }
    QString displayName() const override { return QStringLiteral("Fake"); }
    QStringList configKeys() const override { return {}; }
    void initialize(const NotifierContext &) override {}
    void publish(const NotifierUpdate &update, const QJsonObject &config, Callback done) override
    {
        received << update;
        configs << config;
        const NotifierResult r = script.isEmpty() ? NotifierResult{NotifierResult::Outcome::Sent, 200, {}, {}}
                                                  : script.takeFirst();
        QTimer::singleShot(0, [done, r] { done(r); });
    }
    void abortAll() override {}

    QList<NotifierResult> script;
    QList<NotifierUpdate> received;
    QList<QJsonObject> configs;
};

class TstPublisher : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void publishRecordsUpdateAndOutbox();
    void retriesWithBackoff();
    void permanentFailureWaitsForUser();
    void backoff_data();
    void backoff();
    void outboxReplaysAfterRestart();
    void externalIdIsHandedBack();
    void unknownChannelOrPlugin();
    void channelJsonAndSecretNames();

private:
    std::unique_ptr<Publisher> makePublisher();
    NotifierUpdate update(const QString &heading = QStringLiteral("Incident: Checkout 502s")) const;
    QStringList outboxStates() const;

    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<Journal> m_journal;
    FakeNotifier m_fake;
};

void TstPublisher::init()
{
    QFile::remove(m_dir.filePath(QStringLiteral("p.sitrep")));
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("p.sitrep"))).ok());
    m_fake = FakeNotifier();
}

void TstPublisher::cleanup()
{
    m_journal.reset();
}

std::unique_ptr<Publisher> TstPublisher::makePublisher()
{
    auto p = std::make_unique<Publisher>(*m_journal, m_clock);
    p->registerNotifier(&m_fake);
    p->setChannels({{QStringLiteral("ops"), QStringLiteral("fake"), QStringLiteral("Ops room"), {}},
                    {QStringLiteral("status"),
                     QStringLiteral("fake"),
                     QStringLiteral("Status page"),
                     {{QStringLiteral("pageId"), QStringLiteral("p1")}}}});
    return p;
}

NotifierUpdate TstPublisher::update(const QString &heading) const
{
    NotifierUpdate u;
    u.heading = heading;
    u.status = QStringLiteral("investigating");
    u.templateName = QStringLiteral("initial");
    u.plainText = heading + QStringLiteral("\nStatus: INVESTIGATING");
    u.fields = {{QStringLiteral("impact"), QStringLiteral("EU checkout")}};
    return u;
}

QStringList TstPublisher::outboxStates() const
{
    QStringList out;
    for (const auto &e : m_journal->events()) {
        if (e.kind == EventKind::Outbox)
            out << e.payload.value(QStringLiteral("channel")).toString() + QLatin1Char(':') +
                       e.payload.value(QStringLiteral("state")).toString();
    }
    return out;
}

void TstPublisher::publishRecordsUpdateAndOutbox()
{
    auto p = makePublisher();
    QSignalSpy changed(p.get(), &Publisher::deliveryChanged);
    QVERIFY(!p->publish(update(), {}, QStringLiteral("alice")).ok());
    const auto id =
        p->publish(update(), {QStringLiteral("ops"), QStringLiteral("status")}, QStringLiteral("alice"));
    QVERIFY(id.ok());
    QTRY_COMPARE(p->pendingCount(), 0);
    QCOMPARE(p->delivery(*id, QStringLiteral("ops"))->state, DeliveryState::Sent);
    QCOMPARE(m_fake.received.size(), 2);
    QCOMPARE(m_fake.received[0].updateId, *id);
    QCOMPARE(m_fake.received[0].fields.value(QStringLiteral("impact")).toString(),
             QStringLiteral("EU checkout"));
    const auto published = m_journal->events()[0];
    QCOMPARE(published.kind, EventKind::UpdatePublished);
    QCOMPARE(published.summary,
             QStringLiteral("Update published (INVESTIGATING) to ops, status: Incident: Checkout 502s"));
    QCOMPARE(published.payload.value(QStringLiteral("text")).toString(),
             QStringLiteral("Incident: Checkout 502s\nStatus: INVESTIGATING"));
    QCOMPARE(published.payload.value(QStringLiteral("channels")).toArray().size(), 2);
    QCOMPARE(outboxStates(), (QStringList{QStringLiteral("ops:queued"), QStringLiteral("status:queued"),
                                          QStringLiteral("ops:sent"), QStringLiteral("status:sent")}));
    QCOMPARE(p->history().size(), 1);
    QCOMPARE(p->history()[0].channels, (QStringList{QStringLiteral("ops"), QStringLiteral("status")}));
    QVERIFY(changed.count() >= 6); // queued, sending, sent per channel
}

void TstPublisher::retriesWithBackoff()
{
    auto p = makePublisher();
    m_fake.script = {
        {NotifierResult::Outcome::Retry, 500, QStringLiteral("500 Internal Server Error: boom"), {}},
        {NotifierResult::Outcome::Retry, 503, QStringLiteral("503 Service Unavailable"), {}}};
    const auto id = p->publish(update(), {QStringLiteral("ops")}, QStringLiteral("alice"));
    QVERIFY(id.ok());
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("ops"))->state, DeliveryState::Retrying);
    auto d = *p->delivery(*id, QStringLiteral("ops"));
    QCOMPARE(d.message, QStringLiteral("500 Internal Server Error: boom"));
    QCOMPARE(d.nextAttemptMs, m_clock.nowMs() + 5000);
    // Not due yet: nothing is sent.
    m_clock.advanceSecs(4);
    p->processDue();
    QCOMPARE(m_fake.received.size(), 1);
    m_clock.advanceSecs(1);
    p->processDue();
    QTRY_COMPARE(m_fake.received.size(), 2);
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("ops"))->attempts, 2);
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("ops"))->state, DeliveryState::Retrying);
    QCOMPARE(p->delivery(*id, QStringLiteral("ops"))->nextAttemptMs, m_clock.nowMs() + 10000);
    m_clock.advanceSecs(10);
    p->processDue();
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("ops"))->state, DeliveryState::Sent);
    QCOMPARE(outboxStates(), (QStringList{QStringLiteral("ops:queued"), QStringLiteral("ops:attempt-failed"),
                                          QStringLiteral("ops:attempt-failed"), QStringLiteral("ops:sent")}));
    const auto events = m_journal->events();
    const auto failed = std::find_if(events.cbegin(), events.cend(), [](const auto &e) {
        return e.payload.value(QStringLiteral("state")).toString() == QLatin1String("attempt-failed");
    });
    QCOMPARE(failed->summary,
             QStringLiteral("ops: attempt 1 failed: 500 Internal Server Error: boom — retrying in 5 s"));
}

void TstPublisher::permanentFailureWaitsForUser()
{
    auto p = makePublisher();
    const QString msg = QStringLiteral("401 Unauthorized: invalid token — check the webhook URL in settings");
    m_fake.script = {{NotifierResult::Outcome::Failed, 401, msg, {}}};
    const auto id = p->publish(update(), {QStringLiteral("ops")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("ops"))->state, DeliveryState::Failed);
    QCOMPARE(p->delivery(*id, QStringLiteral("ops"))->message, msg);
    m_clock.advanceSecs(3600);
    p->processDue();
    QCOMPARE(m_fake.received.size(), 1); // no automatic retry
    QVERIFY(p->retryNow(*id, QStringLiteral("ops"), QStringLiteral("alice")).ok());
    QTRY_COMPARE(p->delivery(*id, QStringLiteral("ops"))->state, DeliveryState::Sent);
    QVERIFY(!p->retryNow(*id, QStringLiteral("ops"), QStringLiteral("alice")).ok());
    QCOMPARE(outboxStates().last(), QStringLiteral("ops:sent"));
    QVERIFY(outboxStates().contains(QStringLiteral("ops:retry-requested")));
}

void TstPublisher::backoff_data()
{
    QTest::addColumn<int>("attempts");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("1") << 1 << qint64(5000);
    QTest::newRow("2") << 2 << qint64(10000);
    QTest::newRow("4") << 4 << qint64(40000);
    QTest::newRow("capped") << 12 << qint64(300000);
}

void TstPublisher::backoff()
{
    QFETCH(int, attempts);
    QFETCH(qint64, ms);
    QCOMPARE(makePublisher()->backoffMs(attempts), ms);
}

void TstPublisher::outboxReplaysAfterRestart()
{
    QString id;
    {
        auto p = makePublisher();
        m_fake.script = {{NotifierResult::Outcome::Retry, 502, QStringLiteral("502 Bad Gateway"), {}}};
        id =
            *p->publish(update(), {QStringLiteral("ops"), QStringLiteral("status")}, QStringLiteral("alice"));
        QTRY_COMPARE(p->pendingCount(), 1);
    }
    // "Restart": a new journal object and a new publisher on the same file.
    m_journal.reset();
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("p.sitrep"))).ok());
    m_fake.received.clear();
    auto p = makePublisher();
    QCOMPARE(p->pendingCount(), 1);
    QCOMPARE(p->delivery(id, QStringLiteral("ops"))->state, DeliveryState::Retrying);
    QCOMPARE(p->delivery(id, QStringLiteral("ops"))->message, QStringLiteral("502 Bad Gateway"));
    QCOMPARE(p->delivery(id, QStringLiteral("status"))->state, DeliveryState::Sent);
    QCOMPARE(p->history().size(), 1);
    m_clock.advanceSecs(6);
    p->processDue();
    QTRY_COMPARE(p->pendingCount(), 0);
    QCOMPARE(m_fake.received.size(), 1);
    QCOMPARE(m_fake.received[0].updateId, id);
    QCOMPARE(m_fake.received[0].plainText, QStringLiteral("Incident: Checkout 502s\nStatus: INVESTIGATING"));
    QCOMPARE(p->delivery(id, QStringLiteral("ops"))->attempts, 2);
}

void TstPublisher::externalIdIsHandedBack()
{
    auto p = makePublisher();
    m_fake.script = {{NotifierResult::Outcome::Sent, 201, {}, QStringLiteral("inc-42")}};
    const auto first = p->publish(update(), {QStringLiteral("status")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->pendingCount(), 0);
    QVERIFY(!m_fake.configs[0].contains(QStringLiteral("externalId")));
    const auto second = p->publish(update(), {QStringLiteral("status")}, QStringLiteral("alice"));
    QTRY_COMPARE(p->pendingCount(), 0);
    QCOMPARE(m_fake.configs[1].value(QStringLiteral("externalId")).toString(), QStringLiteral("inc-42"));
    QCOMPARE(m_fake.configs[1].value(QStringLiteral("pageId")).toString(), QStringLiteral("p1"));
    // And after a restart too.
    auto again = std::make_unique<Publisher>(*m_journal, m_clock);
    again->registerNotifier(&m_fake);
    again->setChannels(p->channels());
    QVERIFY(again->publish(update(), {QStringLiteral("status")}, QStringLiteral("alice")).ok());
    QTRY_COMPARE(again->pendingCount(), 0);
    QCOMPARE(m_fake.configs[2].value(QStringLiteral("externalId")).toString(), QStringLiteral("inc-42"));
}

void TstPublisher::unknownChannelOrPlugin()
{
    auto p = makePublisher();
    p->setChannels({{QStringLiteral("teams"), QStringLiteral("msteams"), {}, {}}});
    const auto id =
        p->publish(update(), {QStringLiteral("teams"), QStringLiteral("gone")}, QStringLiteral("alice"));
    QVERIFY(id.ok()); // recorded even though it cannot be sent: nothing is lost
    QCOMPARE(p->delivery(*id, QStringLiteral("teams"))->state, DeliveryState::Failed);
    QCOMPARE(p->delivery(*id, QStringLiteral("teams"))->message,
             QStringLiteral("no notifier plugin \"msteams\" is loaded: see the plugin list in settings"));
    QCOMPARE(p->delivery(*id, QStringLiteral("gone"))->message,
             QStringLiteral("channel \"gone\" is not configured: add it in settings, then retry"));
}

void TstPublisher::channelJsonAndSecretNames()
{
    const Channel c{
        QStringLiteral("hook"),
        QStringLiteral("webhook"),
        QStringLiteral("Ops"),
        {{QStringLiteral("urlSecret"), QStringLiteral("hook-url")},
         {QStringLiteral("headers"), QJsonObject{{QStringLiteral("X-Team"), QStringLiteral("sre")}}},
         {QStringLiteral("headerSecrets"),
          QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("hook-auth")}}}}};
    QCOMPARE(c.secretNames(), (QStringList{QStringLiteral("hook-url"), QStringLiteral("hook-auth")}));
    const auto back = Channel::listFromJson(Channel::listToJson({c}));
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].id, QStringLiteral("hook"));
    QCOMPARE(back[0].config, c.config);
}

QTEST_GUILESS_MAIN(TstPublisher)
#include "tst_publisher.moc"
