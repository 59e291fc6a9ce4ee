#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "runbook/RunRecorder.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Runbook;

// Command runs and checklist ticks on the incident record, with secrets scrubbed.
class TstRunRecorder : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void recordsARun();
    void recordsAHandOff();
    void secretsNeverReachTheJournal();
    void recordsStepStates();
    void excerptKeepsHeadAndTail();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<IncidentSession> m_session;
    ManualClock m_clock;
};

void TstRunRecorder::init()
{
    m_journal = std::make_unique<Journal>();
    QVERIFY(m_journal
                ->open(m_dir.filePath(
                    QStringLiteral("%1.sitrep").arg(QString::fromLatin1(QTest::currentTestFunction()))))
                .ok());
    m_session = std::make_unique<IncidentSession>(*m_journal, m_clock, QStringLiteral("alice"));
    QVERIFY(m_session->declare({QStringLiteral("Gateway crash loop"), QStringLiteral("api-gateway")}).ok());
}

void TstRunRecorder::cleanup()
{
    m_session.reset();
    m_journal.reset();
}

void TstRunRecorder::recordsARun()
{
    PreparedCommand p;
    p.stepId = QStringLiteral("triage-5-minutes-1");
    p.command = p.display = QStringLiteral("kubectl get pods -n demo");
    p.risk = Risk::Read;
    RunResult r;
    r.stepId = p.stepId;
    r.where = QStringLiteral("context sim / namespace demo");
    r.started = true;
    r.exitCode = 0;
    r.durationMs = 1234;
    r.output = "NAME READY\napi-gateway-1 1/1\n";
    const auto e =
        RunRecorder(*m_session)
            .recordRun(QStringLiteral(":/runbooks/api-gateway-crashloop.md"), p, r, QStringLiteral("local"));
    QVERIFY(e.ok());
    QCOMPARE(e->kind, EventKind::CommandRun);
    QCOMPARE(e->author, QStringLiteral("alice"));
    QCOMPARE(
        e->summary,
        QStringLiteral("Ran `kubectl get pods -n demo` on context sim / namespace demo: exit 0 in 1.2 s"));
    const QJsonObject pl = e->payload;
    QCOMPARE(pl.value(QLatin1String("stepId")).toString(), QStringLiteral("triage-5-minutes-1"));
    QCOMPARE(pl.value(QLatin1String("runbook")).toString(),
             QStringLiteral(":/runbooks/api-gateway-crashloop.md"));
    QCOMPARE(pl.value(QLatin1String("exitCode")).toInt(), 0);
    QCOMPARE(pl.value(QLatin1String("durationMs")).toInt(), 1234);
    QCOMPARE(pl.value(QLatin1String("output")).toString(), QStringLiteral("NAME READY\napi-gateway-1 1/1\n"));
    QCOMPARE(pl.value(QLatin1String("runner")).toString(), QStringLiteral("local"));
    QCOMPARE(m_journal->events().last().id, e->id); // it is in the journal, not only returned

    r.cancelled = true;
    r.exitCode = -1;
    const auto c = RunRecorder(*m_session).recordRun(QString(), p, r, QStringLiteral("ssh"));
    QVERIFY(c->summary.endsWith(QLatin1String(": cancelled in 1.2 s")));
}

