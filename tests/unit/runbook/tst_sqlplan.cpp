#include "runbook/DatabaseTarget.h"
#include "runbook/SqlExecutor.h"
#include "runbook/SqlPlan.h"
#include "runbook/SqlResult.h"

#include <QTest>

using namespace Sitrep::Runbook;

// How SQL steps are planned (transaction, READ ONLY, timeout), what psql gets and how its answer is read,
// the database an environment names, and results as TSV.
class TstSqlPlan : public QObject
{
    Q_OBJECT
private slots:
    void readStepIsReadOnly();
    void changeStepCommits();
    void stepTransactionControlIsLeftOut();
    void autocommitStatements();
    void psqlOutputToTable();
    void psqlCommandTags();
    void psqlOutputThatIsNotCsv();
    void csv_data();
    void csv();
    void tsvEscapes();
    void databaseUrls_data();
    void databaseUrls();
    void podTargets();
    void psqlCommandLine();
};

void TstSqlPlan::readStepIsReadOnly()
{
    const SqlPlan plan = SqlPlan::make(QStringLiteral("SELECT 1;\nSELECT 2"), Risk::Read, 15000, 60000);
    QVERIFY(plan.readOnly);
    QVERIFY(plan.transaction);
    QCOMPARE(plan.statementTimeoutMs, 15000);
    QCOMPARE(plan.statements.size(), 2);
    const QString script = QString::fromUtf8(plan.psqlScript());
    QVERIFY(script.startsWith(
        QLatin1String("\\set ON_ERROR_STOP on\nBEGIN READ ONLY;\nSET LOCAL statement_timeout = 15000;\n")));
    QVERIFY(script.contains(plan.marker + QStringLiteral(" 0\nSELECT 1;\n")));
    QVERIFY(script.trimmed().endsWith(QLatin1String("ROLLBACK;")));
}

void TstSqlPlan::changeStepCommits()
{
    const SqlPlan plan = SqlPlan::make(QStringLiteral("UPDATE jobs SET state = 'retry' WHERE id = 4"),
                                       Risk::Change, 15000, 60000);
    QVERIFY(!plan.readOnly);
    QCOMPARE(plan.statementTimeoutMs, 60000);
    const QString script = QString::fromUtf8(plan.psqlScript());
    QVERIFY(script.contains(QLatin1String("\nBEGIN;\n")));
    QVERIFY(script.trimmed().endsWith(QLatin1String("COMMIT;")));
    QVERIFY(SqlPlan::make(QStringLiteral("SELECT 1"), Risk::Read).marker !=
            SqlPlan::make(QStringLiteral("SELECT 1"), Risk::Read).marker);
}

void TstSqlPlan::stepTransactionControlIsLeftOut()
{
    // A step's COMMIT would end the READ ONLY transaction early: it never reaches the server.
    const SqlPlan plan = SqlPlan::make(QStringLiteral("BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;"), Risk::Read);
    QCOMPARE(plan.statements.size(), 2);
    QCOMPARE(plan.notes.size(), 2);
    QVERIFY(plan.notes.first().contains(QLatin1String("BEGIN was left out")));
}

void TstSqlPlan::autocommitStatements()
{
    const SqlPlan plan =
        SqlPlan::make(QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (a); VACUUM ANALYZE t"), Risk::Change);
    QVERIFY(!plan.transaction);
    QVERIFY(plan.notes.last().contains(QLatin1String("cannot run inside a transaction")));
    const QString script = QString::fromUtf8(plan.psqlScript());
    QVERIFY(!script.contains(QLatin1String("BEGIN")));
    QVERIFY(script.contains(QLatin1String("SET statement_timeout = ")));
}

void TstSqlPlan::psqlOutputToTable()
{
    const SqlPlan plan = SqlPlan::make(QStringLiteral("\\x\nSELECT state, count(*) FROM pg_stat_activity "
                                                      "GROUP BY 1;\nSELECT 'a,b' AS t, NULL AS n, '' AS e"),
                                       Risk::Read);
    QCOMPARE(plan.statements.size(), 3);
    const QByteArray out = "BEGIN\nSET\n" + plan.marker.toUtf8() + " 0\nExpanded display is on.\n" +
                           plan.marker.toUtf8() + " 1\nstate,count\nactive,3\nidle,40\n" +
                           plan.marker.toUtf8() + " 2\nt,n,e\n\"a,b\",,\"\"\n" + plan.marker.toUtf8() +
                           " end\nROLLBACK\n";
    const auto r = plan.readPsqlOutput(out);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().text()));
    QCOMPARE(r->columns, (QStringList{QStringLiteral("t"), QStringLiteral("n"), QStringLiteral("e")}));
    QCOMPARE(r->rows.size(), 1);
    QCOMPARE(r->rows.first().at(0), QStringLiteral("a,b"));
    QVERIFY(r->rows.first().at(1).isNull());  // NULL
    QVERIFY(!r->rows.first().at(2).isNull()); // the empty string
    QCOMPARE(r->statement, QStringLiteral("SELECT 'a,b' AS t, NULL AS n, '' AS e"));
}

