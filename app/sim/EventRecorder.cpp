#include "sim/EventRecorder.h"

#include "sim/ClusterState.h"
#include "sim/SimTime.h"

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

void EventRecorder::record(const QJsonObject &involved, const QString &type, const QString &reason,
                           const QString &message, const QString &component, const QString &host,
                           const QString &fieldPath, int count, qint64 firstMs)
{
    const QJsonObject meta = involved.value("metadata"_L1).toObject();
    const QString ns = meta.value("namespace"_L1).toString(u"default"_s);
    const QString uid = meta.value("uid"_L1).toString();
    const QString now = SimTime::rfc3339(m_state.nowMs());
    const QString dedupe =
        uid + QLatin1Char('|') + reason + QLatin1Char('|') + message + QLatin1Char('|') + fieldPath;
    if (const auto it = m_byKey.constFind(dedupe); it != m_byKey.constEnd()) {
        const QString eventName = it->section(QLatin1Char('/'), 1);
        if (auto existing = m_state.get(u"events"_s, ns, eventName)) {
            QJsonObject e = *existing;
            e.insert("count"_L1, e.value("count"_L1).toInt(1) + 1);
            e.insert("lastTimestamp"_L1, now);
            m_state.update(u"events"_s, e);
            return;
        }
    }
    QJsonObject ref{{u"kind"_s, involved.value("kind"_L1)},
                    {u"namespace"_s, ns},
                    {u"name"_s, meta.value("name"_L1)},
                    {u"uid"_s, uid},
                    {u"apiVersion"_s, involved.value("apiVersion"_L1)},
                    {u"resourceVersion"_s, meta.value("resourceVersion"_L1)}};
    if (!fieldPath.isEmpty())
        ref.insert("fieldPath"_L1, fieldPath);
    const QString name = meta.value("name"_L1).toString() + QLatin1Char('.') +
                         QString::number(0x180000000ULL + (++m_counter) * 7919, 16);
    QJsonObject source{{u"component"_s, component}};
    if (!host.isEmpty())
        source.insert("host"_L1, host);
    const QJsonObject event{
        {u"kind"_s, u"Event"_s},
        {u"apiVersion"_s, u"v1"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, ns}}},
        {u"involvedObject"_s, ref},
        {u"reason"_s, reason},
        {u"message"_s, message},
        {u"source"_s, source},
        {u"firstTimestamp"_s, firstMs > 0 ? SimTime::rfc3339(firstMs) : now},
        {u"lastTimestamp"_s, now},
        {u"count"_s, qMax(1, count)},
        {u"type"_s, type},
        {u"eventTime"_s, QJsonValue::Null},
        {u"reportingComponent"_s, component},
        {u"reportingInstance"_s, host},
    };
    m_state.create(u"events"_s, event);
    m_byKey.insert(dedupe, ns + QLatin1Char('/') + name);
    // Keep the store bounded the way the apiserver's event TTL does.
    if (m_state.count(u"events"_s) > m_maxEvents) {
        QString oldestKey;
        qint64 oldest = std::numeric_limits<qint64>::max();
        for (const QJsonObject &e : m_state.list(u"events"_s)) {
            const qint64 t = SimTime::parseMs(e.value("lastTimestamp"_L1).toString());
            if (t < oldest) {
                oldest = t;
                oldestKey = e.value("metadata"_L1).toObject().value("namespace"_L1).toString() +
                            QLatin1Char('/') + e.value("metadata"_L1).toObject().value("name"_L1).toString();
            }
        }
        if (!oldestKey.isEmpty())
            m_state.remove(u"events"_s, oldestKey.section(QLatin1Char('/'), 0, 0),
                           oldestKey.section(QLatin1Char('/'), 1));
    }
}

} // namespace Sitrep::Sim
