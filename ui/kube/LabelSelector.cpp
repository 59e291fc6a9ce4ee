#include "LabelSelector.h"

#include <QHash>
#include <QRegularExpression>

namespace Sitrep::Ui {

bool LabelSelector::parse(const QString &text, QString *error)
{
    m_terms.clear();
    // Split on commas outside parentheses.
    QStringList parts;
    QString cur;
    int depth = 0;
    for (QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            parts << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts << cur;
    static const QRegularExpression setRe(QStringLiteral("^([\\w./-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)$"));
    static const QRegularExpression keyRe(QStringLiteral("^!?[\\w./-]+$"));
    for (QString p : parts) {
        p = p.trimmed();
        if (p.isEmpty())
            continue;
        Term t;
        if (const auto m = setRe.match(p); m.hasMatch()) {
            t.key = m.captured(1);
            t.op = m.captured(2) == QLatin1String("in") ? Op::In : Op::NotIn;
            for (const QString &v : m.captured(3).split(QLatin1Char(',')))
                t.values << v.trimmed();
        } else if (const qsizetype ne = p.indexOf(QLatin1String("!=")); ne > 0) {
            t.key = p.left(ne).trimmed();
            t.op = Op::NotEquals;
            t.values << p.mid(ne + 2).trimmed();
        } else if (const qsizetype eq = p.indexOf(QLatin1Char('=')); eq > 0) {
            t.key = p.left(eq).trimmed();
            t.op = Op::Equals;
            t.values << p.mid(p.mid(eq, 2) == QLatin1String("==") ? eq + 2 : eq + 1).trimmed();
        } else if (keyRe.match(p).hasMatch()) {
            t.op = p.startsWith(QLatin1Char('!')) ? Op::NotExists : Op::Exists;
            t.key = p.startsWith(QLatin1Char('!')) ? p.mid(1) : p;
        } else {
            if (error)
                *error =
                    QStringLiteral("\"%1\" is not a label selector term (use k=v, k!=v, k in (a,b), k, !k)")
                        .arg(p);
            m_terms.clear();
            return false;
        }
        if (t.key.isEmpty() || t.key.contains(QLatin1Char(' '))) {
            if (error)
                *error = QStringLiteral("\"%1\" has no valid label key").arg(p);
            m_terms.clear();
            return false;
        }
        m_terms << t;
    }
    return true;
}

bool LabelSelector::matches(const QString &labels) const
{
    if (m_terms.isEmpty())
        return true;
    QHash<QString, QString> map;
    for (const QString &kv : labels.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        map.insert(kv.left(eq), eq >= 0 ? kv.mid(eq + 1) : QString());
    }
    for (const Term &t : m_terms) {
        const auto it = map.constFind(t.key);
        const bool has = it != map.constEnd();
        switch (t.op) {
        case Op::Equals:
            if (!has || *it != t.values.first())
                return false;
            break;
        case Op::NotEquals:
            if (has && *it == t.values.first())
                return false;
            break;
        case Op::In:
            if (!has || !t.values.contains(*it))
                return false;
            break;
        case Op::NotIn:
            if (has && t.values.contains(*it))
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

} // namespace Sitrep::Ui
