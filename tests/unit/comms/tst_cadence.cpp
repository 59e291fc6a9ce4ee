#include "CommsFixtures.h"
#include "comms/Cadence.h"
#include "comms/CommsSettings.h"
#include "core/IncidentSession.h"
#include "core/ManualClock.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;
using CommsFixtures::at;

class TstCadence : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void formatCountdown_data();
    void formatCountdown();
    void defaultsPerSeverity_data();
    void defaultsPerSeverity();
    void countdownAndOverdue();
    void intervalAfterPublishedUpdate();
    void runbookRulesOverride();
    void policyJsonRoundTrip();
    void settingsKeepCadenceSentencesAndLink();
    void snoozeIsRecordedAndEndsWithNextUpdate();
    void smartReminders();
    void resolvedNeedsFinalUpdate();
    void escalationPrompts();
    void immediateEscalation();
    void escalationParsing();
    void severitySpecificEscalation();
    void stateSurvivesRestart();

private:
    void declare(const QString &severity, const QString &commander = QStringLiteral("alice"));
    void publishUpdate();
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<IncidentSession> m_session;
};

void TstCadence::init()
{
    QFile::remove(m_dir.filePath(QStringLiteral("c.sitrep")));
    m_clock.set(at("07:00:00"));
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("c.sitrep"))).ok());
    m_session = std::make_unique<IncidentSession>(*m_journal, m_clock, QStringLiteral("alice"));
}

void TstCadence::cleanup()
{
    m_session.reset();
    m_journal.reset();
}

void TstCadence::declare(const QString &severity, const QString &commander)
{
    IncidentSession::Declaration d;
    d.title = QStringLiteral("Checkout 502s");
    d.service = QStringLiteral("api-gateway");
    d.severity = severity;
    d.impactStarted = at("06:50:00");
    d.commander = commander;
    QVERIFY(m_session->declare(d).ok());
}

void TstCadence::publishUpdate()
{
    QVERIFY(m_session->record(EventKind::UpdatePublished, QStringLiteral("update"), {}).ok());
}

void TstCadence::formatCountdown_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("3:12") << qint64(192'000) << QStringLiteral("3:12");
    QTest::newRow("rounds up while due") << qint64(191'001) << QStringLiteral("3:12");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0:00");
    QTest::newRow("overdue") << qint64(-65'000) << QStringLiteral("1:05");
    QTest::newRow("overdue rounds down") << qint64(-65'999) << QStringLiteral("1:05");
    QTest::newRow("hours") << qint64(3'723'000) << QStringLiteral("1:02:03");
}

void TstCadence::formatCountdown()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(Cadence::formatCountdown(ms), text);
}

void TstCadence::defaultsPerSeverity_data()
{
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("interval");
    QTest::newRow("P0") << QStringLiteral("P0") << 5 << 10;
    QTest::newRow("P1") << QStringLiteral("P1") << 15 << 30;
    QTest::newRow("P2") << QStringLiteral("P2") << 30 << 60;
    QTest::newRow("P3") << QStringLiteral("P3") << 0 << 0;
}

void TstCadence::defaultsPerSeverity()
{
    QFETCH(QString, severity);
    QFETCH(int, first);
    QFETCH(int, interval);
    declare(severity);
    Cadence c(*m_journal, m_clock);
    const CadenceState &s = c.evaluate();
    if (first == 0) {
        QVERIFY(!s.active);
        QCOMPARE(s.countdownText, QString());
        QCOMPARE(s.statusText, QStringLiteral("no update cadence for P3"));
        QVERIFY(!c.nextUpdateTime());
        return;
    }
    QVERIFY(s.active);
    QCOMPARE(s.dueMs, at("07:00:00").addSecs(first * 60).toMSecsSinceEpoch());
    m_clock.advanceSecs(first * 60 + 1);
    publishUpdate();
    QCOMPARE(c.evaluate().dueMs, m_clock.now().addSecs(interval * 60).toMSecsSinceEpoch());
}

void TstCadence::countdownAndOverdue()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    QSignalSpy due(&c, &Cadence::updateDue);
    QSignalSpy changed(&c, &Cadence::stateChanged);
    m_clock.set(at("07:11:48"));
    QCOMPARE(c.evaluate().countdownText, QStringLiteral("next update due in 3:12"));
    QVERIFY(!c.state().overdue);
    QCOMPARE(due.count(), 0);
    m_clock.set(at("07:16:05"));
    QCOMPARE(c.evaluate().countdownText, QStringLiteral("update overdue by 1:05"));
    QVERIFY(c.state().overdue);
    QCOMPARE(due.count(), 1);
    m_clock.advanceSecs(30);
    c.evaluate();
    QCOMPARE(due.count(), 1); // once per due time, not every tick
    QVERIFY(changed.count() >= 3);
    QCOMPARE(*c.nextUpdateTime(), at("07:15:00"));
    // The draft's "Next update" line: one interval after this update goes out.
    QCOMPARE(*c.nextUpdateIfPublishedAt(at("07:16:05")), at("07:46:05"));
}

void TstCadence::intervalAfterPublishedUpdate()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    m_clock.set(at("07:16:00"));
    publishUpdate();
    QCOMPARE(c.evaluate().countdownText, QStringLiteral("next update due in 30:00"));
    QVERIFY(m_session->setSeverity(QStringLiteral("P0")).ok());
    // P0: every 10 minutes from the last update.
    QCOMPARE(c.evaluate().countdownText, QStringLiteral("next update due in 10:00"));
}

