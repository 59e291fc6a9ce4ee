#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

// A Kubernetes label selector as it arrives in ?labelSelector= (=, ==, !=, in, notin, key, !key).
class LabelSelector final
{
public:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, NotExists };
    struct Requirement
    {
        QString key;
        Op op = Op::Exists;
        QStringList values;
    };

    static Core::Result<LabelSelector> parse(const QString &text);
    // From spec.selector.matchLabels (+ matchExpressions) of a workload.
    static LabelSelector fromMatchLabels(const QJsonObject &selector);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QJsonObject &labels) const;
    const QList<Requirement> &requirements() const { return m_requirements; }

private:
    QList<Requirement> m_requirements;
};

} // namespace Sitrep::Sim
