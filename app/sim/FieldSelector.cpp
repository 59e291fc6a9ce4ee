#include "sim/FieldSelector.h"

#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

Core::Result<FieldSelector> FieldSelector::parse(const QString &text)
{
    FieldSelector selector;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return selector;
    for (const QString &raw : trimmed.split(QLatin1Char(','))) {
        const QString term = raw.trimmed();
        Requirement r;
        int opAt = term.indexOf("!="_L1);
        int opLen = 2;
        if (opAt > 0) {
            r.negate = true;
        } else if ((opAt = term.indexOf("=="_L1)) > 0) {
            opLen = 2;
        } else {
            opAt = term.indexOf(QLatin1Char('='));
            opLen = 1;
        }
        if (opAt <= 0)
            return Core::makeError(u"invalid field selector term \"%1\" (expected field=value)"_s.arg(term),
                                   text);
        r.path = term.left(opAt).trimmed();
        r.value = term.mid(opAt + opLen).trimmed();
        selector.m_requirements << r;
    }
    return selector;
}

QString FieldSelector::fieldValue(const QJsonObject &object, const QString &path)
{
    QJsonValue v = object;
    for (const QStringView part : QStringView(path).split(QLatin1Char('.')))
        v = v.toObject().value(part);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

bool FieldSelector::matches(const QJsonObject &object) const
{
    for (const Requirement &r : m_requirements) {
        const bool equal = fieldValue(object, r.path) == r.value;
        if (equal == r.negate)
            return false;
    }
    return true;
}

} // namespace Sitrep::Sim
