#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

class ClusterState;

// What a container of one image answers to `kubectl exec`, from the scenario's images.<image>.exec: commands
// (matched against the command line), SQL for its psql, Redis commands for its redis-cli, its shell prompt.
// Answers may use {counter} and {pod}, {namespace}, {container}, {image}.
struct ExecRules
{
    struct Command
    {
        QRegularExpression match; // over the words joined by spaces ("pg_isready -h postgres -p 5432")
        QString out;
        QString err;
        int exitCode = 0;
    };
    struct Sql
    {
        QRegularExpression match; // over one statement, case-insensitive
        QStringList columns;
        QList<QStringList> rows;
        QString tag;   // "UPDATE 3" for a statement that returns no rows
        QString error; // "relation \"x\" does not exist"
    };
    struct Redis
    {
        QRegularExpression match; // over the command words joined ("LLEN orders"), case-insensitive
        QString reply;            // integer, string, status, nil, array, error
        QStringList values;
    };

    QList<Command> commands;
    QList<Sql> sql;
    QList<Redis> redis;
    QString prompt = QStringLiteral("# "); // the shell's prompt for `kubectl exec -it ... -- sh`
    QString database = QStringLiteral("postgres");

    static Core::Result<ExecRules> fromJson(const QJsonObject &o, const QString &where);
};

// Numbers that answers quote and that move with the cluster: "connections" grows while the gateway's pods
// are not ready (its pool is exhausted) and falls back once they are. From the scenario's "counters".
class ExecCounters final
{
public:
    struct Counter
    {
        QString name;
        double base = 0;
        double perMinute = 0;      // growth while the condition holds
        double decayPerMinute = 0; // back towards base otherwise
        double max = 1e12;
        QString ns;                 // the pods whose readiness drives it
        QHash<QString, QString> labels;
        double value = 0;
    };

    static Core::Result<ExecCounters> fromJson(const QJsonObject &o, const QString &where);
    // One simulation step: counters grow while some matching pod is not ready.
    void advance(const ClusterState &state, qint64 nowMs);
    QHash<QString, QString> values() const;

private:
    QList<Counter> m_counters;
    qint64 m_lastMs = -1;
};

} // namespace Sitrep::Sim
