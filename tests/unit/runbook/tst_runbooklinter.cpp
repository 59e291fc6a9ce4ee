#include "runbook/RunbookLinter.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QSet>
#include <QTest>

using namespace Sitrep::Runbook;

// What `sitrep runbook lint` reports, on the shared runbooks and on small cases.
class TstRunbookLinter : public QObject
{
    Q_OBJECT
private slots:
    void sharedRunbook();
    void knownValuesSilencePlaceholders();
    void unknownPhase();
    void cleanRunbook();
};

namespace {
QList<RunbookLinter::Finding> of(const QList<RunbookLinter::Finding> &all, RunbookLinter::Finding::Kind k)
{
    QList<RunbookLinter::Finding> out;
    for (const auto &f : all) {
        if (f.kind == k)
            out << f;
    }
    return out;
}
} // namespace

void TstRunbookLinter::sharedRunbook()
{
    const auto r = RunbookParser::parseFile(
        Sitrep::Test::sourceDir() +
        QStringLiteral("/tests/unit/runbook/fixtures/deeptech-api-incident-response.md"));
    QVERIFY(r.ok());
    const auto findings = RunbookLinter::lint(r.value());
    const auto unchecked = of(findings, RunbookLinter::Finding::Kind::UncheckedDestructive);
    QCOMPARE(unchecked.size(), 3);
    QCOMPARE(unchecked.at(0).line, 297);
    QCOMPARE(unchecked.at(1).stepId, QStringLiteral("complete-service-restart-1"));
    QCOMPARE(unchecked.at(2).stepId, QStringLiteral("rollback-to-previous-version-1"));
    QVERIFY(unchecked.at(2).message.contains(QLatin1String("kubectl rollout undo")));
    const auto placeholders = of(findings, RunbookLinter::Finding::Kind::Placeholder);
    QCOMPARE(placeholders.size(),
             2); // ${DATABASE_URL}, ${CORRECT_DATABASE_URL}; <namespace> comes from context
    QVERIFY(placeholders.at(0).message.startsWith(QLatin1String("${DATABASE_URL}")));
    QVERIFY(placeholders.at(0).message.contains(QLatin1String("secret")));
    QCOMPARE(of(findings, RunbookLinter::Finding::Kind::UnknownPhase).size(), 0);
    const auto interactive = of(findings, RunbookLinter::Finding::Kind::Interactive);
    QCOMPARE(interactive.size(), 6); // kubectl run -it ... psql -c runs under a pseudo-terminal: not a finding
    // Each says what the wizard will do with it: a pseudo-terminal, the user's terminal emulator, or a run
    // that goes on until cancelled.
    int pty = 0, fullScreen = 0, endless = 0;
    for (const auto &f : interactive) {
        if (f.message.startsWith(QLatin1String("needs a terminal: Sitrep runs it under a pseudo-terminal")))
            ++pty;
        else if (f.message.startsWith(QLatin1String("takes the whole screen: Sitrep opens it in your terminal")))
            ++fullScreen;
        else if (f.message.startsWith(QLatin1String("never ends on its own: Sitrep stops it when you cancel")))
            ++endless;
        else
            QFAIL(qPrintable(f.message));
    }
    QCOMPARE(pty, 0);        // kubectl run -it --rm ... psql -c: runs under a pseudo-terminal
    QCOMPARE(fullScreen, 4); // kubectl edit
    QCOMPARE(endless, 2);    // port-forward, get --watch
}

void TstRunbookLinter::knownValuesSilencePlaceholders()
{
    const auto r =
        RunbookParser::parse("## Fix\n```bash\nkubectl get pods\ncurl -H \"X: $TOKEN\" $API/<path>\n```\n");
    QVERIFY(r.ok());
    QCOMPARE(of(RunbookLinter::lint(r.value()), RunbookLinter::Finding::Kind::Placeholder).size(), 3);
    const QSet<QString> known{QStringLiteral("TOKEN"), QStringLiteral("path")};
    const auto left = of(RunbookLinter::lint(r.value(), known), RunbookLinter::Finding::Kind::Placeholder);
    QCOMPARE(left.size(), 1);
    QVERIFY(left.first().message.startsWith(QLatin1String("$API")));
}

void TstRunbookLinter::unknownPhase()
{
    const auto r =
        RunbookParser::parse("# Service\n\n## Things\n\n```bash\nkubectl get pods\nkubectl get svc\n```\n");
    QVERIFY(r.ok());
    const auto f = of(RunbookLinter::lint(r.value()), RunbookLinter::Finding::Kind::UnknownPhase);
    QCOMPARE(f.size(), 1); // once per section
    QCOMPARE(f.first().line, 6);
    QVERIFY(f.first().message.contains(QLatin1String("\"Things\"")));
}

void TstRunbookLinter::cleanRunbook()
{
    const auto r = RunbookParser::parse("## Triage\n```bash\nkubectl get pods -n <namespace>\n"
                                        "kubectl delete pod <pod-name> -n <namespace>\n```\n");
    QVERIFY(r.ok());
    QCOMPARE(RunbookLinter::lint(r.value()).size(), 0);
}

QTEST_GUILESS_MAIN(TstRunbookLinter)
#include "tst_runbooklinter.moc"