void TstCadence::runbookRulesOverride()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    CadencePolicy p = CadencePolicy::defaults();
    // "Post initial communication within: P1: 10 minutes" and a P3 rule the defaults lack.
    p.applyRunbookRules({{QStringLiteral("P1"), 10, -1}, {QStringLiteral("sev3"), 20, -1}});
    QCOMPARE(p.rule(QStringLiteral("P1"))->intervalMinutes, 30); // kept: the runbook did not say
    QCOMPARE(p.rule(QStringLiteral("P3"))->intervalMinutes, 40);
    c.setPolicy(p);
    QCOMPARE(c.state().dueMs, at("07:10:00").toMSecsSinceEpoch());

    // As the deeptech runbook states it.
    const auto parsed = CadencePolicy::parseRunbookRules(
        {QStringLiteral("Post initial communication within:"), QStringLiteral("- P0: 5 minutes"),
         QStringLiteral("- P1: 15 minutes"), QStringLiteral("- **P2**: every 45 min"),
         QStringLiteral("- P3: later")});
    QCOMPARE(parsed.size(), 3);
    QCOMPARE(parsed[0].severity, QStringLiteral("P0"));
    QCOMPARE(parsed[0].firstUpdateMinutes, 5);
    QCOMPARE(parsed[2].severity, QStringLiteral("P2"));
    QCOMPARE(parsed[2].intervalMinutes, 45);
    QCOMPARE(parsed[2].firstUpdateMinutes, -1);
}

