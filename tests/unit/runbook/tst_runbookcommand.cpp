#include "runbook/RunbookCommand.h"
#include "support/TestEnv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Runbook;

// `sitrep runbook inspect|lint`, called the way the CLI will call it.
class TstRunbookCommand : public QObject
{
    Q_OBJECT
private slots:
    void inspectJson();
    void inspectText();
    void lintExitCodes();
    void usageErrors_data();
    void usageErrors();

private:
    int run(const QStringList &args, QString *out = nullptr, QString *err = nullptr);
};

namespace {
QString fixture(const char *name)
{
    return Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/runbook/fixtures/") + QLatin1String(name);
}
} // namespace

int TstRunbookCommand::run(const QStringList &args, QString *out, QString *err)
{
    QString o, e;
    QTextStream os(&o), es(&e);
    const int rc = RunbookCommand(os, es).run(args);
    os.flush();
    es.flush();
    if (out)
        *out = o;
    if (err)
        *err = e;
    return rc;
}

void TstRunbookCommand::inspectJson()
{
    QString out;
    QCOMPARE(
        run({QStringLiteral("inspect"), fixture("offgridflow-api-down.md"), QStringLiteral("--json")}, &out),
        0);
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(out.toUtf8(), &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    QCOMPARE(o.value(QLatin1String("title")).toString(), QStringLiteral("Runbook: OffGridFlow API Down"));
    QCOMPARE(o.value(QLatin1String("alerts")).toArray().at(0).toString(),
             QStringLiteral("OffGridFlowAPIDown"));
    const QJsonArray sections = o.value(QLatin1String("sections")).toArray();
    QCOMPARE(sections.size(), 22);
    const QJsonObject confirm = sections.at(4).toObject();
    QCOMPARE(confirm.value(QLatin1String("phase")).toString(), QStringLiteral("triage"));
    QCOMPARE(confirm.value(QLatin1String("timeBudgetSeconds")).toInt(), 120);
    const QJsonObject step = confirm.value(QLatin1String("steps")).toArray().at(0).toObject();
    QCOMPARE(step.value(QLatin1String("command")).toString(),
             QStringLiteral("curl -f http://api.offgridflow.com/health/live"));
    QCOMPARE(step.value(QLatin1String("risk")).toString(), QStringLiteral("read"));
}

void TstRunbookCommand::inspectText()
{
    QString out;
    QCOMPARE(run({QStringLiteral("inspect"), fixture("promoteros-api-availability.md")}, &out), 0);
    QVERIFY(out.startsWith(QLatin1String("API Availability Runbook\n")));
    QVERIFY(out.contains(
        QLatin1String("- command destructive: kubectl rollout undo deployment/api-gateway -n promoteros-api  "
                      "[rule: kubectl rollout undo]\n")));
}

void TstRunbookCommand::lintExitCodes()
{
    QString out;
    QCOMPARE(run({QStringLiteral("lint"), fixture("promoteros-api-availability.md")}, &out), 1);
    QVERIFY(out.contains(fixture("promoteros-api-availability.md") +
                         QStringLiteral(":75: unchecked-destructive: destructive command")));
    QTemporaryDir dir;
    const QString clean = dir.filePath(QStringLiteral("clean.md"));
    QVERIFY(Sitrep::Test::writeFile(clean,
                                    "## Verification\n\n```bash\nkubectl get pods -n <namespace>\ncurl -H "
                                    "\"X: $KEY_ID\" http://x\n```\n"));
    QCOMPARE(run({QStringLiteral("lint"), clean}, &out), 1);
    QCOMPARE(
        run({QStringLiteral("lint"), clean, QStringLiteral("--set"), QStringLiteral("KEY_ID=abc")}, &out), 0);
    QVERIFY(out.contains(QLatin1String("no findings")));
}

void TstRunbookCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList{};
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("frob")};
    QTest::newRow("no file") << QStringList{QStringLiteral("inspect")};
    QTest::newRow("bad option") << QStringList{QStringLiteral("inspect"), QStringLiteral("x.md"),
                                               QStringLiteral("--yaml")};
    QTest::newRow("missing file") << QStringList{QStringLiteral("lint"), QStringLiteral("/nonexistent.md")};
}

void TstRunbookCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QString err;
    QCOMPARE(run(args, nullptr, &err), 2);
    QVERIFY(!err.isEmpty());
}

QTEST_GUILESS_MAIN(TstRunbookCommand)
#include "tst_runbookcommand.moc"
