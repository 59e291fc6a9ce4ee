#pragma once

#include "prom/Dashboard.h"
#include "prom/QueryTemplate.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Sitrep::Prom {

class PromCall;
class PromClient;

// A dashboard's variables at run time, as Grafana's template service keeps them: query variables asked of
// Prometheus (label_values, label_names, metrics, query_result, series) with their regex and sort, in
// dependency order so that chained variables see the values they depend on; a changed value refreshes
// only the variables that use it; interval variables with "auto" follow the time range; datasource
// variables stand for the environment's Prometheus. Emits changed() once a refresh has settled.
class VariableResolver final : public QObject
{
    Q_OBJECT
public:
    explicit VariableResolver(PromClient *client, QObject *parent = nullptr);
    ~VariableResolver() override;

    void setVariables(const QList<Variable> &variables);
    const QList<Variable> &variables() const { return m_variables; }
    const Variable *variable(const QString &name) const;
    void setRange(qint64 startMs, qint64 endMs);
    // Asks Prometheus for every query variable's options, in dependency order.
    void refreshAll();
    // A value chosen by the user (several for a multi-value variable; kAll for All): dependents refresh.
    void setValue(const QString &name, const QStringList &values);
    // What every variable stands for now, for query expansion.
    QMap<QString, VariableValue> values() const;
    bool isBusy() const { return m_pending > 0; }
    // Why a query variable's last refresh failed (Prometheus's sentence), empty when it did not.
    QString error(const QString &name) const { return m_errors.value(name); }

    // The options a query variable's answer gives after its regex, de-duplicated and sorted (Grafana's
    // rules). texts receives what the selector shows when a named capture group says so.
    static QStringList filterOptions(const QStringList &raw, const QString &regex, int sort,
                                     QStringList *texts = nullptr);
    // Grafana's text for one query_result sample: name{a="1",b="2"} value timestampMs.
    static QString queryResultText(const Sample &sample);
    // The interval an "auto" interval variable takes for a range (Grafana's calculateInterval).
    static QString autoInterval(const Variable &v, qint64 rangeMs);

signals:
    // The options or value of a variable changed (name), and a refresh round settled (all).
    void optionsChanged(const QString &name);
    void changed();

private:
    void refresh(const QStringList &names);
    void ask(int index);
    void answered(int index, const QStringList &raw, const QString &error);
    QStringList dependents(const QString &name) const;
    void validate(Variable &v);

    PromClient *m_client;
    QList<Variable> m_variables;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    int m_pending = 0;
    QStringList m_queue; // variables waiting for one they depend on
    QHash<QString, QPointer<PromCall>> m_calls;
    QHash<QString, QString> m_errors;
    int m_generation = 0;
};

} // namespace Sitrep::Prom