void TstCadence::policyJsonRoundTrip()
{
    CadencePolicy p = CadencePolicy::defaults();
    p.setRule(QStringLiteral("P3"), {60, 120});
    p.setMonitoringReminderMinutes(45);
    const auto back = CadencePolicy::fromJson(p.toJson());
    QVERIFY(back.ok());
    QCOMPARE(back->rule(QStringLiteral("p3"))->firstUpdateMinutes, 60);
    QCOMPARE(back->rule(QStringLiteral("P0"))->intervalMinutes, 10);
    QCOMPARE(back->monitoringReminderMinutes(), 45);
    const auto bad =
        CadencePolicy::fromJson({{QStringLiteral("P1"), QJsonObject{{QStringLiteral("first"), 5}}}},
                                QStringLiteral("settings.cadence"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().where, QStringLiteral("settings.cadence.P1"));
}

void TstCadence::settingsKeepCadenceSentencesAndLink()
{
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.clear();
    CommsSettings comms(settings);
    // Nothing saved: the defaults.
    QVERIFY(!comms.hasCadence());
    QCOMPARE(comms.cadence()->rule(QStringLiteral("P0"))->firstUpdateMinutes, 5);

    CadencePolicy policy;
    policy.setRule(QStringLiteral("P1"), {7, 20});
    policy.setMonitoringReminderMinutes(45);
    comms.setCadence(policy);
    {
        QSettings again(settings.fileName(), QSettings::IniFormat);
        const auto read = CommsSettings(again).cadence();
        QVERIFY(read.ok());
        QCOMPARE(read->rule(QStringLiteral("P1"))->intervalMinutes, 20);
        QVERIFY(!read->rule(QStringLiteral("P0"))); // configured away
        QCOMPARE(read->monitoringReminderMinutes(), 45);
    }
    // A damaged entry is an error naming the setting; the caller keeps the defaults.
    settings.setValue(QStringLiteral("comms/cadence"), QByteArray("{\"P1\": {\"first\": \"soon\"}}"));
    auto damaged = comms.cadence();
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.error().text().startsWith(QLatin1String("comms/cadence.P1: expected")),
             qPrintable(damaged.error().text()));
    settings.setValue(QStringLiteral("comms/cadence"), QByteArray("{not json"));
    damaged = comms.cadence();
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.error().text().startsWith(
                 QLatin1String("comms/cadence: the saved update cadence is damaged")),
             qPrintable(damaged.error().text()));

    StockSentences sentences;
    sentences.setSentence(Status::Investigating, QStringLiteral("We are on it."));
    comms.setStockSentences(sentences);
    QCOMPARE(comms.stockSentences().sentence(Status::Investigating), QStringLiteral("We are on it."));
    QCOMPARE(comms.stockSentences().sentence(Status::Resolved),
             StockSentences::defaultSentence(Status::Resolved));

    QVERIFY(comms.setUpdatesLink(QStringLiteral(" https://status.example.test/incidents/42 ")).ok());
    QCOMPARE(comms.updatesLink(), QStringLiteral("https://status.example.test/incidents/42"));
    // A link with credentials would be published in every update: refused, the old one stays.
    const auto refused = comms.setUpdatesLink(QStringLiteral("https://bot:pw@status.example.test/"));
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().text().contains(QLatin1String("must not carry a user name or password")));
    QVERIFY(!comms.setUpdatesLink(QStringLiteral("status page")).ok());
    QCOMPARE(comms.updatesLink(), QStringLiteral("https://status.example.test/incidents/42"));
    QVERIFY(comms.setUpdatesLink({}).ok());
    QVERIFY(comms.updatesLink().isEmpty());
}

void TstCadence::snoozeIsRecordedAndEndsWithNextUpdate()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    m_clock.set(at("07:16:05"));
    QVERIFY(c.evaluate().overdue);
    QVERIFY(!c.snooze(10, QStringLiteral("  "), QStringLiteral("alice")).ok());
    QVERIFY(!c.snooze(0, QStringLiteral("x"), QStringLiteral("alice")).ok());
    QVERIFY(c.snooze(10, QStringLiteral("waiting for the vendor's answer"), QStringLiteral("alice")).ok());
    QCOMPARE(c.state().countdownText, QStringLiteral("next update due in 10:00"));
    QCOMPARE(c.state().snoozeReason, QStringLiteral("waiting for the vendor's answer"));
    const auto last = m_journal->events().last();
    QCOMPARE(last.kind, EventKind::Reminder);
    QCOMPARE(last.summary,
             QStringLiteral("Update reminder snoozed for 10 min: waiting for the vendor's answer"));
    QCOMPARE(last.payload.value(QStringLiteral("untilMs")).toInteger(), at("07:26:05").toMSecsSinceEpoch());
    // The next update ends the snooze: the interval counts from it.
    m_clock.set(at("07:20:00"));
    publishUpdate();
    QCOMPARE(c.evaluate().dueMs, at("07:50:00").toMSecsSinceEpoch());
    QCOMPARE(c.state().snoozedUntilMs, 0);
}

