#include "prom/PanelRunner.h"

#include "prom/PromClient.h"

#include <QMap>

#include <cmath>

namespace Sitrep::Prom {

PanelRunner::PanelRunner(PromClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

PanelRunner::~PanelRunner()
{
    cancelAll();
}

bool PanelRunner::isTransient(const QString &sentence)
{
    return sentence.contains(QLatin1String(" is not reachable")) ||
           sentence.contains(QLatin1String(" did not answer within")) ||
           sentence.contains(QLatin1String(" gave up on the query")) ||
           sentence.contains(QLatin1String(" answered HTTP 5"));
}

void PanelRunner::cancel(int key)
{
    const auto it = m_pending.find(key);
    if (it == m_pending.end())
        return;
    const auto calls = it->calls;
    m_pending.erase(it);
    for (const auto &c : calls) {
        if (c)
            c->abort();
    }
}

void PanelRunner::cancelAll()
{
    const QList<int> keys = m_pending.keys();
    for (int k : keys)
        cancel(k);
}

void PanelRunner::finishOne(int key, int generation)
{
    const auto it = m_pending.find(key);
    if (it == m_pending.end() || it->generation != generation)
        return;
    if (--it->outstanding > 0)
        return;
    const PanelAnswer answer = it->answer;
    m_pending.erase(it);
    emit answered(key, generation, answer);
}

void PanelRunner::run(int key, int generation, const QList<PlannedQuery> &queries, int pixels)
{
    // A new range or refresh cancels what the panel still waits for.
    cancel(key);
    Pending &p = m_pending[key];
    p.generation = generation;
    p.outstanding = int(queries.size());
    p.answer.results.resize(queries.size());
    if (!queries.isEmpty()) {
        p.answer.startMs = queries.first().startMs;
        p.answer.endMs = queries.first().endMs;
        p.answer.stepMs = queries.first().step.stepMs;
    }
    if (queries.isEmpty()) {
        const PanelAnswer answer = p.answer;
        m_pending.remove(key);
        emit answered(key, generation, answer);
        return;
    }
    for (int t = 0; t < queries.size(); ++t) {
        const PlannedQuery &q = queries[t];
        QueryResult &r = p.answer.results[t];
        r.refId = q.refId;
        r.expr = q.expr;
        r.legendFormat = q.legendFormat;
        r.format = q.format;
        r.instant = q.instant;
        const auto failed = [this, key, generation](const QString &error) {
            const auto it = m_pending.find(key);
            if (it == m_pending.end() || it->generation != generation)
                return;
            it->answer.errors << error;
            it->answer.transient = it->answer.transient || isTransient(error);
        };
        PromCall *call = nullptr;
        if (q.instant) {
            call = m_client->query(q.expr, q.endMs, this,
                                   [this, key, generation, t, failed](Core::Result<InstantResult> res) {
                                       const auto it = m_pending.find(key);
                                       if (it == m_pending.end() || it->generation != generation)
                                           return;
                                       if (res) {
                                           // One series per label set; a range selector gives several
                                           // samples.
                                           QMap<QString, RangeSeries> bySeries;
                                           QStringList order;
                                           for (const Sample &s : res->samples) {
                                               const QString id = labelsToString(s.labels);
                                               if (!bySeries.contains(id)) {
                                                   order << id;
                                                   bySeries[id].labels = s.labels;
                                               }
                                               RangeSeries &rs = bySeries[id];
                                               rs.timesMs << std::round(s.timeSec * 1000.0);
                                               rs.values << s.value;
                                           }
                                           for (const QString &id : order)
                                               it->answer.results[t].series << bySeries.value(id);
                                           it->answer.warnings << res->warnings;
                                       } else {
                                           failed(res.error().message);
                                       }
                                       finishOne(key, generation);
                                   });
        } else {
            RangeQuery rq{q.expr, q.startMs, q.endMs, q.step.stepMs,
                          q.format == QLatin1String("table") ? 0 : pixels};
            call = m_client->queryRange(rq, this,
                                        [this, key, generation, t, failed](Core::Result<RangeResult> res) {
                                            const auto it = m_pending.find(key);
                                            if (it == m_pending.end() || it->generation != generation)
                                                return;
                                            if (res) {
                                                it->answer.results[t].series = res->series;
                                                it->answer.warnings << res->warnings;
                                            } else {
                                                failed(res.error().message);
                                            }
                                            finishOne(key, generation);
                                        });
        }
        m_pending[key].calls << call;
    }
}

} // namespace Sitrep::Prom
