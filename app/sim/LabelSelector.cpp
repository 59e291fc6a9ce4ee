#include "sim/LabelSelector.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

// Splits on commas that are not inside a (...) value set.
QStringList splitTerms(const QString &text)
{
    QStringList out;
    int depth = 0;
    QString current;
    for (const QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            out << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty() || !out.isEmpty())
        out << current.trimmed();
    return out;
}

bool validKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
              c == QLatin1Char('.') || c == QLatin1Char('/')))
            return false;
    }
    return true;
}

} // namespace

Core::Result<LabelSelector> LabelSelector::parse(const QString &text)
{
    LabelSelector selector;
    for (const QString &term : splitTerms(text.trimmed())) {
        if (term.isEmpty())
            return Core::makeError(u"empty requirement in label selector"_s, text);
        Requirement r;
        const int setOpen = term.indexOf(QLatin1Char('('));
        if (setOpen > 0) {
            const QStringList head = term.left(setOpen).simplified().split(QLatin1Char(' '));
            if (head.size() != 2 || !term.endsWith(QLatin1Char(')')))
                return Core::makeError(u"cannot parse set requirement \"%1\""_s.arg(term), text);
            r.key = head.at(0);
            if (head.at(1) == "in"_L1)
                r.op = Op::In;
            else if (head.at(1) == "notin"_L1)
                r.op = Op::NotIn;
            else
                return Core::makeError(u"unknown operator \"%1\" (use in or notin)"_s.arg(head.at(1)), text);
            const QString inner = term.mid(setOpen + 1, term.size() - setOpen - 2);
            for (const QString &v : inner.split(QLatin1Char(',')))
                r.values << v.trimmed();
        } else if (term.startsWith(QLatin1Char('!'))) {
            r.key = term.mid(1).trimmed();
            r.op = Op::NotExists;
        } else if (const int ne = term.indexOf("!="_L1); ne > 0) {
            r.key = term.left(ne).trimmed();
            r.op = Op::NotEquals;
            r.values << term.mid(ne + 2).trimmed();
        } else if (const int ee = term.indexOf("=="_L1); ee > 0) {
            r.key = term.left(ee).trimmed();
            r.op = Op::Equals;
            r.values << term.mid(ee + 2).trimmed();
        } else if (const int eq = term.indexOf(QLatin1Char('=')); eq > 0) {
            r.key = term.left(eq).trimmed();
            r.op = Op::Equals;
            r.values << term.mid(eq + 1).trimmed();
        } else {
            r.key = term;
            r.op = Op::Exists;
        }
        if (!validKey(r.key))
            return Core::makeError(u"invalid label key \"%1\""_s.arg(r.key), text);
        selector.m_requirements << r;
    }
    return selector;
}

LabelSelector LabelSelector::fromMatchLabels(const QJsonObject &selector)
{
    LabelSelector out;
    const QJsonObject matchLabels = selector.value("matchLabels"_L1).toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        out.m_requirements << Requirement{it.key(), Op::Equals, {it.value().toString()}};
    for (const QJsonValue &e : selector.value("matchExpressions"_L1).toArray()) {
        const QJsonObject expr = e.toObject();
        Requirement r;
        r.key = expr.value("key"_L1).toString();
        const QString op = expr.value("operator"_L1).toString();
        r.op = op == "In"_L1             ? Op::In
               : op == "NotIn"_L1        ? Op::NotIn
               : op == "DoesNotExist"_L1 ? Op::NotExists
                                         : Op::Exists;
        for (const QJsonValue &v : expr.value("values"_L1).toArray())
            r.values << v.toString();
        out.m_requirements << r;
    }
    return out;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    for (const Requirement &r : m_requirements) {
        const auto it = labels.constFind(r.key);
        const bool has = it != labels.constEnd();
        const QString value = has ? it->toString() : QString();
        switch (r.op) {
        case Op::Equals:
            if (!has || value != r.values.value(0))
                return false;
            break;
        case Op::NotEquals:
            if (has && value == r.values.value(0))
                return false;
            break;
        case Op::In:
            if (!has || !r.values.contains(value))
                return false;
            break;
        case Op::NotIn:
            if (has && r.values.contains(value))
                return false;
            break;
        case Op::Exists:
            if (!has)
                return false;
            break;
        case Op::NotExists:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

} // namespace Sitrep::Sim
