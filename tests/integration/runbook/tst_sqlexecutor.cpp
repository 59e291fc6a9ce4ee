// SQL steps against a real PostgreSQL 15 started by this test (initdb and pg_ctl from Debian's postgresql,
// run as the postgres user when the test runs as root): READ ONLY with a statement timeout for reads, changes
// committed after their confirmation, the first 1,000 rows as a table that copies as TSV, a wrong password,
// cancel, and a step that fails half-way leaving nothing behind.
#include "runbook/CommandPreparer.h"
#include "runbook/PlaceholderScanner.h"
#include "runbook/RunPolicy.h"
#include "runbook/SqlExecutor.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Sitrep::Runbook;

class TstSqlExecutor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void readStepRunsReadOnlyWithATimeout();
    void firstThousandRowsAndTsv();
    void statementTimeout();
    void changeIsConfirmedThenCommitted();
    void destructiveNeedsTheDatabaseNameTyped();
    void readOnlyCatchesAWriteCalledARead();
    void failureRollsBackTheWholeStep();
    void wrongPasswordIsASentence();
    void cancelStopsTheStatement();
    void valuesAreLiteralsAndSecretsMasked();

private:
    QString pgBin(const QString &name) const { return QStringLiteral("/usr/lib/postgresql/15/bin/") + name; }
    QString asPostgres(QStringList *args, const QString &program) const;
    bool runPg(const QString &program, const QStringList &args, QString *output);
    DatabaseTarget target(const QString &password = QStringLiteral("s3cr3t-db")) const;
    struct Done
    {
        RunResult result;
        SqlResult table;
    };
    Done run(const QString &sql, SqlExecutor *executor = nullptr, Risk *risk = nullptr);
    QString scalar(const QString &sql);

    QTemporaryDir m_dir;
    QString m_base;
    quint16 m_port = 0;
    bool m_root = false;
};

QString TstSqlExecutor::asPostgres(QStringList *args, const QString &program) const
{
    if (!m_root)
        return program;
    args->prepend(program);
    args->prepend(QStringLiteral("--"));
    args->prepend(QStringLiteral("postgres"));
    args->prepend(QStringLiteral("-u"));
    return Sitrep::Test::findProgram(QStringLiteral("runuser"));
}

bool TstSqlExecutor::runPg(const QString &program, const QStringList &argsIn, QString *output)
{
    QStringList args = argsIn;
    const QString exe = asPostgres(&args, program);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_base);
    p.start(exe, args);
    const bool ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return ok;
}

void TstSqlExecutor::initTestCase()
{
    QVERIFY2(QFile::exists(pgBin(QStringLiteral("initdb"))),
             "PostgreSQL 15 is missing: packaging/install-deps.sh installs postgresql");
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
             "Qt's PostgreSQL driver is missing: packaging/install-deps.sh installs libqt6sql6-psql");
    QVERIFY(m_dir.isValid());
    m_root = ::geteuid() == 0;
    // The postgres user must reach and own the data directory.
    m_base = m_dir.filePath(QStringLiteral("pg"));
    QVERIFY(QDir().mkpath(m_base));
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
    const QString pwfile = m_base + QStringLiteral("/pw");
    QFile pw(pwfile);
    QVERIFY(pw.open(QIODevice::WriteOnly));
    pw.write("s3cr3t-db\n");
    pw.close();
    if (m_root)
        QCOMPARE(QProcess::execute(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres"), m_base}), 0);
    QString out;
    QVERIFY2(runPg(pgBin(QStringLiteral("initdb")),
                   {QStringLiteral("-D"), m_base + QStringLiteral("/data"), QStringLiteral("-A"),
                    QStringLiteral("scram-sha-256"), QStringLiteral("-U"), QStringLiteral("sitrep"),
                    QStringLiteral("--pwfile=") + pwfile},
                   &out),
             qPrintable(out));
    m_port = Sitrep::Test::freePort();
    QVERIFY2(runPg(pgBin(QStringLiteral("pg_ctl")),
                   {QStringLiteral("-D"), m_base + QStringLiteral("/data"), QStringLiteral("-o"),
                    QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1").arg(m_port).arg(m_base),
                    QStringLiteral("-l"), m_base + QStringLiteral("/log"), QStringLiteral("-w"), QStringLiteral("start")},
                   &out),
             qPrintable(out));
    // A small orders schema to work on.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("setup"));
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setDatabaseName(QStringLiteral("postgres"));
        db.setUserName(QStringLiteral("sitrep"));
        db.setPassword(QStringLiteral("s3cr3t-db"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE jobs (id int PRIMARY KEY, state text, note text)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO jobs SELECT g, CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'done' END, "
                                      "CASE WHEN g = 3 THEN E'tab\\there' END FROM generate_series(1, 50) g")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));
}

void TstSqlExecutor::cleanupTestCase()
{
    if (m_port)
        runPg(pgBin(QStringLiteral("pg_ctl")),
              {QStringLiteral("-D"), m_base + QStringLiteral("/data"), QStringLiteral("-m"), QStringLiteral("fast"),
               QStringLiteral("stop")},
              nullptr);
}

