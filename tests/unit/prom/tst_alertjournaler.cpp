// AlertJournaler: firing and resolved alerts become timeline events once per fingerprint, across sources and
// across a restart (the journal is read back).
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/ManualClock.h"
#include "prom/AlertJournaler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Prom;

namespace {

Alert alert(const QString &name, const QString &state, const QString &source,
            const QString &pod = QStringLiteral("api-0"))
{
    Alert a;
    a.name = name;
    a.state = state;
    a.source = source;
    a.labels = {{QStringLiteral("alertname"), name},
                {QStringLiteral("severity"), QStringLiteral("critical")},
                {QStringLiteral("pod"), pod}};
    a.annotations = {{QStringLiteral("summary"), QStringLiteral("%1 on %2").arg(name, pod)}};
    a.fingerprint =
        source == QLatin1String("alertmanager") ? QStringLiteral("am-") + pod : fingerprintOf(a.labels);
    return a;
}

QList<Core::TimelineEvent> alertEvents(const Core::Journal &j)
{
    QList<Core::TimelineEvent> out;
    for (const auto &e : j.events()) {
        if (e.kind == Core::EventKind::Alert)
            out << e;
    }
    return out;
}

} // namespace

class TstAlertJournaler final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firingThenResolved();
    void pendingIsNotFiring();
    void twoSourcesOneEvent();
    void restartDoesNotRepeat();
    void runbookFromMapOrAnnotation();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Core::Journal> m_journal;
    Core::ManualClock m_clock;
    std::unique_ptr<Core::IncidentSession> m_session;
    void reopen();
};

void TstAlertJournaler::reopen()
{
    m_session.reset();
    m_journal = std::make_unique<Core::Journal>();
    QVERIFY(m_journal->open(m_dir->filePath(QStringLiteral("incident.sitrep"))).ok());
    m_session = std::make_unique<Core::IncidentSession>(*m_journal, m_clock, QStringLiteral("ic"));
}

void TstAlertJournaler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    reopen();
    QVERIFY(
        m_session
            ->declare({QStringLiteral("Gateway 5xx"), QStringLiteral("api-gateway"), QStringLiteral("P1")})
            .ok());
}

void TstAlertJournaler::cleanup()
{
    m_session.reset();
    m_journal.reset();
    m_dir.reset();
}

void TstAlertJournaler::firingThenResolved()
{
    AlertJournaler j(*m_session);
    QSignalSpy recorded(&j, &AlertJournaler::recorded);
    QCOMPARE(j.update(QStringLiteral("prometheus"), {alert(QStringLiteral("Burn"), QStringLiteral("firing"),
                                                           QStringLiteral("prometheus"))}),
             1);
    QCOMPARE(j.update(QStringLiteral("prometheus"), {alert(QStringLiteral("Burn"), QStringLiteral("firing"),
                                                           QStringLiteral("prometheus"))}),
             0);
    QCOMPARE(j.firing(), QStringList{QStringLiteral("Burn")});
    QCOMPARE(j.update(QStringLiteral("prometheus"), {}), 1);
    QVERIFY(j.firing().isEmpty());
    const auto events = alertEvents(*m_journal);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].summary, QStringLiteral("Alert firing: Burn (critical) - Burn on api-0"));
    QCOMPARE(events[0].payload.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
    QCOMPARE(events[1].summary, QStringLiteral("Alert resolved: Burn (critical)"));
    QCOMPARE(recorded.size(), 2);
}

void TstAlertJournaler::pendingIsNotFiring()
{
    AlertJournaler j(*m_session);
    QCOMPARE(j.update(QStringLiteral("prometheus"), {alert(QStringLiteral("Slow"), QStringLiteral("pending"),
                                                           QStringLiteral("prometheus"))}),
             0);
    QCOMPARE(
        j.update(QStringLiteral("alertmanager"), {alert(QStringLiteral("Slow"), QStringLiteral("suppressed"),
                                                        QStringLiteral("alertmanager"))}),
        0);
    QVERIFY(alertEvents(*m_journal).isEmpty());
}

void TstAlertJournaler::twoSourcesOneEvent()
{
    AlertJournaler j(*m_session);
    const QString prom = QStringLiteral("prometheus");
    const QString am = QStringLiteral("alertmanager");
    QCOMPARE(j.update(prom, {alert(QStringLiteral("Burn"), QStringLiteral("firing"), prom)}), 1);
    // Alertmanager has its own fingerprint for the same labels: still the same alert.
    QCOMPARE(j.update(am, {alert(QStringLiteral("Burn"), QStringLiteral("active"), am)}), 0);
    // Prometheus stops first: Alertmanager still reports it, so it is not resolved yet.
    QCOMPARE(j.update(prom, {}), 0);
    QCOMPARE(j.update(am, {}), 1);
    // A second pod is a different alert.
    QCOMPARE(j.update(prom, {alert(QStringLiteral("Burn"), QStringLiteral("firing"), prom),
                             alert(QStringLiteral("Burn"), QStringLiteral("firing"), prom,
                                   QStringLiteral("api-1"))}),
             2);
    QCOMPARE(alertEvents(*m_journal).size(), 4);
}

void TstAlertJournaler::restartDoesNotRepeat()
{
    const QString prom = QStringLiteral("prometheus");
    {
        AlertJournaler j(*m_session);
        QCOMPARE(j.update(prom, {alert(QStringLiteral("Burn"), QStringLiteral("firing"), prom)}), 1);
    }
    reopen();
    AlertJournaler again(*m_session);
    QCOMPARE(again.firing(), QStringList{QStringLiteral("Burn")});
    QCOMPARE(again.update(prom, {alert(QStringLiteral("Burn"), QStringLiteral("firing"), prom)}), 0);
    QCOMPARE(again.update(prom, {}), 1);
    QCOMPARE(alertEvents(*m_journal).size(), 2);
}

void TstAlertJournaler::runbookFromMapOrAnnotation()
{
    AlertJournaler j(*m_session);
    j.setRunbooks({{QStringLiteral("Burn"), QStringLiteral("runbooks/api-gateway-crashloop.md")}});
    Alert a = alert(QStringLiteral("Burn"), QStringLiteral("firing"), QStringLiteral("prometheus"));
    QCOMPARE(j.runbookFor(a), QStringLiteral("runbooks/api-gateway-crashloop.md"));
    a.annotations.insert(QStringLiteral("runbook_url"), QStringLiteral("https://wiki/burn"));
    QCOMPARE(j.runbookFor(a), QStringLiteral("https://wiki/burn"));
    QCOMPARE(j.update(QStringLiteral("prometheus"), {a}), 1);
    QCOMPARE(alertEvents(*m_journal).first().payload.value(QStringLiteral("runbook")).toString(),
             QStringLiteral("https://wiki/burn"));
}

QTEST_GUILESS_MAIN(TstAlertJournaler)
#include "tst_alertjournaler.moc"