void TstSqlPlan::psqlCommandTags()
{
    const SqlPlan plan =
        SqlPlan::make(QStringLiteral("UPDATE jobs SET a = 1; DELETE FROM t WHERE false"), Risk::Destructive);
    const QByteArray out = "BEGIN\nSET\n" + plan.marker.toUtf8() + " 0\nUPDATE 4\n" + plan.marker.toUtf8() +
                           " 1\nDELETE 0\n" + plan.marker.toUtf8() + " end\nCOMMIT\n";
    const auto r = plan.readPsqlOutput(out);
    QVERIFY(r.ok());
    QVERIFY(!r->hasTable());
    QCOMPARE(r->rowsAffected, 0); // the last changing statement's count
    QCOMPARE(r->summary(), QStringLiteral("0 rows changed"));
}

void TstSqlPlan::psqlOutputThatIsNotCsv()
{
    const SqlPlan plan = SqlPlan::make(QStringLiteral("SELECT 1"), Risk::Read);
    const auto r = plan.readPsqlOutput(plan.marker.toUtf8() + " 0\n\"unterminated\n");
    QVERIFY(!r.ok());
    QVERIFY(r.error().text().contains(QLatin1String("not the CSV")));
}

void TstSqlPlan::csv_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("truncated");
    QTest::newRow("header only") << QStringLiteral("a,b\n") << 0 << false;
    QTest::newRow("quoted newline") << QStringLiteral("a\n\"x\ny\"\n") << 1 << false;
    QTest::newRow("crlf") << QStringLiteral("a,b\r\n1,2\r\n") << 1 << false;
    QString many = QStringLiteral("n\n");
    for (int i = 0; i < 1500; ++i)
        many += QString::number(i) + QLatin1Char('\n');
    QTest::newRow("more than 1,000 rows") << many << 1000 << true;
}

void TstSqlPlan::csv()
{
    QFETCH(QString, csv);
    QFETCH(int, rows);
    QFETCH(bool, truncated);
    QStringList header;
    QList<QStringList> out;
    bool cut = false;
    QVERIFY(parseCsv(csv, &header, &out, &cut));
    QCOMPARE(out.size(), rows);
    QCOMPARE(cut, truncated);
    if (csv.contains(QLatin1String("x\ny")))
        QCOMPARE(out.first().first(), QStringLiteral("x\ny"));
}

void TstSqlPlan::tsvEscapes()
{
    SqlResult r;
    r.columns = {QStringLiteral("a"), QStringLiteral("b")};
    r.rows = {{QStringLiteral("x\ty"), QStringLiteral("line\nbreak\\")}, {QString(), QStringLiteral("")}};
    QCOMPARE(r.toTsv(), QStringLiteral("a\tb\nx\\ty\tline\\nbreak\\\\\n\\N\t\n"));
    QCOMPARE(r.summary(), QStringLiteral("2 rows"));
    r.truncated = true;
    QCOMPARE(r.summary(), QStringLiteral("the first 2 rows (there are more)"));
}

void TstSqlPlan::databaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("described");
    QTest::newRow("full") << QStringLiteral("postgresql://app@db.prod:6432/orders?sslmode=require")
                          << QString() << QStringLiteral("orders on db.prod:6432 as app");
    QTest::newRow("postgres scheme") << QStringLiteral("postgres://ro@127.0.0.1/orders") << QString()
                                     << QStringLiteral("orders on 127.0.0.1:5432 as ro");
    QTest::newRow("password in url") << QStringLiteral("postgresql://app:hunter2@db/orders")
                                     << QStringLiteral("keychain") << QString();
    QTest::newRow("not postgres") << QStringLiteral("mysql://db/orders")
                                  << QStringLiteral("not a PostgreSQL URL") << QString();
    QTest::newRow("password option") << QStringLiteral("postgresql://db/orders?password=x")
                                     << QStringLiteral("not a connection option") << QString();
}

void TstSqlPlan::databaseUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, error);
    QFETCH(QString, described);
    DatabaseTarget db;
    db.url = url;
    const auto v = db.validate();
    if (error.isEmpty()) {
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().text()));
        QCOMPARE(db.describe(), described);
    } else {
        QVERIFY(!v.ok());
        QVERIFY2(v.error().text().contains(error), qPrintable(v.error().text()));
        QCOMPARE(v.error().where, QStringLiteral("databaseUrl"));
    }
}

void TstSqlPlan::podTargets()
{
    DatabaseTarget db;
    db.pod = QStringLiteral("demo/postgres-0:postgres");
    QVERIFY(db.validate().ok());
    QCOMPARE(db.podNamespace(), QStringLiteral("demo"));
    QCOMPARE(db.podName(), QStringLiteral("postgres-0"));
    QCOMPARE(db.podContainer(), QStringLiteral("postgres"));
    QCOMPARE(db.describe(), QStringLiteral("psql in pod demo/postgres-0"));
    db.pod = QStringLiteral("postgres-0; rm -rf /");
    QVERIFY(!db.validate().ok());
}

void TstSqlPlan::psqlCommandLine()
{
    DatabaseTarget db;
    db.pod = QStringLiteral("postgres-0:postgres");
    db.url = QStringLiteral("postgresql://postgres@/orders");
    RunTarget target;
    target.kubeNamespace = QStringLiteral("demo");
    QCOMPARE(
        SqlExecutor::psqlCommand(db, target),
        QStringLiteral("kubectl exec -i -n demo postgres-0 -c postgres -- psql -X --csv -v ON_ERROR_STOP=1 "
                       "-U postgres -d orders -f -"));
}

QTEST_GUILESS_MAIN(TstSqlPlan)
#include "tst_sqlplan.moc"
