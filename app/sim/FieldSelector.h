#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sitrep::Sim {

// A field selector (?fieldSelector=metadata.name=x,status.phase!=Running): =, == and != on dotted paths.
class FieldSelector final
{
public:
    struct Requirement
    {
        QString path;
        bool negate = false;
        QString value;
    };

    static Core::Result<FieldSelector> parse(const QString &text);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QJsonObject &object) const;
    // The value at a dotted path ("involvedObject.name"), as a string ("" when absent).
    static QString fieldValue(const QJsonObject &object, const QString &path);
    const QList<Requirement> &requirements() const { return m_requirements; }

private:
    QList<Requirement> m_requirements;
};

} // namespace Sitrep::Sim