void TstRunRecorder::recordsAHandOff()
{
    // A full-screen program runs in the user's terminal emulator: the journal says so rather than an exit
    // code.
    PreparedCommand p;
    p.stepId = QStringLiteral("diagnosis-3");
    p.command = p.display = QStringLiteral("kubectl exec -it -n demo postgres-0 -- psql -U postgres");
    p.risk = Risk::Change;
    p.terminal = TerminalUse::FullScreen;
    RunResult r;
    r.stepId = p.stepId;
    r.where = QStringLiteral("context sim / namespace demo");
    r.started = true;
    r.handedOff = true;
    r.terminalProgram = QStringLiteral("x-terminal-emulator");
    const auto e = RunRecorder(*m_session).recordRun(QStringLiteral("rb.md"), p, r, QStringLiteral("local"));
    QVERIFY(e.ok());
    QCOMPARE(e->kind, EventKind::CommandRun);
    QCOMPARE(e->summary,
             QStringLiteral("Ran `kubectl exec -it -n demo postgres-0 -- psql -U postgres` on context "
                            "sim / namespace demo: handed off to the terminal emulator x-terminal-emulator"));
    QCOMPARE(e->payload.value(QLatin1String("handedOff")).toBool(), true);
    QCOMPARE(e->payload.value(QLatin1String("terminal")).toString(), QStringLiteral("x-terminal-emulator"));
    QCOMPARE(m_journal->events().last().payload.value(QLatin1String("handedOff")).toBool(), true);
}

void TstRunRecorder::secretsNeverReachTheJournal()
{
    PreparedCommand p;
    p.stepId = QStringLiteral("s-1");
    p.command = QStringLiteral("curl -H \"Authorization: Bearer $TOKEN\" https://api/");
    p.display = p.command + QStringLiteral(" --proxy https://user:Pa55w0rd-x@proxy:3128");
    p.secretValues = {QStringLiteral("tok-9f8e7d6c5b4a")};
    RunResult r;
    r.started = true;
    r.exitCode = 0;
    r.output = "debug: sent token tok-9f8e7d6c5b4a\nconnecting to postgres://app:Pa55w0rd-x@db:5432/x\n";
    const auto e = RunRecorder(*m_session).recordRun(QString(), p, r, QStringLiteral("local"));
    QVERIFY(e.ok());
    const QString stored = QString::fromUtf8(QJsonDocument(m_journal->events().last().toJson()).toJson());
    QVERIFY(!stored.contains(QLatin1String("tok-9f8e7d6c5b4a")));
    QVERIFY(!stored.contains(QLatin1String("Pa55w0rd-x")));
    QVERIFY(stored.contains(Redactor::kMask));
}

void TstRunRecorder::recordsStepStates()
{
    RunRecorder rec(*m_session);
    const auto done =
        rec.recordStep(QStringLiteral("rb.md"), QStringLiteral("triage-5-minutes-4"), QStringLiteral("done"),
                       QStringLiteral("Incident declared and commander assigned"));
    QVERIFY(done.ok());
    QCOMPARE(done->kind, EventKind::ChecklistStep);
    QCOMPARE(done->payload.value(QLatin1String("state")).toString(), QStringLiteral("done"));
    const auto na =
        rec.recordStep(QStringLiteral("rb.md"), QStringLiteral("scale-up-2"), QStringLiteral("n/a"),
                       QStringLiteral("Add capacity"), QStringLiteral("traffic is normal"));
    QVERIFY(na.ok());
    QCOMPARE(na->summary, QStringLiteral("Runbook step n/a: Add capacity (traffic is normal)"));
    const auto bad =
        rec.recordStep(QStringLiteral("rb.md"), QStringLiteral("x"), QStringLiteral("maybe"), QString());
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().where, QStringLiteral("x"));
}

void TstRunRecorder::excerptKeepsHeadAndTail()
{
    const QString out = QStringLiteral("HEAD") + QString(10000, QLatin1Char('.')) + QStringLiteral("TAIL");
    const QString ex = RunRecorder::excerpt(out, 400);
    QVERIFY(ex.startsWith(QLatin1String("HEAD")));
    QVERIFY(ex.endsWith(QLatin1String("TAIL")));
    QVERIFY(ex.contains(QLatin1String("characters left out")));
    QVERIFY(ex.size() < 500);
    QCOMPARE(RunRecorder::excerpt(QStringLiteral("short"), 400), QStringLiteral("short"));
}

QTEST_GUILESS_MAIN(TstRunRecorder)
#include "tst_runrecorder.moc"
