#pragma once

#include "prom/PanelProcessor.h"
#include "prom/PanelQueries.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Sitrep::Prom {

class PromCall;
class PromClient;

// What one panel's queries gave: their answers in target order, and what went wrong.
struct PanelAnswer
{
    QList<QueryResult> results;
    QStringList errors;
    QStringList warnings;
    bool transient = false; // an error worth retrying (server away or overloaded)
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 stepMs = 0;
};

// Runs a panel's planned queries against Prometheus (query_range, or /query for instant ones), cancels what a
// panel still waits for when it is asked again, and reports each panel once with everything its queries
// gave. Range answers are parsed and reduced to the plot's width on the thread pool.
class PanelRunner final : public QObject
{
    Q_OBJECT
public:
    explicit PanelRunner(PromClient *client, QObject *parent = nullptr);
    ~PanelRunner() override;

    void run(int key, int generation, const QList<PlannedQuery> &queries, int pixels);
    void cancel(int key);
    void cancelAll();
    int running() const { return int(m_pending.size()); }

    // Failures worth retrying: the server is away or overloaded. PromQL errors stay until the query changes.
    static bool isTransient(const QString &sentence);

signals:
    void answered(int key, int generation, const Sitrep::Prom::PanelAnswer &answer);

private:
    struct Pending
    {
        int generation = 0;
        int outstanding = 0;
        PanelAnswer answer;
        QList<QPointer<PromCall>> calls;
    };
    void finishOne(int key, int generation);

    PromClient *m_client;
    QHash<int, Pending> m_pending;
};

} // namespace Sitrep::Prom