DatabaseTarget TstSqlExecutor::target(const QString &password) const
{
    DatabaseTarget db;
    db.url = QStringLiteral("postgresql://sitrep@127.0.0.1:%1/postgres?sslmode=disable").arg(m_port);
    db.password = password;
    return db;
}

TstSqlExecutor::Done TstSqlExecutor::run(const QString &sql, SqlExecutor *executor, Risk *risk)
{
    Step step;
    step.id = QStringLiteral("sql-step");
    step.kind = StepKind::Sql;
    step.command = sql;
    const auto prepared = CommandPreparer::prepareSql(step, {}, target());
    if (!prepared)
        return {};
    PreparedCommand p = prepared.value();
    if (risk)
        p.risk = *risk;
    SqlExecutor own;
    SqlExecutor *e = executor ? executor : &own;
    QSignalSpy done(e, &SqlExecutor::finished);
    e->start(p, target(), RunTarget());
    if (done.isEmpty() && !done.wait(60000))
        return {};
    return {done.first().at(0).value<RunResult>(), done.first().at(1).value<SqlResult>()};
}

QString TstSqlExecutor::scalar(const QString &sql)
{
    const Done d = run(sql);
    return d.table.rows.value(0).value(0);
}

void TstSqlExecutor::readStepRunsReadOnlyWithATimeout()
{
    const Done d = run(QStringLiteral("SELECT current_setting('transaction_read_only') AS ro, "
                                      "current_setting('statement_timeout') AS timeout"));
    QVERIFY2(d.result.ok(), qPrintable(d.result.error));
    QCOMPARE(d.table.columns, (QStringList{QStringLiteral("ro"), QStringLiteral("timeout")}));
    QCOMPARE(d.table.rows.value(0), (QStringList{QStringLiteral("on"), QStringLiteral("30s")}));
    QVERIFY(d.result.where.contains(QLatin1String("postgres on 127.0.0.1")));
}

void TstSqlExecutor::firstThousandRowsAndTsv()
{
    const Done d = run(QStringLiteral("SELECT g AS n, 'row ' || g AS label, NULL::text AS nothing "
                                      "FROM generate_series(1, 2500) g ORDER BY g"));
    QVERIFY2(d.result.ok(), qPrintable(d.result.error));
    QCOMPARE(d.table.rows.size(), 1000);
    QVERIFY(d.table.truncated);
    QCOMPARE(d.table.summary(), QStringLiteral("the first 1,000 rows (there are more)"));
    QVERIFY(d.table.toTsv().startsWith(QLatin1String("n\tlabel\tnothing\n1\trow 1\t\\N\n2\trow 2\t\\N\n")));
    const Done tab = run(QStringLiteral("SELECT note FROM jobs WHERE id = 3"));
    QCOMPARE(tab.table.toTsv(), QStringLiteral("note\ntab\\there\n"));
}

void TstSqlExecutor::statementTimeout()
{
    SqlExecutor e;
    e.setReadTimeoutMs(300);
    QElapsedTimer t;
    t.start();
    const Done d = run(QStringLiteral("SELECT pg_sleep(10)"), &e);
    QVERIFY(!d.result.ok());
    QVERIFY(d.result.timedOut);
    QVERIFY2(d.result.error.contains(QLatin1String("statement timeout")), qPrintable(d.result.error));
    QVERIFY(t.elapsed() < 8000);
}

void TstSqlExecutor::changeIsConfirmedThenCommitted()
{
    Step step;
    step.id = QStringLiteral("retry");
    step.kind = StepKind::Sql;
    step.command = QStringLiteral("UPDATE jobs SET state = 'retry' WHERE state = 'failed'");
    const auto prepared = CommandPreparer::prepareSql(step, {}, target());
    QVERIFY(prepared.ok());
    QCOMPARE(prepared->risk, Risk::Change);
    const auto d = RunPolicy().decide(prepared.value(), RunTarget());
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::Confirm);
    QVERIFY(d.prompt.startsWith(QLatin1String("change command on postgres on 127.0.0.1")));
    RunPolicy readOnly;
    readOnly.setReadOnly(true);
    QVERIFY(!readOnly.decide(prepared.value(), RunTarget()).allowed);
    const Done done = run(step.command);
    QVERIFY2(done.result.ok(), qPrintable(done.result.error));
    QCOMPARE(done.table.rowsAffected, 5);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'retry'")), QStringLiteral("5"));
}