void TstCadence::smartReminders()
{
    declare(QStringLiteral("P1"), QString());
    Cadence c(*m_journal, m_clock);
    QSignalSpy raised(&c, &Cadence::reminderRaised);
    auto ids = [&c] {
        QStringList out;
        for (const auto &r : c.state().reminders)
            out << r.id;
        return out;
    };
    c.evaluate();
    QCOMPARE(ids(), QStringList{QStringLiteral("no-commander")});
    QCOMPARE(c.state().reminders[0].text,
             QStringLiteral("No incident commander assigned: assign one so everyone knows who decides."));
    QVERIFY(m_session->assignRole(Role::Commander, QStringLiteral("bob")).ok());
    m_clock.set(at("07:05:00"));
    QVERIFY(m_session->setStatus(Status::Identified).ok());
    c.evaluate();
    QCOMPARE(ids(), QStringList{QStringLiteral("no-update-since-status")});
    QCOMPARE(c.state().reminders[0].text,
             QStringLiteral(
                 "Status changed to IDENTIFIED at 2026-11-23 07:05 UTC and no update has been sent since."));
    publishUpdate();
    c.evaluate();
    QVERIFY(ids().isEmpty());
    QVERIFY(m_session->setStatus(Status::Monitoring).ok());
    publishUpdate();
    m_clock.set(at("08:05:00"));
    c.evaluate();
    QCOMPARE(ids(), QStringList{QStringLiteral("monitoring-open")});
    QCOMPARE(c.state().reminders[0].text,
             QStringLiteral("Monitoring for 1h 00m: resolve the incident, or go back to investigating."));
    QCOMPARE(raised.count(), 3);
    c.evaluate();
    QCOMPARE(raised.count(), 3); // each reminder is signalled once while it stands
    // Resolved on record, status left at monitoring: the incident was left open.
    QVERIFY(m_session->setMilestone(Milestone::Resolved, at("08:00:00")).ok());
    c.evaluate();
    QVERIFY(ids().contains(QStringLiteral("resolved-but-open")));
    QCOMPARE(
        c.state().reminders[0].text,
        QStringLiteral(
            "Resolved at 2026-11-23 08:00 UTC but the status is still MONITORING: set it to RESOLVED and "
            "send the final update."));
}

void TstCadence::resolvedNeedsFinalUpdate()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    publishUpdate();
    m_clock.set(at("07:40:00"));
    QVERIFY(m_session->setStatus(Status::Resolved).ok());
    QCOMPARE(c.evaluate().dueMs, at("07:55:00").toMSecsSinceEpoch());
    m_clock.set(at("07:41:00"));
    publishUpdate();
    QVERIFY(!c.evaluate().active);
    QCOMPARE(c.state().statusText, QStringLiteral("resolved: final update sent"));
}

void TstCadence::escalationPrompts()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    c.setEscalationPolicy(EscalationPolicy::fromLines(
        {QStringLiteral("1. **Level 1** (0-15 min): On-call engineer follows this runbook"),
         QStringLiteral("2. **Level 2** (15-30 min): Escalate to Platform Team Lead (#platform-oncall)"),
         QStringLiteral("3. **Level 3** (30+ min): Involve CTO and consider status page update")}));
    QSignalSpy prompted(&c, &Cadence::escalationPrompted);
    m_clock.set(at("07:04:00")); // 14 min since impact
    QVERIFY(c.evaluate().prompts.isEmpty());
    m_clock.set(at("07:15:00")); // 25 min
    c.evaluate();
    QCOMPARE(c.state().prompts.size(), 1);
    QCOMPARE(c.state().prompts[0].text,
             QStringLiteral("25 min without mitigation: escalate to Platform Team Lead (#platform-oncall)"));
    QCOMPARE(prompted.count(), 1);
    QVERIFY(!c.escalate(QStringLiteral("level-9"), QStringLiteral("alice")).ok());
    QVERIFY(
        c.escalate(QStringLiteral("level-2"), QStringLiteral("alice"), QStringLiteral("paged Dana")).ok());
    QVERIFY(c.state().prompts.isEmpty());
    const auto e = m_journal->events().last();
    QCOMPARE(e.kind, EventKind::Escalation);
    QCOMPARE(e.summary,
             QStringLiteral("Escalated to Platform Team Lead (#platform-oncall) (level 2) — paged Dana"));
    QCOMPARE(e.payload.value(QStringLiteral("action")).toString(), QStringLiteral("escalated"));

    m_clock.set(at("07:21:00")); // 31 min
    c.evaluate();
    QCOMPARE(c.state().prompts.size(), 1);
    QCOMPARE(c.state().prompts[0].text,
             QStringLiteral("31 min without mitigation: escalate to CTO and consider status page update"));
    QVERIFY(c.acknowledge(QStringLiteral("level-3"), QStringLiteral("alice")).ok());
    QCOMPARE(m_journal->events().last().payload.value(QStringLiteral("action")).toString(),
             QStringLiteral("acknowledged"));
    QVERIFY(c.state().prompts.isEmpty());
    QCOMPARE(prompted.count(), 2);
}

