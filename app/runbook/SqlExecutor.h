#pragma once

#include "runbook/DatabaseTarget.h"
#include "runbook/RunTypes.h"
#include "runbook/SqlPlan.h"
#include "runbook/SqlResult.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

namespace Sitrep::Runbook {

class CommandRunner;

// Runs a runbook's SQL step against the environment's database: with Qt's PostgreSQL driver on a worker
// thread (a libpq URL, the password from the keychain), or with psql inside a pod through kubectl exec (the
// SQL goes on psql's stdin, never on a command line), by the same SqlPlan: READ ONLY with a statement timeout
// when the step reads. Every start() ends in exactly one finished().
class SqlExecutor final : public QObject
{
    Q_OBJECT
public:
    explicit SqlExecutor(QObject *parent = nullptr);
    ~SqlExecutor() override;

    // The runner that starts kubectl (this machine or the bastion) for databases reached through a pod.
    void setCommandRunner(CommandRunner *runner);
    // How long one statement of a reading step may run (30 s); changing steps get the run's timeout.
    void setReadTimeoutMs(int ms) { m_readTimeoutMs = ms; }
    // prepared.command holds the step's SQL with its values filled in.
    void start(const PreparedCommand &prepared, const DatabaseTarget &db, const RunTarget &target,
               int timeoutMs = 5 * 60 * 1000);
    void cancel();
    bool isRunning() const { return m_running; }
    // The kubectl exec line that runs psql in the database's pod (no SQL in it: that goes on stdin).
    static QString psqlCommand(const DatabaseTarget &db, const RunTarget &target);

signals:
    void started(const QString &stepId);
    void finished(const Sitrep::Runbook::RunResult &result, const Sitrep::Runbook::SqlResult &table);

private:
    struct Run
    {
        std::atomic_bool cancel{false};
        std::atomic<qint64> backendPid{0};
        QPointer<SqlExecutor> owner;
    };
    static void work(const std::shared_ptr<Run> &run, const PreparedCommand &prepared,
                     const DatabaseTarget &db, const SqlPlan &plan);
    void startKubectl(const PreparedCommand &prepared, const DatabaseTarget &db, const RunTarget &target,
                      int timeoutMs);
    void done(RunResult result, const SqlResult &table);

    QPointer<CommandRunner> m_runner;
    std::shared_ptr<Run> m_run;
    DatabaseTarget m_db;
    bool m_running = false;
    int m_readTimeoutMs = 30000;
    // kubectl exec runs
    SqlPlan m_plan;
    QString m_innerStepId;
    QByteArray m_stdout;
    QMetaObject::Connection m_output;
    QMetaObject::Connection m_finished;
};

} // namespace Sitrep::Runbook
