#include "runbook/RunbookLibrary.h"
#include "runbook/RunbookLinter.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Runbook;

// The bundled demo runbook, the user folder, and which runbook a firing alert opens.
class TstRunbookLibrary : public QObject
{
    Q_OBJECT
private slots:
    void bundledDemoRunbook();
    void brokenFilesAreListedWithTheirError();
    void suggestForAlerts_data();
    void suggestForAlerts();
    void userFolderAndBadFiles();
};

void TstRunbookLibrary::bundledDemoRunbook()
{
    const QString path = QStringLiteral(":/runbooks/api-gateway-crashloop.md");
    QVERIFY(RunbookLibrary::bundled().contains(path));
    const auto r = RunbookParser::parseFile(path);
    QVERIFY(r.ok());
    QCOMPARE(r->title, QStringLiteral("Runbook: API Gateway Crash Loop / Database Connection Errors"));
    QVERIFY(r->alerts.contains(QStringLiteral("ApiGatewayErrorBudgetBurn")));
    QVERIFY(r->alerts.contains(QStringLiteral("KubePodCrashLooping")));
    QCOMPARE(r->severities.levels().size(), 4);
    QCOMPARE(r->escalation.at(0).level, QStringLiteral("L1"));
    QCOMPARE(r->escalation.at(0).untilMinutes, 15);
    QCOMPARE(r->templates.size(), 1);
    QCOMPARE(r->templates.first().name, QStringLiteral("INCIDENT UPDATE"));
    // Every command targets the demo namespace, and the demo runbook is lint-clean.
    for (const Step *s : r->allSteps()) {
        if (s->kind == StepKind::Command)
            QVERIFY2(s->command.contains(QLatin1String("-n demo")), qPrintable(s->command));
    }
    QCOMPARE(RunbookLinter::lint(r.value()).size(), 0);
    const Step *undo = r->findStep(QStringLiteral("rollback-5-minutes-2"));
    QVERIFY(undo);
    QCOMPARE(undo->command, QStringLiteral("kubectl rollout undo deployment/api-gateway -n demo"));
    QCOMPARE(undo->risk, Risk::Destructive);
}

void TstRunbookLibrary::brokenFilesAreListedWithTheirError()
{
    QTemporaryDir dir;
    const QString huge = dir.filePath(QStringLiteral("huge.md"));
    QVERIFY(Sitrep::Test::writeFile(dir.filePath(QStringLiteral("queue.md")),
                                    "# Queue backlog\n\n## Triage\n\n- Alert: "
                                    "`QueueBacklogHigh`\n\n```bash\nredis-cli LLEN jobs\n```\n"));
    QVERIFY(Sitrep::Test::writeFile(huge, QByteArray(9 * 1024 * 1024, 'x')));
    const auto scan = RunbookLibrary::scanAll({dir.path()});
    QVERIFY(std::any_of(scan.entries.cbegin(), scan.entries.cend(),
                        [](const auto &e) { return e.title == QLatin1String("Queue backlog"); }));
    QCOMPARE(scan.failures.size(), 1);
    QCOMPARE(scan.failures.first().path, huge);
    QVERIFY2(scan.failures.first().error.startsWith(huge + QStringLiteral(": ")),
             qPrintable(scan.failures.first().error));
    QVERIFY(scan.failures.first().error.contains(QLatin1String("8 MiB")));
    // The entries alone (alert links) still skip it, but it was said.
    QCOMPARE(RunbookLibrary::scan({dir.path()}).size(), scan.entries.size());
}

void TstRunbookLibrary::suggestForAlerts_data()
{
    QTest::addColumn<QString>("alert");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("section");
    const QString demo = QStringLiteral(":/runbooks/api-gateway-crashloop.md");
    QTest::newRow("burn") << QStringLiteral("ApiGatewayErrorBudgetBurn") << QString() << demo
                          << QStringLiteral("triage-5-minutes");
    QTest::newRow("crashloop") << QStringLiteral("KubePodCrashLooping") << QString() << demo
                               << QStringLiteral("a-pod-crash-loop");
    QTest::newRow("runbook_url") << QStringLiteral("SomethingElse")
                                 << QStringLiteral("sitrep://runbooks/api-gateway-crashloop.md") << demo
                                 << QString();
    QTest::newRow("runbook_url with anchor")
        << QStringLiteral("X") << QStringLiteral("https://wiki/x/api-gateway-crashloop.md#rollback-5-minutes")
        << demo << QStringLiteral("rollback-5-minutes");
    QTest::newRow("unknown") << QStringLiteral("NoSuchAlert") << QString() << QString() << QString();
}

void TstRunbookLibrary::suggestForAlerts()
{
    QFETCH(QString, alert);
    QFETCH(QString, url);
    QFETCH(QString, path);
    QFETCH(QString, section);
    const auto entries = RunbookLibrary::scan();
    const auto s = RunbookLibrary::suggest(entries, alert, url);
    QCOMPARE(s.has_value(), !path.isEmpty());
    if (s) {
        QCOMPARE(s->path, path);
        QCOMPARE(s->section, section);
    }
}

void TstRunbookLibrary::userFolderAndBadFiles()
{
    QTemporaryDir dir;
    QFile good(dir.filePath(QStringLiteral("payments.md")));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write("# Payments\n\n## Alert: PaymentsDown\n\n```bash\nkubectl get pods -n payments\n```\n");
    good.close();
    QFile bad(dir.filePath(QStringLiteral("unreadable.md")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.close();
    QVERIFY(bad.setPermissions(QFileDevice::Permissions()));
    const auto entries = RunbookLibrary::scan({dir.path()});
    QVERIFY(entries.size() >= 2); // bundled + payments (+ the empty file when running as root)
    const auto s = RunbookLibrary::suggest(entries, QStringLiteral("PaymentsDown"));
    QVERIFY(s);
    QCOMPARE(s->path, dir.filePath(QStringLiteral("payments.md")));
    QCOMPARE(s->section, QStringLiteral("alert-paymentsdown"));
}

QTEST_GUILESS_MAIN(TstRunbookLibrary)
#include "tst_runbooklibrary.moc"