void TstCadence::immediateEscalation()
{
    declare(QStringLiteral("P1"));
    Cadence c(*m_journal, m_clock);
    EscalationPolicy p;
    p.levels = {{1, 0, QStringLiteral("On-call engineer")}, {4, 60, QStringLiteral("CTO")}};
    p.immediate = {{QStringLiteral("data loss is suspected"), {}}};
    c.setEscalationPolicy(p);
    QCOMPARE(c.state().prompts.size(), 1);
    QCOMPARE(c.state().prompts[0].text,
             QStringLiteral("If data loss is suspected: escalate immediately to CTO."));
    QVERIFY(c.state().prompts[0].immediate);
    // Mitigation stops time-based prompts, not the immediate ones.
    QVERIFY(m_session->setMilestone(Milestone::Mitigated, at("07:00:00")).ok());
    m_clock.set(at("08:30:00"));
    QCOMPARE(c.evaluate().prompts.size(), 1);
    QVERIFY(c.acknowledge(QStringLiteral("immediate-0"), QStringLiteral("alice")).ok());
    QVERIFY(c.state().prompts.isEmpty());
}

void TstCadence::escalationParsing()
{
    const auto p = EscalationPolicy::fromLines(
        {QStringLiteral("2. **Level 2** (15-30 min): Escalate to Platform Team Lead"),
         QStringLiteral("Escalate immediately if data loss is suspected."),
         QStringLiteral("- Primary: Platform team")});
    QCOMPARE(p.levels.size(), 1);
    QCOMPARE(p.levels[0].level, 2);
    QCOMPARE(p.levels[0].afterMinutes, 15);
    QCOMPARE(p.levels[0].contact, QStringLiteral("Platform Team Lead"));
    QCOMPARE(p.immediate.size(), 1);
    QCOMPARE(p.immediate[0].condition, QStringLiteral("data loss is suspected"));
}

void TstCadence::severitySpecificEscalation()
{
    // "P0 incident not resolved within 1 hour" prompts for a P0 only.
    EscalationPolicy policy;
    policy.levels.append({1, 60, QStringLiteral("Senior backend engineer"), QStringLiteral("P0"),
                          QStringLiteral("P0 incident not resolved within 1 hour")});
    declare(QStringLiteral("P1"));
    {
        Cadence c(*m_journal, m_clock);
        c.setEscalationPolicy(policy);
        m_clock.set(at("08:01:00"));
        QVERIFY(c.evaluate().prompts.isEmpty());
    }
    QVERIFY(m_session->setSeverity(QStringLiteral("P0"), QStringLiteral("all regions")).ok());
    Cadence c(*m_journal, m_clock);
    c.setEscalationPolicy(policy);
    const auto prompts = c.evaluate().prompts;
    QCOMPARE(prompts.size(), 1);
    QCOMPARE(prompts.first().text,
             QStringLiteral("71 min without mitigation (P0 incident not resolved within 1 hour): "
                            "escalate to Senior backend engineer"));
}

void TstCadence::stateSurvivesRestart()
{
    declare(QStringLiteral("P1"));
    EscalationPolicy p;
    p.levels = {{2, 15, QStringLiteral("Platform Team Lead")}};
    {
        Cadence c(*m_journal, m_clock);
        c.setEscalationPolicy(p);
        m_clock.set(at("07:16:00"));
        QVERIFY(c.snooze(5, QStringLiteral("bridge call"), QStringLiteral("alice")).ok());
        QVERIFY(c.acknowledge(QStringLiteral("level-2"), QStringLiteral("alice")).ok());
    }
    m_session.reset();
    m_journal.reset();
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("c.sitrep"))).ok());
    Cadence c(*m_journal, m_clock);
    c.setEscalationPolicy(p);
    QCOMPARE(c.state().dueMs, at("07:21:00").toMSecsSinceEpoch());
    QCOMPARE(c.state().snoozeReason, QStringLiteral("bridge call"));
    QVERIFY(c.state().prompts.isEmpty());
}

QTEST_GUILESS_MAIN(TstCadence)
#include "tst_cadence.moc"