void TstSqlExecutor::destructiveNeedsTheDatabaseNameTyped()
{
    Step step;
    step.id = QStringLiteral("purge");
    step.kind = StepKind::Sql;
    step.command = QStringLiteral("DELETE FROM jobs WHERE id > 45");
    const auto prepared = CommandPreparer::prepareSql(step, {}, target());
    QVERIFY(prepared.ok());
    QCOMPARE(prepared->risk, Risk::Destructive);
    const auto d = RunPolicy().decide(prepared.value(), RunTarget());
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::Typed);
    QCOMPARE(d.typedWord, QStringLiteral("postgres"));
    QVERIFY(!RunPolicy::confirms(d, QStringLiteral("yes")));
    const Done done = run(step.command);
    QVERIFY(done.result.ok());
    QCOMPARE(done.table.rowsAffected, 5);
}

void TstSqlExecutor::readOnlyCatchesAWriteCalledARead()
{
    // Were the classifier ever wrong, the transaction is the second wall: PostgreSQL refuses the write.
    Risk read = Risk::Read;
    const Done d = run(QStringLiteral("UPDATE jobs SET state = 'x'"), nullptr, &read);
    QVERIFY(!d.result.ok());
    QVERIFY2(d.result.error.contains(QLatin1String("read-only transaction")), qPrintable(d.result.error));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'x'")), QStringLiteral("0"));
}

void TstSqlExecutor::failureRollsBackTheWholeStep()
{
    const Done d = run(QStringLiteral("UPDATE jobs SET note = 'half'; SELECT * FROM no_such_table;"));
    QVERIFY(!d.result.ok());
    QVERIFY2(d.result.error.startsWith(QLatin1String("line 1: ")), qPrintable(d.result.error));
    QVERIFY(d.result.error.contains(QLatin1String("no_such_table")));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE note = 'half'")), QStringLiteral("0"));
    // The step's own COMMIT never ends the step's transaction early.
    const Done own = run(QStringLiteral("BEGIN; UPDATE jobs SET note = 'own'; COMMIT; SELECT 1/0;"));
    QVERIFY(!own.result.ok());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE note = 'own'")), QStringLiteral("0"));
}

void TstSqlExecutor::wrongPasswordIsASentence()
{
    SqlExecutor e;
    QSignalSpy done(&e, &SqlExecutor::finished);
    Step step;
    step.id = QStringLiteral("s");
    step.kind = StepKind::Sql;
    step.command = QStringLiteral("SELECT 1");
    e.start(CommandPreparer::prepareSql(step, {}, target()).value(), target(QStringLiteral("wrong")), RunTarget());
    QVERIFY(done.wait(30000));
    const auto r = done.first().at(0).value<RunResult>();
    QVERIFY(!r.started);
    QVERIFY2(r.error.startsWith(QLatin1String("could not connect to postgres on 127.0.0.1")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String("password authentication failed")), qPrintable(r.error));
    QVERIFY(!r.error.contains(QLatin1String("wrong")));
}

void TstSqlExecutor::cancelStopsTheStatement()
{
    SqlExecutor e;
    QSignalSpy started(&e, &SqlExecutor::started);
    QSignalSpy done(&e, &SqlExecutor::finished);
    Step step;
    step.id = QStringLiteral("slow");
    step.kind = StepKind::Sql;
    step.command = QStringLiteral("SELECT pg_sleep(20)");
    QElapsedTimer t;
    t.start();
    e.start(CommandPreparer::prepareSql(step, {}, target()).value(), target(), RunTarget());
    QCOMPARE(started.size(), 1);
    // Cancel once the statement is running (the backend is then in pg_sleep).
    QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(20)'")) ==
                                 QLatin1String("1"),
                             15000);
    e.cancel();
    QVERIFY(done.wait(15000));
    const auto r = done.first().at(0).value<RunResult>();
    QVERIFY(r.cancelled);
    QVERIFY(t.elapsed() < 15000);
}

void TstSqlExecutor::valuesAreLiteralsAndSecretsMasked()
{
    Step step;
    step.id = QStringLiteral("lookup");
    step.kind = StepKind::Sql;
    step.command = QStringLiteral("SELECT <job-state> AS state, <api-token> AS token");
    step.placeholders = PlaceholderScanner::scan(step.command);
    const auto p = CommandPreparer::prepareSql(
        step, {{QStringLiteral("job-state"), QStringLiteral("it's done'; DROP TABLE jobs; --")},
               {QStringLiteral("api-token"), QStringLiteral("tok-123")}},
        target());
    QVERIFY(p.ok());
    QCOMPARE(p->risk, Risk::Read); // the value is a literal: nothing in it is SQL
    QVERIFY(p->display.contains(QLatin1String("[REDACTED]")));
    QVERIFY(!p->display.contains(QLatin1String("tok-123")));
    SqlExecutor e;
    QSignalSpy done(&e, &SqlExecutor::finished);
    e.start(p.value(), target(), RunTarget());
    QVERIFY(done.wait(30000));
    const auto table = done.first().at(1).value<SqlResult>();
    QCOMPARE(table.rows.value(0).value(0), QStringLiteral("it's done'; DROP TABLE jobs; --"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs")), QStringLiteral("45"));
}

QTEST_GUILESS_MAIN(TstSqlExecutor)
#include "tst_sqlexecutor.moc"
