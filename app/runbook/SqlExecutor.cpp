#include "runbook/SqlExecutor.h"

#include "runbook/CommandRunner.h"
#include "runbook/ShellText.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <thread>

namespace Sitrep::Runbook {

namespace {

// A connection of Qt's PostgreSQL driver, opened in the calling thread and removed with this object.
class Connection
{
public:
    Connection(const DatabaseTarget &db, const QString &name)
        : m_name(name)
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (!c.isValid()) {
            m_error =
                QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql");
            return;
        }
        const auto parts = DatabaseTarget::parseUrl(db.url);
        if (!parts) {
            m_error = parts.error().text();
            return;
        }
        if (!parts->host.isEmpty())
            c.setHostName(parts->host);
        c.setPort(parts->port);
        c.setDatabaseName(parts->database);
        c.setUserName(parts->user);
        c.setPassword(db.password);
        c.setConnectOptions((parts->options + QStringList{QStringLiteral("connect_timeout=10"),
                                                          QStringLiteral("application_name=sitrep")})
                                .join(QLatin1Char(';')));
        if (!c.open())
            m_error = QStringLiteral("could not connect to %1: %2")
                          .arg(db.describe(), c.lastError().databaseText().trimmed().isEmpty()
                                                  ? c.lastError().text()
                                                  : c.lastError().databaseText().trimmed());
    }
    ~Connection()
    {
        {
            QSqlDatabase c = QSqlDatabase::database(m_name, false);
            if (c.isOpen())
                c.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QString error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    QString m_error;
};

QString describeError(const QSqlError &e)
{
    const QString text = e.databaseText().trimmed();
    return text.isEmpty() ? e.text() : text;
}

} // namespace

SqlExecutor::SqlExecutor(QObject *parent)
    : QObject(parent)
{}

SqlExecutor::~SqlExecutor()
{
    if (m_run)
        m_run->cancel = true; // a late worker finds no owner and reports to nobody
}

void SqlExecutor::setCommandRunner(CommandRunner *runner)
{
    m_runner = runner;
}

QString SqlExecutor::psqlCommand(const DatabaseTarget &db, const RunTarget &target)
{
    const QString ns = db.podNamespace().isEmpty() ? target.kubeNamespace : db.podNamespace();
    QStringList words{QStringLiteral("kubectl"), QStringLiteral("exec"), QStringLiteral("-i")};
    if (!ns.isEmpty())
        words << QStringLiteral("-n") << ShellText::singleQuote(ns);
    words << ShellText::singleQuote(db.podName());
    if (!db.podContainer().isEmpty())
        words << QStringLiteral("-c") << ShellText::singleQuote(db.podContainer());
    words << QStringLiteral("--") << QStringLiteral("psql") << QStringLiteral("-X") << QStringLiteral("--csv")
          << QStringLiteral("-v") << QStringLiteral("ON_ERROR_STOP=1");
    if (!db.url.isEmpty()) {
        if (const auto parts = DatabaseTarget::parseUrl(db.url); parts) {
            if (!parts->user.isEmpty())
                words << QStringLiteral("-U") << ShellText::singleQuote(parts->user);
            if (!parts->database.isEmpty())
                words << QStringLiteral("-d") << ShellText::singleQuote(parts->database);
        }
    }
    words << QStringLiteral("-f") << QStringLiteral("-");
    return words.join(QLatin1Char(' '));
}

void SqlExecutor::start(const PreparedCommand &prepared, const DatabaseTarget &db, const RunTarget &target,
                        int timeoutMs)
{
    RunResult result;
    result.stepId = prepared.stepId;
    result.display = prepared.display;
    result.where = db.describe();
    if (m_running) {
        result.error = QStringLiteral("another SQL step is still running; wait for it or cancel it");
        emit finished(result, {});
        return;
    }
    if (!db.isSet()) {
        result.error = QStringLiteral("this environment names no database: add one under Connections (a "
                                      "PostgreSQL URL, or a pod to run psql in)");
        emit finished(result, {});
        return;
    }
    if (auto valid = db.validate(); !valid) {
        result.error = valid.error().text();
        emit finished(result, {});
        return;
    }
    m_running = true;
    m_db = db;
    if (db.viaKubectl())
        return startKubectl(prepared, db, target, timeoutMs);
    const SqlPlan plan = SqlPlan::make(prepared.command, prepared.risk, m_readTimeoutMs, timeoutMs);
    m_run = std::make_shared<Run>();
    m_run->owner = this;
    emit started(prepared.stepId);
    std::thread([run = m_run, prepared, db, plan] { work(run, prepared, db, plan); }).detach();
}

void SqlExecutor::work(const std::shared_ptr<Run> &run, const PreparedCommand &prepared,
                       const DatabaseTarget &db, const SqlPlan &plan)
{
    RunResult result;
    result.stepId = prepared.stepId;
    result.display = prepared.display;
    result.where = db.describe();
    SqlResult table;
    table.notes = plan.notes;
    QElapsedTimer clock;
    clock.start();
    bool failed = false;
    {
        Connection connection(db, QStringLiteral("sitrep-sql-%1").arg(quintptr(run.get()), 0, 16));
        if (!connection.error().isEmpty()) {
            result.error = connection.error();
            failed = true;
        } else {
            result.started = true;
            QSqlDatabase c = connection.db();
            QSqlQuery q(c);
            if (q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next())
                run->backendPid = q.value(0).toLongLong();
            auto control = [&](const QString &sql) {
                QSqlQuery s(c);
                if (!s.exec(sql)) {
                    result.error = QStringLiteral("%1 failed: %2").arg(sql, describeError(s.lastError()));
                    failed = true;
                }
            };
            if (plan.transaction) {
                control(plan.readOnly ? QStringLiteral("BEGIN READ ONLY") : QStringLiteral("BEGIN"));
                if (!failed)
                    control(QStringLiteral("SET LOCAL statement_timeout = %1").arg(plan.statementTimeoutMs));
            } else {
                control(QStringLiteral("SET statement_timeout = %1").arg(plan.statementTimeoutMs));
            }
            for (const SqlStatement &st : plan.statements) {
                if (failed)
                    break;
                if (st.kind == SqlStatement::Kind::Meta) {
                    table.notes << QStringLiteral("%1 is a psql command: skipped")
                                       .arg(st.text.section(QLatin1Char(' '), 0, 0));
                    continue;
                }
                if (run->cancel) {
                    result.cancelled = true;
                    result.error = QStringLiteral("cancelled");
                    failed = true;
                    break;
                }
                QSqlQuery s(c);
                s.setForwardOnly(true);
                if (!s.exec(st.text)) {
                    const QString why = describeError(s.lastError());
                    if (run->cancel) {
                        result.cancelled = true;
                        result.error = QStringLiteral("cancelled");
                    } else if (why.contains(QLatin1String("statement timeout"))) {
                        result.timedOut = true;
                        result.error =
                            QStringLiteral("line %1: the statement ran longer than the %2 s statement "
                                           "timeout and was cancelled")
                                .arg(st.line)
                                .arg(plan.statementTimeoutMs / 1000.0);
                    } else {
                        result.error = QStringLiteral("line %1: %2").arg(st.line).arg(why);
                    }
                    failed = true;
                    break;
                }
                if (s.isSelect()) {
                    const QSqlRecord record = s.record();
                    table.columns.clear();
                    for (int i = 0; i < record.count(); ++i)
                        table.columns << record.fieldName(i);
                    table.rows.clear();
                    table.truncated = false;
                    while (s.next()) {
                        if (table.rows.size() >= SqlResult::kMaxRows) {
                            table.truncated = true;
                            break;
                        }
                        QStringList row;
                        for (int i = 0; i < record.count(); ++i)
                            row << (s.isNull(i) ? QString() : s.value(i).toString());
                        table.rows << row;
                    }
                    table.rowsAffected = -1;
                    table.statement = st.text;
                } else if (!table.hasTable() && s.numRowsAffected() >= 0) {
                    table.rowsAffected = s.numRowsAffected();
                    table.statement = st.text;
                }
            }
            if (plan.transaction) {
                QSqlQuery end(c);
                end.exec(failed || plan.readOnly ? QStringLiteral("ROLLBACK") : QStringLiteral("COMMIT"));
                if (!failed && !plan.readOnly && end.lastError().isValid()) {
                    result.error = QStringLiteral("COMMIT failed: %1").arg(describeError(end.lastError()));
                    failed = true;
                }
            }
        }
    }
    result.exitCode = failed ? 1 : 0;
    result.output = (failed ? result.error : table.excerpt()).toUtf8();
    result.durationMs = clock.elapsed();
    if (QCoreApplication *app = QCoreApplication::instance()) {
        QMetaObject::invokeMethod(
            app,
            [run, result, table] {
                if (SqlExecutor *owner = run->owner)
                    owner->done(result, table);
            },
            Qt::QueuedConnection);
    }
}

void SqlExecutor::startKubectl(const PreparedCommand &prepared, const DatabaseTarget &db,
                               const RunTarget &target, int timeoutMs)
{
    if (!m_runner || m_runner->isRunning()) {
        RunResult result;
        result.stepId = prepared.stepId;
        result.display = prepared.display;
        result.where = db.describe();
        result.error = m_runner ? QStringLiteral("another command is still running; wait for it or cancel it")
                                : QStringLiteral("no runner for kubectl is set up");
        m_running = false;
        emit finished(result, {});
        return;
    }
    m_plan = SqlPlan::make(prepared.command, prepared.risk, m_readTimeoutMs, timeoutMs);
    m_innerStepId = prepared.stepId + QStringLiteral("#sql");
    m_stdout.clear();
    RunRequest request;
    request.prepared = prepared;
    request.prepared.stepId = m_innerStepId;
    request.prepared.command = psqlCommand(db, target);
    request.prepared.display = request.prepared.command;
    request.prepared.terminal = TerminalUse::None;
    request.target = target;
    request.stdinData = m_plan.psqlScript(); // the SQL reaches psql on its stdin, never as an argument
    request.timeoutMs = timeoutMs + 30000;
    m_output = connect(m_runner, &CommandRunner::output, this,
                       [this](const QString &id, const QByteArray &chunk, bool isStderr) {
                           if (id == m_innerStepId && !isStderr)
                               m_stdout += chunk;
                       });
    m_finished = connect(m_runner, &CommandRunner::finished, this, [this, prepared, db](const RunResult &r) {
        if (r.stepId != m_innerStepId)
            return;
        disconnect(m_output);
        disconnect(m_finished);
        RunResult out = r;
        out.stepId = prepared.stepId;
        out.display = prepared.display;
        out.where = db.describe() + QStringLiteral(" (") + r.where + QLatin1Char(')');
        SqlResult table;
        if (r.ok()) {
            const auto parsed = m_plan.readPsqlOutput(m_stdout);
            if (parsed) {
                table = *parsed;
                out.output = table.excerpt().toUtf8();
            } else {
                out.error = parsed.error().text();
                out.exitCode = 1;
            }
        } else if (r.error.isEmpty() || r.exitCode > 0) {
            // psql's own words: "psql:<stdin>:7: ERROR:  relation ... does not exist".
            QStringList errors;
            for (const QString &line : QString::fromUtf8(r.output).split(QLatin1Char('\n'))) {
                if (line.contains(QLatin1String("ERROR:")) || line.contains(QLatin1String("FATAL:")) ||
                    line.startsWith(QLatin1String("error:")) ||
                    line.contains(QLatin1String("command not found")))
                    errors << line.section(QLatin1String(": "),
                                           line.startsWith(QLatin1String("psql:")) ? 1 : 0)
                                  .trimmed();
            }
            out.error = errors.isEmpty()
                            ? QStringLiteral("psql in the pod ended with exit code %1").arg(r.exitCode)
                            : errors.join(QStringLiteral("; "));
        }
        done(out, table);
    });
    emit started(prepared.stepId);
    m_runner->start(request);
}

void SqlExecutor::cancel()
{
    if (!m_running)
        return;
    if (m_db.viaKubectl()) {
        if (m_runner)
            m_runner->cancel();
        return;
    }
    if (!m_run)
        return;
    m_run->cancel = true;
    const qint64 pid = m_run->backendPid;
    if (pid <= 0)
        return;
    // The running statement is cancelled from a second connection, as psql's Ctrl+C does.
    std::thread([db = m_db, pid] {
        Connection connection(db, QStringLiteral("sitrep-sql-cancel-%1").arg(pid));
        if (connection.error().isEmpty()) {
            QSqlQuery q(connection.db());
            q.exec(QStringLiteral("SELECT pg_cancel_backend(%1)").arg(pid));
        }
    }).detach();
}

void SqlExecutor::done(RunResult result, const SqlResult &table)
{
    m_running = false;
    m_run.reset();
    emit finished(result, table);
}

} // namespace Sitrep::Runbook
