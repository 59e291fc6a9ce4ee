#include "core/IncidentSession.h"
#include "core/ManualClock.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;

class TstIncidentSession : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void lifecycle();
    void reopenIsRecorded();
    void validation();
    void foldedStateSurvivesReopen();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Journal> m_journal;
    ManualClock m_clock;
    QString path() const { return m_dir.filePath(QStringLiteral("i.sitrep")); }
};

void TstIncidentSession::init()
{
    QFile::remove(path());
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(path()).ok());
}

void TstIncidentSession::cleanup()
{
    m_journal.reset();
}

void TstIncidentSession::lifecycle()
{
    IncidentSession s(*m_journal, m_clock, QStringLiteral("alice"));
    QSignalSpy changed(&s, &IncidentSession::incidentChanged);
    const QDateTime impact = m_clock.now().addSecs(-600);
    QVERIFY(s.declare({QStringLiteral("Checkout 502s"), QStringLiteral("api-gateway"), QStringLiteral("P1"),
                       SeverityScheme::defaults(), impact, QStringLiteral("alice")})
                .ok());
    QCOMPARE(s.incident().title(), QStringLiteral("Checkout 502s"));
    QCOMPARE(s.incident().severity(), QStringLiteral("P1"));
    QCOMPARE(s.incident().commander(), QStringLiteral("alice"));
    QCOMPARE(s.incident().startMs(), impact.toMSecsSinceEpoch());
    QVERIFY(changed.count() >= 3);

    m_clock.advanceSecs(60);
    QVERIFY(s.setMilestone(Milestone::Detected, m_clock.now()).ok());
    QVERIFY(s.setStatus(Status::Identified, QStringLiteral("bad rollout")).ok());
    QVERIFY(s.setSeverity(QStringLiteral("P0"), QStringLiteral("all regions")).ok());
    m_clock.advanceSecs(600);
    QVERIFY(s.setStatus(Status::Monitoring).ok());
    QVERIFY(s.incident().milestones().has(Milestone::Mitigated));
    m_clock.advanceSecs(600);
    QVERIFY(s.setStatus(Status::Resolved).ok());
    QCOMPARE(s.incident().status(), Status::Resolved);
    QCOMPARE(*s.incident().milestones().timeToResolve(), 600 + 60 + 600 + 600);
    const auto sev = s.incident().timeInSeverity(m_clock.nowMs());
    QCOMPARE(sev.value(QStringLiteral("P0")), qint64(1200) * 1000);

    const auto kinds = [this] {
        QStringList k;
        for (const auto &e : m_journal->events())
            k << e.kindName;
        return k;
    }();
    QCOMPARE(
        kinds.join(QLatin1Char(',')),
        QStringLiteral("declared,milestone,role-change,milestone,status-change,severity-change,status-change,"
                       "milestone,status-change,milestone"));
}

void TstIncidentSession::reopenIsRecorded()
{
    IncidentSession s(*m_journal, m_clock, QStringLiteral("bob"));
    QVERIFY(s.declare({QStringLiteral("DB failover"), QStringLiteral("postgres")}).ok());
    QVERIFY(s.setStatus(Status::Resolved).ok());
    QVERIFY(s.incident().milestones().has(Milestone::Resolved));
    m_clock.advanceSecs(30);
    QVERIFY(s.setStatus(Status::Investigating, QStringLiteral("errors are back")).ok());
    QCOMPARE(s.incident().reopenCount(), 1);
    QVERIFY(!s.incident().milestones().has(Milestone::Resolved));
    const auto events = m_journal->events();
    const auto reopen = std::find_if(events.begin(), events.end(), [](const TimelineEvent &e) {
        return e.kind == EventKind::StatusChange && e.payload.value(QLatin1String("reopen")).toBool();
    });
    QVERIFY(reopen != events.end());
    QVERIFY(reopen->summary.startsWith(QLatin1String("Reopened")));
}

void TstIncidentSession::validation()
{
    IncidentSession s(*m_journal, m_clock, QStringLiteral("carol"));
    QVERIFY(!s.setStatus(Status::Identified).ok()); // not declared
    const auto noTitle = s.declare({QStringLiteral("  "), QStringLiteral("x")});
    QVERIFY(!noTitle.ok());
    QCOMPARE(noTitle.error().where, QStringLiteral("title"));
    const auto badSev = s.declare({QStringLiteral("t"), QStringLiteral("x"), QStringLiteral("P9")});
    QVERIFY(!badSev.ok());
    QCOMPARE(badSev.error().where, QStringLiteral("severity"));
    QVERIFY(s.declare({QStringLiteral("t"), QStringLiteral("x")}).ok());
    QVERIFY(!s.declare({QStringLiteral("t2"), QStringLiteral("x")}).ok());
    QVERIFY(!s.setStatus(Status::Investigating).ok()); // no change
    QVERIFY(!s.addNote(QStringLiteral("   ")).ok());
    QVERIFY(s.setMilestone(Milestone::Detected, m_clock.now()).ok());
    const auto bad = s.setMilestone(Milestone::ImpactStarted, m_clock.now().addSecs(5));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QLatin1String("after Detected")));
    QCOMPARE(m_journal->events().size(), 2); // declared + detected; nothing else was written
}

void TstIncidentSession::foldedStateSurvivesReopen()
{
    {
        IncidentSession s(*m_journal, m_clock, QStringLiteral("dave"));
        QVERIFY(s.declare({QStringLiteral("Queue backlog"), QStringLiteral("worker"), QStringLiteral("P2")})
                    .ok());
        QVERIFY(s.assignRole(Role::Scribe, QStringLiteral("erin")).ok());
        QVERIFY(s.setField(QStringLiteral("root-cause"), QStringLiteral("consumer stuck")).ok());
    }
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal->open(path()).ok());
    IncidentSession again(*m_journal, m_clock, QStringLiteral("dave"));
    QCOMPARE(again.incident().title(), QStringLiteral("Queue backlog"));
    QCOMPARE(again.incident().role(Role::Scribe), QStringLiteral("erin"));
    QCOMPARE(again.incident().field(QStringLiteral("root-cause")), QStringLiteral("consumer stuck"));
}

QTEST_GUILESS_MAIN(TstIncidentSession)
#include "tst_incidentsession.moc"
